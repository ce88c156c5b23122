"""Pass rates of `find_numbers` on the Recognizers-Text NumberWithUnit suites (MIT data).

Currency, Dimension and Temperature models: a gold item is matched by an overlapping mention
reading its value; when the gold unit has a code here (`_UNIT_NAMES`), the mention's unit must
be that code too ("unit agreement"). Run through `python -m bench.reference_suites`.
"""

from __future__ import annotations

import json

from bench.reference_scoring import DATA, SuiteResult, overlap, value_matches
from service.domain.numbers import find_numbers
from service.domain.units import SUBUNITS

UNITS_DIR = DATA / "recognizers-text-en" / "NumberWithUnit"

# Recognizers-Text NumberWithUnit unit names -> our codes (names without a code here are
# scored on the value only).
_UNIT_NAMES = {
    "Dollar": "USD",
    "United States dollar": "USD",
    "Euro": "EUR",
    "Chinese yuan": "CNY",
    "Pound": "GBP",
    "British pound": "GBP",
    "Canadian dollar": "CAD",
    "Japanese yen": "JPY",
    "Franc": "FRANC",
    "Swiss franc": "CHF",
    "Australian dollar": "AUD",
    "New Zealand dollar": "NZD",
    "Hong Kong dollar": "HKD",
    "Turkish lira": "TRY",
    "Rupee": "INR",
    "Sri Lankan rupee": "LKR",
    "Mexican peso": "MXN",
    "Foot": "ft",
    "Meter": "m",
    "Mile": "mi",
    "Gallon": "gal",
    "Ton": "t",
    "Metric ton": "t",
    "Kilometer per hour": "km/h",
    "Mile per hour": "mph",
    "Kilogram": "kg",
    "Gram": "g",
    "Ounce": "oz",
    "Inch": "in",
    "Square meter": "m2",
    "Square kilometer": "km2",
    "Kilometer": "km",
    "Millimeter": "mm",
    "Milliliter": "ml",
    "Barrel": "bbl",
    "Acre": "acre",
    "Cubic foot": "ft3",
    "Megabyte": "MB",
    "C": "degC",
    "F": "degF",
}

# Coins: the suite reads "50 cents" as 50 Cent, this service as 0.50 of the main unit (so that
# "41p" meets "£0.41"; see `units.SUBUNITS`). The gold value is divided to compare.
_COINS = {"Cent": SUBUNITS["cents"], "Pence": SUBUNITS["pence"], "Penny": SUBUNITS["pence"]}


def unit_suite(name: str, file_name: str, type_name: str) -> SuiteResult:
    """A Recognizers-Text NumberWithUnit model: the value must match, and the unit too when the
    gold unit has a code here ("Pound" is money in the currency suite and mass in dimensions)."""
    cases = json.loads((UNITS_DIR / file_name).read_text(encoding="utf-8-sig"))
    result = SuiteResult(name=name, cases=0, passed=0, gold=0, gold_matched=0)
    mass_pound = type_name == "dimension"
    for case in cases:
        text = case["Input"]
        gold = [r for r in case["Results"] if r.get("TypeName") == type_name]
        if not gold:
            continue
        if any(r["Resolution"].get("value") in (None, "null") for r in gold):
            result.skipped += 1
            continue
        found = find_numbers(text)
        result.cases += 1
        ok = True
        for item in gold:
            result.gold += 1
            start, end = item["Start"], item["End"] + 1
            value = float(item["Resolution"]["value"])
            unit_name = item["Resolution"].get("unit", "")
            wanted = "lb" if mass_pound and unit_name == "Pound" else _UNIT_NAMES.get(unit_name)
            if unit_name in _COINS:
                wanted, per_unit = _COINS[unit_name]
                value /= per_unit
            hits = [m for m in found if overlap(m, start, end) and value_matches(m, value)]
            if not hits:
                ok = False
                continue
            result.gold_matched += 1
            if wanted is not None:
                result.unit_checked += 1
                agreed = any(m.unit == wanted for m in hits)
                result.unit_agreed += agreed
                ok = ok and agreed
        if ok:
            result.passed += 1
        else:
            got = "; ".join(f"{m.text!r} {m.low}..{m.high} {m.unit}" for m in found)
            wanted_text = "; ".join(
                f"{r['Text']!r} {r['Resolution'].get('value')} {r['Resolution'].get('unit')}"
                for r in gold
            )
            result.failures.append(f"{text!r}\n      want: {wanted_text}\n      got:  {got or '-'}")
    return result


def currency_suite() -> SuiteResult:
    """Recognizers-Text English CurrencyModel."""
    return unit_suite("Currency", "CurrencyModel.json", "currency")


def dimension_suite() -> SuiteResult:
    """Recognizers-Text English DimensionModel."""
    return unit_suite("Dimension", "DimensionModel.json", "dimension")


def temperature_suite() -> SuiteResult:
    """Recognizers-Text English TemperatureModel."""
    return unit_suite("Temperature", "TemperatureModel.json", "temperature")
