"""Load a large synthetic corpus into an empty, migrated database fast.

Sending 100,000 articles through `POST /sources` would take hours on two cores, so the
benchmarks load their corpora like this instead, and only the ingest benchmark uses HTTP:

1. **Extraction is the real one**: `extract_article` with the shipped knowledge base, run on
   every core (a process pool) and cached on disk (`extracted(n, seed)`, keyed on the source of
   `bench/corpus.py`), so the SQLite and PostgreSQL loads of one size extract once. The cache
   keeps the extractor of the day it was made: delete it (`FACTCHECK_BENCH_CACHE`, default
   `/tmp/factcheck-bench-cache`) to measure a newer extractor.
2. **Rows are what ingest would write**: entities are linked under all their names as
   `services.entities.link_entities` does (by key, else by any alias; a new name becomes an
   alias of the entity it joined), assertions get the canonical entity keys and their family
   key as in `services.sources`, and ids are assigned here, in ingest order.
3. **Facts are computed once per family** with the same pure functions as
   `services.fact_updates.refresh_families` (`domain.facts.group_facts`, `domain.verdicts.judge`),
   after every assertion is known, instead of once per article.
4. **Writes are SQLAlchemy core bulk inserts** (executemany in chunks of 5,000 rows), in foreign
   key order; PostgreSQL sequences are then moved past the loaded ids and both engines run
   `ANALYZE`, as autovacuum would on a live server.

`bench.smoke` checks that step 3 agrees with the service: after a bulk load it runs the real
`refresh_families` over every family and compares the facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench import corpus as corpus_module
from bench.corpus import Article, build_corpus
from service.db.models import (
    Assertion,
    Claim,
    ClaimEntity,
    ConflictPair,
    Entity,
    EntityAlias,
    Fact,
    Source,
)
from service.domain import engine_version, verdicts
from service.domain import facts as fact_logic
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import (
    AssertionView,
    ExtractedArticle,
    ExtractedAssertion,
    Qualifier,
)
from service.services.entities import normalize_alias
from service.services.source_contents import assertion_values
from service.services.sources import content_hash

CACHE = Path(os.environ.get("FACTCHECK_BENCH_CACHE", "/tmp/factcheck-bench-cache"))
CHUNK = 5000

_kb: KnowledgeBase | None = None


def _extract_one(article: Article) -> ExtractedArticle:
    global _kb
    if _kb is None:
        _kb = KnowledgeBase.shipped()
    return extract_article(text=article.text, published_at=article.published_at, kb=_kb)


def extract_all(
    articles: Sequence[Article], processes: int | None = None
) -> list[ExtractedArticle]:
    """Real extraction of every article, on every core."""
    workers = processes or os.cpu_count() or 1
    if workers == 1 or len(articles) < 200:
        return [_extract_one(a) for a in articles]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_extract_one, articles, chunksize=200))


def extracted(n: int, seed: int = 20241028) -> tuple[list[Article], list[ExtractedArticle], float]:
    """The corpus of `(n, seed)` and its extraction (cached on disk); seconds spent extracting."""
    articles = build_corpus(n, seed)
    # Keyed on the generator's source: a changed template never reuses stale extractions.
    generator = hashlib.sha256(Path(corpus_module.__file__ or "").read_bytes()).hexdigest()[:12]
    path = CACHE / f"extracted-{generator}-{seed}-{n}.msgpack"
    if path.exists():
        results = msgspec.msgpack.decode(path.read_bytes(), type=list[ExtractedArticle])
        return articles, results, 0.0
    started = time.perf_counter()
    results = extract_all(articles)
    seconds = time.perf_counter() - started
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msgspec.msgpack.encode(results))
    return articles, results, seconds


class Rows(msgspec.Struct, kw_only=True):
    """Every row of a corpus, by table, with ids assigned."""

    entities: list[dict[str, Any]]
    aliases: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    claim_entities: list[dict[str, Any]]
    assertions: list[dict[str, Any]]
    facts: list[dict[str, Any]] = []
    pairs: list[dict[str, Any]] = []


def _storable(figure: ExtractedAssertion) -> bool:
    return all(v is None or (math.isfinite(v) and abs(v) < 1e18) for v in (figure.low, figure.high))


def build_rows(articles: Sequence[Article], results: Sequence[ExtractedArticle]) -> Rows:
    """Rows for every table as ingest would write them, ids in ingest order."""
    now = dt.datetime.now(dt.UTC)
    rows = Rows(entities=[], aliases=[], sources=[], claims=[], claim_entities=[], assertions=[])
    by_key: dict[str, dict[str, Any]] = {}
    by_alias: dict[str, dict[str, Any]] = {}
    seen_hashes: set[str] = set()
    for article, result in zip(articles, results, strict=True):
        digest = content_hash(result.text)
        if digest in seen_hashes:
            continue  # the same content twice is one source, as over HTTP
        seen_hashes.add(digest)
        linked: dict[str, dict[str, Any]] = {}
        for entity in sorted(result.entities, key=lambda e: (-len(e.aliases), e.key)):
            row = by_key.get(entity.key) or next(
                (
                    by_alias[n]
                    for n in map(normalize_alias, (entity.name, *entity.aliases))
                    if n in by_alias
                ),
                None,
            )
            if row is None:
                row = {
                    "id": len(rows.entities) + 1,
                    "key": entity.key,
                    "name": entity.name,
                    "kind": str(entity.kind),
                    "parent_key": entity.parent,
                    "origin": "discovered",
                    "created_at": now,
                }
                rows.entities.append(row)
                by_key[entity.key] = row
            for name in (entity.name, *entity.aliases):
                normalized = normalize_alias(name)
                if normalized and normalized not in by_alias:
                    rows.aliases.append(
                        {
                            "id": len(rows.aliases) + 1,
                            "entity_id": row["id"],
                            "alias": name,
                            "normalized": normalized,
                            "origin": "discovered",
                        }
                    )
                    by_alias[normalized] = row
            linked[entity.key] = row
        source_id = len(rows.sources) + 1
        source: dict[str, Any] = {
            "id": source_id,
            "content_hash": digest,
            "title": article.title,
            "publisher": article.publisher,
            "url": None,
            "author": article.author,
            "published_at": article.published_at,
            "text": result.text,
            "claim_count": 0,
            "assertion_count": 0,
            "created_at": now,
            "engine_version": engine_version(),
        }
        rows.sources.append(source)

        def canonical(key: str | None, linked: dict[str, dict[str, Any]] = linked) -> str | None:
            return linked[key]["key"] if key is not None and key in linked else key

        for claim in result.claims:
            claim_id = len(rows.claims) + 1
            rows.claims.append(
                {
                    "id": claim_id,
                    "source_id": source_id,
                    "start": claim.start,
                    "end": claim.end,
                    "text": claim.text,
                    "speaker": claim.speaker,
                }
            )
            entity_ids = sorted({linked[k]["id"] for k in claim.entities if k in linked})
            rows.claim_entities.extend({"claim_id": claim_id, "entity_id": i} for i in entity_ids)
            for figure in claim.assertions:
                if not _storable(figure):
                    continue
                figure = msgspec.structs.replace(
                    figure,
                    subject=canonical(figure.subject),
                    location=canonical(figure.location),
                    attributor=canonical(figure.attributor),
                )
                subject = by_key.get(figure.subject) if figure.subject else None
                location = by_key.get(figure.location) if figure.location else None
                rows.assertions.append(
                    {
                        "id": len(rows.assertions) + 1,
                        **assertion_values(
                            figure,
                            claim_id=claim_id,
                            source_id=source_id,
                            family=fact_logic.family_key(figure),
                            subject_id=subject["id"] if subject else None,
                            location_id=location["id"] if location else None,
                        ),
                    }
                )
                source["assertion_count"] += 1
            source["claim_count"] += 1
    _judge_facts(rows, now)
    return rows


def _judge_facts(rows: Rows, now: dt.datetime) -> None:
    """Facts, verdicts, conflict pairs and memberships, one family at a time (as the service)."""
    entities = {row["id"]: row for row in rows.entities}
    names: dict[str, str] = {row["key"]: row["name"] for row in rows.entities}
    ids_by_key = {row["key"]: row["id"] for row in rows.entities}
    sources = {row["id"]: row for row in rows.sources}
    families: dict[str, list[dict[str, Any]]] = {}
    for row in rows.assertions:
        families.setdefault(row["family_key"], []).append(row)

    def name_of(key: str) -> str:
        return names.get(key, key)

    def key_of(entity_id: int | None) -> str | None:
        return entities[entity_id]["key"] if entity_id is not None else None

    by_id = {row["id"]: row for row in rows.assertions}
    for family in sorted(families):
        views = [_view(row, sources[row["source_id"]], key_of) for row in families[family]]
        members_by_id = {view.id: view for view in views}
        for group in fact_logic.group_facts(views, name_of):
            members = [members_by_id[i] for i in group.member_ids]
            judgement = verdicts.judge(members, name_of, label=group.label)
            fact_id = len(rows.facts) + 1
            rows.facts.append(
                {
                    "id": fact_id,
                    "key": group.key,
                    "family_key": group.family,
                    "label": group.label,
                    "quantity": group.quantity,
                    "unit": group.unit,
                    "subject_id": ids_by_key.get(group.subject) if group.subject else None,
                    "location_id": ids_by_key.get(group.location) if group.location else None,
                    "verdict": judgement.verdict.value,
                    "explanation": judgement.explanation,
                    "source_count": len({m.source_id for m in members}),
                    "severity": judgement.severity,
                    "consensus_low": judgement.consensus_low,
                    "consensus_high": judgement.consensus_high,
                    "updated_at": now,
                }
            )
            first_pair = len(rows.pairs) + 1
            rows.pairs.extend(
                {
                    "id": first_pair + n,
                    "fact_id": fact_id,
                    "a_id": p.a,
                    "b_id": p.b,
                    "reason": p.reason,
                    "severity": p.severity,
                }
                for n, p in enumerate(judgement.pairs)
            )
            for member in group.member_ids:
                by_id[member]["fact_id"] = fact_id
            for revised in judgement.revised:
                by_id[revised]["superseded"] = True


def _view(row: dict[str, Any], source: dict[str, Any], key_of: Any) -> AssertionView:
    return AssertionView(
        id=row["id"],
        source_id=row["source_id"],
        quantity=row["quantity"],
        unit=row["unit"],
        low=row["low"],
        high=row["high"],
        qualifier=Qualifier(row["qualifier"]),
        subject=key_of(row["subject_id"]),
        location=key_of(row["location_id"]),
        attributor=row["attributor_key"],
        attributed_to=row["attributed_to"],
        as_of=row["as_of"],
        published_at=source["published_at"],
        is_forecast=row["is_forecast"],
        text=row["text"],
        source_label=source["publisher"] or source["title"] or f"source {row['source_id']}",
    )


TABLES: tuple[tuple[str, Any], ...] = (
    ("entities", Entity),
    ("aliases", EntityAlias),
    ("sources", Source),
    ("claims", Claim),
    ("claim_entities", ClaimEntity),
    ("facts", Fact),
    ("assertions", Assertion),
    ("pairs", ConflictPair),
)


async def write_rows(engine: AsyncEngine, rows: Rows) -> None:
    """Bulk-insert every row into an empty, migrated database; then sequences and ANALYZE."""
    async with engine.begin() as connection:
        existing = await connection.scalar(select(func.count()).select_from(Source))
        if existing:
            raise RuntimeError("bulk loading needs an empty database")
        for attribute, model in TABLES:
            table = model.__table__
            batch: list[dict[str, Any]] = getattr(rows, attribute)
            for start in range(0, len(batch), CHUNK):
                await connection.execute(insert(table), batch[start : start + CHUNK])
        if engine.dialect.name == "postgresql":
            for _attribute, model in TABLES:
                name = model.__tablename__
                if "id" in model.__table__.c:
                    await connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
                        )
                    )
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("ANALYZE"))
    else:
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))


def counts(rows: Rows) -> dict[str, int]:
    """How many rows of each table a load writes."""
    return {attribute: len(getattr(rows, attribute)) for attribute, _model in TABLES}


def families_of(rows: Rows) -> Iterable[str]:
    return sorted({row["family_key"] for row in rows.assertions})
