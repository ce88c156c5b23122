"""/webhooks: subscriptions to fact events and what was delivered to them."""

from __future__ import annotations

from litestar import Controller, delete, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from service.clients.fetch import parse_networks
from service.http.deps import require_json_body, require_write_key
from service.http.params import Cursor, Id, Limit
from service.schemas.common import Page
from service.schemas.webhooks import DeliveryRead, WebhookCreate, WebhookCreated, WebhookRead
from service.services import webhooks as service
from service.settings import Settings


class WebhookController(Controller):
    """Webhooks are administration: every route needs a write key when keys are set."""

    path = "/webhooks"
    tags = ["webhooks"]
    guards = [require_write_key]

    @post(
        "/",
        operation_id="createWebhook",
        summary="Register a webhook for fact events",
        before_request=require_json_body,
        status_code=HTTP_201_CREATED,
    )
    async def create(
        self,
        data: JSONBody[WebhookCreate],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        state: State,
    ) -> WebhookCreated:
        """Deliveries are POSTed as JSON and signed: `X-Factcheck-Signature: sha256=<hex>` is the
        HMAC-SHA256 of the raw body under the secret, which this answer shows once."""
        allowed = parse_networks(settings.fetch_allowed_networks)
        await service.check_webhook_url(data.url, allowed, state.resolver)
        created = await service.create_webhook(db_session, data)
        await db_session.commit()
        return created

    @get("/", operation_id="listWebhooks", summary="List webhooks")
    async def list(
        self, db_session: NamedDependency[AsyncSession], limit: Limit = 50, cursor: Cursor = None
    ) -> Page[WebhookRead]:
        return await service.list_webhooks(db_session, limit=limit, cursor=cursor)

    @get("/{webhook_id:int}", operation_id="getWebhook", summary="Get a webhook")
    async def read(self, db_session: NamedDependency[AsyncSession], webhook_id: Id) -> WebhookRead:
        return await service.get_webhook(db_session, webhook_id)

    @delete(
        "/{webhook_id:int}",
        operation_id="deleteWebhook",
        summary="Delete a webhook and its pending deliveries",
        status_code=HTTP_204_NO_CONTENT,
    )
    async def remove(self, db_session: NamedDependency[AsyncSession], webhook_id: Id) -> None:
        await service.delete_webhook(db_session, webhook_id)
        await db_session.commit()

    @get(
        "/{webhook_id:int}/deliveries",
        operation_id="listWebhookDeliveries",
        summary="A webhook's deliveries with status and attempts",
    )
    async def deliveries(
        self,
        db_session: NamedDependency[AsyncSession],
        webhook_id: Id,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[DeliveryRead]:
        return await service.list_deliveries(db_session, webhook_id, limit=limit, cursor=cursor)
