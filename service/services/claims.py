"""Reading claims and numeric assertions: a fixed number of column queries per page.

Reads select plain columns (no ORM objects) and build the wire Structs directly: at a few
thousand requests per second the cost of hydrating and tracking ORM rows dominated the time
of a page. A page of claims is three queries (the page, its entities, its assertions with the
names of their subject and location), whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.id_lists import PerDialect, among
from service.db.models import Assertion, Claim, ClaimEntity, Entity
from service.db.reads import plain_rows
from service.domain.errors import NotFound
from service.domain.model import Qualifier
from service.schemas.claims import AssertionRead, ClaimRead
from service.schemas.common import EntityRef, Page
from service.services.entities import resolve_entity_ids
from service.services.pagination import decode_cursor, encode_cursor

_subject = aliased(Entity, name="assertion_subject")
_location = aliased(Entity, name="assertion_location")
_QUALIFIERS = {q.value: q for q in Qualifier}
# Names looked up by primary key for each row, not joined: a page holds tens to hundreds of
# figures, and PostgreSQL hashed the whole entities table for a join (7-10 ms at 100k
# sources) where a key lookup per row costs microseconds.
_SUBJECT_NAME = select(_subject.name).where(_subject.id == Assertion.subject_id).scalar_subquery()
_LOCATION_NAME = (
    select(_location.name).where(_location.id == Assertion.location_id).scalar_subquery()
)


def assertion_query() -> Select[*tuple[Any, ...]]:
    """Every column an `AssertionRead` needs, subject and location names looked up."""
    return select(
        Assertion.id,
        Assertion.claim_id,
        Assertion.source_id,
        Assertion.fact_id,
        Assertion.text,
        Assertion.start,
        Assertion.end,
        Assertion.quantity,
        Assertion.unit,
        Assertion.subject_id,
        _SUBJECT_NAME,
        Assertion.location_id,
        _LOCATION_NAME,
        Assertion.qualifier,
        Assertion.low,
        Assertion.high,
        Assertion.as_of,
        Assertion.attributed_to,
        Assertion.is_forecast,
        Assertion.superseded,
        Assertion.attributor_key,
    )


def assertion_from_row(row: Sequence[Any]) -> AssertionRead:
    """An `AssertionRead` from a row of `assertion_query()`."""
    as_of = row[16]
    return AssertionRead(
        id=row[0],
        claim_id=row[1],
        source_id=row[2],
        fact_id=row[3],
        text=row[4],
        start=row[5],
        end=row[6],
        quantity=row[7],
        unit=row[8],
        subject=EntityRef(id=row[9], name=row[10]) if row[9] is not None else None,
        location=EntityRef(id=row[11], name=row[12]) if row[11] is not None else None,
        qualifier=_QUALIFIERS[row[13]],
        low=row[14],
        high=row[15],
        # SQLite hands dates back as dates too, but an aware datetime must not leak through.
        as_of=as_of.date() if isinstance(as_of, dt.datetime) else as_of,
        attributed_to=row[17],
        is_forecast=bool(row[18]),
        superseded=bool(row[19]),
    )


async def assertions_where(session: AsyncSession, *conditions: Any) -> list[Sequence[Any]]:
    """Rows of `assertion_query()` matching `conditions`, in id order."""
    query = assertion_query().where(*conditions).order_by(Assertion.id)
    return await plain_rows(session, query)


def assertions_among(column: Any) -> PerDialect[Select[*tuple[Any, ...]]]:
    """Rows of `assertion_query()` whose `column` is one of the ids bound as `ids`, by id."""
    return PerDialect(
        lambda postgres: (
            assertion_query().where(among(column, "ids", postgres=postgres)).order_by(Assertion.id)
        )
    )


_ASSERTIONS_OF_CLAIMS = assertions_among(Assertion.claim_id)
# Each name by primary key (see _SUBJECT_NAME): the join hashed every entity.
_ENTITIES_OF_CLAIMS = PerDialect(
    lambda postgres: (
        select(
            ClaimEntity.claim_id,
            ClaimEntity.entity_id,
            select(Entity.name).where(Entity.id == ClaimEntity.entity_id).scalar_subquery(),
        )
        .where(among(ClaimEntity.claim_id, "ids", postgres=postgres))
        .order_by(ClaimEntity.claim_id, ClaimEntity.entity_id)
    )
)


_CLAIM_COLUMNS = (Claim.id, Claim.source_id, Claim.text, Claim.start, Claim.end, Claim.speaker)


async def _claim_reads(session: AsyncSession, rows: Sequence[Sequence[Any]]) -> list[ClaimRead]:
    """Claims with their entities and assertions: two more queries for the whole page."""
    if not rows:
        return []
    ids = [row[0] for row in rows]
    entities: dict[int, list[EntityRef]] = {i: [] for i in ids}
    for claim_id, entity_id, name in await plain_rows(
        session, _ENTITIES_OF_CLAIMS(session), {"ids": ids}
    ):
        entities[claim_id].append(EntityRef(id=entity_id, name=name))
    assertions: dict[int, list[AssertionRead]] = {i: [] for i in ids}
    for row in await plain_rows(session, _ASSERTIONS_OF_CLAIMS(session), {"ids": ids}):
        assertions[row[1]].append(assertion_from_row(row))
    return [
        ClaimRead(
            id=row[0],
            source_id=row[1],
            text=row[2],
            start=row[3],
            end=row[4],
            speaker=row[5],
            entities=entities[row[0]],
            assertions=assertions[row[0]],
        )
        for row in rows
    ]


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
    query = select(*_CLAIM_COLUMNS)
    order: Any = Claim.id
    if entity is not None:
        ids = await resolve_entity_ids(session, entity)
        if not ids:
            return Page(items=[], next_cursor=None)
        if len(ids) == 1:
            # One entity (the usual case): walk its (entity_id, claim_id) index in order and
            # stop after one page, however many claims mention it.
            query = query.join(ClaimEntity, ClaimEntity.claim_id == Claim.id).where(
                ClaimEntity.entity_id == ids[0]
            )
            order = ClaimEntity.claim_id
        else:
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
        query = query.where(order > after)
    rows = list(await session.execute(query.order_by(order).limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=await _claim_reads(session, rows[:limit]),
        next_cursor=encode_cursor(rows[limit - 1][0]) if more else None,
    )


async def get_claim(session: AsyncSession, claim_id: int) -> ClaimRead:
    rows = list(await session.execute(select(*_CLAIM_COLUMNS).where(Claim.id == claim_id)))
    if not rows:
        raise NotFound(f"claim {claim_id} does not exist")
    (claim,) = await _claim_reads(session, rows)
    return claim


async def list_assertions(
    session: AsyncSession,
    *,
    entity: str | None,
    source_id: int | None,
    fact_id: int | None,
    limit: int,
    cursor: str | None,
) -> Page[AssertionRead]:
    conditions: list[Any] = []
    if entity is not None:
        ids = await resolve_entity_ids(session, entity)
        if not ids:
            return Page(items=[], next_cursor=None)
        conditions.append(
            Assertion.subject_id.in_(ids)
            | Assertion.location_id.in_(ids)
            | Assertion.claim_id.in_(
                select(ClaimEntity.claim_id).where(ClaimEntity.entity_id.in_(ids))
            )
        )
    if source_id is not None:
        conditions.append(Assertion.source_id == source_id)
    if fact_id is not None:
        conditions.append(Assertion.fact_id == fact_id)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        conditions.append(Assertion.id > after)
    query = assertion_query().where(*conditions).order_by(Assertion.id).limit(limit + 1)
    rows = list(await session.execute(query))
    more = len(rows) > limit
    return Page(
        items=[assertion_from_row(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1][0]) if more else None,
    )


async def get_assertion(session: AsyncSession, assertion_id: int) -> AssertionRead:
    rows = await assertions_where(session, Assertion.id == assertion_id)
    if not rows:
        raise NotFound(f"assertion {assertion_id} does not exist")
    return assertion_from_row(rows[0])
