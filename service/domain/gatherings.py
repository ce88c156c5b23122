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


# Every match of `_PROTEST` opens with one of these, lowercased: an article is scanned only
# where one stands (most hold none), exact unless the text holds a letter that matches an
# ASCII one only under IGNORECASE ("İ", the one letter whose lower case is longer, among them).
_PROTEST_STEMS = ("protest", "demonstrat", "march", "rall", "strik", "walkout", "sit-in", "riot")


def is_protest_story(text: str) -> bool:
    """Whether an article speaks of a protest, march, rally or strike at all."""
    if any(c in text for c in FOLDS_TO_ASCII):
        return _PROTEST.search(text) is not None
    lowered = text.lower()
    for stem in _PROTEST_STEMS:
        at = lowered.find(stem)
        while at >= 0:
            if _PROTEST.match(text, at) is not None:
                return True
            at = lowered.find(stem, at + 1)
    return False


def gathering_quantity(text: str, start: int, end: int) -> str:
    """The quantity of a figure read as protesters in a story about no protest: its
    participants or a crowd's attendance, by the words around it; else protesters."""
    window = text[max(0, start - 40) : end + 15]
    if _PARTICIPANTS.search(window):
        return "participants"
    if _CROWD.search(window):
        return "attendance"
    return "protesters"
