"""The schema comes only from Alembic: models and migrations agree, and migrations reverse."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
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
