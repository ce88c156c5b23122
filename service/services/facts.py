"""Reading facts and conflicts: column queries, a fixed number per page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.id_lists import PerDialect, among
from service.db.models import Assertion, ConflictPair, Fact
from service.db.models import Entity as EntityRow
from service.db.reads import plain_rows
from service.domain.errors import InvalidInput, NotFound
from service.domain.model import Verdict
from service.schemas.claims import AssertionRead
from service.schemas.common import EntityRef, Page
from service.schemas.facts import (
    ConflictPairRead,
    ConflictRead,
    FactRead,
    FactSummary,
    LatestFigure,
)
from service.services.claims import assertion_from_row, assertions_among
from service.services.entities import resolve_entity_ids
from service.services.pagination import decode_cursor, encode_cursor

_subject = aliased(EntityRow, name="fact_subject")
_location = aliased(EntityRow, name="fact_location")
_VERDICTS = {v.value: v for v in Verdict}
# Pairs listed per conflicting fact in GET /conflicts, the most severe first.
MAX_PAIRS = 10
# Ids bound in one IN list: far below what SQLite and asyncpg accept in one statement.
_IDS_PER_QUERY = 5000


def _top_pairs(postgres: bool) -> Select[*tuple[Any, ...]]:
    """The `MAX_PAIRS` most severe pairs of each fact of the ids bound as `ids`."""
    rank = (
        func.row_number()
        .over(
            partition_by=ConflictPair.fact_id,
            order_by=(ConflictPair.severity.desc(), ConflictPair.id),
        )
        .label("rank")
    )
    ranked = (
        select(
            ConflictPair.id,
            ConflictPair.fact_id,
            ConflictPair.a_id,
            ConflictPair.b_id,
            ConflictPair.reason,
            ConflictPair.severity,
            rank,
        )
        .where(among(ConflictPair.fact_id, "ids", postgres=postgres))
        .subquery()
    )
    return (
        select(ranked)
        .where(ranked.c.rank <= MAX_PAIRS)
        .order_by(ranked.c.fact_id, ranked.c.severity.desc(), ranked.c.id)
    )


# Built once: building these selects cost more than running them.
_TOP_PAIRS = PerDialect(_top_pairs)
_ASSERTIONS_BY_ID = assertions_among(Assertion.id)
_ASSERTIONS_OF_FACTS = assertions_among(Assertion.fact_id)


def _fact_query() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Fact.id,
            Fact.label,
            Fact.subject_id,
            _subject.name,
            Fact.quantity,
            Fact.unit,
            Fact.location_id,
            _location.name,
            Fact.verdict,
            Fact.source_count,
            Fact.explanation,
            Fact.consensus_low,
            Fact.consensus_high,
            Fact.severity,
        )
        .outerjoin(_subject, _subject.id == Fact.subject_id)
        .outerjoin(_location, _location.id == Fact.location_id)
    )


def _summary(row: Sequence[Any]) -> FactSummary:
    return FactSummary(
        id=row[0],
        label=row[1],
        subject=EntityRef(id=row[2], name=row[3]) if row[2] is not None else None,
        quantity=row[4],
        unit=row[5],
        location=EntityRef(id=row[6], name=row[7]) if row[6] is not None else None,
        verdict=_VERDICTS[row[8]],
        source_count=row[9],
        explanation=row[10],
        consensus_low=row[11],
        consensus_high=row[12],
        severity=row[13],
    )


def _fact_read(row: Sequence[Any], assertions: Sequence[Sequence[Any]]) -> FactRead:
    summary = _summary(row)
    return FactRead(
        **{field: getattr(summary, field) for field in summary.__struct_fields__},
        assertions=[assertion_from_row(a) for a in assertions],
        revised=[a[0] for a in assertions if a[19]],
        latest=_latest(assertions),
    )


def _latest(assertions: Sequence[Sequence[Any]]) -> list[LatestFigure]:
    """The figure that stands for each attributor: its newest, non-superseded one."""
    latest: dict[str, Sequence[Any]] = {}
    for row in assertions:
        if row[19]:  # superseded
            continue
        who = row[20] or row[17] or f"source:{row[2]}"  # attributor key, attributed_to, source
        latest[who] = row  # rows come in id order: a later one replaces an earlier one
    return [
        LatestFigure(attributed_to=a[17], assertion_id=a[0], low=a[14], high=a[15])
        for a in latest.values()
    ]


async def _with_assertions(session: AsyncSession, rows: Sequence[Sequence[Any]]) -> list[FactRead]:
    ids = [row[0] for row in rows]
    by_fact: dict[int, list[Sequence[Any]]] = {i: [] for i in ids}
    if ids:
        for assertion in await plain_rows(session, _ASSERTIONS_OF_FACTS(session), {"ids": ids}):
            by_fact[assertion[3]].append(assertion)
    return [_fact_read(row, by_fact[row[0]]) for row in rows]


async def list_facts(
    session: AsyncSession,
    *,
    entity: str | None,
    verdict: Verdict | None,
    limit: int,
    cursor: str | None,
) -> Page[FactRead]:
    query = _fact_query().order_by(Fact.id)
    if entity is not None:
        query = query.where(await _fact_entity_filter(session, entity))
    if verdict is not None:
        query = query.where(Fact.verdict == verdict.value)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Fact.id > after)
    rows = list(await session.execute(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=await _with_assertions(session, rows[:limit]),
        next_cursor=encode_cursor(rows[limit - 1][0]) if more else None,
    )


async def _fact_entity_filter(session: AsyncSession, entity: str) -> Any:
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
    rows = list(await session.execute(_fact_query().where(Fact.id == fact_id)))
    if not rows:
        raise NotFound(f"fact {fact_id} does not exist")
    (fact,) = await _with_assertions(session, rows)
    return fact


async def list_conflicts(
    session: AsyncSession, *, entity: str | None, limit: int, cursor: str | None
) -> Page[ConflictRead]:
    """Conflicting facts, the most severe first (then the newest, so the order is stable).

    The tie-break runs the same way as the severity, so the page is a backward walk of the
    (verdict, severity, id) index that stops after `limit` rows, with no sort of every
    conflicting fact. Each fact lists its `MAX_PAIRS` most severe pairs: the number of pairs
    grows with the square of a fact's assertions, and the worst of them say why it conflicts.
    """
    query = _CONFLICTS
    parameters: dict[str, Any] = {"limit": limit + 1}
    if cursor:
        severity, after = decode_cursor(cursor, 2)
        if after != int(after):
            raise InvalidInput("cursor is not valid: pass back next_cursor unchanged")
        query = _CONFLICTS_AFTER
        parameters.update(severity=severity, after=int(after))
    if entity is not None:
        query = query.where(await _fact_entity_filter(session, entity))
    rows = await plain_rows(session, query, parameters)
    more = len(rows) > limit
    page = rows[:limit]
    pairs = await _pairs(session, [row[0] for row in page])
    items = [ConflictRead(fact=_summary(row), pairs=pairs.get(row[0], [])) for row in page]
    last = rows[limit - 1] if more else None
    return Page(
        items=items,
        next_cursor=encode_cursor(last[13], last[0]) if last is not None else None,
    )


# Built once, the page size bound (see _TOP_PAIRS); an entity filter is added per request.
_CONFLICTS = (
    _fact_query()
    .where(Fact.verdict == Verdict.CONFLICT.value)
    .order_by(Fact.severity.desc(), Fact.id.desc())
    .limit(bindparam("limit"))
)
_CONFLICTS_AFTER = _CONFLICTS.where(
    (Fact.severity < bindparam("severity"))
    | ((Fact.severity == bindparam("severity")) & (Fact.id < bindparam("after")))
)


async def _pairs(session: AsyncSession, fact_ids: list[int]) -> dict[int, list[ConflictPairRead]]:
    """The `MAX_PAIRS` most severe pairs of each fact, with both assertions: two queries."""
    if not fact_ids:
        return {}
    rows = [row[1:6] for row in await plain_rows(session, _TOP_PAIRS(session), {"ids": fact_ids})]
    # Both sides of every kept pair by primary key (at most 2 * MAX_PAIRS per fact): a
    # subquery of the pairs led the planner to hash the whole assertions table.
    side_ids = sorted({side for row in rows for side in row[1:3]})
    assertions: dict[int, AssertionRead] = {}
    for start in range(0, len(side_ids), _IDS_PER_QUERY):
        chunk = side_ids[start : start + _IDS_PER_QUERY]
        for row in await plain_rows(session, _ASSERTIONS_BY_ID(session), {"ids": chunk}):
            assertions[row[0]] = assertion_from_row(row)
    out: dict[int, list[ConflictPairRead]] = {}
    for fact_id, a_id, b_id, reason, severity in rows:
        out.setdefault(fact_id, []).append(
            ConflictPairRead(
                a=assertions[a_id], b=assertions[b_id], reason=reason, severity=severity
            )
        )
    return out
