"""A forecast a body revises: the figure it replaced is a forecast too.

"Harlow cut its forecast for full-year profit to between £270 million and £285 million, from
at least £300 million previously": both sums are forecasts, the second one superseded. Not so
after a forecast verb ("expects revenue to rise to $5bn from $4bn"), where the figure after
"from" is the current, reported level.
"""

from __future__ import annotations

import re

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
