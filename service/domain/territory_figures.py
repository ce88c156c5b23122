"""Figures a territory owns: a country's inflation, a city's population, a region's GDP.

A statistics release says "the unemployment rate rose to 8.7%" or "inflation eased to 3.8% in
Kenya" without naming an owner in the clause: the territory the figure is about owns it, so
the place the figure is located in is also its subject. Only indicators of a territory count;
a toll or a crowd in a place stays placed, without an owner.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
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
