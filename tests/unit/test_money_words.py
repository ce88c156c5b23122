"""Money in coins ("41p", "12 cents"), currencies written as words ("crowns", "zloty"), and
the story deciding which currency a word shared by several countries means."""

from __future__ import annotations

import pytest

from service.domain.currency_context import resolve_currencies
from service.domain.extraction import extract_article
from service.domain.numbers import find_numbers
from service.domain.units import GENERIC_CURRENCIES, SUBUNITS, UNITS, dimension_of
from tests.unit.figures import the_figure


def readings(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(m.text, m.low, m.unit) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The cap rises to 41p per kWh.", [("41p", 0.41, "GBP")]),
        ("A standing charge of 53.35p a day.", [("53.35p", 0.5335, "GBP")]),
        ("It rose to 53.8p, from 25.73p.", [("53.8p", 0.538, "GBP"), ("25.73p", 0.2573, "GBP")]),
        ("Stamps will cost 50 pence more.", [("50 pence", 0.5, "GBP")]),
        ("Petrol fell 12 cents a litre.", [("12 cents", 0.12, "CENT")]),
        ("Each bar costs 99¢ now.", [("99¢", 0.99, "CENT")]),
        ("Petrol rose 5c to 199.9c a litre.", [("5c", 0.05, "CENT"), ("199.9c", 1.999, "CENT")]),
        ("Shares fell 12p to 345p.", [("12p", 0.12, "GBP"), ("345p", 3.45, "GBP")]),
        ("Shares closed two pence lower.", [("two pence", 0.02, "GBP")]),
        ("It costs half a penny more.", [("half a penny", 0.005, "GBP")]),
        ("A dividend of 5 öre per share.", [("5 öre", 0.05, "KRONE")]),
        ("It pays 50 øre more.", [("50 øre", 0.5, "KRONE")]),
    ],
)
def test_coins_are_money_in_the_main_unit(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert readings(text) == expected


def test_a_coin_range_divides_both_ends() -> None:
    (found,) = find_numbers("Tariffs of between 24 and 27p per kWh.")
    assert (found.low, found.high, found.unit) == (0.24, 0.27, "GBP")


@pytest.mark.parametrize(
    "text",
    [
        "Streams in 720p and 1080p.",
        "A one-penny coin and a 5-pence coin.",
        "Not a 5-pence coin in sight.",
        "Temperatures hit 30c on Monday.",
        "Under Article 3c of the treaty, and for Class 4c pupils.",
    ],
)
def test_picture_sizes_temperatures_labels_and_descriptions_are_not_coins(text: str) -> None:
    assert all(unit not in ("GBP", "CENT") for _, _, unit in readings(text))


def test_coins_and_the_sum_they_restate_agree() -> None:
    pence, pounds = find_numbers("a rise of 41p, or £0.41, per unit")
    assert (pence.low, pence.unit) == (pounds.low, pounds.unit)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Profit fell to 3 billion crowns.", "KRONE"),
        ("It paid 40 million kroner.", "KRONE"),
        ("It paid 1 krone.", "KRONE"),
        ("Sales of 12 billion kronor.", "SEK"),
        ("Sales of 12 billion krona.", "SEK"),
        ("It raised 5bn NOK.", "NOK"),
        ("Costs of 200 zloty.", "PLN"),
        ("Bills of 5,000 forints.", "HUF"),
        ("A loss of 3bn rand.", "ZAR"),
        ("Exports of 10bn lira.", "TRY"),
        ("Fees of 400 rupees.", "INR"),
        ("Debt of 9 trillion naira.", "NGN"),
        ("Loans of 40bn shillings.", "SHILLING"),
        ("Fares of 2,000 krónur.", "ISK"),
    ],
)
def test_currency_words(text: str, unit: str) -> None:
    assert [u for _, _, u in readings(text)] == [unit]


def test_generic_and_coin_codes_are_currencies() -> None:
    for code in (*GENERIC_CURRENCIES, *(main for main, _ in SUBUNITS.values())):
        assert dimension_of(code) == "currency", code
    assert all(UNITS[main][0] == "currency" for main, _ in SUBUNITS.values())


def _units(text: str, countries: list[str]) -> list[str | None]:
    return [n.unit for n in resolve_currencies(find_numbers(text), countries)]


def test_crowns_take_the_code_the_story_writes() -> None:
    text = "Profit was NOK 5bn, and 3 billion crowns went to dividends."
    assert _units(text, ["sweden"]) == ["NOK", "NOK"]


def test_crowns_take_the_currency_of_the_story_country() -> None:
    text = "Profit fell to 3 billion crowns."
    assert _units(text, ["norway", "united-states", "norway"]) == ["NOK"]
    assert _units(text, ["denmark"]) == ["DKK"]
    assert _units(text, ["sweden", "denmark", "sweden"]) == ["SEK"]
    assert _units(text, ["united-states"]) == ["KRONE"]  # no crowns country: stays generic


def test_cents_follow_the_story_and_default_to_us_cents() -> None:
    text = "Power rose 5 cents per kWh."
    assert _units(text, ["ireland"]) == ["EUR"]
    assert _units("Bills rose €40; power rose 5 cents per kWh.", ["united-states"]) == [
        "EUR",
        "EUR",
    ]
    assert _units(text, []) == ["USD"]


def test_shillings_in_a_kenyan_story() -> None:
    article = extract_article(text="Kenya's Treasury said it would borrow 300 billion shillings.")
    assert the_figure(article, "shillings").unit == "KES"


def test_nordic_story_reads_crowns_and_ore_in_its_currency() -> None:
    article = extract_article(
        text="OSLO (Reuters) - Equinor's profit fell to 30 billion crowns, the Norwegian company "
        "said. It will pay a dividend of 3 crowns and 50 øre per share."
    )
    assert the_figure(article, "30 billion").unit == "NOK"
    ore = the_figure(article, "øre")
    assert (ore.low, ore.unit) == (0.5, "NOK")
