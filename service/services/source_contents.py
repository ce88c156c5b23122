"""A source's contents: the claims, entity links and assertions one extraction yields.

Ingest (`sources.store_article`) writes them for a new source; re-extraction (`reextract`)
compares them with what is stored and replaces them. Both plan and write through this
module, so a re-read source holds exactly what an ingest of its text would store.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import msgspec
from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.base import Base
from service.db.models import Assertion, Claim, ClaimEntity, Entity
from service.domain import facts as fact_logic
from service.domain.knowledge import KnowledgeBase
from service.domain.model import ExtractedArticle, ExtractedAssertion, ExtractedClaim, Qualifier
from service.services.entities import containment_base, link_entities, stored_entity

# A stored claim as compared: (start, end, text, speaker, entity ids, assertion rows).
ClaimContents = tuple[int, int, str, str | None, tuple[int, ...], tuple[tuple[Any, ...], ...]]
# The assertion columns an extraction decides (not ids, nor the fact a refresh assigns).
_COMPARED = (
    "family_key",
    "text",
    "start",
    "end",
    "quantity",
    "unit",
    "qualifier",
    "low",
    "high",
    "subject_id",
    "location_id",
    "attributed_to",
    "attributor_key",
    "as_of",
    "is_forecast",
)


@dataclass
class PlannedContents:
    """An extraction linked to stored entities, ready to be written or compared."""

    claims: Sequence[ExtractedClaim]
    # Per claim: the ids of the entities it mentions, sorted.
    entity_ids: list[list[int]]
    # Per claim: each storable figure with stored entity keys, and its family key.
    figures: list[list[tuple[ExtractedAssertion, str]]]
    rows_by_key: dict[str, Entity]
    # Stored entities that gained a parent from this article (their figures are re-keyed).
    adopted: Sequence[Entity]
    containment: KnowledgeBase

    @property
    def assertion_count(self) -> int:
        return sum(len(of_claim) for of_claim in self.figures)

    @property
    def families(self) -> set[str]:
        return {family for of_claim in self.figures for _figure, family in of_claim}

    def assertion_rows(self, source_id: int, claim_id: int, index: int) -> list[dict[str, Any]]:
        """The rows of the figures of claim number `index`."""
        return [
            _assertion_row(source_id, claim_id, figure, family, self.rows_by_key)
            for figure, family in self.figures[index]
        ]

    def contents(self) -> list[ClaimContents]:
        """The claims as `stored_contents` reads them back, for comparison."""
        return [
            (
                claim.start,
                claim.end,
                claim.text,
                claim.speaker,
                tuple(self.entity_ids[index]),
                tuple(
                    tuple(row[name] for name in _COMPARED)
                    for row in self.assertion_rows(0, 0, index)
                ),
            )
            for index, claim in enumerate(self.claims)
        ]


async def plan_contents(session: AsyncSession, article: ExtractedArticle) -> PlannedContents:
    """Link the article's entities (storing the new ones) and key its figures by family."""
    linked = await link_entities(session, article.entities)
    rows_by_key = {row.key: row for row in linked.rows.values()}
    # Family keys anchor a figure on its country: the shipped places plus the stored ones.
    containment = containment_base(stored_entity(row) for row in rows_by_key.values())
    figures = [
        [
            (canonical, fact_logic.family_key(canonical, containment.country_of))
            for canonical in (
                _canonical_keys(figure, linked.rows)
                for figure in extracted.assertions
                if storable(figure)
            )
        ]
        for extracted in article.claims
    ]
    entity_ids = [
        sorted({linked.rows[key].id for key in extracted.entities if key in linked.rows})
        for extracted in article.claims
    ]
    return PlannedContents(
        claims=article.claims,
        entity_ids=entity_ids,
        figures=figures,
        rows_by_key=rows_by_key,
        adopted=linked.adopted,
        containment=containment,
    )


async def write_contents(session: AsyncSession, source_id: int, planned: PlannedContents) -> None:
    """Insert the planned claims, their entity links and assertions (a few bulk statements)."""
    if not planned.claims:
        return
    claim_ids = await _insert_claims(session, source_id, planned.claims)
    links = [
        {"claim_id": claim_id, "entity_id": entity_id}
        for claim_id, of_claim in zip(claim_ids, planned.entity_ids, strict=True)
        for entity_id in of_claim
    ]
    if links:
        await session.execute(insert(_table(ClaimEntity)), links)
    assertions = [
        row
        for index, claim_id in enumerate(claim_ids)
        for row in planned.assertion_rows(source_id, claim_id, index)
    ]
    if assertions:
        await session.execute(insert(_table(Assertion)), assertions)


async def stored_contents(session: AsyncSession, source_id: int) -> list[ClaimContents]:
    """A stored source's claims in article order, as `PlannedContents.contents` gives them."""
    links: dict[int, list[int]] = {}
    for claim_id, entity_id in await session.execute(
        select(ClaimEntity.claim_id, ClaimEntity.entity_id)
        .join(Claim, Claim.id == ClaimEntity.claim_id)
        .where(Claim.source_id == source_id)
    ):
        links.setdefault(claim_id, []).append(entity_id)
    figures: dict[int, list[tuple[Any, ...]]] = {}
    columns = [getattr(Assertion, name) for name in _COMPARED]
    for claim_id, *values in await session.execute(
        select(Assertion.claim_id, *columns)
        .where(Assertion.source_id == source_id)
        .order_by(Assertion.id)
    ):
        figures.setdefault(claim_id, []).append(tuple(values))
    claims = await session.execute(
        select(Claim.id, Claim.start, Claim.end, Claim.text, Claim.speaker)
        .where(Claim.source_id == source_id)
        .order_by(Claim.id)
    )
    return [
        (
            start,
            end,
            text,
            speaker,
            tuple(sorted(links.get(claim_id, []))),
            tuple(figures.get(claim_id, [])),
        )
        for claim_id, start, end, text, speaker in claims
    ]


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


async def rekey_assertions_of(session: AsyncSession, planned: PlannedContents) -> set[str]:
    """Recompute the family keys of stored figures about entities that just gained a parent.

    A family key anchors a figure on its country; a place stored before its country was known
    would otherwise keep its figures apart from the same figures ingested later, and the
    facts would depend on the order in which articles arrived. Returns every family touched.
    """
    if not planned.adopted:
        return set()
    ids = [row.id for row in planned.adopted]
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
        family = fact_logic.family_key(figure, planned.containment.country_of)
        if family != assertion.family_key:
            touched.update((assertion.family_key, family))
            assertion.family_key = family
    await session.flush()
    return touched


def storable(figure: ExtractedAssertion) -> bool:
    """Whether a figure can be stored: an absurd one ("10^400") cannot be compared or
    serialised, so it is not a checkable fact."""
    return all(v is None or (math.isfinite(v) and abs(v) < 1e18) for v in (figure.low, figure.high))


def _table(model: type[Base]) -> Table:
    # Core, not ORM, bulk inserts: the ORM splits a batch wherever a row's null columns differ.
    return cast(Table, model.__table__)


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
    return assertion_values(
        figure,
        claim_id=claim_id,
        source_id=source_id,
        family=family,
        subject_id=subject.id if subject is not None else None,
        location_id=location.id if location is not None else None,
    )


def assertion_values(
    figure: ExtractedAssertion,
    *,
    claim_id: int,
    source_id: int,
    family: str,
    subject_id: int | None,
    location_id: int | None,
) -> dict[str, Any]:
    """The stored row of one figure (the bench loader writes the same rows in bulk)."""
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
        "subject_id": subject_id,
        "location_id": location_id,
        "attributed_to": figure.attributed_to,
        "attributor_key": figure.attributor,
        "as_of": figure.as_of,
        "is_forecast": figure.is_forecast,
        "superseded": False,
    }
