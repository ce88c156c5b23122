"""Pass rates of `find_numbers` on public reference suites (MIT data, /work/shared/benchmarks).

Run: `uv run python -m bench.reference_suites` (add `-v` to list failing cases); it also prints
the speed of find_numbers in words/s on the seed articles.

Suites and matching rules. A gold item is matched by a mention whose span overlaps the gold span
and whose reading equals the gold value (relative tolerance 1e-6). A case passes when every gold
item is matched; a case with no gold item passes when nothing contradicting it is reported (see
each suite). Gold items whose value is null are not scored (counted as "skipped").

- Recognizers-Text NumberRangeModel: gold intervals use brackets. "(a," -> more_than a,
  "[a," -> at_least a, ",b)" -> less_than b, ",b]" -> at_most b, "[a,a]" -> exact/approx a.
  Two finite ends -> our closed range [a, b], whatever the brackets: upstream reads "between a
  and b" as [a,b) and "more than a and less than b" as (a,b); a newsroom range is closed and
  openness is not kept. A case without gold passes when no bound or range is reported.
- Recognizers-Text NumberModel: gold is one value per number; matched by a mention whose low
  or high equals it. A case without gold passes when nothing is reported.
- Recognizers-Text PercentModel: as NumberModel, and the mention's unit must be "%".
- quantulum3 quantities.json: gold spans are located by their surface text; a gold with an
  uncertainty u around value v is the range [v-u, v+u]; otherwise low or high must equal v, in
  the unit as written (no conversion). Unit agreement is reported separately for the gold units
  that have a code here. A sentence without gold passes when nothing is reported.
- Recognizers-Text NumberWithUnit Currency/Dimension/Temperature models: a gold item is matched
  by an overlapping mention reading its value; when the gold unit has a code here
  (`_UNIT_NAMES`), the mention's unit must be that code too ("unit agreement").
- Proportions are reported as percentages here ("half" -> 50 %, "one in five" -> 20 %), so in
  every suite a gold proportion v is also matched by a "%" mention reading 100·v.

Known policy differences (counted as failures, not excluded): years and figures inside names
("Voyager 2", "English 101", "in 1979") are deliberately not reported; dates and versions
("192.168.1.2", "5/17/2018") are not numbers here.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec

from service.domain.model import NumberMention, Qualifier
from service.domain.numbers import find_numbers

DATA = Path("/work/shared/benchmarks")
RECOGNIZERS = DATA / "recognizers-text-en" / "Number"
UNITS_DIR = DATA / "recognizers-text-en" / "NumberWithUnit"
QUANTULUM = DATA / "quantulum3-en" / "quantities.json"

_LOWER = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
_UPPER = (Qualifier.LESS_THAN, Qualifier.AT_MOST)
_POINT = (Qualifier.EXACT, Qualifier.APPROX)
_INTERVAL = re.compile(r"^([\[(])(-?[\d.E+-]*),(-?[\d.E+-]*)([\])])$")
_QUANTULUM_UNITS = {
    "metre": "m",
    "kilometre": "km",
    "mile": "mi",
    "inch": "in",
    "square kilometre": "km2",
    "square mile": "mi2",
    "kilogram": "kg",
    "tonne": "t",
    "pound-mass": "lb",
    "litre": "l",
    "gallon": "gal",
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "percentage": "%",
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "degree Celsius": "degC",
    "degree fahrenheit": "degF",
    "dimensionless": None,
}


class SuiteResult(msgspec.Struct, kw_only=True):
    """Scores of one suite."""

    name: str
    cases: int
    passed: int
    gold: int
    gold_matched: int
    skipped: int = 0
    unit_checked: int = 0
    unit_agreed: int = 0
    failures: list[str] = msgspec.field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.cases if self.cases else 0.0


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlap(m: NumberMention, start: int, end: int) -> bool:
    return m.start < end and start < m.end


def _interval_matches(m: NumberMention, interval: str) -> bool:
    return any(_interval_matches_scaled(m, interval, f) for f in _factors(m))


def _factors(m: NumberMention) -> tuple[float, ...]:
    """Proportions are reported as percentages ("half" -> 50 %): a gold 0.5 also matches 50 %."""
    return (1.0, 100.0) if m.unit == "%" else (1.0,)


def _interval_matches_scaled(m: NumberMention, interval: str, factor: float) -> bool:
    parsed = _INTERVAL.match(interval.replace(" ", ""))
    if parsed is None:
        return False
    opening, low_text, high_text, closing = parsed.groups()
    low = float(low_text) * factor if low_text else None
    high = float(high_text) * factor if high_text else None
    if low is not None and high is not None:
        if _close(low, high):
            return m.qualifier in _POINT and _close(m.low, low)
        return m.qualifier is Qualifier.RANGE and _close(m.low, low) and _close(m.high, high)
    if low is not None:
        wanted = Qualifier.MORE_THAN if opening == "(" else Qualifier.AT_LEAST
        return m.qualifier is wanted and _close(m.low, low) and m.high is None
    wanted = Qualifier.LESS_THAN if closing == ")" else Qualifier.AT_MOST
    return m.qualifier is wanted and _close(m.high, high) and m.low is None


def _value_matches(m: NumberMention, value: float) -> bool:
    return any(_close(m.low, value * f) or _close(m.high, value * f) for f in _factors(m))


def _recognizers(
    name: str,
    path: Path,
    type_name: str,
    matches: Callable[[NumberMention, str], bool],
    empty_ok: Callable[[list[NumberMention]], bool],
) -> SuiteResult:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    result = SuiteResult(name=name, cases=0, passed=0, gold=0, gold_matched=0)
    for case in cases:
        text = case["Input"]
        gold = [r for r in case["Results"] if r.get("TypeName", r.get("Typename")) == type_name]
        scored = [r for r in gold if r["Resolution"].get("value") not in (None, "null")]
        if len(scored) < len(gold):
            result.skipped += 1
            continue
        found = find_numbers(text)
        result.cases += 1
        ok = True
        for item in scored:
            result.gold += 1
            start, end = item["Start"], item["End"] + 1
            if any(
                _overlap(m, start, end) and matches(m, item["Resolution"]["value"]) for m in found
            ):
                result.gold_matched += 1
            else:
                ok = False
        if not scored:
            ok = empty_ok(found)
        if ok:
            result.passed += 1
        else:
            got = "; ".join(
                f"{m.text!r} {m.qualifier.value} {m.low}..{m.high} {m.unit}" for m in found
            )
            wanted = "; ".join(f"{r['Text']!r} {r['Resolution'].get('value')}" for r in scored)
            result.failures.append(
                f"{text!r}\n      want: {wanted or '-'}\n      got:  {got or '-'}"
            )
    return result


def number_range_suite() -> SuiteResult:
    """Recognizers-Text English NumberRangeModel."""
    return _recognizers(
        "NumberRange",
        RECOGNIZERS / "NumberRangeModel.json",
        "numberrange",
        _interval_matches,
        lambda found: all(m.qualifier in _POINT for m in found),
    )


def number_suite() -> SuiteResult:
    """Recognizers-Text English NumberModel."""
    return _recognizers(
        "Number",
        RECOGNIZERS / "NumberModel.json",
        "number",
        lambda m, value: _value_matches(m, float(value)),
        lambda found: not found,
    )


def percent_suite() -> SuiteResult:
    """Recognizers-Text English PercentModel."""
    return _recognizers(
        "Percent",
        RECOGNIZERS / "PercentModel.json",
        "percentage",
        lambda m, value: m.unit == "%" and _value_matches(m, float(value.rstrip("%"))),
        lambda found: not any(m.unit == "%" for m in found),
    )


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
            hits = [m for m in found if _overlap(m, start, end) and _value_matches(m, value)]
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


def _locate(text: str, surface: str, used: set[int]) -> tuple[int, int] | None:
    start = text.find(surface)
    while start >= 0 and start in used:
        start = text.find(surface, start + 1)
    if start < 0:
        return None
    used.add(start)
    return start, start + len(surface)


def quantulum_suite() -> SuiteResult:
    """quantulum3 English quantities.json."""
    cases = json.loads(QUANTULUM.read_text(encoding="utf-8"))
    result = SuiteResult(name="quantulum3", cases=0, passed=0, gold=0, gold_matched=0)
    for case in cases:
        text, gold = case["req"], case["res"]
        found = find_numbers(text)
        result.cases += 1
        ok = True
        used: set[int] = set()
        for item in gold:
            result.gold += 1
            span = _locate(text, item["surface"], used)
            value, spread = float(item["value"]), item.get("uncertainty")
            hit = None
            for m in found:
                if span is None or not _overlap(m, *span):
                    continue
                if spread:
                    good = any(
                        _close(m.low, (value - spread) * f) and _close(m.high, (value + spread) * f)
                        for f in _factors(m)
                    )
                else:
                    good = _value_matches(m, value)
                if good:
                    hit = m
                    break
            if hit is None:
                ok = False
                continue
            result.gold_matched += 1
            if item["unit"] in _QUANTULUM_UNITS:
                result.unit_checked += 1
                wanted = _QUANTULUM_UNITS[item["unit"]]
                result.unit_agreed += hit.unit == wanted or (
                    wanted is None and hit.unit == "fraction"
                )
        if not gold:
            ok = not found
        if ok:
            result.passed += 1
        else:
            got = "; ".join(
                f"{m.text!r} {m.qualifier.value} {m.low}..{m.high} {m.unit}" for m in found
            )
            wanted = "; ".join(f"{q['surface']!r} {q['value']} {q['unit']}" for q in gold)
            result.failures.append(
                f"{text!r}\n      want: {wanted or '-'}\n      got:  {got or '-'}"
            )
    return result


def all_suites() -> list[SuiteResult]:
    """Run every suite."""
    return [
        number_range_suite(),
        number_suite(),
        percent_suite(),
        quantulum_suite(),
        currency_suite(),
        dimension_suite(),
        temperature_suite(),
    ]


def _report(results: Iterable[SuiteResult], verbose: bool) -> None:
    for r in results:
        line = (
            f"{r.name:<12} cases {r.passed:>3}/{r.cases:<3} = {r.rate:6.1%}   "
            f"gold items {r.gold_matched:>3}/{r.gold:<3} = {r.gold_matched / max(r.gold, 1):6.1%}"
        )
        if r.skipped:
            line += f"   skipped (null gold) {r.skipped}"
        if r.unit_checked:
            line += f"   unit agreement {r.unit_agreed}/{r.unit_checked}"
        print(line)
        if verbose:
            for failure in r.failures:
                print("   ", failure)


def speed(repeat: int = 40) -> float:
    """Words per second of find_numbers on the seed articles repeated (best of 5 runs)."""
    seeds = sorted(Path("/work/shared/seeds").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds) * repeat
    words = len(text.split())
    best = math.inf
    for _ in range(5):
        started = time.perf_counter()
        find_numbers(text)
        best = min(best, time.perf_counter() - started)
    return words / best


if __name__ == "__main__":
    _report(all_suites(), verbose="-v" in sys.argv[1:])
    print(f"speed: {speed():,.0f} words/s (seed articles x40, best of 5)")
