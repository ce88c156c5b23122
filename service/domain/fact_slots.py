"""Slots: the (subject, place) pairs a fact family's figures name, and which of them meet.

Extraction names a figure's subject and place imperfectly, so the figures of one family are
first gathered by (subject, place) as named (a *slot*), split in time, and then the slots'
pieces that speak about one fact are joined (`merge_slots`). The rules are documented in
`facts.py` (step 2); this module holds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from service.domain.fact_splits import RUNNING_WINDOW, is_event_bound, near, span, split_by_time
from service.domain.model import AssertionView, ExtractedAssertion, Qualifier
from service.domain.owners import is_event_toll
from service.domain.tolerance import compatible, unit_base

__all__ = ["Contains", "Slot", "merge_slots", "slot_of", "subject_of"]

Contains = Callable[[str, str], bool]
Slot = tuple[str | None, str | None]  # (subject, location) as extraction named them


def subject_of(a: AssertionView | ExtractedAssertion) -> str | None:
    """The subject a figure counts; None when it is the figure's own attributor."""
    # A body is rarely what its own figure counts ("the ministry said 3,100 died").
    return None if a.subject == a.attributor else a.subject


def _covers(general: Slot, specific: Slot, contains: Contains) -> bool:
    """True when `specific` names the same fact more precisely than `general`."""
    if general == specific:
        return False
    subject_ok = general[0] is None or general[0] == specific[0]
    place, site = general[1], specific[1]
    place_ok = place is None or place == site or (site is not None and contains(place, site))
    return subject_ok and place_ok


def merge_slots(
    members: list[AssertionView],
    contains: Contains,
    country_of: Callable[[str], str | None] | None = None,
) -> list[tuple[Slot, list[AssertionView]]]:
    """(slot, figures) after joining the slots' stretches that speak about one fact.

    First a site's stretch that one source alone speaks about joins its container's fact
    when a number repeats there (step 2a of `facts.py`); then each vaguer stretch joins the
    outermost covering candidate, else the one finest (step 2b); then, with `country_of`, a
    place's stretch joins one at a place of its country the knowledge base does not nest
    with it when both state the same figure (step 2c). Joins only go to strictly
    outer places (2a) or strictly finer slots (2b), never to a stretch joined in 2a: no
    cycles, and the result does not depend on the order of the input.
    """
    slots: dict[Slot, list[AssertionView]] = {}
    for a in members:
        slots.setdefault(slot_of(a), []).append(a)
    pieces = [
        (slot, cluster)
        for slot in sorted(slots, key=str)
        for _, cluster in split_by_time(slots[slot])
    ]
    window = dt.timedelta(0) if is_event_bound(members[0].quantity) else RUNNING_WINDOW
    toll = is_event_toll(members[0].quantity)
    spans = [span(c) for _, c in pieces]
    # The covering relation is computed once per pair of slots, not per pair of pieces.
    finer_slots = {a: {b for b in slots if _covers(a, b, contains)} for a in slots}
    pieces_of: dict[Slot, list[int]] = {}
    for index, (slot, _) in enumerate(pieces):
        pieces_of.setdefault(slot, []).append(index)

    def meeting(i: int, candidates: Iterable[Slot]) -> list[int]:
        return [j for s in candidates for j in pieces_of[s] if near(spans[i], spans[j], window)]

    root = list(range(len(pieces)))
    # Step 2a: a site only one source speaks about is checked against its container's fact.
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
    for i in range(len(root)):  # a chain of lone sites ends at its outermost container
        while root[root[i]] != root[i]:
            root[i] = root[root[i]]
    joined = [r != i for i, r in enumerate(root)]
    # Step 2b: a vaguer slot joins the outermost fact covering every other candidate (read as
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
        finer = [a for j in finer_ids if root[j] != i for a in pieces[j][1]]
        if (
            len(best) == 1
            and len(target) == 1
            and _may_join(slot, best.pop(), finer, cluster, toll)
        ):
            root[i] = target[0]
    if country_of is not None:
        _join_unnested(pieces, root, spans, (window, toll), contains, country_of)
    out: dict[int, list[AssertionView]] = {}
    for i, (_, cluster) in enumerate(pieces):
        j, steps = i, 0
        while root[j] != j and steps < len(pieces):  # bounded: joins never cycle (docstring)
            j, steps = root[j], steps + 1
        out.setdefault(j, []).extend(cluster)
    return [(pieces[j][0], sorted(c, key=lambda a: a.id)) for j, c in out.items()]


def _unnested(p: str, q: str, contains: Contains, country_of: Callable[[str], str | None]) -> bool:
    """Two places of one country the knowledge base does not nest either way (a city and a
    province it may lie in: the shipped places are mostly children of their country)."""
    country = country_of(p)
    return (
        p != q
        and country is not None
        and country == country_of(q)
        and country not in (p, q)
        and not contains(p, q)
        and not contains(q, p)
    )


# Below this a figure stated at two places is as likely a coincidence ("2 killed in Beira",
# "2 killed in Tete") as one count placed twice.
_TELLING_SIZE = 10.0


def _telling(statement: tuple[str, float | None, float | None]) -> bool:
    """Whether a statement's number is large enough to tell one count from a coincidence."""
    return any(v is not None and abs(v) >= _TELLING_SIZE for v in statement[1:])


def _join_unnested(
    pieces: list[tuple[Slot, list[AssertionView]]],
    root: list[int],
    spans: list[tuple[dt.date, dt.date] | None],
    kind: tuple[dt.timedelta, bool],
    contains: Contains,
    country_of: Callable[[str], str | None],
) -> None:
    """Step 2c of `facts.py`: a place's stretch joins the only stretch at another place of
    its country that the knowledge base does not nest with it (either way), when both state
    the same figure of ten or more for one subject at one time ("41 killed in Odisha", "41
    killed at Jajpur Road"), or, for a happening's toll, when some source speaks of it at
    both places and some value is possible for both (see `_one_count`), and neither stretch
    meets a third that way. Joins go from the later place key to the earlier one (no
    cycles, and the same result whatever the input order)."""

    window, toll = kind  # the family's time window; whether it counts a happening's toll

    def top(i: int) -> int:
        steps = 0
        while root[i] != i and steps < len(root):
            i, steps = root[i], steps + 1
        return i

    # Candidates come from an index (pieces stating a telling figure, or sharing a source
    # for a toll), not from every pair of pieces: a big country's family holds many places.
    stated = [
        {st for st in map(_statement, c) if st is not None and _telling(st)} for _, c in pieces
    ]
    by_statement: dict[tuple[str, float | None, float | None], set[int]] = {}
    by_source: dict[int, set[int]] = {}
    for j, (slot, cluster) in enumerate(pieces):
        if slot[1] is None:
            continue
        for st in stated[j]:
            by_statement.setdefault(st, set()).add(j)
        if toll:
            for a in cluster:
                by_source.setdefault(a.source_id, set()).add(j)
    unnested: dict[tuple[str, str], bool] = {}  # per pair of places, not of pieces
    partners: list[set[int]] = [set() for _ in pieces]
    for i, (slot, cluster) in enumerate(pieces):
        place = slot[1]
        if place is None:
            continue
        near_ids = {j for st in stated[i] for j in by_statement[st]}
        near_ids.update(j for a in cluster for j in by_source.get(a.source_id, ()))
        for j in near_ids:
            other = pieces[j][0]
            if other[0] != slot[0] or other[1] is None or other[1] >= place:
                continue  # each pair once, from its later place
            if (place, other[1]) not in unnested:
                unnested[place, other[1]] = _unnested(place, other[1], contains, country_of)
            if (
                unnested[place, other[1]]
                and near(spans[i], spans[j], window)
                and _one_count(cluster, pieces[j][1], stated[i], toll)
            ):
                partners[i].add(j)
                partners[j].add(i)
    # Only a pair that has no other partner joins: with a third place stating the figure too
    # nothing tells which two (if any) are one count.
    for i, (slot, _) in enumerate(pieces):
        if len(partners[i]) != 1 or root[i] != i:
            continue
        j = next(iter(partners[i]))
        earlier = (pieces[j][0][1] or "") < (slot[1] or "")  # (partners are all placed)
        if partners[j] == {i} and earlier and top(j) != i:
            root[i] = top(j)


def _one_count(
    here: list[AssertionView],
    there: list[AssertionView],
    stated: set[tuple[str, float | None, float | None]],
    toll: bool,
) -> bool:
    """Whether figures at two unnested places of one country speak about one count.

    The same figure stated at both (`stated` holds `here`'s telling statements) shows it. A
    happening's toll is one count wherever an article stands (see `_may_join`), so for a
    toll it is enough that one source speaks of it at both places (the article ties both
    places to its story: "the derailment at Jajpur Road", "the toll in Odisha") and some
    value is possible for both: two places' tolls that no one report links stay apart (two
    events of one country in one month).
    """
    if any(_statement(b) in stated for b in there):
        return True
    linked = {a.source_id for a in here} & {b.source_id for b in there}
    return toll and bool(linked) and any(compatible(a, b) for a in here for b in there)


def _may_join(
    slot: Slot,
    site: Slot,
    site_members: list[AssertionView],
    members: list[AssertionView],
    toll: bool,
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
    if slot[1] is None or slot[1] == site[1] or toll:
        # (a happening's toll is one count wherever it is said to be: "the cyclone killed
        # at least 40 in Mozambique" and "the cyclone killed 52 in Beira")
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


def slot_of(a: AssertionView) -> Slot:
    """(subject, location) as extraction named them."""
    return (subject_of(a), a.location)
