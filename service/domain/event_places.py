"""Where an event's figures stand: an article's place is not a part of the happening.

An event no country holds anchors its own family (`facts.family_key`), and one storm or
wildfire is one happening: the place an article attaches to its figure ("in Beira", "in
Ventura County") is where the article stands, and the knowledge base seldom nests such
places anyway. So when such an event is named at several places the knowledge base does not
nest, its figures are slotted without a place and meet in one fact (`placed_by_event`).

What keeps its places, because there the place tells two counts apart:
- any subject but an event (a firm, a group, a person is not one happening: its staff in two
  cities are two counts), and an event the knowledge base places in a country;
- a distance: the place is where it is measured from (50 miles from one city, 8 from another);
- a place and a site inside it (the containment rules of `facts.py` tell them apart), and an
  event named at one place only (rule (b) there joins its unplaced figures);
- the catch-all "people" (extraction read no outcome: a town's population, a shelter's
  guests and the evacuated all read "people"), where the place is one of the few clues;
- figures whose own words name different kinds of the counted thing ("44 health centres" in
  one place, "58 accommodation centres" in another): the quantity's name keeps only the head
  noun ("centres"), so the places were what told the two counts apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec

from service.domain.fact_slots import Contains, subject_of
from service.domain.model import AssertionView, EntityKind
from service.domain.number_words import SCALES

__all__ = ["CountryOf", "KindOf", "counted_modifiers", "placed_by_event"]

# Quantities extraction names when it reads no outcome ("a town of 16,000 people", "240
# people spent the night"): several counts of one event share the name.
CATCH_ALL = frozenset({"people"})

CountryOf = Callable[[str], str | None]
KindOf = Callable[[str], EntityKind | None]


def placed_by_event(
    family: str,
    members: list[AssertionView],
    country_of: CountryOf,
    kind_of: KindOf,
    contains: Contains,
) -> list[AssertionView]:
    """`members` with an unplaced event's figures slotted without a place (module docstring).

    `family` is the members' family key (quantity|dimension|anchor); the event is its anchor.
    """
    parts = family.split("|")
    quantity, dimension, anchor = parts[0], parts[1], parts[-1]
    if kind_of(anchor) is not EntityKind.EVENT or country_of(anchor) is not None:
        return members  # not a happening, or one placed in a country
    if dimension == "length":
        return members  # a distance from each place
    if quantity in CATCH_ALL:
        return members  # "people": a town's, a shelter's, the evacuated (no outcome read)
    own = [a for a in members if a.location and subject_of(a) == anchor]
    places = sorted({a.location for a in own if a.location})
    if len(places) < 2:
        return members  # one place: rule (b) joins the unplaced
    if any(contains(p, q) for p in places for q in places if p != q):
        return members  # a whole and its part: the containment rules tell them apart
    if _kinds_differ(own):
        return members  # "health centres" here, "accommodation centres" there
    return [
        msgspec.structs.replace(a, location=None) if subject_of(a) == anchor else a for a in members
    ]


def _kinds_differ(figures: list[AssertionView]) -> bool:
    """True when figures at two places name the counted thing by disjoint modifiers."""
    named = [(a.location, counted_modifiers(a.text)) for a in figures]
    return any(
        p != q and m and n and not (m & n)
        for i, (p, m) in enumerate(named)
        for q, n in named[i + 1 :]
    )


# The words after a figure's last digit: "44 health centres" -> "health centres".
_AFTER_DIGITS = re.compile(r".*\d[\d,.]*\s*(.*)$", re.DOTALL)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def counted_modifiers(text: str) -> frozenset[str]:
    """The lower-case words a figure's own text puts before its counted noun.

    "44 health centres" -> {"health"}; "240 people", "Thirty-one" (no digits: the words are
    the number) -> {}. Capitalised words (names, demonyms: "North Korean troops") and scale
    words ("1.2 million doses") are left out: they say whose or how many, not what kind.
    """
    found = _AFTER_DIGITS.match(text)
    if found is None:
        return frozenset()
    words = _WORD.findall(found.group(1))
    return frozenset(w for w in words[:-1] if w.islower() and w not in SCALES)
