"""What a sum of money is: the money noun after it or the verb frame before it.

"$3 billion in losses", "$5m of emergency aid", "$2m worth of damage", "$160m in federal
COVID-19 relief funds" (the money noun must head the phrase), "wiped $9bn off the company's
market value" (market value lost), "$78 a barrel" (a price of goods); "pledged $15m" (aid),
"fined £12m" (fine), "worth €2.1bn" (value).
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.outcomes import word_table
from service.domain.quantities import canonical_quantity
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set

# Verbs right before a sum of money that say what the money is.
MONEY_VERBS: dict[str, str] = word_table(
    "aid: pledged pledge pledges promised promise offered offer donated donate provide "
    "provided providing provides send sent sending give gave given giving; funding: "
    "released release allocated allocate approved approve earmarked earmark budgeted "
    "invested invest raised raise granted grant committed commit announced needs need needed "
    "requires require required seeks seek sought seeking requested request requesting; "
    "cost: spent spend spending cost costs costing pay pays paid paying; revenue: earned earn "
    "generated generate; losses: lost lose losing; value: worth valued; fine: fined; debt: "
    "owes owed owe borrowed borrow; damage: caused"
)


# Canonical quantities that a sum of money can be ("$3 billion in losses", "$5m of aid").
MONEY_QUANTITIES = frozenset(
    {
        "aid",
        "cost",
        "damage",
        "funding",
        "revenue",
        "profit",
        "losses",
        "debt",
        "deficit",
        "market value",
        "value",
        "fine",
        "fees",
        "compensation",
        "wages",
        "price",
        "taxes",
        "investment",
    }
)


GOODS = word_set(
    """
    barrel ounce tonne ton litre liter gallon kilo kilogram kg pound bushel megawatt-hour
    mwh kwh therm dozen loaf
    """
)
_MONEY_LINKS = word_set("in of worth for off from")
_MONEY_DETERMINERS = word_set("the a an its their his her new fresh additional extra")
_MONEY_MAX_WORDS = 6
_SUBORDINATORS = word_set("unless if when because although though until once whereas")


# "a year", "per day", "each month": the rate of a sum, between it and its noun.
_RATE_OPENERS = frozenset({"a", "an", "per", "each", "every"})
_RATE_PERIODS = frozenset({"year", "month", "week", "day", "quarter", "hour", "head"})


def money_after(
    ctx: SentenceContext, after: Sequence[Token], limit: int
) -> tuple[str | None, list[Token]]:
    """What a sum is when a money noun follows it: "$3 billion in losses", "$5m of emergency
    aid", "$2m worth of damage", "$160m in federal COVID-19 relief funds" (the rightmost
    money noun of the phrase heads it); "wiped $9bn off the company's market value" is
    market value lost. (None, []) when the words after name no money."""
    if (
        limit > 3
        and after[0].lower in _RATE_OPENERS
        and after[1].lower in _RATE_PERIODS
        and after[2].lower in _MONEY_LINKS
    ):
        # "$18,240 a year in tuition and fees", "€1.2m a day in lost fees": past the rate
        after, limit = after[2:], limit - 2
    i = 0
    while i < min(limit, 2) and after[i].lower in _MONEY_LINKS:
        i += 1  # "worth of"
    if i == 0:
        return None, []
    taken_off = after[0].lower in {"off", "from"}
    phrase: list[Token] = []
    while i < limit and len(phrase) < _MONEY_MAX_WORDS:
        tok = after[i]
        if tok.lower in _MONEY_DETERMINERS or tok.text.endswith(("'s", "’s")):
            i += 1  # "off the company's market value"
            continue
        if tok.text in {"-", "/"} or tok.text[:1].isdigit():
            i += 1  # "COVID-19"
            continue
        if not tok.text[:1].isalpha() or tok.lower in FUNCTION_WORDS or tok.lower in _SUBORDINATORS:
            break
        phrase.append(tok)
        i += 1
    # the money noun heads the phrase: "in federal COVID-19 relief funds", not "in the
    # following year unless revenue grows"
    for k in range(len(phrase), len(phrase) - 1, -1):
        for size in (2, 1):
            words = phrase[max(0, k - size) : k]
            if any(ctx.mention_at(t.start) is not None for t in words):
                continue
            name = canonical_quantity(" ".join(t.lower for t in words))
            if name in MONEY_QUANTITIES:
                if taken_off:
                    return (f"{name} lost" if name == "market value" else None), words
                return name, words
    return None, []
