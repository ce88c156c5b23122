"""The review page's data: each conflict with its figures side by side, in their sentences."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Assertion, Claim, ConflictPair, Source
from service.services.claimreview import conflicting_facts


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """One figure of a conflict, with the sentence it sits in cut around it for highlighting."""

    assertion_id: int
    text: str
    before: str
    figure: str
    after: str
    attributed_to: str | None
    as_of: dt.date | None
    qualifier: str
    superseded: bool
    in_conflict: bool
    source_id: int
    outlet: str
    title: str | None
    url: str | None
    published_at: dt.datetime | None


class ConflictCard(msgspec.Struct, frozen=True, kw_only=True):
    fact_id: int
    label: str
    explanation: str
    source_count: int
    figures: list[Figure]
    reasons: list[str]


def split_sentence(sentence: str, start: int, end: int, figure: str) -> tuple[str, str, str]:
    """(before, figure, after) of `sentence`, the figure at [start, end) or found by its text."""
    if not (0 <= start < end <= len(sentence)) or sentence[start:end] != figure:
        start = sentence.find(figure)
        if start < 0 or not figure:
            return sentence, "", ""
        end = start + len(figure)
    return sentence[:start], sentence[start:end], sentence[end:]


async def conflict_cards(
    session: AsyncSession, *, entity: str | None, limit: int
) -> list[ConflictCard]:
    """The conflicting facts (most severe first) ready to show, three queries in all."""
    facts = await conflicting_facts(session, entity=entity, limit=limit)
    ids = [fact.id for fact in facts]
    rows = (
        await session.execute(
            select(
                Assertion,
                Claim.text,
                Claim.start,
                Source.publisher,
                Source.title,
                Source.url,
                Source.published_at,
            )
            .join(Claim, Claim.id == Assertion.claim_id)
            .join(Source, Source.id == Assertion.source_id)
            .where(Assertion.fact_id.in_(ids))
            .order_by(Assertion.fact_id, Assertion.id)
        )
    ).all()
    pairs = (
        await session.execute(
            select(ConflictPair.fact_id, ConflictPair.a_id, ConflictPair.b_id, ConflictPair.reason)
            .where(ConflictPair.fact_id.in_(ids))
            .order_by(ConflictPair.fact_id, ConflictPair.severity.desc(), ConflictPair.id)
        )
    ).all()
    paired = {a for _, a, _, _ in pairs} | {b for _, _, b, _ in pairs}
    figures: dict[int, list[Figure]] = {}
    for assertion, sentence, claim_start, publisher, title, url, published_at in rows:
        if assertion.fact_id is None:
            continue
        before, figure, after = split_sentence(
            sentence,
            assertion.start - claim_start,
            assertion.end - claim_start,
            assertion.text,
        )
        figures.setdefault(assertion.fact_id, []).append(
            Figure(
                assertion_id=assertion.id,
                text=assertion.text,
                before=before,
                figure=figure,
                after=after,
                attributed_to=assertion.attributed_to,
                as_of=assertion.as_of,
                qualifier=assertion.qualifier,
                superseded=assertion.superseded,
                in_conflict=assertion.id in paired,
                source_id=assertion.source_id,
                outlet=publisher or title or f"source {assertion.source_id}",
                title=title,
                url=url if url and url.lower().startswith(("http://", "https://")) else None,
                published_at=published_at,
            )
        )
    reasons: dict[int, list[str]] = {}
    for fact_id, _, _, reason in pairs:
        if reason not in reasons.setdefault(fact_id, []):
            reasons[fact_id].append(reason)
    return [
        ConflictCard(
            fact_id=fact.id,
            label=fact.label,
            explanation=fact.explanation,
            source_count=fact.source_count,
            figures=figures.get(fact.id, []),
            reasons=reasons.get(fact.id, []),
        )
        for fact in facts
    ]
