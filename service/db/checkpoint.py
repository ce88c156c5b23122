"""Copy SQLite's write-ahead log into the database off the request path.

By default the connection that commits past 1,000 pages of log copies the log into the
database and syncs it to disk (a checkpoint): 8-20 ms, about every 15th ingest, in the
request (on the event loop's thread, where writes run: `sqlite_inline`). A server instead
runs a passive checkpoint in a worker thread every half second, on a connection of its own:
it never blocks a reader or a writer, and the next commit after it rewinds the log. The
writers' own threshold is raised (`AUTOCHECKPOINT_PAGES`) but kept as a safety net for
processes that run no checkpointer (the CLI, a script) or whose checkpointer falls behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3

import anyio.to_thread

# The writers' own threshold (pages of 4 KiB): the log stays below ~40 MB.
AUTOCHECKPOINT_PAGES = 10_000
INTERVAL_SECONDS = 0.5

log = logging.getLogger("factcheck.checkpoint")


class Checkpointer:
    """A task that checkpoints a SQLite file's write-ahead log in the background."""

    def __init__(self, path: str, interval: float = INTERVAL_SECONDS) -> None:
        self._path = path
        self._interval = interval
        self._task: asyncio.Task[None] | None = None
        self._connection: sqlite3.Connection | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="wal-checkpoint")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                # Not abandoned on cancel: the connection is closed only once it is done.
                await anyio.to_thread.run_sync(self._checkpoint)
            except sqlite3.Error as error:  # a busy or missing file: try again later
                log.debug("checkpoint skipped: %s", error)

    def _checkpoint(self) -> None:
        if self._connection is None:
            self._connection = sqlite3.connect(
                self._path, timeout=0, isolation_level=None, check_same_thread=False
            )
        self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
