"""How a stated figure is read: its interval of true values, its date, its unit and its kind.

Shared by `facts.py` (which assertions form one fact) and `verdicts.py` (what the fact's
figures say together). The tolerance table is documented in `verdicts.py`.

**Quantity kinds** decide what a change over time means:

| kind   | quantities                                   | a later figure from another speaker   |
|--------|----------------------------------------------|---------------------------------------|
| tally  | everything not listed below: deaths, troops  | higher: the count grew, the earlier   |
|        | sent, area burned, containment, arrests, ... | one is outdated; lower: a conflict    |
|        | (*standing* tallies, `is_standing`: forces   | (standing: read as a disagreement,    |
|        | and responders deployed, can also fall)      | not as a drawdown)                    |
| level  | rates, prices, support, wind speed, water    | outdates the earlier one either way   |
|        | levels; changes ("growth", "revenue growth", |                                       |
|        | "people decline"); head counts of a current  |                                       |
|        | state (missing, trapped, evacuated,          |                                       |
|        | displaced, in shelters, without power):      |                                       |
|        | people are found, go home, are reconnected   |                                       |
| fixed  | magnitude, distance, revenue, people (a     | never outdates it: a conflict         |
|        | crowd, a population), ...                    |                                       |
| event  | protesters, turnout, votes, attendance, ...; | (each day is its own fact)            |
|        | a temperature (a day's reading)              |                                       |

"The same time" of the contract's conflict is the same reference date, or figures a later one
cannot update: two speakers' incompatible figures for one day always conflict, and so do a
fixed quantity's on any days and a tally that is lower later; every other incompatibility
across days is a running count updated (the later figure stands), whoever gives it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
from collections.abc import Sequence
from decimal import Decimal

import msgspec
from mypy_extensions import mypyc_attr

from service.domain.model import AssertionView, ExtractedAssertion, Qualifier
from service.domain.quantities import is_change
from service.domain.units import dimension_of, to_base

APPROX_TOLERANCE = 0.10
EXACT_ROUNDING_CAP = 0.05
BOUND_SLACK_CAP = 0.02

LOWER_BOUNDS = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
UPPER_BOUNDS = (Qualifier.AT_MOST, Qualifier.LESS_THAN)
_INF = math.inf
_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.UTC)

_EVENT = frozenset(
    {"protesters", "turnout", "votes", "attendance", "attendees", "participants", "crowd",
     "spectators", "marchers", "demonstrators",
     # a day's reading: a hotter Wednesday does not revise Tuesday's 43C
     "temperature"}
)  # fmt: skip
_LEVEL = frozenset(
    {"inflation", "unemployment rate", "interest rate", "support", "share",
     "wind speed", "market value", "debt", "price", "share price",
     "exchange rate", "population", "water level"}
)  # fmt: skip
# Head counts of a current state (people missing, trapped, evacuated, in shelters, without
# power): they fall as people are found, return home or are reconnected, so they move either
# way over time like a level, unlike a tally of things that happened (deaths, arrests).
_STOCK = frozenset(
    {"missing", "trapped", "evacuated", "displaced", "sheltered", "power outages",
     "evacuation warnings"}
)  # fmt: skip
_FIXED = frozenset(
    {"magnitude", "distance", "revenue", "profit", "losses", "seats", "duration", "weight",
     "rainfall", "cost", "damage", "aid", "funding", "people"}
)  # fmt: skip


# Tallies of what stands somewhere now rather than of what happened: forces and responders
# deployed. Verdicts read them as tallies (over a few days a deployment is reported growing
# far more often than drawn down), but they can fall, so an explanation must not say they
# only grow.
_STANDING = frozenset(
    {"troops", "military units", "tanks", "aircraft", "warships", "firefighters", "rescuers",
     "police", "officers", "personnel"}
)  # fmt: skip


def is_standing(quantity: str) -> bool:
    """True for a tally of what is deployed now ("troops"), which unlike a toll can fall."""
    return " ".join(quantity.lower().split()) in _STANDING


def quantity_kind(quantity: str) -> str:
    """ "event", "level", "fixed" or "tally" (see the module table)."""
    name = " ".join(quantity.lower().split())
    if name in _EVENT:
        return "event"
    if name in _LEVEL or name in _STOCK or is_change(name):
        return "level"  # a change, like the rate it is, is revised either way
    if name in _FIXED:
        return "fixed"
    return "tally"


def never_changes(quantity: str) -> bool:
    """True for what a later figure cannot update (a magnitude, a period's revenue); "people"
    is fixed for grouping but counts any crowd, which does change."""
    name = " ".join(quantity.lower().split())
    return quantity_kind(name) == "fixed" and name != "people"


def unit_base(unit: str | None) -> tuple[str, str | None, float]:
    """(dimension, base unit, factor to it); counts are ("count", None, 1.0).

    Currencies and unknown units are their own dimension: no exchange rates in a pure core.
    """
    if not unit:
        return ("count", None, 1.0)
    dimension = dimension_of(unit)
    if dimension is None or dimension == "currency":
        return (unit, unit, 1.0)
    factor, base = to_base(1.0, unit)
    return (dimension, base, factor)


def normal_quantity(a: AssertionView | ExtractedAssertion) -> str:
    """The quantity name with case and spacing normalised."""
    return " ".join(a.quantity.lower().split())


def reference_date(a: AssertionView) -> dt.date | None:
    """The date a figure refers to: `as_of`, else its publication date, else None."""
    if a.as_of is not None:
        return a.as_of
    if a.published_at is not None:
        return a.published_at.date()
    return None


@mypyc_attr(native_class=False)
class Reading(msgspec.Struct, frozen=True):
    """A figure's nominal and tolerant intervals, in the base unit and (tolerant) its own."""

    nominal: tuple[float, float]
    tolerant: tuple[float, float]
    own_tolerant: tuple[float, float]


def rounding(value: float, cap: float) -> float:
    """Half a unit of the last significant digit of `value`, at most `cap` * |value|."""
    if value == 0 or math.isinf(value) or math.isnan(value):
        return 0.0
    exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only; NaN/inf excluded above
    return min(0.5 * 10.0**exponent, cap * abs(value))


@functools.lru_cache(maxsize=8192)  # judge compares every pair: read each figure once
def read(a: AssertionView) -> Reading:
    """The intervals a figure allows (the table in `verdicts.py`)."""
    low, high = a.low, a.high
    q = a.qualifier
    if q in LOWER_BOUNDS and low is None:
        low = high
    if q in UPPER_BOUNDS and high is None:
        high = low
    if q in (Qualifier.EXACT, Qualifier.APPROX):
        value = low if low is not None else high
        if value is None:
            nominal = tolerant = (-_INF, _INF)
        else:
            spread = (
                APPROX_TOLERANCE * abs(value)
                if q is Qualifier.APPROX
                else rounding(value, EXACT_ROUNDING_CAP)
            )
            nominal = tolerant = (value - spread, value + spread)
    else:
        if q in LOWER_BOUNDS:
            high = None
        elif q in UPPER_BOUNDS:
            low = None
        lo = -_INF if low is None else low
        hi = _INF if high is None else high
        nominal = (lo, hi)
        tolerant = (lo - rounding(lo, BOUND_SLACK_CAP), hi + rounding(hi, BOUND_SLACK_CAP))
    factor = unit_base(a.unit)[2]
    return Reading(
        nominal=(nominal[0] * factor, nominal[1] * factor),
        tolerant=(tolerant[0] * factor, tolerant[1] * factor),
        own_tolerant=tolerant,
    )


def meet(x: tuple[float, float], y: tuple[float, float]) -> bool:
    """True when two closed intervals share a value."""
    return max(x[0], y[0]) <= min(x[1], y[1])


def compatible(a: AssertionView, b: AssertionView) -> bool:
    """True when the two figures' tolerant intervals share a value."""
    return meet(read(a).tolerant, read(b).tolerant)


def plain(reading: Reading) -> bool:
    """True without NaN and with the tolerant interval's low end first (not a range given
    backwards): then two figures are incompatible exactly when one lies wholly above the
    other, which lets a sort or a binary search stand in for trying every pair."""
    (low, high), (n_low, n_high) = reading.tolerant, reading.nominal
    return low <= high and n_low == n_low and n_high == n_high  # NaN != NaN


class CompatibleCount:
    """How many of `figures` a figure is `compatible` with, by binary search on their ends.

    `exact` is False when some reading is not `plain`; the count must not be used then.
    """

    def __init__(self, figures: Sequence[AssertionView]) -> None:
        readings = [read(b) for b in figures]
        self.exact = all(plain(r) for r in readings)
        self._lows = sorted(r.tolerant[0] for r in readings)
        self._highs = sorted(r.tolerant[1] for r in readings)

    def __call__(self, a: AssertionView) -> int:
        low, high = read(a).tolerant
        # Those starting at most at a's high end, less those ending before a's low end.
        return bisect.bisect_right(self._lows, high) - bisect.bisect_left(self._highs, low)


def speaker(a: AssertionView) -> str:
    """Who stands behind a figure: its attributor, else its source and the quoted name.

    An unattributed figure speaks for itself alone: two different unattributed figures in
    one article are two claims (their sources were lost or never named), not the article
    revising itself; unattributed counts on different days still supersede each other
    through the "overtaken" rule of `verdicts.py`.
    """
    if a.attributor:
        return a.attributor
    if a.attributed_to:
        return f"source:{a.source_id}:{' '.join(a.attributed_to.lower().split())}"
    return f"source:{a.source_id}:figure:{a.id}"


def _magnitude(a: AssertionView) -> float:
    ends = [v for v in (a.low, a.high) if v is not None]
    return (sum(ends) / len(ends) if ends else 0.0) * unit_base(a.unit)[2]


def recency(a: AssertionView) -> tuple[dt.date, dt.datetime, float, int]:
    """Sort key, oldest first: reference date, publication time, size, id.

    Size breaks ties because running counts are mostly revised upwards; an undated figure
    sorts before every dated one.
    """
    published = a.published_at or _EPOCH
    if published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    return (reference_date(a) or dt.date.min, published, _magnitude(a), a.id)


def latest_by_speaker(group: list[AssertionView]) -> dict[str, AssertionView]:
    """Each speaker's latest figure (reports preferred over forecasts), keyed by speaker."""
    latest: dict[str, AssertionView] = {}
    for a in sorted(group, key=lambda x: (not x.is_forecast, recency(x))):
        latest[speaker(a)] = a
    return latest
