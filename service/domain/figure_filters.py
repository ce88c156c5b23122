"""Numbers that are no figures: page chrome ("4 days ago"), ages ("Murat Kaya, 47,"),
spans of time ("in four years"), word numbers inside compounds ("third-party") and pronoun-like
small numbers ("the two countries")."""

from __future__ import annotations

import re

from service.domain.model import NumberMention
from service.domain.number_context import entitlement, is_custodial
from service.domain.quantities import SYNONYMS

_CHROME_AFTER = re.compile(
    r"\s*(?:ago\b|comments?|shares?|likes?|views?|replies|responses|reactions|min(?:ute)?s? read|"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_AGE_BAND = re.compile(
    r"\b(?:children|kids|babies|infants|people|adults|those|anyone|patients|men|women|girls|"
    r"boys|pupils|students|residents|workers|voters)\s+(?:under|over|aged|above|below|older\s+"
    r"than|younger\s+than)\s+(?:the\s+age\s+of\s+)?[\w.-]+$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"\s*(?:,|-year-old|\s+years?\s+old)")
_SMALL_WORDS = frozenset({"one", "two", "three", "four", "five"})
_RANKS = frozenset({"top", "bottom", "first", "last", "next", "past", "other"})


# Units of a span of time.
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:after|ago|later|earlier|before|since|of|in|on|at|to|from|and|or|as|than|"
    r"the|a|an|that|when|while|until|into|for|with|by|this|last|next)\b)[a-z]{3,}"
)
_HYPHEN_WORD = re.compile(r"-[a-z]")


def is_real_figure(text: str, number: NumberMention, sentence_start: int) -> bool:
    """False for page chrome, ages after names, spans of time, and pronoun-like small
    number words."""
    after = text[number.end : number.end + 40]
    if _CHROME_AFTER.match(after):
        return False
    before = text[max(sentence_start, number.start - 40) : number.start]
    if _AGE_BEFORE.search(before) and _AGE_AFTER.match(after) and (number.high or 0) < 120:
        return False
    if (
        number.unit is None
        and max(number.low or 0, number.high or 0) < 120
        and _AGE_BAND.search(before + number.text)
    ):
        return False  # "children under five", "people aged 65 and over": an age, not a count
    if (
        number.unit in DURATIONS
        and not _NOUN_AFTER.match(after)
        and not is_custodial(text, number)
        and entitlement(text, number) is None
    ):
        # "in four years", "three days after the quake": a span of time, not a figure;
        # "a 90-day pause" (a noun follows) and "four years in prison" stay
        return False
    if _HYPHEN_WORD.match(after) and not any(c.isdigit() for c in number.text):
        # "a third-party nation": a word number inside a compound ("£180,000-a-week" stays)
        return False
    word = number.text.strip().lower()
    if word in _SMALL_WORDS:
        prev = before.rstrip().rsplit(" ", 1)[-1].lower() if before.strip() else ""
        if prev in {"the", "these", "those", "both", "all", "its", "their"}:
            return False
        if prev in _RANKS and before.rstrip()[: -len(prev)].rstrip().lower().endswith("the"):
            return False  # "the top two grades", "the first three days": which ones, no count
        if word == "one":
            nxt = after.split(None, 2)
            return bool(nxt) and nxt[0].strip(",.").lower() in SYNONYMS
    return True
