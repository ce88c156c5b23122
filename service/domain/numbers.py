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
addresses, URLs, street addresses, scores ("won 3-1"), ages ("a 10-year-old", "Smith, 78,"),
hyphenated descriptions ("a 10-year note", "a 52-week high", "two-dose campaigns").
Bare "one" is reported only before a plausible counted noun ("one soldier"), never in "one of
the", "no one", "this one"; `is_small_word_number` flags lone small word numbers so a caller
can demand a counted noun. "4 days ago" is reported as a duration (4, "day"): deciding that a
relative time is not a claim is left to the caller.

Proportions ("half", "two thirds", "3/4", "one in five") are reported as percentages: unit
"%", 0-100 ("more than half" -> more_than 50 %); a fraction of a unit keeps the unit ("half a
mile" -> 0.5 mi). A figure converted in brackets keeps the qualifier of the figure before it
("about 80 km (50 miles)" -> both approx).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from service.domain.model import NumberMention, Qualifier
from service.domain.number_words import (
    CARDINAL_WORDS,
    CHANGE_UP,
    CHANGE_WORDS,
    CLAUSE_BREAK,
    FRACTION_FOLLOWERS,
    LABEL_WORDS,
    NOT_COUNTED_AFTER_ONE,
    NOT_FRACTION_AFTER,
    NOT_NAME_WORDS,
    NOT_ONE_BEFORE,
    QUALIFIER_MAX_WORDS,
    QUALIFIER_PHRASES,
    RUN_WORDS,
    SCALES,
    SENTENCE_END,
    SMALL,
    TEENS,
    parse_number_words,
    parse_word_prefix,
    vague_reading,
    word_trie,
)
from service.domain.units import (
    UNITS,
    Exclusions,
    dimension_of,
    read_currency_before,
    read_scale,
    read_unit,
)

__all__ = ["find_numbers", "is_small_word_number", "parse_number_words"]


_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5}
_VULGAR.update({"⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8})
_VULGAR["⅞"] = 7 / 8
_DIGITS = (
    r"\d{0,6}[" + "".join(_VULGAR) + r"]"
    r"|\d{1,2}/\d{1,4}(?![\d/])"
    r"|\d{1,3}(?:\.\d+)?[eE][-+]?\d{1,3}(?![\w.])"
    r"|(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
    r"|\.\d+"
)
_VAGUE = (
    r"(?=[tThHsSaAdDmMbB])(?i:(?:tens|hundreds)\s{1,3}of\s{1,3}(?:thousands|millions|billions)"
    r"|(?:several|a\s{1,3}(?:few|couple(?:\s{1,3}of)?))\s{1,3}"
    r"(?:dozen|hundred|thousand|million|billion|lakh|crore)(?:\s{1,3}(?:thousand|million|billion))?"
    r"|half\s{1,3}a\s{1,3}dozen|a\s{1,3}handful"
    r"|dozens|hundreds|thousands|millions|billions|trillions|scores(?=\s{1,3}of\s))(?![A-Za-z])"
)
_FIRST_WORDS = (set(CARDINAL_WORDS) - set(SCALES) - {"hundred", "dozen", "dozens"}) | {
    "half",
    "quarter",
}
_RUN = (
    r"(?i:(?:" + word_trie(_FIRST_WORDS) + r"|an?(?=[\s-]{1,3}(?:hundred|thousand|million|billion"
    r"|trillion|lakh|crore|dozen|half|quarter|third|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|hundredth|thousandth)(?![A-Za-z])))(?![A-Za-z])"
    r"(?:[\s-]{1,3}" + word_trie(RUN_WORDS) + r"(?![A-Za-z])){0,16})"
)
# Digits first: a character class lets the regex engine skip ahead quickly.
_CANDIDATE = re.compile(
    r"(?<![\w./^])(?P<num>" + _DIGITS + r")"
    r"|(?<![A-Za-z])(?:(?P<vague>" + _VAGUE + r")|(?P<run>" + _RUN + r"))"
)

_MIXED_FRACTION = re.compile(r"[ \u00a0]{1,2}(\d)/(\d{1,2})(?![\d/])")
_SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")
_OF_A = re.compile(r"\s{1,3}(?:of\s{1,3})?an?\s{1,3}")
_OF = re.compile(r"\s{1,3}of(?=\s)")
_ADDRESS = re.compile(
    r"\s[A-Z][a-z]+\s(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Square|Place)\b"
)
_DASH_DIGIT = re.compile(r"\s?[-–]\s?\d")
_LOWER_WORD_NEXT = re.compile(r"\s{1,2}[a-z]")
_PARENTHESIS = re.compile(r"\s{0,2}[(\[]\s{0,2}")
_LIST_END = re.compile(r"\s*[,;.]|\s+(?:and|or)\b")
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_NEXT_WORD = re.compile(r"\s{1,2}([A-Za-z]+)")
_LEFT_TOKEN = re.compile(r"[A-Za-z]+\.?|[<>=≥≤~]")
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
_ALLOWED_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 100, 1000})
_MISSING = object()


@dataclass(slots=True)
class _Num:
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


def _num(start: int, end: int, value: float, kind: str, unit: str | None) -> _Num:
    return _Num(start, end, value, value, kind, unit, value)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase in `text` that can carry a checkable figure, in text order.

    Offsets index `text`; each mention's `text` is `text[start:end]` and covers qualifier
    words, currency and unit ("between 1,500 and 10,000", "$35bn", "250 square kilometers").
    See the module docstring for bounds, vague readings and what is deliberately skipped.
    """
    if not text:
        return []
    nums = _drop_names_and_years(text, _scan(text, Exclusions(text)))
    _apply_signs(text, nums)
    phrases = _combine(text, nums)
    for phrase in phrases:
        _qualify_before(text, phrase)
    for index, phrase in enumerate(phrases):
        _qualify_after(text, phrase, phrases[index + 1].start if index + 1 < len(phrases) else None)
    for previous, phrase in itertools.pairwise(phrases):
        if (
            phrase.qualifier is Qualifier.EXACT
            and previous.qualifier is not Qualifier.RANGE
            and previous.unit is not None
            and dimension_of(previous.unit) == dimension_of(phrase.unit)
            and _PARENTHESIS.fullmatch(text, previous.end, phrase.start)
        ):
            phrase.qualifier = previous.qualifier  # "about 80 km (50 miles)": the same figure
    return [_mention(text, p) for p in _merge_bounds(text, phrases) if _keep(text, p)]


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


# ---------------------------------------------------------------------------- scanning


def _scan(text: str, excluded: Exclusions) -> list[_Num]:
    found: list[_Num] = []
    for m in _CANDIDATE.finditer(text):
        if found and m.start() < found[-1].end:
            continue  # already read as part of the previous figure ("2 1/2", "3 to 4 L")
        if m.start("num") >= 0:
            num = _read_digits(text, m, excluded)
            if num is not None:
                found.append(num)
        elif m.start("vague") >= 0:
            found.append(_read_vague(text, m))
        else:
            found.extend(_read_words(text, m))
    return found


def _read_digits(text: str, m: re.Match[str], excluded: Exclusions) -> _Num | None:
    digits = m.group("num")
    num_start, num_end = m.span("num")
    if excluded.covers(num_start, num_end):
        return None
    currency, start = read_currency_before(text, num_start) or (None, num_start)
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
        raw = float(_SEPARATORS.sub("", digits))
    end, scale, unit = num_end, 1.0, currency
    mixed = _MIXED_FRACTION.match(text, end) if digits.isdigit() else None
    if mixed and 0 < int(mixed.group(1)) < int(mixed.group(2)) <= 16:
        raw += int(mixed.group(1)) / int(mixed.group(2))  # "2 1/2"
        end = mixed.end()
    scaled = read_scale(text, end, currency) if not fraction else None
    if scaled:
        scale, end = scaled
    found = read_unit(text, end, scale != 1.0)
    if found:
        code, unit_end, gap = found
        is_money = code == "%" or UNITS[code][0] == "currency"
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
    num = _num(start, end, raw * scale, "digits", unit)
    num.raw, num.scale = raw, scale
    num.plain = digits.isdigit() and unit is None and scale == 1.0
    num.year = num.plain and len(digits) == 4 and 1800 <= raw <= 2100
    return num


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


def _read_vague(text: str, m: re.Match[str]) -> _Num:
    low, high = vague_reading(m.group("vague")) or (0.0, 0.0)
    num = _num(m.start(), m.end(), low, "vague", None)
    num.high, num.vague = high, True
    num.qualifier = Qualifier.APPROX if low == high else Qualifier.RANGE
    of_match = _OF.match(text, m.end())
    found = read_unit(text, of_match.end() if of_match else m.end(), True)
    if found and found[2] != "-" and (found[2] or not of_match):
        num.unit, num.end = found[0], found[1]  # "billions of dollars", "thousands of tons"
    return num


def _read_words(text: str, m: re.Match[str]) -> list[_Num]:
    tokens = [
        (t.group(), t.start(), t.end()) for t in _WORD_TOKEN.finditer(text, m.start(), m.end())
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
        num = _num(start, end, value, "fraction" if fraction else "words", None)
        num.words = used_words
        num.capital = tokens[index - used][0][0].isupper()
        num.small = used == 1 and value <= 10 and not fraction
        if used_words[-1] in SCALES:
            num.scale = SCALES[used_words[-1]]
            num.raw = value / num.scale
        found_unit = read_unit(text, end, num.scale != 1.0)
        if found_unit and found_unit[2] == "-":
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


# ---------------------------------------------------------------------------- context


def _left_tokens(
    text: str, start: int, limit: int = QUALIFIER_MAX_WORDS + 1
) -> list[tuple[str, int, str]]:
    """The words right before `start`, nearest last, as long as only spaces separate them."""
    tokens = list(_LEFT_TOKEN.finditer(text, max(0, start - 64), start))
    out: list[tuple[str, int, str]] = []
    position = start
    for token in reversed(tokens):
        gap = text[token.end() : position]
        if gap.strip() or "\n" in gap:
            break
        out.append((token.group().lower(), token.start(), token.group()))
        position = token.start()
        if len(out) == limit:
            break
    out.reverse()
    return out


def _qualifier_before(tokens: list[tuple[str, int, str]]) -> tuple[Qualifier | None, int | None]:
    """The longest qualifier phrase ending right before the figure, and where it starts."""
    for size in range(min(len(tokens), QUALIFIER_MAX_WORDS), 0, -1):
        key = " ".join(token[0] for token in tokens[-size:])
        found = QUALIFIER_PHRASES.get(key, _MISSING)
        if found is not _MISSING:
            return found, tokens[-size][1]  # type: ignore[return-value]
    return None, None


def _drop_names_and_years(text: str, nums: list[_Num]) -> list[_Num]:
    kept: list[_Num] = []
    dropped_end = -1
    for num in nums:
        if dropped_end >= 0 and num.start == dropped_end + 1 and text[dropped_end] in "-/":
            dropped_end = num.end if num.plain else -1  # "Boeing 737-800"
            continue
        dropped_end = -1
        if num.plain or num.small:
            tokens = _left_tokens(text, num.start)
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
                and (_qualifier_before(tokens)[0] in (None, Qualifier.EXACT) or not counted)
            ):
                dropped_end = num.end
                continue
        kept.append(num)
    return kept


_APPOSITION_BEFORE = re.compile(r"[A-Z][a-z]+,\s$")


def _is_apposition_age(text: str, num: _Num) -> bool:
    return (
        text.startswith(",", num.end)
        and _APPOSITION_BEFORE.search(text, max(0, num.start - 24), num.start) is not None
    )


def _apply_signs(text: str, nums: list[_Num]) -> None:
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


def _negate(num: _Num, start: int) -> None:
    num.start = start
    num.low, num.high, num.raw = -num.high, -num.low, -num.raw
    num.plain = num.year = False


def _combine(text: str, nums: list[_Num]) -> list[_Num]:
    """Join "X to Y", "X-Y", "between X and Y", "X or Y" into ranges and "X in Y" into ratios."""
    out: list[_Num] = []
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


_SCORE = _num(0, 0, 0.0, "score", None)


def _join(text: str, first: _Num, second: _Num, gap: re.Match[str]) -> _Num | None:
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
            ratio = _num(first.start, second.end, low / high, "fraction", "fraction")
            return ratio
        return None
    if first.scale == 1.0 and second.scale != 1.0 and abs(first.raw) <= abs(second.raw):
        low = first.raw * second.scale  # "between 1.5 and 2 million", "$20-30bn"
    start = first.start
    tokens = _left_tokens(text, first.start, 3)
    if len(tokens) >= 2 and QUALIFIER_PHRASES.get(tokens[-1][0]) is Qualifier.APPROX:
        tokens = tokens[:-1]  # "between about 5 and 10", "from roughly 20 to 30"
    if connector in "-–—~":
        if high <= low:
            return _SCORE if unit is None and first.kind == second.kind == "digits" else None
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
    joined = _num(start, second.end, min(low, high), "range", unit)
    joined.high = max(low, high)
    joined.qualifier = Qualifier.RANGE
    return joined


def _changes_before(text: str, position: int) -> bool:
    tokens = _left_tokens(text, position, 2)
    return any(token[0] in CHANGE_WORDS for token in tokens)


def _qualify_before(text: str, num: _Num) -> None:
    qualifier, start = _qualifier_before(_left_tokens(text, num.start))
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


def _qualify_after(text: str, num: _Num, following: int | None) -> None:
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


def _merge_bounds(text: str, phrases: list[_Num]) -> list[_Num]:
    """Merge "more than 10 and less than 40" (a lower and an upper bound) into one range."""
    lower = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
    upper = (Qualifier.LESS_THAN, Qualifier.AT_MOST)
    out: list[_Num] = []
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
                merged = _num(
                    last.start, phrase.end, pair[0].low, "range", last.unit or phrase.unit
                )
                merged.high, merged.qualifier = pair[1].high, Qualifier.RANGE
                out[-1] = merged
                continue
        out.append(phrase)
    return out


def _keep(text: str, num: _Num) -> bool:
    if num.kind not in ("words", "fraction") or num.low < 0:
        return True
    if (num.words == ("one",) or num.kind == "fraction") and _HYPHEN_WORD.match(text, num.end):
        return False  # "one-sided", "a third-party": a compound adjective, not a figure
    if num.qualifier is not Qualifier.EXACT:
        return True
    if num.words == ("one",) and num.unit is None:
        tokens = _left_tokens(text, num.start, 1)
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
        tokens = _left_tokens(text, num.start, 1)
        if tokens and tokens[0][0] in NOT_FRACTION_AFTER:
            return False
        following = _NEXT_WORD.match(text, num.end)
        if following is not None:
            return following.group(1).lower() in FRACTION_FOLLOWERS
        return num.end >= len(text) or text[num.end] in ".,;:)!?"
    return True


def _mention(text: str, num: _Num) -> NumberMention:
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
