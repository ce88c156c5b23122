"""Webhook subscriptions: register (address-checked), list, read, delete, and their deliveries."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from service.clients.fetch import Network, Resolver, system_resolver
from service.clients.webhooks import check_target
from service.db.models import Webhook, WebhookDelivery
from service.domain.errors import NotFound
from service.schemas.common import Page
from service.schemas.webhooks import (
    DeliveryAttemptRead,
    DeliveryRead,
    DeliveryStatus,
    FactEvent,
    WebhookCreate,
    WebhookCreated,
    WebhookRead,
)
from service.services.pagination import decode_cursor, encode_cursor


def webhook_read(row: Webhook) -> WebhookRead:
    return WebhookRead(
        id=row.id,
        url=row.url,
        events=[FactEvent(name) for name in row.events.split()],
        created_at=row.created_at,
    )


def delivery_read(row: WebhookDelivery) -> DeliveryRead:
    status = DeliveryStatus(row.status)
    finished = status in {DeliveryStatus.DELIVERED, DeliveryStatus.FAILED}
    return DeliveryRead(
        id=row.id,
        webhook_id=row.webhook_id,
        event=FactEvent(row.event),
        fact_id=row.fact_id,
        status=status,
        attempts=row.attempts,
        last_status_code=row.last_status_code,
        last_error=row.last_error,
        created_at=row.created_at,
        updated_at=row.updated_at,
        delivered_at=row.delivered_at,
        next_attempt_at=None if finished else row.next_attempt_at,
        history=[
            DeliveryAttemptRead(
                number=a.number,
                started_at=a.started_at,
                duration_ms=a.duration_ms,
                status_code=a.status_code,
                error=a.error,
            )
            for a in row.history
        ],
    )


async def check_webhook_url(
    url: str, allowed: Sequence[Network], resolver: Resolver = system_resolver
) -> None:
    """Refuse targets URL ingest would refuse (loopback, private...); call before any write."""
    await check_target(url, allowed, resolver)


async def create_webhook(session: AsyncSession, payload: WebhookCreate) -> WebhookCreated:
    """Store a subscription; the URL must have been checked with `check_webhook_url`."""
    events = sorted({event.value for event in payload.events})
    row = Webhook(
        url=payload.url,
        events=" ".join(events),
        secret=payload.secret or secrets.token_urlsafe(32),
    )
    session.add(row)
    await session.flush()
    read = webhook_read(row)
    return WebhookCreated(
        id=read.id, url=read.url, events=read.events, created_at=read.created_at, secret=row.secret
    )


async def list_webhooks(
    session: AsyncSession, *, limit: int, cursor: str | None
) -> Page[WebhookRead]:
    query = select(Webhook).order_by(Webhook.id)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Webhook.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[webhook_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )


async def _webhook(session: AsyncSession, webhook_id: int) -> Webhook:
    row = await session.get(Webhook, webhook_id)
    if row is None:
        raise NotFound(f"webhook {webhook_id} does not exist")
    return row


async def get_webhook(session: AsyncSession, webhook_id: int) -> WebhookRead:
    return webhook_read(await _webhook(session, webhook_id))


async def delete_webhook(session: AsyncSession, webhook_id: int) -> None:
    """Remove a subscription with its deliveries (pending ones are not sent)."""
    await session.delete(await _webhook(session, webhook_id))
    await session.flush()


async def list_deliveries(
    session: AsyncSession, webhook_id: int, *, limit: int, cursor: str | None
) -> Page[DeliveryRead]:
    """A webhook's deliveries, oldest first, each with its attempts."""
    await _webhook(session, webhook_id)
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == webhook_id)
        .options(selectinload(WebhookDelivery.history))
        .order_by(WebhookDelivery.id)
    )
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(WebhookDelivery.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    return Page(
        items=[delivery_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if more else None,
    )
