"""Encoded answers of the read endpoints, kept while the database has not changed.

A cached answer is keyed on the request (path and query string) and on the database's data
version (`services.data_version`), read with one cheap statement on every request (on a
SQLite file, a pragma read in the event loop's own thread). Any commit,
from this process or another one behind the same load balancer, changes the version, so an
answer is never served after a write it does not show. The version is read before the page
is, so an entry is never older than its version (at worst newer, which no reader minds).

The lookup is a `before_request` hook: it runs after the guards (API keys, NUL checks), and a
hit skips the handler, its dependencies and the JSON encoding. A miss marks the request, and
`CachingResponse` stores the bytes it encodes. Only handlers whose `opt` has `READ_CACHE`, and
only 200 answers to GET, are cached.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from litestar import Controller, MediaType, Request, Response
from litestar.response.base import ASGIResponse
from litestar.types import Receive, Scope, Send
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from service.http.deps import READ_SESSION
from service.http.exports import ExportStream, negotiate_export
from service.services.data_version import (
    PostgresVersionProbe,
    SqliteVersionProbe,
    data_version,
)

READ_CACHE = "read_cache"
_SLOT = "read_cache_slot"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class ReadCache:
    """Least recently used answers, bounded by their total size."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[Hashable, str], bytes] = OrderedDict()
        self._bytes = 0

    def get(self, version: Hashable, key: str) -> bytes | None:
        body = self._entries.get((version, key))
        if body is not None:
            self._entries.move_to_end((version, key))
        return body

    def put(self, version: Hashable, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one huge answer would push out many small ones
        old = self._entries.pop((version, key), None)
        self._bytes += len(body) - (len(old) if old is not None else 0)
        self._entries[(version, key)] = body
        while self._bytes > self.max_bytes:
            _evicted, evicted_body = self._entries.popitem(last=False)
            self._bytes -= len(evicted_body)

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def request_key(request: Request[Any, Any, Any]) -> str:
    query: bytes = request.scope.get("query_string", b"")
    return f"{request.scope['path']}?{query.decode('latin-1')}"


async def before_read(request: Request[Any, Any, Any]) -> ExportStream | CachedAnswer | None:
    """Exports first (`http.exports`), then the cache: bytes on a hit, None to run the handler."""
    export = await negotiate_export(request)
    if export is not None:
        return export
    if request.method != "GET" or not request.route_handler.opt.get(READ_CACHE):
        return None
    state = request.app.state
    cache: ReadCache = state.read_cache
    if not cache.max_bytes:
        return None  # turned off (FACTCHECK_READ_CACHE_MB=0)
    probe: SqliteVersionProbe | PostgresVersionProbe | None = state.version_probe
    if isinstance(probe, PostgresVersionProbe):
        version = await probe.read()
    else:
        version = probe.read() if probe is not None else None
    if version is None:
        engine: AsyncEngine = state.read_engine
        try:
            async with engine.connect() as connection:
                version = await data_version(connection)
        except DBAPIError:
            return None  # the handler answers (or fails) as if there were no cache
    key = request_key(request)
    body = cache.get(version, key)
    if body is not None:
        return CachedAnswer(body)
    request.state[_SLOT] = (version, key)
    return None


class CachedAnswer(Response[bytes]):
    """A hit: the stored JSON bytes sent as they are, with the headers the handler would send.

    Building a full `Response` (header and cookie containers, encoder lookups) and its ASGI
    response cost a hit a third of its time, for bytes that need no encoding. When a layer
    adds headers, cookies or a background task, the ordinary `Response` sends them.
    """

    def __init__(self, body: bytes) -> None:
        # Response.__init__'s fields, set directly (no containers built from arguments), so
        # a layer that reads or sets them finds an ordinary response
        self.content = body
        self.background = None
        self.cookies = []
        self.encoding = "utf-8"
        self.headers = {}
        self.media_type = MediaType.JSON
        self.status_code = 200
        self.response_type_encoders = {}

    def to_asgi_response(
        self,
        app: Any,
        request: Request[Any, Any, Any],
        *,
        background: Any = None,
        cookies: Any = None,
        encoded_headers: Any = None,
        headers: Any = None,
        is_head_response: bool = False,
        **kwargs: Any,
    ) -> ASGIResponse:
        if (
            background
            or cookies
            or encoded_headers
            or headers
            or is_head_response
            or self.background
            or self.cookies
            or self.headers
            or self.status_code != 200
        ):
            ordinary = Response(
                self.content,
                media_type=MediaType.JSON,
                status_code=self.status_code,
                background=self.background,
                cookies=self.cookies,
                headers=self.headers,
            )
            return ordinary.to_asgi_response(
                app,
                request,
                background=background,
                cookies=cookies,
                encoded_headers=encoded_headers,
                headers=headers,
                is_head_response=is_head_response,
                **kwargs,
            )
        return _SendBytes(self.content)


class _SendBytes(ASGIResponse):
    """The ASGI answer of a hit: 200, JSON, the body in one message."""

    def __init__(self, body: bytes) -> None:  # no ASGIResponse.__init__: nothing to set up
        self._body = body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(self._body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": self._body, "more_body": False})


class CachingResponse(Response[Any]):
    """A response that hands its encoded body to the read cache when the request asked."""

    def to_asgi_response(
        self, app: Any, request: Request[Any, Any, Any], **kwargs: Any
    ) -> ASGIResponse:
        response = super().to_asgi_response(app, request, **kwargs)
        slot: tuple[Hashable, str] | None = request.state.get(_SLOT)
        if slot is not None and response.status_code == 200:
            cache: ReadCache = request.app.state.read_cache
            version, key = slot
            cache.put(version, key, response.body)
        return response


class CachedReadController(Controller):
    """Base of the controllers that only read: the read-only pool and the read cache."""

    dependencies = READ_SESSION
    opt = {READ_CACHE: True}
    response_class = CachingResponse
