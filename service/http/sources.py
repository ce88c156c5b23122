"""/sources"""

from __future__ import annotations

import httpx
from litestar import Controller, Response, delete, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from service.clients.fetch import fetch_page, parse_networks
from service.domain.errors import InvalidInput
from service.http.deps import READ_SESSION, require_json_body, require_write_key
from service.http.errors import problem_responses
from service.http.params import Cursor, Id, Limit
from service.schemas.common import Page
from service.schemas.sources import SourceCreate, SourceDetail, SourceRead
from service.services import sources as service
from service.services.knowledge import KnowledgeCache
from service.settings import Settings


def _content_fields(data: SourceCreate) -> SourceCreate:
    given = [name for name in ("text", "html") if getattr(data, name) is not None]
    if len(given) > 1:
        raise InvalidInput("give exactly one of text, html or url")
    if not given and data.url is None:
        raise InvalidInput("give one of text, html or url")
    return data


class SourceController(Controller):
    path = "/sources"
    tags = ["sources"]

    @post(
        "/",
        operation_id="createSource",
        summary="Ingest an article",
        guards=[require_write_key],
        before_request=require_json_body,
        status_code=HTTP_201_CREATED,
        responses={
            HTTP_200_OK: ResponseSpec(
                data_container=SourceRead,
                description="The same content was already ingested: the existing source.",
            ),
            **problem_responses(502),
        },
    )
    async def create(
        self,
        data: JSONBody[SourceCreate],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        state: State,
    ) -> Response[SourceRead]:
        """Ingest one article; 201 with the new source, 200 with the existing one."""
        payload = _content_fields(data)
        if payload.text is None and payload.html is None and payload.url is not None:
            client: httpx.AsyncClient = state.http_client
            page = await fetch_page(
                client,
                payload.url,
                max_bytes=settings.fetch_max_bytes,
                allowed_networks=parse_networks(settings.fetch_allowed_networks),
                resolver=state.resolver,
                deadline_seconds=settings.fetch_timeout_seconds * 3,
            )
            content = {"html": page.body} if page.is_html else {"text": page.body}
            payload = SourceCreate(
                **content,
                url=payload.url,
                title=payload.title,
                publisher=payload.publisher,
                author=payload.author,
                published_at=payload.published_at,
            )
        knowledge: KnowledgeCache = state.knowledge
        result = await service.ingest_article(
            db_session,
            knowledge,
            payload,
            max_chars=settings.max_text_chars,
            time_limit=settings.extract_timeout_seconds,
        )
        await db_session.commit()
        return Response(
            result.source, status_code=HTTP_201_CREATED if result.created else HTTP_200_OK
        )

    @get("/", operation_id="listSources", summary="List sources", dependencies=READ_SESSION)
    async def list(
        self, db_session: NamedDependency[AsyncSession], limit: Limit = 50, cursor: Cursor = None
    ) -> Page[SourceRead]:
        return await service.list_sources(db_session, limit=limit, cursor=cursor)

    @get(
        "/{source_id:int}",
        operation_id="getSource",
        summary="Get a source with its text",
        dependencies=READ_SESSION,
    )
    async def get(self, db_session: NamedDependency[AsyncSession], source_id: Id) -> SourceDetail:
        return await service.get_source(db_session, source_id)

    @delete(
        "/{source_id:int}",
        operation_id="deleteSource",
        summary="Delete a source and re-judge the facts it touched",
        guards=[require_write_key],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def remove(self, db_session: NamedDependency[AsyncSession], source_id: Id) -> None:
        await service.delete_source(db_session, source_id)
        await db_session.commit()
