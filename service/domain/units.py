"""Units of measure and money: normalised codes, how they are written, and conversion.

`UNITS` maps a normalised unit code to `(dimension, factor)`, where `factor` converts one of the
unit into the dimension's base unit (`BASE_UNITS`). `to_base` uses it so that figures written in
different units ("5,700 miles" and "9,170 km", "1,200 acres" and "4.9 km2") can be compared.

Currencies are their own dimension each: no exchange rates are applied (they change daily), so
`to_base` leaves money in its own currency. `"fraction"` (a proportion written as "half",
"two thirds", "1 in 5") converts to `"%"` so that "more than half" compares with "52%".

The surface tables map lower-cased spellings to codes; `numbers.py` compiles them into the
regexes that read units after a figure.
"""

from __future__ import annotations

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


# Multipliers written after a figure. Lower-case keys; "m"/"b"/"t" are decided by the caller
# because "100m" may be metres and "5t" tonnes.
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "mm": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "tln": 1e12,
    "trn": 1e12,
    "t": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}

# Symbols and codes written before a figure.
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "inr": "INR",
    "₽": "RUB",
    "rub": "RUB",
    "₴": "UAH",
    "uah": "UAH",
    "₩": "KRW",
    "krw": "KRW",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "r$": "BRL",
    "chf": "CHF",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
}

# Currency names written after a figure ("5 million dollars"). "pounds" is handled by the
# caller: money after a scale word or with "sterling", mass otherwise.
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "€": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "swiss francs": "CHF",
    "rand": "ZAR",
    "shekels": "ILS",
    "naira": "NGN",
    "riyals": "SAR",
    "dirhams": "AED",
}
CURRENCY_WORDS.update({code.lower(): code for code in _CURRENCIES})

# Units written after a figure (lower-case spellings). Longer spellings win in the regex.
UNIT_WORDS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "percentage": "%",
    "percents": "%",
    "pct": "%",
    "percentage points": "pp",
    "percentage point": "pp",
    "percent points": "pp",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "square kilometre": "km2",
    "square kilometer": "km2",
    "square km": "km2",
    "sq km": "km2",
    "sq. km": "km2",
    "sq kilometres": "km2",
    "sq kilometers": "km2",
    "km2": "km2",
    "km²": "km2",
    "square miles": "mi2",
    "square mile": "mi2",
    "sq mi": "mi2",
    "sq miles": "mi2",
    "sq. miles": "mi2",
    "sq. mi": "mi2",
    "mi2": "mi2",
    "mi²": "mi2",
    "square metres": "m2",
    "square meters": "m2",
    "sq m": "m2",
    "m2": "m2",
    "m²": "m2",
    "square feet": "ft2",
    "sq ft": "ft2",
    "hectares": "ha",
    "hectare": "ha",
    "ha": "ha",
    "acres": "acre",
    "acre": "acre",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "kms": "km",
    "nautical miles": "nmi",
    "miles": "mi",
    "mile": "mi",
    "mi": "mi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "m": "m",
    "centimetres": "cm",
    "centimeters": "cm",
    "cm": "cm",
    "millimetres": "mm",
    "millimeters": "mm",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "inch": "in",
    "yards": "yd",
    "yard": "yd",
    "kilograms": "kg",
    "kilogram": "kg",
    "kilos": "kg",
    "kg": "kg",
    "kgs": "kg",
    "milligrams": "mg",
    "milligram": "mg",
    "mg": "mg",
    "grams": "g",
    "gram": "g",
    "metric tonnes": "t",
    "metric tons": "t",
    "tonnes": "t",
    "tonne": "t",
    "tons": "t",
    "ton": "t",
    "lbs": "lb",
    "lb": "lb",
    "litres": "l",
    "liters": "l",
    "litre": "l",
    "liter": "l",
    "millilitres": "ml",
    "milliliters": "ml",
    "ml": "ml",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "m3": "m3",
    "m³": "m3",
    "gallons": "gal",
    "gallon": "gal",
    "gal": "gal",
    "barrels": "bbl",
    "barrel": "bbl",
    "bbl": "bbl",
    "seconds": "second",
    "second": "second",
    "minutes": "minute",
    "minute": "minute",
    "mins": "minute",
    "hours": "hour",
    "hour": "hour",
    "hrs": "hour",
    "hr": "hour",
    "days": "day",
    "day": "day",
    "weeks": "week",
    "week": "week",
    "months": "month",
    "month": "month",
    "years": "year",
    "year": "year",
    "yrs": "year",
    "decades": "decade",
    "decade": "decade",
    "km/h": "km/h",
    "kph": "km/h",
    "kmh": "km/h",
    "kilometres per hour": "km/h",
    "kilometers per hour": "km/h",
    "mph": "mph",
    "miles per hour": "mph",
    "knots": "kn",
    "°c": "degC",
    "° c": "degC",
    "degrees celsius": "degC",
    "degrees c": "degC",
    "°f": "degF",
    "° f": "degF",
    "degrees fahrenheit": "degF",
    "degrees f": "degF",
    "kilowatts": "kW",
    "kw": "kW",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "twh": "TWh",
    "megawatt hours": "MWh",
    "megawatt-hours": "MWh",
    "gigawatt hours": "GWh",
    "gigawatt-hours": "GWh",
}
