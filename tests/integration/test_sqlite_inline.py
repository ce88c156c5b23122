"""SQLite statements run on the event loop's thread, but a wait for another writer's lock
does not block the loop (service/db/sqlite_inline.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from service.db.engine import make_engine
from service.db.sqlite_inline import connect_inline

pytestmark = pytest.mark.anyio


def _locked_by_another_writer(path: Path) -> sqlite3.Connection:
    """A WAL database with a table `t`, and a connection that holds its write lock."""
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (x INTEGER)")
    setup.close()
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


async def test_a_statement_runs_on_the_loop_thread(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    seen: list[int] = []
    try:
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            await raw.driver_connection.create_function(  # type: ignore[union-attr]
                "thread_id", 0, lambda: seen.append(threading.get_ident()) or 0
            )
            await connection.execute(text("SELECT thread_id()"))
    finally:
        await engine.dispose()
    assert seen == [threading.get_ident()]


async def test_a_locked_database_is_waited_for_off_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (x INTEGER)"))
        # Another process's writer, as far as SQLite can tell: its own connection.
        holder = sqlite3.connect(path, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO t VALUES (1)")
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        async def release() -> None:
            await asyncio.sleep(0.3)
            holder.commit()

        ticker = asyncio.create_task(tick())
        releaser = asyncio.create_task(release())
        started = time.perf_counter()
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO t VALUES (2)"))
        waited = time.perf_counter() - started
        ticker.cancel()
        await releaser
        holder.close()
        async with engine.connect() as connection:
            values = list(await connection.scalars(text("SELECT x FROM t ORDER BY x")))
    finally:
        await engine.dispose()
    assert values == [1, 2]
    assert waited >= 0.25  # it waited for the other writer ...
    assert ticks >= 10  # ... while the loop kept running


async def test_a_call_after_a_cancelled_wait_queues_behind_it(tmp_path: Path) -> None:
    path = tmp_path / "cancel.db"
    holder = _locked_by_another_writer(path)
    holder.execute("INSERT INTO t VALUES (1)")
    connection = await connect_inline(path, timeout=5)
    try:
        waiting = asyncio.create_task(connection.execute("INSERT INTO t VALUES (2)"))
        await asyncio.sleep(0.1)
        waiting.cancel()  # a request cancelled while its statement waits in the thread
        rollback = asyncio.create_task(connection.rollback())
        await asyncio.sleep(0.1)
        assert not rollback.done()  # not run beside the waiting statement: behind it
        holder.commit()
        await rollback
        cursor = await connection.execute("SELECT x FROM t ORDER BY x")
        assert [row[0] for row in await cursor.fetchall()] == [1]
    finally:
        await connection.close()
        holder.close()


async def test_a_close_after_a_cancelled_wait_closes_cleanly(tmp_path: Path) -> None:
    # What SQLAlchemy does with a connection whose statement was cancelled: it closes it.
    path = tmp_path / "close.db"
    holder = _locked_by_another_writer(path)
    connection = await connect_inline(path, timeout=5)
    try:
        waiting = asyncio.create_task(connection.execute("INSERT INTO t VALUES (1)"))
        await asyncio.sleep(0.1)
        waiting.cancel()
        closing = asyncio.create_task(connection.close())
        await asyncio.sleep(0.1)
        holder.commit()
        await closing  # behind the waiting statement, and without an error
    finally:
        holder.close()
    connection._thread.join(2)
    assert not connection._thread.is_alive()
