"""ClaimReview (schema.org JSON-LD) for one fact and for every conflict."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from service.http.deps import READ_SESSION
from service.http.params import EntityFilter, Id, Limit
from service.services import claimreview as service
from service.settings import Settings

JSON_LD = "application/ld+json"


def _base_url(request: Request[Any, Any, Any]) -> str:
    return str(request.base_url).rstrip("/")


def _json_ld(document: dict[str, Any]) -> Response[dict[str, Any]]:
    return Response(document, media_type=JSON_LD)


@get(
    "/facts/{fact_id:int}/claimreview",
    operation_id="getFactClaimReview",
    summary="A fact as schema.org ClaimReview JSON-LD",
    tags=["facts"],
    media_type=JSON_LD,
    dependencies=READ_SESSION,
)
async def fact_claimreview(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    settings: NamedDependency[Settings],
    fact_id: Id,
) -> Response[dict[str, Any]]:
    """One ClaimReview per claim behind the fact, in a JSON-LD `@graph`: `claimReviewed` is the
    claim, `itemReviewed` who made it and where it appeared, `reviewRating.alternateName` the
    verdict (Agree, Conflict, Revised, Single source), `url` the fact in this API."""
    document = await service.fact_claim_reviews(
        db_session,
        fact_id,
        base_url=_base_url(request),
        publisher_name=settings.publisher_name,
    )
    return _json_ld(document)


@get(
    "/conflicts/claimreview",
    operation_id="listConflictClaimReviews",
    summary="Every conflict as schema.org ClaimReview JSON-LD",
    tags=["facts"],
    media_type=JSON_LD,
    dependencies=READ_SESSION,
)
async def conflicts_claimreview(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    settings: NamedDependency[Settings],
    entity: EntityFilter = None,
    limit: Limit = 50,
) -> Response[dict[str, Any]]:
    """The ClaimReviews of the conflicting facts (most severe first), in one `@graph`."""
    document = await service.conflict_claim_reviews(
        db_session,
        entity=entity,
        limit=limit,
        base_url=_base_url(request),
        publisher_name=settings.publisher_name,
    )
    return _json_ld(document)
