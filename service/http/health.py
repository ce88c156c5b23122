"""/health"""

from __future__ import annotations

import msgspec
from litestar import get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from service.services.reextract import engine_status


class Health(msgspec.Struct):
    status: str
    # The running extraction engine (a digest of the pure core and its data), and how many
    # stored sources another engine read: `factcheck reextract` reads those again.
    engine_version: str
    stale_sources: int


@get("/health", operation_id="health", summary="Liveness and database check", tags=["operations"])
async def health(db_session: NamedDependency[AsyncSession]) -> Health:
    """`status` is "ok" once the database answers. `engine_version` identifies the running
    extraction engine; `stale_sources` counts the sources an older (or unrecorded) engine
    extracted, which `factcheck reextract` reads again."""
    version, stale = await engine_status(db_session)
    return Health(status="ok", engine_version=version, stale_sources=stale)
