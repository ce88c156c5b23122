"""openapi/openapi.json is what the app generates, and the app serves it."""

from __future__ import annotations

import json

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.cli import OPENAPI_PATH, openapi_document
from tests.conftest import ROOT


def test_committed_openapi_matches_the_app() -> None:
    committed = (ROOT / OPENAPI_PATH).read_text(encoding="utf-8")
    assert committed == openapi_document(), (
        "openapi/openapi.json is stale: run `uv run factcheck openapi`"
    )


def test_openapi_documents_the_contract() -> None:
    document = json.loads(openapi_document())
    paths = document["paths"]
    for path in (
        "/sources",
        "/sources/{source_id}",
        "/claims",
        "/claims/{claim_id}",
        "/assertions",
        "/assertions/{assertion_id}",
        "/facts",
        "/facts/{fact_id}",
        "/conflicts",
        "/entities",
        "/entities/{entity_id}",
        "/health",
    ):
        assert path in paths, path
    operation_ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))
    limit = next(p for p in paths["/claims"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500


@pytest.mark.anyio
async def test_app_serves_its_openapi(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "factcheck"
