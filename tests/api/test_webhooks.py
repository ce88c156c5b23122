"""Webhooks: registration, signed deliveries after commit, retries, and a target that is down.

Deliveries go to a real HTTP server on 127.0.0.1 (allowed through
`fetch_allowed_networks`, as an intranet target would be).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.clients.fetch import parse_networks
from service.db.engine import make_engine, make_sessionmaker
from service.services.webhook_dispatch import Dispatcher, DispatchPolicy
from service.settings import Settings

pytestmark = pytest.mark.anyio

PROTEST_POLICE = {
    "text": "Police in Valdoria said on Tuesday that 2,000 protesters gathered in the capital, "
    "Marenburg. The march was peaceful.",
    "publisher": "Meridian Wire",
    "published_at": "2025-03-04T10:00:00Z",
}
PROTEST_ORGANISERS = {
    "text": "Organisers said on Tuesday that 15,000 protesters gathered in the capital, "
    "Marenburg. The march was peaceful.",
    "publisher": "Harbour Gazette",
    "published_at": "2025-03-04T12:00:00Z",
}
TOLL_MONDAY = {
    "text": "The health ministry of Valdoria said on Monday that the cholera outbreak had killed "
    "120 people in Marenburg province since January.",
    "publisher": "Meridian Wire",
    "published_at": "2025-03-03T10:00:00Z",
}
TOLL_THURSDAY = {
    "text": "The health ministry of Valdoria said on Thursday that the cholera outbreak had killed "
    "180 people in Marenburg province since January.",
    "publisher": "Harbour Gazette",
    "published_at": "2025-03-06T10:00:00Z",
}
SECRET = "s3cret-for-tests-0123456789"


class Receiver:
    """What the target saw, and how it answers: `failures` 500s first, or hold until released."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.failures = 0
        self.hold = False
        self.received = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    receiver: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        receiver = self.server.receiver  # type: ignore[attr-defined]
        with receiver.lock:
            receiver.requests.append((self.path, dict(self.headers.items()), body))
            fail = receiver.failures > 0
            receiver.failures -= 1 if fail else 0
        receiver.received.set()
        if receiver.hold:
            receiver.release.wait(timeout=30)
        self.send_response(500 if fail else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.receiver = Receiver()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.receiver, f"http://127.0.0.1:{httpd.server_address[1]}"  # type: ignore[attr-defined]
    httpd.receiver.release.set()  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


def fast_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "fetch_allowed_networks": ("127.0.0.0/8",),
        "webhook_poll_seconds": 0.02,
        "webhook_retry_seconds": 0.05,
        "webhook_timeout_seconds": 5.0,
    } | overrides
    return Settings(**values)


@pytest.fixture
async def local_client(
    engine: AsyncEngine, database_url: str
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=create_app(fast_settings(database_url))) as client:
        yield client


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait for a background effect (bounded: a hung dispatcher fails the test)."""
    for _ in range(600):
        if await check():
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"never happened: {what}")


async def deliveries(client: AsyncTestClient[Litestar], hook_id: int) -> list[dict[str, Any]]:
    response = await client.get(f"/webhooks/{hook_id}/deliveries")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def settled(client: AsyncTestClient[Litestar], hook_id: int, count: int) -> bool:
    items = await deliveries(client, hook_id)
    return len(items) >= count and all(d["status"] in {"delivered", "failed"} for d in items)


async def register(client: AsyncTestClient[Litestar], url: str, events: list[str]) -> int:
    response = await client.post("/webhooks", json={"url": url, "events": events, "secret": SECRET})
    assert response.status_code == 201, response.text
    hook_id: int = response.json()["id"]
    return hook_id


async def ingest(client: AsyncTestClient[Litestar], payload: dict[str, Any]) -> int:
    response = await client.post("/sources", json=payload)
    assert response.status_code == 201, response.text
    source_id: int = response.json()["id"]
    return source_id


async def test_private_targets_are_refused_unless_allowed(
    client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    _, url = receiver
    for target in (f"{url}/hook", "http://169.254.169.254/latest", "http://10.0.0.5/hook"):
        response = await client.post("/webhooks", json={"url": target, "events": ["fact.conflict"]})
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "fetch_forbidden"
    assert (await client.get("/webhooks")).json()["items"] == []


async def test_register_read_and_delete(
    local_client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    client = local_client
    _, url = receiver
    created = await client.post(
        "/webhooks", json={"url": f"{url}/hook", "events": ["fact.resolved", "fact.conflict"]}
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert len(body["secret"]) >= 32  # generated, shown once
    assert body["events"] == ["fact.conflict", "fact.resolved"]
    listed = (await client.get("/webhooks")).json()["items"]
    assert [h["id"] for h in listed] == [body["id"]]
    fetched = (await client.get(f"/webhooks/{body['id']}")).json()
    assert fetched["url"] == f"{url}/hook"
    assert "secret" not in fetched and "secret" not in listed[0]
    assert (await deliveries(client, body["id"])) == []

    for bad in (
        {"url": f"{url}/hook", "events": ["fact.created"]},
        {"url": f"{url}/hook", "events": []},
        {"url": "ftp://example.org/hook", "events": ["fact.conflict"]},
        {"url": f"{url}/hook", "events": ["fact.conflict"], "secret": "short"},
        {"url": f"{url}/hook", "events": ["fact.conflict"], "extra": 1},
    ):
        response = await client.post("/webhooks", json=bad)
        assert response.status_code in {400, 422}, (bad, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")

    assert (await client.delete(f"/webhooks/{body['id']}")).status_code == 204
    assert (await client.get(f"/webhooks/{body['id']}")).status_code == 404
    assert (await client.get(f"/webhooks/{body['id']}/deliveries")).status_code == 404


async def test_webhooks_need_the_write_key(
    engine: AsyncEngine, database_url: str, receiver: tuple[Receiver, str]
) -> None:
    _, url = receiver
    settings = fast_settings(database_url, api_keys=("k1",))
    async with AsyncTestClient(app=create_app(settings)) as client:
        payload = {"url": f"{url}/hook", "events": ["fact.conflict"]}
        assert (await client.post("/webhooks", json=payload)).status_code == 401
        assert (await client.get("/webhooks")).status_code == 401
        authorised = await client.post(
            "/webhooks", json=payload, headers={"Authorization": "Bearer k1"}
        )
        assert authorised.status_code == 201


async def test_conflict_and_resolution_are_delivered_signed(
    local_client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    client = local_client
    target, url = receiver
    hook_id = await register(client, f"{url}/newsroom", ["fact.conflict", "fact.resolved"])
    await ingest(client, PROTEST_POLICE)
    organisers = await ingest(client, PROTEST_ORGANISERS)
    await eventually(lambda: settled(client, hook_id, 1), "the conflict is delivered")

    [delivery] = await deliveries(client, hook_id)
    assert delivery["event"] == "fact.conflict"
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 1
    assert delivery["last_status_code"] == 204
    assert delivery["delivered_at"] is not None
    assert [a["status_code"] for a in delivery["history"]] == [204]

    [(path, headers, body)] = target.requests
    assert path == "/newsroom"
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Factcheck-Signature"] == expected
    assert headers["X-Factcheck-Event"] == "fact.conflict"
    assert headers["X-Factcheck-Delivery"] == str(delivery["id"])
    assert headers["Content-Type"] == "application/json"
    event = json.loads(body)
    assert event["event"] == "fact.conflict"
    assert event["fact"]["verdict"] == "conflict"
    assert event["fact"]["previous_verdict"] == "single"
    assert event["fact"]["id"] == delivery["fact_id"]
    fact = (await client.get(f"/facts/{delivery['fact_id']}")).json()
    assert fact["verdict"] == "conflict"
    assert event["fact"]["label"] == fact["label"]

    # The second source goes: the conflict ends, and subscribers hear it.
    assert (await client.delete(f"/sources/{organisers}")).status_code == 204
    await eventually(lambda: settled(client, hook_id, 2), "the resolution is delivered")
    resolved = json.loads(target.requests[1][2])
    assert resolved["event"] == "fact.resolved"
    assert resolved["fact"]["previous_verdict"] == "conflict"
    assert resolved["fact"]["verdict"] != "conflict"
    assert len(target.requests) == 2


async def test_revisions_reach_only_their_subscribers(
    local_client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    client = local_client
    target, url = receiver
    revised_hook = await register(client, f"{url}/revised", ["fact.revised"])
    conflict_hook = await register(client, f"{url}/conflicts", ["fact.conflict"])
    await ingest(client, TOLL_MONDAY)
    await ingest(client, TOLL_THURSDAY)
    await eventually(lambda: settled(client, revised_hook, 1), "the revision is delivered")
    event = json.loads(target.requests[0][2])
    assert event["event"] == "fact.revised"
    assert event["fact"]["verdict"] == "revised"
    assert [r[0] for r in target.requests] == ["/revised"]
    assert await deliveries(client, conflict_hook) == []


async def test_a_failed_delivery_is_retried(
    local_client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    client = local_client
    target, url = receiver
    target.failures = 1
    hook_id = await register(client, f"{url}/flaky", ["fact.conflict"])
    await ingest(client, PROTEST_POLICE)
    await ingest(client, PROTEST_ORGANISERS)
    await eventually(lambda: settled(client, hook_id, 1), "the retry succeeds")
    [delivery] = await deliveries(client, hook_id)
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 2
    assert [a["status_code"] for a in delivery["history"]] == [500, 204]
    assert delivery["history"][0]["error"] == "the target answered 500"
    # The same signed body was sent both times.
    assert target.requests[0][2] == target.requests[1][2]
    assert target.requests[0][1]["X-Factcheck-Delivery"] == str(delivery["id"])


async def test_a_target_that_is_down_fails_its_delivery_not_the_ingest(
    engine: AsyncEngine, database_url: str
) -> None:
    # A port nothing listens on: every attempt is refused at once.
    with socket_closed_port() as dead_url:
        settings = fast_settings(database_url, webhook_max_attempts=3)
        async with AsyncTestClient(app=create_app(settings)) as client:
            hook_id = await register(client, f"{dead_url}/hook", ["fact.conflict"])
            await ingest(client, PROTEST_POLICE)
            await ingest(client, PROTEST_ORGANISERS)
            await eventually(lambda: settled(client, hook_id, 1), "the delivery gives up")
            [delivery] = await deliveries(client, hook_id)
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == 3
    assert len(delivery["history"]) == 3
    assert "ConnectError" in delivery["last_error"]
    assert delivery["next_attempt_at"] is None


async def test_ingest_does_not_wait_for_a_hung_target(
    local_client: AsyncTestClient[Litestar], receiver: tuple[Receiver, str]
) -> None:
    client = local_client
    target, url = receiver
    target.hold = True
    hook_id = await register(client, f"{url}/slow", ["fact.conflict"])
    await ingest(client, PROTEST_POLICE)
    await ingest(client, PROTEST_ORGANISERS)
    assert await asyncio.to_thread(target.received.wait, 30)
    # The target holds the delivery open; ingest and reads still answer meanwhile.
    await ingest(client, TOLL_MONDAY)
    await ingest(client, TOLL_THURSDAY)
    assert (await client.get("/facts")).status_code == 200
    [delivery] = await deliveries(client, hook_id)
    assert delivery["status"] == "delivering"
    assert delivery["attempts"] == 0
    target.release.set()
    await eventually(lambda: settled(client, hook_id, 1), "the held delivery completes")
    assert (await deliveries(client, hook_id))[0]["status"] == "delivered"


async def test_two_dispatchers_send_each_delivery_once(
    engine: AsyncEngine, database_url: str, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    # This app queues deliveries but does not send them; two "processes" will.
    settings = fast_settings(database_url, webhook_dispatch=False)
    async with AsyncTestClient(app=create_app(settings)) as client:
        hooks = [await register(client, f"{url}/h{i}", ["fact.conflict"]) for i in range(6)]
        await ingest(client, PROTEST_POLICE)
        await ingest(client, PROTEST_ORGANISERS)
        assert [len(await deliveries(client, h)) for h in hooks] == [1] * 6
        assert target.requests == []

        engines = [make_engine(database_url) for _ in range(2)]
        async with httpx.AsyncClient() as http:
            policy = DispatchPolicy(allowed_networks=parse_networks(["127.0.0.0/8"]))
            dispatchers = [Dispatcher(make_sessionmaker(e), http, policy) for e in engines]
            tried = await asyncio.gather(*(d.run_once() for d in dispatchers))
            tried_again = await asyncio.gather(*(d.run_once() for d in dispatchers))
        for e in engines:
            await e.dispose()
        assert sum(tried) == 6
        assert tried_again == [0, 0]
        sent = sorted(r[1]["X-Factcheck-Delivery"] for r in target.requests)
        assert len(sent) == len(set(sent)) == 6
        statuses = [(await deliveries(client, h))[0]["status"] for h in hooks]
        assert statuses == ["delivered"] * 6


class socket_closed_port:  # noqa: N801 - used as a context manager, reads as a phrase
    """A localhost URL whose port was just released, so connections are refused."""

    def __enter__(self) -> str:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        return None


async def test_addresses_are_checked_again_at_delivery(
    engine: AsyncEngine, database_url: str
) -> None:
    # The name resolved to a public address when registered, to loopback when delivering.
    answers = {"news.example": ["93.184.216.34"]}

    async def resolver(host: str, port: int) -> list[str]:
        return answers[host]

    settings = fast_settings(database_url, fetch_allowed_networks=())
    async with AsyncTestClient(app=create_app(settings, resolver=resolver)) as client:
        hook_id = await register(client, "http://news.example/hook", ["fact.conflict"])
        answers["news.example"] = ["127.0.0.1"]
        await ingest(client, PROTEST_POLICE)
        await ingest(client, PROTEST_ORGANISERS)
        await eventually(lambda: settled(client, hook_id, 1), "the delivery is refused")
        [delivery] = await deliveries(client, hook_id)
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == 1  # no retry can make a forbidden address allowed
    assert "non-public address 127.0.0.1" in delivery["last_error"]


async def test_a_lapsed_claim_is_taken_over_and_the_old_owner_cannot_record(
    engine: AsyncEngine, database_url: str, receiver: tuple[Receiver, str]
) -> None:
    import datetime as dt

    from service.clients.webhooks import SendOutcome
    from service.db.base import utcnow
    from service.services.webhook_dispatch import claim_due, record_outcome

    _, url = receiver
    settings = fast_settings(database_url, webhook_dispatch=False)
    async with AsyncTestClient(app=create_app(settings)) as client:
        hook_id = await register(client, f"{url}/hook", ["fact.conflict"])
        await ingest(client, PROTEST_POLICE)
        await ingest(client, PROTEST_ORGANISERS)
        sessions = make_sessionmaker(engine)
        policy = DispatchPolicy()
        async with sessions() as session:
            # A process claims it, then dies: its lease has already run out.
            [first] = await claim_due(session, "dead-process", dt.timedelta(seconds=-1))
        async with sessions() as session:
            [second] = await claim_due(session, "live-process", dt.timedelta(minutes=1))
        async with sessions() as session:
            assert await claim_due(session, "third-process", dt.timedelta(minutes=1)) == []
        assert first.id == second.id
        late = SendOutcome(delivered=True, status_code=204, error=None, duration_ms=1)
        async with sessions() as session:
            await record_outcome(session, first, "dead-process", late, utcnow(), policy)
        [delivery] = await deliveries(client, hook_id)
        assert (delivery["status"], delivery["attempts"], delivery["history"]) == (
            "delivering",
            0,
            [],
        )
        failed = SendOutcome(delivered=False, status_code=503, error="busy", duration_ms=2)
        async with sessions() as session:
            await record_outcome(session, second, "live-process", failed, utcnow(), policy)
        [delivery] = await deliveries(client, hook_id)
    assert delivery["status"] == "pending"
    assert delivery["attempts"] == 1
    assert delivery["last_status_code"] == 503
    assert [a["error"] for a in delivery["history"]] == ["busy"]
    assert dt.datetime.fromisoformat(delivery["next_attempt_at"]) > dt.datetime.now(dt.UTC)
