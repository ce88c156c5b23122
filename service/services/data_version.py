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
- `PostgresVersionProbe` reads the PostgreSQL token on one connection of its own, shared by
  the requests that wait at the same moment (see its docstring).
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from collections.abc import Hashable

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_POSTGRES = text("SELECT coalesce(sum(version), 0) FROM data_versions")
_SQLITE = text("PRAGMA data_version")
_serials = itertools.count(1)
# A version read slower than this is abandoned: the request reads through its pool instead.
_TIMEOUT_SECONDS = 2.0


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


class PostgresVersionProbe:
    """The PostgreSQL data version on a dedicated connection, one read shared by many requests.

    A request may only use a read that started after it arrived, or it could miss a commit
    that preceded it (a client that wrote, then reads through another process). So a request
    that arrives while a read is running waits for the next read, which then answers every
    request that queued meanwhile: under load one round trip serves several requests, and no
    request waits for more than two. Any failure answers None, the caller then reads through
    its pool, and the next read opens a new connection.
    """

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._connection: asyncpg.Connection | None = None
        self._next: asyncio.Future[Hashable | None] | None = None
        self._reader: asyncio.Task[None] | None = None

    async def read(self) -> Hashable | None:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        waiting = self._next
        if self._reader is None:
            self._reader = asyncio.create_task(self._serve())
        # shield: a cancelled request must not cancel the read other requests wait for.
        return await asyncio.shield(waiting)

    async def _serve(self) -> None:
        try:
            while self._next is not None:
                waiting, self._next = self._next, None
                version: Hashable | None = None
                try:
                    version = await self._fetch()
                finally:
                    # Even when cancelled: a waiting request must never wait forever.
                    waiting.set_result(version)
        finally:
            self._reader = None
            if self._next is not None:  # queued while this read was being cancelled
                self._next.set_result(None)
                self._next = None

    async def _fetch(self) -> Hashable | None:
        # Any failure (lost server, timeout, protocol) only costs this read its speed-up.
        try:
            if self._connection is None or self._connection.is_closed():
                self._connection = await asyncpg.connect(
                    self._dsn,
                    timeout=_TIMEOUT_SECONDS,
                    server_settings={"default_transaction_read_only": "on"},
                )
            value = await self._connection.fetchval(_POSTGRES.text, timeout=_TIMEOUT_SECONDS)
            return int(value or 0)
        except Exception:
            await self.close()
            return None

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.terminate()
