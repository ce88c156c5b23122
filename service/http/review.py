"""GET /review: a server-rendered page of the conflicts for an editor to check."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency
from litestar.enums import MediaType
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.http.deps import READ_SESSION
from service.http.params import EntityFilter, Limit
from service.services import review as service


@get(
    "/review",
    operation_id="reviewPage",
    summary="HTML page of the conflicts, figures side by side in their sentences",
    tags=["facts"],
    media_type=MediaType.HTML,
    dependencies=READ_SESSION,
)
async def review_page(
    db_session: NamedDependency[AsyncSession], entity: EntityFilter = None, limit: Limit = 50
) -> Template:
    """Every conflicting fact (most severe first) with each figure's source, attribution, dates
    and sentence, the figure highlighted; `entity` narrows it to one entity's facts."""
    cards = await service.conflict_cards(db_session, entity=entity, limit=limit)
    return Template(template_name="review.html.jinja2", context={"cards": cards, "entity": entity})
