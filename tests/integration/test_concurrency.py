"""Real concurrency against a real server: racing ingests store each article once, the facts
they build equal a recompute from scratch, and readers never see half a source.

The server is `uvicorn` in a subprocess with several worker processes, on the test database
of each engine.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from service.app import create_app
from service.db.base import Base
from service.db.models import Assertion, Entity, Fact, Source
from service.ingest_files import payload_from_file
from service.services.maintenance import consistency_problems, fact_state, recompute_all_facts
from service.settings import Settings

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
# Ten articles in three overlapping stories: the seeds (one story, five outlets), four
# earthquake reports and an outbreak report.
ARTICLE_FILES = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((ROOT / "tests" / "corpus" / "earthquake").glob("*.md")),
    ROOT / "tests" / "corpus" / "outbreak" / "01_global_health_dispatch.md",
]


def article_payloads() -> list[dict[str, Any]]:
    payloads = [msgspec.to_builtins(payload_from_file(path)) for path in ARTICLE_FILES]
    assert len(payloads) == 10
    return payloads


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(
    database_url: str, *, workers: int, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`uvicorn` serving the app on `database_url`; yields its base URL and process."""
    port = free_port()
    environment = {
        **os.environ,
        "FACTCHECK_DATABASE_URL": database_url,
        "FACTCHECK_WRITE_RATE": "off",
        "FACTCHECK_WEBHOOK_DISPATCH": "false",
        "FACTCHECK_DB_POOL_SIZE": "5",
        **(env or {}),
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "service.app:create_app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=ROOT,
        start_new_session=True,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process, log)
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait(timeout=10)
        log.close()


def wait_until_healthy(base: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            errors = log.read().decode(errors="replace")
            raise AssertionError(f"the server exited while starting:\n{errors[-3000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not become healthy")


async def empty_tables(engine: AsyncEngine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))


async def described_facts(engine: AsyncEngine) -> list[tuple[Any, ...]]:
    """Facts without ids: key, label, verdict, source count, subject, location and members
    (by source content and offsets).

    The explanation's wording is left out: who a figure is attributed to can read
    differently ("Mark Rutte" / "NATO's Mark Rutte") depending on which names earlier
    articles taught the extractor, which is arrival order by design.
    """
    subject = aliased(Entity)
    location = aliased(Entity)
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(
                Fact.key,
                Fact.label,
                Fact.verdict,
                Fact.source_count,
                subject.name,
                location.name,
                Source.content_hash,
                Assertion.start,
                Assertion.end,
                Assertion.superseded,
            )
            .join(Assertion, Assertion.fact_id == Fact.id)
            .join(Source, Source.id == Assertion.source_id)
            .outerjoin(subject, subject.id == Fact.subject_id)
            .outerjoin(location, location.id == Fact.location_id)
        )
        facts: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        for key, label, verdict, count, subj, loc, digest, start, end, sup in rows:
            head = (key, label, verdict, count, subj, loc)
            facts.setdefault(head, []).append((digest, start, end, sup))
        stray = await connection.scalar(
            select(Assertion.id).where(Assertion.fact_id.is_(None)).limit(1)
        )
    assert stray is None, "an assertion belongs to no fact"
    return sorted((*head, tuple(sorted(members))) for head, members in facts.items())


async def serial_ingest(base: str, payloads: list[dict[str, Any]]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for payload in payloads:
            response = await client.post("/sources", json=payload)
            assert response.status_code == 201, response.text


async def check_storage(engine: AsyncEngine) -> None:
    """No count disagrees with its rows, and the facts equal a full recompute."""
    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    async with sessionmaker() as session:
        assert await consistency_problems(session) == []
        before = await fact_state(session)
        await recompute_all_facts(session)
        assert await fact_state(session) == before
        await session.rollback()


@asynccontextmanager
async def session_of(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with async_sessionmaker(engine, expire_on_commit=False)() as session:
        yield session


async def read_whole_sources(base: str, stop: asyncio.Event) -> int:
    """Keep checking every visible source against its claims and assertions until `stop`,
    then once more (on a fast machine every write may land between two passes)."""
    checks = 0
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while True:
            last_pass = stop.is_set()
            sources = (await client.get("/sources", params={"limit": 500})).json()["items"]
            for source in sources:
                params = {"source_id": source["id"], "limit": 500}
                claims = (await client.get("/claims", params=params)).json()["items"]
                figures = (await client.get("/assertions", params=params)).json()["items"]
                assert len(claims) == source["claim_count"], source
                assert len(figures) == source["assertion_count"], source
                for figure in figures:
                    assert figure["fact_id"] is not None, figure
                checks += 1
            if last_pass:
                return checks
            await asyncio.sleep(0.01)


async def serial_ingest_in_process(database_url: str, payloads: list[dict[str, Any]]) -> None:
    # A new app each time: nothing learned by an earlier round's extractor carries over.
    app = create_app(Settings(database_url=database_url, write_rate="off"))
    async with AsyncTestClient(app=app) as client:
        for payload in payloads:
            response = await client.post("/sources", json=payload)
            assert response.status_code == 201, response.text


async def test_facts_do_not_depend_on_arrival_order(database_url: str, engine: AsyncEngine) -> None:
    payloads = article_payloads()
    await serial_ingest_in_process(database_url, payloads)
    in_order = await described_facts(engine)
    await check_storage(engine)
    await empty_tables(engine)
    await serial_ingest_in_process(database_url, payloads[::-1])
    assert await described_facts(engine) == in_order


@pytest.mark.parametrize("workers", [1, 3])
async def test_racing_ingests_store_each_article_once(
    database_url: str, engine: AsyncEngine, workers: int
) -> None:
    """With one worker the facts equal a serial ingest's. With several, each worker's
    cache of learned entity names grows in different steps, and extraction can differ
    with the worker (a knowledge-cache matter, reported); storage must stay consistent."""
    payloads = article_payloads()
    serial: list[tuple[Any, ...]] = []
    if workers == 1:
        await serial_ingest_in_process(database_url, payloads)
        serial = await described_facts(engine)
        await empty_tables(engine)
    requests = [payload for payload in payloads for _ in range(5)]
    random.Random(6).shuffle(requests)
    with running_server(database_url, workers=workers) as (base, _):
        stop = asyncio.Event()
        reader = asyncio.create_task(read_whole_sources(base, stop))
        async with httpx.AsyncClient(
            base_url=base, timeout=300, limits=httpx.Limits(max_connections=50)
        ) as client:
            responses = await asyncio.gather(
                *(client.post("/sources", json=payload) for payload in requests)
            )
        stop.set()
        checks = await reader
        assert checks > 0

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 40 + [201] * 10, [r.text for r in responses if r.status_code >= 300]
    ids = {response.json()["id"] for response in responses}
    assert len(ids) == 10
    async with engine.connect() as connection:
        assert len((await connection.execute(select(Source.id))).all()) == 10
    # No refresh lost another's assertions: the facts equal a recompute from scratch.
    racing = await described_facts(engine)
    assert racing
    await check_storage(engine)
    if workers == 1:
        assert racing == serial
