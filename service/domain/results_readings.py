"""What a figure of a results or markets story counts, read from business English.

Three shapes of results copy mislead a reader of nouns alone:
- an analysts' estimate ("beating analysts' average estimate of $2.0 billion", "the consensus
  of analysts compiled by LSEG was NOK 4.3bn") is a forecast of the company's own figure, and
  counts what it estimates (the revenue or profit named before), not "average" or the
  data provider;
- a figure "per share" or "a share" is earnings (or a loss) per share, not the profit;
- a share-price move ("Kellbrook's shares rose 7% in early trading on Wall Street") is the
  share price's rise or fall; the market it trades on is not where the company's figure is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from service.domain.discovery import slug
from service.domain.name_forms import FOLDS_TO_ASCII
from service.domain.quantities import canonical_quantity, change_of
from service.domain.source_words import word_set


class ResultsReading(NamedTuple):
    """A figure's quantity, whether it is a forecast, and its location, reread."""

    quantity: str
    is_forecast: bool
    location: str | None


# Who estimates a company's figure, then the estimate word, then nothing but words up to the
# figure: "analysts' average estimate of", "the consensus of analysts compiled by LSEG was",
# "analysts had expected", "Wall Street expectations of".
_ESTIMATORS = r"analysts?'?|consensus|economists|forecasters|polled|expectations?"
_ESTIMATE = re.compile(
    rf"\b(?:{_ESTIMATORS})\b[^.;:\d$€£¥]{{0,70}}$",
    re.IGNORECASE,
)
# Every match of `_ESTIMATE` holds one of these, in any case; a window holding none skips the
# scan (exact on lowercased text unless it holds a letter that matches an ASCII one only
# under IGNORECASE). Likewise "share" or "stock" for `_SHARE_MOVE`.
_ESTIMATOR_STEMS = ("analyst", "consensus", "economists", "forecasters", "polled", "expectation")
_ESTIMATE_WORD = re.compile(
    r"\b(?:estimates?|forecasts?|expectations?|expected|expecting|projected|predicted|consensus|"
    r"anticipated)\b",
    re.IGNORECASE,
)
# Nouns of a company's results, with the modifiers kept before them ("net income").
_RESULT_NOUNS = word_set(
    """
    sales revenue revenues turnover profit profits earnings income loss losses ebitda
    """
)
_RESULT_MODIFIERS = word_set(
    """
    net operating pre-tax pretax adjusted gross underlying core quarterly annual full-year
    half-year comparable like-for-like
    """
)
_PER_SHARE = re.compile(r"(?: cents?| pence|p)?\s(?:per|a) (?:diluted |basic |adjusted )?share\b")
# Quantities a per-share figure is the per-share form of.
_EARNINGS = frozenset({"profit", "earnings", "income", "loss", "losses", "amount", ""})
_SHARE_MOVE = re.compile(
    r"\b(?:shares|stock|share price|stock price)\b[^.;\d]{0,50}?\b(?P<verb>rose|fell|jumped|"
    r"climbed|dropped|declined|slipped|gained|surged|slumped|tumbled|sank|soared|plunged|"
    r"rallied|lost|added|risen|fallen|were up|were down|was up|was down|up|down)\s+(?:by\s+)?"
    r"(?:about\s+|nearly\s+|almost\s+|as much as\s+|more than\s+)?$",
    re.IGNORECASE,
)
_FALLS = word_set(
    """
    fell fallen dropped declined slipped slumped tumbled sank plunged lost down
    """
)


def _result_noun(text: str) -> str | None:
    """The last result noun of `text` with its modifiers ("net income", "sales")."""
    words = [w.strip(",.'\"()").lower() for w in text.split()]
    for k in range(len(words) - 1, -1, -1):
        if words[k] in _RESULT_NOUNS:
            start = k
            while start > 0 and words[start - 1] in _RESULT_MODIFIERS and k - start < 2:
                start -= 1
            return " ".join(words[start : k + 1])
    return None


def reread_results_figure(
    text: str,
    sentence_start: int,
    start: int,
    end: int,
    unit: str | None,
    reading: ResultsReading,
) -> ResultsReading:
    """`reading` of the figure at `start`..`end` reread by the shapes of the module
    docstring; unchanged when none applies."""
    before = text[max(sentence_start, start - 120) : start]
    quantity, forecast, location = reading
    lower = before.lower()
    exact = not any(c in before for c in FOLDS_TO_ASCII)
    estimate = (
        _ESTIMATE.search(before)
        if not exact or any(stem in lower for stem in _ESTIMATOR_STEMS)
        else None
    )
    if estimate is not None and _names_estimate(before, estimate.start()):
        # what it estimates: named in the estimate ("revenue estimate") or before it
        named = _result_noun(before[estimate.start() :]) or _result_noun(
            text[sentence_start : start - len(before) + estimate.start()]
        )
        if named is not None:
            quantity = named
        return ResultsReading(quantity, True, location)
    if _PER_SHARE.match(text, end):
        if _DIVIDEND.search(before, max(0, len(before) - 50)):
            return ResultsReading("dividend per share", forecast, location)
        if _OFFER.search(before, max(0, len(before) - 80)):
            # "to buy Kestrel for $12.4 billion, or $48 a share", "is paying $48 per share"
            return ResultsReading("offer price per share", forecast, location)
        if canonical_quantity(quantity) in _EARNINGS:
            head = "loss" if "loss" in quantity.lower() else "earnings"
            return ResultsReading(f"{head} per share", forecast, location)
    # (only a percentage is a share move: other figures skip the scan)
    move = (
        _SHARE_MOVE.search(before)
        if unit == "%" and (not exact or "share" in lower or "stock" in lower)
        else None
    )
    if move is not None:
        # the verb's last word tells the direction: "were down", "was up"
        change = "decline" if move.group("verb").lower().split()[-1] in _FALLS else "growth"
        moved = change_of("share price", change)  # "share price growth"/"share price decline"
        return ResultsReading(moved, forecast, _not_a_market(text, end, location))
    return reading


_DIVIDEND = re.compile(r"\b(?:dividends?|payout)\b", re.IGNORECASE)
# Words of a bid for a company's shares: a per-share sum near them is the price offered.
_OFFER = re.compile(
    r"\b(?:buy|buying|acquire|acquiring|takeover|bid|offer|offered|offering|paying|pay|pays|"
    r"tender|deal)\b",
    re.IGNORECASE,
)
_ON_MARKET = re.compile(r"\bon (?:the )?((?:[A-Z][\w&.-]*\s?){1,3})")


def _names_estimate(before: str, lo: int) -> bool:
    """Whether an estimate word after `lo` leads straight to the figure ending `before`
    ("analysts' average estimate of"), not a clause about something else ("below Wall Street
    expectations and said it would cut")."""
    words = list(_ESTIMATE_WORD.finditer(before, lo))
    if not words:
        return False
    rest = before[words[-1].end() :]
    return (
        len(rest) <= 45
        and "," not in rest
        and not re.search(r"\b(?:and|but|said|says|as|while)\b", rest)
        and (
            not rest.strip()
            or re.search(
                r"\b(?:of|for|was|were|at|is|to|been)\s+"
                r"(?:around |about |roughly )?$",
                rest,
            )
            is not None
        )
    )


def _not_a_market(text: str, end: int, location: str | None) -> str | None:
    """`location` unless it is the market a share trades on ("rose 7% on Wall Street", "on
    the Nasdaq"): a city it trades in ("fell 3.8% in Milan") stays."""
    if location is None:
        return None
    window = text[end : end + 80]
    for m in _ON_MARKET.finditer(window):
        if slug(m.group(1).strip()) == location:
            return None
    return location
