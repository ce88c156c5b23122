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
else its source plus the quoted name. An unattributed figure speaks for itself alone: two
different unattributed figures in one article are two claims whose sources were not named
(measured on the gold corpus, this beats reading them as the article revising itself).

**Superseded figures** no longer stand; they are listed in `revised`, never paired in
conflicts. Figures are ordered by reference date (`as_of`, else publication date), then
publication time, then size (running counts are mostly revised upwards), then id.
- *Revision:* a figure is superseded by a later figure of the same speaker that allows a
  value it excluded: "as many as 3,000" then "up to 10,000", or 1,850 then "more than 2,000".
  A later figure inside the earlier one restates or sharpens it: "more than 150" then "more
  than 400", or "more than 23,000" then 26,950, are no revision.
- *Overtaken:* a report is superseded by an incompatible report of another speaker dated on a
  later day when the quantity's kind explains the change (`tolerance.py`): a tally (death
  toll, area burned, containment) that is higher later, or a level (a rate, a price, a head
  count of a current state: missing, trapped, evacuated, in shelters) either way. Figures of
  different days are not "for the same time", so a running count updated by a later figure
  is no conflict, whoever gives it. A later *lower* tally, or a fixed quantity (magnitude,
  revenue), stays a conflict: a toll of 12,000 on Monday and of 10,000 on Thursday cannot
  both be right; the pair's reason says so. The explanation names the overtaken figures
  with their dates and the latest standing report they gave way to.

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

from service.domain import explain
from service.domain.explain import NameOf, key_to_name
from service.domain.model import AssertionPair, AssertionView, FactJudgement, Verdict
from service.domain.supersession import Figures, same_figure
from service.domain.tolerance import (
    Reading,
    compatible,
    is_standing,
    latest_by_speaker,
    meet,
    never_changes,
    quantity_kind,
    read,
    reference_date,
    rounding,
    speaker,
    unit_base,
)

CONTAINMENT_WINDOW = dt.timedelta(days=30)

__all__ = [
    "compatible",
    "containment_violations",
    "judge",
    "latest_by_attributor",
    "read",
    "rounding",
    "same_figure",
    "speaker",
    "superseded_ids",
]


def superseded_ids(group: Sequence[AssertionView]) -> set[int]:
    """Ids of figures that no longer stand (see the module docstring)."""
    return Figures(group).superseded()


def latest_by_attributor(group: Sequence[AssertionView]) -> dict[str, AssertionView]:
    """Each speaker's latest figure (reports preferred over forecasts), keyed by speaker."""
    return latest_by_speaker(list(group))


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


def _pair(a: AssertionView, b: AssertionView, figures: Figures) -> AssertionPair:
    ra, rb = figures.reading[id(a)], figures.reading[id(b)]
    if ra.tolerant[0] < rb.tolerant[0]:  # the higher figure is named first
        a, b, ra, rb = b, a, rb, ra
    reason = (
        f"{figures.who(a)}: {explain.describe_with_tolerance(a, *ra.own_tolerant)} vs "
        f"{figures.who(b)}: {explain.describe_with_tolerance(b, *rb.own_tolerant)}; "
        "no common value"
    )
    reason += _why_no_update(a, b, figures)
    return AssertionPair(
        a=a.id, b=b.id, reason=reason, severity=_severity(ra.tolerant, rb.tolerant)
    )


def _why_no_update(a: AssertionView, b: AssertionView, figures: Figures) -> str:
    """Why two figures of different days still conflict rather than one updating the other:
    what is counted does not change over time, or the later count of a tally is lower."""
    day_a, day_b = figures.day[id(a)], figures.day[id(b)]
    if day_a is None or day_b is None or day_a == day_b:
        return ""
    (later, on), (earlier, first) = sorted(((a, day_a), (b, day_b)), key=lambda x: x[1])[::-1]
    before = first.isoformat()
    if never_changes(a.quantity):
        return " (this does not change over time, so a later figure cannot update it)"
    kind = quantity_kind(a.quantity)
    lower = figures.reading[id(later)].tolerant[1] < figures.reading[id(earlier)].tolerant[0]
    if kind != "tally" or not lower:
        return ""
    told = f" (the later figure, of {on.isoformat()}, is below the earlier one of {before}"
    if is_standing(a.quantity):  # troops can be withdrawn: say how the drop is read instead
        return (
            f"{told}: numbers deployed can fall, but another source's lower count a few days"
            " later is read as a disagreement, not as a drawdown)"
        )
    return f"{told}: a running total only goes up, so the lower figure cannot be an update)"


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
    figures = Figures(members, names)
    own = figures.revised_by_speaker()
    gone = own | figures.outdated()
    standing = [a for a in members if a.id not in gone]
    pairs = sorted(
        (_pair(a, b, figures) for a, b in figures.conflicting(standing)),
        key=lambda p: (-p.severity, p.a, p.b),
    )
    reports = [a for a in standing if not a.is_forecast]
    compared = reports or standing
    report_ranges = [figures.reading[id(r)].tolerant for r in reports]
    outliers = [
        f
        for f in standing
        if f.is_forecast
        and reports
        and not all(meet(figures.reading[id(f)].tolerant, r) for r in report_ranges)
    ]
    counted = {a.source_id for a in members if not a.is_forecast or not reports}
    counted |= {f.source_id for f in standing if f.is_forecast and f not in outliers}
    consensus = None if pairs else _consensus([figures.reading[id(a)] for a in compared])
    if pairs:
        verdict = Verdict.CONFLICT
    elif gone:
        verdict = Verdict.REVISED
    elif len(counted) <= 1:
        verdict = Verdict.SINGLE
    else:
        verdict = Verdict.AGREE
    text = _explanation(verdict, label, figures, (gone, own), pairs, consensus, outliers)
    return FactJudgement(
        verdict=verdict,
        explanation=text,
        pairs=tuple(pairs),
        revised=tuple(sorted(gone)),
        consensus_low=None if consensus is None or math.isinf(consensus[0]) else consensus[0],
        consensus_high=None if consensus is None or math.isinf(consensus[1]) else consensus[1],
        severity=max((p.severity for p in pairs), default=0.0),
    )


def _consensus(readings: Sequence[Reading]) -> tuple[float, float] | None:
    return _intersection([r.nominal for r in readings]) or _intersection(
        [r.tolerant for r in readings]
    )


def _explanation(
    verdict: Verdict,
    label: str,
    figures: Figures,
    superseded: tuple[set[int], set[int]],
    pairs: Sequence[AssertionPair],
    consensus: tuple[float, float] | None,
    outliers: Sequence[AssertionView],
) -> str:
    """`superseded` is (every superseded id, those revised by their own speaker)."""
    gone = superseded[0]
    members = figures.members
    unit = unit_base(members[0].unit)[1]
    shown = [a for a in figures.by_recency if a.id not in gone]
    apart = set(outliers)
    listing = explain.list_figures(
        [(explain.describe_figure(a), figures.who(a)) for a in shown if not apart or a not in apart]
    )
    agreed = f"; consensus {explain.describe_interval(*consensus, unit)}" if consensus else ""
    sources = len({a.source_id for a in members})
    if verdict is Verdict.CONFLICT:
        count = explain.plural(len(pairs), "incompatible pair")
        text = f"Sources disagree on {label} ({count} of figures); widest gap: {pairs[0].reason}."
    elif verdict is Verdict.REVISED:
        text = _revisions(figures, *superseded)
        if len({figures.speaker[id(a)] for a in shown}) > 1:
            text = f"{text} The standing figures agree: {listing}{agreed}."
        return text + _forecast_note(outliers, figures)
    elif verdict is Verdict.SINGLE:
        agreed = agreed if len(shown) - len(outliers) > 1 else ""
        text = f"Only one source reports {label}: {listing}{agreed}."
    else:
        count = explain.plural(len(shown) - len(outliers), "figure")
        text = f"{count} from {sources} sources agree on {label}: {listing}{agreed}."
    if gone:
        text = f"{text} {_revisions(figures, *superseded)}"
    return text + _forecast_note(outliers, figures)


def _revisions(figures: Figures, gone: set[int], own: set[int]) -> str:
    """One sentence: who revised what, then which counts later counts overtook."""
    changes: list[str] = []
    for chain in figures.chains().values():
        old = [a for a in chain if a.id in own]
        if old:
            changes.append(
                f"{explain.speaker_name(chain[-1], figures.names)}"
                f"{' revised its figure' if not changes else ''} from "
                f"{explain.describe_figure(old[0])} to {explain.describe_figure(chain[-1])}"
            )
    text = ", and ".join(changes)
    overtaken = [a for a in figures.by_recency if a.id in gone - own]
    if overtaken:
        listed = explain.list_figures(
            [(explain.describe_figure(a), _who_when(a, figures)) for a in overtaken]
        )
        verb = "was" if len(overtaken) == 1 else "were"
        text = f"{text}; " if text else ""
        text += f"{listed} {verb} overtaken by a later count"
        latest = _latest_report(figures, gone)
        if latest is not None:
            text += f", latest {explain.describe_figure(latest)} ({_who_when(latest, figures)})"
    return f"{text[:1].upper()}{text[1:]}."


def _latest_report(figures: Figures, gone: set[int]) -> AssertionView | None:
    """The most recent standing report: what the overtaken counts gave way to."""
    for a in reversed(figures.by_recency):
        if a.id not in gone and not a.is_forecast:
            return a
    return None


def _who_when(a: AssertionView, figures: Figures) -> str:
    day = figures.day[id(a)]
    return f"{figures.who(a)}, {day.isoformat()}" if day else figures.who(a)


def _forecast_note(outliers: Sequence[AssertionView], figures: Figures) -> str:
    if not outliers:
        return ""
    listed = explain.list_figures([(explain.describe_value(f), figures.who(f)) for f in outliers])
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
    wholes = _standing_reports(outer)
    for part in _standing_reports(inner):
        for whole in wholes:
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
