"""schema.org ClaimReview documents for facts, as Google's Fact Check markup reads them.

Each claim behind a fact becomes one ClaimReview: `claimReviewed` is the claim's sentence,
`itemReviewed` the Claim with its author (who made it: a Person or an Organization) and its
appearance (the article), `reviewRating.alternateName` the fact's verdict in words and
`ratingExplanation` the fact's explanation. The review's author is the fact-checking
organisation running the service; its `url` is the fact's address in this API.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Assertion, Claim, ClaimEntity, Entity, Fact, Source
from service.domain.errors import NotFound
from service.services.entities import resolve_entity_ids

SCHEMA_ORG = "https://schema.org"
RATING_NAMES = {
    "agree": "Agree",
    "conflict": "Conflict",
    "revised": "Revised",
    "single": "Single source",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A last word that names a role makes the author a person ("a Ukrainian official").
_ROLE_WORDS = _words(
    "official officials spokesman spokeswoman spokesperson minister president chief director "
    "commander analyst analysts expert experts witness witnesses resident residents governor "
    "mayor ambassador secretary officer officers source sources doctor doctors"
)
# Words that make a capitalised name an institution rather than a person.
_BODY_WORDS = _words(
    "ministry department agency office council police army military intelligence government "
    "service services bank company group committee commission institute university news press "
    "wire times authority forces command court party union bureau agency centre center "
    "organization organisation association federation"
)

JsonLd = dict[str, Any]


class ReviewedClaim(msgspec.Struct, frozen=True, kw_only=True):
    """One claim behind a fact, with what the markup needs about it and its article."""

    fact_id: int
    claim_id: int
    claim_text: str
    attributed_to: str | None
    attributor_kind: str | None
    attributor_name: str | None
    source_id: int
    title: str | None
    publisher: str | None
    url: str | None
    published_at: dt.datetime | None


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace(".", "").split())


def claim_author(
    name: str | None, entity_kind: str | None, entity_name: str | None, fallback: str
) -> JsonLd:
    """Who made a claim: a Person or an Organization; with no attribution, the article's outlet."""
    if not name:
        return {"@type": "Organization", "name": fallback}
    if entity_kind == "person":
        return {"@type": "Person", "name": name}
    if entity_name and _fold(entity_name) == _fold(name):
        return {"@type": "Organization", "name": name}
    words = name.split()
    lowered = {w.casefold().strip(".,") for w in words}
    capitalised_name = (
        2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not lowered & _BODY_WORDS
    )
    if capitalised_name or words[-1].casefold() in _ROLE_WORDS:
        person: JsonLd = {"@type": "Person", "name": name}
        if entity_name:
            # A spokesperson speaks for the body the figure is attributed to.
            person["affiliation"] = {"@type": "Organization", "name": entity_name}
        return person
    return {"@type": "Organization", "name": name}


def claim_review(fact: Fact, claim: ReviewedClaim, *, base_url: str, publisher_name: str) -> JsonLd:
    """One ClaimReview (without @context) for one claim of `fact`."""
    fact_url = f"{base_url}/facts/{fact.id}"
    outlet = claim.publisher or claim.title or f"source {claim.source_id}"
    appearance: JsonLd = {
        "@type": "CreativeWork",
        "url": claim.url or f"{base_url}/sources/{claim.source_id}",
        "headline": claim.title or outlet,
        "publisher": {"@type": "Organization", "name": outlet},
    }
    item: JsonLd = {
        "@type": "Claim",
        "author": claim_author(
            claim.attributed_to, claim.attributor_kind, claim.attributor_name, outlet
        ),
        "appearance": [appearance],
        "firstAppearance": appearance,
    }
    if claim.published_at is not None:
        published = claim.published_at.date().isoformat()
        appearance["datePublished"] = published
        item["datePublished"] = published
    return {
        "@type": "ClaimReview",
        "@id": f"{fact_url}#claim-{claim.claim_id}",
        "url": fact_url,
        "name": fact.label,
        "claimReviewed": claim.claim_text,
        "datePublished": fact.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": publisher_name, "url": base_url + "/"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": RATING_NAMES.get(fact.verdict, fact.verdict),
            "ratingExplanation": fact.explanation,
        },
        "itemReviewed": item,
    }


async def _claims_of(session: AsyncSession, fact_ids: list[int]) -> dict[int, list[ReviewedClaim]]:
    rows = (
        await session.execute(
            select(
                Assertion.fact_id,
                Assertion.attributed_to,
                Assertion.attributor_key,
                Claim.id,
                Claim.text,
                Claim.speaker,
                Source.id,
                Source.title,
                Source.publisher,
                Source.url,
                Source.published_at,
            )
            .join(Claim, Claim.id == Assertion.claim_id)
            .join(Source, Source.id == Assertion.source_id)
            .where(Assertion.fact_id.in_(fact_ids))
            .order_by(Assertion.fact_id, Assertion.id)
        )
    ).all()
    keys = {row[2] for row in rows if row[2]}
    entities = {
        key: (name, kind)
        for key, name, kind in await session.execute(
            select(Entity.key, Entity.name, Entity.kind).where(Entity.key.in_(keys))
        )
    }
    claims: dict[int, list[ReviewedClaim]] = {}
    seen: set[tuple[int, int]] = set()
    for fact_id, attributed, key, claim_id, text, speaker, source_id, *article in rows:
        if fact_id is None or (fact_id, claim_id) in seen:
            continue  # one review per claim, even when it states two figures of the fact
        seen.add((fact_id, claim_id))
        entity_name, entity_kind = entities.get(key, (None, None)) if key else (None, None)
        title, publisher, url, published_at = article
        claims.setdefault(fact_id, []).append(
            ReviewedClaim(
                fact_id=fact_id,
                claim_id=claim_id,
                claim_text=text,
                attributed_to=attributed or speaker,
                attributor_kind=entity_kind if attributed else None,
                attributor_name=entity_name if attributed else None,
                source_id=source_id,
                title=title,
                publisher=publisher,
                url=url,
                published_at=published_at,
            )
        )
    return claims


def _graph(reviews: list[JsonLd]) -> JsonLd:
    return {"@context": SCHEMA_ORG, "@graph": reviews}


async def fact_claim_reviews(
    session: AsyncSession, fact_id: int, *, base_url: str, publisher_name: str
) -> JsonLd:
    """The ClaimReviews of one fact, as a JSON-LD graph (one per claim)."""
    fact = await session.get(Fact, fact_id)
    if fact is None:
        raise NotFound(f"fact {fact_id} does not exist")
    claims = (await _claims_of(session, [fact_id])).get(fact_id, [])
    return _graph(
        [claim_review(fact, c, base_url=base_url, publisher_name=publisher_name) for c in claims]
    )


async def conflict_claim_reviews(
    session: AsyncSession,
    *,
    entity: str | None,
    limit: int,
    base_url: str,
    publisher_name: str,
) -> JsonLd:
    """ClaimReviews for every conflicting fact (most severe first), as one JSON-LD graph."""
    facts = await conflicting_facts(session, entity=entity, limit=limit)
    claims = await _claims_of(session, [f.id for f in facts])
    return _graph(
        [
            claim_review(fact, claim, base_url=base_url, publisher_name=publisher_name)
            for fact in facts
            for claim in claims.get(fact.id, [])
        ]
    )


async def conflicting_facts(session: AsyncSession, *, entity: str | None, limit: int) -> list[Fact]:
    """Facts whose verdict is conflict, most severe first; `entity` as in the list filters."""
    query = (
        select(Fact)
        .where(Fact.verdict == "conflict")
        .order_by(Fact.severity.desc(), Fact.id)
        .limit(limit)
    )
    if entity is not None:
        ids = await resolve_entity_ids(session, entity)
        query = query.where(
            Fact.subject_id.in_(ids)
            | Fact.location_id.in_(ids)
            | Fact.id.in_(
                select(Assertion.fact_id).where(
                    Assertion.subject_id.in_(ids)
                    | Assertion.location_id.in_(ids)
                    | Assertion.claim_id.in_(
                        select(ClaimEntity.claim_id).where(ClaimEntity.entity_id.in_(ids))
                    )
                )
            )
        )
    return list(await session.scalars(query))
