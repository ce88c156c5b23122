"""The framework ceiling: a bare Litestar app that returns fixed JSON bytes from memory.

`GET /claims` answers with the bytes in the file named by `FACTCHECK_BENCH_BODY` (a response
of the real `GET /claims`, captured in the same run), so the only difference from the real
endpoint is the work behind it: query parsing, the database, building and encoding the page.
"""

from __future__ import annotations

import os
from pathlib import Path

from litestar import Litestar, Response, get


def create_bare_app() -> Litestar:
    path = os.environ.get("FACTCHECK_BENCH_BODY")
    body = Path(path).read_bytes() if path else b'{"items":[],"next_cursor":null}'

    @get("/claims", sync_to_thread=False)
    def claims() -> Response[bytes]:
        return Response(body, media_type="application/json")

    @get("/health", sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar(route_handlers=[claims, health], openapi_config=None)
