"""kill -9 the server in the middle of a bulk ingest: after a restart the database is
consistent (no partial source, facts equal a full recompute), and running the same bulk
ingest again completes it without duplicates."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.models import Source
from tests.integration.test_concurrency import article_payloads, check_storage, running_server

pytestmark = pytest.mark.anyio

EDITIONS = ("first", "second")


def bulk_payloads() -> list[dict[str, Any]]:
    """Twenty distinct articles: each of the ten in two editions (a different last line)."""
    return [
        {**payload, "text": f"{payload['text']}\n\nThis is the {edition} edition of the report."}
        for edition in EDITIONS
        for payload in article_payloads()
    ]


async def ingest(
    base: str,
    payloads: list[dict[str, Any]],
    *,
    parallel: int,
    kill_after: int | None = None,
    pid: int = 0,
) -> tuple[list[int], int]:
    """POST every payload, `parallel` at a time; returns the statuses and the failures.

    With `kill_after`, the server's process group gets SIGKILL once that many responses
    have arrived, while the next requests are still being served.
    """
    statuses: list[int] = []
    failures = 0
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for payload in payloads:
        queue.put_nowait(payload)
    killed = asyncio.Event()

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal failures
        while not queue.empty() and not killed.is_set():
            payload = queue.get_nowait()
            try:
                response = await client.post("/sources", json=payload)
            except httpx.TransportError:
                failures += 1
                continue
            statuses.append(response.status_code)
            if kill_after is not None and len(statuses) >= kill_after and not killed.is_set():
                killed.set()
                os.killpg(pid, signal.SIGKILL)

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(parallel)))
    return statuses, failures


async def source_count(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(Source)) or 0)


async def test_kill_minus_nine_mid_ingest(database_url: str, engine: AsyncEngine) -> None:
    payloads = bulk_payloads()
    with running_server(database_url, workers=2) as (base, process):
        statuses, failures = await ingest(base, payloads, parallel=6, kill_after=5, pid=process.pid)
        process.wait(timeout=30)
    assert failures >= 1, "requests were in flight when the server died"
    assert all(status == 201 for status in statuses), statuses
    await check_storage(engine)
    stored_before = await source_count(engine)
    assert len(statuses) <= stored_before < len(payloads)

    with running_server(database_url, workers=2) as (base, _):
        statuses, failures = await ingest(base, payloads, parallel=6)
        assert failures == 0
        assert sorted(statuses) == sorted(
            [200] * stored_before + [201] * (len(payloads) - stored_before)
        )
        again, _ = await ingest(base, payloads[:5], parallel=5)
        assert again == [200] * 5
    assert await source_count(engine) == len(payloads)
    await check_storage(engine)
