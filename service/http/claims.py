"""/claims and /assertions"""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.http.params import MAX_ID, Cursor, EntityFilter, Id, Limit, SourceIdFilter
from service.http.read_cache import CachedReadController
from service.schemas.claims import AssertionRead, ClaimRead
from service.schemas.common import Page
from service.services import claims as service


class ClaimController(CachedReadController):
    path = "/claims"
    tags = ["claims"]

    @get("/", operation_id="listClaims", summary="List claims")
    async def list(
        self,
        db_session: NamedDependency[AsyncSession],
        entity: EntityFilter = None,
        source_id: SourceIdFilter = None,
        q: Annotated[
            str | None, QueryParameter(max_length=300, description="Words in the text.")
        ] = None,
        speaker: Annotated[str | None, QueryParameter(max_length=300)] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[ClaimRead]:
        return await service.list_claims(
            db_session,
            entity=entity,
            source_id=source_id,
            q=q,
            speaker=speaker,
            limit=limit,
            cursor=cursor,
        )

    @get("/{claim_id:int}", operation_id="getClaim", summary="Get a claim")
    async def get(self, db_session: NamedDependency[AsyncSession], claim_id: Id) -> ClaimRead:
        return await service.get_claim(db_session, claim_id)


class AssertionController(CachedReadController):
    path = "/assertions"
    tags = ["assertions"]

    @get("/", operation_id="listAssertions", summary="List numeric assertions")
    async def list(
        self,
        db_session: NamedDependency[AsyncSession],
        entity: EntityFilter = None,
        source_id: SourceIdFilter = None,
        fact_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[AssertionRead]:
        return await service.list_assertions(
            db_session,
            entity=entity,
            source_id=source_id,
            fact_id=fact_id,
            limit=limit,
            cursor=cursor,
        )

    @get("/{assertion_id:int}", operation_id="getAssertion", summary="Get a numeric assertion")
    async def get(
        self, db_session: NamedDependency[AsyncSession], assertion_id: Id
    ) -> AssertionRead:
        return await service.get_assertion(db_session, assertion_id)
