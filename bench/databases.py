"""Scratch databases for the benchmarks: a SQLite file or a PostgreSQL database made and dropped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES_ADMIN = os.environ.get(
    "FACTCHECK_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


async def admin(statement: str) -> None:
    """Run one statement on the PostgreSQL admin database, outside a transaction."""
    engine = create_async_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextlib.contextmanager
def scratch_database(engine: str, name: str = "factcheck_bench") -> Iterator[str]:
    """A fresh, empty database URL of `engine` (`sqlite` or `postgres`), removed afterwards."""
    if engine == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        try:
            yield f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if engine != "postgres":
        raise ValueError(f"unknown engine {engine!r}")
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    base, _, _db = POSTGRES_ADMIN.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def server_version(url: str) -> str:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            query = "SELECT sqlite_version()" if url.startswith("sqlite") else "SHOW server_version"
            return str(await connection.scalar(text(query)))
    finally:
        await engine.dispose()
