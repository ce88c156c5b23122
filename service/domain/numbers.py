"""Number phrases in news text: figures, their qualifiers, ranges, units and vague amounts.

`find_numbers(text)` returns every checkable figure as a `NumberMention`: the value with scale
words applied ("1.5 million" -> 1500000, "$35bn" -> 35e9 USD), the bound it states (qualifier
with `low`/`high`), its unit code (`units.UNITS`; None for plain counts) and the character span,
qualifier words included ("between 1,500 and 10,000", "more than 5,700 miles").

Bounds: exact/approx -> low = high = value; at_least/more_than -> (value, None);
at_most/less_than -> (None, value); range -> (low, high), always closed: upstream half-open
readings of "between a and b" are mapped to the closed interval [a, b]. "more than 10 and less
than 40" is merged into one range. "up to" after a change verb ("revised ... up to 10,000",
"could rise up to 5%") is a target, read as exact; "by up to 30%" stays a bound.

Vague amounts (vague=True), a fixed documented reading:

    phrase                      reading
    a handful                   range 3..5
    half a dozen                approx 6
    a couple (of) X             approx 2X          (X: dozen/hundred/thousand/million/...)
    a few X                     range 2X..5X       ("a few hundred" -> 200..500)
    several X                   range 3X..9X       ("several hundred" -> 300..900)
    dozens                      range 24..99
    scores (of)                 range 40..199
    hundreds / thousands        range 200..999 / 2,000..9,999 (millions, billions alike)
    tens of thousands           range 20,000..99,999 (tens of millions alike)
    hundreds of thousands       range 200,000..999,999 (hundreds of millions alike)
    a dozen, two dozen          exact 12, 24 (not vague)

Not reported: dates ("October 23", "23 October 2024", "2024-10-28"), times ("06:09 pm",
"10am", "0117 GMT"), years (a bare 1800-2100 integer unless a bound qualifies it and a word
follows: "in 2022" no, "more than 2000 people" yes), decades ("the 1990s"), season spans
("2023-24"), ordinals ("21st", "third"), figures in names and labels ("G7", "F-16", "COVID-19",
"Section 427", "Boeing 737", "Route 66", "Category 4"), phone numbers, versions and IP
addresses, URLs, street addresses, scores and votes ("won 3-1", "a 5-4 vote", "lost 1-3 at
home": two tallies, not a range; "won 120-130 seats" stays a range), ages ("a 10-year-old",
"Smith, 78,", "aged 34", "aged 19 and 22", "at the age of 78"),
hyphenated descriptions ("a 10-year note", "a 52-week high", "two-dose campaigns").
Bare "one" is reported only before a plausible counted noun ("one soldier"), never in "one of
the", "no one", "this one"; `is_small_word_number` flags lone small word numbers so a caller
can demand a counted noun. "4 days ago" is reported as a duration (4, "day"): deciding that a
relative time is not a claim is left to the caller.

Proportions ("half", "two thirds", "3/4", "one in five") are reported as percentages: unit
"%", 0-100 ("more than half" -> more_than 50 %); a fraction of a unit keeps the unit ("half a
mile" -> 0.5 mi). A figure converted in brackets keeps the qualifier of the figure before it
("about 80 km (50 miles)" -> both approx).

The work is split by stage: `number_scan` finds candidates (digits, words, vague amounts, with
scale, currency and unit: `unit_words`), skipping `digit_exclusions` (dates, times, phones);
`number_context` drops names, years, ages and non-amount words; `number_bounds` reads signs,
ranges, ratios and qualifiers.
"""

from __future__ import annotations

import itertools
import re

from service.domain.digit_exclusions import Exclusions
from service.domain.model import NumberMention, Qualifier
from service.domain.number_bounds import (
    apply_signs,
    attach_rates,
    combine_ranges,
    merge_bounds,
    qualify_after,
    qualify_before,
)
from service.domain.number_context import drop_names_and_years, is_figure
from service.domain.number_scan import Figure, scan_figures
from service.domain.number_words import SMALL, TEENS, parse_number_words
from service.domain.units import dimension_of

__all__ = ["find_numbers", "is_small_word_number", "parse_number_words"]


_PARENTHESIS = re.compile(r"\s{0,2}[(\[]\s{0,2}")


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase in `text` that can carry a checkable figure, in text order.

    Offsets index `text`; each mention's `text` is `text[start:end]` and covers qualifier
    words, currency and unit ("between 1,500 and 10,000", "$35bn", "250 square kilometers").
    See the module docstring for bounds, vague readings and what is deliberately skipped.
    """
    if not text:
        return []
    nums = drop_names_and_years(text, scan_figures(text, Exclusions(text)))
    apply_signs(text, nums)
    phrases = attach_rates(text, combine_ranges(text, nums))
    for phrase in phrases:
        qualify_before(text, phrase)
    for index, phrase in enumerate(phrases):
        qualify_after(text, phrase, phrases[index + 1].start if index + 1 < len(phrases) else None)
    for previous, phrase in itertools.pairwise(phrases):
        if (
            phrase.qualifier is Qualifier.EXACT
            and previous.qualifier is not Qualifier.RANGE
            and previous.unit is not None
            and dimension_of(previous.unit) == dimension_of(phrase.unit)
            and _PARENTHESIS.fullmatch(text, previous.end, phrase.start)
        ):
            phrase.qualifier = previous.qualifier  # "about 80 km (50 miles)": the same figure
    return [_to_mention(text, p) for p in merge_bounds(text, phrases) if is_figure(text, p)]


def is_small_word_number(mention: NumberMention) -> bool:
    """True for a lone small number word ("one", "two" ... "ten") with no qualifier or unit.

    Such words are figures only when they count something ("two soldiers"); the caller, who
    knows the counted noun, should demand one.
    """
    if mention.unit is not None or mention.qualifier is not Qualifier.EXACT:
        return False
    word = mention.text.strip().lower()
    value = SMALL.get(word, TEENS.get(word))
    return value is not None and value <= 10


def _to_mention(text: str, num: Figure) -> NumberMention:
    qualifier = num.qualifier
    low: float | None = num.low
    high: float | None = num.high
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        high = None
    elif qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        low = None
    unit = num.unit
    if unit == "fraction":  # proportions are reported as percentages: "half" -> 50 %
        unit = "%"
        low = None if low is None else low * 100
        high = None if high is None else high * 100
    return NumberMention(
        start=num.start,
        end=num.end,
        text=text[num.start : num.end],
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        vague=num.vague,
    )
