"""Sources: ingest an article as one unit of work, read, list and delete them."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Sequence
from typing import Any, cast

import anyio
import anyio.to_thread
import msgspec
from sqlalchemy import Row, Table, bindparam, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.base import Base, utcnow
from service.db.models import Assertion, Claim, ClaimEntity, Entity, Source
from service.domain import facts as fact_logic
from service.domain.errors import EmptyArticle, InvalidInput, NotFound, TooLarge
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import (
    ExtractedArticle,
    ExtractedAssertion,
    ExtractedClaim,
    Qualifier,
)
from service.schemas.common import Page
from service.schemas.sources import SourceCreate, SourceDetail, SourceRead
from service.services.entities import containment_base, link_entities, stored_entity
from service.services.fact_updates import lock_families, refresh_families
from service.services.knowledge import KnowledgeCache
from service.services.pagination import decode_cursor, encode_cursor

# How often an ingest that lost a race (a name or fact another writer stored first, a
# deadlock) is tried again inside its transaction before it gives up.
STORE_ATTEMPTS = 6
# PostgreSQL SQLSTATEs of transient conflicts: serialization failure, deadlock, unique.
_RACE_STATES = frozenset({"40001", "40P01", "23505"})


# No article needs twenty full stops in a row; long runs of terminal punctuation make the
# sentence splitter rescan the run from every position, so they are shortened to an ellipsis
# before extraction. (Linear: a run shorter than 20 is scanned at most 20 times.)
_PUNCTUATION_RUN = re.compile(r"[.!?…]{20,}")


class TooComplex(InvalidInput):
    """The extraction of an article took longer than allowed."""

    code = "too_complex"


class IngestResult(msgspec.Struct, frozen=True):
    source: SourceRead
    created: bool


def content_hash(text: str) -> str:
    """Identity of an article's content: its cleaned text, whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


async def extract(
    payload: SourceCreate, kb: KnowledgeBase, max_chars: int, time_limit: float = 30.0
) -> ExtractedArticle:
    """Run the (CPU-bound) extraction off the event loop so reads keep flowing.

    An extraction that takes longer than `time_limit` seconds is refused as too complex (its
    thread finishes in the background; its result is dropped).
    """
    raw = payload.text if payload.text is not None else payload.html
    if raw is None or not raw.strip():
        raise EmptyArticle("the article is empty")
    try:
        with anyio.fail_after(time_limit):
            article = await anyio.to_thread.run_sync(
                lambda: extract_article(
                    text=_defused(payload.text),
                    html=_defused(payload.html),
                    title=payload.title,
                    published_at=payload.published_at,
                    kb=kb,
                ),
                abandon_on_cancel=True,
            )
    except TimeoutError:
        raise TooComplex(
            f"the article is too complex to analyse within {time_limit:g} seconds"
        ) from None
    if not article.text.strip():
        raise EmptyArticle("no article text is left after clean-up")
    if len(article.text) > max_chars:
        raise TooLarge(f"the article has {len(article.text)} characters; the limit is {max_chars}")
    return article


def _defused(raw: str | None) -> str | None:
    return _PUNCTUATION_RUN.sub("...", raw) if raw is not None else None


async def ingest_article(
    session: AsyncSession,
    knowledge: KnowledgeCache,
    payload: SourceCreate,
    *,
    max_chars: int,
    time_limit: float,
) -> IngestResult:
    """Extract and store one article; the caller commits (the HTTP handler, the CLI)."""
    kb = await knowledge.current(session)
    # End the read transaction before the CPU-bound extraction: no transaction waits on it.
    await session.rollback()
    article = await extract(payload, kb, max_chars, time_limit)
    return await store_article(session, payload, article)


async def store_article(
    session: AsyncSession, payload: SourceCreate, article: ExtractedArticle
) -> IngestResult:
    """Store an extracted article with its claims, assertions and updated facts.

    Returns the existing source, and writes nothing, when the same content is already stored.
    Everything is flushed inside one transaction that the caller commits.
    """
    digest = content_hash(article.text)
    for attempt in range(1, STORE_ATTEMPTS + 1):
        existing = (await session.execute(_SOURCE_BY_HASH, {"digest": digest})).first()
        if existing is not None:
            return IngestResult(source=source_read(existing), created=False)
        try:
            async with session.begin_nested():
                source = await _insert(session, payload, article, digest)
        except DBAPIError as error:
            # Another writer stored the same content, an entity name or a fact between our
            # reads and our writes (or the database broke a deadlock): the savepoint is
            # gone, so look again and retry; what the other writer stored is visible now.
            if attempt == STORE_ATTEMPTS or not _lost_a_race(error):
                raise
            session.expunge_all()
            continue
        return IngestResult(source=source, created=True)
    raise AssertionError("unreachable")  # pragma: no cover


def _lost_a_race(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        return True
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    return state in _RACE_STATES


async def _insert(
    session: AsyncSession, payload: SourceCreate, article: ExtractedArticle, digest: str
) -> SourceRead:
    """Write the source, its claims, their entities and assertions in a few bulk statements."""
    # The source goes first: on SQLite the first statement of the savepoint takes the write
    # lock (waiting its turn); a read first would pin a snapshot that a concurrent writer
    # can make stale, and the later write would then fail at once as "database is locked".
    values: dict[str, Any] = {
        "content_hash": digest,
        "title": payload.title or article.title,
        "publisher": payload.publisher,
        "url": payload.url,
        "author": payload.author or article.author,
        "published_at": _utc(payload.published_at or article.published_at),
        "text": article.text,
        "claim_count": len(article.claims),
        "assertion_count": sum(
            1 for claim in article.claims for figure in claim.assertions if _storable(figure)
        ),
        "created_at": utcnow(),
    }
    # Core, not the ORM's unit of work: nothing reads the row back as an object.
    source_id = (await session.execute(_INSERT_SOURCE, values)).scalar_one()
    source = SourceRead(id=source_id, **{f: values[f] for f in _READ_FIELDS})
    linked = await link_entities(session, article.entities)
    rows_by_key = {row.key: row for row in linked.rows.values()}
    # Family keys anchor a figure on its country: the shipped places plus the stored ones.
    kb = containment_base(stored_entity(row) for row in rows_by_key.values())
    figures = [
        [
            (canonical, fact_logic.family_key(canonical, kb.country_of))
            for canonical in (
                _canonical_keys(figure, linked.rows)
                for figure in extracted.assertions
                if _storable(figure)
            )
        ]
        for extracted in article.claims
    ]
    families: set[str] = set()
    if article.claims:
        claim_ids = await _insert_claims(session, source.id, article.claims)
        links = [
            {"claim_id": claim_id, "entity_id": entity_id}
            for claim_id, extracted in zip(claim_ids, article.claims, strict=True)
            for entity_id in sorted(
                {linked.rows[key].id for key in extracted.entities if key in linked.rows}
            )
        ]
        if links:
            await session.execute(insert(_table(ClaimEntity)), links)
        assertions = [
            _assertion_row(source.id, claim_id, canonical, family, rows_by_key)
            for claim_id, of_claim in zip(claim_ids, figures, strict=True)
            for canonical, family in of_claim
        ]
        if assertions:
            await session.execute(insert(_table(Assertion)), assertions)
        families.update(family for of_claim in figures for _canonical, family in of_claim)
    families |= await _rekey_assertions_of(session, linked.adopted, kb)
    await refresh_families(session, families)
    return source


async def _insert_claims(
    session: AsyncSession, source_id: int, claims: Sequence[ExtractedClaim]
) -> list[int]:
    """Insert the claims in one statement; their ids in the order given.

    A multi-row INSERT ... RETURNING promises no row order (and asking SQLAlchemy to sort
    it makes SQLite insert row by row), so each id comes back with its claim's position,
    which tells the claims of one article apart (almost always: see the fallback).
    """
    table = _table(Claim)
    returned = await session.execute(
        insert(table).returning(table.c.start, table.c.end, table.c.id),
        [
            {
                "source_id": source_id,
                "start": claim.start,
                "end": claim.end,
                "text": claim.text,
                "speaker": claim.speaker,
            }
            for claim in claims
        ],
    )
    ids = {(start, end): claim_id for start, end, claim_id in returned}
    if len(ids) == len(claims):
        return [ids[claim.start, claim.end] for claim in claims]
    # Two claims with one span: ids grow in insertion order within this transaction.
    ordered = select(Claim.id).where(Claim.source_id == source_id).order_by(Claim.id)
    return list(await session.scalars(ordered))


_rekey_subject = aliased(Entity, name="rekey_subject")
_rekey_location = aliased(Entity, name="rekey_location")


async def _rekey_assertions_of(
    session: AsyncSession, entities: Sequence[Entity], kb: KnowledgeBase
) -> set[str]:
    """Recompute the family keys of stored figures about entities that just gained a parent.

    A family key anchors a figure on its country; a place stored before its country was known
    would otherwise keep its figures apart from the same figures ingested later, and the
    facts would depend on the order in which articles arrived. Returns every family touched.
    """
    if not entities:
        return set()
    ids = [row.id for row in entities]
    subject = _rekey_subject
    location = _rekey_location
    rows = await session.execute(
        select(Assertion, subject.key, location.key)
        .outerjoin(subject, subject.id == Assertion.subject_id)
        .outerjoin(location, location.id == Assertion.location_id)
        .where(Assertion.subject_id.in_(ids) | Assertion.location_id.in_(ids))
    )
    touched: set[str] = set()
    for assertion, subject_key, location_key in rows:
        figure = ExtractedAssertion(
            start=assertion.start,
            end=assertion.end,
            text=assertion.text,
            quantity=assertion.quantity,
            unit=assertion.unit,
            low=assertion.low,
            high=assertion.high,
            qualifier=Qualifier(assertion.qualifier),
            subject=subject_key,
            location=location_key,
            attributed_to=assertion.attributed_to,
            attributor=assertion.attributor_key,
            as_of=assertion.as_of,
            is_forecast=assertion.is_forecast,
        )
        family = fact_logic.family_key(figure, kb.country_of)
        if family != assertion.family_key:
            touched.update((assertion.family_key, family))
            assertion.family_key = family
    await session.flush()
    return touched


def _table(model: type[Base]) -> Table:
    # Core, not ORM, bulk inserts: the ORM splits a batch wherever a row's null columns differ.
    return cast(Table, model.__table__)


_SOURCE_BY_HASH = select(*(getattr(Source, name) for name in SourceRead.__struct_fields__)).where(
    Source.content_hash == bindparam("digest")
)
_INSERT_SOURCE = insert(_table(Source)).returning(_table(Source).c.id)
# What a SourceRead shows besides the id (all of it stored as given).
_READ_FIELDS = SourceRead.__struct_fields__[1:]


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _storable(figure: ExtractedAssertion) -> bool:
    # An absurd figure ("10^400") cannot be compared or serialised: it is not a checkable fact.
    return all(v is None or (math.isfinite(v) and abs(v) < 1e18) for v in (figure.low, figure.high))


def _canonical_keys(figure: ExtractedAssertion, linked: dict[str, Entity]) -> ExtractedAssertion:
    """Replace entity keys by the keys of the stored entities they were linked to."""

    def canonical(key: str | None) -> str | None:
        return linked[key].key if key is not None and key in linked else key

    return msgspec.structs.replace(
        figure,
        subject=canonical(figure.subject),
        location=canonical(figure.location),
        attributor=canonical(figure.attributor),
    )


def _assertion_row(
    source_id: int,
    claim_id: int,
    figure: ExtractedAssertion,
    family: str,
    rows_by_key: dict[str, Entity],
) -> dict[str, Any]:
    """The row of one figure; `rows_by_key` maps stored entity keys to their rows."""
    subject = rows_by_key.get(figure.subject) if figure.subject else None
    location = rows_by_key.get(figure.location) if figure.location else None
    return {
        "claim_id": claim_id,
        "source_id": source_id,
        "fact_id": None,
        "family_key": family,
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "quantity": figure.quantity,
        "unit": figure.unit,
        "qualifier": figure.qualifier.value,
        "low": figure.low,
        "high": figure.high,
        "subject_id": subject.id if subject is not None else None,
        "location_id": location.id if location is not None else None,
        "attributed_to": figure.attributed_to,
        "attributor_key": figure.attributor,
        "as_of": figure.as_of,
        "is_forecast": figure.is_forecast,
        "superseded": False,
    }


def source_read(row: Source | Row[Any]) -> SourceRead:
    return SourceRead(
        id=row.id,
        title=row.title,
        publisher=row.publisher,
        url=row.url,
        author=row.author,
        published_at=row.published_at,
        claim_count=row.claim_count,
        assertion_count=row.assertion_count,
        created_at=row.created_at,
    )


async def list_sources(
    session: AsyncSession, *, limit: int, cursor: str | None
) -> Page[SourceRead]:
    query = select(Source).order_by(Source.id)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Source.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[source_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )


async def get_source(session: AsyncSession, source_id: int) -> SourceDetail:
    row = await session.get(Source, source_id)
    if row is None:
        raise NotFound(f"source {source_id} does not exist")
    return SourceDetail(**msgspec.structs.asdict(source_read(row)), text=row.text)


async def delete_source(session: AsyncSession, source_id: int) -> None:
    """Delete a source with its claims and assertions, then re-judge the facts they touched."""
    row = await session.get(Source, source_id)
    if row is None:
        raise NotFound(f"source {source_id} does not exist")
    families = set(
        await session.scalars(
            select(Assertion.family_key).where(Assertion.source_id == source_id).distinct()
        )
    )
    # Lock before deleting: a concurrent refresh of these families would otherwise wait on
    # the deleted rows while this transaction waits on its family lock.
    await lock_families(session, families)
    await session.delete(row)
    await session.flush()
    await refresh_families(session, families)
