"""Goods that a harvest, a trade flow or an output figure is counted in.

"The winter barley crop was 8.3 million tonnes" and "the wheat crop of 33.6 million tonnes"
are two facts, though both are harvests in tonnes: the good named beside the quantity keeps
them apart ("barley harvest", "wheat harvest"), as it does wheat exports and oil exports.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.outcomes import word_table
from service.domain.sentence_context import word_set

# Quantities counted per good.
COUNTED_PER_GOOD = word_set("harvest exports imports production output")
# One name per good; plural and variant spellings map to it.
_GOODS: dict[str, str] = word_table(
    "wheat: wheat; barley: barley; maize: maize corn; rice: rice; soybeans: soybean "
    "soybeans soy soya; rapeseed: rapeseed canola; oats: oats oat; rye: rye; sorghum: "
    "sorghum; coffee: coffee; cocoa: cocoa; sugar: sugar; cotton: cotton; potatoes: potato "
    "potatoes; wine: grape grapes wine; olives: olive olives; oil: oil crude; gas: gas lng; "
    "coal: coal; copper: copper; steel: steel; iron ore: iron"
)


def good_of(quantity: str, tokens: Sequence[Token]) -> str | None:
    """The good a harvest, trade or output figure counts, named in its noun phrase
    (`tokens`), or None."""
    if quantity not in COUNTED_PER_GOOD:
        return None
    return next((_GOODS[t.lower] for t in reversed(tokens) if t.lower in _GOODS), None)
