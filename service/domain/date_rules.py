"""The date patterns of `dates` and how each one resolves against a publication date.

Each rule is a compiled regex with named groups (`expr` is the date phrase, `prep` the word that
introduced it) and a resolver returning `(date, precision)`, `(None, precision)` when the date
needs a publication date that is missing, or None to reject the match. Representative dates and
year inference are documented in `service.domain.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from service.domain.date_patterns import (
    AGO,
    DAY_WORDS,
    DECADE,
    DECADE_PIECE,
    DMY_PIECE,
    EXPLICIT_DMY,
    EXPLICIT_MDY,
    ISO,
    ISO_PIECE,
    MDY_PIECE,
    MONTH_ALONE,
    MONTH_INDEX,
    MONTH_NAMES,
    MONTH_REL,
    MONTH_REL_YEAR,
    MONTH_WORD,
    MONTH_YEAR,
    MONTH_YEAR_PIECE,
    NUMBER_WORDS,
    ORDINALS,
    PART_YEAR,
    PERIOD_TO,
    PERIOD_TO_PIECE,
    PERIOD_WORDS,
    QUARTER,
    SEASON,
    SEASON_MONTH,
    SLASHED,
    SLASHED_PIECE,
    SPAN_TO_NOW,
    WEEKDAY_REL,
    WEEKDAYS,
    YEAR_ALONE,
    YEAR_REL_PIECE,
    any_case,
    explicit_mdy_scan,
    letter_led,
    month_alone_scan,
    period_words_scan,
    weekday_scan,
    word_set,
)

# (date, precision, last day of the period); date None when a publication date is missing.
Resolved = tuple[dt.date | None, str, dt.date | None] | None
_Resolver = Callable[[re.Match[str], dt.date | None], Resolved]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


_SPAN_MONTHS = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120}


def span(start: dt.date | None, precision: str) -> Resolved:
    """`(start, precision, last day)` for a period that starts on `start`."""
    if start is None:
        return None, precision, None
    if precision in _SPAN_MONTHS:
        return start, precision, _shift_months(start, _SPAN_MONTHS[precision]) - _ONE_DAY
    if precision == "week":
        return start, precision, start + dt.timedelta(days=6)
    return start, precision, start


_ONE_DAY = dt.timedelta(days=1)


def _month_of(match: re.Match[str], group: str = "month") -> int:
    word = match.group(group).rstrip(".").lower()
    return MONTH_INDEX[word] if word in MONTH_INDEX else MONTH_INDEX[word[:3]]


# Words that put a bare weekday or month ahead of publication ("will reopen on Monday",
# "expected to reach 70% by Sunday", "in place until Thursday", "at its next meeting on"),
# looked for in the clause before the date. (In any case, spelled: IGNORECASE would try each
# word in turn at every word start.)
_FUTURE_CUE = re.compile(
    letter_led(
        "will won't shall expected expects expect forecasts forecaster forecast scheduled "
        "plans_to plan_to planned set_to going_to until till upcoming aims_to aim_to "
        "intends_to intend_to would hopes_to hope_to next due_to_",
        any_letter_case=True,
        tails={"d": r"(?!" + any_case("the") + r"\b)"},
    )
    + r"\b"
)
_PAST_CUE = re.compile(r"\b(?:said|told|announced|reported|confirmed|stated)\s+(?:on\s+)?$")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]")
# A coordinated verb phrase starts a statement of its own: "beating forecasts of 5% and
# accelerating from 3.4% growth in October" (October past, whatever was forecast before).
_NEW_VERB_PHRASE = re.compile(
    letter_led("and or but", any_letter_case=False, tails={}) + r"\s+[a-z]+ing\b"
)


def looks_ahead(match: re.Match[str]) -> bool:
    """True when the clause before the date speaks of the future."""
    text = match.string
    start = match.start("expr")
    window = text[max(0, start - 100) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    verbs = list(_NEW_VERB_PHRASE.finditer(window))
    if verbs:
        window = window[verbs[-1].start() :]
    return _PAST_CUE.search(window) is None and _FUTURE_CUE.search(window) is not None


def _infer_day_year(
    month: int, day: int, published: dt.date | None, ahead: bool = False
) -> dt.date | None:
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if ahead:
        if candidate is not None and candidate < published:
            return _safe_date(published.year + 1, month, day)
        return candidate
    if candidate is not None and candidate <= published + dt.timedelta(days=14):
        return candidate
    return _safe_date(published.year - 1, month, day)


def _infer_year(month: int, published: dt.date | None, ahead: bool = False) -> int | None:
    if published is None:
        return None
    if ahead:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _part_of_month(part: str | None, year: int, month: int) -> Resolved:
    """A month or a part of it: early/mid/late are its thirds (1-10, 11-20, 21-end), "the end
    of" its last day, "the start of" its first week."""
    first = dt.date(year, month, 1)
    end = _shift_months(first, 1) - _ONE_DAY
    if part is None:
        return first, "month", end
    if "end" in part or "close" in part:
        return end, "week", end
    if "start" in part or "beginning" in part:
        return first, "week", first + dt.timedelta(days=6)
    if part == "early":
        return first, "week", dt.date(year, month, 10)
    if part == "late":
        return dt.date(year, month, 21), "week", end
    return dt.date(year, month, 11), "week", dt.date(year, month, 20)


def _part_of_year(part: str | None, year: int) -> Resolved:
    """A year or a part of it: early = January-March, mid = April-September, late =
    October-December; "the end of" is 31 December, "the start of" January."""
    if part is None:
        return span(dt.date(year, 1, 1), "year")
    if "end" in part or "close" in part:
        return dt.date(year, 12, 31), "month", dt.date(year, 12, 31)
    if "start" in part or "beginning" in part:
        return span(dt.date(year, 1, 1), "month")
    if part == "early":
        return dt.date(year, 1, 1), "season", dt.date(year, 3, 31)
    if part == "late":
        return dt.date(year, 10, 1), "season", dt.date(year, 12, 31)
    return dt.date(year, 4, 1), "season", dt.date(year, 9, 30)


def _part(match: re.Match[str]) -> str | None:
    part = match.group("part")
    return part.lower().rstrip("-") if part else None


def _explicit_day(match: re.Match[str], published: dt.date | None) -> Resolved:
    month, day = _month_of(match), int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    year = match.group("year")
    if year:
        start = _safe_date(int(year), month, day)
    else:
        start = _infer_day_year(month, day, published, looks_ahead(match))
    until = match.groupdict().get("day2")
    if start is not None and until and int(until) > day:
        # "January 27-28": a run of days.
        return start, "day", _safe_date(start.year, month, int(until)) or start
    return span(start, "day")


def _month_year(match: re.Match[str], published: dt.date | None) -> Resolved:
    return _part_of_month(_part(match), int(match.group("year")), _month_of(match))


_YEAR_STEPS = {"last": -1, "this": 0, "next": 1}


def _month_rel_year(match: re.Match[str], published: dt.date | None) -> Resolved:
    """A month, or a day of it, in the year before, of or after publication: "September last
    year", "5 March this year"."""
    day = match.group("day") or match.group("day_first")
    if published is None:
        return None, "day" if day else "month", None
    year = published.year + _YEAR_STEPS[match.group("year_rel").lower()]
    month = _month_of(match, "month" if match.group("month") else "month_after")
    if day:
        start = _safe_date(year, month, int(day))
        return span(start, "day") if start is not None else None
    return _part_of_month(_part(match), year, month)


def _month_rel(match: re.Match[str], published: dt.date | None) -> Resolved:
    """A month named relative to publication: "last September" is the latest September before
    the month of publication, "next May" the first May after it, "this March" its year's."""
    if published is None:
        return None, "month", None
    month, rel = _month_of(match), match.group("rel").lower()
    year = published.year
    if rel == "last" and month >= published.month:
        year -= 1
    elif rel == "next" and month <= published.month:
        year += 1
    return _part_of_month(None, year, month)


def _period_to(match: re.Match[str], published: dt.date | None) -> Resolved:
    """A period named by its end ("the year to March"): figures for it hold at that end, the
    last day of the month unless a day is named."""
    month = _month_of(match)
    year_text = match.group("year")
    year = int(year_text) if year_text else _infer_year(month, published)
    if year is None:
        return None, "day", None
    day = match.group("day")
    if day:
        end = _safe_date(year, month, int(day))
    else:
        end = _shift_months(dt.date(year, month, 1), 1) - _ONE_DAY
    return span(end, "day") if end is not None else None


def _month_alone(match: re.Match[str], published: dt.date | None) -> Resolved:
    month = _month_of(match)
    year = _infer_year(month, published, looks_ahead(match))
    if year is None:
        return None, "month", None
    return _part_of_month(_part(match), year, month)


def _iso(match: re.Match[str], published: dt.date | None) -> Resolved:
    year, month, day = (int(x) for x in match.group("iso").split("-"))
    return span(_safe_date(year, month, day), "day")


def _slashed(match: re.Match[str], published: dt.date | None) -> Resolved:
    # Month first (US style) unless the first number cannot be a month.
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    month, day = (b, a) if a > 12 else (a, b)
    return span(_safe_date(year, month, day), "day")


_NEXT_WORD = re.compile(r"\s+([a-z]+)")
# Lower-case words that may follow a year ("in 2023 and", "since 2022 when"); any other
# lower-case word makes the number a count ("a total of 2000 troops", "up to 2024 homes").
_AFTER_YEAR = word_set(
    "and or to when after before but as with while because than through until amid despite "
    "in on at for from of is was were had has have are the that this which where compared "
    "versus vs levels level figures figure prices season budget elections election census "
    "alone itself "
    # a year qualifying the figure's own noun: "breaking the 1941 record of 4.76m"
    "record records toll tolls total totals peak high low estimate estimates count tally "
    "average rate forecast survey flood floods quake earthquake disaster outbreak crisis"
)


def _year(match: re.Match[str], published: dt.date | None) -> Resolved:
    part = _part(match) if "part" in match.groupdict() else None
    if part is None:
        after = _NEXT_WORD.match(match.string, match.end())
        if after is not None and after.group(1) not in _AFTER_YEAR:
            return None
    return _part_of_year(part, int(match.group("year")))


def _quarter(match: re.Match[str], published: dt.date | None) -> Resolved:
    if match.group("q"):
        unit = "quarter" if match.group("q")[0] in "Qq" else "half"
        index = int(match.group("q")[1])
    else:
        unit = match.group("unit").lower()
        index = ORDINALS.get(match.group("ord").lower(), 4)
    months = 3 if unit == "quarter" else 6
    if (unit == "half" and index > 2) or index > 4:
        return None
    first_month = (index - 1) * months + 1
    year_text = match.group("year")
    year = int(year_text) if year_text else _infer_year(first_month, published)
    if year is None:
        return None, unit, None
    return span(dt.date(year, first_month, 1), unit)


def _season(match: re.Match[str], published: dt.date | None) -> Resolved:
    season = (match.group("season") or match.group("season2")).lower()
    month = SEASON_MONTH[season]
    rel = (match.group("rel") or "").lower()
    year_text = match.group("year") or match.group("year2")
    if season == "fall" and rel == "the" and not year_text and not match.group("prep"):
        return None  # "the fall in prices"
    if year_text:
        year = int(year_text)
        # Winter 2023 starts in December 2022.
        return span(dt.date(year - 1 if month == 12 else year, month, 1), "season")
    if published is None:
        return None, "season", None
    start = dt.date(published.year, month, 1)
    if month == 12 and published.month < 12:
        start = dt.date(published.year - 1, 12, 1)
    if rel == "last" or (rel != "next" and start > published):
        start = dt.date(start.year - 1, month, 1)
    elif rel == "next" and start <= published:
        start = dt.date(start.year + 1, month, 1)
    return span(start, "season")


def _weekday(match: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None, "day", None
    target = WEEKDAYS.index(match.group("weekday").lower())
    back = (published.weekday() - target) % 7
    rel = (match.group("rel") or "").lower()
    if rel == "next":
        return span(published + dt.timedelta(days=(target - published.weekday()) % 7 or 7), "day")
    if rel in ("last", "past") and back == 0:
        back = 7
    if not rel and back and looks_ahead(match):
        return span(published + dt.timedelta(days=7 - back), "day")
    return span(published - dt.timedelta(days=back), "day")


def _day_word(match: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None, "day", None
    word = match.group("expr").lower()
    if word == "tomorrow" or word.endswith(("next day", "following day")):
        return span(published + _ONE_DAY, "day")
    if word.startswith(("today", "tonight", "this")):
        return span(published, "day")
    return span(published - _ONE_DAY, "day")


# After "the last year": what makes it a year described, not the year before this one ("the
# last year before the pandemic", "the last week of the campaign").
_DESCRIBED_AFTER = re.compile(r"\s+(?:before|of)\b")


def _period(match: re.Match[str], published: dt.date | None) -> Resolved:
    unit = match.group("unit").lower()
    rel = " ".join(match.group("rel").lower().split())
    if rel.startswith("the ") and _DESCRIBED_AFTER.match(match.string, match.end()):
        return None
    precision = "day" if unit == "weekend" else unit
    if published is None:
        return None, precision, None
    step = 0 if "this" in rel or "in the" in rel else 1 if rel in ("next", "the following") else -1
    part = _part(match)
    if unit in ("week", "weekend"):
        monday = published - dt.timedelta(days=published.weekday())
        start = monday + dt.timedelta(weeks=step)
        if unit == "week":
            return span(start, "week")
        # "this weekend" read on Monday/Tuesday is the one just past, later in the week the next.
        saturday = (
            monday - dt.timedelta(days=2)
            if step == 0 and published.weekday() <= 1
            else (start + dt.timedelta(days=5))
        )
        return saturday, "day", saturday + _ONE_DAY
    if unit == "month":
        first = _shift_months(published, step)
        return _part_of_month(part, first.year, first.month)
    if unit == "decade":
        return span(dt.date(published.year // 10 * 10 + 10 * step, 1, 1), "decade")
    return _part_of_year(part, published.year + step)


def _ago(match: re.Match[str], published: dt.date | None) -> Resolved:
    unit = match.group("unit").lower()
    if published is None:
        return None, unit, None
    num_text = match.group("num").lower()
    count = int(num_text) if num_text.isdigit() else NUMBER_WORDS[num_text]
    sign = 1 if match.group("dir").lower() == "later" else -1
    day = shift_by(published, sign * count, unit)
    # "a year earlier" is the same day a year before: a day, loosely.
    return day, unit, day


def shift_by(base: dt.date, count: int, unit: str) -> dt.date:
    """`base` moved by `count` days, weeks, months or years (same day of month, clamped)."""
    if unit == "day":
        return base + dt.timedelta(days=count)
    if unit == "week":
        return base + dt.timedelta(weeks=count)
    shifted = _shift_months(base, count * (1 if unit == "month" else 12))
    return _safe_date(shifted.year, shifted.month, base.day) or (
        _shift_months(shifted, 1) - _ONE_DAY
    )


def _span_to_now(match: re.Match[str], published: dt.date | None) -> Resolved:
    # "over the past week", "so far this year": a running total up to publication.
    return published, "to_date", published


def _decade(match: re.Match[str], published: dt.date | None) -> Resolved:
    return span(dt.date(int(match.group("decade")), 1, 1), "decade")


def _variants(words: str) -> frozenset[str]:
    return frozenset(f for w in words.split() for f in (w, w.capitalize(), w.upper()))


_MONTH_CUES = _variants(" ".join(MONTH_NAMES + [m[:3] for m in MONTH_NAMES] + ["sept"]))
_YEAR_CUES = frozenset(str(year) for year in range(1900, 2100))
_QUARTER_CUES = _variants("quarter half Q1 Q2 Q3 Q4 H1 H2")
_NONE: frozenset[str] = frozenset()
_DAY_CUES = _variants("today tonight yesterday tomorrow morning afternoon evening night day")
# A rule runs only when the sentence holds one of its cue words (see `cue_tokens`), and one of
# its second cue words when it has some: a set test per rule instead of a full regex scan of
# sentences that hold no such date. Then only when the sentence holds the piece every match of
# the rule holds, when it has one (`date_patterns`): a quick search instead of the full scan.
# A rule with a scan function scans only the part of the sentence it returns.
# Earlier entries win ties on the same start; longer spans win overlaps.
RULES: tuple[
    tuple[
        re.Pattern[str],
        _Resolver,
        frozenset[str],
        frozenset[str],
        re.Pattern[str] | None,
        Callable[[str], tuple[int, int]] | None,
    ],
    ...,
] = (
    (ISO, _iso, _YEAR_CUES, _NONE, ISO_PIECE, None),
    (SLASHED, _slashed, _YEAR_CUES, _NONE, SLASHED_PIECE, None),
    (EXPLICIT_MDY, _explicit_day, _MONTH_CUES, _NONE, MDY_PIECE, explicit_mdy_scan),
    (EXPLICIT_DMY, _explicit_day, _MONTH_CUES, _NONE, DMY_PIECE, None),
    (MONTH_YEAR, _month_year, _MONTH_CUES, _NONE, MONTH_YEAR_PIECE, None),
    (MONTH_REL_YEAR, _month_rel_year, _MONTH_CUES, _variants("year"), YEAR_REL_PIECE, None),
    (MONTH_REL, _month_rel, _MONTH_CUES, _variants("last this next"), MONTH_WORD, None),
    (
        PERIOD_TO,
        _period_to,
        _MONTH_CUES,
        _variants("to through thru ending ended until"),
        PERIOD_TO_PIECE,
        None,
    ),
    (QUARTER, _quarter, _QUARTER_CUES, _NONE, None, None),
    (SEASON, _season, _variants("spring summer autumn fall winter"), _NONE, None, None),
    (PART_YEAR, _year, _YEAR_CUES, _NONE, None, None),
    (DECADE, _decade, _YEAR_CUES, _NONE, DECADE_PIECE, None),
    (YEAR_ALONE, _year, _YEAR_CUES, _NONE, None, None),
    (MONTH_ALONE, _month_alone, _MONTH_CUES, _NONE, None, month_alone_scan),
    (SPAN_TO_NOW, _span_to_now, _variants("past last previous far date"), _NONE, None, None),
    (AGO, _ago, _variants("ago earlier before later"), _NONE, None, None),
    (
        PERIOD_WORDS,
        _period,
        _variants("week weekend month year decade"),
        _NONE,
        None,
        period_words_scan,
    ),
    (DAY_WORDS, _day_word, _DAY_CUES, _NONE, None, None),
    (WEEKDAY_REL, _weekday, _variants(" ".join(WEEKDAYS)), _NONE, None, weekday_scan),
)
ALL_CUES: frozenset[str] = frozenset().union(*(rule[2] | rule[3] for rule in RULES))
# A word with one digit after it, or a number: `[A-Za-z]+[0-9]?|[0-9]+` spelled to open with a
# character class, which the engine skips to at C speed (an alternation is tried at every
# position), and read on by the kind of the first character.
_CUE_TOKEN = re.compile(r"[A-Za-z0-9](?:(?<=[0-9])[0-9]*|[A-Za-z]*[0-9]?)")
# Tokens hold ASCII letters and digits only: every other byte of the sentence encoded in
# ASCII (a non-ASCII character becomes "?") is a space between them.
_SPACES_BETWEEN_TOKENS = bytes(
    byte if chr(byte).isascii() and chr(byte).isalnum() else ord(" ") for byte in range(256)
)
# Letters as "a" and digits as "0": a word with a letter next to a digit holds more than one
# token, or a letter's one digit ("Q12023" is "Q1" and "2023").
_TOKEN_KINDS = bytes(
    ord("a") if chr(byte).isascii() and chr(byte).isalpha()
    else ord("0") if chr(byte).isascii() and chr(byte).isdigit()
    else ord(" ")
    for byte in range(256)
)  # fmt: skip
_ALL_CUE_BYTES = frozenset(cue.encode("ascii") for cue in ALL_CUES)


def cue_tokens(sentence: str) -> frozenset[str]:
    """The sentence's words that can start or anchor a date expression."""
    # Without a letter next to a digit every word between non-token characters is one token,
    # and bytes make the split and the set test C loops without a regex match per word.
    words = sentence.encode("ascii", "replace").translate(_SPACES_BETWEEN_TOKENS)
    kinds = words.translate(_TOKEN_KINDS)
    if b"a0" in kinds or b"0a" in kinds:
        return ALL_CUES.intersection(_CUE_TOKEN.findall(sentence))
    return frozenset([cue.decode("ascii") for cue in _ALL_CUE_BYTES.intersection(words.split())])
