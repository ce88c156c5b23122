"""Sources: ingest an article as one unit of work, read, list and delete them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any, cast

import anyio
import anyio.to_thread
import msgspec
from sqlalchemy import Row, Table, bindparam, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.base import Base, utcnow
from service.db.models import Assertion, Source
from service.domain import engine_version
from service.domain.errors import EmptyArticle, InvalidInput, NotFound, TooLarge
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.domain.model import ExtractedArticle
from service.schemas.common import Page
from service.schemas.sources import SourceCreate, SourceDetail, SourceRead
from service.services.fact_updates import lock_families, refresh_families
from service.services.knowledge import KnowledgeCache
from service.services.pagination import decode_cursor, encode_cursor
from service.services.source_contents import (
    plan_contents,
    rekey_assertions_of,
    storable,
    write_contents,
)

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
            if attempt == STORE_ATTEMPTS or not lost_a_race(error):
                raise
            session.expunge_all()
            continue
        return IngestResult(source=source, created=True)
    raise AssertionError("unreachable")  # pragma: no cover


def lost_a_race(error: DBAPIError) -> bool:
    """Whether a write failed because a concurrent writer got there first (try again)."""
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
        "publisher": payload.publisher or article.publisher,
        "url": payload.url or article.url,
        "author": payload.author or article.author,
        "published_at": _utc(payload.published_at or article.published_at),
        "text": article.text,
        "claim_count": len(article.claims),
        "assertion_count": sum(
            1 for claim in article.claims for figure in claim.assertions if storable(figure)
        ),
        "created_at": utcnow(),
        "engine_version": engine_version(),
    }
    # Core, not the ORM's unit of work: nothing reads the row back as an object.
    source_id = (await session.execute(_INSERT_SOURCE, values)).scalar_one()
    source = SourceRead(id=source_id, **{f: values[f] for f in _READ_FIELDS})
    planned = await plan_contents(session, article)
    await write_contents(session, source.id, planned)
    families = planned.families | await rekey_assertions_of(session, planned)
    await refresh_families(session, families)
    return source


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
