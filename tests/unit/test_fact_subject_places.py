"""An event no country holds meets its figures across unnested places; other subjects do not."""

from __future__ import annotations

import datetime as dt
import itertools

import msgspec

from service.domain.event_places import counted_modifiers
from service.domain.facts import FactGroup, family_key, group_facts
from service.domain.model import AssertionView, EntityKind, Qualifier
from tests.unit.place_tree import PlaceTree

# Fictional places: Port Selim and Karsa lie in Valdoria (the knowledge base nests neither
# in the other); Lower Selim lies in Port Selim.
_COUNTRY = {
    "valdoria": "valdoria",
    "port-selim": "valdoria",
    "lower-selim": "valdoria",
    "karsa": "valdoria",
}
_PARENT = {"port-selim": "valdoria", "karsa": "valdoria", "lower-selim": "port-selim"}
_KIND = {"storm-ada": EntityKind.EVENT, "corvel-foods": EntityKind.ORGANIZATION}
_ids = itertools.count(1)
_TREE = PlaceTree(_COUNTRY, _PARENT)
country_of = _TREE.country_of
contains = _TREE.contains


def kind_of(key: str) -> EntityKind | None:
    return _KIND.get(key) or (EntityKind.PLACE if key in _COUNTRY else None)


def fig(
    low: float,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    subject: str | None,
    location: str | None,
    source: int,
    quantity: str = "deaths",
    unit: str | None = None,
) -> AssertionView:
    return AssertionView(
        id=next(_ids),
        source_id=source,
        quantity=quantity,
        unit=unit,
        low=low,
        high=low if qualifier is Qualifier.EXACT else None,
        qualifier=qualifier,
        subject=subject,
        location=location,
        attributor=None,
        attributed_to=None,
        as_of=None,
        published_at=dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC),
        is_forecast=False,
        text=f"{low:g}",
        source_label=f"s{source}",
    )


def members(groups: list[FactGroup]) -> set[frozenset[int]]:
    return {frozenset(g.member_ids) for g in groups}


def grouped(items: list[AssertionView]) -> list[FactGroup]:
    return group_facts(items, country_of=country_of, contains=contains, kind_of=kind_of)


def test_an_event_placed_at_unnested_places_is_one_fact() -> None:
    # "Storm Ada killed at least 40 in Port Selim", "Storm Ada's toll rose to 52" datelined
    # Karsa, "Ada killed 55": each article places the storm where it stands.
    port = fig(40, Qualifier.AT_LEAST, subject="storm-ada", location="port-selim", source=1)
    karsa = fig(52, subject="storm-ada", location="karsa", source=2)
    bare = fig(55, subject="storm-ada", location=None, source=3)
    assert family_key(port, country_of) == family_key(karsa, country_of)
    groups = grouped([port, karsa, bare])
    assert members(groups) == {frozenset({port.id, karsa.id, bare.id})}
    assert groups[0].location is None  # the fact is the event's, wherever it was reported


def test_a_subject_at_one_place_keeps_it() -> None:
    placed = fig(40, subject="storm-ada", location="port-selim", source=1)
    bare = fig(41, subject="storm-ada", location=None, source=2)
    groups = grouped([placed, bare])
    assert members(groups) == {frozenset({placed.id, bare.id})}
    assert groups[0].location == "port-selim"


def test_a_subject_at_a_whole_and_its_part_keeps_both_places() -> None:
    # 10,000 in the city and 1,500 in one district: part and whole, not one count.
    whole = fig(10_000, subject="storm-ada", location="port-selim", source=1)
    part = fig(1_500, subject="storm-ada", location="lower-selim", source=2)
    assert members(grouped([whole, part])) == {frozenset({whole.id}), frozenset({part.id})}


def test_a_country_as_subject_keeps_its_places() -> None:
    # Valdoria's troops in two of its provinces are two counts (the country anchors itself).
    north = fig(3_000, subject="valdoria", location="port-selim", source=1)
    south = fig(1_500, subject="valdoria", location="karsa", source=2)
    assert members(grouped([north, south])) == {frozenset({north.id}), frozenset({south.id})}


def test_without_country_of_places_are_kept() -> None:
    port = fig(40, subject="storm-ada", location="port-selim", source=1)
    karsa = fig(52, subject="storm-ada", location="karsa", source=2)
    assert len(group_facts([port, karsa], contains=contains)) == 2


def test_a_firm_at_two_unnested_sites_keeps_both() -> None:
    # "Corvel Foods employs 1,200 in Port Selim" and "900 at its Karsa plant": two sites'
    # workforces, not one count reported from two places.
    port = fig(1_200, subject="corvel-foods", location="port-selim", source=1, quantity="jobs")
    karsa = fig(900, subject="corvel-foods", location="karsa", source=2, quantity="jobs")
    assert members(grouped([port, karsa])) == {frozenset({port.id}), frozenset({karsa.id})}


def test_an_unknown_kind_keeps_its_places() -> None:
    port = fig(40, subject="unknown-thing", location="port-selim", source=1)
    karsa = fig(52, subject="unknown-thing", location="karsa", source=2)
    assert len(grouped([port, karsa])) == 2


def test_an_events_distances_keep_their_places() -> None:
    # "the fire is 50 miles from Port Selim", "8 miles from Karsa": measured from each place.
    far = fig(50, subject="storm-ada", location="port-selim", source=1, quantity="distance",
              unit="mi")  # fmt: skip
    near = fig(8, subject="storm-ada", location="karsa", source=2, quantity="distance",
               unit="mi")  # fmt: skip
    assert members(grouped([far, near])) == {frozenset({far.id}), frozenset({near.id})}


def test_without_kind_of_places_are_kept() -> None:
    port = fig(40, subject="storm-ada", location="port-selim", source=1)
    karsa = fig(52, subject="storm-ada", location="karsa", source=2)
    groups = group_facts([port, karsa], country_of=country_of, contains=contains)
    assert len(groups) == 2


def test_figures_naming_different_kinds_keep_their_places() -> None:
    # "44 health centres" in one place, "58 accommodation centres" in the other: the quantity
    # name keeps the head noun only, so the places tell the two counts apart.
    health = fig(44, subject="storm-ada", location="port-selim", source=1, quantity="centers")
    shelters = fig(58, subject="storm-ada", location="karsa", source=2, quantity="centers")
    health = msgspec.structs.replace(health, text="44 health centres")
    shelters = msgspec.structs.replace(shelters, text="58 accommodation centres")
    assert members(grouped([health, shelters])) == {
        frozenset({health.id}),
        frozenset({shelters.id}),
    }
    # The same kind, or one figure naming no kind, still meets across the places.
    again = msgspec.structs.replace(shelters, text="58 health centres")
    assert len(grouped([health, again])) == 1
    bare = msgspec.structs.replace(shelters, text="58 centres")
    assert len(grouped([health, bare])) == 1


def test_counted_modifiers_are_the_lower_case_words_before_the_noun() -> None:
    assert counted_modifiers("44 health centres") == {"health"}
    assert counted_modifiers("about 1.2 million oral vaccine doses") == {"oral", "vaccine"}
    assert counted_modifiers("12,000 North Korean troops") == frozenset()
    assert counted_modifiers("240 people") == frozenset()
    assert counted_modifiers("Thirty-one") == frozenset()


def test_the_catch_all_people_keeps_its_places() -> None:
    # "a town of 16,000 people" in one place, "6,200 people remained" in another: "people"
    # with no outcome read names several counts of one event, so the places stay.
    town = fig(16_000, subject="storm-ada", location="port-selim", source=1, quantity="people")
    left = fig(6_200, subject="storm-ada", location="karsa", source=2, quantity="people")
    assert members(grouped([town, left])) == {frozenset({town.id}), frozenset({left.id})}


def test_a_named_event_toll_at_a_whole_and_its_part_is_one_count_when_they_can_agree() -> None:
    # "Storm Ada killed at least 40 in Port Selim", "Ada killed 52 in Lower Selim": the
    # storm's one toll, told from a city and from a district in it.
    whole = fig(40, Qualifier.AT_LEAST, subject="storm-ada", location="port-selim", source=1)
    part = fig(52, subject="storm-ada", location="lower-selim", source=2)
    assert members(grouped([whole, part])) == {frozenset({whole.id, part.id})}
    # Troops are no toll: a whole and its part stay two counts.
    troops = fig(
        3_000,
        Qualifier.AT_LEAST,
        subject="storm-ada",
        location="port-selim",
        source=1,
        quantity="troops",
    )
    site = fig(3_500, subject="storm-ada", location="lower-selim", source=2, quantity="troops")
    assert members(grouped([troops, site])) == {frozenset({troops.id}), frozenset({site.id})}
