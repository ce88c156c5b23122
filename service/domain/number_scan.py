"""Candidate figures in text: digits, number words and vague amounts, with scale and unit.

`scan_figures` finds every candidate in text order as a mutable `Figure` (value, scale word,
unit, span) for `numbers.find_numbers`, which then drops names and years
(`number_context`), joins ranges and reads qualifiers (`number_bounds`). Dates, times, phone
numbers and URLs never become candidates (`digit_exclusions.Exclusions`); neither do figures
glued into names ("F-16", "#5"), ordinals, decades or hyphenated descriptions ("a 10-year note").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from service.domain.digit_exclusions import Exclusions
from service.domain.model import Qualifier
from service.domain.number_phrases import LABEL_WORDS, NOT_NAME_WORDS
from service.domain.number_words import (
    CARDINAL_WORDS,
    LETTER_ANY_CASE,
    RUN_WORDS,
    SCALES,
    letter_any_case,
    parse_word_prefix,
    pattern_any_case,
    vague_reading,
    word_trie,
)
from service.domain.unit_words import (
    LETTER_PREFIXES,
    read_currency_before,
    read_scale,
    read_unit,
)
from service.domain.units import SUBUNITS, UNITS

_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5}
_VULGAR.update({"⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8})
_VULGAR["⅞"] = 7 / 8
_FRACTION_CHARS = "".join(_VULGAR)
# A number's digits once its first character (a digit, "." or a vulgar fraction) is read: each
# alternative is one of "2½", "3/4", "1.5e6", "12,34,567", "1,234,567", "1 234 567", "42" or
# ".5" with its first character taken off, and opens with a lookbehind on that character.
# Reading the first character outside lets the regex engine skip to the next digit at C speed
# instead of trying the whole pattern at every position.
_DIGITS_AFTER_FIRST = (
    r"(?<=[" + _FRACTION_CHARS + r"])"
    r"|(?<=\d)\d{0,5}[" + _FRACTION_CHARS + r"]"
    r"|(?<=\d)\d?/\d{1,4}(?![\d/])"
    r"|(?<=\d)\d{0,2}(?:\.\d+)?[eE][-+]?\d{1,3}(?![\w.])"
    # Indian grouping ("12,34,567", "1,20,000") before the international one
    r"|(?<=\d)(?:\d?(?:,\d\d){1,4},\d{3}(?![\d,])|\d{0,2}(?:,\d{3})+(?!\d)"
    r"|\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,])|\d*)(?:\.\d+)?"
    r"|(?<=\.)\d+"
)
# The word lists are spelled by `pattern_any_case`, as fast as case-sensitive ones; the
# lookahead keeps "ſ" (which IGNORECASE reads as "s") from opening a vague amount.
_VAGUE = (
    r"(?=[tThHsSaAdDmMbB])"
    + pattern_any_case(
        r"(?:(?:tens|hundreds)\s{1,3}of\s{1,3}(?:thousands|millions|billions)"
        r"|(?:several|a\s{1,3}(?:few|couple(?:\s{1,3}of)?))\s{1,3}"
        r"(?:dozen|hundred|thousand|million|billion|lakh|crore)(?:\s{1,3}(?:thousand|million|billion))?"
        r"|half\s{1,3}a\s{1,3}dozen|a\s{1,3}handful"
        r"|dozens|hundreds|thousands|millions|billions|trillions"
        r"|scores(?=\s{1,3}of\s{1,3}" + LETTER_ANY_CASE + r"))"
    )
    + r"(?![A-Za-z])"  # not "scores of 20 and 30"
)
_FIRST_WORDS = (set(CARDINAL_WORDS) - set(SCALES) - {"hundred", "dozen", "dozens"}) | {
    "half",
    "quarter",
}
_NOT_LETTER = "(?!" + LETTER_ANY_CASE + ")"
_A_BEFORE_AMOUNT = (
    r"an?(?=[\s-]{1,3}(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen|half|quarter"
    r"|third|fifth|sixth|seventh|eighth|ninth|tenth|hundredth|thousandth)" + _NOT_LETTER + ")"
)
_NEXT_RUN_WORD = r"[\s-]{1,3}" + word_trie(RUN_WORDS) + _NOT_LETTER
_RUN = pattern_any_case(
    "(?:"
    + word_trie(_FIRST_WORDS)
    + "|"
    + _A_BEFORE_AMOUNT
    + ")"
    + _NOT_LETTER
    + ("(?:" + _NEXT_RUN_WORD + "){0,16}")
)
# Digits glued to letters are names ("F16", "N95") except after a currency prefix ("R1.3bn",
# "Rs40bn", "KSh3bn"); `_read_digits` keeps those only when the prefix reads as money. The
# lookbehinds span the first character, which the pattern reads before them.
_DIGIT_CANDIDATE = re.compile(
    r"[\d." + _FRACTION_CHARS + r"]"
    r"(?:(?<![\w./^].)|(?<=\b[RNP].)|(?<=\b(?:Rs|Rp|Tk|Sh|kr).)|(?<=\b[KUT]Sh.))"
    r"(?:" + _DIGITS_AFTER_FIRST + r")"
)
# Every vague amount and word run opens with one of these letters: a one-character test
# before the word lists (in any case, as `pattern_any_case` spells it).
_WORD_OPENERS = "|".join(sorted({w[0] for w in _FIRST_WORDS} | set("athsdmb")))
# The first word of every vague amount and word run. Most words opening with one of the
# letters above are none of these ("the", "said", "of"): a lookahead for them rejects such a
# word in a few tests where the vague and run patterns each try a dozen alternatives.
_OPENING_WORDS = _FIRST_WORDS | {"a", "an", "tens", "hundreds", "several", "dozens", "scores"}
_OPENING_WORDS |= {"thousands", "millions", "billions", "trillions"}
# First letters grouped so the lookahead tests few alternatives, frequent letters alone.
_OPENING_LETTER_GROUPS = ("t", "s", "a", "o", "fh", "en", "bdmqz")
assert set("".join(_OPENING_LETTER_GROUPS)) == {word[0] for word in _OPENING_WORDS}


def _opening_word_test() -> str:
    """A lookahead that passes at the start of every candidate's first word, and seldom
    elsewhere: a first letter of a group, then the rest of any opening word of that group
    (a necessary test only: the word patterns decide)."""
    branches = []
    for group in _OPENING_LETTER_GROUPS:
        letters = "".join(letter_any_case(letter)[1:-1] for letter in group)
        rests = {word[1:] for word in _OPENING_WORDS if word[0] in group}
        branches.append("[" + letters + "]" + pattern_any_case(word_trie(rests)))
    return "(?=(?:" + "|".join(branches) + ")(?![A-Za-z]))"


_WORDS = (
    r"(?="
    + pattern_any_case(_WORD_OPENERS)
    + r")"
    + _opening_word_test()
    + r"(?:(?P<vague>"
    + _VAGUE
    + r")|(?P<run>"
    + _RUN
    + r"))"
)
# Number words start a word: the character before them is read first, for the same reason.
_WORD_CANDIDATE = re.compile(r"[^A-Za-z]" + _WORDS)
_WORD_CANDIDATE_AT_START = re.compile(_WORDS)


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Digit and word candidates in text order, as one regex alternating digits first and
    number words second would find them: at each position digits win, and the search goes on
    after the end of each match. A word match's groups hold the words (not the character read
    before them)."""
    digits = _DIGIT_CANDIDATE.search(text)
    words = _WORD_CANDIDATE_AT_START.match(text) or _WORD_CANDIDATE.search(text)
    while digits is not None or words is not None:
        if words is None or (digits is not None and digits.start() <= _word_start(words)):
            match = digits
        else:
            match = words
        assert match is not None
        yield match
        end = match.end()
        if digits is not None and digits.start() < end:
            digits = _DIGIT_CANDIDATE.search(text, end)
        if words is not None and _word_start(words) < end:
            words = _WORD_CANDIDATE.search(text, end - 1)  # the character before reads first


def _word_start(match: re.Match[str]) -> int:
    vague = match.start("vague")
    return vague if vague >= 0 else match.start("run")


_MIXED_FRACTION = re.compile(r"[ \u00a0]{1,2}(\d)/(\d{1,2})(?![\d/])")
_SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")
_OF_A = re.compile(r"\s{1,3}(?:of\s{1,3})?an?\s{1,3}")
_OF = re.compile(r"\s{1,3}of(?=\s)")
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_ALLOWED_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 100, 1000})


@dataclass(slots=True)
class Figure:
    """A figure being assembled: one number, or two joined into a range or ratio."""

    start: int
    end: int
    low: float
    high: float
    kind: str  # digits | words | vague | fraction | range
    unit: str | None
    raw: float  # the value before a scale word: 1.5 in "1.5 million"
    scale: float = 1.0
    qualifier: Qualifier = Qualifier.EXACT
    vague: bool = False
    plain: bool = False  # bare digits: may be a year or part of a name
    year: bool = False
    small: bool = False  # a lone small number word: "two"
    capital: bool = False
    words: tuple[str, ...] = ()


def times_scale(raw: float, scale: float) -> float:
    """`raw` times a scale word's `scale`, in decimal: "$4.1bn" is 4,100,000,000, where
    binary floats make it 4,099,999,999.9999995."""
    if scale == 1.0:
        return raw
    return float(Decimal(repr(raw)) * Decimal(repr(scale)))


def new_figure(start: int, end: int, value: float, kind: str, unit: str | None) -> Figure:
    """A figure of one value (low = high = raw = `value`) at `start:end`."""
    return Figure(start, end, value, value, kind, unit, value)


def scan_figures(text: str, excluded: Exclusions) -> list[Figure]:
    """Every candidate figure in `text`, in order; digits in `excluded` spans are skipped."""
    found: list[Figure] = []
    for m in _candidates(text):
        if m.re is _DIGIT_CANDIDATE:
            if found and m.start() < found[-1].end:
                continue  # already read as part of the previous figure ("2 1/2", "3 to 4 L")
            num = _read_digits(text, m, excluded)
            if num is not None:
                found.append(num)
        elif found and _word_start(m) < found[-1].end:
            continue
        elif m.start("vague") >= 0:
            found.append(_read_vague(text, m))
        else:
            found.extend(_read_words(text, m))
    for num in found:
        if num.unit in SUBUNITS:
            _in_main_unit(num)  # "41p", "one penny", "hundreds of pence": as "£0.41" reads
    return found


def _in_main_unit(num: Figure) -> None:
    """A figure in coins ("one penny") as money in the main unit (GBP 0.01)."""
    assert num.unit is not None
    num.unit, per_unit = SUBUNITS[num.unit]
    # rounded: 41 / 100 and 53.8 / 100 leave binary remainders
    num.low, num.high = round(num.low / per_unit, 12), round(num.high / per_unit, 12)
    num.scale /= per_unit


def _read_digits(text: str, m: re.Match[str], excluded: Exclusions) -> Figure | None:
    digits = m.group()
    num_start, num_end = m.span()
    if excluded.covers(num_start, num_end):
        return None
    currency, start = read_currency_before(text, num_start) or (None, num_start)
    glued = num_start > 0 and text[num_start - 1].isalpha()
    if glued and currency is None:
        return None  # "B52": letters glued to digits that are no currency
    if currency is None and num_start and _inside_name(text, num_start):
        return None  # "F-16", "COVID-19", "J1149.5+6663", "#5"
    fraction = "/" in digits
    if digits[-1] in _VULGAR:
        fraction = len(digits) == 1
        raw = float(digits[:-1] or 0) + _VULGAR[digits[-1]]
    elif fraction:
        numerator, denominator = (int(part) for part in digits.split("/"))
        allowed = denominator in _ALLOWED_DENOMINATORS or (numerator == 1 and denominator <= 1000)
        if not 0 < numerator < denominator or not allowed:
            return None  # "24/7", "9/11"
        raw = numerator / denominator
    else:
        # decimal digits alone hold no separator to drop (the common case: "45", "2024")
        raw = float(digits if digits.isdecimal() else _SEPARATORS.sub("", digits))
    end, scale, unit = num_end, 1.0, currency
    mixed = _MIXED_FRACTION.match(text, end) if digits.isdigit() else None
    if mixed and 0 < int(mixed.group(1)) < int(mixed.group(2)) <= 16:
        raw += int(mixed.group(1)) / int(mixed.group(2))  # "2 1/2"
        end = mixed.end()
    scaled = read_scale(text, end, currency) if not fraction else None
    if scaled:
        scale, end = scaled
    elif glued and text[start:num_start] in LETTER_PREFIXES:
        return None  # "N95", "P5", "R2": only "R1.3bn", "N500bn" are money
    found = read_unit(text, end, scale != 1.0)
    if (
        found
        and found[0] in SUBUNITS
        and (
            currency is not None
            or found[2] == "-"
            or (found[2] == "" and (raw in _PICTURE_LINES or _labelled(text, start)))
        )
    ):
        found = None  # "a 5-pence coin" describes; "720p" is a picture, "Article 3c" a name
    if found:
        code, unit_end, gap = found
        is_money = code == "%" or code in SUBUNITS or UNITS[code][0] == "currency"
        if _HYPHEN_WORD.match(text, unit_end):
            if gap == "-" and text.startswith("-old", unit_end):
                return None  # "a 10-year-old": an age adjective, not a figure
        elif gap == "-" and UNITS[code][0] == "duration":
            return None  # "a 10-year Treasury note", "a 52-week high": a description
        elif not (gap == "-" and is_money) and (currency is None or is_money):
            unit, end = currency or code, unit_end  # not "1.3 million second-round votes"
    if end < len(text) and text[end].isalnum():
        return None  # ordinals "21st", codes "3D", decades "1990s"
    if fraction and unit is None:
        unit = "fraction"
    num = new_figure(start, end, times_scale(raw, scale), "digits", unit)
    num.raw, num.scale = raw, scale
    num.plain = digits.isdigit() and unit is None and scale == 1.0
    num.year = num.plain and len(digits) == 4 and 1800 <= raw <= 2100
    return num


_PICTURE_LINES = frozenset({240, 360, 480, 576, 720, 1080, 1440, 2160, 4320})
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[ \u00a0]$")


def _labelled(text: str, start: int) -> bool:
    """Whether a label or a name comes right before the figure at `start` ("Article 3c",
    "Class 4c"): letters glued to its digits then continue that name, not a coin."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1).lower()
    return word in LABEL_WORDS or (m.group(1)[0].isupper() and word not in NOT_NAME_WORDS)


def _inside_name(text: str, start: int) -> bool:
    before = text[start - 1]
    if before == "#":
        return True
    if before == "+":
        return start >= 2 and text[start - 2].isalnum()
    if before not in "-−–" or start < 2 or not text[start - 2].isalpha():
        return False
    letters = start - 2
    while letters > 0 and text[letters - 1].isalpha():
        letters -= 1
    if letters > 0 and text[letters - 1].isdigit():
        return False  # "5k-20k" is a range
    return not text[letters : start - 1].islower()  # "F-16", "Su-34"; not "magnitude-7.8"


def _describes(unit: str) -> bool:
    """Whether a hyphenated word number with this unit describes rather than measures: "a
    two-year plan", "a one-percent chance"; "a four-mile drive", "a three-ton load" measure."""
    return unit == "%" or unit in SUBUNITS or UNITS[unit][0] in ("duration", "currency", "ratio")


def _read_vague(text: str, m: re.Match[str]) -> Figure:
    low, high = vague_reading(m.group("vague")) or (0.0, 0.0)
    num = new_figure(m.start("vague"), m.end(), low, "vague", None)
    num.high, num.vague = high, True
    num.qualifier = Qualifier.APPROX if low == high else Qualifier.RANGE
    of_match = _OF.match(text, m.end())
    found = read_unit(text, of_match.end() if of_match else m.end(), True)
    if found and found[2] != "-" and (found[2] or not of_match):
        num.unit, num.end = found[0], found[1]  # "billions of dollars", "thousands of tons"
    return num


def _read_words(text: str, m: re.Match[str]) -> list[Figure]:
    tokens = [
        (t.group(), t.start(), t.end()) for t in _WORD_TOKEN.finditer(text, m.start("run"), m.end())
    ]
    words = [token[0].lower() for token in tokens]
    found = []
    index = 0
    while index < len(words):
        parsed = parse_word_prefix(words[index:])
        if parsed is None:
            index += 1
            continue
        value, used, fraction = parsed
        start, end = tokens[index][1], tokens[index + used - 1][2]
        used_words = tuple(words[index : index + used])
        index += used
        num = new_figure(start, end, value, "fraction" if fraction else "words", None)
        num.words = used_words
        num.capital = tokens[index - used][0][0].isupper()
        num.small = used == 1 and value <= 10 and not fraction
        if used_words[-1] in SCALES:
            num.scale = SCALES[used_words[-1]]
            num.raw = value / num.scale
        found_unit = read_unit(text, end, num.scale != 1.0)
        if found_unit and found_unit[2] == "-" and _describes(found_unit[0]):
            continue  # "a two-year plan", "one-day fall": a description, not a figure
        if found_unit and not _HYPHEN_WORD.match(text, found_unit[1]):
            num.unit, num.end = found_unit[0], found_unit[1]
        elif not found_unit and not fraction and _HYPHEN_WORD.match(text, end):
            continue  # "two-dose campaigns", "three-member panel"
        if fraction and num.unit is None:
            measure = _OF_A.match(text, end)
            found_unit = read_unit(text, measure.end(), False) if measure else None
            if found_unit and not found_unit[2]:
                num.unit, num.end = found_unit[0], found_unit[1]  # "half a mile"
            else:
                num.unit = "fraction"
        found.append(num)
    return found


_WORD_TOKEN = re.compile(r"[A-Za-z]+")
