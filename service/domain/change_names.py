"""A figure that is a change of a level, named for what changes (`quantities.change_of`).

Read after what a figure counts is known (`assertions.read_figure`):
- "the number of residents fell by 61,000", "rose by 26,000": a count after a change verb and
  "by" is the count's change, never its level ("rose to 2.97 million" stays the level);
- "148,200 tonnes, down 8%", "revenue of $4.21 billion, up 12%": a bare change set after a
  figure is a change of what that figure counts;
- "5.8% above the 2025 crop": a comparative is a change of the compared measure when it is a
  known one;
- "The S&P 500 closed up 0.7%": a bare change of a market index is the index's.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.noun_links import change_by
from service.domain.quantities import CHANGE_NAMES, SYNONYMS, change_of, is_change
from service.domain.quantity_cues import follows_figure
from service.domain.sentence_context import DETERMINERS, FUNCTION_WORDS, SentenceContext, word_set

# Fallback names that say only what a figure is in (a sum, a count), not what it measures.
_NO_MEASURE = frozenset({"amount", "count"})
# A comparative read as the figure's noun ("5.8% above the 2025 crop"), and its direction.
COMPARATIVES = dict.fromkeys(
    ("above", "higher", "up", "more", "greater"), "growth"
) | dict.fromkeys(("below", "lower", "down", "less", "fewer"), "decline")
_INDEX_NAME_ENDS = word_set("index average composite")


def named_change(
    ctx: SentenceContext,
    quantity: str,
    dimension: str | None,
    clause: Sequence[Token],
    before: Sequence[Token],
    after: Sequence[Token],
) -> str:
    """`quantity` reread as a change by the first three shapes of the module docstring."""
    if dimension == "ratio" and (governed := _object_changed_by(ctx, clause)) is not None:
        return governed  # "reduced hospitalisations by 90%", "raise tuition ... by 4.5%"
    if dimension is None and quantity != "count" and not is_change(quantity):
        by = change_by(clause)
        if by is not None:
            return change_of(quantity, by)  # "fell by 61,000": a change of the count
    previous = ctx.previous_quantity
    if (
        quantity in CHANGE_NAMES
        and previous is not None
        and previous not in _NO_MEASURE
        and not is_change(previous)
        and follows_figure(ctx, before)
    ):
        return change_of(previous, quantity)  # "148,200 tonnes, down 8%": of the tonnes
    if dimension == "ratio" and quantity == "share" and after and after[0].lower in COMPARATIVES:
        quantity = after[0].lower  # "12 per cent higher than a year earlier": no share
    if dimension == "ratio" and quantity in COMPARATIVES:
        compared = [t.lower for t in after[1:5] if t.text.isalpha() and t.lower not in DETERMINERS]
        measure = compared[0] if compared and compared[0] in SYNONYMS else ""
        if not measure and previous is not None and previous not in _NO_MEASURE:
            # "revenue of $4,210m, 12 per cent higher than a year earlier": the figure before
            measure = "" if is_change(previous) else previous
        return change_of(measure, COMPARATIVES[quantity])  # "5.8% above the 2025 crop"
    return quantity


def _object_changed_by(ctx: SentenceContext, clause: Sequence[Token]) -> str | None:
    """ "cut costs by 5%", "reduced hospitalisations by 90%", "raise tuition for in-state
    undergraduates by 4.5%": a share after a change verb, its object and "by" is a change of
    that object (its first noun, before any place or beneficiary phrase); else None."""
    k = len(clause) - 1
    while k >= 0 and len(clause) - k <= 4 and clause[k].lower in _BY_QUALIFIERS:
        k -= 1
    if k < 2 or clause[k].lower != "by":
        return None
    for v in range(k - 1, max(-1, k - 8), -1):
        verb = clause[v].lower
        direction = _RAISING.get(verb)
        if direction is None:
            continue
        words: list[str] = []
        for tok in clause[v + 1 : k]:
            if tok.lower in DETERMINERS or tok.text.endswith(("'s", "’s")):
                continue
            if not tok.text[:1].isalpha() or tok.lower in FUNCTION_WORDS:
                break
            if ctx.mention_at(tok.start) is not None:
                continue
            words.append(tok.lower)
        return change_of(" ".join(words), direction) if words else None
    return None


# Verbs that change what they govern, transitively ("raise tuition", "cut costs").
_RAISING = dict.fromkeys(
    ("raise", "raises", "raised", "raising", "increase", "increases", "increased", "lift",
     "lifts", "lifted", "boost", "boosts", "boosted", "grow", "grew", "grows"),
    "growth",
) | dict.fromkeys(
    ("cut", "cuts", "cutting", "reduce", "reduces", "reduced", "reducing", "lower", "lowers",
     "lowered", "slash", "slashes", "slashed", "trim", "trims", "trimmed", "shrink", "shrank"),
    "decline",
)  # fmt: skip
_BY_QUALIFIERS = word_set("about around nearly almost roughly some more than over at least just")


def index_change(ctx: SentenceContext, quantity: str, subject: str | None) -> str:
    """A bare change whose subject is a market index by its name ("S&P 500", "FTSE 100",
    "Dow Jones Industrial Average") is the index's change; else `quantity`."""
    if quantity not in CHANGE_NAMES or subject is None:
        return quantity
    entity = ctx.entities.get(subject)
    last = entity.name.split()[-1] if entity is not None and entity.name else ""
    if last.isdigit() or last.lower() in _INDEX_NAME_ENDS:
        return change_of("index", quantity)
    return quantity
