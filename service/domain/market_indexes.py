"""Figures of a market index met in a company's story: "outperforming the PHLX semiconductor
index, which is up 21% this year".

A relative clause after an index is about the index, not about the company the story follows:
its figure belongs to the index when the index is a known entity ("the S&P 500, which rose
1.2%"), and to no one the engine can name otherwise. Without this, the company would own the
index's move and the two would share a fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from service.domain.attribution import Token
from service.domain.sentence_context import SentenceContext, word_set

# Nouns heading the name of a market index ("the Oslo benchmark index", "the blue-chip average").
_INDEX_NOUNS = word_set("index benchmark average indices indexes")


class Antecedent(NamedTuple):
    """The index a relative clause is about: `found` when there is one, `key` when it is a
    known entity."""

    found: bool
    key: str | None = None


def index_antecedent(ctx: SentenceContext, before: Sequence[Token]) -> Antecedent:
    """The market index whose relative clause holds the figure ("the index, which was up
    0.6%"): the clause opens with "which" at most six tokens before the figure."""
    for k in range(len(before) - 1, max(len(before) - 7, 0), -1):
        if before[k].lower != "which":
            continue
        j = k - 1 if before[k - 1].text != "," else k - 2
        if j < 0:
            return Antecedent(False)
        tok = before[j]
        m = ctx.mention_at(tok.start)
        if m is not None:
            entity = ctx.entities.get(m.key)
            last = entity.name.split()[-1] if entity is not None else ""
            if last.isdigit() or last.lower() in _INDEX_NOUNS:
                return Antecedent(True, m.key)  # "the S&P 500, which", "the FTSE 100, which"
        if tok.lower in _INDEX_NOUNS:
            return Antecedent(True, m.key if m is not None else None)
        return Antecedent(False)
    return Antecedent(False)
