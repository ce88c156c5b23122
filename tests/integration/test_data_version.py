"""The PostgreSQL data version: it changes with every committed write, once per transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.services.data_version import data_version

pytestmark = pytest.mark.anyio

ADD_ENTITY = text(
    "INSERT INTO entities (key, name, kind, origin, created_at) "
    "VALUES (:key, :key, 'organization', 'discovered', now())"
)


async def test_a_transaction_of_many_writes_bumps_the_version_once(engine: AsyncEngine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's version is its own PRAGMA data_version")
    async with engine.connect() as reader:
        before = await data_version(reader)
    async with engine.begin() as connection:
        for n in range(50):
            await connection.execute(ADD_ENTITY, {"key": f"bulk-{n}"})
        bumps = await connection.scalar(text("SELECT sum(version) FROM data_versions"))
    async with engine.connect() as reader:
        after_bulk = await data_version(reader)
    assert after_bulk == bumps
    assert isinstance(before, int) and after_bulk == before + 1
    # A later transaction bumps again; a rolled-back one leaves the version alone.
    async with engine.begin() as connection:
        await connection.execute(ADD_ENTITY, {"key": "later"})
    async with engine.connect() as connection:
        transaction = await connection.begin()
        await connection.execute(ADD_ENTITY, {"key": "never"})
        await transaction.rollback()
    async with engine.connect() as reader:
        assert await data_version(reader) == after_bulk + 1
