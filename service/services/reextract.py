"""Re-extraction: read stored sources again with the running engine.

A source keeps what the engine of its ingest day extracted; each records that engine's
version (`service.domain.engine_version`). After an upgrade, `factcheck reextract` reads the
sources of other engines again from their stored text and metadata, through the ingest's own
extraction and storage (`sources.extract`, `source_contents`), replaces their claims,
assertions and entity links, and refreshes every fact family the old and the new assertions
belong to. A source whose extraction did not change keeps its rows (and their ids); only its
version is stamped.

Everything here flushes; the caller commits once per batch (`engine_upgrade.py`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Assertion, Claim, Source
from service.domain import engine_version
from service.domain.errors import FactcheckError
from service.domain.model import ExtractedArticle
from service.schemas.sources import SourceCreate
from service.services.fact_events import FactChange
from service.services.fact_updates import lock_families, refresh_families
from service.services.knowledge import KnowledgeCache
from service.services.source_contents import (
    PlannedContents,
    plan_contents,
    rekey_assertions_of,
    storable,
    stored_contents,
    write_contents,
)
from service.services.sources import extract


def stale_condition(version: str) -> ColumnElement[bool]:
    """Sources extracted by another engine, or by one that was not recorded (NULL)."""
    return or_(Source.engine_version.is_(None), Source.engine_version != version)


async def engine_status(session: AsyncSession) -> tuple[str, int]:
    """The running engine's version, and how many sources another engine extracted."""
    version = engine_version()
    count = select(func.count()).select_from(Source).where(stale_condition(version))
    return version, int(await session.scalar(count) or 0)


async def sources_to_reread(session: AsyncSession, *, everything: bool) -> list[int]:
    """The ids of the sources to read again, in id order: the stale ones, or all of them."""
    query = select(Source.id)
    if not everything:
        query = query.where(stale_condition(engine_version()))
    # Sorted here: ordered by id, SQLite would scan the table (every article's text) instead
    # of the version index.
    return sorted(await session.scalars(query))


@dataclass
class Reread:
    """One source read again: its stored state and the new extraction."""

    source_id: int
    text: str
    claims_before: int
    assertions_before: int
    article: ExtractedArticle

    @property
    def claims_after(self) -> int:
        return len(self.article.claims)

    @property
    def assertions_after(self) -> int:
        return sum(1 for c in self.article.claims for figure in c.assertions if storable(figure))


@dataclass
class Extracted:
    """A batch's extractions, and the sources that could not be read again (with why)."""

    rereads: list[Reread] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def extract_batch(
    session: AsyncSession,
    knowledge: KnowledgeCache,
    source_ids: Sequence[int],
    *,
    time_limit: float,
) -> Extracted:
    """Extract the sources again from their stored text, title and publication time.

    The read transaction ends before the CPU-bound extraction, as an ingest's does. A source
    the engine now refuses (empty, too complex) is reported and left as it is.
    """
    kb = await knowledge.current(session)
    rows = list(
        await session.execute(
            select(
                Source.id,
                Source.text,
                Source.title,
                Source.published_at,
                Source.claim_count,
                Source.assertion_count,
            )
            .where(Source.id.in_(source_ids))
            .order_by(Source.id)
        )
    )
    await session.rollback()
    extracted = Extracted()
    for source_id, text, title, published_at, claims, assertions in rows:
        payload = SourceCreate(text=text, title=title, published_at=published_at)
        try:
            # No length limit: the text is stored already, and refusing it would leave the
            # source with an old engine's claims for good.
            article = await extract(payload, kb, sys.maxsize, time_limit)
        except FactcheckError as error:
            extracted.failures.append(f"source {source_id}: {error}")
            continue
        extracted.rereads.append(Reread(source_id, text, claims, assertions, article))
    return extracted


@dataclass
class Stored:
    """What storing a batch did."""

    replaced: int = 0
    unchanged: int = 0
    # Deleted after they were extracted (by another process): nothing to do.
    vanished: int = 0
    # The stored text changed: the running engine cleans the stored text up differently.
    text_changed: int = 0
    changes: list[FactChange] = field(default_factory=list)


async def store_batch(session: AsyncSession, rereads: Sequence[Reread]) -> Stored:
    """Replace the contents of the re-read sources that changed; stamp the engine version.

    Flushed, not committed: the batch lands whole or not at all. The sources' rows keep their
    id, content hash and metadata.
    """
    stored = Stored()
    if not rereads:
        return stored
    version = engine_version()
    # The first statement writes: on SQLite it takes the write lock before anything is read
    # (see sources._insert); on PostgreSQL it locks the rows against a concurrent delete or
    # re-extraction, which then waits and finds them current.
    present = set(
        await session.scalars(
            update(Source)
            .where(Source.id.in_([r.source_id for r in rereads]))
            .values(engine_version=version)
            .returning(Source.id)
            .execution_options(synchronize_session=False)
        )
    )
    stored.vanished = len(rereads) - len(present)
    replacing: list[tuple[Reread, PlannedContents]] = []
    planned_all: list[PlannedContents] = []
    families: set[str] = set()
    for reread in (r for r in rereads if r.source_id in present):
        before = await stored_contents(session, reread.source_id)
        planned = await plan_contents(session, reread.article)
        planned_all.append(planned)
        if planned.contents() == before and reread.article.text == reread.text:
            stored.unchanged += 1
            continue
        replacing.append((reread, planned))
        # Family keys lead each stored assertion's compared values.
        families |= {row[0] for claim in before for row in claim[5]} | planned.families
    # One ordered lock for the whole batch, before deleting (as `delete_source` does).
    await lock_families(session, families)
    for reread, planned in replacing:
        families |= await _replace(session, reread, planned)
        stored.replaced += 1
        stored.text_changed += reread.article.text != reread.text
    for planned in planned_all:
        families |= await rekey_assertions_of(session, planned)
    stored.changes = await refresh_families(session, families)
    return stored


async def _replace(session: AsyncSession, reread: Reread, planned: PlannedContents) -> set[str]:
    """Replace a source's contents; returns the families of the assertions deleted (a
    concurrent ingest may have re-keyed one since they were read)."""
    deleted = await session.scalars(
        delete(Assertion)
        .where(Assertion.source_id == reread.source_id)
        .returning(Assertion.family_key)
        .execution_options(synchronize_session=False)
    )
    families = set(deleted)
    # Entity links and conflict pairs go with the claims and assertions (ON DELETE CASCADE).
    await session.execute(
        delete(Claim)
        .where(Claim.source_id == reread.source_id)
        .execution_options(synchronize_session=False)
    )
    await write_contents(session, reread.source_id, planned)
    await session.execute(
        update(Source)
        .where(Source.id == reread.source_id)
        .values(
            text=reread.article.text,
            claim_count=len(planned.claims),
            assertion_count=planned.assertion_count,
        )
        .execution_options(synchronize_session=False)
    )
    return families
