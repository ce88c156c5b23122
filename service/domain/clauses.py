"""Clauses of a sentence as the figure readers see them: where a figure's clause starts, the
verb phrase a figure belongs to, and a subject joined to its verb across an aside."""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.quantities import SYNONYMS
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set

CLAUSE_BREAKS = frozenset({",", ";", ":", "while", "whereas", "but", "—", "–"})
# Words opening a clause that says something new ("with estimates suggesting ...", "in which
# the state holds ..."): it does not share the previous clause's scene.
NEW_STATEMENT = word_set("with which who whom whose where")


def clause_start(before: Sequence[Token]) -> int:
    """Index in `before` where the figure's clause starts (after the last clause break)."""
    for k in range(len(before) - 1, -1, -1):
        word = before[k].lower
        if word in CLAUSE_BREAKS or word == "that":
            return k + 1
    return 0


_SUBORDINATORS = frozenset({"after", "because", "since", "as", "when", "while", "although"})


def own_verb_phrase(ctx: SentenceContext, clause: Sequence[Token]) -> Sequence[Token]:
    """The clause from the figure's own verb: "beating forecasts of a 5.0% increase and
    accelerating from 3.4% growth" gives "and accelerating from" for the 3.4% (a forecast
    verb governs its figure, not one after a new verb); "expects revenue of $4bn and profit
    of $1bn" keeps it all (no verb after the first figure)."""
    last_figure = max((k for k, t in enumerate(clause) if ctx.in_figure(t.start)), default=-1)
    # "raised its profit forecast after first-half sales rose 3.5%": a subordinate clause
    # has its own verb, which the forecast verb before it does not govern
    subordinate = max(
        (k for k, t in enumerate(clause) if t.lower in _SUBORDINATORS and k > last_figure),
        default=-1,
    )
    if subordinate >= 0:
        return clause[subordinate:]
    if last_figure < 0:
        return clause
    tail = clause[last_figure + 1 :]
    if any(t.lower.endswith(("ing", "ed")) and t.lower not in SYNONYMS for t in tail):
        return tail
    return clause


def without_relative_clause(before: Sequence[Token], clause_lo: int) -> Sequence[Token]:
    """The figure's clause, joined to its subject across a relative clause between commas:
    "Core inflation, which excludes food and energy, eased to 3.0%" reads as "Core inflation
    eased to 3.0%"."""
    if (
        clause_lo < 3
        or clause_lo >= len(before)
        or before[clause_lo - 1].text != ","
        or not before[clause_lo].text.isalpha()
        or before[clause_lo].lower in _NOT_A_MAIN_VERB
    ):
        return before[clause_lo:]  # "..., and merge", "..., in which": not the main verb
    j = clause_start(before[: clause_lo - 2]) - 1  # the break opening the aside, if any
    if j >= 0 and before[j].text == "," and before[j + 1].lower in _RELATIVE_OPENERS:
        head = before[clause_start(before[:j]) : j]
        return [*head, *before[clause_lo:]] if head else before[clause_lo:]
    return before[clause_lo:]


# Openers of a clause or appositive between a subject and its verb: "Core inflation, which
# excludes food, eased"; "Net interest income, the bank's main source of revenue, rose".
_RELATIVE_OPENERS = word_set("which who whose the its their")
_NOT_A_MAIN_VERB = FUNCTION_WORDS | _RELATIVE_OPENERS
