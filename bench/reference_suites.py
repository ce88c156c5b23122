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

from bench.reference_scoring import DATA, SuiteResult, close, factors, overlap, value_matches
from bench.reference_unit_suites import currency_suite, dimension_suite, temperature_suite
from service.domain.model import NumberMention, Qualifier
from service.domain.numbers import find_numbers

__all__ = ["DATA", "SuiteResult", "all_suites", "speed"]

RECOGNIZERS = DATA / "recognizers-text-en" / "Number"
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


def _interval_matches(m: NumberMention, interval: str) -> bool:
    return any(_interval_matches_scaled(m, interval, f) for f in factors(m))


def _interval_matches_scaled(m: NumberMention, interval: str, factor: float) -> bool:
    parsed = _INTERVAL.match(interval.replace(" ", ""))
    if parsed is None:
        return False
    opening, low_text, high_text, closing = parsed.groups()
    low = float(low_text) * factor if low_text else None
    high = float(high_text) * factor if high_text else None
    if low is not None and high is not None:
        if close(low, high):
            return m.qualifier in _POINT and close(m.low, low)
        return m.qualifier is Qualifier.RANGE and close(m.low, low) and close(m.high, high)
    if low is not None:
        wanted = Qualifier.MORE_THAN if opening == "(" else Qualifier.AT_LEAST
        return m.qualifier is wanted and close(m.low, low) and m.high is None
    wanted = Qualifier.LESS_THAN if closing == ")" else Qualifier.AT_MOST
    return m.qualifier is wanted and close(m.high, high) and m.low is None


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
                overlap(m, start, end) and matches(m, item["Resolution"]["value"]) for m in found
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
        lambda m, value: value_matches(m, float(value)),
        lambda found: not found,
    )


def percent_suite() -> SuiteResult:
    """Recognizers-Text English PercentModel."""
    return _recognizers(
        "Percent",
        RECOGNIZERS / "PercentModel.json",
        "percentage",
        lambda m, value: m.unit == "%" and value_matches(m, float(value.rstrip("%"))),
        lambda found: not any(m.unit == "%" for m in found),
    )


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
                if span is None or not overlap(m, *span):
                    continue
                if spread:
                    good = any(
                        close(m.low, (value - spread) * f) and close(m.high, (value + spread) * f)
                        for f in factors(m)
                    )
                else:
                    good = value_matches(m, value)
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
