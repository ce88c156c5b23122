"""The regular expressions behind `dates`: month, weekday, day and year pieces and the rules
built from them. Each rule names the date phrase `expr` and, where one may precede it, the
introducing word `prep`. Rules are case-sensitive for month and weekday names (Capitalised or
UPPER: "may" the verb is not a month) and bounded: no nested repetition. `stamp_at` reads the
time of day and zone written after a date in a publication stamp.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from service.domain.number_words import letter_any_case

MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
MONTH_INDEX: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    MONTH_INDEX[_name] = _number
    MONTH_INDEX[_name[:3]] = _number
MONTH_INDEX["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of `text` as a set."""
    return frozenset(text.split())


def _cased_forms(words: list[str]) -> list[str]:
    """Capitalised and UPPER forms only ("may" the verb is not a month), longest first."""
    return sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)


def _spelled(char: str, any_case: bool) -> str:
    if any_case and "a" <= char <= "z":
        return letter_any_case(char)
    return re.escape(char)


def word_alternation(words: list[str], any_case: bool = False) -> str:
    """`(?:w1|w2|...)` factored by shared prefixes, with the same matches tried in the same order.

    The engine tests a plain alternation word by word at every position; factored, it turns a
    position down after one test per branch point. Words that can match at one place are
    prefixes of one another, so keeping each such pair's order (checked here) keeps the order
    of the plain alternation. With `any_case` (words in lower case) every letter is spelled as
    the class of all characters IGNORECASE matches to it, which the engine tests without the
    slow path IGNORECASE takes: the same matches as `(?i:w1|w2|...)`."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node.setdefault("", {})
    tried: list[str] = []

    def emit(node: dict[str, dict[str, Any]], prefix: str) -> str:
        branches = []
        for char, child in node.items():  # in order of first appearance; "" ends a word
            if char:
                branches.append(_spelled(char, any_case) + emit(child, prefix + char))
            else:
                tried.append(prefix)
                branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    body = emit(tree, "")
    first = {word: index for index, word in reversed(list(enumerate(words)))}
    for short in first:
        for long in first:
            if (
                long != short
                and long.startswith(short)
                and (first[short] < first[long]) != (tried.index(short) < tried.index(long))
            ):
                raise ValueError(f"{short!r} and {long!r} would be tried out of order")
    return body if len(tree) > 1 else "(?:" + body + ")"


_MONTH_ABBREVIATIONS = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec",
]  # fmt: skip
# Each group opens with a lookahead for the capitals its forms start with: a position without
# one (most of them) fails at one test.
MONTH = (
    "(?=[" + "".join(sorted({m[0].upper() for m in MONTH_NAMES})) + "])"
    "(?P<month>"
    + word_alternation(_cased_forms(MONTH_NAMES))
    + "|"
    + word_alternation(_cased_forms(_MONTH_ABBREVIATIONS))
    + r"\.?)(?![a-z])"
)
WEEKDAY = (
    "(?=[" + "".join(sorted({d[0].upper() for d in WEEKDAYS})) + "])"
    "(?P<weekday>" + word_alternation(_cased_forms(WEEKDAYS)) + r")(?![a-z])"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d,.]\d)"


def any_case(words: str) -> str:
    """`words` (space-separated, "_" for a space) in any case, spelled by `word_alternation`:
    a rule tries its words at every word start, and a word that begins none of them fails at
    its first letter."""
    return word_alternation([w.replace("_", " ") for w in words.split()], any_case=True)


def letter_led(words: str, any_letter_case: bool, tails: dict[str, str]) -> str:
    """`\\b(?:w1|w2|...)` of the space-separated `words` ("_" a space; in any case with
    `any_letter_case`), spelled to open with the class of the words' first letters, so that the
    engine skips to one at C speed and tests the word start only there; each word's rest is
    read after a lookbehind for its first letter, then the `tails` of that first letter."""
    by_first: dict[str, list[str]] = {}
    for word in words.split():
        by_first.setdefault(word[0], []).append(word[1:].replace("_", " "))
    firsts = [letter_any_case(c) if any_letter_case else c for c in by_first]
    branches = [
        f"(?<={first})" + word_alternation(rests, any_case=any_letter_case) + tails.get(c, "")
        for first, (c, rests) in zip(firsts, by_first.items(), strict=True)
    ]
    opening = "".join(first.strip("[]") for first in firsts)
    return "[" + opening + r"](?<!\w.)(?:" + "|".join(branches) + ")"


def words_group(name: str, words: str) -> str:
    """A named group of `words` in any case (see `any_case`)."""
    return f"(?P<{name}>{any_case(words)})"


# (an empty second branch rather than "?": the engine skips a repeat's bookkeeping)
PREP = (
    r"(?:"
    + words_group(
        "prep",
        "as_of as_at since from until till through by in on at during of for before after "
        "between and to",
    )
    + r"\s+|)"
)
PART = (
    "(?P<part>"
    + word_alternation(
        [
            "early", "late", "mid", "mid-", "the middle of", "middle of", "the end of", "end of",
            "the start of", "start of", "the beginning of", "beginning of", "the close of",
        ],
        any_case=True,
    )
    + ")"
)  # fmt: skip
NUM = r"(?P<num>\d{1,3}|" + any_case(" ".join(NUMBER_WORDS)) + r")"
FLAGS = re.VERBOSE


def _rule(body: str, flags: int = FLAGS) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + PREP + r"(?P<expr>" + body + r")", flags)


EXPLICIT_MDY = _rule(
    r"(?:"
    + WEEKDAY
    + r",?\s+)?"
    + MONTH
    + r"\s+"
    + DAY
    + r"(?:\s?[-–]\s?(?P<day2>[0-3]?\d)(?![\d:]))?(?:,?\s+"
    + YEAR
    + r")?"
)
EXPLICIT_DMY = _rule(
    r"(?:" + WEEKDAY + r",?\s+)?(?:the\s+)?" + DAY + r"\s+(?:of\s+)?" + MONTH + r"(?:,?\s+"
    r"" + YEAR + r")?"
)
MONTH_YEAR = _rule(r"(?:" + PART + r"[\s-]?)?" + MONTH + r",?\s+(?:of\s+)?" + YEAR)
# A month placed by its year relative to publication: "September last year", "5 March this
# year", "early June of next year".
MONTH_REL_YEAR = _rule(
    r"(?:(?:" + PART + r"[\s-]?)?" + MONTH + r"(?:\s+" + DAY + r")?"
    r"|"
    + DAY.replace("(?P<day>", "(?P<day_first>")
    + r"\s+(?:of\s+)?"
    + MONTH.replace("(?P<month>", "(?P<month_after>")
    + r"),?\s+(?:of\s+)?(?P<year_rel>"
    + any_case("last this next")
    + r")\s+year\b"
)
# A month named by "last", "this" or "next": "last September", "next May".
MONTH_REL = _rule(r"(?P<rel>" + any_case("last this next") + r")\s+" + MONTH)
# A period named by its end: "the year to March", "the 12 months to the end of March 2024",
# "the quarter through June 30", "the three months ending September".
PERIOD_TO = _rule(
    r"(?:the\s+)?(?:(?:past|last|previous)\s+)?(?:(?:\d{1,2}|three|six|nine|twelve)\s+"
    r"(?:months|weeks)|(?:financial\s+|fiscal\s+)?year|quarter|half|half-year)\s+"
    r"(?:to|through|thru|ending|ended|until)\s+(?:the\s+end\s+of\s+)?"
    + MONTH
    + r"(?:\s+"
    + DAY
    + r")?(?:,?\s+"
    + YEAR
    + r")?"
)
ISO = _rule(r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])")
SLASHED = _rule(r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")
PART_YEAR = _rule(PART + r"[\s-]?" + r"(?:fiscal\s+)?" + YEAR)
YEAR_ALONE = re.compile(
    r"(?<![\w-])"
    + words_group(
        "prep",
        "as_of since from until till through by in during for before after between of and to "
        "the its their",
    )
    + r"\s+"
    r"(?P<expr>(?:(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?)" + YEAR + r")",
    FLAGS,
)
MONTH_ALONE = re.compile(
    r"(?<![\w-])(?:"
    + words_group(
        "prep", "as_of since from until till through by in during of before after between and to at"
    )
    + r"\s+|(?="
    + any_case("early late mid the end start beginning middle")
    + "))"
    r"(?P<expr>(?:" + PART + r"[\s-]?)?" + MONTH + r")(?![\s,]*\d)",
    FLAGS,
)
QUARTER = _rule(
    r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-](?P<unit>quarter|half)"
    r"(?:\s+of)?|(?P<q>[QH][1-4]))(?:\s+(?:fiscal\s+)?" + YEAR + r")?",
    FLAGS | re.IGNORECASE,
)
SEASON = re.compile(
    r"(?<![\w-])(?:(?P<prep>as\ of|since|in|during|by|until|through|over)\s+)?"
    r"(?P<expr>(?P<rel>this|last|next|the|early|late|mid-|mid)\s+(?:(?:early|late)\s+)?"
    r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?" + YEAR + r"|(?!\s+of\b))"
    r"|(?P<season2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?"
    + YEAR.replace("year", "year2")
    + r")",
    FLAGS,
)
WEEKDAY_REL = _rule(r"(?:(?P<rel>last|this|next|past)\s+)?" + WEEKDAY + r"(?!s\b)")
DAY_WORDS = re.compile(
    r"(?<![\w-])(?P<expr>"
    + any_case(
        "today tonight yesterday tomorrow this_morning this_afternoon this_evening last_night "
        "the_previous_day the_prior_day the_next_day the_following_day the_day_before "
        "a_day_earlier a_day_before"
    )
    + r")\b"
)
PERIOD_WORDS = re.compile(
    r"(?<![\w-])(?:"
    + words_group("prep", "since in during by until over for of at")
    + r"\s+|)(?P<expr>(?:"
    + PART
    + r"[\s-]?|)(?P<rel>"
    + any_case(
        "earlier_this earlier_in_the later_this later_in_the this last next the_past "
        "the_previous the_last the_following past"
    )
    + r")\s+(?P<unit>"
    + any_case("week weekend month year decade")
    + r"))\b"
)
AGO = re.compile(
    r"(?<![\w-])(?P<expr>"
    + NUM
    + r"\s+(?P<unit>"
    + any_case("day week month year")
    + ")"
    + any_case("s")
    + r"?\s+(?P<dir>"
    + any_case("ago earlier before later")
    + r"))\b"
)
SPAN_TO_NOW = re.compile(
    r"(?<![\w-])(?P<expr>(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+"
    r"(?:(?:\d{1,3}|[a-z]{3,6})\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)"
    r"|so\ far\ (?:this\ (?:week|month|year)|in\ (?:19|20)\d\d)"
    r"|(?:this|the)\ year\ (?:so\ far|to\ date)"
    r"|year[\s-]to[\s-]date|so\ far)\b",
    re.IGNORECASE,
)
DECADE = _rule(r"the\s+(?P<decade>(?:19|20)\d0)s\b")

# Pieces every match of a rule holds, each opening with a literal or a character class that the
# engine skips to at C speed: a sentence without its rule's piece skips that rule's scan. A
# rule and its piece change together.
MONTH_WORD = re.compile(
    word_alternation(_cased_forms(MONTH_NAMES + _MONTH_ABBREVIATIONS)) + "(?![a-z])"
)  # any rule reading MONTH
ISO_PIECE = re.compile(r"-[01]\d-")
SLASHED_PIECE = re.compile("/")
DECADE_PIECE = re.compile("0s")
# MONTH, then DAY after spaces: a month form is a capital and 2-8 letters, a day opens with a digit
MDY_PIECE = re.compile(r"[ADFJMNOS][A-Za-z]{2,8}\.?\s+\d")
DMY_PIECE = re.compile(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?[ADFJMNOS]")  # DAY, then MONTH
MONTH_YEAR_PIECE = re.compile(r"[ADFJMNOS][A-Za-z]{2,8}\.?,?\s+(?:of\s+)?(?:19|20)\d\d")
# MONTH_REL_YEAR ends in last/this/next, any case (so in t, s or long s), spaces and "year"
YEAR_REL_PIECE = re.compile(r"[tTsS\u017f]\s+year\b")
PERIOD_TO_PIECE = re.compile(
    r"(?:to|through|thru|ending|ended|until)\s+(?:the\s+end\s+of\s+)?[ADFJMNOS]"
)

# Where the weekday rule can match. Every weekday name ends in "day" or "DAY", at most 6
# characters in (Wednesday); a match starts at most three words before the name (a preposition,
# "as of" counting two, then "last", "this", "next" or "past") and its lookahead `(?!s\b)` reads
# 2 characters past the name. (A scan's lookbehinds still see the text before its start.)
# Word letters: ASCII and the characters the prepositions' spelled classes hold (`_spelled`).
_WORD_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0131\u0130\u017f\u212a"


def weekday_scan(sentence: str) -> tuple[int, int]:
    """`(start, end)` of the part of `sentence` that holds every match of `WEEKDAY_REL`."""
    lower, upper = sentence.find("day"), sentence.find("DAY")
    first = lower if upper < 0 or 0 <= lower < upper else upper
    if first < 0:
        return 0, 0
    head = sentence[: max(0, first - 6)]
    for _ in range(3):  # back over three words and the spaces after each
        head = head.rstrip().rstrip(_WORD_LETTERS)
    last = max(sentence.rfind("day"), sentence.rfind("DAY"))
    return len(head), min(len(sentence), last + 5)


def _chunks_before(sentence: str, at: int, count: int) -> int:
    """Where the `count` space-separated chunks before `at` start (0 when there are fewer)."""
    parts = sentence[:at].rsplit(None, count)
    return len(parts[0]) if len(parts) > count else 0


# Months the month rules can read: one entry, as every month rule of a sentence asks in turn.
_MONTHS_OF: list[tuple[str, int, int]] = [("", -1, -1)]


def _month_starts(sentence: str) -> tuple[int, int]:
    """Where the first and the last month word of `sentence` start ((-1, -1) for none): every
    match of `MONTH` starts at a match of `MONTH_WORD`, and no month word starts inside
    another."""
    cached, first, last = _MONTHS_OF[0]
    if cached is sentence:
        return first, last
    first = last = -1
    for match in MONTH_WORD.finditer(sentence):
        if first < 0:
            first = match.start()
        last = match.start()
    _MONTHS_OF[0] = (sentence, first, last)
    return first, last


def _around_months(
    sentence: str, chunks_before: int, reach: re.Pattern[str], past: int
) -> tuple[int, int]:
    """`(start, end)` from `chunks_before` chunks before the first month word of `sentence` to
    `past` characters beyond what `reach` matches from the last one ((0, 0) for no month)."""
    first, last = _month_starts(sentence)
    if first < 0:
        return 0, 0
    reached = reach.match(sentence, last)
    end = reached.end() if reached is not None else len(sentence)
    return _chunks_before(sentence, first, chunks_before), min(len(sentence), end + past)


# From a month word on: the month and four chunks (a day, a dash, a second day, a year).
_MONTH_DAY_YEAR_REACH = re.compile(r"(?:\s*\S+){0,5}")


def explicit_mdy_scan(sentence: str) -> tuple[int, int]:
    """`(start, end)` of the part of `sentence` that holds every match of `EXPLICIT_MDY`: from
    three chunks before the first month (a preposition, "as of" counting two, and a weekday)
    to the lookahead after the year four chunks past the last one (two characters)."""
    return _around_months(sentence, 3, _MONTH_DAY_YEAR_REACH, 2)


# From a month word on: its letters, a full stop, and the spaces and commas `MONTH_ALONE`'s
# lookahead reads before the character it tests.
_MONTH_ALONE_REACH = re.compile(r"[A-Za-z]*\.?[\s,]*")


def month_alone_scan(sentence: str) -> tuple[int, int]:
    """`(start, end)` of the part of `sentence` that holds every match of `MONTH_ALONE`: from
    five chunks before the first month (a preposition of two words, a part of three) to the
    character its lookahead tests after the last one."""
    return _around_months(sentence, 5, _MONTH_ALONE_REACH, 1)


# The units of `PERIOD_WORDS`, and how far each one's match reaches past its start ("week"
# can open "weekend"; one more character for the word-end test).
_PERIOD_UNIT_REACH = (("week", 8), ("month", 6), ("year", 5), ("decade", 7))


def period_words_scan(sentence: str) -> tuple[int, int]:
    """`(start, end)` of the part of `sentence` that holds every match of `PERIOD_WORDS`: from
    seven chunks before the first unit (a preposition, a part of three words and "earlier in
    the") to the word end after the last one. Its units, in any case, are found in the
    lowercased sentence: none holds a letter that matches another character under
    IGNORECASE ("ı", "ſ"), and the Kelvin sign lowercases to "k"; a sentence whose lowercase
    form is longer ("İ") is scanned whole."""
    lower = sentence.lower()
    if len(lower) != len(sentence):
        return 0, len(sentence)
    first, end = len(sentence), -1
    for unit, reach in _PERIOD_UNIT_REACH:
        at = lower.find(unit)
        if at >= 0:
            first = min(first, at)
            end = max(end, lower.rfind(unit) + reach)
    if end < 0:
        return 0, 0
    return _chunks_before(sentence, first, 7), min(len(sentence), end)


# Time of day and zone written after a date ("at 06:09 pm", "14:05 GMT", "3:00 p.m. PT").
CLOCK_TIME = re.compile(
    r",?\s*(?:at|@|-|–|\||T)?\s*(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)(?::[0-5]\d)?\s*"
    r"(?P<ampm>(?i:a\.?m\.?|p\.?m\.?))?\s*(?P<tz>UTC|GMT|Z|[A-Z]{1,4}T|[+-]\d\d:?\d\d)?(?!\w)"
)
# Zone abbreviations newsrooms print; generic ones follow daylight saving through tzdata.
_ZONE_NAMES = {
    "UTC": "UTC", "GMT": "UTC", "Z": "UTC", "ET": "America/New_York",
    "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
    "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris", "EET": "Europe/Athens",
    "EEST": "Europe/Athens", "MSK": "Europe/Moscow", "IST": "Asia/Kolkata", "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "SAST": "Africa/Johannesburg",
    "EAT": "Africa/Nairobi", "WAT": "Africa/Lagos",
}  # fmt: skip
_FIXED_ZONES = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
                "PDT": -7}  # fmt: skip


def _zone(name: str | None) -> dt.tzinfo:
    if not name:
        return dt.UTC
    if name[0] in "+-":
        digits = name[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return dt.timezone(offset if name[0] == "+" else -offset)
    if name in _FIXED_ZONES:
        return dt.timezone(dt.timedelta(hours=_FIXED_ZONES[name]))
    if name in _ZONE_NAMES:
        try:
            return zoneinfo.ZoneInfo(_ZONE_NAMES[name])
        except zoneinfo.ZoneInfoNotFoundError:
            return dt.UTC
    return dt.UTC


def stamp_at(day: dt.date, text: str, at: int) -> dt.datetime:
    """`day` at the time of day written right after position `at` (midnight UTC if none)."""
    match = CLOCK_TIME.match(text, at)
    if match is None or match.end() - at > 40:
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    hour, minute = int(match.group("h")), int(match.group("m"))
    ampm = (match.group("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=_zone(match.group("tz")))
