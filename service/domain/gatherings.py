"""Who a gathering's figure counts: protesters only in a story about a protest.

The quantity table reads "a crowd of 40,000" and "participants" as protesters, which is right
in a story about a march and wrong elsewhere: a crowd at a match is its attendance, and the
participants of a trial or a survey are its participants.
"""

from __future__ import annotations

import re

from service.domain.name_forms import FOLDS_TO_ASCII

# Words of a protest story: marches, rallies, demonstrations, strikes.
_PROTEST = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors|ors'|ed|ing)|march(?:ed|es|ers|ing)?|"
    r"rall(?:y|ies|ied)|strik(?:e|es|ers|ing)|walkouts?|sit-ins?|riot\w*)\b",
    re.IGNORECASE,
)
_PARTICIPANTS = re.compile(r"\bparticipants?\b", re.IGNORECASE)
_CROWD = re.compile(r"\b(?:crowds?|turnout)\b", re.IGNORECASE)


# Every match of `_PROTEST` holds one of these, lowercased: most articles hold none and skip
# the scan (exact unless the text holds a letter that matches an ASCII one only under
# IGNORECASE).
_PROTEST_STEMS = ("protest", "demonstrat", "march", "rall", "strik", "walkout", "sit-in", "riot")


def is_protest_story(text: str) -> bool:
    """Whether an article speaks of a protest, march, rally or strike at all."""
    if not any(c in text for c in FOLDS_TO_ASCII):
        lowered = text.lower()
        if not any(stem in lowered for stem in _PROTEST_STEMS):
            return False
    return _PROTEST.search(text) is not None


def gathering_quantity(text: str, start: int, end: int) -> str:
    """The quantity of a figure read as protesters in a story about no protest: its
    participants or a crowd's attendance, by the words around it; else protesters."""
    window = text[max(0, start - 40) : end + 15]
    if _PARTICIPANTS.search(window):
        return "participants"
    if _CROWD.search(window):
        return "attendance"
    return "protesters"
