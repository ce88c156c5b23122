"""SQLite connections that run their statements on the event loop's thread.

aiosqlite runs every call (cursor, execute, fetch, close: about four per statement) in the
connection's own thread and wakes the event loop for each answer: 210-255 microseconds per
statement on a loaded machine (1.3 called directly), several milliseconds per ingest of ~20
statements, more than SQLite itself spends on most of them. So a statement runs in place;
only waiting is moved off the loop: the connection has no busy timeout, and a statement that
finds the database locked by another writer (SQLITE_BUSY, raised before the statement
changed anything) is run again on the connection's thread with the configured timeout, so
the loop keeps serving other requests while it waits, as before.

Calls on one connection never overlap (SQLAlchemy awaits each before the next, and while a
call runs in the thread later ones queue behind it), so the sqlite3 connection, opened
without its same-thread check, is used by one thread at a time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from service.db.sqlite_connection import SqliteConnection


class InlineConnection(SqliteConnection):
    """An aiosqlite connection that runs calls in place and waits for locks in its thread."""

    def __init__(
        self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int, wait: float
    ) -> None:
        super().__init__(connector, iter_chunk_size)
        self._wait_ms = int(wait * 1000)
        # Calls handed to the thread and not finished yet. While there are any, later calls
        # queue behind them: a request cancelled during a wait must not roll back on the
        # loop's thread while the thread still runs its statement.
        self._in_thread = 0
        self._count_lock = threading.Lock()

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        if not self._in_thread:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
        with self._count_lock:
            self._in_thread += 1
        queued = super()._execute(self._waiting, fn, *args, **kwargs)  # type: ignore[no-untyped-call]
        return await queued

    def _waiting(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`fn` again with the busy timeout on (in the connection's thread), then off."""
        try:
            if fn == self._conn.close:
                # Queued behind a wait (a cancelled statement's connection being closed):
                # once closed, there is no timeout to turn off.
                return fn(*args, **kwargs)
            self._conn.execute(f"PRAGMA busy_timeout = {self._wait_ms}")
            try:
                return fn(*args, **kwargs)
            finally:
                self._conn.execute("PRAGMA busy_timeout = 0")
        finally:
            with self._count_lock:
                self._in_thread -= 1


def connect_inline(
    database: str | Path, *, iter_chunk_size: int = 64, timeout: float = 5.0, **kwargs: Any
) -> InlineConnection:
    """What `aiosqlite.connect` makes, inline; `timeout` is the longest wait for a lock.

    Passed to SQLAlchemy as `connect_args={"async_creator_fn": connect_inline}`.
    """
    kwargs["check_same_thread"] = False
    connector = partial(sqlite3.connect, str(database), timeout=0, **kwargs)
    connection = InlineConnection(connector, iter_chunk_size, timeout)
    # As aiosqlite.connect: a forgotten connection must not keep the process alive.
    connection._thread.daemon = True
    return connection
