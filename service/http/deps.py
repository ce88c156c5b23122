"""Request-scoped dependencies: a database session, settings, guards."""

from __future__ import annotations

import hmac
from collections.abc import AsyncGenerator
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.errors import FactcheckError, Unauthorized, UnsupportedContent
from service.http.ratelimit import WriteRateLimiter
from service.settings import Settings


class InvalidParameter(FactcheckError):
    """A query parameter no handler can use (400)."""

    code = "invalid_parameter"


def reject_nul_in_query(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """NUL is in no name, word or cursor, and PostgreSQL refuses it in any string: 400."""
    if b"%00" in connection.scope.get("query_string", b"") or "\x00" in str(
        connection.query_params
    ):
        raise InvalidParameter("query parameters may not contain NUL characters")


class MalformedBody(FactcheckError):
    """The body is not a JSON document (400), as opposed to a JSON document that is not valid."""

    code = "malformed_body"


async def provide_session(state: State) -> AsyncGenerator[AsyncSession, None]:
    """A session for one request; the handler commits, anything uncommitted is rolled back."""
    sessionmaker: async_sessionmaker[AsyncSession] = state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
        finally:
            if session.in_transaction():
                await session.rollback()


async def provide_read_session(state: State) -> AsyncGenerator[AsyncSession, None]:
    """A session on the read-only engine (autocommit: no BEGIN/ROLLBACK round trips)."""
    sessionmaker: async_sessionmaker[AsyncSession] = state.read_sessionmaker
    async with sessionmaker() as session:
        yield session


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
    """Writes need a valid key when keys are configured, and each key is rate-limited."""
    settings: Settings = connection.app.state.settings
    presented = _require_key(connection, settings)
    limiter: WriteRateLimiter | None = connection.app.state.get("write_limiter")
    if limiter is not None:
        client = connection.client.host if connection.client else "unknown"
        limiter.take(f"key:{presented}" if settings.api_keys else f"client:{client}")


def require_read_key(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    settings: Settings = connection.app.state.settings
    if settings.read_keys_required:
        _require_key(connection, settings)


def _require_key(connection: ASGIConnection[Any, Any, Any, Any], settings: Settings) -> str:
    presented = _presented_key(connection)
    if settings.api_keys and not key_is_valid(presented, settings.api_keys):
        raise Unauthorized("a valid API key is required: Authorization: Bearer <key>")
    return presented


async def require_json_body(request: Request[Any, Any, Any]) -> None:
    """Writes take JSON only; anything else is 415 rather than a confusing decode error."""
    if request.method in {"POST", "PUT", "PATCH"}:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            raise UnsupportedContent("send the body as application/json")
        check_json_body(await request.body())


def check_json_body(body: bytes) -> None:
    """Refuse bodies that are not UTF-8 JSON, or nest too deep to decode, with 400.

    Litestar's decoder would fail on them in ways that are not validation errors (a Unicode
    error on invalid UTF-8, a recursion error on deep nesting), which would surface as 500.
    """
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedBody(f"the body is not UTF-8 (byte {error.start})") from None
    try:
        msgspec.json.decode(body)
    except RecursionError:
        raise MalformedBody("the JSON nests too deep") from None
    except msgspec.DecodeError as error:
        raise MalformedBody(str(error)) from None
