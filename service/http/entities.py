"""/entities"""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.ext.asyncio import AsyncSession

from service.http.deps import READ_SESSION, require_json_body, require_write_key
from service.http.params import Cursor, Id, Limit
from service.schemas.claims import AliasCreate, EntityRead
from service.schemas.common import Page
from service.services import entities as service


class EntityController(Controller):
    path = "/entities"
    tags = ["entities"]

    @get("/", operation_id="listEntities", summary="List entities", dependencies=READ_SESSION)
    async def list(
        self,
        db_session: NamedDependency[AsyncSession],
        q: Annotated[
            str | None,
            QueryParameter(max_length=300, description="Part of a name or alias."),
        ] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[EntityRead]:
        return await service.list_entities(db_session, q=q, limit=limit, cursor=cursor)

    @get(
        "/{entity_id:int}",
        operation_id="getEntity",
        summary="Get an entity",
        dependencies=READ_SESSION,
    )
    async def get(self, db_session: NamedDependency[AsyncSession], entity_id: Id) -> EntityRead:
        return await service.get_entity(db_session, entity_id)

    @post(
        "/{entity_id:int}/aliases",
        operation_id="addEntityAlias",
        summary="Add a name under which the entity is known",
        guards=[require_write_key],
        before_request=require_json_body,
        status_code=HTTP_200_OK,
    )
    async def add_alias(
        self, db_session: NamedDependency[AsyncSession], entity_id: Id, data: JSONBody[AliasCreate]
    ) -> EntityRead:
        entity = await service.add_alias(db_session, entity_id, data.alias)
        await db_session.commit()
        return entity
