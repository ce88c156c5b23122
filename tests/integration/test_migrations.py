"""The schema comes only from Alembic: models and migrations agree, and migrations reverse."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.base import Base
from service.db.migrate import downgrade, upgrade

pytestmark = pytest.mark.anyio


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


async def test_models_and_migrations_have_no_drift(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_upgrade_downgrade_upgrade(engine: AsyncEngine) -> None:
    expected = set(Base.metadata.tables)
    async with engine.connect() as connection:
        assert await connection.run_sync(_tables) == expected
    await downgrade(engine, "base")
    async with engine.connect() as connection:
        assert await connection.run_sync(_tables) == set()
    await upgrade(engine)
    async with engine.connect() as connection:
        assert await connection.run_sync(_tables) == expected
        assert await connection.run_sync(_differences) == []


async def test_engine_version_comes_and_goes_without_touching_stored_data(
    engine: AsyncEngine, seeded: list[dict[str, object]]
) -> None:
    """Sources stored before the engine version was recorded keep everything and count as
    stale; going back drops only the column (not, by copying `sources`, every claim)."""

    def counts(connection: Connection) -> tuple[int, ...]:
        return tuple(
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("sources", "claims", "assertions", "facts")
        )

    async with engine.connect() as connection:
        stored = await connection.run_sync(counts)
    assert stored[0] == len(seeded) and stored[1] > 0
    await downgrade(engine, "5c1e0a7d2b9f")
    async with engine.connect() as connection:
        assert await connection.run_sync(counts) == stored
    await upgrade(engine)
    async with engine.connect() as connection:
        assert await connection.run_sync(counts) == stored
        versions = await connection.execute(text("SELECT engine_version FROM sources"))
        assert [version for (version,) in versions] == [None] * len(seeded)
