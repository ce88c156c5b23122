"""find_numbers: values, qualifiers, ranges, units, vague amounts and what is not a figure."""

from __future__ import annotations

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
        ("The vote took a two-year campaign.", ("two-year", 2, 2, E, "year")),
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
