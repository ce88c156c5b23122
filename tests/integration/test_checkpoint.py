"""The server copies SQLite's write-ahead log into the database in the background."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from service.db.checkpoint import Checkpointer

pytestmark = pytest.mark.anyio


async def test_the_log_is_copied_into_the_database(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # only the checkpointer copies
    writer.execute("CREATE TABLE t (x TEXT)")
    writer.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,) for _ in range(500)])
    before = path.stat().st_size
    checkpointer = Checkpointer(str(path), interval=0.05)
    checkpointer.start()
    try:
        for _ in range(100):
            await asyncio.sleep(0.05)
            grown = path.stat().st_size - before
            if grown > 400_000:
                break
    finally:
        await checkpointer.stop()
        writer.close()  # (closing the last connection would copy the log too)
    assert grown > 400_000  # the rows are in the database file, with the writer still open
