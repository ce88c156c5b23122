"""Which assertions speak about the same measurable fact.

A fact is one quantity of one subject at one place over one stretch of time ("North Korean
troops in Kursk, late October 2024"). Grouping runs in two steps:

1. **Family** (`family_key`): canonical quantity + unit dimension + subject + location.
   Units are converted to a base unit per dimension (mi2, acres, ha -> km2; mi -> km; lb, t ->
   kg), so a wildfire in acres and one in km2 land in one family while its containment in %
   does not. Currencies are not converted (no exchange rates in a pure core): USD and EUR
   figures are different families. The service stores the key on every assertion row.

   Forecasts ("expected to join", "could reach") share the family of the reports of the same
   quantity: a forecast is a statement about the same measurable thing at a later time, and a
   reader checking "troops in Kursk" wants the expectation beside the sightings. What keeps
   them apart is the verdict logic (`verdicts.py`): a forecast never conflicts with a report
   and never narrows the consensus; it only counts as agreeing when it is compatible.

2. **Time** (`group_facts`): a family is split where its figures are far apart in time, so
   "31,000 soldiers killed as of early 2023" and a 2024 toll are different facts while a death
   toll revised over three days stays one fact. Each figure's *reference date* is its `as_of`,
   else its publication date (an undated figure in an article is read as current when
   written). Dated figures are clustered by single linkage: sorted by date, a new fact starts
   where the gap to the previous figure exceeds the quantity's window:

   | quantity kind                                 | window  | why                            |
   |-----------------------------------------------|---------|--------------------------------|
   | event-bound (protesters, turnout, votes, ...) | 0 days  | each gathering is its own event |
   | everything else (tolls, troops, areas, money) | 30 days | a running count gets revised    |

   (A rally and a vigil the evening before never merge; a death toll revised over a news
   cycle stays one fact.)

   For event-bound quantities an undated figure refers to an event at or shortly before its
   publication: it joins the latest dated event in [published - 3 days, published], and only
   forms its own fact when there is none. Figures with neither `as_of` nor a publication date
   join the family's latest fact (or form an "undated" fact when the family has no dates).

The fact key is `<family key>@<earliest reference date>` (or `@undated`): deterministic, the
same whatever order the assertions arrive in, and untouched when an unrelated source (another
family) is added or removed. Containment (Kursk lies in Russia) never merges facts; it is a
check between facts, see `containment_candidates` and `verdicts.containment_violations`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import msgspec

from service.domain.explain import NameOf, fact_label, key_to_name
from service.domain.model import AssertionView, ExtractedAssertion

Contains = Callable[[str, str], bool]

# unit code -> (dimension, base unit, factor to the base unit). Codes are extraction's
# normalised unit codes; a unit not listed is its own dimension (compared only with itself).
_UNITS: dict[str, tuple[str, str, float]] = {
    "km2": ("area", "km2", 1.0),
    "sq km": ("area", "km2", 1.0),
    "m2": ("area", "km2", 1e-6),
    "mi2": ("area", "km2", 2.589988110336),
    "sq mi": ("area", "km2", 2.589988110336),
    "acre": ("area", "km2", 0.0040468564224),
    "acres": ("area", "km2", 0.0040468564224),
    "ha": ("area", "km2", 0.01),
    "hectares": ("area", "km2", 0.01),
    "km": ("length", "km", 1.0),
    "m": ("length", "km", 1e-3),
    "cm": ("length", "km", 1e-5),
    "mm": ("length", "km", 1e-6),
    "mi": ("length", "km", 1.609344),
    "ft": ("length", "km", 0.0003048),
    "yd": ("length", "km", 0.0009144),
    "kg": ("mass", "kg", 1.0),
    "g": ("mass", "kg", 1e-3),
    "t": ("mass", "kg", 1e3),
    "tonnes": ("mass", "kg", 1e3),
    "lb": ("mass", "kg", 0.45359237),
    "l": ("volume", "l", 1.0),
    "m3": ("volume", "l", 1e3),
    "gal": ("volume", "l", 3.785411784),
    "km/h": ("speed", "km/h", 1.0),
    "mph": ("speed", "km/h", 1.609344),
}

# Quantities counted per event: figures on different days are different facts.
_EVENT_BOUND = frozenset(
    {
        "protesters",
        "turnout",
        "votes",
        "attendance",
        "attendees",
        "participants",
        "crowd",
        "spectators",
        "marchers",
        "demonstrators",
    }
)
_RUNNING_WINDOW = dt.timedelta(days=30)
_EVENT_LOOKBACK = dt.timedelta(days=3)


class FactGroup(msgspec.Struct, frozen=True, kw_only=True):
    """One fact: the assertions that speak about it and how to name it.

    `unit` is the family's base unit (None for counts); `first_date`/`last_date` span the
    members' reference dates (None when undated).
    """

    key: str
    family: str
    label: str
    quantity: str
    unit: str | None
    subject: str | None
    location: str | None
    member_ids: tuple[int, ...]
    first_date: dt.date | None = None
    last_date: dt.date | None = None


def unit_base(unit: str | None) -> tuple[str, str | None, float]:
    """(dimension, base unit, factor) for a unit code; counts are ("count", None, 1.0)."""
    if unit is None or unit == "":
        return ("count", None, 1.0)
    known = _UNITS.get(unit) or _UNITS.get(unit.lower())
    if known is not None:
        return known
    return (unit, unit, 1.0)


def family_key(a: AssertionView | ExtractedAssertion) -> str:
    """The stable index of candidate facts: quantity|dimension|subject|location."""
    dimension = unit_base(a.unit)[0]
    quantity = " ".join(a.quantity.lower().split())
    return f"{quantity}|{dimension}|{a.subject or '-'}|{a.location or '-'}"


def reference_date(a: AssertionView) -> dt.date | None:
    """The date a figure refers to: `as_of`, else its publication date, else None."""
    if a.as_of is not None:
        return a.as_of
    if a.published_at is not None:
        return a.published_at.date()
    return None


def is_event_bound(quantity: str) -> bool:
    """True for quantities counted per event (crowds, votes), split by day."""
    return quantity.lower().strip() in _EVENT_BOUND


def group_facts(
    assertions: Sequence[AssertionView], name_of: NameOf | None = None
) -> list[FactGroup]:
    """Group assertions into facts (family, then time); sorted by key, order-independent."""
    names = name_of or key_to_name
    families: dict[str, list[AssertionView]] = {}
    for a in sorted(assertions, key=lambda x: x.id):
        families.setdefault(family_key(a), []).append(a)
    groups: list[FactGroup] = []
    for family, members in families.items():
        clusters = _split_by_time(members)
        for anchor, cluster in clusters:
            groups.append(_make_group(family, anchor, cluster, names))
    return sorted(groups, key=lambda g: g.key)


def _split_by_time(
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
    window = dt.timedelta(0) if event_bound else _RUNNING_WINDOW
    clusters = _single_linkage(dated, window)
    # Spans come from the dated figures only, so where one undated figure lands never
    # depends on where another landed (order independence).
    spans = [(min(_days(c)), max(_days(c)), c) for _, c in clusters]
    unplaced: list[tuple[dt.date, AssertionView]] = []
    for a in floating:
        published = a.published_at.date() if a.published_at else dt.date.min
        homes = [s for s in spans if s[0] <= published and s[1] >= published - _EVENT_LOOKBACK]
        if homes:
            max(homes, key=lambda s: s[1])[2].append(a)
        else:
            unplaced.append((published, a))
    clusters += _single_linkage(unplaced, _EVENT_LOOKBACK)
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
    for day, a in sorted(dated, key=lambda item: (item[0], item[1].id)):
        if last is None or day - last > window:
            clusters.append((day, []))
        clusters[-1][1].append(a)
        last = day
    return clusters


def _days(cluster: list[AssertionView]) -> list[dt.date]:
    return [d for d in (reference_date(a) for a in cluster) if d is not None]


def _make_group(
    family: str, anchor: dt.date | None, cluster: list[AssertionView], names: NameOf
) -> FactGroup:
    first = cluster[0]
    days = sorted(d for d in (reference_date(a) for a in cluster) if d is not None)
    base_unit = unit_base(first.unit)[1]
    label = fact_label(
        " ".join(first.quantity.split()),
        first.subject,
        first.location,
        names,
        forecast_only=all(a.is_forecast for a in cluster),
    )
    if is_event_bound(first.quantity) and days:
        label = f"{label} on {days[0].isoformat()}"
    return FactGroup(
        key=f"{family}@{anchor.isoformat() if anchor else 'undated'}",
        family=family,
        label=label,
        quantity=" ".join(first.quantity.split()),
        unit=base_unit,
        subject=first.subject,
        location=first.location,
        member_ids=tuple(sorted(a.id for a in cluster)),
        first_date=days[0] if days else None,
        last_date=days[-1] if days else None,
    )


def members_of(group: FactGroup, assertions: Iterable[AssertionView]) -> list[AssertionView]:
    """The assertions of `group` among `assertions`, by id."""
    wanted = set(group.member_ids)
    return sorted((a for a in assertions if a.id in wanted), key=lambda a: a.id)


def containment_candidates(
    groups: Sequence[FactGroup], contains: Contains
) -> list[tuple[FactGroup, FactGroup]]:
    """(inner, outer) fact pairs where the inner place lies in the outer one.

    Same quantity, unit and subject; the outer location contains the inner one, or the outer
    fact has no location at all (a national or overall total bounds every part of it); and the
    two facts' date spans lie within the running window of each other.
    """
    pairs: list[tuple[FactGroup, FactGroup]] = []
    for inner in groups:
        if inner.location is None:
            continue
        for outer in groups:
            if outer is inner or (outer.quantity, outer.unit, outer.subject) != (
                inner.quantity,
                inner.unit,
                inner.subject,
            ):
                continue
            inside = outer.location is None or (
                outer.location != inner.location and contains(outer.location, inner.location)
            )
            if inside and _spans_meet(inner, outer):
                pairs.append((inner, outer))
    return sorted(pairs, key=lambda p: (p[0].key, p[1].key))


def _spans_meet(a: FactGroup, b: FactGroup) -> bool:
    if None in (a.first_date, a.last_date, b.first_date, b.last_date):
        return True
    assert a.first_date and a.last_date and b.first_date and b.last_date  # narrowed above
    return (
        a.first_date - _RUNNING_WINDOW <= b.last_date
        and b.first_date - _RUNNING_WINDOW <= a.last_date
    )
