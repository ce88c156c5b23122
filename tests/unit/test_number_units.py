"""Units and currencies read around figures, and their conversion to comparable base units."""

from __future__ import annotations

import math

import pytest

from service.domain.model import Qualifier
from service.domain.numbers import find_numbers
from service.domain.units import (
    BASE_UNITS,
    GENERIC_CURRENCIES,
    UNITS,
    dimension_of,
    to_base,
    to_comparable,
)

E, A, M = Qualifier.EXACT, Qualifier.APPROX, Qualifier.AT_MOST


def readings(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(m.text, m.high if m.low is None else m.low, m.unit) for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Met Office said 250 mm of rain fell in 24 hours, and 120mm more is forecast.",
            [("250 mm", 250, "mm"), ("24 hours", 24, "hour"), ("120mm", 120, "mm")],
        ),
        (
            "Up to 12 inches of snow and 4 in of rain were reported; drifts reached 30 cm.",
            [("Up to 12 inches", 12, "in"), ("4 in", 4, "in"), ("30 cm", 30, "cm")],
        ),
        (
            "Gusts reached 185 km/h (115 mph) as sustained winds of 90 knots hit the coast.",
            [("185 km/h", 185, "km/h"), ("115 mph", 115, "mph"), ("90 knots", 90, "kn")],
        ),
        (
            "Winds of 60 miles an hour and 40 m/s were recorded, with 200 kph gusts",
            [("60 miles an hour", 60, "mph"), ("40 m/s", 40, "m/s"), ("200 kph", 200, "km/h")],
        ),
        (
            "Temperatures hit 45°C (113°F) on Tuesday, and 48 degrees Celsius in the shade.",
            [("45°C", 45, "degC"), ("113°F", 113, "degF"), ("48 degrees Celsius", 48, "degC")],
        ),
        (
            "The climbers turned back at 5,900 ft, about 1,800 m, while the quake was 1.8 km deep.",
            [("5,900 ft", 5900, "ft"), ("about 1,800 m", 1800, "m"), ("1.8 km", 1.8, "km")],
        ),
        (
            "Opec+ will cut 1.2 million barrels per day, or 500,000 bpd more than planned.",
            [("1.2 million barrels per day", 1.2e6, "bbl/d"), ("500,000 bpd", 5e5, "bbl/d")],
        ),
        (
            "Exports fell to 40 bcm, down from 2.5 trillion cubic feet in 2021.",
            [("40 bcm", 40, "bcm"), ("2.5 trillion cubic feet", 2.5e12, "ft3")],
        ),
        (
            "The 1,200 MW plant and a 50-megawatt solar farm produce 2.5 TWh a year.",
            [("1,200 MW", 1200, "MW"), ("50-megawatt", 50, "MW"), ("2.5 TWh", 2.5, "TWh")],
        ),
        (
            "Customs seized 2 kg of cocaine, 150 lb of cannabis and 12 oz of gold.",
            [("2 kg", 2, "kg"), ("150 lb", 150, "lb"), ("12 oz", 12, "oz")],
        ),
        (
            "Carbon dioxide reached 420 ppm, up from 280 parts per million",
            [("420 ppm", 420, "ppm"), ("280 parts per million", 280, "ppm")],
        ),
        (
            "The hackers stole 150 GB of files; the storm's pressure fell to 940 mb",
            [("150 GB", 150, "GB"), ("940 mb", 940, "hPa")],
        ),
        (
            "Rates rose 3.2pc, or 25 basis points, and 0.5 percentage points over the year.",
            [
                ("3.2pc", 3.2, "%"),
                ("25 basis points", 25, "bp"),
                ("0.5 percentage points", 0.5, "pp"),
            ],
        ),
    ],
)
def test_units_of_measure(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert readings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eskom lost R1.3bn last year.", ("R1.3bn", 1.3e9, "ZAR")),
        ("The utility owes 1.3 billion rand.", ("1.3 billion rand", 1.3e9, "ZAR")),
        ("Ottawa pledged C$4.5 billion.", ("C$4.5 billion", 4.5e9, "CAD")),
        ("The deal is worth A$2bn.", ("A$2bn", 2e9, "AUD")),
        ("Sales reached NZD 5m.", ("NZD 5m", 5e6, "NZD")),
        ("The bank paid CHF 3bn.", ("CHF 3bn", 3e9, "CHF")),
        ("Profit rose to SEK 4.2bn.", ("SEK 4.2bn", 4.2e9, "SEK")),
        ("Volvo earned 3 billion kronor.", ("3 billion kronor", 3e9, "SEK")),
        ("A bill of 5,000 lira was posted.", ("5,000 lira", 5000, "TRY")),
        ("The state spent Rs 1,200 crore.", ("Rs 1,200 crore", 1.2e10, "INR")),
        ("Relief of ₹5 lakh was announced.", ("₹5 lakh", 5e5, "INR")),
        ("Islamabad borrowed Rs40bn.", ("Rs40bn", 4e10, "INR")),
        (
            "Islamabad borrowed 40 billion Pakistani rupees.",
            ("40 billion Pakistani rupees", 4e10, "PKR"),
        ),
        ("Tokyo set aside ¥1.2 trillion.", ("¥1.2 trillion", 1.2e12, "JPY")),
        ("Beijing spent 50 billion yuan.", ("50 billion yuan", 5e10, "CNY")),
        ("Seoul approved 10 trillion won in aid.", ("10 trillion won", 1e13, "KRW")),
        ("Petrobras paid R$12bn.", ("R$12bn", 1.2e10, "BRL")),
        (
            "The peso fell as Mexico spent 5 billion Mexican pesos.",
            ("5 billion Mexican pesos", 5e9, "MXN"),
        ),
        ("Manila released P2.5 billion.", ("P2.5 billion", 2.5e9, "PHP")),
        ("Lagos budgeted N500bn.", ("N500bn", 5e11, "NGN")),
        ("Nairobi raised KSh 3bn.", ("KSh 3bn", 3e9, "KES")),
        ("Cairo raised EGP 10bn.", ("EGP 10bn", 1e10, "EGP")),
        ("Cairo raised 5 billion Egyptian pounds.", ("5 billion Egyptian pounds", 5e9, "EGP")),
        ("Dhaka allotted Tk 500 crore.", ("Tk 500 crore", 5e9, "BDT")),
        ("Jakarta spent Rp 3 trillion.", ("Rp 3 trillion", 3e12, "IDR")),
        ("Moscow spent 5 billion roubles.", ("5 billion roubles", 5e9, "RUB")),
        ("Kyiv received 2bn hryvnias.", ("2bn hryvnias", 2e9, "UAH")),
        ("Tunis borrowed TND 2bn.", ("TND 2bn", 2e9, "TND")),
        ("The budget totals ₹48 lakh crore.", ("₹48 lakh crore", 4.8e13, "INR")),
        ("Taipei pledged NT$5bn.", ("NT$5bn", 5e9, "TWD")),
        ("Bangkok spent ฿2bn on flood defences.", ("฿2bn", 2e9, "THB")),
    ],
)
def test_currencies_by_symbol_code_and_word(text: str, expected: tuple[str, float, str]) -> None:
    assert readings(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was fined 50,000 pesos.", ("50,000 pesos", 5e4, "PESO")),
        ("The ministry froze 300 million dinars.", ("300 million dinars", 3e8, "DINAR")),
        ("Farmers lost 50 billion shillings.", ("50 billion shillings", 5e10, "SHILLING")),
        ("Tickets cost 300 kr.", ("300 kr", 300, "KRONE")),
    ],
)
def test_shared_currency_words_get_a_generic_code(
    text: str, expected: tuple[str, float, str]
) -> None:
    assert readings(text) == [expected]
    assert expected[2] in GENERIC_CURRENCIES
    assert dimension_of(expected[2]) == "currency"


@pytest.mark.parametrize(
    "text",
    [
        "Health workers wore N95 masks.",
        "The P5 members met in Geneva.",
        "Delegates gathered for COP 29 talks.",
        "The B52 bombers flew over.",
        "Labour 411 won.",
    ],
)
def test_letters_and_codes_that_are_not_money(text: str) -> None:
    assert all(m.unit is None for m in find_numbers(text)), readings(text)
    assert not any(m.text.startswith(("N", "P", "B")) for m in find_numbers(text))


def test_million_jargon_needs_money() -> None:
    assert readings("They signed a $5mm deal.") == [("$5mm", 5e6, "USD")]
    assert readings("The army fired 155mm shells.") == [("155mm", 155, "mm")]


def test_inches_need_of() -> None:
    assert readings("One in 5 of them left, 3 in of snow fell.") == [
        ("One in 5", 20, "%"),
        ("3 in", 3, "in"),
    ]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (250, "mm", (0.25, "m")),
        (12, "in", (0.3048, "m")),
        (115, "mph", (185.07456, "km/h")),
        (90, "kn", (166.68, "km/h")),
        (10, "m/s", (36.0, "km/h")),
        (5900, "ft", (1798.32, "m")),
        (40, "bcm", (4e13, "l")),
        (12, "oz", (0.3401942775, "kg")),
        (3, "GW", (3e9, "W")),
        (25, "bp", (0.25, "pp")),
        (2, "TB", (2000, "GB")),
    ],
)
def test_to_base(value: float, unit: str, expected: tuple[float, str]) -> None:
    got = to_base(value, unit)
    assert got[1] == expected[1]
    assert math.isclose(got[0], expected[0], rel_tol=1e-9)


def test_temperatures_compare_in_celsius() -> None:
    assert to_comparable(113, "degF") == (45.0, "degC")
    assert to_comparable(45, "degC") == (45, "degC")
    assert to_comparable(5, "km") == (5000, "m")
    # `to_base` stays linear: Fahrenheit keeps its own dimension there
    assert dimension_of("degF") != dimension_of("degC")


def test_every_unit_has_a_base() -> None:
    assert all(
        dimension in BASE_UNITS or dimension == "currency" for dimension, _ in UNITS.values()
    )


def test_glued_word_numbers_measure_unless_they_describe() -> None:
    text = "On his four-mile drive he passed a three-ton truck and a two-year plan."
    assert readings(text) == [("four-mile", 4, "mi"), ("three-ton", 3, "t")]


def test_indian_digit_grouping_and_dollar_variants() -> None:
    assert readings("A loan of 12,34,567.89 rupees was cleared.") == [
        ("12,34,567.89 rupees", 1234567.89, "INR")
    ]
    assert readings("They sold Mex$ 10 million of bonds.") == [("Mex$ 10 million", 1e7, "MXN")]
    assert readings("It fell 40 deg c overnight, to 100.2 degrees farenheit") == [
        ("40 deg c", 40, "degC"),
        ("100.2 degrees farenheit", 100.2, "degF"),
    ]


def test_rates_per_population_keep_one_figure() -> None:
    text = "The rate rose to 45 cases per 100,000 people, up from 30 per 100,000 in May."
    assert readings(text) == [("45", 45, "per100k"), ("30", 30, "per100k")]
    assert readings("Mortality was 2.3 deaths per 1,000 live births.") == [("2.3", 2.3, "per1k")]
    assert readings("Diesel costs $5 per 1,000 litres.") == [
        ("$5", 5, "USD"),
        ("1,000 litres", 1000, "l"),
    ]
    assert to_base(45, "per100k") == (pytest.approx(0.045), "%")
