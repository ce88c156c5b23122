"""Claims, assertions, entities, facts and conflicts read back over HTTP after the seeds."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from service.domain import engine_version

pytestmark = pytest.mark.anyio


async def all_pages(client: AsyncTestClient[Litestar], path: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    cursor = None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


async def test_entity_filter_accepts_every_name_and_the_id(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    by_name = await all_pages(client, "/claims", entity="North Korea")
    assert len(by_name) >= 10
    ids = [c["id"] for c in by_name]
    for alias in ("DPRK", "pyongyang", "NORTH KOREAN", "Democratic People's Republic of Korea"):
        assert [c["id"] for c in await all_pages(client, "/claims", entity=alias)] == ids, alias
    entity = next(e for c in by_name for e in c["entities"] if e["name"] == "North Korea")
    assert [c["id"] for c in await all_pages(client, "/claims", entity=str(entity["id"]))] == ids
    assert await all_pages(client, "/claims", entity="Atlantis") == []


async def test_claims_carry_offsets_entities_and_assertions(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    claims = await all_pages(client, "/claims", limit=500)
    texts = {s["id"]: (await client.get(f"/sources/{s['id']}")).json()["text"] for s in seeded}
    assert sum(len(c["assertions"]) for c in claims) >= 15
    for claim in claims:
        assert texts[claim["source_id"]][claim["start"] : claim["end"]] == claim["text"]
        for figure in claim["assertions"]:
            assert texts[figure["source_id"]][figure["start"] : figure["end"]] == figure["text"]
            assert figure["qualifier"] in {
                "exact",
                "approx",
                "at_least",
                "more_than",
                "at_most",
                "less_than",
                "range",
            }
    one = claims[0]
    assert (await client.get(f"/claims/{one['id']}")).json() == one


async def test_filters_narrow_claims_and_assertions(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    source_id = seeded[1]["id"]
    claims = await all_pages(client, "/claims", source_id=source_id)
    assert claims and all(c["source_id"] == source_id for c in claims)
    found = await all_pages(client, "/claims", q="ballistic missiles")
    assert found and all("ballistic missiles" in c["text"].lower() for c in found)
    by_speaker = await all_pages(client, "/claims", speaker="Rutte")
    assert by_speaker and all("rutte" in (c["speaker"] or "").lower() for c in by_speaker)
    figures = await all_pages(client, "/assertions", source_id=source_id)
    assert figures and all(f["source_id"] == source_id for f in figures)
    fact_id = figures[0]["fact_id"]
    assert fact_id is not None
    in_fact = await all_pages(client, "/assertions", fact_id=fact_id)
    assert figures[0]["id"] in [f["id"] for f in in_fact]


async def test_pages_are_stable_and_complete(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    everything = await all_pages(client, "/assertions", limit=500)
    paged = await all_pages(client, "/assertions", limit=3)
    assert [a["id"] for a in paged] == [a["id"] for a in everything]
    assert len({a["id"] for a in paged}) == len(paged)


async def test_bad_list_parameters_are_400(client: AsyncTestClient[Litestar]) -> None:
    for params in ({"limit": 0}, {"limit": 501}, {"cursor": "!!!"}, {"verdict": "maybe"}):
        path = "/facts" if "verdict" in params else "/claims"
        response = await client.get(path, params=params)
        assert response.status_code in (400, 422), (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_facts_conflicts_and_verdicts(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    facts = await all_pages(client, "/facts", limit=500)
    verdicts = {f["verdict"] for f in facts}
    assert verdicts <= {"single", "agree", "conflict", "revised"}
    assert "conflict" in verdicts and "agree" in verdicts
    for fact in facts:
        assert fact["source_count"] == len({a["source_id"] for a in fact["assertions"]})
        assert fact["explanation"]
        assert (await client.get(f"/facts/{fact['id']}")).json()["id"] == fact["id"]
    agreeing = await all_pages(client, "/facts", verdict="agree")
    assert agreeing and all(f["verdict"] == "agree" for f in agreeing)

    conflicts = await all_pages(client, "/conflicts")
    assert conflicts
    severities = [c["fact"]["severity"] for c in conflicts]
    assert severities == sorted(severities, reverse=True)
    for conflict in conflicts:
        assert "assertions" not in conflict["fact"]
        assert conflict["pairs"]
        for pair in conflict["pairs"]:
            assert pair["reason"]
            assert pair["a"]["source_id"] != pair["b"]["source_id"] or (
                pair["a"]["attributed_to"] != pair["b"]["attributed_to"]
            )
    korea = await all_pages(client, "/conflicts", entity="DPRK")
    assert korea and {c["fact"]["id"] for c in korea} <= {c["fact"]["id"] for c in conflicts}


async def test_entities_and_aliases(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    found = await all_pages(client, "/entities", q="korea")
    north = next(e for e in found if e["name"] == "North Korea")
    assert {"DPRK", "Pyongyang"} <= set(north["aliases"])
    assert north["kind"] == "country"
    assert (await client.get(f"/entities/{north['id']}")).json()["id"] == north["id"]

    added = await client.post(
        f"/entities/{north['id']}/aliases", json={"alias": "the Hermit Kingdom"}
    )
    assert added.status_code == 200
    assert "the Hermit Kingdom" in added.json()["aliases"]
    claims = await all_pages(client, "/claims", entity="hermit kingdom")
    assert claims == await all_pages(client, "/claims", entity="North Korea")

    russia = next(
        e for e in await all_pages(client, "/entities", q="russia") if e["name"] == "Russia"
    )
    taken = await client.post(f"/entities/{russia['id']}/aliases", json={"alias": "DPRK"})
    assert taken.status_code == 409
    assert (await client.get("/entities/999999")).status_code == 404


async def test_list_endpoints_run_a_bounded_number_of_queries(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]], app: Litestar
) -> None:
    engines: list[AsyncEngine] = [app.state.engine, app.state.read_engine]
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    for engine in engines:
        event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        counts = {}
        for path in ("/claims", "/assertions", "/facts", "/conflicts", "/entities", "/sources"):
            for limit in (2, 200):
                statements.clear()
                assert (await client.get(path, params={"limit": limit})).status_code == 200
                counts[(path, limit)] = len(statements)
    finally:
        for engine in engines:
            event.remove(engine.sync_engine, "before_cursor_execute", record)
    for path in ("/claims", "/assertions", "/facts", "/conflicts", "/entities", "/sources"):
        assert counts[(path, 2)] == counts[(path, 200)], (path, counts)
        assert counts[(path, 200)] <= 12, (path, counts)


async def test_health(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "engine_version": engine_version(),
        "stale_sources": 0,
    }
