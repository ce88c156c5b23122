"""Units of measure and money: normalised codes, how they are written, and conversion.

`UNITS` maps a normalised unit code to `(dimension, factor)`, where `factor` converts one of the
unit into the dimension's base unit (`BASE_UNITS`). `to_base` uses it so that figures written in
different units ("5,700 miles" and "9,170 km", "1,200 acres" and "4.9 km2") can be compared.

Currencies are their own dimension each: no exchange rates are applied (they change daily), so
`to_base` leaves money in its own currency. `"fraction"` (a proportion written as "half",
"two thirds", "1 in 5") converts to `"%"` so that "more than half" compares with "52%".

The spelling tables map lower-cased spellings to codes; `read_currency_before`, `read_scale`
and `read_unit` read them around a figure for `numbers.find_numbers`, and `Exclusions` knows
the digit patterns that are not figures at all (dates, times of day, phone numbers, URLs).
"""

from __future__ import annotations

import bisect
import re

_CURRENCY_CODES = (
    "USD EUR GBP JPY CNY INR RUB UAH KRW KPW CHF CAD AUD HKD NZD SGD BRL MXN ZAR TRY ILS SAR AED "
    "PKR NGN KES EGP SEK NOK DKK PLN"
)
_CURRENCIES = _CURRENCY_CODES.split()

UNITS: dict[str, tuple[str, float]] = {
    # ratio: percentages are 0-100; a bare proportion is 0-1
    "%": ("ratio", 1.0),
    "fraction": ("ratio", 100.0),
    "pp": ("percentage_point", 1.0),
    "bp": ("percentage_point", 0.01),
    # length, base metre
    "m": ("length", 1.0),
    "km": ("length", 1000.0),
    "cm": ("length", 0.01),
    "mm": ("length", 0.001),
    "mi": ("length", 1609.344),
    "nmi": ("length", 1852.0),
    "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "yd": ("length", 0.9144),
    # area, base square kilometre
    "km2": ("area", 1.0),
    "m2": ("area", 1e-6),
    "mi2": ("area", 2.589988110336),
    "ft2": ("area", 9.290304e-8),
    "ha": ("area", 0.01),
    "acre": ("area", 0.0040468564224),
    # mass, base kilogram ("tons" is read as metric tonnes: news rarely means short tons)
    "kg": ("mass", 1.0),
    "g": ("mass", 0.001),
    "mg": ("mass", 1e-6),
    "t": ("mass", 1000.0),
    "lb": ("mass", 0.45359237),
    # volume, base litre
    "l": ("volume", 1.0),
    "ml": ("volume", 0.001),
    "m3": ("volume", 1000.0),
    "gal": ("volume", 3.785411784),
    "bbl": ("volume", 158.987294928),
    # durations, base day
    "second": ("duration", 1 / 86400),
    "minute": ("duration", 1 / 1440),
    "hour": ("duration", 1 / 24),
    "day": ("duration", 1.0),
    "week": ("duration", 7.0),
    "month": ("duration", 365.2425 / 12),
    "year": ("duration", 365.2425),
    "decade": ("duration", 3652.425),
    # speed, base km/h
    "km/h": ("speed", 1.0),
    "mph": ("speed", 1.609344),
    "kn": ("speed", 1.852),
    # temperature scales are affine, so each is its own dimension
    "degC": ("temperature_c", 1.0),
    "degF": ("temperature_f", 1.0),
    # power (base watt) and energy (base kWh)
    "kW": ("power", 1e3),
    "MW": ("power", 1e6),
    "GW": ("power", 1e9),
    "kWh": ("energy", 1.0),
    "MWh": ("energy", 1e3),
    "GWh": ("energy", 1e6),
    "TWh": ("energy", 1e9),
}
UNITS.update({code: ("currency", 1.0) for code in _CURRENCIES})

BASE_UNITS: dict[str, str] = {
    "ratio": "%",
    "percentage_point": "pp",
    "length": "m",
    "area": "km2",
    "mass": "kg",
    "volume": "l",
    "duration": "day",
    "speed": "km/h",
    "temperature_c": "degC",
    "temperature_f": "degF",
    "power": "W",
    "energy": "kWh",
}


def to_base(value: float, unit: str | None) -> tuple[float, str | None]:
    """Convert `value` in `unit` to its dimension's base unit; counts and unknown units pass.

    Money stays in its own currency (no exchange rates). `to_base(5700, "mi")` is
    `(9173260.8, "m")`; `to_base(3, None)` is `(3, None)`.
    """
    if unit is None or unit not in UNITS:
        return value, unit
    dimension, factor = UNITS[unit]
    if dimension == "currency":
        return value, unit
    return value * factor, BASE_UNITS[dimension]


def dimension_of(unit: str | None) -> str | None:
    """The dimension of a unit code ("length", "currency", ...), None for counts or unknown."""
    if unit is None or unit not in UNITS:
        return None
    return UNITS[unit][0]


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
    + "|".join(_CURRENCIES)
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
    if surface in _CURRENCIES:
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


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Digits in these spans are never figures: URLs, dates, times, phone numbers, versions, seasons.
_EXCLUDE = re.compile(
    r"(?=[\d+('JFMASOND])(?:"
    r"(?<![\d,.])\d{1,4}(?P<sep>[-/.])\d{1,4}(?P=sep)\d{1,4}(?:(?P=sep)\d{1,4}){0,3}(?!\d)"
    r"|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]\d{2,5}){1,4}"
    r"|\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|(?<![\d.])\d{1,2}(?:[:.]\d{2}){0,2}\s?(?:[aApP]\.[mM]\.|[aApP][mM]\b)"
    r"|(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)"
    r"|(?<![\d.])\d{1,2}\s?o['’]clock\b"
    r"|(?<![\d.])\d{1,2}[:.]?\d{2}\s?(?:GMT|UTC|EST|EDT|CET|CEST|BST|PST|PDT|CST|CDT|MSK|IST)\b"
    r"|\b" + _MONTH + r"\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?)?(?!\d)"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?)?\s{1,3}(?:of\s{1,3})?"
    + _MONTH
    + r"\b\.?"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?P<years>(?<![\d,.])(?:1[89]\d\d|20\d\d)\s?[-–/]\s?(?:\d{4}|\d{2})(?!\d))"
    r"|'\d0s\b)"
)


class Exclusions:
    """Spans that are never figures (dates, times, phones, URLs), found lazily near digits.

    Scanning a whole article with the exclusion regex costs more than everything else, and
    digits are sparse, so the regex runs only over windows around the digits found.
    """

    _WINDOW = 240

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.covered_until = -1

    def covers(self, start: int, end: int) -> bool:
        """Whether the digits at `start:end` lie in a date, time, phone number or URL."""
        text = self.text
        if end > self.covered_until:
            window_start = start - 40
            if window_start > 0:
                space = text.rfind(" ", max(0, window_start - 24), window_start)
                window_start = space + 1 if space >= 0 else window_start
            window_start = max(0, window_start, self.covered_until - 40)
            window_end = min(len(text), start + self._WINDOW)
            for m in _EXCLUDE.finditer(text, window_start, window_end):
                years = m.group("years")
                if (years is None or _is_year_span(years)) and m.start() >= self.covered_until:
                    self.spans.append(m.span())
            self.covered_until = window_end - 40 if window_end < len(text) else len(text)
        spans = self.spans
        index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
        if index >= 0 and spans[index][1] > start:
            return True
        if index + 1 < len(spans) and spans[index + 1][0] < end:
            return True
        return _in_url(text, start)


_URL_TAIL = re.compile(r"(?:://|www\.|@)\S*$")


def _in_url(text: str, start: int) -> bool:
    """Whether `start` lies inside a URL or e-mail address (digits there are not figures)."""
    return _URL_TAIL.search(text, max(0, start - 300), start) is not None


def _is_year_span(span_text: str) -> bool:
    first, second = re.split(r"\s?[-–/]\s?", span_text)
    return len(second) == 2 or int(first) <= int(second) <= 2100
