"""Shared fixtures: one database per engine (SQLite file, PostgreSQL), built by the migrations.

`FACTCHECK_TEST_DB` picks the engines: `sqlite`, `postgres` or `all` (default). PostgreSQL is
reached at `FACTCHECK_TEST_POSTGRES_URL` (default: the local server's `test` database); each
test run creates its own database there and drops it at the end.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from service.app import create_app
from service.db.base import Base
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def _engines() -> list[str]:
    choice = os.environ.get("FACTCHECK_TEST_DB", "all").lower()
    return ["sqlite", "postgres"] if choice == "all" else [choice]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _create_postgres_database() -> str:
    base = make_url(os.environ.get("FACTCHECK_TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    name = f"factcheck_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()

    asyncio.run(create())
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    target = make_url(url)
    base = make_url(os.environ.get("FACTCHECK_TEST_POSTGRES_URL", DEFAULT_POSTGRES))

    async def drop() -> None:
        admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(
                text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
            )
        await admin.dispose()

    asyncio.run(drop())


@pytest.fixture(scope="session", params=_engines())
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated, empty database of each engine, for the whole test session."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'factcheck.db'}"
    else:
        url = _create_postgres_database()

    async def migrate() -> None:
        engine = make_engine(url)
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(migrate())
    yield url
    if request.param == "postgres":
        _drop_postgres_database(url)


async def _empty_tables(engine: AsyncEngine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on an emptied database: every test starts from nothing."""
    engine = make_engine(database_url)
    await _empty_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
async def app(engine: AsyncEngine, settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as client:
        yield client


def seed_payloads() -> list[dict[str, object]]:
    """The five seed articles as POST /sources bodies (front matter becomes metadata)."""
    import msgspec

    from service.ingest_files import article_files, payload_from_file

    return [msgspec.to_builtins(payload_from_file(path)) for path in article_files([SEEDS])]


@pytest.fixture
async def seeded(client: AsyncTestClient[Litestar]) -> list[dict[str, object]]:
    """The seeds ingested through the API; returns the created sources."""
    created = []
    for payload in seed_payloads():
        response = await client.post("/sources", json=payload)
        assert response.status_code == 201, response.text
        created.append(response.json())
    return created
