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


# Symbols and letters written before a figure (ISO codes are added below). Single letters
# ("R1.3bn", "N500bn", "P2.5 billion") and "Sh" count only attached to the digits and before a
# scale word (see `number_scan`), since "R2", "N95" and "P5" are names. Ambiguous symbols get
# the generic code of `units.GENERIC_CURRENCIES`.
CURRENCY_PREFIXES = _spellings("""
USD: us$ | u.s.$ | $ | usd$
MXN: mex$ | mxn$
EUR: €
GBP: £
JPY: ¥
CNY: rmb
INR: ₹ | rs. | rs
RUB: ₽
UAH: ₴
KRW: ₩
AUD: a$ | au$ | aud$
CAD: c$ | ca$ | cad$
HKD: hk$ | hkd$
TWD: nt$
VND: ₫
THB: ฿
NZD: nz$ | nzd$
SGD: s$ | sgd$
BRL: r$
TRY: ₺
ILS: ₪
NGN: ₦ | n
ZAR: r
PHP: ₱ | p
EGP: e£
KES: ksh
UGX: ush
TZS: tsh
SHILLING: sh
IDR: rp
BDT: tk | ৳
KRONE: kr
""")
CURRENCY_PREFIXES.update({code.lower(): code for code in CURRENCY_CODES})

# Currency names written after a figure ("5 million dollars"). "pounds" is money after a scale
# word ("5 million pounds") and mass otherwise ("a 20-pound bag"), and "won" is money only
# after a scale word ("10 trillion won"); see `read_unit`. The rule for words several
# countries share ("pesos", "dinars") is in `units.GENERIC_CURRENCIES`.
CURRENCY_WORDS = _spellings("""
USD: us dollars | u.s. dollars | american dollars | dollars | dollar
CAD: canadian dollars | canadian dollar
AUD: australian dollars | australian dollar
NZD: new zealand dollars
HKD: hong kong dollars
SGD: singapore dollars
TWD: taiwan dollars | new taiwan dollars | taiwanese dollars
EUR: € | euros | euro
GBP: pounds sterling | sterling | british pounds
EGP: egyptian pounds | egyptian pound
LBP: lebanese pounds | lebanese pound
SYP: syrian pounds
JPY: yen | japanese yen
CNY: yuan | renminbi | chinese yuan
KRW: south korean won | korean won
INR: rupees | rupee | indian rupees
PKR: pakistani rupees | pakistan rupees
LKR: sri lankan rupees
NPR: nepalese rupees | nepali rupees
IDR: rupiah | rupiahs | indonesian rupiah
BDT: taka | bangladeshi taka
RUB: roubles | rubles | rouble | ruble | russian roubles | russian rubles
UAH: hryvnias | hryvnia | hryvnas | ukrainian hryvnias
CHF: swiss francs | swiss franc
FRANC: francs | cfa francs
ZAR: rand | south african rand
NGN: naira | nigerian naira
KES: kenyan shillings | kenya shillings
UGX: ugandan shillings | uganda shillings
TZS: tanzanian shillings | tanzania shillings
SHILLING: shillings | shilling
GHS: cedis | ghanaian cedis
ETB: birr | ethiopian birr
PESO: pesos
PHP: philippine pesos | philippine peso
MXN: mexican pesos | mexican peso
ARS: argentine pesos | argentinian pesos | argentine peso
COP: colombian pesos
CLP: chilean pesos
BRL: reais | brazilian reais
DINAR: dinars
TND: tunisian dinars
IQD: iraqi dinars
JOD: jordanian dinars
KWD: kuwaiti dinars
DZD: algerian dinars
RSD: serbian dinars
TRY: lira | liras | turkish lira | turkish liras
ILS: shekels | shekel | new shekels | israeli shekels
SAR: riyals | saudi riyals
QAR: qatari riyals
IRR: rials | iranian rials
AED: dirhams | uae dirhams | emirati dirhams
MAD: moroccan dirhams
SEK: kronor | krona | swedish kronor | swedish krona | swedish crowns
NOK: norwegian kroner | norwegian krone | norwegian crowns
DKK: danish kroner | danish krone | danish crowns
ISK: icelandic kronur | icelandic kronas | kronur | krónur | icelandic krónur
CZK: czech crowns | czech korunas | koruna | korunas
KRONE: kroner | krone | crowns | kr
HUF: forints | forint | hungarian forints
PLN: zlotys | zloty | polish zlotys
MYR: ringgit | malaysian ringgit
THB: baht | thai baht
VND: dong | vietnamese dong
""")

# Coins written after a figure: a code of `units.SUBUNITS`. "p" and "c" count only attached
# to the digits ("41p", "99c"), "c" only away from words of weather ("temperatures of 30c").
SUBUNIT_WORDS = _spellings("""
pence: pence | penny | p
cents: cents | cent | ¢ | c
ore: öre | øre
""")
_TEMPERATURE_WORDS = re.compile(
    r"(?i:temperat|heat|degree|celsius|thermomet|weather|warm|hot\b|cold|chill|frost|°)"
)

# Units written after a figure (lower-case; a space also matches a hyphen: "25-basis-point").
UNIT_WORDS = _spellings("""
%: % | percent | per cent | percentage | percents | pct | pc
pp: percentage points | percentage point | percent points
bp: basis points | basis point | bps | bp
ppm: ppm | parts per million
ppb: ppb | parts per billion
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
mm: millimetres | millimeters | mm
ft: feet | foot | ft
in: inches | inch
yd: yards | yard
kg: kilograms | kilogram | kilos | kg | kgs
mg: milligrams | milligram | mg
g: grams | gram
t: metric tonnes | metric tons | tonnes | tonne | tons | ton
lb: lbs | lb
oz: ounces | ounce | oz
ozt: troy ounces | troy ounce | ozt
l: litres | liters | litre | liter
ml: millilitres | milliliters | ml
m3: cubic metres | cubic meters | m3 | m³
gal: gallons | gallon | gal
bbl/d: barrels per day | barrels a day | barrels of oil per day | barrels of oil a day
bbl/d: bpd | b/d | bbl/d
bbl: barrels | barrel | bbl
ft3: cubic feet | cu ft
bcm: bcm | billion cubic metres | billion cubic meters
bcf: bcf | billion cubic feet
tcf: tcf | trillion cubic feet
second: seconds
minute: minutes | minute | mins
hour: hours | hour | hrs | hr
day: days | day
week: weeks | week
month: months | month
year: years | year | yrs
decade: decades | decade
km/h: km/h | kph | kmh | kmph | km/hr | kilometres per hour | kilometers per hour
km/h: km per hour | kilometres an hour | kilometers an hour
mph: mph | miles per hour | miles an hour
kn: knots
m/s: m/s | metres per second | meters per second
degC: °c | ° c | degrees celsius | degrees centigrade | degrees c | degree celsius | celsius
degC: deg c | deg celsius | celcius | degrees celcius
degF: °f | ° f | degrees fahrenheit | degrees f | degree fahrenheit | fahrenheit
degF: deg f | deg fahrenheit | farenheit | degrees farenheit
kW: kilowatts | kilowatt | kw
MW: megawatts | megawatt | mw
GW: gigawatts | gigawatt | gw
kWh: kwh | kilowatt hours | kilowatt hour
MWh: mwh | megawatt hours | megawatt hour
GWh: gwh | gigawatt hours | gigawatt hour
TWh: twh | terawatt hours | terawatt hour
hPa: hpa | hectopascals | millibars | millibar | mbar
MB: megabytes
GB: gigabytes
TB: terabytes
PB: petabytes
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
    """Longest first, grouped by first character (in that order inside each group): the regex
    engine then tests a figure's next character once per group, not once per word."""
    ordered = sorted(set(words), key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for word in ordered:
        groups.setdefault(word[0], []).append(_spaced(word[1:]))
    firsts = list(groups)
    if " " in groups or any(
        re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in firsts for b in firsts if a != b
    ):
        return "|".join(_spaced(w) for w in ordered)  # groups would match the same characters
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


def _spaced(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"[\s-]{1,2}")


# Coins that may stand apart from the digits ("50 pence"); "p", "c" and "¢" are attached only.
_SUBUNITS_SPACED = [w for w in SUBUNIT_WORDS if w not in ("p", "c", "¢")]
# "COP 29" is a climate summit and NPR a broadcaster: those codes are read only after a figure.
_CODES_BEFORE = [code for code in CURRENCY_CODES if code not in ("COP", "NPR")]
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:US\$|U\.S\.\$|AU\$|CA\$|HK\$|NZ\$|NT\$|A\$|C\$|S\$|R\$|E£"
    r"|(?i:mex|mxn|aud|cad|nzd|hkd|sgd|usd)\$)"
    r"|[$€£¥₹₽₴₩₺₪₦₱৳₫฿]"
    r"|(?<![A-Za-z])(?:" + "|".join(_CODES_BEFORE) + r"|RMB|Rs\.?|KSh|Ksh|USh|TSh|Rp|Tk|kr))\s?$"
    r"|(?<![A-Za-z])(?:R|N|P|Sh)$"
)
# Prefixes that are a currency only when attached to digits and followed by a scale word.
LETTER_PREFIXES = frozenset({"R", "N", "P", "Sh"})
_SCALE_AFTER = re.compile(
    r"(?P<gap>[ \u00a0]?)(?P<scale>(?i:dozens?|hundred|thousand|million|billion|trillion|mln"
    r"|mn|bln|bn|tln|trn|tn|lakhs?|crores?|mil)|k|K|MM|mm|m|M|b|B|T)(?![A-Za-z])"
)
_UNIT_AFTER = re.compile(
    r"(?P<gap>\s{0,2}|-)(?P<unit>(?i:"
    + _alternation([*UNIT_WORDS, *CURRENCY_WORDS, *_SUBUNITS_SPACED, "pounds", "pound"])
    + r")|(?<=\d)(?:p|c|¢)|"
    + "|".join(CURRENCY_CODES)
    + r"|MB|GB|TB|PB|mb|t|l|L|(?<=\d)[CF]|(?P<guarded>won|in(?=\s{1,2}of\s)))(?![A-Za-z0-9²³])"
)
_CASE_SENSITIVE = {"MB": "MB", "GB": "GB", "TB": "TB", "PB": "PB", "mb": "hPa"}  # "mb": millibar
_NEXT_WORD = re.compile(r"\s{1,2}([A-Za-z]+)")
_BEFORE_CRORE = frozenset({"lakh", "lakhs", "thousand", "hundred"})
_CRORE_AFTER = re.compile(r"[ \u00a0](?i:crores?)(?![A-Za-z])")
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
    code = CURRENCY_PREFIXES.get(m.group().rstrip().lower())
    return None if code is None else (code, m.start())


def read_scale(text: str, end: int, currency: str | None) -> tuple[float, int] | None:
    """The multiplier written right after a figure ending at `end` ("bn", " million", "k").

    Returns `(factor, new end)`. Single letters count only when attached ("12k", "$3m");
    "T" and "mm" only for money; a bare "m" is million only before counted things ("3m
    people").
    """
    m = _SCALE_AFTER.match(text, end)
    if m is None:
        return None
    word = m.group("scale")
    if len(word) <= 2 and word.lower() not in ("mn", "bn", "tn") and m.group("gap"):
        return None
    if word == "T" and currency is None:
        return None
    if word.lower() == "mm" and currency is None:
        return None  # "120mm of rain", "155mm shells": millimetres; "$5mm" is money jargon
    if word == "m" and currency is None:
        following = _NEXT_WORD.match(text, m.end())
        if following is None or not _looks_counted(following.group(1)):
            return None
    factor, scale_end = SCALE_WORDS[word.lower()], m.end()
    if word.lower() in _BEFORE_CRORE:
        crore = _CRORE_AFTER.match(text, scale_end)
        if crore:
            return factor * 1e7, crore.end()  # "₹48 lakh crore": 48e12
    return factor, scale_end


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
    if m.group("guarded"):  # "10 trillion won" is money; "Labour 411 won" is a verb
        code = ("KRW" if scaled else None) if surface == "won" else "in"  # "4 in of rain"
    elif surface in _CASE_SENSITIVE:
        code = _CASE_SENSITIVE[surface]
    elif surface in CURRENCY_CODES:
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
            code = UNIT_WORDS.get(lower) or CURRENCY_WORDS.get(lower) or SUBUNIT_WORDS.get(lower)
    if code is None:
        return None
    if surface == "c" and _TEMPERATURE_WORDS.search(text, max(0, end - 80), end + 40):
        return None  # "temperatures hit 30c": degrees, not cents
    return code, m.end(), m.group("gap")
