"""A column matched against a list of ids: one array parameter on PostgreSQL, IN (...) elsewhere.

`column.in_(ids)` renders one bound parameter per id into the statement on every execution
(a page of /conflicts binds ~760 assertion ids: milliseconds of SQL compilation per
request), and each length of list is a new statement text for asyncpg to prepare.
`column = ANY(:ids)` is one statement whatever the length, compiled once. SQLite has no
arrays, so it keeps an expanding IN.

The statements of read pages are built once (`PerDialect`): building a select of twenty
columns and adapting the cached compilation to the new object cost more than running it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

Built = TypeVar("Built")


def among(column: Any, name: str, *, postgres: bool) -> ColumnElement[bool]:
    """`column` is one of the ids bound as `name` (a list), in the form the database likes."""
    if postgres:
        return column == any_(bindparam(name, type_=ARRAY(Integer)))  # type: ignore[no-any-return]
    return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class PerDialect(Generic[Built]):
    """A statement built once per kind of database, on first use."""

    def __init__(self, build: Callable[[bool], Built]) -> None:
        self._build = build
        self._built: dict[bool, Built] = {}

    def __call__(self, session: AsyncSession) -> Built:
        postgres = is_postgres(session)
        built = self._built.get(postgres)
        if built is None:
            built = self._built[postgres] = self._build(postgres)
        return built
