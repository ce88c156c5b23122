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
"""

from __future__ import annotations

import itertools
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
