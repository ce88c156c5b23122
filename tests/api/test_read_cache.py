"""The read cache answers repeated reads from memory, and never after a write it does not show.

Writes come from the same app, from a second app on the same database (another process
behind the load balancer) and from plain SQL on a connection of its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.services.data_version import SqliteVersionProbe
from service.settings import Settings

pytestmark = pytest.mark.anyio

FLOODS = (
    "Floods in the river valley forced 1,200 residents from their homes on Monday, the "
    "regional emergency agency said. The agency said 14 shelters were open across the valley."
)
FLOODS_LATER = (
    "Rescue teams said 3,500 residents had left their homes in the river valley by Tuesday, "
    "according to the regional emergency agency, which said 20 shelters were open."
)


async def ingest(client: AsyncTestClient[Litestar], body: str, title: str) -> dict[str, Any]:
    response = await client.post(
        "/sources",
        json={"text": body, "title": title, "published_at": "2024-05-06T09:00:00Z"},
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


class Statements:
    """Statements sent through the app's engines while recording."""

    def __init__(self, app: Litestar) -> None:
        self.engines: list[AsyncEngine] = [app.state.engine, app.state.read_engine]
        self.sent: list[str] = []

    def _record(self, *args: Any) -> None:
        self.sent.append(args[2])

    def __enter__(self) -> Statements:
        for engine in self.engines:
            event.listen(engine.sync_engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_: object) -> None:
        for engine in self.engines:
            event.remove(engine.sync_engine, "before_cursor_execute", self._record)


@pytest.fixture
async def second_client(settings: Settings) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """Another app on the same database: what a second process behind a balancer would be."""
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


async def test_a_repeated_read_is_answered_from_the_cache_with_the_same_bytes(
    client: AsyncTestClient[Litestar], app: Litestar
) -> None:
    await ingest(client, FLOODS, "Floods")
    paths = ["/claims", "/assertions", "/facts", "/conflicts", "/claims?entity=river valley"]
    claim_id = (await client.get("/claims")).json()["items"][0]["id"]
    fact_id = (await client.get("/facts")).json()["items"][0]["id"]
    paths += [f"/claims/{claim_id}", f"/facts/{fact_id}"]
    for path in paths:
        first = await client.get(path)
        assert first.status_code == 200, (path, first.text)
        with Statements(app) as statements:
            again = await client.get(path)
        assert again.content == first.content, path
        assert again.headers["content-type"] == first.headers["content-type"]
        # Only the data version is read: the page itself comes from memory. A SQLite file's
        # version is read by the probe's own connection, outside the pools.
        expected = 0 if app.state.version_probe is not None else 1
        assert len(statements.sent) == expected, (path, statements.sent)


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
async def test_a_cached_answer_has_the_headers_of_the_answer_it_repeats(
    client: AsyncTestClient[Litestar], encoding: str
) -> None:
    # Hits are sent by the cache's own small ASGI answer, not a full Response: the status,
    # headers and (decoded) body must be those of the first answer, compressed or not.
    await ingest(client, FLOODS, "Floods")
    await ingest(client, FLOODS_LATER, "Floods, later")
    headers = {"accept-encoding": encoding}
    first = await client.get("/facts", headers=headers)
    again = await client.get("/facts", headers=headers)
    assert len(first.content) > 2048  # large enough for the compression middleware
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert sorted(again.headers.multi_items()) == sorted(first.headers.multi_items())
    assert first.headers.get("content-encoding") == (None if encoding == "identity" else "gzip")


async def test_a_write_through_the_api_is_seen_by_the_next_read(
    client: AsyncTestClient[Litestar],
) -> None:
    await ingest(client, FLOODS, "Floods")
    before = (await client.get("/claims")).json()["items"]
    # Facts are regrouped after a delete (new fact ids): compare the claims themselves.
    assert [c["id"] for c in (await client.get("/claims")).json()["items"]] == [
        c["id"] for c in before
    ]
    source = await ingest(client, FLOODS_LATER, "Floods, later")
    after = (await client.get("/claims")).json()["items"]
    assert {c["source_id"] for c in after} - {c["source_id"] for c in before} == {source["id"]}
    assert (await client.delete(f"/sources/{source['id']}")).status_code in (200, 204)
    # Facts are regrouped after a delete (new fact ids): compare the claims themselves.
    assert [c["id"] for c in (await client.get("/claims")).json()["items"]] == [
        c["id"] for c in before
    ]


async def test_a_write_by_another_process_is_seen_by_the_next_read(
    client: AsyncTestClient[Litestar], second_client: AsyncTestClient[Litestar]
) -> None:
    await ingest(client, FLOODS, "Floods")
    before = await client.get("/assertions")
    assert (await client.get("/assertions")).content == before.content
    await ingest(second_client, FLOODS_LATER, "Floods, later")
    after = await client.get("/assertions")
    assert len(after.json()["items"]) > len(before.json()["items"])


async def test_a_plain_sql_change_is_seen_by_the_next_read(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    await ingest(client, FLOODS, "Floods")
    fact = (await client.get("/facts")).json()["items"][0]
    path = f"/facts/{fact['id']}"
    assert (await client.get(path)).json()["label"] == fact["label"]
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE facts SET label = :label WHERE id = :id"),
            {"label": "relabelled by hand", "id": fact["id"]},
        )
    assert (await client.get(path)).json()["label"] == "relabelled by hand"


async def test_a_failing_version_probe_falls_back_to_the_pooled_read(
    client: AsyncTestClient[Litestar], app: Litestar
) -> None:
    if not isinstance(app.state.version_probe, SqliteVersionProbe):
        pytest.skip(
            "the PostgreSQL probe's failures: test_reads_survive_a_lost_database_connection"
        )
    await ingest(client, FLOODS, "Floods")
    first = await client.get("/claims")
    app.state.version_probe.close()  # every probe read fails from now on
    with Statements(app) as statements:
        again = await client.get("/claims")
        third = await client.get("/claims")
    assert again.content == first.content == third.content
    # The version now comes through the read pool: one statement on the hit.
    assert statements.sent.count("PRAGMA data_version") == 2, statements.sent


async def test_errors_are_not_cached(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/facts/12345")).status_code == 404
    await ingest(client, FLOODS, "Floods")
    fact_id = (await client.get("/facts")).json()["items"][0]["id"]
    assert (await client.get(f"/facts/{fact_id}")).status_code == 200
    assert (await client.get("/claims?limit=0")).status_code == 400
    assert (await client.get("/claims?limit=0")).status_code == 400


async def test_the_read_engine_refuses_writes(
    app: Litestar, client: AsyncTestClient[Litestar]
) -> None:
    read_engine: AsyncEngine = app.state.read_engine
    with pytest.raises(DBAPIError):
        async with read_engine.connect() as connection:
            await connection.execute(text("DELETE FROM claims"))


async def test_reads_survive_a_lost_database_connection(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    """The read pool has no pre-ping: the version read finds a dead connection instead."""
    if engine.dialect.name != "postgresql":
        pytest.skip("only a server database can drop its connections")
    await ingest(client, FLOODS, "Floods")
    first = await client.get("/claims")
    async with engine.connect() as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    for _ in range(3):
        again = await client.get("/claims")
        assert again.status_code == 200, again.text
        assert again.content == first.content


async def test_a_cache_of_zero_megabytes_reads_every_page_from_the_database(
    engine: AsyncEngine, settings: Settings
) -> None:
    uncached = msgspec.structs.replace(settings, read_cache_mb=0)
    app = create_app(uncached)
    async with AsyncTestClient(app=app) as client:
        await ingest(client, FLOODS, "Floods")
        first = await client.get("/claims")
        with Statements(app) as statements:
            again = await client.get("/claims")
    assert again.content == first.content
    assert app.state.version_probe is None
    # The page itself is read again, and no data version is read for nothing.
    assert len(statements.sent) >= 2
    assert not any("data_version" in sql for sql in statements.sent), statements.sent
