"""Which assertions speak about the same measurable fact.

A fact is one quantity of one subject at one place over one stretch of time ("North Korean
troops in Kursk, late October 2024"). Extraction names subjects and places imperfectly (a
figure without its place, a ministry as the subject of a death toll, the province in one
article and the country in the next), so grouping runs in five steps:

1. **Family** (`family_key`): canonical quantity + unit dimension + *anchor*: the subject's
   country (the subject itself when its country is unknown), else the location's country (or
   the location), else "-". A subject that is the figure's own attributor is ignored here and
   below: a body is rarely what its own figure counts ("the ministry said 3,100 died").
   The family is the cheap, stable index the service stores on every assertion row and
   reloads on a change; keying it by country keeps a province's and its country's figures,
   and figures with and without a place, together, while a big corpus still spreads over
   quantity x country. `country_of` must be the same callable at ingest and at regrouping.
   Units are converted to a base unit per dimension (`units.to_base`: mi2, acres, ha ->
   km2; mi -> m), so a wildfire in acres and one in km2 land in one family while its
   containment in % does not. Currencies are not converted (no exchange rates in a pure
   core): USD and EUR figures are different families. Forecasts ("expected to join") share
   the family of the reports of the same quantity; step 4 decides whether they join a fact.

2. **Slots** (`group_facts`): within a family, the figures of one (subject, location) pair
   form a slot, split in time as in step 3. A slot *covers* a more precise one when each of
   its fields is unknown or equal, or its place contains the other's (`contains`). A slot's
   stretch of figures joins the one more precise slot that it covers and that meets it in
   time, when there is exactly one such slot at the finest level ("troops" of North Korea
   without a place join "North Korean troops in Russia" only when no other place is named
   for them in that stretch; with Kursk and Vladivostok also named it stays apart: ambiguous)
   and some value is possible for both (a vague figure contradicting everything said about
   the one named fact more likely counts something else: a total, an earlier event).
   A whole place joins a site inside it only on evidence: some report states the same figure
   for the whole as another states for the site ("2,600 killed in Turkey", "2,600 killed in
   Van"): a part and its whole seldom share a count, so 10,000 troops in a country
   and 1,500 in one region stay two facts, checked against each other by
   `containment_candidates` and `verdicts.containment_violations`.

3. **Time** (`fact_splits.split_by_time`): a fact is split where its figures are far apart
   in time, so "31,000 soldiers killed as of early 2023" and a 2024 toll are different facts
   while a death toll revised over three days stays one fact. Each figure's *reference date*
   is its `as_of`, else its publication date (an undated figure in an article is read as
   current when written). Dated figures are clustered by single linkage: sorted by date, a
   new fact starts where the gap to the previous figure exceeds the quantity's window:

   | quantity kind                                 | window  | why                            |
   |-----------------------------------------------|---------|--------------------------------|
   | event-bound (protesters, turnout, votes, ...) | 0 days  | each gathering is its own event |
   | everything else (tolls, troops, areas, money) | 30 days | a running count gets revised    |

   For event-bound quantities an undated figure refers to an event at or shortly before its
   publication: it joins the latest dated event in [published - 3 days, published], and only
   forms its own fact when there is none. Figures with neither `as_of` nor a publication date
   join the latest fact (or form an "undated" fact when there are no dates).

   Within one stretch of time, figures are also split where their sorted sizes jump by more
   than `SCALE_GAP` (20x) with nothing in between (`split_by_scale`): sources disagreeing
   about one count do not disagree by orders of magnitude ("$1.48 a share" beside "$612
   million"). Such parts get the key suffix `#e<decade of their smallest figure>`.

4. **Forecasts** (`split_forecasts`): a forecast stays in the reports' fact when every
   speaker's latest report allows its value ("approximately 5,000 expected to join" beside
   "at least 1,500 already there"). A forecast the reports exclude ("70% containment by
   Sunday" beside 40% today) forms a fact of its own (key suffix `~forecast`). Either way a
   forecast never conflicts with a report (`verdicts.py`).

5. **Lost attribution** (`split_unattributed`): an article does not contradict itself on one
   day without saying who says what, so its incompatible unattributed figures for one
   reference date count different things ("nine members voted for, three dissented"): the
   one agreeing with most other figures stays, and so does any figure another source also
   allows; the rest form facts of their own (key suffix `#x<first member id>`).

The fact key is `<family key>|<subject>|<location>@<earliest reference date>` (or
`@undated`), plus the suffixes above, with the slot's (most precise) subject and location:
deterministic, the same whatever order the assertions arrive in, and untouched when a
source of another family is added or removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import msgspec

from service.domain.explain import NameOf, apart_label, fact_label, format_number, key_to_name
from service.domain.fact_splits import (
    RUNNING_WINDOW,
    is_event_bound,
    near,
    span,
    split_by_scale,
    split_by_time,
    split_forecasts,
    split_rival_forecasts,
    split_unattributed,
)
from service.domain.model import AssertionView, ExtractedAssertion, Qualifier
from service.domain.tolerance import compatible, normal_quantity, reference_date, unit_base

__all__ = [
    "Contains",
    "CountryOf",
    "FactGroup",
    "containment_candidates",
    "family_key",
    "group_facts",
    "is_event_bound",
    "members_of",
    "reference_date",
    "unit_base",
]

Contains = Callable[[str, str], bool]


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
    # True for forecasts standing apart from the reports of their family (key ends "~forecast").
    forecast: bool = False


CountryOf = Callable[[str], str | None]
Slot = tuple[str | None, str | None]  # (subject, location) as extraction named them


def _no_country(key: str) -> str | None:
    return None


def family_key(a: AssertionView | ExtractedAssertion, country_of: CountryOf | None = None) -> str:
    """The stable index of candidate facts: quantity|dimension|anchor.

    The anchor is the subject's country (or the subject itself when its country is unknown),
    else the location's country (or the location), else "-"; a subject that is the figure's
    own attributor is ignored (see the module docstring). `country_of` maps an entity key to
    its country's key (None when unknown); without it the keys themselves are used.
    """
    dimension = unit_base(a.unit)[0]
    anchor = _anchor(_subject(a), a.location, country_of) or "-"
    return f"{normal_quantity(a)}|{dimension}|{anchor}"


def _subject(a: AssertionView | ExtractedAssertion) -> str | None:
    # A body is rarely what its own figure counts ("the ministry said 3,100 died").
    return None if a.subject == a.attributor else a.subject


def _anchor(subject: str | None, location: str | None, country_of: CountryOf | None) -> str | None:
    find = country_of or _no_country
    if subject:
        return find(subject) or subject
    return (find(location) if location else None) or location


def group_facts(
    assertions: Sequence[AssertionView],
    name_of: NameOf | None = None,
    *,
    country_of: CountryOf | None = None,
    contains: Contains | None = None,
    family_of: Callable[[AssertionView], str] | None = None,
) -> list[FactGroup]:
    """Group assertions into facts (family, slot, time); sorted by key, order-independent.

    Families are `family_of(a)` when given (the keys stored at ingest), else
    `family_key(a, country_of)`. `contains(outer, inner)` (True when place `inner` lies in
    place `outer`) lets a figure for a whole place meet the figures of the one site inside
    it (see the module docstring); without it places only meet when equal.
    """
    names = name_of or key_to_name
    key_of = family_of or (lambda a: family_key(a, country_of))
    families: dict[str, list[AssertionView]] = {}
    for a in sorted(assertions, key=lambda x: x.id):
        families.setdefault(key_of(a), []).append(a)
    groups: list[FactGroup] = []
    for family, members in families.items():
        for slot, merged in _merge_slots(members, contains or (lambda outer, inner: False)):
            stem = f"{family}|{slot[0] or '-'}|{slot[1] or '-'}"
            for anchor, timed in split_by_time(merged):
                by_scale = split_by_scale(timed)
                for scale, cluster in by_scale:
                    tag = f"#e{scale}" if len(by_scale) > 1 else ""
                    reports, apart = split_forecasts(cluster)
                    parts = [(reports or apart, False)] + (
                        [(apart, True)] if reports and apart else []
                    )
                    groups.extend(
                        _make_group(family, stem, slot, anchor, piece, names, forecasts=f,
                                    tag=tag, apart=extra + rival)
                        for part, f in parts
                        for extra, unattributed in split_unattributed(part)
                        for rival, piece in _rivals(unattributed)
                    )  # fmt: skip
    return _unique_keys(sorted(groups, key=lambda g: g.key))


def _rivals(part: list[AssertionView]) -> list[tuple[str, list[AssertionView]]]:
    """A part of forecasts only splits between rival forecasters (`split_rival_forecasts`)."""
    if any(not a.is_forecast for a in part):
        return [("", part)]
    return split_rival_forecasts(part)


def _unique_keys(groups: list[FactGroup]) -> list[FactGroup]:
    """Fact keys are unique: a (very unlikely) repeated key gets its first member's id."""
    seen: set[str] = set()
    out: list[FactGroup] = []
    for g in groups:
        if g.key in seen:
            g = msgspec.structs.replace(g, key=f"{g.key}+{g.member_ids[0]}")
        seen.add(g.key)
        out.append(g)
    return out


def _covers(general: Slot, specific: Slot, contains: Contains) -> bool:
    """True when `specific` names the same fact more precisely than `general`."""
    if general == specific:
        return False
    subject_ok = general[0] is None or general[0] == specific[0]
    place, site = general[1], specific[1]
    place_ok = place is None or place == site or (site is not None and contains(place, site))
    return subject_ok and place_ok


def _merge_slots(
    members: list[AssertionView], contains: Contains
) -> list[tuple[Slot, list[AssertionView]]]:
    """Join lone site figures to their container, then each vaguer slot to the fact it fits."""
    slots: dict[Slot, list[AssertionView]] = {}
    for a in members:
        slots.setdefault(_slot(a), []).append(a)
    pieces = [
        (slot, cluster)
        for slot in sorted(slots, key=str)
        for _, cluster in split_by_time(slots[slot])
    ]
    window = dt.timedelta(0) if is_event_bound(members[0].quantity) else RUNNING_WINDOW
    spans = [span(c) for _, c in pieces]
    # The covering relation is computed once per pair of slots, not per pair of pieces.
    finer_slots = {a: {b for b in slots if _covers(a, b, contains)} for a in slots}
    pieces_of: dict[Slot, list[int]] = {}
    for index, (slot, _) in enumerate(pieces):
        pieces_of.setdefault(slot, []).append(index)

    def meeting(i: int, candidates: Iterable[Slot]) -> list[int]:
        return [j for s in candidates for j in pieces_of[s] if near(spans[i], spans[j], window)]

    root = list(range(len(pieces)))
    # Rule 2: a site only one source speaks about is checked against its container's fact.
    for i, (slot, cluster) in enumerate(pieces):
        if slot[1] is None or len({a.source_id for a in cluster}) > 1:
            continue
        outer = {s for s in slots if slot in finer_slots[s] and s[0] == slot[0] and s[1]}
        ids = meeting(i, outer)
        near_slots = {pieces[j][0] for j in ids}
        inner = [j for j in ids if not finer_slots[pieces[j][0]] & near_slots]
        whole = pieces[inner[0]][1] if len(inner) == 1 else []
        voices = {b.source_id for b in whole}
        if (
            len(voices) > 1
            and cluster[0].source_id not in voices
            and _numbers(cluster) & _numbers(whole)
            and any(compatible(a, b) for a in cluster for b in whole)
        ):
            root[i] = inner[0]
    joined = [r != i for i, r in enumerate(root)]
    # Rule 1: a vaguer slot joins the outermost fact covering every other candidate (read as
    # the total), else the one finest candidate; lone sites count as their container's fact.
    for i, (slot, cluster) in enumerate(pieces):
        if joined[i]:
            continue
        finer_ids = meeting(i, finer_slots[slot])
        targets = sorted({root[j] for j in finer_ids} - {i})
        wanted = {pieces[j][0] for j in targets}
        top = {s for s in wanted if all(s == w or _covers(s, w, contains) for w in wanted)}
        best = top or {s for s in wanted if not finer_slots[s] & wanted}
        target = [j for j in targets if pieces[j][0] in best]
        finer = [a for j in finer_ids for a in pieces[j][1]]
        if len(best) == 1 and len(target) == 1 and _may_join(slot, best.pop(), finer, cluster):
            root[i] = target[0]
    out: dict[int, list[AssertionView]] = {}
    for i, (_, cluster) in enumerate(pieces):
        j = i
        while root[j] != j:
            j = root[j]
        out.setdefault(j, []).extend(cluster)
    return [(pieces[j][0], sorted(c, key=lambda a: a.id)) for j, c in out.items()]


def _may_join(
    slot: Slot, site: Slot, site_members: list[AssertionView], members: list[AssertionView]
) -> bool:
    """Whether a vaguer slot's figures may join the figures of the one finer slot they fit.

    A figure without a subject or a place joins when some value is possible for both sides
    (one of its figures is compatible with one there): a vague figure that contradicts
    everything said about the one named fact more likely counts something else (a total, or
    an earlier event). A whole place joins a site inside it on stronger evidence: a part and
    its whole seldom share a count, so the same figure stated for each (the same value, or
    the same bound) shows both name one count ("2,600 killed in Turkey" and "2,600 killed in
    Van"); without it they stay apart (see the module docstring).
    """
    if slot[1] is None or slot[1] == site[1]:
        return any(compatible(a, b) for a in members for b in site_members)
    stated = {_statement(a) for a in members} - {None}
    return any(_statement(b) in stated for b in site_members)


def _statement(a: AssertionView) -> tuple[str, float | None, float | None] | None:
    """What a report states, in the base unit ("about 150,000" states what 150,000 does)."""
    if a.is_forecast:
        return None
    factor = unit_base(a.unit)[2]
    low, high = (None if v is None else round(v * factor, 6) for v in (a.low, a.high))
    if a.qualifier in (Qualifier.EXACT, Qualifier.APPROX):
        return ("point", low if low is not None else high, None)
    return (a.qualifier.value, low, high)


def _numbers(members: list[AssertionView]) -> set[float]:
    """The numbers reports state, in the base unit (both ends of a range or bound)."""
    return {
        round(v * unit_base(a.unit)[2], 6)
        for a in members
        if not a.is_forecast
        for v in (a.low, a.high)
        if v is not None
    }


def _slot(a: AssertionView) -> Slot:
    return (_subject(a), a.location)


def _make_group(
    family: str,
    stem: str,
    slot: Slot,
    anchor: dt.date | None,
    cluster: list[AssertionView],
    names: NameOf,
    *,
    forecasts: bool = False,
    tag: str = "",
    apart: str = "",
) -> FactGroup:
    first = cluster[0]
    subject, location = slot
    days = sorted(d for d in (reference_date(a) for a in cluster) if d is not None)
    base_unit = unit_base(first.unit)[1]
    label = fact_label(
        " ".join(first.quantity.split()),
        subject,
        location,
        names,
        forecast_only=all(a.is_forecast for a in cluster),
    )
    if is_event_bound(first.quantity) and days:
        label = f"{label} on {days[0].isoformat()}"
    if tag:  # parts of one family split by scale: say which part this is
        label = f"{label} (order of {format_number(10.0 ** int(tag[2:]), base_unit)})"
    if apart:
        label = apart_label(label, first)
    return FactGroup(
        key=f"{stem}@{anchor.isoformat() if anchor else 'undated'}{tag}{apart}"
        + ("~forecast" if forecasts else ""),
        family=family,
        label=label,
        quantity=" ".join(first.quantity.split()),
        unit=base_unit,
        subject=subject,
        location=location,
        member_ids=tuple(sorted(a.id for a in cluster)),
        first_date=days[0] if days else None,
        last_date=days[-1] if days else None,
        forecast=forecasts,
    )


def members_of(group: FactGroup, assertions: Iterable[AssertionView]) -> list[AssertionView]:
    """The assertions of `group` among `assertions`, by id."""
    wanted = set(group.member_ids)
    return sorted((a for a in assertions if a.id in wanted), key=lambda a: a.id)


def containment_candidates(
    groups: Sequence[FactGroup], contains: Contains
) -> list[tuple[FactGroup, FactGroup]]:
    """(inner, outer) fact pairs where the inner place lies in the outer one.

    Report facts only (no standalone forecasts); same quantity, unit and subject; the outer
    location contains the inner one, or the outer
    fact has no location at all (a national or overall total bounds every part of it); and the
    two facts' date spans lie within the running window of each other.
    """
    pairs: list[tuple[FactGroup, FactGroup]] = []
    for inner in groups:
        if inner.location is None or inner.forecast:
            continue
        for outer in groups:
            if (
                outer is inner
                or outer.forecast
                or (outer.quantity, outer.unit, outer.subject)
                != (
                    inner.quantity,
                    inner.unit,
                    inner.subject,
                )
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
        a.first_date - RUNNING_WINDOW <= b.last_date
        and b.first_date - RUNNING_WINDOW <= a.last_date
    )
