"""Cues in the words before a figure that name what it counts.

- "the number of <noun> ... fell to 784,300": the noun after "number of";
- "well above the €1.2 billion", "up from the 29": a figure set against the one before it
  counts the same thing;
- "breaking the 1941 record of 4.76m", "surpassing the 4.76 metres reached in 1941": a past
  record the figure before it beat, a different fact from the current one;
- "licensed to carry 150", "its permit allowed 150 passengers": a capacity, not a head count.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.quantities import PEOPLE_OUTCOMES, canonical_quantity
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set

_NUMBER_NOUNS = word_set("number numbers total tally")
# "has already cost farmers €1.2bn": "cost" as a verb, what something took (a loss)
PERFECT = word_set("has have had already")
_COMPARE_WORDS = word_set("above below than against from versus vs not")
_ARTICLES = word_set("the a an its their")


def number_of(
    ctx: SentenceContext, before: Sequence[Token], outcome: str | None
) -> tuple[str, Sequence[Token]] | None:
    """The counted noun of "the number of <noun> ..." earlier in the sentence, with no other
    figure in between; None when there is none or it names nothing ("the number of injured")."""
    for k in range(len(before) - 2, max(-1, len(before) - 30), -1):
        if ctx.in_figure(before[k].start):
            return None
        if before[k].lower not in _NUMBER_NOUNS or before[k + 1].lower != "of":
            continue
        words: list[Token] = []
        for tok in before[k + 2 : k + 6]:
            low = tok.lower
            if low in _ARTICLES and not words:
                continue
            if words and outcome is None and low in PEOPLE_OUTCOMES:
                outcome = low  # "the number of people killed in the fire has risen to 21"
                break
            if (
                not tok.text.isalpha()
                or low in FUNCTION_WORDS
                or low.endswith(("ing", "ed"))
                or ctx.mention_at(tok.start) is not None
            ):
                break
            words.append(tok)
        if not words:
            return None
        head = words[-1].lower
        return canonical_quantity(f"{head} {outcome}" if outcome else head), words
    return None


def is_compared(clause: Sequence[Token]) -> bool:
    """Whether the clause ends in a comparison ("well above the", "up from the", "not the")."""
    words = [t.lower for t in clause[-3:] if t.lower not in _ARTICLES]
    return bool(words) and words[-1] in _COMPARE_WORDS


_BEATING = word_set(
    "surpassing surpassed surpasses breaking broke breaks beating beat beats eclipsing "
    "eclipsed eclipses topping topped tops"
)
_RECORD_WORDS = word_set("record records high peak mark")


def is_past_record(clause: Sequence[Token]) -> bool:
    """Whether the figure is a past record set against the one before it: "the (1941) record
    of", "surpassing the", "breaking the previous high of"."""
    words = [t.lower for t in clause[-5:]]
    if len(words) >= 2 and words[-1] == "of" and words[-2] in _RECORD_WORDS:
        return True
    return len(words) >= 2 and words[-1] in _ARTICLES and words[-2] in _BEATING


_CAPACITY_VERBS = word_set("carry hold accommodate seat take")
_PERMITS = word_set("permit licence license certificate certification")


def states_capacity(clause: Sequence[Token]) -> bool:
    """Whether the figure ends a statement of capacity: "(licensed|able|built) to carry",
    "can hold", "a capacity of"."""
    words = [t.lower for t in clause[-3:]]
    if len(words) >= 2 and words[-1] in _CAPACITY_VERBS:
        return words[-2] in {"to", "can", "could"}
    if words[-1:] == ["allowed"]:  # "the ferry's permit allowed 150 passengers"
        return any(t.lower in _PERMITS for t in clause[-6:])
    return words[-2:] == ["capacity", "of"]
