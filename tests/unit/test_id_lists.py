"""Id lists bind as one array on PostgreSQL and as an expanding IN elsewhere; built once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, select
from sqlalchemy.dialects import postgresql, sqlite

from service.db.id_lists import PerDialect, among


def test_postgres_binds_the_whole_list_as_one_array_parameter() -> None:
    statement: Any = select(column("id")).where(among(column("id"), "ids", postgres=True))
    compiled = statement.compile(dialect=postgresql.asyncpg.dialect())
    assert "= ANY ($1::INTEGER[])" in str(compiled)
    # The text does not depend on the length of the list: one prepared statement for all.
    assert list(compiled.construct_params({"ids": [1, 2, 3]}).values()) == [[1, 2, 3]]


def test_sqlite_expands_the_list_into_an_in_clause() -> None:
    statement: Any = select(column("id")).where(among(column("id"), "ids", postgres=False))
    compiled = statement.compile(dialect=sqlite.dialect())
    assert "IN (__[POSTCOMPILE_ids])" in str(compiled)


class _Bind:
    def __init__(self, name: str) -> None:
        self.dialect = type("Dialect", (), {"name": name})()


class _Session:
    def __init__(self, name: str) -> None:
        self._bind = _Bind(name)

    def get_bind(self) -> _Bind:
        return self._bind


def test_a_statement_is_built_once_per_kind_of_database() -> None:
    built: list[bool] = []

    def build(postgres: bool) -> tuple[bool, int]:
        built.append(postgres)
        return (postgres, len(built))

    statements: PerDialect[tuple[bool, int]] = PerDialect(build)
    sessions: list[Any] = [_Session("postgresql"), _Session("sqlite"), _Session("postgresql")]
    results = [statements(session) for session in sessions]
    assert results == [(True, 1), (False, 2), (True, 1)]
    assert built == [True, False]
