"""Engine and session factory, made at start-up from settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from service.db.checkpoint import AUTOCHECKPOINT_PAGES
from service.db.sqlite_connection import connect_threaded
from service.db.sqlite_inline import connect_inline


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(
    url: str, *, pool_size: int = 10, echo: bool = False, read_only: bool = False
) -> AsyncEngine:
    """An async engine; SQLite gets WAL, foreign keys and a busy timeout.

    On SQLite, a writing engine runs its statements on the event loop's thread and waits
    for another writer's lock in a thread (`sqlite_inline`): an ingest's ~20 short
    statements no longer pay a thread hand-off each. The read-only engine keeps aiosqlite's
    thread, so that a long read (an export, a large page) never holds up other requests.

    `read_only` makes an engine for GET requests: autocommit (no BEGIN and ROLLBACK round
    trips around each read; every statement sees its own snapshot, as in READ COMMITTED)
    and refusing writes, so nothing can be written, hence committed, through it. It has no
    pre-ping: every request first reads the data version through it (http/read_cache.py),
    which answers uncached when that fails, and a failure that shows a lost server
    invalidates the whole pool, so the request's own queries get fresh connections.
    """
    isolation = {"isolation_level": "AUTOCOMMIT"} if read_only else {}
    if is_sqlite(url):
        # Statements run on the loop's thread, only lock waits go to a thread; on the read
        # engine, in aiosqlite's thread. Either way a cancelled opening is cleaned up.
        creator = connect_threaded if read_only else connect_inline
        connect_args: dict[str, Any] = {"timeout": 30, "async_creator_fn": creator}
        engine = create_async_engine(url, echo=echo, connect_args=connect_args, **isolation)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        if read_only:
            event.listen(engine.sync_engine, "connect", _sqlite_query_only)
        return engine
    connect_args = {"server_settings": {"default_transaction_read_only": "on"}} if read_only else {}
    return create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=not read_only,
        connect_args=connect_args,
        **isolation,
    )


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # Foreign keys make ON DELETE CASCADE work; WAL lets readers run during a write.
    cursor: Any = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A server checkpoints in the background (db/checkpoint.py); this is the safety net.
    cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
    cursor.close()


def _sqlite_query_only(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor: Any = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
