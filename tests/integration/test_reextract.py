"""`factcheck reextract` on real articles: sources an older engine read are read again and end
up as an ingest by the running engine stores them, in one transaction per batch.

An older engine is simulated in the database: its version is unknown (NULL) or another one,
and it extracted differently: fewer claims, other figures and quantity names, with facts
judged from those (a full recompute, so the old state is itself consistent).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import aliased

from service.app import create_app
from service.db.models import (
    Assertion,
    Claim,
    ClaimEntity,
    Entity,
    Fact,
    Source,
    WebhookDelivery,
)
from service.domain import engine_version
from service.engine_upgrade import Summary, reextract
from service.ingest_files import article_files, payload_from_file
from service.services import reextract as reextract_service
from service.services.maintenance import consistency_problems, fact_state, recompute_all_facts
from service.settings import Settings
from tests.conftest import ROOT, SEEDS
from tests.integration.test_concurrency import (
    check_storage,
    empty_tables,
    running_server,
    session_of,
)

pytestmark = pytest.mark.anyio

CORPUS = ROOT / "tests" / "corpus"
OLDER = "older-engine"


def payloads(*paths: Path) -> list[dict[str, Any]]:
    return [msgspec.to_builtins(payload_from_file(p)) for p in article_files(list(paths))]


def app_settings(database_url: str) -> Settings:
    # A new app per phase: nothing an earlier phase's extractor learned stays in memory.
    return Settings(
        database_url=database_url,
        write_rate="off",
        webhook_dispatch=False,
        fetch_allowed_networks=("127.0.0.0/8",),
    )


async def ingest(database_url: str, articles: list[dict[str, Any]]) -> None:
    async with AsyncTestClient(app=create_app(app_settings(database_url))) as client:
        for payload in articles:
            response = await client.post("/sources", json=payload)
            assert response.status_code == 201, response.text


async def delete_every_source(database_url: str) -> None:
    async with AsyncTestClient(app=create_app(app_settings(database_url))) as client:
        for source_id in await source_ids_of(client):
            assert (await client.delete(f"/sources/{source_id}")).status_code == 204


async def source_ids_of(client: AsyncTestClient[Litestar]) -> list[int]:
    response = await client.get("/sources", params={"limit": 500})
    return [item["id"] for item in response.json()["items"]]


async def health(database_url: str) -> dict[str, Any]:
    async with AsyncTestClient(app=create_app(app_settings(database_url))) as client:
        response = await client.get("/health")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


async def run(database_url: str, **options: Any) -> Summary:
    return await reextract(app_settings(database_url), **options)


async def simulate_older_engine(engine: AsyncEngine, source_ids: list[int] | None = None) -> None:
    """Make the sources (all by default) look read by an older engine that extracted less and
    differently: every other claim missing, every third figure read with another value and
    quantity name. Counts and facts are made to agree with that (a consistent old state)."""
    async with session_of(engine) as session:
        chosen = (
            list(await session.scalars(select(Source.id).order_by(Source.id)))
            if source_ids is None
            else source_ids
        )
        claims = list(
            await session.scalars(
                select(Claim.id).where(Claim.source_id.in_(chosen)).order_by(Claim.id)
            )
        )
        await session.execute(delete(Claim).where(Claim.id.in_(claims[::2])))
        figures = list(
            await session.scalars(
                select(Assertion.id).where(Assertion.source_id.in_(chosen)).order_by(Assertion.id)
            )
        )
        await session.execute(
            update(Assertion)
            .where(Assertion.id.in_(figures[::3]))
            .values(
                low=Assertion.low * 2 + 1,
                high=Assertion.high * 2 + 1,
                quantity=Assertion.quantity + " (old)",
                family_key=Assertion.family_key + "|old",
            )
        )
        for source_id in chosen:
            claim_count = select(func.count()).where(Claim.source_id == source_id)
            figure_count = select(func.count()).where(Assertion.source_id == source_id)
            await session.execute(
                update(Source)
                .where(Source.id == source_id)
                .values(
                    claim_count=claim_count.scalar_subquery(),
                    assertion_count=figure_count.scalar_subquery(),
                    engine_version=None if source_ids is None else OLDER,
                )
            )
        await recompute_all_facts(session)
        assert await consistency_problems(session) == []
        await session.commit()


_subject = aliased(Entity)
_location = aliased(Entity)


async def contents(engine: AsyncEngine) -> dict[str, Any]:
    """Everything extraction and fact refreshes store, without ids: sources by content hash,
    claims and assertions by (source, offsets), entities by key, facts by key with their
    members and conflict pairs as (source, offsets)."""
    async with session_of(engine) as session:
        sources = {
            row.content_hash: (
                row.title,
                row.publisher,
                row.published_at,
                row.text,
                row.claim_count,
                row.assertion_count,
                row.engine_version,
            )
            for row in await session.scalars(select(Source))
        }
        hash_of = {i: h for i, h in await session.execute(select(Source.id, Source.content_hash))}
        entities_of: dict[int, list[str]] = {}
        for claim_id, key in await session.execute(
            select(ClaimEntity.claim_id, Entity.key).join(Entity)
        ):
            entities_of.setdefault(claim_id, []).append(key)
        claims = sorted(
            (hash_of[c.source_id], c.start, c.end, c.text, c.speaker, *sorted(entities_of[c.id]))
            if c.id in entities_of
            else (hash_of[c.source_id], c.start, c.end, c.text, c.speaker)
            for c in await session.scalars(select(Claim))
        )
        place: dict[int, tuple[str, int, int]] = {}
        figures = []
        for row in await session.execute(
            select(Assertion, _subject.key, _location.key, Fact.key)
            .outerjoin(_subject, _subject.id == Assertion.subject_id)
            .outerjoin(_location, _location.id == Assertion.location_id)
            .outerjoin(Fact, Fact.id == Assertion.fact_id)
        ):
            figure, subject, location, fact = row
            place[figure.id] = (hash_of[figure.source_id], figure.start, figure.end)
            figures.append(
                (
                    *place[figure.id],
                    figure.text,
                    figure.quantity,
                    figure.unit,
                    figure.qualifier,
                    figure.low,
                    figure.high,
                    subject,
                    location,
                    figure.attributed_to,
                    figure.attributor_key,
                    figure.as_of,
                    figure.is_forecast,
                    figure.superseded,
                    figure.family_key,
                    fact,
                )
            )
        facts = [
            (
                key,
                label,
                verdict,
                explanation,
                count,
                sorted(place[i] for i in members),
                sorted(place[i] for i in superseded),
                sorted(_pair_by_place(pair, place) for pair in pairs),
            )
            for key, label, verdict, explanation, count, members, superseded, pairs in (
                await fact_state(session)
            )
        ]
        entities = sorted(
            tuple(row)
            for row in await session.execute(select(Entity.key, Entity.name, Entity.parent_key))
        )
    return {
        "sources": sources,
        "claims": claims,
        "assertions": sorted(figures, key=repr),
        "facts": sorted(facts, key=repr),
        "entities": entities,
    }


def _pair_by_place(pair: str, place: dict[int, tuple[str, int, int]]) -> tuple[Any, ...]:
    ids, reason = pair.split(": ", 1)
    a_id, b_id = (int(i) for i in ids.split("-"))
    return (*sorted((place[a_id], place[b_id])), reason)


async def stored_rows(engine: AsyncEngine) -> tuple[Any, ...]:
    """The rows with their ids: what must not move when nothing changes."""
    async with session_of(engine) as session:
        claims = (await session.execute(select(Claim.id, Claim.source_id, Claim.start))).all()
        figures = (
            await session.execute(select(Assertion.id, Assertion.claim_id, Assertion.fact_id))
        ).all()
        sources = (await session.execute(select(Source.id, Source.engine_version))).all()
        return (sorted(claims), sorted(figures), sorted(sources), await fact_state(session))


async def test_stale_sources_end_up_as_a_fresh_ingest_stores_them(
    database_url: str, engine: AsyncEngine
) -> None:
    articles = payloads(SEEDS, CORPUS)
    # What ingest stores once every article is known (deleting sources keeps the entities
    # they taught, as a database that read them all has them): the reference.
    await ingest(database_url, articles)
    await delete_every_source(database_url)
    await ingest(database_url, articles)
    expected = await contents(engine)
    await empty_tables(engine)

    await ingest(database_url, articles)
    await simulate_older_engine(engine)
    assert (await health(database_url))["stale_sources"] == len(articles)
    assert (await contents(engine))["facts"] != expected["facts"]

    summary = await run(database_url, batch_size=7)
    assert summary.error is None and summary.failures == []
    assert (summary.selected, summary.reread) == (len(articles), len(articles))
    assert summary.replaced + summary.unchanged == len(articles) and summary.replaced > 0
    assert summary.claims_after > summary.claims_before
    assert summary.claims_after == sum(s[4] for s in expected["sources"].values())
    assert summary.assertions_after == sum(s[5] for s in expected["sources"].values())
    assert await contents(engine) == expected
    await check_storage(engine)
    assert await health(database_url) == {
        "status": "ok",
        "engine_version": engine_version(),
        "stale_sources": 0,
    }

    # Idempotent: nothing is stale any more, and reading everything again moves no row.
    before = await stored_rows(engine)
    again = await run(database_url)
    assert (again.selected, again.reread, again.replaced) == (0, 0, 0)
    everything = await run(database_url, everything=True)
    assert (everything.reread, everything.replaced) == (len(articles), 0)
    assert (everything.verdicts_changed, everything.facts_added, everything.facts_removed) == (
        0,
        0,
        0,
    )
    assert await stored_rows(engine) == before


async def test_only_sources_of_other_engines_are_read_again(
    database_url: str, engine: AsyncEngine
) -> None:
    await ingest(database_url, payloads(SEEDS))
    await run(database_url, everything=True)  # every seed read knowing all the others
    current = await contents(engine)
    async with session_of(engine) as session:
        ids = list(await session.scalars(select(Source.id).order_by(Source.id)))
    stale, untouched = ids[1::2], ids[0::2]
    await simulate_older_engine(engine, stale)
    assert (await health(database_url))["stale_sources"] == len(stale)
    async with session_of(engine) as session:
        kept = (
            await session.execute(
                select(Claim.id, Claim.start)
                .where(Claim.source_id.in_(untouched))
                .order_by(Claim.id)
            )
        ).all()

    summary = await run(database_url)
    assert (summary.selected, summary.reread, summary.replaced) == (len(stale),) * 3
    assert await contents(engine) == current
    await check_storage(engine)
    async with session_of(engine) as session:
        assert (
            await session.execute(
                select(Claim.id, Claim.start)
                .where(Claim.source_id.in_(untouched))
                .order_by(Claim.id)
            )
        ).all() == kept


async def test_a_dry_run_writes_nothing(database_url: str, engine: AsyncEngine) -> None:
    await ingest(database_url, payloads(SEEDS))
    await simulate_older_engine(engine)
    before = await stored_rows(engine)
    summary = await run(database_url, dry_run=True)
    assert summary.dry_run and summary.selected == summary.reread == len(before[2])
    assert summary.claims_after > summary.claims_before
    assert await stored_rows(engine) == before
    assert (await health(database_url))["stale_sources"] == len(before[2])


async def test_a_failure_mid_source_leaves_that_source_as_it_was(
    database_url: str, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ingest(database_url, payloads(SEEDS))
    await simulate_older_engine(engine)
    old = await contents(engine)
    written: list[int] = []
    real_write = reextract_service.write_contents

    async def fail_on_the_second_source(session: Any, source_id: int, planned: Any) -> None:
        await real_write(session, source_id, planned)  # the claims are in, then it breaks
        written.append(source_id)
        if len(written) == 2:
            raise RuntimeError("injected failure")

    monkeypatch.setattr(reextract_service, "write_contents", fail_on_the_second_source)
    summary = await run(database_url, batch_size=1)
    assert summary.error is not None and "injected failure" in summary.error
    first, second = written
    async with session_of(engine) as session:
        versions = {
            i: v for i, v in await session.execute(select(Source.id, Source.engine_version))
        }
        assert versions[first] == engine_version()
        assert versions[second] is None
        assert await consistency_problems(session) == []
    # The failed source holds exactly its old rows: none of the new engine's, none missing.
    after = await contents(engine)
    hash_of_second = await _hash_of(engine, second)
    assert [c for c in after["claims"] if c[0] == hash_of_second] == [
        c for c in old["claims"] if c[0] == hash_of_second
    ]
    assert [a for a in after["assertions"] if a[0] == hash_of_second] == [
        a for a in old["assertions"] if a[0] == hash_of_second
    ]
    await check_storage(engine)

    monkeypatch.setattr(reextract_service, "write_contents", real_write)
    rest = await run(database_url)
    assert rest.error is None and rest.selected == len(versions) - 1
    assert (await health(database_url))["stale_sources"] == 0
    await check_storage(engine)


async def _hash_of(engine: AsyncEngine, source_id: int) -> str:
    async with session_of(engine) as session:
        digest = await session.scalar(select(Source.content_hash).where(Source.id == source_id))
        assert digest is not None
        return digest


async def test_verdict_changes_queue_webhook_events_as_ingest_does(
    database_url: str, engine: AsyncEngine
) -> None:
    await ingest(database_url, payloads(SEEDS))
    async with session_of(engine) as session:
        conflicts = set(await session.scalars(select(Fact.key).where(Fact.verdict == "conflict")))
    assert conflicts, "the seeds disagree about at least one fact"
    # An older engine that found no figure at all: no facts, so no conflict.
    async with session_of(engine) as session:
        await session.execute(delete(Assertion))
        await session.execute(update(Source).values(assertion_count=0, engine_version=None))
        await recompute_all_facts(session)
        await session.commit()
    async with AsyncTestClient(app=create_app(app_settings(database_url))) as client:
        response = await client.post(
            "/webhooks",
            json={"url": "http://127.0.0.1:9/hook", "events": ["fact.conflict", "fact.resolved"]},
        )
        assert response.status_code == 201, response.text

    summary = await run(database_url, batch_size=50)
    assert summary.facts_added > 0
    async with session_of(engine) as session:
        queued = (
            await session.execute(
                select(WebhookDelivery.event, Fact.key).join(
                    Fact, Fact.id == WebhookDelivery.fact_id
                )
            )
        ).all()
    assert sorted(queued) == sorted(("fact.conflict", key) for key in conflicts)


async def test_ingest_records_the_running_engine(database_url: str, engine: AsyncEngine) -> None:
    await ingest(database_url, payloads(SEEDS)[:1])
    async with session_of(engine) as session:
        assert list(await session.scalars(select(Source.engine_version))) == [engine_version()]


async def test_reextract_while_a_server_ingests(database_url: str, engine: AsyncEngine) -> None:
    """Re-reading races real ingests of overlapping stories (the same entities, families and
    facts): every write lands whole and the facts equal a recompute from scratch."""
    articles = payloads(SEEDS, CORPUS)
    first, later = articles[::2], articles[1::2]
    await ingest(database_url, first)
    await simulate_older_engine(engine)

    async def post_later(base: str) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:
            for payload in later:
                response = await client.post("/sources", json=payload)
                assert response.status_code == 201, response.text

    with running_server(database_url, workers=2) as (base, _):
        summary, _ = await asyncio.gather(run(database_url, batch_size=3), post_later(base))
    assert summary.error is None and summary.reread == len(first)
    await check_storage(engine)
    assert (await health(database_url))["stale_sources"] == 0
