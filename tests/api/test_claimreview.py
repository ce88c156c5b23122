"""ClaimReview JSON-LD: every property Google's Fact Check markup requires, on real data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.settings import Settings
from tests.api.test_webhooks import PROTEST_ORGANISERS, PROTEST_POLICE

pytestmark = pytest.mark.anyio

BASE = "http://testserver.local"


def check_required(review: dict[str, Any], publisher: str = "factcheck") -> None:
    """The properties Google requires or recommends for a ClaimReview, with the right types."""
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] in {"Agree", "Conflict", "Revised", "Single source"}
    assert rating["ratingExplanation"].strip()
    assert review["url"].startswith(f"{BASE}/facts/")
    assert review["author"] == {"@type": "Organization", "name": publisher, "url": f"{BASE}/"}
    dt.date.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in {"Person", "Organization"}
    assert item["author"]["name"].strip()
    for appearance in (item["firstAppearance"], *item["appearance"]):
        assert appearance["@type"] == "CreativeWork"
        assert appearance["url"].startswith("http")
        assert appearance["headline"].strip()


async def test_a_conflicting_fact_as_claimreview(client: AsyncTestClient[Litestar]) -> None:
    for payload in (PROTEST_POLICE, PROTEST_ORGANISERS):
        assert (await client.post("/sources", json=payload)).status_code == 201
    [fact] = (await client.get("/facts", params={"verdict": "conflict"})).json()["items"]

    response = await client.get(f"/facts/{fact['id']}/claimreview")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"] == "https://schema.org"
    reviews = document["@graph"]
    assert len(reviews) == 2
    claims = {
        c["id"]: c["text"]
        for c in (await client.get("/claims", params={"limit": 500})).json()["items"]
    }
    sources = {s["publisher"]: s for s in (await client.get("/sources")).json()["items"]}
    for review in reviews:
        check_required(review)
        assert review["url"] == f"{BASE}/facts/{fact['id']}"
        assert review["reviewRating"]["alternateName"] == "Conflict"
        assert review["reviewRating"]["ratingExplanation"] == fact["explanation"]
        assert review["claimReviewed"] in claims.values()
        reviewed_on = dt.date.fromisoformat(review["datePublished"])
        assert abs((reviewed_on - dt.datetime.now(dt.UTC).date()).days) <= 1
        # The fact's URL in the API answers with the fact.
        assert (await client.get(review["url"].removeprefix(BASE))).json()["id"] == fact["id"]
    by_outlet = {r["itemReviewed"]["appearance"][0]["publisher"]["name"]: r for r in reviews}
    assert set(by_outlet) == {"Meridian Wire", "Harbour Gazette"}
    police = by_outlet["Meridian Wire"]["itemReviewed"]
    assert police["datePublished"] == "2025-03-04"
    assert police["appearance"][0]["datePublished"] == "2025-03-04"
    source_id = sources["Meridian Wire"]["id"]
    assert police["appearance"][0]["url"] == f"{BASE}/sources/{source_id}"
    assert "2,000 protesters" in by_outlet["Meridian Wire"]["claimReviewed"]
    assert "15,000 protesters" in by_outlet["Harbour Gazette"]["claimReviewed"]


async def test_the_reviewing_organisation_is_configurable(
    engine: AsyncEngine, database_url: str
) -> None:
    settings = Settings(database_url=database_url, publisher_name="Northgate Verify")
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.post("/sources", json=PROTEST_POLICE)).status_code == 201
        [fact] = (await client.get("/facts")).json()["items"]
        [review] = (await client.get(f"/facts/{fact['id']}/claimreview")).json()["@graph"]
    check_required(review, publisher="Northgate Verify")
    assert review["reviewRating"]["alternateName"] == "Single source"


async def test_every_conflict_as_claimreview(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    conflicts = (await client.get("/conflicts", params={"limit": 500})).json()["items"]
    assert conflicts, "the seeds hold at least one conflict"
    response = await client.get("/conflicts/claimreview", params={"limit": 500})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    reviews = response.json()["@graph"]
    for review in reviews:
        check_required(review)
        assert review["reviewRating"]["alternateName"] == "Conflict"
    covered = {int(r["url"].rsplit("/", 1)[1]) for r in reviews}
    assert covered == {c["fact"]["id"] for c in conflicts}

    by_entity = await client.get("/conflicts/claimreview", params={"entity": "DPRK", "limit": 500})
    assert {r["url"] for r in by_entity.json()["@graph"]} <= {r["url"] for r in reviews}
    nothing = await client.get("/conflicts/claimreview", params={"entity": "Atlantis"})
    assert nothing.json()["@graph"] == []


async def test_a_missing_fact_is_a_problem(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/facts/999/claimreview")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
