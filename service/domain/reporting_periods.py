"""When a company's reported figures hold: the end of the period they are for.

Results copy names its period by its end ("sales rose 9% in the quarter ended Oct. 31",
"pre-tax profit for the six months to September 30", "the fiscal year ending June 30"), often
in the lead only, and compares with the same period a year before ("up from $180 million a
year earlier", "compared with the same quarter last year"). A figure counted over that period
(revenue, profit, and the rise or fall of one) holds at the period's end, and its comparison
at the same day a year before, not at the day the company spoke or a year before that.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import msgspec

from service.domain.date_patterns import letter_led
from service.domain.date_rules import shift_by
from service.domain.dates import resolve_date_expressions
from service.domain.figure_dates import is_period_quantity, reported_period
from service.domain.model import ExtractedAssertion
from service.domain.name_forms import FOLDS_TO_ASCII
from service.domain.number_words import pattern_any_case
from service.domain.sentences import SentenceSpan

# "the quarter ended Oct. 31", "the six months to September 30", "fiscal year ending June 30"
# (spelled in any case and led by the class of the nouns' first letters: IGNORECASE would
# try each noun at every position)
_PERIOD_ENDED = re.compile(
    letter_led("quarter period half half-year year months weeks", any_letter_case=True, tails={})
    + pattern_any_case(r"\s+(?:that\s+)?(?:ended|ending|to|through|thru)\s+(?:on\s+)?")
)
# The same period a year before: "a year earlier", "a year ago", "the year-earlier quarter",
# "the same period last year", "the previous year", "a year before".
_YEAR_BEFORE = re.compile(
    r"\b(?:a year (?:earlier|ago|before)|year[- ](?:earlier|ago)|the (?:previous|prior) year|"
    r"(?:same|corresponding|comparable) (?:period|quarter|half|months?) (?:a |of )?(?:last|"
    r"the previous|the prior|a) year|last year's (?:period|quarter|half))\b",
    re.IGNORECASE,
)
# How far after a figure its comparison's words may stand ("up from $180 million a year
# earlier", "$180 million in the same quarter last year").
_AFTER = 40
# Change verbs that make a percentage the change of the period noun before them.
_CHANGE = re.compile(
    r"\b(?:rose|fell|grew|jumped|climbed|dropped|declined|slipped|increased|decreased|"
    r"gained|surged|slumped|tumbled|was up|was down|were up|were down|up|down)\s+"
    r"(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+)?$",
    re.IGNORECASE,
)


# Every match of `_PERIOD_ENDED` holds one of these nouns, in any case: most sentences hold
# none and skip the scan. Exact on lowercased text unless the text holds one of the letters
# that match an ASCII letter only under IGNORECASE ("İ", "ı", "ſ").
_PERIOD_NOUNS = ("quarter", "period", "half", "year", "months", "weeks")


def period_ended(text: str, published: dt.date | None) -> dt.date | None:
    """The end of the first reporting period `text` names by its end ("the quarter ended
    Oct. 31" -> 31 October), or None."""
    lower = text.lower()
    if not any(noun in lower for noun in _PERIOD_NOUNS) and not any(
        c in text for c in FOLDS_TO_ASCII
    ):
        return None
    for m in _PERIOD_ENDED.finditer(text):
        for expr in resolve_date_expressions(text[m.end() : m.end() + 40], published):
            if expr.start == 0 and expr.date is not None and expr.precision == "day":
                return expr.date
            break
    return None


# Sentences of the lead a results story names its period in.
_LEAD_SENTENCES = 3


def article_period(
    title: str | None, sentences: Sequence[SentenceSpan], published: dt.date | None
) -> dt.date | None:
    """The end of the period a results story's headline or lead reports ("second-quarter
    profit", "in the quarter ended Oct. 31"): its undated revenue and profit are for it."""
    text = "\n".join([title or "", *(s.text for s in sentences[:_LEAD_SENTENCES])])
    return reported_period(text, published) or period_ended(text, published)


_ASIDE = re.compile(r", (?:which|that|who) [^,;]*,")


def _may_count_over_period(a: ExtractedAssertion) -> bool:
    """The test of `_counted_over_period` that needs no text, forecasts excluded (they are
    about a later period): revenue-like quantities and percentages."""
    return not a.is_forecast and (a.unit == "%" or is_period_quantity(a.quantity))


def _counted_over_period(text: str, a: ExtractedAssertion, lo: int) -> bool:
    """Revenue or profit, or a percentage rise or fall of one ("sales rose 9%")."""
    if is_period_quantity(a.quantity):
        return True
    if a.unit != "%":
        return False
    # "Like-for-like sales, which strip out new stores, fell 2.5%": the aside is not read
    before = _ASIDE.sub(" ", text[max(lo, a.start - 120) : a.start])[-60:]
    change = _CHANGE.search(before)
    if change is None:
        return False
    # "sales rose 9%", "revenue was $3.3 billion, up 4%": the noun a few words before
    words = before[: change.start()].split()[-8:]
    return any(is_period_quantity(w.strip(",.").lower()) for w in words)


def _compared_with_year_before(text: str, a: ExtractedAssertion, limit: int) -> bool:
    """ "$180 million a year earlier": the figure itself is the year-before one. Not a
    percentage ("rose 9% from a year earlier" is this period's change), nor a figure with
    another number between it and the words ("$2.1 billion, up 9% from a year ago")."""
    if a.unit == "%":
        return False
    after = text[a.end : min(limit, a.end + _AFTER)]
    m = _YEAR_BEFORE.search(after)
    return m is not None and not any(c.isdigit() for c in after[: m.start()])


_COMPARED = re.compile(r" (?:from|on|over|versus|vs\.?|compared with|compared to)")


def _from(text: str, end: int) -> int:
    """Length of " from"/" on"/" over"/" compared with" after a change ("up 4% from")."""
    m = _COMPARED.match(text, end)
    return m.end() - end if m is not None else 0


def date_reported_figures(
    text: str,
    sentence: tuple[int, int],
    assertions: Sequence[ExtractedAssertion],
    period: dt.date | None,
    published: dt.date | None,
) -> list[ExtractedAssertion]:
    """`assertions` of one sentence (at `sentence` in `text`) dated by the reporting period:
    the period the sentence names, else the article's `period`. Figures counted over it hold
    at its end, their comparisons with a year before at the same day a year before;
    forecasts are about a later period and keep their dates."""
    if not any(_may_count_over_period(a) for a in assertions):
        # a sentence without such a figure (most of them) keeps its dates, whatever period
        # it names
        return list(assertions)
    own = period_ended(text[sentence[0] : sentence[1]], published)
    end = own or period
    if end is None:
        return list(assertions)
    out = []
    for a in assertions:
        if not _may_count_over_period(a) or not _counted_over_period(text, a, sentence[0]):
            out.append(a)
            continue
        if _compared_with_year_before(text, a, sentence[1]):
            when: dt.date | None = shift_by(end, -1, "year")
        elif own is not None and (a.as_of is None or a.as_of > own):
            when = own  # "said on Tuesday that sales rose ... in the quarter ended Oct. 31"
        elif a.unit == "%" and _YEAR_BEFORE.match(text, a.end + 1 + _from(text, a.end)):
            when = end  # "up 4% from a year earlier": the base's date is not the change's
        elif a.as_of is None:
            when = end
        else:
            when = a.as_of
        out.append(a if when == a.as_of else msgspec.structs.replace(a, as_of=when))
    return out
