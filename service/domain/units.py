"""Units of measure and money: normalised codes, their dimensions, and conversion.

`UNITS` maps a normalised unit code to `(dimension, factor)`, where `factor` converts one of the
unit into the dimension's base unit (`BASE_UNITS`). `to_base` uses it so that figures written in
different units ("5,700 miles" and "9,170 km", "1,200 acres" and "4.9 km2") can be compared.

Currencies are their own dimension each: no exchange rates are applied (they change daily), so
`to_base` leaves money in its own currency. `"fraction"` (a proportion written as "half",
"two thirds", "1 in 5") converts to `"%"` so that "more than half" compares with "52%".

Rates ("45 per 100,000") are ratios too: "per100k" converts to 0.001 %. Temperature scales are
affine, which a factor cannot express: `to_base` keeps °F and °C apart and `to_comparable`
converts endpoints to °C. Currency words shared by several countries ("pesos") get a generic
code (`GENERIC_CURRENCIES`). How units are written around a figure lives in `unit_words`.
"""

from __future__ import annotations

_CURRENCY_CODES = (
    "USD EUR GBP JPY CNY INR RUB UAH KRW KPW CHF CAD AUD HKD NZD SGD TWD BRL MXN ARS COP CLP PHP "
    "ZAR TRY ILS SAR AED QAR IRR MAD EGP LBP SYP IQD JOD KWD DZD TND PKR LKR NPR BDT IDR MYR THB "
    "VND NGN KES UGX TZS GHS ETB SEK NOK DKK ISK CZK HUF PLN RSD"
)
# ISO 4217 codes, read before ("USD 5bn") or after ("5 million USD") a figure.
CURRENCY_CODES: tuple[str, ...] = tuple(_CURRENCY_CODES.split())
# Currency words shared by several countries with none dominant in English-language news: a
# bare "pesos" may be Philippine, Mexican, Argentine, Colombian or Chilean, and a pure core has
# no country context to decide. Such a word gets a generic code; a qualified word ("Mexican
# pesos", "Tunisian dinars") or an ISO code gets the ISO code. Where one country dominates
# (rupees -> INR, lira -> TRY, riyals -> SAR, dollars -> USD), the bare word takes its code.
# "CENT" is the main unit of whichever currency the story's cents are of ("12 cents" is 0.12
# CENT): US, euro, Australian... `currency_context` resolves these codes from the story.
GENERIC_CURRENCIES: tuple[str, ...] = ("PESO", "DINAR", "SHILLING", "KRONE", "FRANC", "CENT")
# Coins written after a figure, as (currency, coins per unit): "41p" and "50 pence" are GBP
# 0.41 and 0.50, so that they meet "£0.41"; "5 öre" is 0.05 of the story's crowns.
SUBUNITS: dict[str, tuple[str, float]] = {
    "pence": ("GBP", 100.0),
    "cents": ("CENT", 100.0),
    "ore": ("KRONE", 100.0),
}

UNITS: dict[str, tuple[str, float]] = {
    # ratio: percentages are 0-100; a bare proportion is 0-1
    "%": ("ratio", 1.0),
    "fraction": ("ratio", 100.0),
    # rates: "45 per 100,000" is 0.045 %
    "per1k": ("ratio", 0.1),
    "per10k": ("ratio", 0.01),
    "per100k": ("ratio", 0.001),
    "per1m": ("ratio", 0.0001),
    "pp": ("percentage_point", 1.0),
    "bp": ("percentage_point", 0.01),
    # concentration, base parts per million
    "ppm": ("concentration", 1.0),
    "ppb": ("concentration", 0.001),
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
    "oz": ("mass", 0.028349523125),
    "ozt": ("mass", 0.0311034768),  # troy ounce: gold and silver
    # volume, base litre
    "l": ("volume", 1.0),
    "ml": ("volume", 0.001),
    "m3": ("volume", 1000.0),
    "gal": ("volume", 3.785411784),
    "bbl": ("volume", 158.987294928),
    "ft3": ("volume", 28.316846592),
    "bcm": ("volume", 1e12),  # billion cubic metres (of gas)
    "bcf": ("volume", 28.316846592e9),  # billion cubic feet
    "tcf": ("volume", 28.316846592e12),  # trillion cubic feet
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
    "m/s": ("speed", 3.6),
    # temperature scales are affine, so each is its own dimension here (see `to_comparable`)
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
    # flow of oil, base barrels per day
    "bbl/d": ("flow", 1.0),
    # pressure, base hectopascal (= millibar)
    "hPa": ("pressure", 1.0),
    # digital storage, base gigabyte (decimal prefixes, as storage is sold)
    "MB": ("data", 1e-3),
    "GB": ("data", 1.0),
    "TB": ("data", 1e3),
    "PB": ("data", 1e6),
}
UNITS.update({code: ("currency", 1.0) for code in (*CURRENCY_CODES, *GENERIC_CURRENCIES)})

BASE_UNITS: dict[str, str] = {
    "ratio": "%",
    "percentage_point": "pp",
    "concentration": "ppm",
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
    "flow": "bbl/d",
    "pressure": "hPa",
    "data": "GB",
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


def to_comparable(value: float, unit: str | None) -> tuple[float, str | None]:
    """`to_base`, and temperatures in degrees Celsius: the reading to compare endpoints on.

    `to_base` is linear (callers multiply by `to_base(1.0, unit)`), which an affine scale
    cannot honour, so Fahrenheit keeps its own dimension there. To compare a °F figure with a
    °C one, convert both ends here: `to_comparable(113, "degF")` is `(45.0, "degC")`. Widths
    (differences) convert with the factor 5/9 alone.
    """
    if unit == "degF":
        return (value - 32.0) * 5.0 / 9.0, "degC"
    return to_base(value, unit)


def dimension_of(unit: str | None) -> str | None:
    """The dimension of a unit code ("length", "currency", ...), None for counts or unknown."""
    if unit is None or unit not in UNITS:
        return None
    return UNITS[unit][0]
