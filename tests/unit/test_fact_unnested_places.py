"""Two places of one country the knowledge base does not nest meet when they state one figure.

The shipped places are mostly children of their country (a city and the province it lies in
both are), and a site only an article names gets the story's country as parent, so
"41 killed at Jajpur Road" and "41 killed in Odisha" cannot be told to be one toll by
containment (step 2c of `facts.py`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from service.domain.facts import FactGroup, group_facts
from service.domain.model import AssertionView, Qualifier
from tests.unit.place_tree import PlaceTree

# Odisha and Balasore are shipped as children of India; Jajpur Road was discovered in an
# article about India (parent: the story's country); Bhubaneswar lies in Odisha. Dhaka lies
# in Bangladesh.
_COUNTRY = {
    "india": "india",
    "odisha": "india",
    "balasore": "india",
    "jajpur-road": "india",
    "bhubaneswar": "india",
    "bangladesh": "bangladesh",
    "dhaka": "bangladesh",
}
_PARENT = {
    "odisha": "india",
    "balasore": "india",
    "jajpur-road": "india",
    "dhaka": "bangladesh",
    "bhubaneswar": "odisha",
}
_ids = itertools.count(1)
_TREE = PlaceTree(_COUNTRY, _PARENT)
country_of = _TREE.country_of
contains = _TREE.contains


def fig(
    low: float,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    location: str | None,
    source: int,
    subject: str | None = None,
    quantity: str = "deaths",
    day: int = 8,
    month: int = 6,
    forecast: bool = False,
) -> AssertionView:
    return AssertionView(
        id=next(_ids),
        source_id=source,
        quantity=quantity,
        unit=None,
        low=low,
        high=low if qualifier is Qualifier.EXACT else None,
        qualifier=qualifier,
        subject=subject,
        location=location,
        attributor=None,
        attributed_to=None,
        as_of=None,
        published_at=dt.datetime(2025, month, day, 9, tzinfo=dt.UTC),
        is_forecast=forecast,
        text=f"{low:g}",
        source_label=f"s{source}",
    )


def members(groups: list[FactGroup]) -> set[frozenset[int]]:
    return {frozenset(g.member_ids) for g in groups}


def grouped(items: list[AssertionView]) -> list[FactGroup]:
    return group_facts(items, country_of=country_of, contains=contains)


def test_a_toll_stated_at_a_town_and_at_its_province_is_one_fact() -> None:
    # "At least 34 people were killed when the Konark Express derailed in Odisha" (wire);
    # "The toll in Odisha rose to 41" and "41 people died at Jajpur Road" (the next day's
    # report, which places the same toll at the town and at the state).
    wire = fig(34, Qualifier.AT_LEAST, location="odisha", source=1)
    state = fig(41, location="odisha", source=2, day=9)
    town = fig(41, location="jajpur-road", source=2, day=9)
    groups = grouped([wire, state, town])
    assert members(groups) == {frozenset({wire.id, state.id, town.id})}


def test_one_figure_at_each_of_two_outlets_places_meets() -> None:
    # "41 dead at Jajpur Road" in one outlet, "Odisha toll: 41" in another.
    town = fig(41, location="jajpur-road", source=1)
    state = fig(41, location="odisha", source=2)
    assert members(grouped([town, state])) == {frozenset({town.id, state.id})}


def test_two_places_stating_different_figures_stay_apart() -> None:
    # "Nearly 300 people died in Balasore" (another, earlier crash) and "41 died at Jajpur
    # Road": nothing stated in common, two counts.
    balasore = fig(300, Qualifier.APPROX, location="balasore", source=1)
    town = fig(41, location="jajpur-road", source=2)
    assert members(grouped([balasore, town])) == {frozenset({balasore.id}), frozenset({town.id})}


def test_a_small_figure_at_two_places_is_a_coincidence() -> None:
    # "Two people were killed in Balasore", "two died at Jajpur Road": small counts coincide.
    balasore = fig(2, location="balasore", source=1)
    town = fig(2, location="jajpur-road", source=2)
    assert len(grouped([balasore, town])) == 2


def test_places_of_two_countries_never_meet_this_way() -> None:
    # One company's job cuts: "41 jobs at its Odisha plant", "41 jobs in Dhaka".
    india = fig(41, location="odisha", source=1, subject="acme", quantity="jobs")
    dhaka = fig(41, location="dhaka", source=2, subject="acme", quantity="jobs")
    assert len(grouped([india, dhaka])) == 2


def test_a_forecast_is_no_evidence() -> None:
    # "The toll could reach 50 in Odisha" beside "50 dead at Jajpur Road".
    forecast = fig(50, location="odisha", source=1, forecast=True)
    town = fig(50, location="jajpur-road", source=2)
    assert len(grouped([forecast, town])) == 2


def test_nested_places_keep_the_containment_rules() -> None:
    # Bhubaneswar lies in Odisha: a part and its whole with different counts stay two facts
    # (10,000 homes flooded in the state, 1,500 in its capital), as before.
    state = fig(10_000, location="odisha", source=1, quantity="homes flooded")
    city = fig(1_500, location="bhubaneswar", source=2, quantity="homes flooded")
    assert len(grouped([state, city])) == 2


def test_without_country_of_unnested_places_stay_apart() -> None:
    town = fig(41, location="jajpur-road", source=1)
    state = fig(41, location="odisha", source=2)
    assert len(group_facts([town, state], contains=contains)) == 2


def test_the_join_does_not_depend_on_input_order() -> None:
    figures = [
        fig(34, Qualifier.AT_LEAST, location="odisha", source=1),
        fig(41, location="odisha", source=2, day=9),
        fig(41, location="jajpur-road", source=3, day=9),
        fig(41, location="balasore", source=4, day=9),
        fig(300, Qualifier.APPROX, location="balasore", source=5),
    ]
    expected = [(g.key, g.member_ids) for g in grouped(figures)]
    rng = random.Random(7)
    for _ in range(10):
        shuffled = figures[:]
        rng.shuffle(shuffled)
        assert [(g.key, g.member_ids) for g in grouped(shuffled)] == expected


def test_a_toll_an_outlet_gives_at_both_places_meets_when_some_value_fits_both() -> None:
    # "The Konark Express derailed at Jajpur Road, killing at least 34" and "Odisha's
    # disaster agency put the state's toll at 41" in one report; "40 people died at Jajpur
    # Road" in another: one toll, told at the town and the state.
    town = fig(34, Qualifier.AT_LEAST, location="jajpur-road", source=1)
    state = fig(41, location="odisha", source=1)
    other = fig(40, location="jajpur-road", source=2)
    groups = grouped([town, state, other])
    assert members(groups) == {frozenset({town.id, state.id, other.id})}


def test_tolls_at_two_places_no_report_links_stay_apart() -> None:
    # "At least 34 killed at Jajpur Road" and "41 killed in Odisha" from two outlets that
    # each speak of one place only: perhaps two events, nothing ties them.
    town = fig(34, Qualifier.AT_LEAST, location="jajpur-road", source=1)
    state = fig(41, location="odisha", source=2)
    assert len(grouped([town, state])) == 2


def test_only_a_toll_meets_on_a_possible_value() -> None:
    # One outlet: "at least 300 jobs go at the Jajpur Road plant" and "410 jobs in Odisha";
    # another: "350 jobs at Jajpur Road". Jobs at a site and in its state are two counts.
    town = fig(300, Qualifier.AT_LEAST, location="jajpur-road", source=1, quantity="jobs")
    state = fig(410, location="odisha", source=1, quantity="jobs")
    other = fig(350, location="jajpur-road", source=2, quantity="jobs")
    groups = grouped([town, state, other])
    assert members(groups) == {frozenset({town.id, other.id}), frozenset({state.id})}


def test_a_figure_stated_at_three_places_joins_none_of_them() -> None:
    # "41 killed at Jajpur Road", "41 in Odisha", "41 in Balasore" from three outlets: with a
    # third place stating the figure too, nothing tells which two (if any) are one count.
    town = fig(41, location="jajpur-road", source=1)
    state = fig(41, location="odisha", source=2)
    balasore = fig(41, location="balasore", source=3)
    assert len(grouped([town, state, balasore])) == 3


def test_coincidences_among_many_places_join_almost_nothing() -> None:
    # A year of a big country's unattributed tolls: 300 places, 3,000 figures of 10-500.
    # Many values repeat at two places within a month by chance, but mostly at more than
    # two: only pairs with no other partner join. (Candidates come from an index, so this
    # also stays fast.)
    rng = random.Random(3)
    places = [f"town-{n}" for n in range(300)]
    _COUNTRY.update(dict.fromkeys(places, "india"))
    try:
        figures = [
            fig(
                rng.randint(10, 500),
                location=rng.choice(places),
                source=n // 10 + 1,
                day=rng.randint(1, 28),
                month=rng.randint(1, 12),
            )
            for n in range(3000)
        ]
        joined = grouped(figures)
    finally:
        for place in places:
            del _COUNTRY[place]
    apart = group_facts(figures, contains=contains)  # without country_of: no step 2c
    assert len(joined) >= 0.95 * len(apart)
