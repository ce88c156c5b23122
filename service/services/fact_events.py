"""Fact events: what changed in a fact's verdict, and the webhook deliveries it calls for.

`refresh_families` reports one `FactChange` per fact it judged again (or removed); this module
turns changes into events and writes one pending delivery per subscribed webhook into the
outbox, in the caller's transaction, so an event is stored exactly when the change is.
Sending happens later, after commit (services/webhook_dispatch.py).
"""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.base import utcnow
from service.db.models import Webhook, WebhookDelivery
from service.schemas.webhooks import FactEvent


class FactChange(msgspec.Struct, frozen=True, kw_only=True):
    """A fact before and after a refresh; `current` is None when the fact was removed."""

    fact_id: int
    label: str
    quantity: str
    unit: str | None
    subject: str | None
    location: str | None
    previous: str | None
    current: str | None
    explanation: str
    source_count: int
    # A figure of this fact was replaced by a later one from the same attributor.
    newly_superseded: bool = False


class FactPayload(msgspec.Struct, kw_only=True):
    id: int
    label: str
    quantity: str
    unit: str | None
    subject: str | None
    location: str | None
    verdict: str | None
    previous_verdict: str | None
    source_count: int
    explanation: str
    path: str


class EventPayload(msgspec.Struct, kw_only=True):
    """The JSON body of a webhook delivery."""

    event: FactEvent
    occurred_at: dt.datetime
    fact: FactPayload


def events_of(change: FactChange) -> list[FactEvent]:
    """The events a change raises: a conflict starts, a figure is revised, a conflict ends."""
    events: list[FactEvent] = []
    if change.current == "conflict" and change.previous != "conflict":
        events.append(FactEvent.CONFLICT)
    became_revised = change.current == "revised" and change.previous != "revised"
    if became_revised or (change.newly_superseded and change.current is not None):
        events.append(FactEvent.REVISED)
    if change.previous == "conflict" and change.current != "conflict":
        events.append(FactEvent.RESOLVED)
    return events


def event_body(event: FactEvent, change: FactChange, at: dt.datetime) -> bytes:
    return msgspec.json.encode(
        EventPayload(
            event=event,
            occurred_at=at,
            fact=FactPayload(
                id=change.fact_id,
                label=change.label,
                quantity=change.quantity,
                unit=change.unit,
                subject=change.subject,
                location=change.location,
                verdict=change.current,
                previous_verdict=change.previous,
                source_count=change.source_count,
                explanation=change.explanation,
                path=f"/facts/{change.fact_id}",
            ),
        )
    )


async def record_fact_events(session: AsyncSession, changes: list[FactChange]) -> int:
    """Queue one delivery per (event, subscribed webhook); flushed, not committed."""
    raised = [(event, change) for change in changes for event in events_of(change)]
    if not raised:
        return 0
    hooks = list(await session.scalars(select(Webhook).order_by(Webhook.id)))
    if not hooks:
        return 0
    now = utcnow()
    queued = 0
    for event, change in raised:
        body = event_body(event, change, now).decode()
        for hook in hooks:
            if event.value in hook.events.split():
                session.add(
                    WebhookDelivery(
                        webhook_id=hook.id,
                        event=event.value,
                        fact_id=change.fact_id,
                        payload=body,
                        status="pending",
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                        updated_at=now,
                    )
                )
                queued += 1
    await session.flush()
    return queued
