"""Request-scoped dependencies: a database session, settings, guards."""

from __future__ import annotations

import hmac
from collections.abc import AsyncGenerator
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.errors import Unauthorized, UnsupportedContent
from service.settings import Settings


async def provide_session(state: State) -> AsyncGenerator[AsyncSession, None]:
    """A session for one request; the handler commits, anything uncommitted is rolled back."""
    sessionmaker: async_sessionmaker[AsyncSession] = state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
        finally:
            if session.in_transaction():
                await session.rollback()


def provide_settings(state: State) -> Settings:
    settings: Settings = state.settings
    return settings


def _presented_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def key_is_valid(presented: str, keys: tuple[str, ...]) -> bool:
    """Compare against every key in constant time, so timing says nothing about a key."""
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(presented.encode(), key.encode())
    return matched and bool(presented)


def require_write_key(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    settings: Settings = connection.app.state.settings
    if settings.api_keys and not key_is_valid(_presented_key(connection), settings.api_keys):
        raise Unauthorized("a valid API key is required: Authorization: Bearer <key>")


def require_read_key(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    settings: Settings = connection.app.state.settings
    if settings.read_keys_required and settings.api_keys:
        require_write_key(connection, _)


async def require_json_body(request: Request[Any, Any, Any]) -> None:
    """Writes take JSON only; anything else is 415 rather than a confusing decode error."""
    if request.method in {"POST", "PUT", "PATCH"}:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            raise UnsupportedContent("send the body as application/json")
