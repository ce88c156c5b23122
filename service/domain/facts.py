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

2. **Slots** (`group_facts`, rules in `fact_slots.py`): within a family, the figures of one
   (subject, location) pair form a slot, split in time as in step 3. A slot *covers* a more
   precise one when each of its fields is unknown or equal, or its place contains the
   other's (`contains`). Slots' stretches of figures that meet in time are joined in two
   passes:

   a. *A lone part is checked against its whole.* A site's stretch that only one source
      speaks about joins the fact of the innermost place containing it (same subject) when
      that fact has two or more voices, none of them this source, some number stated for the
      site is also stated for the whole, and some value is possible for both ("as many as
      10,000 soldiers are training in <city>" beside "up to 10,000" and "at least 3,000" in
      the country). A verdict needs two voices: a lone part-figure has none to meet at its
      own place, and a part that repeats its whole's number most likely reports the whole
      where it now is. A site two sources speak about keeps its own fact (part vs whole,
      checked by `containment_candidates`); so does a part with a number of its own
      ("at least 1,500 in <region>" beside 10,000 in the country), and a part whose source
      also states the whole (the article itself tells them apart).
   b. *An unplaced figure is the total.* A vaguer stretch (no subject, or no place) joins
      the fact of the slot that covers every other candidate it covers and meets in time,
      i.e. the outermost of a containment chain or tree ("the neighbour has sent between 2,000
      and 8,000 troops" joins the country's fact, not one region's inside it): a figure
      given without a place is read as the whole count, not a part. Sites joined in (a)
      count as their container. Without such a slot it joins the one finest candidate, and
      with several (two regions and no whole) it stays apart: ambiguous. Either way some
      value must be possible for both (a vague figure contradicting everything said about
      the one named fact more likely counts something else: a total, an earlier event).
   c. *Unnested places stating one figure are one count.* The knowledge base mostly makes a
      city and its province both children of their country, and a site an article alone
      names gets the story's country as parent: neither contains the other, so step 2b
      cannot see that "41 killed at Jajpur Road" and "41 killed in Odisha" are one toll.
      A stretch at a place joins the only stretch (same subject, meeting in time) at another
      place of its country that the knowledge base does not nest with it when both state
      the same figure (a number of ten or more: small counts coincide), provided neither
      meets a third place that way (a value repeated at three places is chance, or a
      roundup: nothing tells which two are one count). A happening's toll
      is one count wherever an article stands (as in b), so for a toll it is enough that
      one source speaks of it at both places and some value is possible for both ("at least
      34 killed in Odisha", "41 dead at Jajpur Road" from an outlet that also gave Odisha's
      toll). Figures at two such places that nothing links stay two facts (two towns'
      tolls, two events of one country in one month).
   An event no country holds (it anchors its own family) that articles place at several
   places the knowledge base does not nest is slotted without a place
   (`event_places.placed_by_event`, needs `country_of` and `kind_of`): one storm reported
   "in Beira" by one outlet and "in Sofala" by the next is one happening, the places being
   where each article stands. Only an event: a firm's figures at two sites are two counts;
   and not a distance, nor figures naming different kinds of the counted thing.
   A whole place also joins a site inside it on evidence: some report states the same
   figure for the whole as another states for the site ("2,600 killed in Turkey", "2,600
   killed in Van"): a part and its whole seldom share a count, so 10,000 troops in a country
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
   | event-bound (protesters, turnout, votes, ...; | 0 days  | each gathering is its own event |
   | a temperature: a day's reading)               |         | (a day's reading, its own day)  |
   | everything else (tolls, troops, areas, money) | 30 days | a running count gets revised    |

   A new fact also starts between two figures dated to different calendar months (both on a
   month's first day, or both on a month's last day: "784,300 in September" beside
   "790,100 in August"), so monthly statistics never merge or split by the months' lengths.

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
   forecast never conflicts with a report (`verdicts.py`). Forecasts alone in a fact split
   between rival forecasters (`split_rival_forecasts`, key suffix `#f<first member id>`):
   two speakers' incompatible forecasts mostly describe two unsaid scenarios or horizons.

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
import re
from collections.abc import Callable, Iterable, Sequence

import msgspec
from mypy_extensions import mypyc_attr

from service.domain.event_places import CountryOf, KindOf, placed_by_event
from service.domain.explain import (
    NameOf,
    apart_label,
    fact_label,
    forecaster_label,
    format_number,
    key_to_name,
)
from service.domain.fact_slots import Contains, Slot, merge_slots, subject_of
from service.domain.fact_splits import (
    RUNNING_WINDOW,
    is_event_bound,
    split_by_scale,
    split_by_time,
    split_forecasts,
    split_rival_forecasts,
    split_unattributed,
)
from service.domain.model import AssertionView, ExtractedAssertion
from service.domain.tolerance import normal_quantity, reference_date, unit_base

__all__ = [
    "Contains",
    "CountryOf",
    "FactGroup",
    "KindOf",
    "containment_candidates",
    "family_key",
    "group_facts",
    "is_event_bound",
    "members_of",
    "reference_date",
    "unit_base",
]


@mypyc_attr(native_class=False)
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
    anchor = _anchor(subject_of(a), a.location, country_of) or "-"
    # "14 more bodies", "another 300 cases": an increment never shares a fact with a total
    added = "+" if _INCREMENT.search(a.text) else ""
    return f"{normal_quantity(a)}{added}|{dimension}|{anchor}"


# A number followed by an increment word: "14 more bodies", "40 additional officers",
# "300 new cases" (not "no more than 20": a bound); or "another"/"a further" before it.
_INCREMENT = re.compile(
    r"(?:\b(?:\d[\d,.]*|[a-z]+)\s+(?:more|additional|new|extra|further)\s+(?!than\b)[a-z]"
    r"|^(?:another|an\s+additional|a\s+further)\s)",
    re.IGNORECASE,
)


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
    kind_of: KindOf | None = None,
) -> list[FactGroup]:
    """Group assertions into facts (family, slot, time); sorted by key, order-independent.

    Families are `family_of(a)` when given (the keys stored at ingest), else
    `family_key(a, country_of)`. `contains(outer, inner)` (True when place `inner` lies in
    place `outer`) lets a figure for a whole place meet the figures of the one site inside
    it (see the module docstring); without it places only meet when equal. `country_of`
    and `kind_of` (an entity key's kind, None when unknown) tell which subjects are events
    no country holds: their unnested places do not split them.
    """
    names = name_of or key_to_name
    key_of = family_of or (lambda a: family_key(a, country_of))
    families: dict[str, list[AssertionView]] = {}
    for a in sorted(assertions, key=lambda x: x.id):
        families.setdefault(key_of(a), []).append(a)
    groups: list[FactGroup] = []
    for family, members in families.items():
        inside = contains or (lambda outer, inner: False)
        if country_of is not None and kind_of is not None:
            members = placed_by_event(family, members, country_of, kind_of, inside)
        for slot, merged in merge_slots(members, inside, country_of):
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
    if apart.startswith("#f"):  # a rival forecaster's fact (`split_rival_forecasts`)
        label = forecaster_label(label, first)
    elif apart:
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
