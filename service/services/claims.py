"""Reading claims and numeric assertions, with a bounded number of queries per page."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from service.db.models import Assertion, Claim, ClaimEntity
from service.domain.errors import NotFound
from service.domain.model import Qualifier
from service.schemas.claims import AssertionRead, ClaimRead
from service.schemas.common import EntityRef, Page
from service.services.entities import entity_ref, resolve_entity_ids
from service.services.pagination import decode_cursor, encode_cursor

ASSERTION_LOADS = (
    selectinload(Assertion.subject),
    selectinload(Assertion.location),
)


def assertion_read(row: Assertion) -> AssertionRead:
    return AssertionRead(
        id=row.id,
        claim_id=row.claim_id,
        source_id=row.source_id,
        fact_id=row.fact_id,
        text=row.text,
        start=row.start,
        end=row.end,
        quantity=row.quantity,
        unit=row.unit,
        subject=entity_ref(row.subject),
        location=entity_ref(row.location),
        qualifier=Qualifier(row.qualifier),
        low=row.low,
        high=row.high,
        as_of=row.as_of,
        attributed_to=row.attributed_to,
        is_forecast=row.is_forecast,
        superseded=row.superseded,
    )


def claim_read(row: Claim) -> ClaimRead:
    return ClaimRead(
        id=row.id,
        source_id=row.source_id,
        text=row.text,
        start=row.start,
        end=row.end,
        speaker=row.speaker,
        entities=[EntityRef(id=e.id, name=e.name) for e in row.entities],
        assertions=[assertion_read(a) for a in row.assertions],
    )


def _claim_query() -> Select[Claim]:
    return select(Claim).options(
        selectinload(Claim.entities),
        selectinload(Claim.assertions).options(*ASSERTION_LOADS),
    )


async def list_claims(
    session: AsyncSession,
    *,
    entity: str | None,
    source_id: int | None,
    q: str | None,
    speaker: str | None,
    limit: int,
    cursor: str | None,
) -> Page[ClaimRead]:
    query = _claim_query().order_by(Claim.id)
    if entity is not None:
        ids = await resolve_entity_ids(session, entity)
        query = query.where(
            Claim.id.in_(select(ClaimEntity.claim_id).where(ClaimEntity.entity_id.in_(ids)))
        )
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    for word in (q or "").split()[:10]:
        query = query.where(Claim.text.icontains(word, autoescape=True))
    if speaker:
        query = query.where(Claim.speaker.icontains(speaker.strip(), autoescape=True))
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Claim.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[claim_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )


async def get_claim(session: AsyncSession, claim_id: int) -> ClaimRead:
    row = await session.scalar(_claim_query().where(Claim.id == claim_id))
    if row is None:
        raise NotFound(f"claim {claim_id} does not exist")
    return claim_read(row)


async def list_assertions(
    session: AsyncSession,
    *,
    entity: str | None,
    source_id: int | None,
    fact_id: int | None,
    limit: int,
    cursor: str | None,
) -> Page[AssertionRead]:
    query = select(Assertion).options(*ASSERTION_LOADS).order_by(Assertion.id)
    if entity is not None:
        ids = await resolve_entity_ids(session, entity)
        query = query.where(
            Assertion.subject_id.in_(ids)
            | Assertion.location_id.in_(ids)
            | Assertion.claim_id.in_(
                select(ClaimEntity.claim_id).where(ClaimEntity.entity_id.in_(ids))
            )
        )
    if source_id is not None:
        query = query.where(Assertion.source_id == source_id)
    if fact_id is not None:
        query = query.where(Assertion.fact_id == fact_id)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Assertion.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[assertion_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )


async def get_assertion(session: AsyncSession, assertion_id: int) -> AssertionRead:
    row = await session.scalar(
        select(Assertion).where(Assertion.id == assertion_id).options(*ASSERTION_LOADS)
    )
    if row is None:
        raise NotFound(f"assertion {assertion_id} does not exist")
    return assertion_read(row)
