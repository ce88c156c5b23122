"""Quantity normalisation: the synonym table and the reading of natural phrases."""

from __future__ import annotations

import pytest

from service.domain.quantities import (
    QUANTITY_TABLE_VERSION,
    SYNONYM_TABLE,
    SYNONYMS,
    canonical_quantity,
    change_of,
    level_of,
    quantity_for,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("troops", "troops"),
        ("soldiers", "troops"),
        ("North Korean servicemen", "troops"),
        ("elite troops", "troops"),
        ("soldiers killed or wounded", "casualties"),
        ("troops killed or injured", "casualties"),
        ("dead and wounded", "casualties"),
        ("Russian military casualties", "casualties"),
        ("troops killed", "deaths"),
        ("people killed in the February 2023 earthquakes", "deaths"),
        ("death toll", "deaths"),
        ("people died", "deaths"),
        ("people seriously injured", "injuries"),
        ("people evacuated", "evacuated"),
        ("people displaced", "displaced"),
        ("homes destroyed", "homes destroyed"),
        ("homes destroyed in the 2011 earthquake", "homes destroyed"),
        ("buildings collapsed", "buildings destroyed"),
        ("rounds of ammunition", "ammunition rounds"),
        ("territory", "territory"),
        ("miles", "distance"),
        ("unemployment rate", "unemployment rate"),
        ("jobless rate", "unemployment rate"),
        ("voter turnout", "turnout"),
        ("emergency humanitarian funding", "aid"),
        ("aid for shelter and winter clothing", "aid"),
        ("earthquake depth", "depth"),
        ("strongest aftershock magnitude", "magnitude"),
        ("population", "people"),
    ],
)
def test_canonical_quantity_reads_natural_phrases(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("search team specialists", "specialists"),
        ("field hospitals sent", "hospitals"),
        ("countries offering help", "countries"),
        ("hot meals a day", "meals"),
        ("people waiting in a sports hall", "people"),
    ],
)
def test_unknown_nouns_keep_their_head_word(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_outcomes_keep_counts_of_different_things_apart() -> None:
    sent = canonical_quantity("troops")
    killed = canonical_quantity("troops killed")
    injured = canonical_quantity("soldiers injured")
    destroyed = canonical_quantity("homes destroyed")
    evacuated = canonical_quantity("people evacuated")
    assert len({sent, killed, injured, destroyed, evacuated}) == 5


def test_quantity_for_applies_people_outcomes_only_to_people() -> None:
    assert quantity_for("soldiers", "killed") == "deaths"
    assert quantity_for("homes", "killed") == "homes"
    assert quantity_for("homes", "destroyed") == "homes destroyed"
    assert quantity_for("civilians", "killed or wounded") == "casualties"


def test_unknown_nouns_killed_or_hurt_are_people_unless_animals() -> None:
    assert quantity_for("skiers", "killed") == "deaths"
    assert quantity_for("cyclists", "injured") == "injuries"
    assert canonical_quantity("skiers killed") == "deaths"
    assert quantity_for("sheep", "died") == "sheep"
    assert quantity_for("skiers", None) == "skiers"
    assert quantity_for("skiers", "evacuated") == "skiers"  # not an outcome only people suffer


def test_table_is_versioned_and_canonical_names_map_to_themselves() -> None:
    assert QUANTITY_TABLE_VERSION >= 1
    for canonical in SYNONYM_TABLE:
        assert SYNONYMS[canonical] == canonical
        assert canonical_quantity(canonical) == canonical


def test_empty_and_punctuation_only_phrases() -> None:
    assert canonical_quantity("") == ""
    assert canonical_quantity("  ,  ") == ""


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("people sheltering in a sports hall", "sheltered"),
        ("households without power", "power outages"),
        ("customers without electricity", "power outages"),
        ("miners trapped", "trapped"),
        ("people fled", "displaced"),
        ("people evacuated", "evacuated"),
        ("residents under evacuation warnings", "evacuation warnings"),
        ("homes destroyed", "homes destroyed"),
        ("homes damaged", "homes damaged"),
        ("territory captured", "territory captured"),
        ("fines", "fine"),
        ("contract value", "value"),
    ],
)
def test_table_v6_names(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_evacuated_and_displaced_stay_apart() -> None:
    # ordered out for a time vs fled or lost their homes: two facts a reader checks apart
    assert canonical_quantity("people evacuated") != canonical_quantity("people displaced")
    assert canonical_quantity("evacuation warnings") != canonical_quantity("evacuated")
    assert canonical_quantity("damage") != canonical_quantity("losses")


def test_a_fatality_rate_is_not_a_death_count() -> None:
    assert canonical_quantity("case fatality rate") == "fatality rate"
    assert canonical_quantity("fatalities") == "deaths"


def test_humanitarian_funding_is_aid() -> None:
    assert canonical_quantity("emergency humanitarian funding") == canonical_quantity("aid")
    assert canonical_quantity("relief funds") == "funding"


def test_others_after_an_outcome_counts_people() -> None:
    assert canonical_quantity("others injured") == "injuries"


def test_a_change_noun_names_a_change_not_the_level_it_changes() -> None:
    # "A change of a level is named for what changes, never the level itself" (docstring)
    assert canonical_quantity("share price fall") == "share price decline"
    assert canonical_quantity("sales drop") == "revenue decline"
    assert canonical_quantity("pay rise") == "growth"
    assert canonical_quantity("revenue growth") == "revenue growth"
    # a rise of a toll is a change of it ("rose by 12"), kept apart from the toll itself
    assert canonical_quantity("death toll rise") == "deaths growth"
    assert canonical_quantity("rainfall") == "rainfall"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("prison term", "sentence"),
        ("jail sentence", "sentence"),
        ("weekly wage", "wages"),
        ("salary", "wages"),
        ("wheat crop", "harvest"),
        ("crops", "harvest"),
        ("fans", "attendance"),
        ("average league attendance this season", "attendance"),
        ("people killed this week", "deaths"),
        ("revenue next year", "revenue"),
    ],
)
def test_sentences_wages_harvests_and_crowds_have_one_name(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_a_collapsed_building_counts_as_destroyed() -> None:
    assert canonical_quantity("buildings collapsed") == canonical_quantity("buildings destroyed")


def test_a_deficit_is_not_a_debt() -> None:
    assert canonical_quantity("budget deficit") == canonical_quantity("deficit") == "deficit"
    assert canonical_quantity("public debt") == "debt"


@pytest.mark.parametrize(
    ("change", "level"),
    [
        ("visitors growth", "visitors"),
        ("revenue decline", "revenue"),
        ("export growth", "exports"),
        ("people decline", "people"),
        ("growth", None),
        ("deaths", None),
    ],
)
def test_the_level_a_change_is_of(change: str, level: str | None) -> None:
    assert level_of(change) == level
    if level is not None:
        assert change_of(level, change.rsplit(" ", 1)[-1]) == change
