"""One count worded differently by two outlets gets one quantity name, read from sentences
unlike the corpus's (prepositions, measurement nouns, verbs after a figure)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.extraction import extract_article
from service.domain.quantities import canonical_quantity, change_of
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 3, 17, 16, 45, tzinfo=dt.UTC)  # a Tuesday


def _quantity(sentence: str, fragment: str) -> str:
    article = extract_article(text=sentence, published_at=PUBLISHED)
    return the_figure(article, fragment).quantity


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("ships diverted via the Skagerrak", "ships diverted"),
        ("visitors through the gates", "visitors"),
        ("parcels via couriers", "parcels"),
        ("cases despite the campaign", "cases"),
    ],
)
def test_a_preposition_ends_the_counted_phrase(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_a_noun_before_via_is_what_is_counted() -> None:
    sentence = "The agency said 57 ship diversions via the Skagerrak had been logged."
    assert _quantity(sentence, "57") == "ships diverted"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("passenger numbers", "people"),
        ("troop numbers", "troops"),
        ("casualty figures", "casualties"),
        ("AQI readings", "air quality index"),
        ("vote count", "votes"),
    ],
)
def test_a_measure_head_names_its_modifier(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("sentence", "fragment", "expected"),
    [
        ("AQI readings hit 187 in Minneapolis on Tuesday.", "187", "air quality index"),
        ("The air quality index reached 187 in Minneapolis.", "187", "air quality index"),
        # a noun made from a verb heads its phrase past a place ("on the ... campus")
        ("Enrollment on the Ann Arbor campus stands at about 52,000.", "52,000", "enrollment"),
        ("Occupancy in the city's hotels reached 91%.", "91%", "occupancy"),
        ("Production at the mine stood at 61,500 tonnes.", "61,500", "production"),
    ],
)
def test_the_noun_before_the_verb_names_the_figure(
    sentence: str, fragment: str, expected: str
) -> None:
    assert _quantity(sentence, fragment) == expected


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("Revenue growth of 12% beat forecasts, the company said.", "12%"),
        ("Sales rose 12% and topped estimates.", "12%"),
    ],
)
def test_a_verb_after_a_share_is_not_its_noun(sentence: str, fragment: str) -> None:
    assert _quantity(sentence, fragment) == "revenue growth"


def _quantities(text: str) -> list[str]:
    article = extract_article(text=text, published_at=PUBLISHED)
    return [a.quantity for claim in article.claims for a in claim.assertions]


def test_an_unnamed_tonnage_continues_the_paragraphs_named_one() -> None:
    text = (
        "Copper production fell to 148,200 tonnes. "
        "The Los Arrieros mine accounted for 61,500 tonnes."
    )
    assert _quantities(text) == ["copper production", "copper production"]


def test_an_unnamed_tonnage_in_another_paragraph_or_a_forecast_is_not_carried() -> None:
    assert _quantities("Copper production fell to 148,200 tonnes.\n\nIt bought 20,000 tonnes.") == [
        "copper production",
        "weight",
    ]
    assert _quantities(
        "Copper production fell to 148,200 tonnes. Analysts had expected 150,000 tonnes."
    ) == ["copper production", "weight"]


@pytest.mark.parametrize(
    ("sentence", "fragment", "expected"),
    [
        # a headline's present tense links a noun to its change as the past tense does
        ("Enrollment rises 3% to 52,000.", "3%", "enrollment growth"),
        ("Enrollment rises 3% to 52,000.", "52,000", "enrollment"),
        ("Net profit falls 8% as costs climb.", "8%", "profit decline"),
    ],
)
def test_present_tense_change_verbs_link_like_past_ones(
    sentence: str, fragment: str, expected: str
) -> None:
    assert _quantity(sentence, fragment) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("price increases", "growth"), ("share price falls", "share price decline")],
)
def test_plural_change_nouns_name_a_change(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("one", "other", "name"),
    [
        ("copper output", "copper production", "production"),
        ("olive oil output", "olive oil production", "production"),
    ],
)
def test_output_and_production_are_one_measure(one: str, other: str, name: str) -> None:
    assert canonical_quantity(one) == canonical_quantity(other) == name


def test_a_change_of_output_is_the_economys_unless_a_good_is_named() -> None:
    assert change_of("output", "decline") == "decline"
    assert change_of("economic output", "growth") == "growth"
    assert change_of("copper output", "decline") == "production decline"


def test_output_at_a_site_inside_a_region_is_production() -> None:
    sentence = "Output at the Los Arrieros mine in the Antofagasta region dropped to 61,500 tonnes."
    assert _quantity(sentence, "61,500") == "production"


@pytest.mark.parametrize(
    ("sentence", "fragment", "expected"),
    [
        # an irregular past tense after the noun is its verb, not its head
        ("The 300-metre span fell into the river.", "300", "length"),
        ("About 120 homes fell into disrepair.", "120", "homes"),
        ("Aid agencies counted 250,000 IDPs.", "250,000", "displaced"),
    ],
)
def test_irregular_verbs_end_the_noun_phrase(sentence: str, fragment: str, expected: str) -> None:
    assert _quantity(sentence, fragment) == expected


def test_a_rate_between_a_sum_and_its_noun_is_passed() -> None:
    sentence = "Resident undergraduates will now pay $18,240 a year in tuition and fees."
    assert _quantity(sentence, "18,240") == "fees"


def test_a_participle_phrase_after_the_subject_does_not_name_the_figure() -> None:
    sentence = "The general fund budget approved alongside the tuition rates totals $2.6 billion."
    assert _quantity(sentence, "2.6") == "funding"


@pytest.mark.parametrize(
    ("sentence", "fragment", "expected"),
    [
        ("The 380-metre bridge was built in the 1970s.", "380", "length"),
        ("A 20-tonne truck overturned on the bridge.", "20", "weight"),
    ],
)
def test_a_hyphenated_measure_before_a_noun_is_its_size(
    sentence: str, fragment: str, expected: str
) -> None:
    assert _quantity(sentence, fragment) == expected


def test_an_adverb_after_the_noun_ends_the_noun_phrase() -> None:
    sentence = "The money should come from the university's $21 billion endowment instead."
    assert _quantity(sentence, "21") == "endowment"


def test_a_share_higher_than_before_is_a_change_of_the_figure_before() -> None:
    sentence = (
        "The group reported revenue of $4,210m for the quarter, 12 per cent higher than a "
        "year earlier."
    )
    assert _quantity(sentence, "12 per cent") == "revenue growth"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The vaccine reduced hospitalisations by 90%.", "hospitalized decline"),
        ("The regents voted to raise tuition for in-state undergraduates by 4.5%.", "fees growth"),
        ("The company cut its costs by 5%.", "cost decline"),
    ],
)
def test_a_share_after_a_verb_its_object_and_by_changes_the_object(
    sentence: str, expected: str
) -> None:
    assert _quantity(sentence, "%") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("That was 3% more than in 2024.", "growth"),
        ("The figure was 5% less than expected.", "decline"),
        ("The rate was unchanged at 4.25%.", "rate"),
        ("Mortgage rates averaged 6.8%.", "mortgage rate"),
        ("The average mortgage rate rose to 6.8%.", "mortgage rate"),
    ],
)
def test_comparatives_and_steady_levels_name_their_figure(sentence: str, expected: str) -> None:
    assert _quantity(sentence, "%") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sales climbed by an annual 4%.", "revenue growth"),
        ("Protection waned to 40% after six months.", "protection"),
    ],
)
def test_period_adjectives_and_waning_link_a_noun_to_its_share(
    sentence: str, expected: str
) -> None:
    assert _quantity(sentence, "%") == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("average house price", "price"),
        ("house prices", "price"),
        ("price target", "target"),
        ("energy price cap", "cap"),
        ("consumer prices", "inflation"),
        ("share price", "share price"),
    ],
)
def test_a_price_is_never_a_count_of_the_good(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_people_saved_are_rescued() -> None:
    assert _quantity("Emergency crews saved 30 people.", "30") == _quantity(
        "Thirty people were rescued.", "Thirty"
    )
