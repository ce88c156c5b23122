"""Writes need a key when FACTCHECK_API_KEYS is set; reads stay open unless configured."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.settings import Settings

pytestmark = pytest.mark.anyio

BODY = {"text": "The ministry said 2,300 homes were without power on Sunday."}


@pytest.mark.parametrize("read_keys_required", [False, True])
async def test_keys_guard_writes(
    database_url: str, engine: object, read_keys_required: bool
) -> None:
    settings = Settings(
        database_url=database_url,
        api_keys=("alpha-key", "beta-key"),
        read_keys_required=read_keys_required,
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "alpha-key"}):
            refused = await client.post("/sources", json=BODY, headers=headers)
            assert refused.status_code == 401
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert refused.headers["www-authenticate"] == "Bearer"
        good = {"Authorization": "Bearer beta-key"}
        listed = await client.get("/sources")
        assert listed.status_code == (401 if read_keys_required else 200)
        assert (await client.get("/sources", headers=good)).json()["items"] == []

        created = await client.post("/sources", json=BODY, headers=good)
        assert created.status_code == 201
        source_id = created.json()["id"]
        assert (await client.delete(f"/sources/{source_id}")).status_code == 401
        assert (await client.get(f"/sources/{source_id}", headers=good)).status_code == 200
        assert (await client.delete(f"/sources/{source_id}", headers=good)).status_code == 204
        assert (await client.get("/health")).status_code == 200
