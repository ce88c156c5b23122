"""A token that changes whenever the database's committed data may have changed.

Read caches key their entries on it, so a cached answer is served only while no write has
been committed since it was computed, by this process or any other sharing the database.

- PostgreSQL: the current MVCC snapshot (`xmin:xmax:in-progress ids`). Two equal snapshots
  see exactly the same committed transactions, and the snapshot changes as soon as any
  transaction ends, so it never repeats an earlier value. Reads take no transaction id and
  leave it alone; commits anywhere in the cluster change it (harmless: a cache miss).
- SQLite: `PRAGMA data_version`, which changes when another connection commits. It is a
  per-connection count, so the token also names the connection; the connection must never
  write itself (the read-only engine refuses writes), or its own commits would go unseen.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_POSTGRES = text("SELECT pg_current_snapshot()::text")
_SQLITE = text("PRAGMA data_version")
_serials = itertools.count(1)


async def data_version(connection: AsyncConnection) -> Hashable:
    """The token of what `connection` can see now (one cheap statement)."""
    if connection.dialect.name == "postgresql":
        return str(await connection.scalar(_POSTGRES))
    # `info` lives as long as the DBAPI connection: the serial names that connection.
    serial = connection.info.setdefault("data_version_serial", next(_serials))
    return (serial, int(await connection.scalar(_SQLITE) or 0))
