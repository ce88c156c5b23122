"""Writes need a key when FACTCHECK_API_KEYS is set; reads stay open unless configured."""

from __future__ import annotations

import logging

import pytest
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.http.deps import key_is_valid
from service.http.ratelimit import Rate, RateLimited, WriteRateLimiter, parse_rate
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


async def test_write_rate_is_limited_per_key(database_url: str, engine: object) -> None:
    settings = Settings(
        database_url=database_url, api_keys=("alpha-key", "beta-key"), write_rate="2/minute"
    )
    alpha = {"Authorization": "Bearer alpha-key"}
    beta = {"Authorization": "Bearer beta-key"}
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.post("/sources", json=BODY, headers=alpha)).status_code == 201
        assert (await client.post("/sources", json=BODY, headers=alpha)).status_code == 200
        limited = await client.post("/sources", json={"text": "Ten died."}, headers=alpha)
        assert limited.status_code == 429
        assert limited.headers["content-type"].startswith("application/problem+json")
        assert limited.json()["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        # Nothing was stored by the refused write; another key and reads are not limited.
        assert len((await client.get("/sources")).json()["items"]) == 1
        assert (await client.delete("/sources/1", headers=alpha)).status_code == 429
        assert (await client.post("/sources", json=BODY, headers=beta)).status_code == 200
        for _ in range(5):
            assert (await client.get("/sources", headers=alpha)).status_code == 200
        # A refused key does not spend anyone's tokens.
        assert (await client.post("/sources", json=BODY)).status_code == 401


async def test_open_writes_are_limited_per_client(database_url: str, engine: object) -> None:
    settings = Settings(database_url=database_url, write_rate="1/hour")
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.post("/sources", json=BODY)).status_code == 201
        limited = await client.post("/sources", json=BODY)
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) > 60


async def test_keys_are_never_logged(
    database_url: str, engine: object, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(database_url=database_url, api_keys=("s3cret-key-value",))
    caplog.set_level(logging.DEBUG)
    async with AsyncTestClient(app=create_app(settings)) as client:
        await client.post(
            "/sources", json=BODY, headers={"Authorization": "Bearer s3cret-key-value"}
        )
        await client.post("/sources", json=BODY, headers={"Authorization": "Bearer s3cret-wrong"})
        await client.post(
            "/sources",
            content=b"\xff",
            headers={
                "Authorization": "Bearer s3cret-key-value",
                "content-type": "application/json",
            },
        )
    assert "s3cret" not in caplog.text


def test_rate_specs() -> None:
    assert parse_rate("60/minute") == Rate(count=60, seconds=60.0)
    assert parse_rate("10/s") == Rate(count=10, seconds=1.0)
    assert parse_rate("5/10s") == Rate(count=5, seconds=10.0)
    assert parse_rate("1000 / hours") == Rate(count=1000, seconds=3600.0)
    assert parse_rate("off") is None
    assert parse_rate("") is None
    assert parse_rate("0/minute") is None
    for bad in ("60", "60/fortnight", "-1/minute", "ten/minute", "5/0s"):
        with pytest.raises(ValueError, match="not a rate"):
            parse_rate(bad)


def test_token_bucket_refills_evenly() -> None:
    now = [0.0]
    limiter = WriteRateLimiter(Rate(count=3, seconds=60.0), clock=lambda: now[0])
    for _ in range(3):
        limiter.take("k")
    with pytest.raises(RateLimited) as refused:
        limiter.take("k")
    assert refused.value.retry_after == 20
    now[0] = 20.0
    limiter.take("k")  # one token came back after 20 s
    with pytest.raises(RateLimited):
        limiter.take("k")
    limiter.take("other")
    now[0] = 10_000.0
    for _ in range(3):
        limiter.take("k")  # never more than the bucket holds


def test_key_comparison() -> None:
    assert key_is_valid("b", ("a", "b"))
    assert not key_is_valid("", ("a", ""))
    assert not key_is_valid("a ", ("a",))
    assert not key_is_valid("ä", ("a",))
