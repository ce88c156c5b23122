"""A small HTTP load generator (httpx async clients on loopback), bounded in count and time."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Sequence
from typing import Any

import httpx
import msgspec

# Plain bodies on both sides of the framework-ceiling comparison (no gzip work on either).
HEADERS = {"Accept-Encoding": "identity"}


class LoadResult(msgspec.Struct, frozen=True):
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    rps: float

    def row(self) -> str:
        return (
            f"{self.requests} | {self.errors} | {self.p50_ms:.1f} | {self.p99_ms:.1f} "
            f"| {self.rps:.0f}"
        )


def summarize(latencies: list[float], errors: int, seconds: float) -> LoadResult:
    ordered = sorted(latencies) or [0.0]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return LoadResult(
        requests=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=p99 * 1000,
        rps=len(latencies) / seconds if seconds else 0.0,
    )


async def get_load(
    base_url: str,
    paths: Sequence[str],
    *,
    concurrency: int = 1,
    requests: int = 500,
    seconds: float = 20.0,
    warmup: int = 10,
) -> LoadResult:
    """GET `paths` round-robin from `concurrency` clients until `requests` or `seconds` run out."""
    cycle = itertools.cycle(paths)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, headers=HEADERS) as client:
        for path in list(paths)[:warmup]:
            await client.get(path)
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            nonlocal errors
            while len(latencies) + errors < requests and time.perf_counter() < deadline:
                path = next(cycle)
                begin = time.perf_counter()
                response = await client.get(path, timeout=30)
                await response.aread()
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - begin)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return summarize(latencies, errors, elapsed)


async def post_load(
    base_url: str,
    bodies: Sequence[dict[str, Any]],
    *,
    concurrency: int = 1,
    seconds: float = 60.0,
) -> LoadResult:
    """POST each body to /sources once, from `concurrency` clients; 201 and 200 count as done."""
    queue = list(reversed(bodies))
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            nonlocal errors
            while queue and time.perf_counter() < deadline:
                body = queue.pop()
                begin = time.perf_counter()
                response = await client.post("/sources", json=body, timeout=60)
                if response.status_code in (200, 201):
                    latencies.append(time.perf_counter() - begin)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return summarize(latencies, errors, elapsed)
