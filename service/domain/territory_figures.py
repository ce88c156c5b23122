"""Figures a territory owns: a country's inflation, a city's population, a region's GDP.

A statistics release says "the unemployment rate rose to 8.7%" or "inflation eased to 3.8% in
Kenya" without naming an owner in the clause: the territory the figure is about owns it, so
the place the figure is located in is also its subject. Only indicators of a territory count;
a toll or a crowd in a place stays placed, without an owner.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.model import EntityKind
from service.domain.owners import ACTOR_BLOCKERS
from service.domain.sentence_context import SentenceContext
from service.domain.source_words import word_set

# Canonical quantities that only a territory has.
_INDICATORS = word_set("inflation gdp economy exports imports") | {"unemployment rate"}
# Words naming a territory's indicator before its figure ("the population rose to 10.6 million",
# "the economy grew 2.3%", "the jobless rate", "consumer prices rose 3%").
_INDICATOR_WORDS = word_set(
    """
    inflation unemployment jobless joblessness gdp economy economic population inhabitants
    residents exports imports deficit
    """
)


def is_territory_figure(quantity: str, words_before: Sequence[Token]) -> bool:
    """Whether a figure is an indicator of a territory: its counted quantity is one
    ("inflation", "unemployment rate"), or the words just before it name one ("the
    population rose to 10.6 million", "the economy grew 2.3%")."""
    if quantity in _INDICATORS:
        return True
    near = words_before[-12:]
    commas = [k for k, t in enumerate(near) if t.text == ","]
    if commas and any(t.lower in _DETERMINERS for t in near[commas[-1] + 1 :]):
        # "..., well above the 3 per cent limit": a noun phrase of its own after the comma
        near = near[commas[-1] + 1 :]
    return any(t.lower in _INDICATOR_WORDS for t in near)


_DETERMINERS = word_set("the a an its their this that")


# Words between a verb and "government" ("asked the central government").
_GOVERNMENT_MODIFIERS = word_set("the a an central national federal new")
# Words that make a government sub-national: its figures are not the country's.
_LOCAL = word_set("regional local provincial state city municipal county federal-state")


def national_government(
    ctx: SentenceContext, before: Sequence[Token], focus_place: str | None
) -> str | None:
    """The country whose government acts just before the figure ("a government plan to cut
    spending by €40bn", "the government will spend"): the article's country, when its
    place is one or lies in one. A regional or city government is not the country."""
    if focus_place is None:
        return None
    near = before[-8:]
    for k, tok in enumerate(near):
        if tok.lower in {"government", "cabinet"} and tok.text[:1].islower():
            if k and near[k - 1].lower in _LOCAL:
                return None
            opener = next(
                (t for t in reversed(near[:k]) if t.lower not in _GOVERNMENT_MODIFIERS), None
            )
            if opener is not None and (
                opener.lower in ACTOR_BLOCKERS or opener.lower.endswith("ed")
            ):
                return None  # "asked the central government for €500 million": not its own
            if ctx.kind(focus_place) is EntityKind.COUNTRY:
                return focus_place
            return ctx.country_of(focus_place)
    return None
