"""How one fact family's figures split into facts: time, scale, forecasts, lost attribution.

The rules are documented in `facts.py` (steps 2-4); this module holds their mechanics so
`facts.py` keeps families, slots, keys and containment.
"""

from __future__ import annotations

import datetime as dt
import math

from service.domain.model import AssertionView
from service.domain.tolerance import (
    CompatibleCount,
    compatible,
    latest_by_speaker,
    quantity_kind,
    reference_date,
    speaker,
    unit_base,
)

RUNNING_WINDOW = dt.timedelta(days=30)
SCALE_GAP = 20.0
EVENT_LOOKBACK = dt.timedelta(days=3)


def is_event_bound(quantity: str) -> bool:
    """True for quantities counted per event (crowds, votes), split by day."""
    return quantity_kind(quantity) == "event"


def span(cluster: list[AssertionView]) -> tuple[dt.date, dt.date] | None:
    days = days_of(cluster)
    return (min(days), max(days)) if days else None


def near(
    a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None, window: dt.timedelta
) -> bool:
    if a is None or b is None:
        return True
    return a[0] - window <= b[1] and b[0] - window <= a[1]


def split_by_time(
    members: list[AssertionView],
) -> list[tuple[dt.date | None, list[AssertionView]]]:
    event_bound = is_event_bound(members[0].quantity)
    dated: list[tuple[dt.date, AssertionView]] = []
    floating: list[AssertionView] = []  # undated event figures placed after the dated ones
    undated: list[AssertionView] = []
    for a in members:
        if event_bound and a.as_of is None and a.published_at is not None:
            floating.append(a)
        else:
            day = reference_date(a)
            if day is None:
                undated.append(a)
            else:
                dated.append((day, a))
    window = dt.timedelta(0) if event_bound else RUNNING_WINDOW
    clusters = _single_linkage(dated, window)
    # Spans come from the dated figures only, so where one undated figure lands never
    # depends on where another landed (order independence).
    spans = [(min(days), max(days), c) for days, c in ((days_of(c), c) for _, c in clusters)]
    unplaced: list[tuple[dt.date, AssertionView]] = []
    for a in floating:
        published = a.published_at.date() if a.published_at else dt.date.min
        homes = [s for s in spans if s[0] <= published and s[1] >= published - EVENT_LOOKBACK]
        if homes:
            max(homes, key=lambda s: s[1])[2].append(a)
        else:
            unplaced.append((published, a))
    clusters += _single_linkage(unplaced, EVENT_LOOKBACK)
    clusters.sort(key=lambda c: (c[0], c[1][0].id))
    if undated:
        if clusters:
            clusters[-1][1].extend(undated)
        else:
            return [(None, undated)]
    return [(anchor, cluster) for anchor, cluster in clusters]


def _single_linkage(
    dated: list[tuple[dt.date, AssertionView]], window: dt.timedelta
) -> list[tuple[dt.date, list[AssertionView]]]:
    clusters: list[tuple[dt.date, list[AssertionView]]] = []
    last: dt.date | None = None
    last_month: tuple[int, int, bool] | None = None  # of the cluster's latest month figure
    for day, a in sorted(dated, key=lambda item: (item[0], item[1].id)):
        month = month_of(a)
        if last is None or day - last > window or other_month(month, last_month):
            # "784,300 in September" and "790,100 in August" are two monthly statistics,
            # whatever the months' lengths
            clusters.append((day, []))
            last_month = None
        clusters[-1][1].append(a)
        last = day
        last_month = month or last_month
    return clusters


def month_of(a: AssertionView) -> tuple[int, int, bool] | None:
    """(year, month, at its end) when a figure's date reads as a whole calendar month: "in
    September" resolves to its first day, a figure *for* a month to its last."""
    day = a.as_of
    if day is None:
        return None
    at_end = (day + dt.timedelta(days=1)).day == 1
    return (day.year, day.month, at_end) if day.day == 1 or at_end else None


def other_month(a: tuple[int, int, bool] | None, b: tuple[int, int, bool] | None) -> bool:
    """Whether two month-dated figures are of different months. Only dates read the same
    way are compared: 31 March beside 1 April is more likely two days of one count."""
    return a is not None and b is not None and a[2] == b[2] and a[:2] != b[:2]


def days_of(cluster: list[AssertionView]) -> list[dt.date]:
    return [d for d in (reference_date(a) for a in cluster) if d is not None]


def _scale_of(a: AssertionView) -> float:
    ends = [abs(v) for v in (a.low, a.high) if v is not None]
    return max(sum(ends) / len(ends), 1.0) if ends else 1.0


def split_by_scale(cluster: list[AssertionView]) -> list[tuple[int, list[AssertionView]]]:
    """Split where sorted sizes jump by more than `SCALE_GAP` (no figure in between).

    Sources disagreeing about one count do not disagree by orders of magnitude; figures
    that far apart count different things (earnings per share beside net income, homes
    destroyed beside homes in the evacuation zone). Each part is tagged with the decade of
    its smallest figure.
    """
    sized = sorted(
        ((_scale_of(a) * unit_base(a.unit)[2], a) for a in cluster),
        key=lambda item: (item[0], item[1].id),
    )
    parts: list[tuple[float, list[AssertionView]]] = []  # (smallest size, figures)
    previous = 0.0
    for size, a in sized:
        if not parts or size > previous * SCALE_GAP:
            parts.append((size, []))
        parts[-1][1].append(a)
        previous = size
    return [(math.floor(math.log10(max(smallest, 1e-300))), p) for smallest, p in parts]


def split_forecasts(
    cluster: list[AssertionView],
) -> tuple[list[AssertionView], list[AssertionView]]:
    """(the fact's figures, forecasts that stand apart as a fact of their own).

    A forecast stays with the reports when every speaker's latest report allows its value
    ("approximately 5,000 expected to join" beside "at least 1,500 already there"); one the
    reports exclude describes another, future state ("70% containment by Sunday" beside 40%
    today) and forms its own fact.
    """
    reports = [a for a in cluster if not a.is_forecast]
    if not reports:
        return cluster, []
    latest = list(latest_by_speaker(reports).values())
    kept: list[AssertionView] = []
    apart: list[AssertionView] = []
    for a in cluster:
        fits = not a.is_forecast or all(compatible(a, r) for r in latest)
        (kept if fits else apart).append(a)
    return kept, apart


def split_rival_forecasts(
    forecasts: list[AssertionView],
) -> list[tuple[str, list[AssertionView]]]:
    """(key suffix, figures): forecasts of one fact that no value reconciles part ways.

    Forecasts standing apart from the reports name a future state whose scenario and horizon
    are mostly left unsaid ("thousands could be deployed", "a total of 12,000 could be
    involved"): two forecasters' incompatible forecasts more often describe two scenarios
    than one disputed fact, and nothing can be checked until one comes true. Forecasts join
    when compatible or from one speaker (a forecaster revising itself stays one fact); each
    connected set is a fact, the one holding the first figure keeps the key, the others are
    keyed `#f<first member id>`.
    """
    ordered = sorted(forecasts, key=lambda a: a.id)
    root = list(range(len(ordered)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for i, a in enumerate(ordered):
        for j in range(i):
            b = ordered[j]
            if speaker(a) == speaker(b) or compatible(a, b):
                root[find(i)] = find(j)
    parts: dict[int, list[AssertionView]] = {}
    for i, a in enumerate(ordered):
        parts.setdefault(find(i), []).append(a)
    return [("" if not k else f"#f{p[0].id}", p) for k, p in enumerate(parts.values())]


def split_unattributed(
    cluster: list[AssertionView],
) -> list[tuple[str, list[AssertionView]]]:
    """(key suffix, figures): one article's incompatible unattributed figures part ways.

    An article does not contradict itself on one day without saying who says what: two
    incompatible figures it states for the same reference date, neither attributed, count
    different things extraction could not tell apart ("nine members voted for, three
    dissented"). The one agreeing with most of the fact's other figures (then the first stated)
    stays, and so does every figure another source also allows (a contested value of this
    fact whose attribution was lost: police 48,000 and organisers 61,000); the others form
    facts of their own, keyed `#x<first member id>`.
    """
    by_day: dict[tuple[int, dt.date | None], list[AssertionView]] = {}
    for a in cluster:
        if a.attributor is None and a.attributed_to is None:
            by_day.setdefault((a.source_id, reference_date(a)), []).append(a)
    gone: list[AssertionView] = []
    agreement: _Agreement | None = None
    for same in sorted(by_day.values(), key=lambda group: group[0].id):
        if len(same) < 2:
            continue
        agreement = agreement or _Agreement(cluster)
        source = same[0].source_id
        keeper = max(same, key=lambda a: (agreement.outside(a, same), -a.id))
        gone.extend(
            a for a in same if not compatible(a, keeper) and not agreement.elsewhere(a, source)
        )
    if not gone:
        return [("", cluster)]
    parts: list[list[AssertionView]] = []
    for a in sorted(gone, key=lambda x: x.id):
        home = next((p for p in parts if all(compatible(a, b) for b in p)), None)
        if home is None:
            parts.append([a])
        else:
            home.append(a)
    ids = {a.id for a in gone}
    kept = [a for a in cluster if a.id not in ids]
    return [("", kept)] + [(f"#x{p[0].id}", p) for p in parts]


class _Agreement:
    """Which figures of a cluster allow a figure, counted by `CompatibleCount` when exact."""

    def __init__(self, cluster: list[AssertionView]) -> None:
        self.cluster = cluster
        self.count = CompatibleCount(cluster)
        self.by_source: dict[int, list[AssertionView]] = {}
        for a in cluster:
            self.by_source.setdefault(a.source_id, []).append(a)

    def outside(self, a: AssertionView, same: list[AssertionView]) -> int:
        """How many figures of the cluster outside `same` are compatible with `a`."""
        if self.count.exact:  # `same` holds every copy of its figures (one source and day)
            return self.count(a) - sum(compatible(a, b) for b in same)
        inside = set(same)
        return sum(compatible(a, b) for b in self.cluster if b not in inside)

    def elsewhere(self, a: AssertionView, source: int) -> bool:
        """Whether a figure of another source is compatible with `a`."""
        if self.count.exact:
            return self.count(a) > sum(compatible(a, b) for b in self.by_source[source])
        return any(compatible(a, b) for b in self.cluster if b.source_id != source)
