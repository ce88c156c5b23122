"""Fact grouping: families (quantity, unit dimension, subject, location) and time splits."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import msgspec

from service.domain.facts import (
    FactGroup,
    containment_candidates,
    family_key,
    group_facts,
    members_of,
    unit_base,
)
from service.domain.model import AssertionView, ExtractedAssertion, Qualifier
from service.domain.verdicts import judge

_NAMES = {
    "north-korea": "North Korea",
    "russia": "Russia",
    "kursk": "Kursk",
    "valdoria": "Valdoria",
    "port-selim": "Port Selim",
    "acme": "Acme Corp",
}


def name_of(key: str) -> str:
    return _NAMES.get(key, key)


_ids = itertools.count(1)


def fig(
    quantity: str,
    low: float | None,
    high: float | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    unit: str | None = None,
    subject: str | None = None,
    location: str | None = None,
    source: int = 1,
    as_of: dt.date | None = None,
    published: dt.date | None = dt.date(2025, 3, 1),
    forecast: bool = False,
    attributor: str | None = None,
) -> AssertionView:
    if high is None and qualifier in (Qualifier.EXACT, Qualifier.APPROX):
        high = low
    return AssertionView(
        id=next(_ids),
        source_id=source,
        quantity=quantity,
        unit=unit,
        low=low,
        high=high,
        qualifier=qualifier,
        subject=subject,
        location=location,
        attributor=attributor,
        attributed_to=None,
        as_of=as_of,
        published_at=(
            dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC) if published else None
        ),
        is_forecast=forecast,
        text=f"{low}",
    )


def by_member(groups: list[FactGroup]) -> set[frozenset[int]]:
    return {frozenset(g.member_ids) for g in groups}


def test_units_of_one_dimension_share_a_family() -> None:
    acres = fig("burned area", 120_000, unit="acre", location="valdoria")
    km2 = fig("burned area", 490, None, Qualifier.APPROX, unit="km2", location="valdoria")
    share = fig("containment", 35, unit="%", location="valdoria")
    assert family_key(acres) == family_key(km2)
    assert family_key(share) != family_key(km2)
    assert unit_base("mi") == ("length", "m", 1609.344)


def test_currencies_are_not_converted() -> None:
    usd = fig("revenue", 4.9e9, unit="USD", subject="acme")
    eur = fig("revenue", 4.5e9, unit="EUR", subject="acme")
    assert family_key(usd) != family_key(eur)


def test_an_increment_is_not_the_total() -> None:
    def stated(text: str, value: float) -> AssertionView:
        figure = fig("deaths", value, location="valdoria")
        return msgspec.structs.replace(figure, text=text)

    total = family_key(stated("52 people", 52))
    assert family_key(stated("14 more bodies", 14)) != total
    assert family_key(stated("another 300", 300)) != total
    assert family_key(stated("nine new cases", 9)) != total
    assert family_key(stated("more than 300 people", 300)) == total  # a bound, not an increment
    assert family_key(stated("no more than 20 deaths", 20)) == total


def test_family_key_accepts_extracted_assertions() -> None:
    extracted = ExtractedAssertion(
        start=0,
        end=10,
        text="10,000 troops",
        quantity="troops",
        unit=None,
        low=10_000,
        high=10_000,
        qualifier=Qualifier.EXACT,
        subject="north-korea",
        location="russia",
    )
    stored = fig("troops", 12_000, subject="north-korea", location="russia")
    assert family_key(extracted) == family_key(stored) == "troops|count|north-korea"
    countries = {"north-korea": "north-korea", "russia": "russia", "kursk": "russia"}.get
    assert family_key(extracted, countries) == "troops|count|north-korea"


def test_forecasts_share_the_family_of_reports() -> None:
    report = fig("troops", 1500, None, Qualifier.AT_LEAST, subject="north-korea", location="kursk")
    forecast = fig(
        "troops", 5000, None, Qualifier.APPROX, subject="north-korea", location="kursk",
        forecast=True, source=2,
    )  # fmt: skip
    groups = group_facts([report, forecast], name_of)
    assert by_member(groups) == {frozenset({report.id, forecast.id})}
    assert groups[0].label == "North Korean troops in Kursk"


def test_contained_place_is_a_different_fact() -> None:
    inner = fig("troops", 1500, subject="north-korea", location="kursk")
    outer = fig("troops", 10_000, subject="north-korea", location="russia", source=2)
    groups = group_facts([inner, outer], name_of)
    assert len(groups) == 2
    pairs = containment_candidates(groups, lambda o, i: (o, i) == ("russia", "kursk"))
    assert [(p[0].location, p[1].location) for p in pairs] == [("kursk", "russia")]


def test_running_count_splits_when_dates_are_far_apart() -> None:
    early = fig("deaths", 31_000, subject="ukraine", as_of=dt.date(2023, 2, 1))
    later = fig("deaths", 43_000, subject="ukraine", as_of=dt.date(2024, 12, 8), source=2)
    late_too = fig("deaths", 45_000, subject="ukraine", published=dt.date(2024, 12, 30))
    groups = group_facts([early, later, late_too], name_of)
    assert by_member(groups) == {frozenset({early.id}), frozenset({later.id, late_too.id})}
    assert groups[0].key.endswith("@2023-02-01")


def test_death_toll_over_three_days_stays_one_fact() -> None:
    days = [
        fig("deaths", 100 * d, location="valdoria", as_of=dt.date(2025, 2, d)) for d in (6, 7, 8)
    ]
    assert len(group_facts(days, name_of)) == 1


def test_monthly_figures_of_different_months_are_different_facts() -> None:
    # "in September" and "in October" resolve to their first days, 30 days apart: within
    # the running window, but two monthly statistics all the same
    september = fig("pathways", 784_300, location="valdoria", as_of=dt.date(2025, 9, 1))
    october = fig("pathways", 771_000, location="valdoria", as_of=dt.date(2025, 10, 1))
    again = fig("pathways", 784_000, location="valdoria", as_of=dt.date(2025, 9, 1), source=2)
    groups = group_facts([september, october, again], name_of)
    assert by_member(groups) == {frozenset({september.id, again.id}), frozenset({october.id})}


def test_a_count_on_the_last_and_first_days_of_two_months_stays_one_fact() -> None:
    days = [
        fig("deaths", 40, location="valdoria", as_of=dt.date(2025, 3, 31)),
        fig("deaths", 44, location="valdoria", as_of=dt.date(2025, 4, 1), source=2),
    ]
    assert len(group_facts(days, name_of)) == 1


def test_event_bound_figures_split_by_day_and_undated_join_latest_event() -> None:
    vigil = fig("protesters", 2000, None, Qualifier.APPROX, location="port-selim",
                as_of=dt.date(2025, 3, 14))  # fmt: skip
    rally_police = fig("protesters", 15_000, location="port-selim", as_of=dt.date(2025, 3, 15))
    rally_organisers = fig(
        "protesters", 100_000, None, Qualifier.MORE_THAN, location="port-selim", source=2,
        published=dt.date(2025, 3, 16),
    )  # fmt: skip
    groups = group_facts([vigil, rally_police, rally_organisers], name_of)
    assert by_member(groups) == {
        frozenset({vigil.id}),
        frozenset({rally_police.id, rally_organisers.id}),
    }
    assert [g.label for g in groups] == [
        "Protesters in Port Selim on 2025-03-14",
        "Protesters in Port Selim on 2025-03-15",
    ]


def test_a_temperature_is_a_days_reading_and_never_revises_another_days() -> None:
    # 43.2C on Tuesday, 44C on Thursday: two days' readings, not one figure revised; two
    # sources on the same day speak about one reading.
    tuesday = fig("temperature", 43.2, unit="C", location="port-selim", as_of=dt.date(2025, 7, 15))
    thursday = fig("temperature", 44, unit="C", location="port-selim", source=2,
                   as_of=dt.date(2025, 7, 17))  # fmt: skip
    thursday_too = fig("temperature", 44, unit="C", location="port-selim", source=3,
                       as_of=dt.date(2025, 7, 17))  # fmt: skip
    groups = group_facts([tuesday, thursday, thursday_too], name_of)
    assert by_member(groups) == {
        frozenset({tuesday.id}),
        frozenset({thursday.id, thursday_too.id}),
    }
    assert all(
        judge(members_of(g, [tuesday, thursday, thursday_too])).revised == () for g in groups
    )


def test_undated_event_figure_without_any_event_nearby_forms_its_own_fact() -> None:
    old = fig("protesters", 800, location="port-selim", as_of=dt.date(2025, 1, 2))
    undated = fig("protesters", 5000, location="port-selim", published=dt.date(2025, 3, 16))
    assert len(group_facts([old, undated], name_of)) == 2


def test_fully_undated_figures_form_one_fact() -> None:
    a = fig("cases", 40, location="valdoria", published=None)
    b = fig("cases", 45, location="valdoria", published=None, source=2)
    groups = group_facts([a, b], name_of)
    assert len(groups) == 1
    assert groups[0].key.endswith("@undated")
    assert groups[0].first_date is None


def _event_mix() -> list[AssertionView]:
    return [
        fig("deaths", 120, None, Qualifier.AT_LEAST, location="valdoria",
            as_of=dt.date(2025, 2, 6), attributor="ministry"),
        fig("deaths", 312, location="valdoria", as_of=dt.date(2025, 2, 8), attributor="ministry"),
        fig("deaths", 450, None, Qualifier.APPROX, location="valdoria", source=2,
            published=dt.date(2025, 2, 8), attributor="ngo"),
        fig("injuries", 1000, None, Qualifier.MORE_THAN, location="valdoria", source=2),
        fig("protesters", 2000, location="port-selim", as_of=dt.date(2025, 3, 14)),
        fig("protesters", 15_000, location="port-selim", as_of=dt.date(2025, 3, 15), source=3),
        fig("protesters", 90_000, location="port-selim", published=dt.date(2025, 3, 16),
            source=4),
        fig("deaths", 31_000, subject="ukraine", as_of=dt.date(2023, 2, 1), source=5),
        fig("deaths", 43_000, subject="ukraine", as_of=dt.date(2024, 12, 8), source=6),
    ]  # fmt: skip


def test_grouping_is_independent_of_input_order() -> None:
    items = _event_mix()
    expected = group_facts(items, name_of)
    shuffler = random.Random(7)
    for _ in range(25):
        shuffled = items[:]
        shuffler.shuffle(shuffled)
        assert group_facts(shuffled, name_of) == expected


def test_fact_keys_are_stable_when_unrelated_sources_arrive() -> None:
    items = _event_mix()
    before = {g.key: g.member_ids for g in group_facts(items, name_of)}
    unrelated = [
        fig("revenue", 4.9e9, unit="USD", subject="acme", source=9),
        fig("evacuated", 3000, location="port-selim", source=9, as_of=dt.date(2025, 3, 15)),
        fig("deaths", 7, location="port-selim", source=9),
    ]
    after = {g.key: g.member_ids for g in group_facts(items + unrelated, name_of)}
    assert all(after[key] == members for key, members in before.items())
    assert len(after) == len(before) + 3


def test_labels_without_a_subject_or_with_unknown_names() -> None:
    groups = group_facts(
        [
            fig("revenue", 4.9e9, unit="USD", subject="acme"),
            fig("casualties", 600_000, None, Qualifier.MORE_THAN, subject="russia"),
            fig("people evacuated", 300, location="valdoria"),
        ],
        name_of,
    )
    assert sorted(g.label for g in groups) == [
        "Acme Corp revenue",
        "People evacuated in Valdoria",
        "Russian casualties",
    ]


def test_forecast_the_reports_exclude_forms_its_own_fact() -> None:
    today = fig("containment", 40, unit="%", as_of=dt.date(2025, 7, 11), attributor="cal-fire")
    sunday = fig(
        "containment", 70, unit="%", as_of=dt.date(2025, 7, 13), forecast=True, source=2,
        attributor="cal-fire",
    )  # fmt: skip
    groups = group_facts([today, sunday], name_of)
    assert [(g.member_ids, g.forecast) for g in groups] == [
        ((today.id,), False),
        ((sunday.id,), True),
    ]
    assert groups[1].key == groups[0].key + "~forecast"
    assert groups[1].label == "Expected containment"


def test_figures_orders_of_magnitude_apart_are_different_facts() -> None:
    per_share = fig("profit", 1.48, unit="USD", subject="acme")
    net = fig("profit", 612e6, unit="USD", subject="acme", source=2)
    net_again = fig("profit", 0.61e9, None, Qualifier.APPROX, unit="USD", subject="acme", source=3)
    groups = group_facts([per_share, net, net_again], name_of)
    assert by_member(groups) == {frozenset({per_share.id}), frozenset({net.id, net_again.id})}
    assert sorted(g.key.rsplit("#", 1)[1] for g in groups) == ["e0", "e8"]
    assert sorted(g.label for g in groups) == [
        "Acme Corp profit (order of $1)",
        "Acme Corp profit (order of $100 million)",
    ]
    # A fivefold disagreement (police against organisers) stays one fact.
    police = fig("people", 48_000, location="port-selim")
    organisers = fig("people", 240_000, location="port-selim", source=2)
    assert len(group_facts([police, organisers], name_of)) == 1


# Fictional places: Port Selim and Karsa lie in Valdoria; Brenna lies in Ostmark.
_COUNTRY = {
    "valdoria": "valdoria",
    "port-selim": "valdoria",
    "karsa": "valdoria",
    "ostmark": "ostmark",
    "brenna": "ostmark",
    "valdoria-interior-ministry": "valdoria",
}


def country_of(key: str) -> str | None:
    return _COUNTRY.get(key)


def contains(outer: str, inner: str) -> bool:
    return outer == inner or (outer in _COUNTRY and _COUNTRY.get(inner) == outer)


def grouped(items: list[AssertionView]) -> list[FactGroup]:
    return group_facts(items, name_of, country_of=country_of, contains=contains)


def test_family_is_keyed_by_country_so_places_and_their_country_meet() -> None:
    site = fig("deaths", 2600, location="port-selim")
    whole = fig("deaths", 2600, location="valdoria", source=2)
    elsewhere = fig("deaths", 2600, location="brenna", source=3)
    assert family_key(site, country_of) == family_key(whole, country_of) == "deaths|count|valdoria"
    assert family_key(elsewhere, country_of) == "deaths|count|ostmark"
    # The subject decides first: a company's figures stay together wherever they are placed.
    placed = fig("revenue", 4.2e9, unit="USD", subject="acme", location="brenna")
    unplaced = fig("revenue", 4.2e9, unit="USD", subject="acme", source=2)
    assert family_key(placed, country_of) == family_key(unplaced, country_of)


def test_figure_without_a_place_joins_the_one_placed_fact_of_its_subject() -> None:
    wire = fig("jobs", 1400, None, Qualifier.APPROX, subject="acme", location="brenna")
    release = fig("jobs", 1500, None, Qualifier.AT_MOST, subject="acme", source=2)
    groups = grouped([wire, release])
    assert by_member(groups) == {frozenset({wire.id, release.id})}
    assert (groups[0].subject, groups[0].location) == ("acme", "brenna")
    assert groups[0].key == "jobs|count|acme|acme|brenna@2025-03-01"


def test_figure_without_a_place_stays_apart_when_two_places_are_named() -> None:
    north = fig("troops", 3000, subject="ostmark", location="port-selim", source=1)
    south = fig("troops", 1500, subject="ostmark", location="karsa", source=2)
    vague = fig("troops", 1500, 10_000, Qualifier.RANGE, subject="ostmark", source=3)
    groups = grouped([north, south, vague])
    assert by_member(groups) == {
        frozenset({north.id}),
        frozenset({south.id}),
        frozenset({vague.id}),
    }


def test_figure_without_a_subject_joins_the_one_subject_at_that_place() -> None:
    named = fig("injuries", 9800, subject="valdoria", location="port-selim", source=1)
    bare = fig("injuries", 10_000, None, Qualifier.MORE_THAN, location="port-selim", source=2)
    assert len(grouped([named, bare])) == 1


def test_subject_that_is_its_own_attributor_is_ignored() -> None:
    # "The interior ministry said 3,100 people had died in Port Selim": the ministry reports
    # the toll, it is not what is counted.
    ministry = fig("deaths", 3100, subject="valdoria-interior-ministry", location="port-selim",
                   attributor="valdoria-interior-ministry")  # fmt: skip
    wire = fig("deaths", 3000, None, Qualifier.MORE_THAN, location="port-selim", source=2)
    groups = grouped([ministry, wire])
    assert by_member(groups) == {frozenset({ministry.id, wire.id})}
    assert groups[0].subject is None


def test_country_figure_joins_its_only_site_when_a_figure_agrees() -> None:
    country_day1 = fig("deaths", 1200, location="valdoria", as_of=dt.date(2025, 3, 3))
    country_day2 = fig("deaths", 2600, location="valdoria", as_of=dt.date(2025, 3, 4))
    site_day2 = fig("deaths", 2600, location="port-selim", source=2, as_of=dt.date(2025, 3, 4))
    site_day3 = fig("deaths", 3100, location="port-selim", source=3, as_of=dt.date(2025, 3, 5))
    groups = grouped([country_day1, country_day2, site_day2, site_day3])
    assert len(groups) == 1
    assert groups[0].location == "port-selim"


def test_part_and_whole_with_different_counts_stay_two_facts() -> None:
    # 1,500 troops in one region and 10,000 in the country: a part and its whole.
    part = fig("troops", 1500, None, Qualifier.AT_LEAST, subject="ostmark", location="karsa")
    whole = fig("troops", 10_000, subject="ostmark", location="valdoria", source=2)
    groups = grouped([part, whole])
    assert by_member(groups) == {frozenset({part.id}), frozenset({whole.id})}
    pairs = containment_candidates(groups, contains)
    assert [(p[0].location, p[1].location) for p in pairs] == [("karsa", "valdoria")]


def test_country_figure_with_two_sites_stays_apart() -> None:
    whole = fig("deaths", 40, location="valdoria")
    one = fig("deaths", 40, location="port-selim", source=2)
    other = fig("deaths", 12, location="karsa", source=3)
    assert len(grouped([whole, one, other])) == 3


def test_one_articles_unattributed_figures_of_one_day_part_ways() -> None:
    # "Nine members voted for the cut; three dissented": extraction names both "members".
    voted = fig("members", 9, subject="acme", source=1)
    dissented = fig("members", 3, subject="acme", source=1)
    groups = grouped([voted, dissented])
    assert by_member(groups) == {frozenset({voted.id}), frozenset({dissented.id})}
    assert sorted(g.key for g in groups) == [
        "members|count|acme|acme|-@2025-03-01",
        f"members|count|acme|acme|-@2025-03-01#x{dissented.id}",
    ]
    assert sorted(g.label for g in groups) == [
        "Acme Corp members",
        "Acme Corp members (another figure in source 1)",
    ]


def test_lost_attribution_keeps_a_value_another_source_gives() -> None:
    # Police 48,000 and organisers 61,000 in one article whose attributions were lost: both
    # values are also reported by other sources, so the disagreement stays one fact.
    police = fig("protesters", 48_000, location="port-selim", source=1)
    organisers = fig("protesters", 61_000, location="port-selim", source=1)
    police_again = fig("protesters", 48_000, location="port-selim", source=2,
                       attributor="police")  # fmt: skip
    organisers_again = fig("protesters", 61_000, location="port-selim", source=3,
                           attributor="union")  # fmt: skip
    groups = grouped([police, organisers, police_again, organisers_again])
    assert len(groups) == 1


def test_attributed_figures_of_one_article_are_never_parted() -> None:
    early = fig("troops", 3000, None, Qualifier.AT_MOST, subject="ostmark", attributor="pentagon")
    later = fig("troops", 10_000, None, Qualifier.AT_MOST, subject="ostmark",
                attributor="pentagon")  # fmt: skip
    assert len(grouped([early, later])) == 1


def test_slot_merging_is_independent_of_input_order() -> None:
    items = [
        fig("deaths", 1200, location="valdoria", as_of=dt.date(2025, 3, 3)),
        fig("deaths", 2600, location="valdoria", source=2, as_of=dt.date(2025, 3, 4)),
        fig("deaths", 2600, location="port-selim", source=3, as_of=dt.date(2025, 3, 4)),
        fig("deaths", 4000, None, Qualifier.MORE_THAN, location="port-selim", source=3),
        fig("deaths", 30, location="brenna", source=4),
        fig("members", 9, subject="acme", source=5),
        fig("members", 3, subject="acme", source=5),
        fig("jobs", 1400, subject="acme", location="brenna", source=6),
        fig("jobs", 1500, None, Qualifier.AT_MOST, subject="acme", source=7),
    ]
    expected = grouped(items)
    shuffler = random.Random(11)
    for _ in range(25):
        shuffled = items[:]
        shuffler.shuffle(shuffled)
        assert grouped(shuffled) == expected
    assert len({g.key for g in expected}) == len(expected)


def test_stored_family_keys_are_used_when_given() -> None:
    # The service regroups by the keys it stored at ingest, even if the knowledge base has
    # learnt a place's country since: a figure is never lost between two families.
    site = fig("deaths", 2600, location="port-selim")
    whole = fig("deaths", 2600, location="valdoria", source=2)
    stored = {site.id: "deaths|count|port-selim", whole.id: "deaths|count|valdoria"}
    groups = group_facts(
        [site, whole], name_of, contains=contains, family_of=lambda a: stored[a.id]
    )
    assert sorted(g.family for g in groups) == ["deaths|count|port-selim", "deaths|count|valdoria"]
    assert len(grouped([site, whole])) == 1


def test_figure_without_a_place_that_contradicts_the_placed_fact_stays_apart() -> None:
    # "About 11,000 people were evacuated" (the whole fire) beside "orders were lifted for
    # about 4,000 residents of Port Selim": no value fits both, so no guess is made.
    total = fig("evacuated", 11_000, None, Qualifier.APPROX, subject="ostmark", source=1)
    local = fig("evacuated", 4000, None, Qualifier.APPROX, subject="ostmark",
                location="port-selim", source=2)  # fmt: skip
    assert len(grouped([total, local])) == 2


def test_figure_without_a_place_joins_the_whole_not_a_region_inside_it() -> None:
    # Flood liveblog: the country's evacuations (two agencies), one province's (two
    # reporters), and a wire line with no place: "between 10,000 and 20,000 people have
    # been evacuated". A figure given without a place is read as the total.
    national = [
        fig(
            "evacuated",
            12_000,
            None,
            Qualifier.AT_LEAST,
            subject="acme",
            location="valdoria",
            source=1,
        ),
        fig(
            "evacuated",
            15_000,
            None,
            Qualifier.APPROX,
            subject="acme",
            location="valdoria",
            source=2,
        ),
    ]
    province = [
        fig("evacuated", 4000, subject="acme", location="port-selim", source=3),
        fig(
            "evacuated",
            4200,
            None,
            Qualifier.APPROX,
            subject="acme",
            location="port-selim",
            source=4,
        ),
    ]
    wire = fig("evacuated", 10_000, 20_000, Qualifier.RANGE, subject="acme", source=5)
    groups = grouped([*national, *province, wire])
    assert by_member(groups) == {
        frozenset({national[0].id, national[1].id, wire.id}),
        frozenset({province[0].id, province[1].id}),
    }
    pairs = containment_candidates(groups, contains)
    assert [(p[0].location, p[1].location) for p in pairs] == [("port-selim", "valdoria")]


def test_figure_without_a_place_joins_the_whole_of_a_chain_of_places() -> None:
    # Only the country and one city inside it are named: still the country's fact.
    whole = fig(
        "arrests", 300, None, Qualifier.MORE_THAN, subject="acme", location="valdoria", source=1
    )
    city = fig("arrests", 120, subject="acme", location="karsa", source=2)
    city_again = fig("arrests", 118, subject="acme", location="karsa", source=3)
    bare = fig("arrests", 350, None, Qualifier.APPROX, subject="acme", source=4)
    groups = grouped([whole, city, city_again, bare])
    assert by_member(groups) == {
        frozenset({whole.id, bare.id}),
        frozenset({city.id, city_again.id}),
    }
    assert {g.location for g in groups} == {"valdoria", "karsa"}


def test_lone_site_repeating_the_whole_number_joins_the_whole() -> None:
    # "As many as 10,000 soldiers are training near Karsa" (one source) beside the
    # country's "up to 10,000" and "at least 3,000": the part repeats the whole's number.
    upper = fig("troops", None, 10_000, Qualifier.AT_MOST, subject="ostmark",
                location="valdoria", source=1)  # fmt: skip
    lower = fig("troops", 3000, None, Qualifier.AT_LEAST, subject="ostmark",
                location="valdoria", source=2)  # fmt: skip
    site = fig("troops", None, 10_000, Qualifier.AT_MOST, subject="ostmark",
               location="karsa", source=3)  # fmt: skip
    groups = grouped([upper, lower, site])
    assert by_member(groups) == {frozenset({upper.id, lower.id, site.id})}
    assert groups[0].location == "valdoria"


def test_lone_site_with_a_number_of_its_own_stays_a_part() -> None:
    # "At least 1,500 of them are in Karsa": a part's own count beside the country's two.
    whole = [
        fig("troops", 10_000, subject="ostmark", location="valdoria", source=1),
        fig(
            "troops",
            12_000,
            None,
            Qualifier.APPROX,
            subject="ostmark",
            location="valdoria",
            source=2,
        ),
    ]
    part = fig("troops", 1500, None, Qualifier.AT_LEAST, subject="ostmark", location="karsa",
               source=3)  # fmt: skip
    groups = grouped([*whole, part])
    assert by_member(groups) == {frozenset({whole[0].id, whole[1].id}), frozenset({part.id})}


def test_lone_site_needs_a_whole_with_two_voices() -> None:
    # One voice for the country and one for the city: nothing says which is the whole's
    # count, so the whole joins the site it repeats (the older rule), keyed at the site.
    whole = fig("deaths", 40, location="valdoria", source=1)
    site = fig("deaths", 40, location="karsa", source=2)
    groups = grouped([whole, site])
    assert len(groups) == 1 and groups[0].location == "karsa"


def test_rival_forecasts_of_two_speakers_part_ways() -> None:
    # Reports of 3,000, 10,000 and 12,000; "thousands could be deployed" (officials) and "a total
    # of 12,000 could be involved" (a spokesman): the reports exclude both forecasts, and
    # no value reconciles them, so each is a forecast fact of its own.
    reports = [
        fig(
            "troops",
            3000,
            None,
            Qualifier.AT_LEAST,
            subject="ostmark",
            source=1,
            attributor="spokesman",
        ),
        fig("troops", 10_000, subject="ostmark", source=2, attributor="ministry"),
        fig(
            "troops",
            12_000,
            None,
            Qualifier.APPROX,
            subject="ostmark",
            source=4,
            attributor="intelligence",
        ),
    ]
    deployed = fig("troops", 2000, 9999, Qualifier.RANGE, subject="ostmark", source=3,
                   forecast=True, attributor="officials")  # fmt: skip
    involved = fig("troops", 12_000, subject="ostmark", source=1, forecast=True,
                   attributor="spokesman")  # fmt: skip
    groups = grouped([*reports, deployed, involved])
    assert by_member(groups) == {
        frozenset({r.id for r in reports}),
        frozenset({deployed.id}),
        frozenset({involved.id}),
    }
    assert sorted(g.label for g in groups if g.forecast) == [
        "Expected ostmark troops",
        "Expected ostmark troops (forecast by source 1)",
    ]
    forecasts = sorted(g.key for g in groups if g.forecast)
    assert forecasts == [
        f"troops|count|ostmark|ostmark|-@2025-03-01#f{involved.id}~forecast",
        "troops|count|ostmark|ostmark|-@2025-03-01~forecast",
    ]


def test_one_forecasters_revised_forecasts_stay_one_fact() -> None:
    early = fig("containment", 50, unit="%", location="port-selim", forecast=True,
                attributor="fire service")  # fmt: skip
    later = fig("containment", 70, unit="%", location="port-selim", forecast=True,
                attributor="fire service", published=dt.date(2025, 3, 2))  # fmt: skip
    assert by_member(grouped([early, later])) == {frozenset({early.id, later.id})}


def test_part_and_whole_rules_are_independent_of_input_order() -> None:
    items = [
        fig(
            "troops",
            None,
            10_000,
            Qualifier.AT_MOST,
            subject="ostmark",
            location="valdoria",
            source=1,
        ),
        fig(
            "troops",
            12_000,
            None,
            Qualifier.APPROX,
            subject="ostmark",
            location="valdoria",
            source=2,
        ),
        fig(
            "troops",
            3000,
            None,
            Qualifier.AT_LEAST,
            subject="ostmark",
            location="valdoria",
            source=3,
        ),
        fig(
            "troops",
            1500,
            None,
            Qualifier.AT_LEAST,
            subject="ostmark",
            location="port-selim",
            source=4,
        ),
        fig(
            "troops",
            5000,
            None,
            Qualifier.APPROX,
            subject="ostmark",
            location="port-selim",
            source=5,
            forecast=True,
        ),
        fig(
            "troops", None, 10_000, Qualifier.AT_MOST, subject="ostmark", location="karsa", source=5
        ),
        fig("troops", 1500, 10_000, Qualifier.RANGE, subject="ostmark", source=6),
        fig("troops", 2000, 9999, Qualifier.RANGE, subject="ostmark", source=5, forecast=True),
        fig("troops", 12_000, subject="ostmark", source=3, forecast=True, attributor="aide"),
    ]
    expected = grouped(items)
    shuffler = random.Random(7)
    for _ in range(25):
        shuffled = items[:]
        shuffler.shuffle(shuffled)
        assert grouped(shuffled) == expected
    assert len({g.key for g in expected}) == len(expected)
    site_of = {i: g.location for g in expected for i in g.member_ids}
    assert site_of[items[5].id] == site_of[items[6].id] == "valdoria"  # lone site, unplaced
    assert site_of[items[3].id] == "port-selim"
