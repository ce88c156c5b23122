"""When a figure holds: its date, read from its own clause of the sentence.

`dates.resolve_as_of` does the reading; this module chooses what it reads. A sentence is cut
into clauses at "; " and ", while/whereas/but" (each clause may carry its own date: "..., while
Zelensky reported 31,000 killed as of early 2023"), and only 300 characters either side of the
figure are read. A distance that locates a place ("5,700 miles west of Kursk") holds no date.
A figure counted over a period (revenue, inflation) holds at the end of the period named, and
a results story's undated ones at the end of the quarter its lead reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from service.domain.date_patterns import QUARTER
from service.domain.dates import resolve_as_of, resolve_date_expressions
from service.domain.model import NumberMention
from service.domain.number_words import word_trie
from service.domain.owners import is_event_toll
from service.domain.quantities import is_change
from service.domain.sentence_context import SentenceContext, word_set
from service.domain.sentences import SentenceSpan

# Boundaries between clauses that may carry their own dates ("..., while X said ... in 2023").
CLAUSE_BOUNDARY = re.compile(r";|,\s+(?:while|whereas|but|and while)\b|\s+while\s")


# Every date expression `dates` reads holds one of these; clauses without any skip the call.
# Factored by shared prefixes (a flat alternation is tried word by word at every boundary).
_HINT_WORDS = word_trie(
    word_set(
        "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun today "
        "tonight yesterday tomorrow week month year quarter q1 q2 q3 q4 spring summer autumn "
        "fall winter decade century ago day night morning evening hour weekend season earlier "
        "later recent previous next last past"
    )
)
_DATE_HINT = re.compile(r"\d{4}|\d/\d|\b(?:" + _HINT_WORDS + ")", re.IGNORECASE)
# The same test on lowercased text, without IGNORECASE (twice as fast), as two searches that
# each open with a character class, so the engine skips ahead at C speed: digits, and a hint
# word with the character before it (the `\b`). Exact when lowercasing keeps every offset and
# no character folds onto an ASCII letter only under IGNORECASE (dotless i, long s); `_lowered`
# checks both.
_DIGIT_HINT_LOWER = re.compile(r"\d(?:\d\d\d|/\d)")
_WORD_HINT_LOWER = re.compile(r"[^\w](?:" + _HINT_WORDS + ")")
_WORD_HINT_LOWER_AT = re.compile(_HINT_WORDS)
_FOLDS_TO_ASCII = ("ı", "ſ")
# The text last lowercased and its lowercase form (None when not exact): every figure of an
# article asks about the same text.
_LOWERED: list[tuple[str, str | None]] = [("", "")]


def _lowered(text: str) -> str | None:
    last_text, last_lower = _LOWERED[0]
    if last_text is text:
        return last_lower
    lower = text.lower()
    exact = len(lower) == len(text) and not any(c in text for c in _FOLDS_TO_ASCII)
    _LOWERED[0] = (text, lower if exact else None)
    return lower if exact else None


_DATE_WINDOW = 300


def _hinted_lower(lower: str, lo: int, hi: int) -> bool:
    """Whether `_DATE_HINT` finds a hint in `lower[lo:hi]` (`lower` is lowercase)."""
    # words first: they hint at a date in most figures' windows, digits in few
    if lo > 0:
        if _WORD_HINT_LOWER.search(lower, lo - 1, hi) is not None:
            return True
    elif (
        # a hint word opening the text has no character before it
        _WORD_HINT_LOWER_AT.match(lower, 0, hi) is not None
        or _WORD_HINT_LOWER.search(lower, 0, hi) is not None
    ):
        return True
    return _DIGIT_HINT_LOWER.search(lower, lo, hi) is not None


# The window last tested for a hint and the answer: a clause's figures share their window.
_LAST_WINDOW: list[tuple[str, int, int, bool]] = [("", 0, 0, False)]


def _hinted(text: str, lo: int, hi: int) -> bool:
    """Whether `_DATE_HINT` finds a hint in `text[lo:hi]`."""
    last_text, last_lo, last_hi, last_answer = _LAST_WINDOW[0]
    if last_text is text and last_lo == lo and last_hi == hi:
        return last_answer
    lower = _lowered(text)
    if lower is not None:
        answer = _hinted_lower(lower, lo, hi)
    else:
        answer = _DATE_HINT.search(text, lo, hi) is not None
    _LAST_WINDOW[0] = (text, lo, hi, answer)
    return answer


def figure_as_of(
    text: str,
    sentence: SentenceSpan,
    number: NumberMention,
    published: dt.date | None,
    boundaries: Sequence[tuple[int, int]],
    quantity: str | None = None,
    forecast: bool = True,
) -> dt.date | None:
    """The date governing a figure, read from its own clause of the sentence. A figure
    whose `quantity` is counted over a period (revenue, inflation, spending: see
    `is_period_quantity`) holds at the end of the period named ("inflation in October" ->
    31 October)."""
    lo, hi = sentence.start, sentence.end
    for b_start, b_end in boundaries:
        if b_end <= number.start:
            lo = b_end
        elif b_start >= number.end:
            hi = b_start
            break
    # A date far from the figure in a very long sentence does not govern it; the window also
    # bounds the work per figure.
    if number.start - lo > _DATE_WINDOW:
        lo = text.find(" ", number.start - _DATE_WINDOW, number.start) + 1 or number.start
    if hi - number.end > _DATE_WINDOW:
        cut = text.rfind(" ", number.end, number.end + _DATE_WINDOW)
        hi = cut if cut > 0 else number.end
    if not _hinted(text, lo, hi):
        return None
    clause = text[lo:hi]
    near = number.start - lo
    # (every such clause holds "when": most need no scan)
    when = _WHEN_CLAUSE.search(clause, 0, near) if clause.find("when", 0, near) >= 0 else None
    if when is not None:
        # "since 2022, when explosions killed 18 miners": the figure is of that time
        return resolve_as_of(f"in {when.group(1)}", published)
    if ", " in clause:
        clause = _without_asides(clause, near)
    running = quantity is not None and is_event_toll(quantity)
    return resolve_as_of(
        clause,
        published,
        near,
        # a change ("a 9% increase" on 2025) holds at the end of the period it is over
        period_end=is_period_quantity(quantity) or (quantity is not None and is_change(quantity)),
        running=running,
        forecast=forecast,
        past_record=quantity is not None and quantity.startswith("record "),
    )


# Heads of quantities counted over a period rather than at a moment.
_PERIOD_HEADS = word_set(
    """
    revenue revenues sales turnover profit profits earnings income loss losses margin
    ebitda inflation unemployment payrolls gdp output production exports imports
    spending expenditure deficit surplus rainfall overtime shipments deliveries
    """
)


def is_period_quantity(quantity: str | None) -> bool:
    """Whether a quantity is counted over a period (its last word: "net income", "quarterly
    revenue", "unemployment rate" by its first word), so a month or a year names its end."""
    if not quantity:
        return False
    words = quantity.lower().removesuffix(" per share").split()
    return words[-1] in _PERIOD_HEADS or (words[-1] == "rate" and words[0] in _PERIOD_HEADS)


# A figure inside a clause that a date heads ("since 2022, when ... 18 miners").
_WHEN_CLAUSE = re.compile(r"\b(?:since|in|of|until)\s+((?:[A-Z][a-z]+\s+)?\d{4}),\s+when\b[^;]*$")
# An aside about something else ("The factory, which opened in 2009, employs 450"): its dates
# do not govern a figure outside it.
_ASIDE = re.compile(r", (?:which|who|whose) [^,;]*,")


def _without_asides(clause: str, near: int) -> str:
    """`clause` with the asides that do not hold the figure at `near` blanked (same length)."""
    for m in _ASIDE.finditer(clause):
        if not m.start() <= near < m.end():
            clause = clause[: m.start()] + " " * (m.end() - m.start()) + clause[m.end() :]
    return clause


_DIRECTIONS = word_set(
    "north south east west northeast northwest southeast southwest northern southern "
    "eastern western away from outside of off"
)


def describes_a_place(ctx: SentenceContext, number: NumberMention) -> bool:
    """A distance followed by a direction ("5,700 miles west of") locates a place."""
    return any(t.lower in _DIRECTIONS for t in ctx.tokens_after(number.end, 2))


def reported_period(lead: str, published: dt.date | None) -> dt.date | None:
    """The last day of the quarter or half-year an article's lead reports on ("reported
    third-quarter results", "GDP grew 0.3% in the second quarter"): the period its undated
    revenue, profit or growth figures are for."""
    lower = lead.lower()
    if "quarter" not in lower and "half" not in lower and "Q" not in lead:
        return None
    # Only the quarter rule names a quarter or half (a phrase counted from one, "a year
    # earlier", takes its kind): a lead without its match spares resolving the whole lead.
    if QUARTER.search(lead) is None:
        return None
    for expr in resolve_date_expressions(lead, published):
        if expr.precision in ("quarter", "half") and expr.last is not None:
            return expr.last
    return None
