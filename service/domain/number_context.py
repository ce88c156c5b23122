"""The context that makes a candidate figure a name, a year, an age or a word, not a figure.

`drop_names_and_years` removes figures that label things ("Route 66", "Boeing 737-800",
"Resolution 2231"), bare years ("in 2022"), street numbers and appositive ages ("Smith, 78,");
`is_figure` rejects word numbers that are not amounts ("no one", "a third term", "one-sided").
`left_tokens` and `qualifier_before` read the words right before a figure for every stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from service.domain.model import ExtractedAssertion, NumberMention, Qualifier
from service.domain.number_phrases import (
    FRACTION_FOLLOWERS,
    LABEL_WORDS,
    NOT_COUNTED_AFTER_ONE,
    NOT_FRACTION_AFTER,
    NOT_NAME_WORDS,
    NOT_ONE_BEFORE,
    QUALIFIER_MAX_WORDS,
    QUALIFIER_PHRASES,
)
from service.domain.number_scan import Figure
from service.domain.units import dimension_of

_ADDRESS = re.compile(
    r"\s[A-Z][a-z]+\s(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Square|Place)\b"
)
_DASH_DIGIT = re.compile(r"\s?[-–]\s?\d")
_LOWER_WORD_NEXT = re.compile(r"\s{1,2}[a-z]")
_LIST_END = re.compile(r"\s*[,;.]|\s+(?:and|or)\b")
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_NEXT_WORD = re.compile(r"\s{1,2}([A-Za-z]+)")
# Read over the reversed text: a blank gap without a line break, then a word (a reversed
# "Dr." is ".rD") or a comparison sign.
_LEFT_TOKEN_REVERSED = re.compile(r"[^\S\n]*(\.?[A-Za-z]+|[<>=≥≤~])")
_MISSING = object()
# The last word of every qualifier phrase ("than" of "more than"): a cheap first test.
_QUALIFIER_LAST_WORDS = frozenset(phrase.rsplit(" ", 1)[-1] for phrase in QUALIFIER_PHRASES)


def left_tokens(
    text: str, start: int, limit: int = QUALIFIER_MAX_WORDS + 1
) -> list[tuple[str, int, str]]:
    """The words right before `start`, nearest last, as long as only spaces separate them."""
    return list(_left_tokens(text, start, limit))


# Name, year and qualifier tests read the words before the same figure: read them once.
@lru_cache(maxsize=256)
def _left_tokens(text: str, start: int, limit: int) -> tuple[tuple[str, int, str], ...]:
    # Right to left over the reversed 64 characters before `start`, so only the words kept
    # are matched. Words are maximal letter runs (cut alike by the window's edge) with the dot
    # right after them, or one comparison sign, whichever end they are read from: the same
    # as a left-to-right scan (tests/unit/test_left_tokens.py compares the two readings).
    before = text[max(0, start - 64) : start][::-1]
    match = _LEFT_TOKEN_REVERSED.match
    out: list[tuple[str, int, str]] = []
    read = 0  # characters read back from `start`
    while len(out) < limit and (found := match(before, read)) is not None:
        read = found.end()
        token_start = start - read
        token = text[token_start : token_start + read - found.start(1)]
        out.append((token.lower(), token_start, token))
    out.reverse()
    return tuple(out)


def qualifier_before(tokens: list[tuple[str, int, str]]) -> tuple[Qualifier | None, int | None]:
    """The longest qualifier phrase ending right before the figure, and where it starts."""
    if not tokens or tokens[-1][0] not in _QUALIFIER_LAST_WORDS:
        return None, None  # every phrase ends with the word right before the figure
    for size in range(min(len(tokens), QUALIFIER_MAX_WORDS), 0, -1):
        key = " ".join(token[0] for token in tokens[-size:])
        found = QUALIFIER_PHRASES.get(key, _MISSING)
        if found is not _MISSING:
            return found, tokens[-size][1]  # type: ignore[return-value]
    return None, None


def drop_names_and_years(text: str, nums: list[Figure]) -> list[Figure]:
    """The figures of `nums` that are not labels ("Route 66"), years, street numbers or ages."""
    kept: list[Figure] = []
    dropped_end = age_end = -1
    for num in nums:
        if dropped_end >= 0 and num.start == dropped_end + 1 and text[dropped_end] in "-/":
            dropped_end = num.end if num.plain else -1  # "Boeing 737-800"
            continue
        dropped_end = -1
        if (
            num.unit in _AGE_UNITS
            and num.unit
            and _OLD_AFTER.match(text, num.end)
            and qualifier_before(left_tokens(text, num.start))[0]
            in (None, Qualifier.EXACT, Qualifier.APPROX)
        ):  # a bound stays a figure: "a tree more than 500 years old"
            if (
                kept
                and kept[-1].unit is None
                and _AGE_SPAN.fullmatch(text, kept[-1].end, num.start)
            ):
                kept.pop()  # "40 to 50 years old": both ends are ages
            continue  # "the victim was 34 years old"
        if _may_be_age(text, num) and (
            _is_age(left_tokens(text, num.start)) or _continues_ages(text, age_end, num)
        ):
            dropped_end = age_end = num.end  # "aged 34", "aged 19 and 22", "aged 18-25"
            continue
        if num.plain or num.small:
            tokens = left_tokens(text, num.start)
            previous = tokens[-1] if tokens else None
            name_like = (
                previous is not None
                and not previous[2].islower()
                and not previous[2].endswith(".")
                and previous[0] not in NOT_NAME_WORDS
                and not (
                    len(tokens) > 1 and tokens[-2][0] == "the" and _LIST_END.match(text, num.end)
                )
            )  # "Route 66", "Boeing 737"; but "the SPD 47, the AfD 27 and the Greens 18" counts
            if previous and (
                previous[0] in LABEL_WORDS or (name_like and (num.plain or num.capital))
            ):
                dropped_end = num.end
                continue
            if num.plain and _ADDRESS.match(text, num.end):
                continue  # "10 Downing Street"
            if num.plain and num.low <= 120 and _is_apposition_age(text, num):
                continue  # "Smith, 78, said": an age, not a figure
            counted = _LOWER_WORD_NEXT.match(text, num.end) is not None  # "over 2000 people"
            # "2000-3000 people" is a range: year spans ("2023-24") were excluded earlier
            if (
                num.year
                and not _DASH_DIGIT.match(text, num.end)
                and (qualifier_before(tokens)[0] in (None, Qualifier.EXACT) or not counted)
            ):
                dropped_end = num.end
                continue
        kept.append(num)
    return kept


# "Smith, 78, said", "a boy, 12, was hurt": a name or a person noun, then the age in commas.
_APPOSITION_BEFORE = re.compile(
    r"(?:[A-Z][a-z]+|(?<![A-Za-z])(?:boy|girl|man|woman|teenager|teen|child|baby|toddler|son"
    r"|daughter|mother|father|wife|husband|brother|sister|driver|victim|suspect|student"
    r"|pensioner|resident|worker|passenger|pilot|officer|soldier|farmer|nurse|doctor)),\s$"
)
# "34 years old", "six months old": an age, whatever the unit
_AGE_SPAN = re.compile(r"\s{0,2}(?:[-–]|to|or|and)\s{0,2}")
_OLD_AFTER = re.compile(r"[\s-]{1,2}old(?![A-Za-z])")
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_AGE_UNITS = frozenset({None, "year", "month", "week", "day"})
# After "aged 19", a figure joined by "and", "or", "to" or a comma is another age when nothing
# it could count follows ("aged 19 and 22.", "aged 19 and 22 were"; not "aged 25 and two women").
_AGE_LIST_JOIN = re.compile(r"\s{0,2}(?:,|,?\s(?:and|or|to))\s{1,2}$")
_AGE_LIST_END = re.compile(
    r"\s{0,2}(?:$|[.,;:!?)]|(?:and|or|were|was|are|is|have|had|who|from|in|at|on|with|when"
    r"|respectively|years?|months?)(?![A-Za-z]))"
)


def _may_be_age(text: str, num: Figure) -> bool:
    """A cheap test before reading words: an unscaled count or duration after "age" text."""
    return (
        num.kind in ("digits", "words")
        and num.scale == 1.0
        and num.unit in _AGE_UNITS
        and text.find("age", max(0, num.start - 40), num.start) >= 0
    )


def _is_age(tokens: list[tuple[str, int, str]]) -> bool:
    """Whether the words before a figure make it an age: "aged 34", "aged over 65", "at the
    age of 78", "aged between 18 and 25"."""
    _, start = qualifier_before(tokens)
    words = [token[0] for token in tokens if start is None or token[1] < start]
    if words and words[-1] == "between":
        words.pop()
    if len(words) >= 2 and words[-1] == "of":
        return words[-2] in ("age", "ages")
    return bool(words) and words[-1] in _AGE_WORDS


def _continues_ages(text: str, age_end: int, num: Figure) -> bool:
    return (
        age_end >= 0
        and 0 < num.start - age_end <= 8
        and _AGE_LIST_JOIN.search(text, age_end, num.start) is not None
        and _AGE_LIST_END.match(text, num.end) is not None
    )


def _is_apposition_age(text: str, num: Figure) -> bool:
    return (
        text.startswith(",", num.end)
        and _APPOSITION_BEFORE.search(text, max(0, num.start - 24), num.start) is not None
    )


def is_figure(text: str, num: Figure) -> bool:
    """Whether a word figure is an amount ("one soldier", "half of"), not a word ("no one")."""
    if num.kind not in ("words", "fraction") or num.low < 0:
        return True
    if (num.words == ("one",) or num.kind == "fraction") and _HYPHEN_WORD.match(text, num.end):
        return False  # "one-sided", "a third-party": a compound adjective, not a figure
    if num.qualifier is not Qualifier.EXACT:
        return True
    if num.words == ("one",) and num.unit is None:
        tokens = left_tokens(text, num.start, 1)
        if tokens and tokens[0][0] in NOT_ONE_BEFORE:
            return False
        following = _NEXT_WORD.match(text, num.end)
        return following is not None and following.group(1).lower() not in NOT_COUNTED_AFTER_ONE
    if (
        num.kind == "fraction"
        and num.words
        and not num.words[-1].endswith("s")
        and num.unit == "fraction"
    ):
        # singular proportion: "half of", "a third of" yes; "a third term", "second half" no
        tokens = left_tokens(text, num.start, 1)
        if tokens and tokens[0][0] in NOT_FRACTION_AFTER:
            return False
        following = _NEXT_WORD.match(text, num.end)
        if following is not None:
            return following.group(1).lower() in FRACTION_FOLLOWERS
        return num.end >= len(text) or text[num.end] in ".,;:)!?"
    return True


_SCORE_VERB = re.compile(
    r"(?i)\b(?:won|wins?|winning|beat|beats|beaten|beating|defeated|defeats?|lost|lose|loses"
    r"|losing|drew|draws?|drawn|drawing|trailed|trails?|trailing|led|leads?|leading|edged"
    r"|thrashed|routed|crushed|downed|overcame|voted|votes?|ruled|tied|ties|level|scored"
    r"|score|scores|scoreline|aggregate)\b"
)
_SCORE_NOUN_AFTER = re.compile(
    r"\s{1,2}(?:[a-z-]{2,15}\s{1,2})?(?:win|victory|defeat|loss|draw|tie|vote|decision|ruling"
    r"|majority|margin|lead|scoreline|result|triumph|thrashing|rout|drubbing|aggregate"
    r"|advantage|split|record)(?![A-Za-z])"
)
_SCORE_END = re.compile(
    r"\s{0,2}(?:$|[.,;:!?)\n]|(?:at|on|in|to|against|with|after|over|and|as|for|from|the|this"
    r"|but|while|when|before|since|by|away|at|home|thanks|despite|into|until|under)(?![A-Za-z]))"
)
_CLAUSE_START = re.compile(r"[.;:!?\n]")


def is_score(text: str, start: int, end: int) -> bool:
    """Whether digits joined by a dash at `start:end` are a score or a vote, not a range.

    "a 3-1 win", "a 5-4 vote", "lost 1-3 at home", "beat the Ravens 17-24." (a higher first
    number is already read as a score); "won 120-130 seats" stays a range because a counted
    noun follows.
    """
    if _SCORE_NOUN_AFTER.match(text, end):
        return True
    window_start = max(0, start - 60)
    clause = list(_CLAUSE_START.finditer(text, window_start, start))
    if clause:
        window_start = clause[-1].end()
    return (
        _SCORE_VERB.search(text, window_start, start) is not None
        and _SCORE_END.match(text, end) is not None
    )


# A span of time that is a custodial sentence ("four years in prison", "jailed for six
# years", "a prison term of 18 months") counts what a court imposed: a figure.
_CUSTODY_AFTER = re.compile(r"\s+(?:in\s+(?:prison|jail|custody|detention)|behind\s+bars)\b")
_CUSTODY_BEFORE = re.compile(
    r"\b(?:sentenced\s+to|jailed\s+for|imprisoned\s+for|(?:prison|jail)\s+(?:term|sentence)s?"
    r"\s+of|sentences?\s+of)\s+(?:up\s+to\s+|a\s+further\s+|an?\s+additional\s+)?$",
    re.IGNORECASE,
)


def is_custodial(text: str, number: NumberMention) -> bool:
    """Whether the span of time at `number` is a prison sentence."""
    if _CUSTODY_AFTER.match(text, number.end, number.end + 30):
        return True
    return _CUSTODY_BEFORE.search(text, max(0, number.start - 40), number.start) is not None


# "four years in prison, two of them suspended": a part counted in its whole's unit.
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)\b")


def unit_of_part(text: str, number: NumberMention, out: Sequence[ExtractedAssertion]) -> str | None:
    """The figure's unit; a bare part of a span of time ("two of them") takes the span's."""
    if (
        number.unit is None
        and out
        and dimension_of(out[-1].unit) == "duration"
        and _OF_THEM.match(text, number.end)
    ):
        return out[-1].unit
    return number.unit


# A span of time that is an entitlement ("16 weeks of severance pay", "six months of health
# coverage", "12 weeks' paid leave") counts what is granted: a figure.
_ENTITLEMENT_AFTER = re.compile(
    r"(?:\s+of|['’])\s+(?:paid\s+|unpaid\s+|full\s+|extra\s+|additional\s+)?"
    r"(?:health\s+)?(?P<what>severance|pay|salary|wages|notice|leave|coverage|benefits"
    r"|compensation|(?:parental|maternity|paternity|sick)(?=\s+leave))\b",
    re.IGNORECASE,
)


def entitlement(text: str, number: NumberMention) -> str | None:
    """What the span of time at `number` grants ("severance", "leave", "coverage"), or None."""
    match = _ENTITLEMENT_AFTER.match(text, number.end, number.end + 40)
    return match.group("what").lower() if match is not None else None
