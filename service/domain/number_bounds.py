"""What a figure states about the true value: signs, ranges, ratios and qualifier words.

`apply_signs` reads "-5" and "minus 5"; `combine_ranges` joins "X to Y", "X-Y", "between X and
Y", "X or Y" into ranges and "X in Y" into ratios (scores such as "3-1" are dropped);
`qualify_before` / `qualify_after` read "more than X", "X or more", "X-plus", "X or so";
`merge_bounds` joins "more than 10 and less than 40" into one range.
"""

from __future__ import annotations

import re

from service.domain.model import Qualifier
from service.domain.number_context import is_score, left_tokens, qualifier_before
from service.domain.number_phrases import (
    CHANGE_UP,
    CHANGE_WORDS,
    CLAUSE_BREAK,
    QUALIFIER_PHRASES,
    SENTENCE_END,
)
from service.domain.number_scan import Figure, new_figure, times_scale
from service.domain.unit_words import read_unit

_NEG_WORD = re.compile(r"(?i:(?<![A-Za-z])(?:minus|negative)\s{1,3})$")
_GAP = re.compile(
    r"\s{0,3}(?P<dash>[-–—~])\s{0,3}|-?\s{1,3}(?P<word>(?i:to|through|thru|and|or|in|out\s+of))\s{1,3}"
)
_SUFFIX = re.compile(
    r"(?P<more_than>\+(?![\d+])|-\s?plus(?![A-Za-z]))|(?P<approx>[- ]odd(?![A-Za-z])"
    r"|\s{1,3}(?i:or\s{1,3}(?:so|thereabouts))(?![A-Za-z]))"
    r"|\s{1,3}(?i:(?:or|and)\s{1,3}(?:(?P<at_least>more|greater|higher|above|over|upwards?)"
    r"|(?P<at_most>less|fewer|lower|below|under)))(?:\s{1,3}(?i:than))?(?![A-Za-z])"
    r"|\s{1,3}(?i:(?P<or_equal>or\s{1,3}equal(?:\s{1,3}to)?))(?![A-Za-z])"
)
_BOUND_JOIN = re.compile(r"\s{0,3}(?:,\s{0,3})?(?:(?i:and|but)\s{1,3})?")


def apply_signs(text: str, nums: list[Figure]) -> None:
    """Negate figures written with a minus sign or word ("-5", "minus 5"), in place."""
    previous_end = -10
    for num in nums:
        start = num.start
        sign = text[start - 1] if start else ""
        if num.kind == "digits" and sign in "-−" and sign:
            before = text[start - 2] if start >= 2 else " "
            joined = not text[previous_end : start - 1].strip() if previous_end >= 0 else False
            if before in " (\t\n[<>=~:" and not joined:
                _negate(num, start - 1)
        elif num.kind in ("digits", "words"):
            word = _NEG_WORD.search(text, max(0, start - 12), start)
            if word:
                _negate(num, word.start())
        previous_end = num.end


def _negate(num: Figure, start: int) -> None:
    num.start = start
    num.low, num.high, num.raw = -num.high, -num.low, -num.raw
    num.plain = num.year = False


def combine_ranges(text: str, nums: list[Figure]) -> list[Figure]:
    """Join "X to Y", "X-Y", "between X and Y", "X or Y" into ranges and "X in Y" into ratios."""
    out: list[Figure] = []
    index = 0
    while index < len(nums):
        first = nums[index]
        if index + 1 < len(nums):
            second = nums[index + 1]
            gap = (
                _GAP.fullmatch(text, first.end, second.start)
                if second.start - first.end <= 12
                else None
            )
            if gap is not None:
                joined = _join(text, first, second, gap)
                if joined is not None:
                    if joined is not _SCORE:
                        out.append(joined)
                    index += 2
                    continue
        out.append(first)
        index += 1
    return out


_SCORE = new_figure(0, 0, 0.0, "score", None)


def _join(text: str, first: Figure, second: Figure, gap: re.Match[str]) -> Figure | None:
    if first.vague or second.vague or first.qualifier is not second.qualifier:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None
    connector = (gap.group("word") or gap.group("dash")).lower()
    unit = first.unit or second.unit
    low, high = first.low, second.low
    if connector in ("in", "out of"):
        if (
            unit is None
            and first.kind != "fraction"
            and 0 < low < high
            and low == int(low)
            and high == int(high)
        ):
            ratio = new_figure(first.start, second.end, low / high, "fraction", "fraction")
            return ratio
        return None
    if first.scale == 1.0 and second.scale != 1.0 and abs(first.raw) <= abs(second.raw):
        low = times_scale(first.raw, second.scale)  # "between 1.5 and 2 million", "$20-30bn"
    start = first.start
    tokens = left_tokens(text, first.start, 3)
    if len(tokens) >= 2 and QUALIFIER_PHRASES.get(tokens[-1][0]) is Qualifier.APPROX:
        tokens = tokens[:-1]  # "between about 5 and 10", "from roughly 20 to 30"
    if connector in "-–—~":
        tallies = unit is None and first.kind == second.kind == "digits"
        if high <= low:
            return _SCORE if tallies else None
        if (
            tallies
            and connector != "~"
            and first.scale == second.scale == 1.0
            and low == int(low)
            and high == int(high)
            and is_score(text, first.start, second.end)
        ):
            return _SCORE  # "a 1-3 defeat", "voted 49-51": two tallies, not a range
    elif connector == "and":
        if not tokens or tokens[-1][0] != "between":
            return None
        start = tokens[-1][1]
    elif connector == "or":
        if not (0 < low < high <= max(3 * low, low + 10)) or low != int(low) or high != int(high):
            return None
    else:  # to, through, thru
        if tokens and tokens[-1][0] == "from":
            if _changes_before(text, tokens[-1][1]):
                return None  # "rose from 20 to 30": two readings, not a range
            start = tokens[-1][1]
        elif high <= low or _changes_before(text, first.start):
            return None
    joined = new_figure(start, second.end, min(low, high), "range", unit)
    joined.high = max(low, high)
    joined.qualifier = Qualifier.RANGE
    return joined


def _changes_before(text: str, position: int) -> bool:
    tokens = left_tokens(text, position, 2)
    return any(token[0] in CHANGE_WORDS for token in tokens)


def qualify_before(text: str, num: Figure) -> None:
    """Read the qualifier words before `num` ("more than", "about"), widening its span."""
    qualifier, start = qualifier_before(left_tokens(text, num.start))
    if qualifier is None or start is None:
        return
    loose = qualifier in (Qualifier.EXACT, Qualifier.APPROX)
    if num.kind == "range":
        if loose:
            num.start = start  # "about 20-30" stays a range; the span takes the word
        return
    if qualifier is Qualifier.AT_MOST and _is_target(text, start):
        qualifier = Qualifier.EXACT  # "revised ... up to 10,000": a new figure
    if not (num.vague and loose):
        num.qualifier = qualifier
    num.start = start


def qualify_after(text: str, num: Figure, following: int | None) -> None:
    """Read the qualifier after `num` ("+", "or more", "-odd", "or so").

    `following` is where the next figure starts: "or greater than 190" belongs to it.
    """
    suffix = _SUFFIX.match(text, num.end)
    if suffix is None or num.kind == "range":
        return
    kind = suffix.lastgroup
    if (
        kind in ("at_least", "at_most", "or_equal")
        and following is not None
        and not text[suffix.end() : following].strip()
    ):
        return  # "200 or greater than 190": the words belong to the next figure
    if kind == "or_equal":
        if num.qualifier is Qualifier.MORE_THAN:
            num.qualifier = Qualifier.AT_LEAST
        elif num.qualifier is Qualifier.LESS_THAN:
            num.qualifier = Qualifier.AT_MOST
        else:
            return
    else:
        num.qualifier = Qualifier(kind or "exact")
    num.end = suffix.end()
    found = read_unit(text, num.end, num.scale != 1.0) if num.unit is None else None
    if found and found[2] not in ("", "-"):
        num.unit, num.end = found[0], found[1]  # "30 or so minutes"


def _is_target(text: str, start: int) -> bool:
    """Whether "up to" continues a change verb in the same clause ("raised ... up to")."""
    window = text[max(0, start - 100) : start]
    breaks = list(SENTENCE_END.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    verbs = list(CHANGE_UP.finditer(window))
    if not verbs:
        return False
    between = window[verbs[-1].end() :]
    return not CLAUSE_BREAK.search(between) and not between.rstrip().lower().endswith(" by")


def merge_bounds(text: str, phrases: list[Figure]) -> list[Figure]:
    """Merge "more than 10 and less than 40" (a lower and an upper bound) into one range."""
    lower = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
    upper = (Qualifier.LESS_THAN, Qualifier.AT_MOST)
    out: list[Figure] = []
    for phrase in phrases:
        if out:
            last = out[-1]
            pair = (last, phrase) if last.qualifier in lower else (phrase, last)
            if (
                pair[0].qualifier in lower
                and pair[1].qualifier in upper
                and pair[0].low < pair[1].high
                and (last.unit == phrase.unit or None in (last.unit, phrase.unit))
                and not last.vague
                and not phrase.vague
                and _BOUND_JOIN.fullmatch(text, last.end, phrase.start)
                and text[last.end : phrase.start].strip()
            ):
                merged = new_figure(
                    last.start, phrase.end, pair[0].low, "range", last.unit or phrase.unit
                )
                merged.high, merged.qualifier = pair[1].high, Qualifier.RANGE
                out[-1] = merged
                continue
        out.append(phrase)
    return out


_PER = re.compile(r"\s{1,2}(?:[A-Za-z-]{1,20}\s{1,2}){0,3}?per\s{1,2}(?:every\s{1,2})?")
_RATE_UNITS = {1e3: "per1k", 1e4: "per10k", 1e5: "per100k", 1e6: "per1m"}


def attach_rates(text: str, phrases: list[Figure]) -> list[Figure]:
    """Read "45 cases per 100,000 people" as a rate: the denominator is no figure of its own.

    The numerator takes a rate unit (`units`: "per100k" is 0.001 %, so it compares with a
    percentage) unless it has a unit already ("$5 per 1,000 litres" stays money).
    """
    out: list[Figure] = []
    for phrase in phrases:
        if out and phrase.kind == "digits" and phrase.unit is None and not phrase.vague:
            last = out[-1]
            rate = _RATE_UNITS.get(phrase.low)
            if (
                rate is not None
                and phrase.low == phrase.high
                and phrase.start - last.end <= 40
                and _PER.fullmatch(text, last.end, phrase.start)
            ):
                if last.unit is None and not last.vague:
                    last.unit = rate
                continue
        out.append(phrase)
    return out
