"""Scoring primitives shared by the reference suites (`reference_suites`, `reference_unit_suites`).

A gold item is matched by a mention whose span overlaps it and whose reading equals the gold
value (relative tolerance 1e-6); proportions are reported as percentages, so a gold 0.5 also
matches a "%" mention reading 50.
"""

from __future__ import annotations

import math
from pathlib import Path

import msgspec

from service.domain.model import NumberMention

DATA = Path("/work/shared/benchmarks")


class SuiteResult(msgspec.Struct, kw_only=True):
    """Scores of one suite."""

    name: str
    cases: int
    passed: int
    gold: int
    gold_matched: int
    skipped: int = 0
    unit_checked: int = 0
    unit_agreed: int = 0
    failures: list[str] = msgspec.field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.cases if self.cases else 0.0


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def overlap(m: NumberMention, start: int, end: int) -> bool:
    return m.start < end and start < m.end


def factors(m: NumberMention) -> tuple[float, ...]:
    """Proportions are reported as percentages ("half" -> 50 %): a gold 0.5 also matches 50 %."""
    return (1.0, 100.0) if m.unit == "%" else (1.0,)


def value_matches(m: NumberMention, value: float) -> bool:
    """Whether either end of `m` reads `value`."""
    return any(close(m.low, value * f) or close(m.high, value * f) for f in factors(m))
