"""aiosqlite connections whose opening can be cancelled without outliving the event loop.

aiosqlite opens the database in the connection's thread. If the task awaiting that is
cancelled (a request, or the webhook dispatcher stopped at shutdown before its first
connection was open), aiosqlite 0.22 queues the thread's stop without waiting for it, and
the database the thread then opens is never closed. On a loaded machine the loop may end
first; the thread then answers a closed loop and dies ("Event loop is closed"). Here the
thread records what it opened, and a failed or cancelled opening waits until the thread
has closed it and ended before it raises.
"""

from __future__ import annotations

import asyncio
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite


class SqliteConnection(aiosqlite.Connection):
    """aiosqlite's connection; an opening that fails or is cancelled ends its thread first."""

    async def _connect(self) -> SqliteConnection:
        if self._connection is None:
            opened = asyncio.get_running_loop().create_future()
            self._tx.put_nowait((opened, self._open))
            try:
                await opened
            except BaseException:
                # Queued behind the opening: closes what it opened, then ends the thread.
                stopped = self.stop()
                if stopped is not None and await _outlast_cancellation(stopped):
                    raise asyncio.CancelledError from None  # cancelled meanwhile: say so
                raise
        return self

    def _open(self) -> sqlite3.Connection:
        # Runs in the thread: owned as soon as it exists, so that a stop queued behind a
        # cancelled opening finds the connection to close.
        self._connection = self._connector()
        return self._connection


async def _outlast_cancellation(future: asyncio.Future[Any]) -> bool:
    """Wait for `future` to be done, however often cancelled meanwhile; True when a
    cancellation arrived (the caller must not lose it). What `future` holds is not the
    caller's concern."""
    cancelled = False
    while not future.done():
        try:
            await asyncio.wait((future,))
        except asyncio.CancelledError:
            cancelled = True
    if not future.cancelled():
        future.exception()  # retrieved: a failed close is not logged as never retrieved
    return cancelled


def connect_threaded(
    database: str | Path, *, iter_chunk_size: int = 64, **kwargs: Any
) -> SqliteConnection:
    """What `aiosqlite.connect` makes, with the safe opening above.

    Passed to SQLAlchemy as `connect_args={"async_creator_fn": connect_threaded}`.
    """
    connector = partial(sqlite3.connect, str(database), **kwargs)
    connection = SqliteConnection(connector, iter_chunk_size)
    # As aiosqlite.connect: a forgotten connection must not keep the process alive.
    connection._thread.daemon = True
    return connection
