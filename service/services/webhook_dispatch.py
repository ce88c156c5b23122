"""Send queued webhook deliveries after their transaction committed, with retries.

Every API process may run a dispatcher. A dispatcher claims due deliveries with one
conditional UPDATE (status and lease re-checked in its WHERE clause, so on PostgreSQL a
row another process claimed first is skipped, and SQLite serialises writers), commits,
and only then sends them: no transaction is open during an outbound call. A claim is a
lease: if its process dies, the delivery becomes due again when the lease runs out.
Each attempt is recorded; failures are retried with exponential backoff until
`max_attempts`, then the delivery is marked failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid

import httpx
import msgspec
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from service.clients.fetch import Network, Resolver, system_resolver
from service.clients.webhooks import SendOutcome, send
from service.db.base import utcnow
from service.db.models import Webhook, WebhookAttempt, WebhookDelivery

log = logging.getLogger("factcheck.webhooks")
BATCH = 20


class DispatchPolicy(msgspec.Struct, frozen=True, kw_only=True):
    poll_seconds: float = 1.0
    max_attempts: int = 5
    retry_seconds: float = 10.0
    timeout_seconds: float = 10.0
    allowed_networks: tuple[Network, ...] = ()

    @property
    def lease(self) -> dt.timedelta:
        # Longer than any send can take, so a live dispatcher never loses its claim.
        return dt.timedelta(seconds=2 * self.timeout_seconds + 30)

    def retry_delay(self, attempts: int) -> dt.timedelta:
        """Wait before the next try after `attempts` failed ones: base, 2x, 4x, ..."""
        return dt.timedelta(seconds=self.retry_seconds * 2 ** max(attempts - 1, 0))


class Claimed(msgspec.Struct, frozen=True):
    id: int
    event: str
    payload: str
    attempts: int
    url: str
    secret: str


def _due(now: dt.datetime) -> ColumnElement[bool]:
    return or_(
        and_(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now),
        and_(WebhookDelivery.status == "delivering", WebhookDelivery.claimed_until < now),
    )


async def claim_due(
    session: AsyncSession, token: str, lease: dt.timedelta, limit: int = BATCH
) -> list[Claimed]:
    """Claim up to `limit` due deliveries for `token` and commit the claim."""
    now = utcnow()
    due = _due(now)
    ids = list(
        await session.scalars(
            select(WebhookDelivery.id)
            .where(due)
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        )
    )
    if not ids:
        await session.rollback()
        return []
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(ids), due)
        .values(status="delivering", claim_token=token, claimed_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    rows = await session.execute(
        select(
            WebhookDelivery.id,
            WebhookDelivery.event,
            WebhookDelivery.payload,
            WebhookDelivery.attempts,
            Webhook.url,
            Webhook.secret,
        )
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(WebhookDelivery.claim_token == token)
        .order_by(WebhookDelivery.id)
    )
    claimed = [Claimed(*row) for row in rows]
    await session.commit()
    return claimed


async def record_outcome(
    session: AsyncSession,
    delivery: Claimed,
    token: str,
    outcome: SendOutcome,
    started_at: dt.datetime,
    policy: DispatchPolicy,
) -> None:
    """Store one attempt and the delivery's new state, unless the claim was lost meanwhile."""
    attempts = delivery.attempts + 1
    now = utcnow()
    if outcome.delivered:
        values: dict[str, object] = {"status": "delivered", "delivered_at": now}
    elif outcome.permanent or attempts >= policy.max_attempts:
        values = {"status": "failed"}
    else:
        values = {"status": "pending", "next_attempt_at": now + policy.retry_delay(attempts)}
    result = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery.id, WebhookDelivery.claim_token == token)
        .values(
            attempts=attempts,
            last_status_code=outcome.status_code,
            last_error=outcome.error,
            updated_at=now,
            claim_token=None,
            claimed_until=None,
            **values,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 1:
        session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                number=attempts,
                started_at=started_at,
                duration_ms=outcome.duration_ms,
                status_code=outcome.status_code,
                error=outcome.error,
            )
        )
    await session.commit()


class Dispatcher:
    """The background loop of one process: claim, send, record, sleep when idle."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        client: httpx.AsyncClient,
        policy: DispatchPolicy,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.client = client
        self.policy = policy
        self.resolver = resolver
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> int:
        """Claim and send one batch; returns how many deliveries were tried."""
        token = uuid.uuid4().hex
        async with self.sessionmaker() as session:
            claimed = await claim_due(session, token, self.policy.lease)
        if claimed:
            await asyncio.gather(*(self._deliver(item, token) for item in claimed))
        return len(claimed)

    async def _deliver(self, delivery: Claimed, token: str) -> None:
        started_at = utcnow()
        outcome = await send(
            self.client,
            delivery.url,
            delivery.payload.encode(),
            secret=delivery.secret,
            event=delivery.event,
            delivery_id=delivery.id,
            allowed=self.policy.allowed_networks,
            resolver=self.resolver,
        )
        async with self.sessionmaker() as session:
            await record_outcome(session, delivery, token, outcome, started_at, self.policy)

    async def run_forever(self) -> None:
        while True:
            try:
                tried = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                # A database hiccup must not end the loop: log it and try again later.
                log.exception("webhook dispatch failed; retrying")
                tried = 0
            if tried == 0:
                await asyncio.sleep(self.policy.poll_seconds)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self.run_forever(), name="factcheck-webhooks"
            )

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
