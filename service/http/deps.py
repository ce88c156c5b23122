"""Request-scoped dependencies: a database session, settings, guards."""

from __future__ import annotations

import hmac
from collections.abc import AsyncGenerator, Callable
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.handlers.base import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.errors import FactcheckError, Unauthorized, UnsupportedContent
from service.http.ratelimit import WriteRateLimiter
from service.settings import Settings


class InvalidParameter(FactcheckError):
    """A query parameter no handler can use (400)."""

    code = "invalid_parameter"


def reject_nul_in_query(query_string: bytes) -> None:
    """NUL is in no name, word or cursor, and PostgreSQL refuses it in any string: 400.

    A decoded query can only hold NUL where the raw one has `%00` or a NUL byte, so the raw
    bytes are checked without parsing them.
    """
    if b"%00" in query_string or b"\x00" in query_string:
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


# For GET handlers that only read: their session comes from the read-only pool (on SQLite a
# thread of its own, so a long read never holds up the loop that runs the writes).
READ_SESSION = {"db_session": Provide(provide_read_session)}


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


async def require_write_key(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Writes need a valid key when keys are configured, and each key is rate-limited.

    Async on purpose, though it never awaits: Litestar runs a sync guard in a worker thread,
    a thread hop per write (the limiter's lock is held for microseconds, never across I/O).
    """
    settings: Settings = connection.app.state.settings
    presented = _require_key(connection, settings)
    limiter: WriteRateLimiter | None = connection.app.state.get("write_limiter")
    if limiter is not None:
        client = connection.client.host if connection.client else "unknown"
        limiter.take(f"key:{presented}" if settings.api_keys else f"client:{client}")


def read_guard(open_paths: frozenset[str]) -> Callable[[ASGIApp], ASGIApp]:
    """Middleware: every route but `open_paths` needs a read key (when required), no NUL.

    A middleware, not a guard: Litestar copies the route handler for every guard it runs,
    which cost a cached answer about a quarter of its time. It runs once a route matched
    (so unknown paths stay 404), and its errors go through the app's exception handlers.
    """

    def wrap(app: ASGIApp) -> ASGIApp:
        async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == ScopeType.HTTP and scope["path"] not in open_paths:
                settings: Settings = scope["litestar_app"].state.settings
                if settings.read_keys_required:
                    _require_key(ASGIConnection(scope), settings)
                reject_nul_in_query(scope.get("query_string", b""))
            await app(scope, receive, send)

        return guarded

    return wrap


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
