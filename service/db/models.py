"""ORM models. Relationships are `lazy="raise"`: every read says what it loads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.db.base import Base, UTCDateTime, utcnow


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    publisher: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    text: Mapped[str] = mapped_column(Text)
    claim_count: Mapped[int] = mapped_column(Integer, default=0)
    assertion_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The engine that extracted the claims (service.domain.engine_version); NULL: unknown,
    # read before versions were recorded. Indexed: stale sources are counted and found by it.
    engine_version: Mapped[str | None] = mapped_column(String(64), index=True)

    claims: Mapped[list[Claim]] = relationship(
        back_populates="source", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    parent_key: Mapped[str | None] = mapped_column(String(200))
    # "shipped" (knowledge base), "discovered" (found in an article) or "user" (added via API).
    origin: Mapped[str] = mapped_column(String(20), default="discovered")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EntityAlias.id",
    )


class EntityAlias(Base):
    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    # Case- and punctuation-folded form; one name resolves to one entity.
    normalized: Mapped[str] = mapped_column(String(300), unique=True)
    origin: Mapped[str] = mapped_column(String(20), default="discovered")

    entity: Mapped[Entity] = relationship(back_populates="aliases", lazy="raise")


class ClaimEntity(Base):
    __tablename__ = "claim_entities"
    # GET /claims?entity= walks one entity's claims in id order and stops after a page.
    __table_args__ = (Index("ix_claim_entities_entity_id_claim_id", "entity_id", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)

    source: Mapped[Source] = relationship(back_populates="claims", lazy="raise")
    entities: Mapped[list[Entity]] = relationship(
        secondary="claim_entities", lazy="raise", order_by="Entity.id", viewonly=True
    )
    assertions: Mapped[list[Assertion]] = relationship(
        back_populates="claim", lazy="raise", order_by="Assertion.id", viewonly=True
    )


class Fact(Base):
    __tablename__ = "facts"
    __table_args__ = (
        CheckConstraint("verdict IN ('single','agree','conflict','revised')", name="verdict"),
        Index("ix_facts_verdict_severity", "verdict", "severity", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    family_key: Mapped[str] = mapped_column(String(500), index=True)
    label: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    verdict: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text)
    source_count: Mapped[int] = mapped_column(Integer)
    severity: Mapped[float] = mapped_column(Double, default=0.0)
    consensus_low: Mapped[float | None] = mapped_column(Double)
    consensus_high: Mapped[float | None] = mapped_column(Double)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    subject: Mapped[Entity | None] = relationship(foreign_keys=[subject_id], lazy="raise")
    location: Mapped[Entity | None] = relationship(foreign_keys=[location_id], lazy="raise")
    assertions: Mapped[list[Assertion]] = relationship(
        back_populates="fact", lazy="raise", order_by="Assertion.id", viewonly=True
    )
    pairs: Mapped[list[ConflictPair]] = relationship(
        back_populates="fact",
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ConflictPair.severity.desc(), ConflictPair.id)",
    )


class Assertion(Base):
    __tablename__ = "assertions"
    __table_args__ = (
        CheckConstraint(
            "qualifier IN ('exact','approx','at_least','more_than','at_most','less_than','range')",
            name="qualifier",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int | None] = mapped_column(
        ForeignKey("facts.id", ondelete="SET NULL"), index=True
    )
    family_key: Mapped[str] = mapped_column(String(500), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(20))
    qualifier: Mapped[str] = mapped_column(String(20))
    low: Mapped[float | None] = mapped_column(Double)
    high: Mapped[float | None] = mapped_column(Double)
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    attributed_to: Mapped[str | None] = mapped_column(String(300))
    attributor_key: Mapped[str | None] = mapped_column(String(200))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    is_forecast: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when a later figure from the same attributor replaced this one.
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)

    claim: Mapped[Claim] = relationship(back_populates="assertions", lazy="raise")
    fact: Mapped[Fact | None] = relationship(back_populates="assertions", lazy="raise")
    subject: Mapped[Entity | None] = relationship(foreign_keys=[subject_id], lazy="raise")
    location: Mapped[Entity | None] = relationship(foreign_keys=[location_id], lazy="raise")


class ConflictPair(Base):
    __tablename__ = "conflict_pairs"
    __table_args__ = (UniqueConstraint("fact_id", "a_id", "b_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("assertions.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("assertions.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    severity: Mapped[float] = mapped_column(Double)

    fact: Mapped[Fact] = relationship(back_populates="pairs", lazy="raise")
    a: Mapped[Assertion] = relationship(foreign_keys=[a_id], lazy="raise")
    b: Mapped[Assertion] = relationship(foreign_keys=[b_id], lazy="raise")


class DataVersion(Base):
    """How many writing statements each PostgreSQL session has committed (services/data_version).

    Bumped by statement triggers on the tables the read endpoints show (see the migration
    `data_version_triggers`); one row per server process id, so writers never wait on one
    another. SQLite leaves it empty and uses `PRAGMA data_version` instead.
    """

    __tablename__ = "data_versions"

    writer: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


class Webhook(Base):
    """A newsroom endpoint that is told when facts change (see services/webhooks.py)."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Space-separated event names, e.g. "fact.conflict fact.resolved".
    events: Mapped[str] = mapped_column(String(200))
    secret: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebhookDelivery(Base):
    """The outbox: one event for one webhook, written in the transaction that caused it."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending','delivering','delivered','failed')", name="delivery_status"
        ),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    fact_id: Mapped[int | None] = mapped_column(Integer)
    # The exact bytes that are signed and sent, fixed when the event happens.
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A dispatcher owns a claimed delivery until `claimed_until`; then another may take it over.
    claim_token: Mapped[str | None] = mapped_column(String(40))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    history: Mapped[list[WebhookAttempt]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WebhookAttempt.id",
    )


class WebhookAttempt(Base):
    """One try at sending a delivery: when, what the target answered, or why it failed."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
