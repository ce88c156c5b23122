"""find_numbers: values, qualifiers, ranges, units, vague amounts and what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.domain.model import NumberMention, Qualifier
from service.domain.numbers import find_numbers, is_small_word_number, parse_number_words
from service.domain.units import to_base

E, A, R = Qualifier.EXACT, Qualifier.APPROX, Qualifier.RANGE


def only(text: str) -> NumberMention:
    found = find_numbers(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def reading(text: str) -> tuple[str, float | None, float | None, Qualifier, str | None]:
    m = only(text)
    return m.text, m.low, m.high, m.qualifier, m.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They counted 1,500 cases.", ("1,500", 1500, 1500, E, None)),
        ("It was 1.5 times.", ("1.5", 1.5, 1.5, E, None)),
        ("A ratio of 0.75 was found.", ("0.75", 0.75, 0.75, E, None)),
        ("The figure was 12,000.", ("12,000", 12000, 12000, E, None)),
        ("About 1.5 million people fled.", ("About 1.5 million", 1.5e6, 1.5e6, A, None)),
        ("It costs $35bn.", ("$35bn", 35e9, 35e9, E, "USD")),
        ("It costs €2.3 billion.", ("€2.3 billion", 2.3e9, 2.3e9, E, "EUR")),
        ("A 12k crowd.", ("12k", 12000, 12000, E, None)),
        ("Some 3m people moved.", ("Some 3m", 3e6, 3e6, A, None)),
        ("He ran the 100m race.", ("100m", 100, 100, E, "m")),
        ("A bill of 35 bn was paid.", ("35 bn", 35e9, 35e9, E, None)),
        ("It rose 12% today.", ("12%", 12, 12, E, "%")),
        ("It rose 12 percent today.", ("12 percent", 12, 12, E, "%")),
        ("It rose 12 per cent today.", ("12 per cent", 12, 12, E, "%")),
        ("It rose twelve percent today.", ("twelve percent", 12, 12, E, "%")),
        ("They pledged $20bn in aid.", ("$20bn", 20e9, 20e9, E, "USD")),
        ("A fine of £1.2m was set.", ("£1.2m", 1.2e6, 1.2e6, E, "GBP")),
        ("A loan of US$5 million came.", ("US$5 million", 5e6, 5e6, E, "USD")),
        ("They paid 5 million dollars.", ("5 million dollars", 5e6, 5e6, E, "USD")),
        ("A grant of Rs 200 crore was made.", ("Rs 200 crore", 2e9, 2e9, E, "INR")),
        ("It covers 250 square kilometers.", ("250 square kilometers", 250, 250, E, "km2")),
        ("It lies 5,700 miles away.", ("5,700 miles", 5700, 5700, E, "mi")),
        ("A farm of 1,200 acres burned.", ("1,200 acres", 1200, 1200, E, "acre")),
        ("An area of 40 km2 burned.", ("40 km2", 40, 40, E, "km2")),
        ("They moved 3 tonnes of food.", ("3 tonnes", 3, 3, E, "t")),
        ("Each got 10 litres of water.", ("10 litres", 10, 10, E, "l")),
        ("The talks took three weeks.", ("three weeks", 3, 3, E, "week")),
    ],
)
def test_values_scales_and_units(text: str, expected: tuple[object, ...]) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("three thousand", 3000),
        ("twenty-nine", 29),
        ("half a million", 500_000),
        ("a million", 1e6),
        ("one hundred and six", 106),
        ("two thousand and two hundred", 2200),
        ("a quarter of a million", 250_000),
        ("five and a half million", 5.5e6),
        ("two hundred point seventy-one", 200.71),
    ],
)
def test_parse_number_words(phrase: str, value: float) -> None:
    assert parse_number_words(phrase) == pytest.approx(value)


def test_parse_number_words_rejects_non_numbers() -> None:
    assert parse_number_words("three two") is None
    assert parse_number_words("the troops") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It took a dozen tries.", ("a dozen", 12, 12, E, None)),
        ("It took two dozen tries.", ("two dozen", 24, 24, E, None)),
        ("There were a million voices.", ("a million", 1e6, 1e6, E, None)),
        ("Nearly half a million fled.", ("Nearly half a million", 5e5, 5e5, A, None)),
        ("It lasted 2½ years.", ("2½ years", 2.5, 2.5, E, "year")),
        ("The door is 2 1/2 inches thick.", ("2 1/2 inches", 2.5, 2.5, E, "in")),
        ("Two thirds of voters agreed.", ("Two thirds", 2 / 3 * 100, 2 / 3 * 100, E, "%")),
        (
            "More than half of the staff left.",
            ("More than half", 50, None, Qualifier.MORE_THAN, "%"),
        ),
        ("One in five adults smoke.", ("One in five", 20, 20, E, "%")),
        ("Markets fell -3.5% on Monday.", ("-3.5%", -3.5, -3.5, E, "%")),
        (
            "Temperatures hit minus 5 degrees Celsius.",
            ("minus 5 degrees Celsius", -5, -5, E, "degC"),
        ),
        ("Output of 3 million barrels a day.", ("3 million barrels a day", 3e6, 3e6, E, "bbl/d")),
        ("A 15€ ticket.", ("15€", 15, 15, E, "EUR")),
    ],
)
def test_words_fractions_and_signs(text: str, expected: tuple[object, ...]) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        *[
            (w, Qualifier.APPROX)
            for w in ["about", "around", "roughly", "some", "nearly", "almost"]
        ],
        *[(w, Qualifier.APPROX) for w in ["an estimated", "approximately", "close to", "~"]],
        *[(w, Qualifier.AT_LEAST) for w in ["at least", "no fewer than", "a minimum of"]],
        *[(w, Qualifier.MORE_THAN) for w in ["more than", "over", "well over", "passed", "above"]],
        *[(w, Qualifier.MORE_THAN) for w in ["exceeding", "in excess of", "upwards of"]],
        *[(w, Qualifier.AT_MOST) for w in ["up to", "as many as", "no more than", "a maximum of"]],
        (("at most", Qualifier.AT_MOST)),
        *[(w, Qualifier.LESS_THAN) for w in ["less than", "fewer than", "under", "below"]],
    ],
)
def test_qualifier_words_before(phrase: str, qualifier: Qualifier) -> None:
    m = only(f"Officials said {phrase} 3,000 people were displaced.")
    assert (m.text, m.qualifier) == (f"{phrase} 3,000", qualifier)
    if qualifier in (Qualifier.EXACT, Qualifier.APPROX):
        assert (m.low, m.high) == (3000, 3000)
    elif qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        assert (m.low, m.high) == (3000, None)
    else:
        assert (m.low, m.high) == (None, 3000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It drew 3,000+ fans.", ("3,000+", 3000, None, Qualifier.MORE_THAN)),
        ("A 50-plus crowd.", ("50-plus", 50, None, Qualifier.MORE_THAN)),
        ("Some 200 or more were hurt.", ("Some 200 or more", 200, None, Qualifier.AT_LEAST)),
        ("It took 30 or so minutes.", ("30 or so minutes", 30, 30, A)),
        ("A 20-odd strong team.", ("20-odd", 20, 20, A)),
        ("Wages of 100 or less.", ("100 or less", None, 100, Qualifier.AT_MOST)),
    ],
)
def test_qualifier_words_after(text: str, expected: tuple[object, ...]) -> None:
    m = only(text)
    assert (m.text, m.low, m.high, m.qualifier) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They sent between 1,500 and 10,000 troops.",
            ("between 1,500 and 10,000", 1500, 10000, None),
        ),
        ("They sent 1,500 to 10,000 troops.", ("1,500 to 10,000", 1500, 10000, None)),
        ("They sent 10-15 tanks.", ("10-15", 10, 15, None)),
        ("Some 2000-3000 people fled.", ("Some 2000-3000", 2000, 3000, None)),
        ("It hit between about 5 and 10 towns.", ("between about 5 and 10", 5, 10, None)),
        ("They sent 10–15 tanks.", ("10–15", 10, 15, None)),
        ("Anywhere from 5 to 7 days.", ("from 5 to 7 days", 5, 7, "day")),
        ("It will cost $20bn-$30bn.", ("$20bn-$30bn", 20e9, 30e9, "USD")),
        ("It will cost $20-30bn.", ("$20-30bn", 20e9, 30e9, "USD")),
        ("Turnout fell by 20-30 percent.", ("20-30 percent", 20, 30, "%")),
        ("Between 1.5 and 2 million fled.", ("Between 1.5 and 2 million", 1.5e6, 2e6, None)),
        ("It lasts two or three weeks.", ("two or three weeks", 2, 3, "week")),
        ("Above 10 and below 40 people.", ("Above 10 and below 40", 10, 40, None)),
    ],
)
def test_ranges(text: str, expected: tuple[object, ...]) -> None:
    m = only(text)
    assert (m.text, m.low, m.high, m.unit) == expected
    assert m.qualifier is R


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon revised the number of troops in Russia up to 10,000.",
        "Officials raised their estimate of the dead up to 10,000.",
        "The toll rose to 10,000.",
        "The toll increased to 10,000.",
        "The toll climbed to 10,000.",
    ],
)
def test_a_figure_after_a_change_verb_is_the_new_value(text: str) -> None:
    m = only(text)
    assert (m.low, m.high, m.qualifier) == (10000, 10000, E)


def test_up_to_stays_a_bound_without_a_change_verb_or_after_by() -> None:
    assert only("Up to 10,000 may be deployed.").qualifier is Qualifier.AT_MOST
    assert only("Prices rose by up to 30%.").qualifier is Qualifier.AT_MOST
    assert (
        only("Officials raised concerns that up to 700 could die.").qualifier is Qualifier.AT_MOST
    )


@pytest.mark.parametrize(
    ("phrase", "low", "high", "qualifier"),
    [
        ("several hundred", 300, 900, R),
        ("a few hundred", 200, 500, R),
        ("hundreds of", 200, 999, R),
        ("thousands of", 2000, 9999, R),
        ("tens of thousands of", 20000, 99999, R),
        ("hundreds of thousands of", 200000, 999999, R),
        ("dozens of", 24, 99, R),
        ("half a dozen", 6, 6, A),
        ("a handful of", 3, 5, R),
    ],
)
def test_vague_amounts(phrase: str, low: float, high: float, qualifier: Qualifier) -> None:
    m = only(f"Police said {phrase} protesters gathered.")
    assert (m.low, m.high, m.qualifier, m.vague) == (low, high, qualifier, True)
    assert m.text == phrase.removesuffix(" of")


def test_vague_amount_takes_a_currency_after_of() -> None:
    m = only("It cost billions of dollars.")
    assert (m.text, m.unit, m.low) == ("billions of dollars", "USD", 2e9)


@pytest.mark.parametrize(
    "text",
    [
        "On October 23, the troops arrived.",
        "The Oct. 28 statement said so.",
        "It happened on 23 October 2024.",
        "Filed 2024-10-28 in the registry.",
        "Posted June 18, 2024 by staff.",
        "Updated at 06:09 pm local time.",
        "The meeting starts at 10am.",
        "The war began in 2022.",
        "Fighting has continued since 2014.",
        "The 2023-24 season was cancelled.",
        "Music of the 1990s returned.",
        "It was the third year of war.",
        "He finished 21st overall.",
        "She came first in the race.",
        "The G7 met again.",
        "They asked for F-16 jets.",
        "He caught COVID-19 last winter.",
        "Under Section 427 of the code.",
        "A Boeing 737 landed.",
        "They drove down Route 66.",
        "Apollo 11 landed on the Moon.",
        "Call +1-222-333-4444 for help.",
        "Call (555) 123-4567 for help.",
        "One of the soldiers was hurt.",
        "No one was hurt.",
        "One thought on the plan.",
        "Visit https://example.com/page?id=30%25 now.",
        "Version 192.168.1.2 was used.",
        "A 10-year-old boy was hurt.",
        "The team won 3-1 on Sunday.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_numbers(text) == [], [m.text for m in find_numbers(text)]


@pytest.mark.parametrize(
    "text",
    ["Earthquake Kills 300 People", "Yesterday 300 people fled.", "On Monday 300 people fled."],
)
def test_capitalised_words_that_do_not_make_a_name(text: str) -> None:
    assert only(text).low == 300


def test_a_bound_makes_a_year_like_number_a_count() -> None:
    m = only("Police said more than 2000 people marched.")
    assert (m.text, m.low) == ("more than 2000", 2000)


def test_bare_one_needs_a_counted_noun() -> None:
    assert only("Only one soldier survived.").text == "one"
    assert (only("One in ten died.").unit, only("One in ten died.").low) == ("%", 10)
    m = only("It killed two people.")
    assert is_small_word_number(m)
    assert not is_small_word_number(only("It killed 2,000 people."))


def test_offsets_cover_the_phrase_and_match_the_text() -> None:
    text = "Reports said between 1,500 and 10,000 troops and about $35bn in aid, over 5,700 miles."
    found = find_numbers(text)
    assert [m.text for m in found] == [
        "between 1,500 and 10,000",
        "about $35bn",
        "over 5,700 miles",
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_figures_in_one_sentence_stay_separate() -> None:
    found = find_numbers("Kyiv said 3,000 soldiers arrived, 12,000 more are expected by 2025.")
    assert [(m.text, m.low) for m in found] == [("3,000", 3000), ("12,000", 12000)]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (5700, "mi", (5700 * 1609.344, "m")),
        (10, "km", (10000, "m")),
        (1200, "acre", (1200 * 0.0040468564224, "km2")),
        (100, "ha", (1, "km2")),
        (3, "t", (3000, "kg")),
        (10, "lb", (4.5359237, "kg")),
        (10, "gal", (37.85411784, "l")),
        (2, "week", (14, "day")),
        (0.5, "fraction", (50, "%")),
        (35e9, "USD", (35e9, "USD")),
        (7, None, (7, None)),
    ],
)
def test_to_base(value: float, unit: str | None, expected: tuple[float, str | None]) -> None:
    converted, base = to_base(value, unit)
    assert base == expected[1]
    assert converted == pytest.approx(expected[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit rose 8pc.", ("8pc", 8, "%")),
        ("The Fed cut by 75 basis points.", ("75 basis points", 75, "bp")),
        ("A 25-basis-point cut.", ("25-basis-point", 25, "bp")),
        (
            "Rates fell by a quarter of a percentage point.",
            ("a quarter of a percentage point", 0.25, "pp"),
        ),
        ("They walked half a mile.", ("half a mile", 0.5, "mi")),
        ("Temperatures reached 45C.", ("45C", 45, "degC")),
        ("Turnout rose 2.3 percentage points.", ("2.3 percentage points", 2.3, "pp")),
        ("The light oscillates at 4e14 hertz.", ("4e14", 4e14, None)),
        ("The magnitude-7.8 quake struck.", ("7.8", 7.8, None)),
    ],
)
def test_market_and_measure_units(text: str, expected: tuple[object, ...]) -> None:
    m = only(text)
    assert (m.text, m.low, m.unit) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Biden, 81, said nothing.",
        "The meeting is on January 27-28.",
        "The quake hit at 0117 GMT.",
        "The new iPhone 15 sold out.",
        "The Category 4 storm weakened.",
        "Air Force One landed.",
        "It was a one-sided game and a third-party bid.",
        "The budget was cut in half.",
        "They met for an hour and a half.",
        "It is the number one priority.",
        "We meet at 10 o'clock.",
        "He lives at 10 Downing Street.",
        "Around 2015, the firm grew.",
        "The plan runs up to 2030.",
        "A two-year campaign ended.",
        "The 10-year Treasury note rallied to a 52-week high.",
        "It ran two-dose campaigns with a three-member panel.",
    ],
)
def test_more_non_figures(text: str) -> None:
    assert find_numbers(text) == [], [m.text for m in find_numbers(text)]


def test_a_unit_word_inside_a_compound_is_not_the_unit() -> None:
    assert reading("The CDU won more than 1.3 million second-round votes.") == (
        "more than 1.3 million",
        1.3e6,
        None,
        Qualifier.MORE_THAN,
        None,
    )


def test_a_conversion_in_brackets_keeps_the_qualifier() -> None:
    found = find_numbers("The fire is about 80 km (50 miles) from the city.")
    assert [(m.text, m.qualifier, m.unit) for m in found] == [
        ("about 80 km", A, "km"),
        ("50 miles", A, "mi"),
    ]


def test_counts_listed_after_names() -> None:
    found = find_numbers("The CDU will have 54 seats, the SPD 47, the AfD 27 and the Greens 18.")
    assert [m.low for m in found] == [54, 47, 27, 18]


def test_change_from_to_gives_two_figures_and_a_plain_from_to_a_range() -> None:
    found = find_numbers("Unemployment fell from 4.1% to 3.9%, and prices ranged from 2% to 4%.")
    assert [(m.text, m.qualifier) for m in found] == [
        ("4.1%", E),
        ("3.9%", E),
        ("from 2% to 4%", R),
    ]


CORPUS = Path(__file__).parents[1] / "corpus"
ARTICLES = sorted([*Path("/work/shared/seeds").glob("*.txt"), *CORPUS.glob("*/*.md")])


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_mentions_in_real_articles_keep_the_contract(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = find_numbers(text)
    assert found
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end, "mentions are ordered and do not overlap"
        previous_end = m.end
        if m.qualifier in (E, A):
            assert m.low is not None and m.low == m.high
        elif m.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            assert m.low is not None and m.high is None
        elif m.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
            assert m.low is None and m.high is not None
        else:
            assert m.low is not None and m.high is not None and m.low < m.high
        if m.unit == "%":
            assert all(v is None or -100 <= v <= 1000 for v in (m.low, m.high))


def test_a_scaled_figure_is_its_decimal_value() -> None:
    # binary floats make 4.1 * 1e9 = 4,099,999,999.9999995 and 0.07 * 1e9 = 70,000,000.00000001
    text = "Guidance: between $4.1bn and $4.3bn, $0.07bn of it from fees; 5.1 million users."
    values = [(n.low, n.high) for n in find_numbers(text)]
    assert (4_100_000_000.0, 4_300_000_000.0) in values
    assert (70_000_000.0, 70_000_000.0) in values
    assert (5_100_000.0, 5_100_000.0) in values
