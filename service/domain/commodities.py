"""Goods that a harvest, a trade flow or an output figure is counted in.

"The winter barley crop was 8.3 million tonnes" and "the wheat crop of 33.6 million tonnes"
are two facts, though both are harvests in tonnes: the good named beside the quantity keeps
them apart ("barley harvest", "wheat harvest"), as it does wheat exports and oil exports.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.sentence_context import word_set

# Quantities counted per good.
COUNTED_PER_GOOD = word_set("harvest exports imports production output")
# One name per good; plural and variant spellings map to it.
_GOODS: dict[str, str] = {
    **dict.fromkeys(word_set("wheat"), "wheat"),
    **dict.fromkeys(word_set("barley"), "barley"),
    **dict.fromkeys(word_set("maize corn"), "maize"),
    **dict.fromkeys(word_set("rice"), "rice"),
    **dict.fromkeys(word_set("soybean soybeans soy soya"), "soybeans"),
    **dict.fromkeys(word_set("rapeseed canola"), "rapeseed"),
    **dict.fromkeys(word_set("oats oat"), "oats"),
    **dict.fromkeys(word_set("rye"), "rye"),
    **dict.fromkeys(word_set("sorghum"), "sorghum"),
    **dict.fromkeys(word_set("coffee"), "coffee"),
    **dict.fromkeys(word_set("cocoa"), "cocoa"),
    **dict.fromkeys(word_set("sugar"), "sugar"),
    **dict.fromkeys(word_set("cotton"), "cotton"),
    **dict.fromkeys(word_set("potato potatoes"), "potatoes"),
    **dict.fromkeys(word_set("grape grapes wine"), "wine"),
    **dict.fromkeys(word_set("olive olives"), "olives"),
    **dict.fromkeys(word_set("oil crude"), "oil"),
    **dict.fromkeys(word_set("gas lng"), "gas"),
    **dict.fromkeys(word_set("coal"), "coal"),
    **dict.fromkeys(word_set("copper"), "copper"),
    **dict.fromkeys(word_set("steel"), "steel"),
    **dict.fromkeys(word_set("iron"), "iron ore"),
}


def good_of(quantity: str, tokens: Sequence[Token]) -> str | None:
    """The good a harvest, trade or output figure counts, named in its noun phrase
    (`tokens`), or None."""
    if quantity not in COUNTED_PER_GOOD:
        return None
    return next((_GOODS[t.lower] for t in reversed(tokens) if t.lower in _GOODS), None)
