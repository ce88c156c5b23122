"""POST /sources with only a url: fetched from a real local server, with address checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.settings import Settings

pytestmark = pytest.mark.anyio

PAGE = (
    "<html><head><title>Dam breach floods valley</title></head><body><nav>Home | World</nav>"
    "<article><h1>Dam breach floods valley</h1><p>The regional government said on Tuesday that "
    "about 1,200 people had been evacuated after the dam gave way.</p><p>Engineers said the "
    "reservoir held 40 million cubic metres of water.</p></article>"
    "<footer>Subscribe now</footer></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {
        "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG...."),
        "/missing": (404, {"Content-Type": "text/html"}, b"gone"),
        "/huge": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>"),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
    }

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def test_loopback_is_refused_by_default(
    client: AsyncTestClient[Litestar], server: str
) -> None:
    response = await client.post("/sources", json={"url": f"{server}/article"})
    assert response.status_code == 422
    assert response.json()["code"] == "fetch_forbidden"
    assert (await client.get("/sources")).json()["items"] == []


async def test_fetch_from_an_allowed_network(database_url: str, server: str, engine: Any) -> None:
    settings = Settings(
        database_url=database_url,
        fetch_allowed_networks=("127.0.0.0/8",),
        fetch_max_bytes=100_000,
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        created = await client.post("/sources", json={"url": f"{server}/article"})
        assert created.status_code == 201, created.text
        source = (await client.get(f"/sources/{created.json()['id']}")).json()
        assert source["url"] == f"{server}/article"
        assert "about 1,200 people had been evacuated" in source["text"]
        assert "Subscribe" not in source["text"]

        for path, status in [
            ("/image", 502),
            ("/missing", 502),
            ("/huge", 502),
            ("/to-metadata", 422),
            ("/loop", 502),
        ]:
            response = await client.post("/sources", json={"url": f"{server}{path}"})
            assert response.status_code == status, (path, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
        assert len((await client.get("/sources")).json()["items"]) == 1
