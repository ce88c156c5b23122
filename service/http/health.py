"""/health"""

from __future__ import annotations

import msgspec
from litestar import get
from litestar.di import NamedDependency
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


class Health(msgspec.Struct):
    status: str


@get("/health", operation_id="health", summary="Liveness and database check", tags=["operations"])
async def health(db_session: NamedDependency[AsyncSession]) -> Health:
    await db_session.execute(text("SELECT 1"))
    return Health(status="ok")
