"""Facts, verdicts and conflicts on the wire."""

from __future__ import annotations

import msgspec

from service.domain.model import Verdict
from service.schemas.claims import AssertionRead
from service.schemas.common import EntityRef


class FactSummary(msgspec.Struct, kw_only=True):
    id: int
    label: str
    subject: EntityRef | None
    quantity: str
    unit: str | None
    location: EntityRef | None
    verdict: Verdict
    source_count: int
    explanation: str
    consensus_low: float | None
    consensus_high: float | None
    severity: float


class LatestFigure(msgspec.Struct, kw_only=True):
    """The most recent figure one attributor gave for a fact."""

    attributed_to: str | None
    assertion_id: int
    low: float | None
    high: float | None


class FactRead(FactSummary, kw_only=True):
    assertions: list[AssertionRead]
    revised: list[int]
    latest: list[LatestFigure]


class ConflictPairRead(msgspec.Struct, kw_only=True):
    a: AssertionRead
    b: AssertionRead
    reason: str
    severity: float


class ConflictRead(msgspec.Struct, kw_only=True):
    fact: FactSummary
    pairs: list[ConflictPairRead]
