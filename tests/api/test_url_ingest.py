"""POST /sources with only a url: fetched from a real local server, with address checks."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.clients.fetch import is_public, pinned_request
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

    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hosts.append(self.headers.get("Host", ""))
        path, _, query = self.path.partition("?")
        special = getattr(self, "route_" + path.strip("/").split("/")[0].replace("-", "_"), None)
        if special is not None:
            special(path, parse_qs(query))
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass

    def route_redirect(self, _: str, query: dict[str, list[str]]) -> None:
        self.send_response(302)
        self.send_header("Location", query["to"][0])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_hop(self, path: str, _: dict[str, list[str]]) -> None:
        left = int(path.rsplit("/", 1)[1])
        self.send_response(302)
        self.send_header("Location", f"/hop/{left - 1}" if left > 1 else "/article")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_slow(self, *_: Any) -> None:
        time.sleep(3)
        self._send_page()

    def route_drip(self, *_: Any) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(40):  # each byte arrives in time; the whole page never does
                self.wfile.write(b"<p>")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def route_endless(self, *_: Any) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: the cap must hold while streaming
        try:
            for _ in range(100):
                self.wfile.write(b"<p>" + b"word " * 2000 + b"</p>")
        except OSError:
            pass

    def route_no_type(self, *_: Any) -> None:
        self._send_page(content_type=None)

    def route_odd_charset(self, *_: Any) -> None:
        self._send_page(content_type="text/html; charset=x-no-such-charset")

    def route_plain(self, *_: Any) -> None:
        self._send_page(content_type="text/plain", body=b"Officials said 300 homes flooded.\x00")

    def _send_page(
        self, content_type: str | None = "text/html", body: bytes = PAGE.encode()
    ) -> None:
        self.send_response(200)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


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


class FakeDNS:
    """Answers from a table; an answer list per name is used up in order (then the last)."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        queue = self.answers.get(host)
        if not queue:
            raise OSError(f"no such host {host}")
        return queue.pop(0) if len(queue) > 1 else queue[0]


def local_app(database_url: str, dns: FakeDNS | None = None, **extra: Any) -> Litestar:
    settings = Settings(
        database_url=database_url,
        fetch_allowed_networks=("127.0.0.1/32",),
        fetch_max_bytes=100_000,
        **extra,
    )
    return create_app(settings, resolver=dns)


async def test_the_connection_goes_to_the_checked_address(
    database_url: str, server: str, engine: Any
) -> None:
    # A rebinding DNS: the first answer passes the check, later ones point at the metadata
    # service. The fetch must connect to the first answer and never ask again.
    port = urlsplit(server).port
    dns = FakeDNS({"news.test": [["127.0.0.1"], ["169.254.169.254"]]})
    Handler.hosts.clear()
    async with AsyncTestClient(app=local_app(database_url, dns)) as client:
        created = await client.post("/sources", json={"url": f"http://news.test:{port}/article"})
        assert created.status_code == 201, created.text
    assert dns.asked == ["news.test"]
    assert Handler.hosts == [f"news.test:{port}"]


async def test_every_answer_and_every_hop_is_checked(
    database_url: str, server: str, engine: Any
) -> None:
    port = urlsplit(server).port
    dns = FakeDNS(
        {
            "mixed.test": [["127.0.0.1", "10.1.2.3"]],
            "metadata.test": [["169.254.169.254"]],
            "private6.test": [["fd00::1"]],
            "mapped.test": [["::ffff:10.0.0.1"]],
            "fine.test": [["127.0.0.1"]],
        }
    )
    async with AsyncTestClient(app=local_app(database_url, dns)) as client:
        for url in [
            f"http://mixed.test:{port}/article",
            f"http://metadata.test:{port}/article",
            f"http://private6.test:{port}/article",
            f"http://mapped.test:{port}/article",
            f"http://fine.test:{port}/redirect?to=http://metadata.test/latest/meta-data",
            f"http://fine.test:{port}/redirect?to=http://[::1]:{port}/article",
            f"http://fine.test:{port}/redirect?to=http://0.0.0.0:{port}/article",
            f"http://fine.test:{port}/redirect?to=http://[::ffff:127.0.0.2]:{port}/article",
            f"http://fine.test:{port}/redirect?to=http://[fd00::1]/",
            f"http://fine.test:{port}/redirect?to=http://169.254.169.254/latest/meta-data",
            f"http://fine.test:{port}/redirect?to=http://127.0.0.2:{port}/article",
        ]:
            response = await client.post("/sources", json={"url": url})
            assert response.status_code == 422, (url, response.text)
            assert response.json()["code"] == "fetch_forbidden", url
        unknown = await client.post("/sources", json={"url": "http://nowhere.test/"})
        assert unknown.status_code == 502
        assert (await client.get("/sources")).json()["items"] == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[2002:7f00:1::]/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
    ],
)
async def test_non_public_addresses_are_refused_by_default(
    client: AsyncTestClient[Litestar], url: str
) -> None:
    response = await client.post("/sources", json={"url": url})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "fetch_forbidden"
    assert (await client.get("/sources")).json()["items"] == []


async def test_timeouts_size_type_and_redirect_limits(
    database_url: str, server: str, engine: Any
) -> None:
    app = local_app(database_url, fetch_timeout_seconds=0.5)
    async with AsyncTestClient(app=app) as client:
        for path, status, words in [
            ("/slow", 502, "in time"),
            ("/drip", 502, "in time"),
            ("/endless", 502, "larger than"),
            ("/no-type", 502, "content type"),
            ("/hop/6", 502, "redirects"),
        ]:
            response = await client.post("/sources", json={"url": f"{server}{path}"})
            assert response.status_code == status, (path, response.text)
            assert words in response.json()["detail"], path
        assert (await client.get("/sources")).json()["items"] == []
        ids = []
        for path in ("/hop/5", "/odd-charset", "/plain"):
            response = await client.post("/sources", json={"url": f"{server}{path}"})
            assert response.status_code in {200, 201}, (path, response.text)
            ids.append(response.json()["id"])
        assert ids[0] == ids[1]  # the same page behind a redirect chain and an odd charset
        text = (await client.get(f"/sources/{ids[2]}")).json()["text"]
        assert "\x00" not in text
        assert "300 homes" in text


def test_pinned_request_keeps_the_host_name_for_tls() -> None:
    client = httpx.AsyncClient()
    request = pinned_request(
        client,
        "https://user:pw@news.example:8443/a/b?c=1#frag",
        ipaddress.ip_address("2001:db8::5"),
    )
    assert str(request.url) == "https://[2001:db8::5]:8443/a/b?c=1"
    assert request.headers["host"] == "news.example:8443"
    assert request.extensions["sni_hostname"] == "news.example"
    assert "authorization" not in request.headers
    plain = pinned_request(client, "http://news.example/", ipaddress.ip_address("93.184.216.34"))
    assert str(plain.url) == "http://93.184.216.34/"
    assert plain.headers["host"] == "news.example"
    assert "sni_hostname" not in plain.extensions


def test_public_addresses() -> None:
    for public in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34"):
        assert is_public(ipaddress.ip_address(public)), public
    for private in (
        "127.0.0.1",
        "10.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
        "::",
        "::1",
        "fd00::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a9fe:a9fe::",
        "100.64.0.1",
        "198.18.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "ff02::1",
    ):
        assert not is_public(ipaddress.ip_address(private)), private
