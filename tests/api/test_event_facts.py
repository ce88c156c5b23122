"""An event's figures across articles, through the API: stored entity kinds reach grouping."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.test_reads import all_pages

pytestmark = pytest.mark.anyio

# Fictional storm, real places: two towns of one country that the knowledge base does not
# nest in each other. Each outlet places the storm where it reports from.
BEIRA = (
    "Storm Keld kills dozens\n\n"
    "Storm Keld has killed at least 40 people in Beira, the national disaster agency said on "
    "Monday.\n"
)
NAMPULA = (
    "Keld toll rises\n\n"
    "Storm Keld has killed 52 people in Nampula, the national disaster agency said on "
    "Tuesday.\n"
)


async def test_an_events_toll_reported_from_two_places_is_one_fact(
    client: AsyncTestClient[Litestar],
) -> None:
    for text, day in ((BEIRA, "2026-03-02"), (NAMPULA, "2026-03-03")):
        response = await client.post(
            "/sources", json={"text": text, "published_at": f"{day}T09:00:00+00:00"}
        )
        assert response.status_code == 201, response.text
    facts: list[dict[str, Any]] = await all_pages(client, "/facts")
    holding = [f for f in facts if {a["low"] for a in f["assertions"]} & {40.0, 52.0}]
    assert len(holding) == 1, [(f["label"], f["location"]) for f in holding]
    assert {a["low"] for a in holding[0]["assertions"]} >= {40.0, 52.0}
