"""Reading facts and conflicts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from service.db.models import Assertion, ConflictPair, Fact
from service.domain.errors import InvalidInput, NotFound
from service.domain.model import Verdict
from service.schemas.common import Page
from service.schemas.facts import (
    ConflictPairRead,
    ConflictRead,
    FactRead,
    FactSummary,
    LatestFigure,
)
from service.services.claims import ASSERTION_LOADS, assertion_read
from service.services.entities import entity_ref, resolve_entity_ids
from service.services.pagination import decode_cursor, encode_cursor


def fact_summary(row: Fact) -> FactSummary:
    return FactSummary(
        id=row.id,
        label=row.label,
        subject=entity_ref(row.subject),
        quantity=row.quantity,
        unit=row.unit,
        location=entity_ref(row.location),
        verdict=Verdict(row.verdict),
        source_count=row.source_count,
        explanation=row.explanation,
        consensus_low=row.consensus_low,
        consensus_high=row.consensus_high,
        severity=row.severity,
    )


def fact_read(row: Fact) -> FactRead:
    summary = fact_summary(row)
    return FactRead(
        **{field: getattr(summary, field) for field in summary.__struct_fields__},
        assertions=[assertion_read(a) for a in row.assertions],
        revised=[a.id for a in row.assertions if a.superseded],
        latest=_latest(row.assertions),
    )


def _latest(assertions: list[Assertion]) -> list[LatestFigure]:
    """The figure that stands for each attributor: its newest, non-superseded one."""
    latest: dict[str, Assertion] = {}
    for row in assertions:
        if row.superseded:
            continue
        who = row.attributor_key or row.attributed_to or f"source:{row.source_id}"
        latest[who] = row  # rows come in id order: a later one replaces an earlier one
    return [
        LatestFigure(attributed_to=a.attributed_to, assertion_id=a.id, low=a.low, high=a.high)
        for a in latest.values()
    ]


_FACT_LOADS = (selectinload(Fact.subject), selectinload(Fact.location))


async def list_facts(
    session: AsyncSession,
    *,
    entity: str | None,
    verdict: Verdict | None,
    limit: int,
    cursor: str | None,
) -> Page[FactRead]:
    query = (
        select(Fact)
        .options(*_FACT_LOADS, selectinload(Fact.assertions).options(*ASSERTION_LOADS))
        .order_by(Fact.id)
    )
    if entity is not None:
        query = query.where(await _fact_entity_filter(session, entity))
    if verdict is not None:
        query = query.where(Fact.verdict == verdict.value)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Fact.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[fact_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )


async def _fact_entity_filter(session: AsyncSession, entity: str):  # type: ignore[no-untyped-def]
    ids = await resolve_entity_ids(session, entity)
    return (
        Fact.subject_id.in_(ids)
        | Fact.location_id.in_(ids)
        | Fact.id.in_(
            select(Assertion.fact_id).where(
                Assertion.subject_id.in_(ids) | Assertion.location_id.in_(ids)
            )
        )
    )


async def get_fact(session: AsyncSession, fact_id: int) -> FactRead:
    row = await session.scalar(
        select(Fact)
        .where(Fact.id == fact_id)
        .options(*_FACT_LOADS, selectinload(Fact.assertions).options(*ASSERTION_LOADS))
    )
    if row is None:
        raise NotFound(f"fact {fact_id} does not exist")
    return fact_read(row)


async def list_conflicts(
    session: AsyncSession, *, entity: str | None, limit: int, cursor: str | None
) -> Page[ConflictRead]:
    """Conflicting facts, the most severe first (then by id, so the order is stable)."""
    query = (
        select(Fact)
        .where(Fact.verdict == Verdict.CONFLICT.value)
        .options(
            *_FACT_LOADS,
            selectinload(Fact.pairs).options(
                selectinload(ConflictPair.a).options(*ASSERTION_LOADS),
                selectinload(ConflictPair.b).options(*ASSERTION_LOADS),
            ),
        )
        .order_by(Fact.severity.desc(), Fact.id)
    )
    if entity is not None:
        query = query.where(await _fact_entity_filter(session, entity))
    if cursor:
        severity, after = decode_cursor(cursor, 2)
        if after != int(after):
            raise InvalidInput("cursor is not valid: pass back next_cursor unchanged")
        query = query.where(
            (Fact.severity < severity) | ((Fact.severity == severity) & (Fact.id > after))
        )
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    items = [
        ConflictRead(
            fact=fact_summary(row),
            pairs=[
                ConflictPairRead(
                    a=assertion_read(p.a),
                    b=assertion_read(p.b),
                    reason=p.reason,
                    severity=p.severity,
                )
                for p in row.pairs
            ],
        )
        for row in rows[:limit]
    ]
    last = rows[limit - 1] if more else None
    return Page(
        items=items,
        next_cursor=encode_cursor(last.severity, last.id) if last is not None else None,
    )
