"""Issue 4's acceptance on the seeds, end to end through the API: what the five articles say.

The figures are found by the words the articles use, and every other fact must be `single`.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.test_reads import all_pages

pytestmark = pytest.mark.anyio


def fact_holding(facts: list[dict[str, Any]], phrase: str) -> dict[str, Any]:
    holding = [f for f in facts if any(phrase in a["text"] for a in f["assertions"])]
    assert len(holding) == 1, (phrase, [f["label"] for f in holding])
    return holding[0]


def texts(fact: dict[str, Any]) -> str:
    return " | ".join(a["text"] for a in fact["assertions"])


async def test_the_seeds_give_the_expected_verdicts(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    facts = await all_pages(client, "/facts", limit=500)

    sent = fact_holding(facts, "12,000 North Korean soldiers")
    assert sent["verdict"] == "conflict", sent["explanation"]
    for phrase in ("10,000", "between 1,500 and 10,000", "as many as 10,000", "3,000"):
        assert phrase in texts(sent), (phrase, texts(sent))
    revised = [a for a in sent["assertions"] if a["id"] in sent["revised"]]
    assert [a["text"] for a in revised] == ["as many as 3,000 of its troops"] or any(
        "as many as 3,000" in a["text"] for a in revised
    ), revised
    conflicts = await all_pages(client, "/conflicts")
    pairs = next(c["pairs"] for c in conflicts if c["fact"]["id"] == sent["id"])
    assert any(
        {p["a"]["low"], p["b"]["low"]} >= {12000.0} and 10000.0 in {p["a"]["high"], p["b"]["high"]}
        for p in pairs
    ), pairs

    kursk = fact_holding(facts, "at least 1,500 North Korean troops")
    assert kursk["verdict"] == "agree", kursk["explanation"]
    assert "approximately 5,000" in texts(kursk)
    assert kursk["id"] != sent["id"]

    casualties = fact_holding(facts, "around 650,000")
    assert casualties["verdict"] == "agree", casualties["explanation"]
    assert sum("over 600,000" in a["text"] for a in casualties["assertions"]) == 2

    judged = {sent["id"], kursk["id"], casualties["id"]}
    others = {f["label"]: f["verdict"] for f in facts if f["id"] not in judged}
    assert set(others.values()) == {"single"}, others
