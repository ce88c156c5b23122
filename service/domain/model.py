"""Value types shared by every stage of the pure core.

Extraction produces `ExtractedArticle`; the fact and verdict logic consumes `AssertionView`
(an extracted assertion once it is stored and has ids) and produces `FactKey` and
`FactJudgement`. Layers outside `domain/` convert to and from these types explicitly.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import msgspec


class Qualifier(StrEnum):
    """How a figure bounds the true value (see shared/API.md)."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"


class EntityKind(StrEnum):
    COUNTRY = "country"
    PLACE = "place"
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    # A named happening that figures belong to: "Typhoon Tamaraw", "the Sespe Fire".
    EVENT = "event"


class Verdict(StrEnum):
    SINGLE = "single"
    AGREE = "agree"
    CONFLICT = "conflict"
    REVISED = "revised"


class Entity(msgspec.Struct, frozen=True, kw_only=True):
    """A thing with a stable key and every name it goes by.

    `key` is a stable slug ("north-korea", "nato", "mark-rutte"); it is what the rest of the
    system uses to link mentions across articles. `parent` is the key of the entity that
    contains it (a region's country), used for location containment.
    """

    key: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    parent: str | None = None


class EntityMention(msgspec.Struct, frozen=True, kw_only=True):
    """One occurrence of an entity in the cleaned text (character offsets)."""

    key: str
    start: int
    end: int
    text: str


class NumberMention(msgspec.Struct, frozen=True, kw_only=True):
    """A number phrase found in text, before it is tied to what it counts.

    `low`/`high` follow the contract: scale words applied, percentages 0-100, `None` for an
    open end, both equal for exact and approximate values. `unit` is a normalised unit code
    (None for plain counts): "USD", "EUR", "%", "km2", "mi", "kg", ... `start`/`end` cover
    the whole phrase including qualifier words ("between 1,500 and 10,000").
    """

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None = None
    vague: bool = False


class ExtractedAssertion(msgspec.Struct, frozen=True, kw_only=True):
    """A checkable figure with everything needed to compare it across sources."""

    start: int
    end: int
    text: str
    quantity: str
    unit: str | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    subject: str | None = None
    location: str | None = None
    attributed_to: str | None = None
    # Key of the entity the attributor speaks for (a spokesperson -> their agency), or the
    # attributor's own key; None when the figure is unattributed.
    attributor: str | None = None
    as_of: dt.date | None = None
    is_forecast: bool = False


class ExtractedClaim(msgspec.Struct, frozen=True, kw_only=True):
    """One checkable statement (normally a sentence) with its figures."""

    start: int
    end: int
    text: str
    speaker: str | None
    entities: tuple[str, ...]
    assertions: tuple[ExtractedAssertion, ...] = ()


class ExtractedArticle(msgspec.Struct, frozen=True, kw_only=True):
    """What extraction makes of one article; all offsets point into `text`."""

    text: str
    title: str | None
    author: str | None
    published_at: dt.datetime | None
    claims: tuple[ExtractedClaim, ...]
    # Every entity a claim or assertion refers to, shipped or discovered in this text.
    entities: tuple[Entity, ...]
    # What a web page declares of itself (its site name, its canonical address); None for text.
    publisher: str | None = None
    url: str | None = None


class AssertionView(msgspec.Struct, frozen=True, kw_only=True):
    """A stored assertion as the fact and verdict logic sees it."""

    id: int
    source_id: int
    quantity: str
    unit: str | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    subject: str | None
    location: str | None
    attributor: str | None
    attributed_to: str | None
    as_of: dt.date | None
    published_at: dt.datetime | None
    is_forecast: bool
    text: str
    source_label: str = ""


def view_of(
    figure: ExtractedAssertion,
    *,
    view_id: int,
    source_id: int,
    published_at: dt.datetime | None,
    source_label: str = "",
) -> AssertionView:
    """An extracted figure as the fact and verdict logic sees it once stored."""
    return AssertionView(
        id=view_id,
        source_id=source_id,
        quantity=figure.quantity,
        unit=figure.unit,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
        subject=figure.subject,
        location=figure.location,
        attributor=figure.attributor,
        attributed_to=figure.attributed_to,
        as_of=figure.as_of,
        published_at=published_at,
        is_forecast=figure.is_forecast,
        text=figure.text,
        source_label=source_label,
    )


class AssertionPair(msgspec.Struct, frozen=True, kw_only=True):
    """Two incompatible assertions of one fact and why they cannot both hold."""

    a: int
    b: int
    reason: str
    severity: float


class FactJudgement(msgspec.Struct, frozen=True, kw_only=True):
    """The verdict on one fact and what a journalist needs to trust it."""

    verdict: Verdict
    explanation: str
    pairs: tuple[AssertionPair, ...] = ()
    # Ids of assertions superseded by a later figure from the same attributor.
    revised: tuple[int, ...] = ()
    consensus_low: float | None = None
    consensus_high: float | None = None
    severity: float = 0.0
