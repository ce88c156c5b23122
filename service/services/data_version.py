"""A token that changes whenever the database's committed data may have changed.

Read caches key their entries on it, so a cached answer is served only while no write has
been committed since it was computed, by this process or any other sharing the database.

- PostgreSQL: the sum of `data_versions`, which statement triggers on every table the
  reads show bump in the writer's transaction (migration `data_version_triggers`). A commit
  makes its data and its bump visible at once, every committed write raises the sum, and rows
  are never deleted, so the sum never repeats. Writes to other tables (webhook deliveries)
  or to other databases of the cluster leave it alone.
- SQLite: `PRAGMA data_version`, which changes when another connection commits. It is a
  per-connection count, so the token also names the connection; the connection must never
  write itself (the read-only engine refuses writes), or its own commits would go unseen.
  `SqliteVersionProbe` reads it on a private connection without leaving the event loop: the
  pragma only looks at the write-ahead log's shared index (microseconds), while a round trip
  through aiosqlite's thread cost most of a cached answer's time.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Hashable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_POSTGRES = text("SELECT coalesce(sum(version), 0) FROM data_versions")
_SQLITE = text("PRAGMA data_version")
_serials = itertools.count(1)


async def data_version(connection: AsyncConnection) -> Hashable:
    """The token of what `connection` can see now (one cheap statement)."""
    if connection.dialect.name == "postgresql":
        return int(await connection.scalar(_POSTGRES) or 0)
    # `info` lives as long as the DBAPI connection: the serial names that connection.
    serial = connection.info.setdefault("data_version_serial", next(_serials))
    return (serial, int(await connection.scalar(_SQLITE) or 0))


class SqliteVersionProbe:
    """`PRAGMA data_version` of a SQLite file, read in the calling thread.

    The private connection only reads (`query_only`) and never waits: a busy database (a
    write-ahead log being reset) makes `read` return None, and the caller falls back to the
    pooled connection, so the event loop is never blocked behind a lock.
    """

    def __init__(self, path: str) -> None:
        self._serial = next(_serials)
        self._connection = sqlite3.connect(
            path, timeout=0, isolation_level=None, check_same_thread=False
        )
        self._connection.execute("PRAGMA query_only=ON")

    def read(self) -> Hashable | None:
        try:
            (row,) = self._connection.execute("PRAGMA data_version").fetchall()
        except sqlite3.Error:
            return None
        return (self._serial, int(row[0]))

    def close(self) -> None:
        self._connection.close()
