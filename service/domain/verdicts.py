"""The verdict on one fact: single, agree, conflict or revised, and why.

**Reading a figure as an interval.** A stated figure is compared through the interval of true
values it allows. Figures are read in their own unit, then converted to the fact's base unit.

| qualifier              | nominal interval                | tolerant interval (compatibility) |
|------------------------|---------------------------------|-----------------------------------|
| exact ("10,000")       | v ± r, r = half a unit of the   | same                              |
|                        | last significant digit, ≤ 5% v  | (10,000 -> 9,500..10,500)         |
| approx ("about", ...)  | v ± 10%                         | same                              |
| at_least / more_than   | [v, +inf)                       | [v - s, +inf)                     |
| at_most / less_than    | (-inf, v]                       | (-inf, v + s]                     |
| range ("1,500-10,000") | [low, high] as given            | [low - s, high + s]               |

s (slack of a stated bound) = half a unit of its last significant digit, at most 2% of it.
Two figures are *compatible* when their tolerant intervals share a value. The *consensus* is
the intersection of the nominal intervals of the standing figures (of the tolerant ones when
the nominal ones do not meet): "over 600,000" and "around 650,000" give 600,000–715,000.

**Who speaks.** A figure's speaker is its attributor (the body a spokesperson speaks for),
else its source plus the quoted name, else its source. **Revisions:** a speaker's figures
are ordered by reference date (`as_of`, else publication date), then publication time, then
size (running counts are mostly revised upwards), then id. A figure is *superseded* when a
later figure of the same speaker says something different (another value beyond rounding, or
another kind of bound): "as many as 3,000" then "up to 10,000" is a revision even though the
two bounds are compatible. Superseded figures are listed, never paired in conflicts.

**Forecasts** share the fact of the reports (see `facts.py`) but are a different kind of
statement: a forecast never conflicts with a report, never supersedes one, and never narrows
the consensus; it counts as an agreeing source only when compatible with every standing report.

**Verdict** (first that applies): `conflict` when two standing figures of different speakers
(both reports, or both forecasts) are incompatible; `revised` when some figure is superseded;
`single` when only one source counts; else `agree`. A pair's severity is the relative gap
between the two tolerant intervals (gap / larger end, at most 1); pairs come most severe first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal

import msgspec

from service.domain import explain
from service.domain.explain import NameOf, key_to_name
from service.domain.facts import reference_date, unit_base
from service.domain.model import (
    AssertionPair,
    AssertionView,
    FactJudgement,
    Qualifier,
    Verdict,
)

APPROX_TOLERANCE = 0.10
EXACT_ROUNDING_CAP = 0.05
BOUND_SLACK_CAP = 0.02
CONTAINMENT_WINDOW = dt.timedelta(days=30)

_INF = math.inf
_LOWER = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
_UPPER = (Qualifier.AT_MOST, Qualifier.LESS_THAN)
_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class Reading(msgspec.Struct, frozen=True):
    """A figure's nominal and tolerant intervals, in its own unit and in the base unit."""

    nominal: tuple[float, float]
    tolerant: tuple[float, float]
    own_tolerant: tuple[float, float]


def rounding(value: float, cap: float) -> float:
    """Half a unit of the last significant digit of `value`, at most `cap` * |value|."""
    if value == 0 or math.isinf(value):
        return 0.0
    exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only; NaN/inf excluded above
    return min(0.5 * 10.0**exponent, cap * abs(value))


def read(a: AssertionView) -> Reading:
    """The intervals a figure allows (see the module table)."""
    low, high = a.low, a.high
    q = a.qualifier
    if q in _LOWER and low is None:
        low = high
    if q in _UPPER and high is None:
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
        if q in _LOWER:
            high = None
        elif q in _UPPER:
            low = None
        lo = -_INF if low is None else low
        hi = _INF if high is None else high
        nominal = (lo, hi)
        tolerant = (
            lo - rounding(lo, BOUND_SLACK_CAP),
            hi + rounding(hi, BOUND_SLACK_CAP),
        )
    factor = unit_base(a.unit)[2]
    return Reading(
        nominal=(nominal[0] * factor, nominal[1] * factor),
        tolerant=(tolerant[0] * factor, tolerant[1] * factor),
        own_tolerant=tolerant,
    )


def _meet(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return max(x[0], y[0]) <= min(x[1], y[1])


def compatible(a: AssertionView, b: AssertionView) -> bool:
    """True when the two figures' tolerant intervals share a value."""
    return _meet(read(a).tolerant, read(b).tolerant)


def speaker(a: AssertionView) -> str:
    """Who stands behind a figure: attributor, else source (+ quoted name), else source."""
    if a.attributor:
        return a.attributor
    if a.attributed_to:
        return f"source:{a.source_id}:{' '.join(a.attributed_to.lower().split())}"
    return f"source:{a.source_id}"


def _shape(a: AssertionView) -> str:
    if a.qualifier in _LOWER:
        return "lower"
    if a.qualifier in _UPPER:
        return "upper"
    return "range" if a.qualifier is Qualifier.RANGE else "point"


def same_figure(a: AssertionView, b: AssertionView) -> bool:
    """True when two figures say the same thing (same kind of bound, values within rounding)."""
    if _shape(a) != _shape(b):
        return False
    if _shape(a) == "point":
        return compatible(a, b)
    for x, y in zip(read(a).nominal, read(b).nominal, strict=True):
        if math.isinf(x) or math.isinf(y):
            if x != y:
                return False
        elif abs(x - y) > max(rounding(x, EXACT_ROUNDING_CAP), rounding(y, EXACT_ROUNDING_CAP)):
            return False
    return True


def _magnitude(a: AssertionView) -> float:
    ends = [v for v in (a.low, a.high) if v is not None]
    return (sum(ends) / len(ends) if ends else 0.0) * unit_base(a.unit)[2]


def recency(a: AssertionView) -> tuple[dt.date, dt.datetime, float, int]:
    """Sort key, oldest first: reference date, publication time, size, id."""
    published = a.published_at or _EPOCH
    if published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    return (reference_date(a) or dt.date.min, published, _magnitude(a), a.id)


def _chains(group: Sequence[AssertionView]) -> dict[tuple[str, bool], list[AssertionView]]:
    chains: dict[tuple[str, bool], list[AssertionView]] = {}
    for a in sorted(group, key=recency):
        chains.setdefault((speaker(a), a.is_forecast), []).append(a)
    return chains


def superseded_ids(group: Sequence[AssertionView]) -> set[int]:
    """Ids of figures replaced by a later, different figure of the same speaker."""
    gone: set[int] = set()
    for chain in _chains(group).values():
        for i, older in enumerate(chain):
            if any(not same_figure(older, newer) for newer in chain[i + 1 :]):
                gone.add(older.id)
    return gone


def latest_by_attributor(group: Sequence[AssertionView]) -> dict[str, AssertionView]:
    """Each speaker's latest figure (reports preferred over forecasts), keyed by speaker."""
    latest: dict[str, AssertionView] = {}
    for a in sorted(group, key=lambda x: (not x.is_forecast, recency(x))):
        latest[speaker(a)] = a
    return latest


def _severity(x: tuple[float, float], y: tuple[float, float]) -> float:
    lower, upper = (x, y) if x[1] < y[0] else (y, x)
    gap = upper[0] - lower[1]
    scale = max(abs(upper[0]), abs(lower[1]))
    if scale == 0 or math.isinf(gap):
        return 1.0
    return round(min(1.0, gap / scale), 4)


def _intersection(intervals: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    lo = max(i[0] for i in intervals)
    hi = min(i[1] for i in intervals)
    return (lo, hi) if lo <= hi else None


def _pair(a: AssertionView, b: AssertionView, name_of: NameOf) -> AssertionPair:
    ra, rb = read(a), read(b)
    if ra.tolerant[0] < rb.tolerant[0]:  # the higher figure is named first
        a, b, ra, rb = b, a, rb, ra
    reason = (
        f"{explain.who(a, name_of)}: {explain.describe_with_tolerance(a, *ra.own_tolerant)} vs "
        f"{explain.who(b, name_of)}: {explain.describe_with_tolerance(b, *rb.own_tolerant)}; "
        "no common value"
    )
    return AssertionPair(
        a=a.id, b=b.id, reason=reason, severity=_severity(ra.tolerant, rb.tolerant)
    )


def judge(
    group: Sequence[AssertionView], name_of: NameOf | None = None, *, label: str | None = None
) -> FactJudgement:
    """Judge one fact's assertions (see the module docstring for every rule)."""
    names = name_of or key_to_name
    members = sorted(group, key=lambda a: a.id)
    if not members:
        return FactJudgement(verdict=Verdict.SINGLE, explanation="No figures.")
    first = members[0]
    label = explain.inline_label(
        label or explain.fact_label(first.quantity, first.subject, first.location, names),
        first.quantity,
    )
    gone = superseded_ids(members)
    standing = [a for a in members if a.id not in gone]
    pairs = sorted(
        (
            _pair(a, b, names)
            for i, a in enumerate(standing)
            for b in standing[i + 1 :]
            if speaker(a) != speaker(b) and a.is_forecast == b.is_forecast and not compatible(a, b)
        ),
        key=lambda p: (-p.severity, p.a, p.b),
    )
    reports = [a for a in standing if not a.is_forecast]
    compared = reports or standing
    outliers = [
        f
        for f in standing
        if f.is_forecast and reports and not all(compatible(f, r) for r in reports)
    ]
    counted = {a.source_id for a in members if not a.is_forecast or not reports}
    counted |= {f.source_id for f in standing if f.is_forecast and f not in outliers}
    consensus = None if pairs else _consensus(compared)
    if pairs:
        verdict = Verdict.CONFLICT
    elif gone:
        verdict = Verdict.REVISED
    elif len(counted) <= 1:
        verdict = Verdict.SINGLE
    else:
        verdict = Verdict.AGREE
    text = _explanation(verdict, label, members, gone, pairs, consensus, outliers, names)
    return FactJudgement(
        verdict=verdict,
        explanation=text,
        pairs=tuple(pairs),
        revised=tuple(sorted(gone)),
        consensus_low=None if consensus is None or math.isinf(consensus[0]) else consensus[0],
        consensus_high=None if consensus is None or math.isinf(consensus[1]) else consensus[1],
        severity=max((p.severity for p in pairs), default=0.0),
    )


def _consensus(compared: Sequence[AssertionView]) -> tuple[float, float] | None:
    readings = [read(a) for a in compared]
    return _intersection([r.nominal for r in readings]) or _intersection(
        [r.tolerant for r in readings]
    )


def _explanation(
    verdict: Verdict,
    label: str,
    members: Sequence[AssertionView],
    gone: set[int],
    pairs: Sequence[AssertionPair],
    consensus: tuple[float, float] | None,
    outliers: Sequence[AssertionView],
    names: NameOf,
) -> str:
    unit = unit_base(members[0].unit)[1]
    shown = [a for a in sorted(members, key=recency) if a.id not in gone]
    listing = explain.list_figures(
        [(explain.describe_figure(a), explain.who(a, names)) for a in shown if a not in outliers]
    )
    agreed = f"; consensus {explain.describe_interval(*consensus, unit)}" if consensus else ""
    sources = len({a.source_id for a in members})
    if verdict is Verdict.CONFLICT:
        count = explain.plural(len(pairs), "incompatible pair")
        text = f"Sources disagree on {label} ({count} of figures); widest gap: {pairs[0].reason}."
    elif verdict is Verdict.REVISED:
        text = _revisions(members, gone, names)
        if len({speaker(a) for a in shown}) > 1:
            text = f"{text} The standing figures agree: {listing}{agreed}."
        return text + _forecast_note(outliers, names)
    elif verdict is Verdict.SINGLE:
        agreed = agreed if len(shown) - len(outliers) > 1 else ""
        text = f"Only one source reports {label}: {listing}{agreed}."
    else:
        figures = explain.plural(len(shown) - len(outliers), "figure")
        text = f"{figures} from {sources} sources agree on {label}: {listing}{agreed}."
    if gone:
        text = f"{text} {_revisions(members, gone, names)}"
    return text + _forecast_note(outliers, names)


def _revisions(members: Sequence[AssertionView], gone: set[int], names: NameOf) -> str:
    sentences = []
    for chain in _chains(members).values():
        old = [a for a in chain if a.id in gone]
        if old:
            sentences.append(
                f"{explain.speaker_name(chain[-1], names)} revised its figure from "
                f"{explain.describe_figure(old[0])} to {explain.describe_figure(chain[-1])}."
            )
    text = " ".join(sentences)
    return text[:1].upper() + text[1:]


def _forecast_note(outliers: Sequence[AssertionView], names: NameOf) -> str:
    if not outliers:
        return ""
    listed = explain.list_figures(
        [(explain.describe_value(f), explain.who(f, names)) for f in outliers]
    )
    noun = "A forecast" if len(outliers) == 1 else "Forecasts"
    verb = "is" if len(outliers) == 1 else "are"
    return f" {noun} of {listed} {verb} not compared with the reports."


def containment_violations(
    inner: Sequence[AssertionView],
    outer: Sequence[AssertionView],
    name_of: NameOf | None = None,
) -> list[AssertionPair]:
    """Pairs where a figure for a place exceeds a same-time figure for a place containing it.

    `inner` and `outer` are the members of two facts of one quantity and subject whose
    locations nest (see `facts.containment_candidates`). Only standing reports are checked
    (no superseded figures, no forecasts), and only pairs whose reference dates lie within
    `CONTAINMENT_WINDOW` (or are unknown). A pair is a violation when even the lowest value
    the inner figure allows exceeds the highest the outer one allows.
    """
    names = name_of or key_to_name
    out: list[AssertionPair] = []
    for part in _standing_reports(inner):
        for whole in _standing_reports(outer):
            rp, rw = read(part), read(whole)
            if rp.tolerant[0] <= rw.tolerant[1] or not _same_time(part, whole):
                continue
            where_part = names(part.location) if part.location else "a part"
            where_whole = names(whole.location) if whole.location else "the whole"
            reason = (
                f"{explain.who(part, names)}: {explain.describe_figure(part)} in {where_part} "
                f"exceeds {explain.who(whole, names)}: {explain.describe_figure(whole)} in "
                f"{where_whole}, which contains it"
            )
            severity = _severity(rp.tolerant, rw.tolerant)
            out.append(AssertionPair(a=part.id, b=whole.id, reason=reason, severity=severity))
    return sorted(out, key=lambda p: (-p.severity, p.a, p.b))


def _standing_reports(members: Sequence[AssertionView]) -> list[AssertionView]:
    gone = superseded_ids(members)
    return sorted(
        (a for a in members if a.id not in gone and not a.is_forecast), key=lambda a: a.id
    )


def _same_time(a: AssertionView, b: AssertionView) -> bool:
    da, db = reference_date(a), reference_date(b)
    return da is None or db is None or abs(da - db) <= CONTAINMENT_WINDOW
