"""Webhook subscriptions and their deliveries on the wire."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

import msgspec

from service.schemas.sources import Url


class FactEvent(enum.StrEnum):
    """What a webhook can be told about."""

    CONFLICT = "fact.conflict"
    REVISED = "fact.revised"
    RESOLVED = "fact.resolved"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERING = "delivering"
    DELIVERED = "delivered"
    FAILED = "failed"


Secret = Annotated[
    str,
    msgspec.Meta(
        min_length=16,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Shared HMAC key (printable ASCII, 16-200 characters); generated if absent.",
    ),
]


class WebhookCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    url: Url
    events: Annotated[list[FactEvent], msgspec.Meta(min_length=1, max_length=3)]
    secret: Secret | None = None


class WebhookRead(msgspec.Struct, kw_only=True):
    id: int
    url: str
    events: list[FactEvent]
    created_at: dt.datetime


class WebhookCreated(WebhookRead, kw_only=True):
    """The registration answer: the only time the secret is shown."""

    secret: str


class DeliveryAttemptRead(msgspec.Struct, kw_only=True):
    number: int
    started_at: dt.datetime
    duration_ms: int
    status_code: int | None
    error: str | None


class DeliveryRead(msgspec.Struct, kw_only=True):
    id: int
    webhook_id: int
    event: FactEvent
    fact_id: int | None
    status: DeliveryStatus
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    delivered_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    history: list[DeliveryAttemptRead]
