"""What makes a figure a forecast (`reads_as_forecast`: a modal or forecast verb around it),
or keeps it from being one:

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

import datetime as dt
import re
from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.clauses import own_verb_phrase
from service.domain.sentence_context import SentenceContext, word_set

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


def announced_decision(window: Sequence[Token]) -> bool:
    """Whether the only forecast words before a figure are "will"/"would" introducing a
    decided act ("will cut", "would be paid"), not a projection ("will reach", "could")."""
    words = [t.lower for t in window if t.text.isalpha()]
    modals = [i for i, w in enumerate(words) if w in _FORECAST]
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


_FORECAST = word_set(
    """
    will could may might would expected expects expect forecast forecasts forecasted
    projected projects predicted predicts poised likely planned plans plan anticipated
    estimated-to
    """
)
# Verbs that make a figure anywhere in their clause a forecast ("expects revenue of $4bn").
_FORECAST_VERBS = word_set(
    "expects expected forecast forecasts projects projected predicts predicted anticipates "
    "anticipated guided plans planned targets"
)


# "16 crashes that may be linked to the fault": the modal doubts the cause, not the count.
_LINKED = word_set("linked related connected tied attributable attributed due")


def _hedged_link(words: Sequence[Token]) -> bool:
    return len(words) == 2 and words[0].lower == "be" and words[1].lower in _LINKED


def reads_as_forecast(
    ctx: SentenceContext,
    before: Sequence[Token],
    clause: Sequence[Token],
    after: Sequence[Token],
    np_end: int,
    limit: int,
) -> bool:
    """Whether a figure is forecast: a modal or forecast verb in the verb group right before
    it or right after its noun phrase ("could send 500 troops", "5,000 troops are expected
    to join"), or a forecast verb in its own verb phrase ("expects revenue of $4.3 billion"),
    unless the verb announces a decided act (`announced_decision`). `before`/`after` are
    the tokens around the figure, `clause` its clause, `after[np_end:limit]` what follows
    its noun phrase."""
    forecast = (
        any(t.lower in _FORECAST for t in before[-4:] if t.text.isalpha())
        and not announced_decision(before[-4:])
    ) or any(t.lower in _FORECAST_VERBS for t in own_verb_phrase(ctx, clause[-10:]))
    if not forecast:
        j = np_end
        while (
            j < limit
            and j - np_end < 4
            and after[j].lower
            in {"are", "is", "was", "were", "already", "now", "also", "soon", "reportedly", "that"}
        ):
            if (
                after[j].lower in {"is", "are", "was", "were"}
                and j + 2 < limit
                and (after[j + 1].lower == "set" and after[j + 2].lower == "to")
            ):
                forecast = True
            j += 1
        if (
            j < limit
            and after[j].lower in _FORECAST
            and not announced_decision(after[j : j + 4])
            and not _hedged_link(after[j + 1 : j + 3])
        ):
            # "1,200 jobs will go by 2027", not "2,400 workers will lose their jobs"
            forecast = True
    return forecast


# "55 million people, rising to 139 million by 2050": a projection to a later year.
_PROJECTING = re.compile(
    r"\b(?:rising|growing|climbing|increasing|falling|dropping|declining|reaching)\s+"
    r"(?:to\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$"
)
_BY_YEAR = re.compile(r"\s+(?:[a-z]+\s+){0,3}?by\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b")


def projects_to_later_year(text: str, start: int, end: int, published: dt.date | None) -> bool:
    """Whether the figure at text[start:end] is projected to a year after publication ("rising
    to 139 million by 2050"), a forecast though no forecast verb says so."""
    if published is None or _PROJECTING.search(text, max(0, start - 40), start) is None:
        return False
    m = _BY_YEAR.match(text, end)
    return m is not None and int(m.group(1)) > published.year
