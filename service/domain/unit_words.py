"""How units, currencies and scale words are written around a figure, and reading them.

The spelling tables map lower-cased spellings to unit codes (`units.UNITS`);
`read_currency_before`, `read_scale` and `read_unit` read them around a figure for
`number_scan.scan_figures`.
"""

from __future__ import annotations

import re

from service.domain.units import CURRENCY_CODES


def _spellings(table: str) -> dict[str, str]:
    """Parse "CODE: spelling | spelling" lines into a spelling -> code mapping."""
    out: dict[str, str] = {}
    for line in table.strip().splitlines():
        code, spellings = line.split(": ", 1)
        out.update(dict.fromkeys((s.strip() for s in spellings.split(" | ")), code.strip()))
    return out


# Symbols and codes written before a figure.
CURRENCY_PREFIXES = _spellings("""
USD: us$ | u.s.$ | $ | usd
EUR: € | eur
GBP: £ | gbp
JPY: ¥ | jpy
CNY: cny | rmb
INR: ₹ | rs. | rs | inr
RUB: ₽ | rub
UAH: ₴ | uah
KRW: ₩ | krw
AUD: a$ | au$ | aud
CAD: c$ | ca$ | cad
HKD: hk$
NZD: nz$
SGD: s$
BRL: r$
CHF: chf
TRY: ₺
ILS: ₪
NGN: ₦
""")

# Currency names written after a figure ("5 million dollars"). "pounds" is money after a scale
# word ("5 million pounds") and mass otherwise ("a 20-pound bag"); see `read_unit`.
CURRENCY_WORDS = _spellings("""
USD: us dollars | u.s. dollars | dollars | dollar
EUR: € | euros | euro
GBP: pounds sterling | sterling
JPY: yen
CNY: yuan | renminbi
INR: rupees | rupee
RUB: roubles | rubles | rouble | ruble
UAH: hryvnias | hryvnia
CHF: swiss francs
ZAR: rand
ILS: shekels
NGN: naira
SAR: riyals
AED: dirhams
""")

# Units written after a figure (lower-case; a space also matches a hyphen: "25-basis-point").
UNIT_WORDS = _spellings("""
%: % | percent | per cent | percentage | percents | pct | pc
pp: percentage points | percentage point | percent points
bp: basis points | basis point | bps | bp
km2: square kilometres | square kilometers | square kilometre | square kilometer | square km
km2: sq km | sq. km | sq kilometres | sq kilometers | km2 | km²
mi2: square miles | square mile | sq mi | sq miles | sq. miles | sq. mi | mi2 | mi²
m2: square metres | square meters | sq m | m2 | m²
ft2: square feet | sq ft
ha: hectares | hectare | ha
acre: acres | acre
km: kilometres | kilometers | kilometre | kilometer | km | kms
nmi: nautical miles
mi: miles | mile | mi
m: metres | meters | metre | meter | m
cm: centimetres | centimeters | cm
mm: millimetres | millimeters
ft: feet | foot | ft
in: inches | inch
yd: yards | yard
kg: kilograms | kilogram | kilos | kg | kgs
mg: milligrams | milligram | mg
g: grams | gram
t: metric tonnes | metric tons | tonnes | tonne | tons | ton
lb: lbs | lb
l: litres | liters | litre | liter
ml: millilitres | milliliters | ml
m3: cubic metres | cubic meters | m3 | m³
gal: gallons | gallon | gal
bbl: barrels | barrel | bbl
second: seconds
minute: minutes | minute | mins
hour: hours | hour | hrs | hr
day: days | day
week: weeks | week
month: months | month
year: years | year | yrs
decade: decades | decade
km/h: km/h | kph | kmh | kilometres per hour | kilometers per hour
mph: mph | miles per hour
kn: knots
degC: °c | ° c | degrees celsius | degrees c
degF: °f | ° f | degrees fahrenheit | degrees f
kW: kilowatts | kw
MW: megawatts | mw
GW: gigawatts | gw
kWh: kwh
MWh: mwh | megawatt hours
GWh: gwh | gigawatt hours
TWh: twh
""")

# Multipliers written after a figure (lower-case). "m", "b", "t" and "k" count only when
# attached to the digits, and a lone "m" is metres unless things are counted ("3m people").
SCALE_WORDS: dict[str, float] = {
    **dict.fromkeys(["dozen", "dozens"], 12),
    **dict.fromkeys(["hundred"], 1e2),
    **dict.fromkeys(["thousand", "k"], 1e3),
    **dict.fromkeys(["lakh", "lakhs"], 1e5),
    **dict.fromkeys(["million", "mln", "mn", "mil", "mm", "m"], 1e6),
    **dict.fromkeys(["crore", "crores"], 1e7),
    **dict.fromkeys(["billion", "bn", "bln", "b"], 1e9),
    **dict.fromkeys(["trillion", "tn", "tln", "trn", "t"], 1e12),
}


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]{1,2}") for w in ordered)


_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:US\$|U\.S\.\$|AU\$|CA\$|HK\$|NZ\$|A\$|C\$|S\$|R\$)|[$€£¥₹₽₴₩₺₪₦]"
    r"|(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH|KRW|AUD|CAD|CHF|Rs\.?))\s?$"
)
_SCALE_AFTER = re.compile(
    r"(?P<gap>[ \u00a0]?)(?P<scale>(?i:dozens?|hundred|thousand|million|billion|trillion|mln"
    r"|mn|bln|bn|tln|trn|tn|lakhs?|crores?|mil)|k|K|MM|m|M|b|B|T)(?![A-Za-z])"
)
_UNIT_AFTER = re.compile(
    r"(?P<gap>\s{0,2}|-)(?P<unit>(?i:"
    + _alternation([*UNIT_WORDS, *CURRENCY_WORDS, "pounds", "pound"])
    + r")|"
    + "|".join(CURRENCY_CODES)
    + r"|t|l|L|(?<=\d)[CF])(?![A-Za-z0-9²³])"
)
_NEXT_WORD = re.compile(r"\s{1,2}([A-Za-z]+)")
_COUNTED = frozenset(
    ["people", "children", "men", "women", "staff", "personnel", "troops", "cattle", "youth"]
)
_NOT_PLURAL = frozenset(["this", "was", "has", "his", "its", "plus", "minus", "across", "less"])


def read_currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency written right before the digits at `start` ("$", "US$", "Rs "), if any.

    Returns `(ISO code, where the symbol starts)`.
    """
    m = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return None
    return CURRENCY_PREFIXES[m.group().rstrip().lower()], m.start()


def read_scale(text: str, end: int, currency: str | None) -> tuple[float, int] | None:
    """The multiplier written right after a figure ending at `end` ("bn", " million", "k").

    Returns `(factor, new end)`. Single letters count only when attached ("12k", "$3m");
    "T" only for money; a bare "m" is million only before counted things ("3m people").
    """
    m = _SCALE_AFTER.match(text, end)
    if m is None:
        return None
    word = m.group("scale")
    if len(word) <= 2 and word.lower() not in ("mn", "bn", "tn") and m.group("gap"):
        return None
    if word == "T" and currency is None:
        return None
    if word == "m" and currency is None:
        following = _NEXT_WORD.match(text, m.end())
        if following is None or not _looks_counted(following.group(1)):
            return None
    return SCALE_WORDS[word.lower()], m.end()


def _looks_counted(word: str) -> bool:
    lower = word.lower()
    if lower in _COUNTED:
        return True
    return (
        len(lower) > 3
        and lower.endswith("s")
        and not lower.endswith("ss")
        and lower not in _NOT_PLURAL
    )


def read_unit(text: str, end: int, scaled: bool) -> tuple[str, int, str] | None:
    """The unit or currency word right after a figure ending at `end`.

    Returns `(unit code, new end, gap)` where gap is what separates it from the figure ("",
    " " or "-" for "27-kilometre"). `scaled` says a scale word was read ("5 million pounds"
    is money, "20 pounds" mass).
    """
    m = _UNIT_AFTER.match(text, end)
    if m is None:
        return None
    surface = m.group("unit")
    code: str | None
    if surface in CURRENCY_CODES:
        code = surface  # an ISO code written after the figure: "5 million USD"
    elif surface in ("C", "F"):
        code = "deg" + surface
    else:
        lower = " ".join(surface.lower().replace("-", " ").split())
        if lower in ("pounds", "pound"):
            code = "GBP" if scaled else "lb"
        elif lower in ("t", "l"):
            code = lower
        else:
            code = UNIT_WORDS.get(lower) or CURRENCY_WORDS.get(lower)
    if code is None:
        return None
    return code, m.end(), m.group("gap")
