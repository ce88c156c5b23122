"""/facts and /conflicts"""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.model import Verdict
from service.http.params import Cursor, EntityFilter, Id, Limit
from service.http.read_cache import CachedReadController
from service.schemas.common import Page
from service.schemas.facts import ConflictRead, FactRead
from service.services import facts as service


class FactController(CachedReadController):
    path = "/facts"
    tags = ["facts"]

    @get("/", operation_id="listFacts", summary="List facts with their verdicts")
    async def list(
        self,
        db_session: NamedDependency[AsyncSession],
        entity: EntityFilter = None,
        verdict: Annotated[Verdict | None, QueryParameter()] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[FactRead]:
        return await service.list_facts(
            db_session, entity=entity, verdict=verdict, limit=limit, cursor=cursor
        )

    @get("/{fact_id:int}", operation_id="getFact", summary="Get a fact")
    async def get(self, db_session: NamedDependency[AsyncSession], fact_id: Id) -> FactRead:
        return await service.get_fact(db_session, fact_id)


class ConflictController(CachedReadController):
    path = "/conflicts"
    tags = ["facts"]

    @get("/", operation_id="listConflicts", summary="Conflicting facts, most severe first")
    async def list(
        self,
        db_session: NamedDependency[AsyncSession],
        entity: EntityFilter = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[ConflictRead]:
        return await service.list_conflicts(db_session, entity=entity, limit=limit, cursor=cursor)
