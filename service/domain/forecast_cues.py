"""What makes a figure a forecast, or keeps it from being one, beyond its forecast words.

- "will"/"would" before a decided act ("will eliminate 1,950 positions", "would be paid in
  three instalments", "2,400 workers would lose their jobs") announce a decision, not a
  projection ("will reach", "could rise");
- a forecast a body revises: the figure it replaced is a forecast too. "Harlow cut its
  forecast for full-year profit to between £270 million and £285 million, from at least £300
  million previously": both sums are forecasts, the second one superseded. Not so after a
  forecast verb ("expects revenue to rise to $5bn from $4bn"), where the figure after "from"
  is the current, reported level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.sentence_context import word_set

# Acts a speaker decides rather than predicts: "will eliminate 1,950 positions", "would pay
# 4.1 million euros", "will be paid in three instalments" announce a decision (not a forecast).
_DECIDED = word_set(
    """
    pay paid cut eliminate eliminated axe axed shed lay laid close closed sell sold buy
    bought spend spent invest invested receive received earn pocket hire hired create created offer
    offered give given donate donated provide provided fund funded build built cancel
    cancelled canceled refund refunded
    """
)
_DECIDING_MODALS = word_set("will would shall")


def announced_decision(window: Sequence[Token], forecast_words: frozenset[str]) -> bool:
    """Whether the only forecast words before a figure are "will"/"would" introducing a
    decided act ("will cut", "would be paid"), not a projection ("will reach", "could")."""
    words = [t.lower for t in window if t.text.isalpha()]
    modals = [i for i, w in enumerate(words) if w in forecast_words]
    if not modals or any(words[i] not in _DECIDING_MODALS for i in modals):
        return False
    following = words[modals[-1] + 1 : modals[-1] + 3]
    if following[:1] == ["be"]:
        following = following[1:]
    if following[:1] == ["lose"] and "jobs" in words:
        return True  # "would lose their jobs": job cuts announced
    return bool(following) and following[0] in _DECIDED


# "raised its forecast", "cut their full-year profit guidance": the body restates its own
# forecast (up to three words between the possessive and the forecast noun).
_REVISED_FORECAST = re.compile(
    r"\b(?:raised|raises|lifted|lifts|cut|cuts|lowered|lowers|trimmed|trims|revised|revises|"
    r"upgraded|upgrades|downgraded|downgrades)\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:forecasts?|guidance|outlook|estimates?|targets?|projections?)\b",
    re.IGNORECASE,
)
# What stands between the new figure and the one it replaced: ", from", "from the".
_FROM_PREVIOUS = re.compile(r",?\s*(?:up\s+|down\s+)?from\s+(?:the\s+|an?\s+)?")


def replaces_revised_forecast(text: str, clause_start: int, previous_end: int, start: int) -> bool:
    """Whether the figure at `start` is the earlier value of a forecast a body revised in
    `text[clause_start:previous_end]`, the revised figure ending at `previous_end`."""
    if _FROM_PREVIOUS.fullmatch(text, previous_end, start) is None:
        return False
    return _REVISED_FORECAST.search(text, clause_start, previous_end) is not None
