"""Copy SQLite's write-ahead log into the database off the request path.

By default the connection that commits past 1,000 pages of log copies the log into the
database and syncs it to disk (a checkpoint): 8-20 ms, about every 15th ingest, in the
request (on the event loop's thread, where writes run: `sqlite_inline`). A server instead
runs a passive checkpoint in a thread of its own every half second, on its own connection:
it never blocks a reader or a writer, and the next commit after it rewinds the log. The
writers' own threshold is raised (`AUTOCHECKPOINT_PAGES`) but kept as a safety net for
processes that run no checkpointer (the CLI, a script) or whose checkpointer falls behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from urllib.request import pathname2url

import anyio.to_thread

# The writers' own threshold (pages of 4 KiB): the log stays below ~40 MB.
AUTOCHECKPOINT_PAGES = 10_000
INTERVAL_SECONDS = 0.5

log = logging.getLogger("factcheck.checkpoint")


class Checkpointer:
    """A thread that checkpoints a SQLite file's write-ahead log every `interval` seconds.

    The thread owns its connection from opening to closing: nothing else ever touches it.
    """

    def __init__(self, path: str, interval: float = INTERVAL_SECONDS) -> None:
        self._path = path
        self._interval = interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stopping.clear()  # started again after a stop
            self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
            self._thread.start()

    async def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            await anyio.to_thread.run_sync(thread.join)

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            while not self._stopping.wait(self._interval):
                try:
                    if connection is None:
                        # Read-write, never create: a missing file is not this thread's to make.
                        uri = f"file:{pathname2url(self._path)}?mode=rw"
                        connection = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as error:  # busy, or the file is gone: try again later
                    log.debug("checkpoint skipped: %s", error)
        finally:
            if connection is not None:
                connection.close()
