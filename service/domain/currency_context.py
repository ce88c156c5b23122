"""Money whose currency the words leave open, read from the story: crowns, shillings, cents.

"3 billion crowns" is Norwegian in a story from Oslo and Swedish in one from Stockholm; "12
cents" is a euro amount in a Dublin story. The scan gives such figures a generic code
(`units.GENERIC_CURRENCIES`); here each takes the currency of its family that the story itself
writes as a code or a qualified word ("NOK 5bn", "Danish kroner"), the most frequent one when
several are written, else the currency of the story's country. Cents with neither are US cents
(as a bare "dollars" is US dollars); the other families keep their generic code. The story's
country is the family's country it names most (an entity counts for its country: "Equinor").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import msgspec

from service.domain.model import NumberMention

_EURO_AREA = (
    "austria belgium croatia cyprus estonia finland france germany greece ireland italy latvia "
    "lithuania luxembourg malta netherlands portugal slovakia slovenia spain"
)
# The currencies a generic code may stand for, by the key of the country that issues each.
FAMILIES: dict[str, dict[str, str]] = {
    "KRONE": {
        "norway": "NOK",
        "sweden": "SEK",
        "denmark": "DKK",
        "iceland": "ISK",
        "czechia": "CZK",
    },
    "SHILLING": {"kenya": "KES", "uganda": "UGX", "tanzania": "TZS"},
    "PESO": {
        "philippines": "PHP",
        "mexico": "MXN",
        "argentina": "ARS",
        "colombia": "COP",
        "chile": "CLP",
    },
    "DINAR": {
        "tunisia": "TND",
        "iraq": "IQD",
        "jordan": "JOD",
        "kuwait": "KWD",
        "algeria": "DZD",
        "serbia": "RSD",
    },
    "FRANC": {"switzerland": "CHF"},
    "CENT": {
        "united-states": "USD",
        "canada": "CAD",
        "australia": "AUD",
        "new-zealand": "NZD",
        "hong-kong": "HKD",
        "singapore": "SGD",
        "south-africa": "ZAR",
        **dict.fromkeys(_EURO_AREA.split(), "EUR"),
    },
}
# What a generic code becomes when the story says nothing (None: it stays generic).
_DEFAULTS: dict[str, str] = {"CENT": "USD"}


def resolve_currencies(
    numbers: Sequence[NumberMention], countries: Sequence[str]
) -> list[NumberMention]:
    """`numbers` with each generic currency code replaced by the story's currency of that
    family. `countries` holds the country of each entity the story names, in text order (one
    entry per mention): the family's most named country decides when no code is written."""
    written = Counter(n.unit for n in numbers if n.unit is not None)
    named_countries = Counter(countries)
    first = {c: i for i, c in reversed(list(enumerate(countries)))}
    resolved: dict[str, str] = {}
    for generic, members in FAMILIES.items():
        if generic not in written:
            continue
        codes = set(members.values())
        named = [(count, code) for code, count in written.items() if code in codes]
        in_story = [c for c in named_countries if c in members]
        if named:
            resolved[generic] = max(named)[1]
        elif in_story:
            # the most named country of the family; of equals, the first named
            country = max(in_story, key=lambda c: (named_countries[c], -first[c]))
            resolved[generic] = members[country]
        elif generic in _DEFAULTS:
            resolved[generic] = _DEFAULTS[generic]
    if not resolved:
        return list(numbers)
    return [
        msgspec.structs.replace(n, unit=resolved[n.unit]) if n.unit in resolved else n
        for n in numbers
    ]
