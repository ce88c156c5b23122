"""Words for facts and verdicts: fact labels, figures, who said them, reasons, explanations.

Everything a journalist reads about a fact is phrased here, so `facts.py` and `verdicts.py`
hold only the rules. Numbers are shown in the figure's own unit as stated ("about 12,000");
derived numbers (tolerance bounds, consensus ends) are rounded to three significant digits so
"650,000 +/- 10%" reads "585,000–715,000" and never "715,000.0000001".
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

from service.domain.model import AssertionView, Qualifier

NameOf = Callable[[str], str]

# Country name -> adjective, for labels such as "North Korean troops in Kursk". A name that is
# not here is used as it is ("Apple revenue", "Gaza deaths"), which always reads correctly.
_DEMONYMS: dict[str, str] = {
    "afghanistan": "Afghan",
    "argentina": "Argentine",
    "australia": "Australian",
    "austria": "Austrian",
    "bangladesh": "Bangladeshi",
    "belarus": "Belarusian",
    "belgium": "Belgian",
    "brazil": "Brazilian",
    "britain": "British",
    "canada": "Canadian",
    "chile": "Chilean",
    "china": "Chinese",
    "colombia": "Colombian",
    "cuba": "Cuban",
    "denmark": "Danish",
    "egypt": "Egyptian",
    "ethiopia": "Ethiopian",
    "finland": "Finnish",
    "france": "French",
    "georgia": "Georgian",
    "germany": "German",
    "greece": "Greek",
    "haiti": "Haitian",
    "hungary": "Hungarian",
    "india": "Indian",
    "indonesia": "Indonesian",
    "iran": "Iranian",
    "iraq": "Iraqi",
    "ireland": "Irish",
    "israel": "Israeli",
    "italy": "Italian",
    "japan": "Japanese",
    "jordan": "Jordanian",
    "kenya": "Kenyan",
    "lebanon": "Lebanese",
    "libya": "Libyan",
    "mexico": "Mexican",
    "morocco": "Moroccan",
    "myanmar": "Myanmar",
    "nepal": "Nepali",
    "netherlands": "Dutch",
    "nigeria": "Nigerian",
    "north korea": "North Korean",
    "norway": "Norwegian",
    "pakistan": "Pakistani",
    "palestine": "Palestinian",
    "peru": "Peruvian",
    "philippines": "Philippine",
    "poland": "Polish",
    "portugal": "Portuguese",
    "romania": "Romanian",
    "russia": "Russian",
    "saudi arabia": "Saudi",
    "serbia": "Serbian",
    "somalia": "Somali",
    "south africa": "South African",
    "south korea": "South Korean",
    "spain": "Spanish",
    "sudan": "Sudanese",
    "sweden": "Swedish",
    "switzerland": "Swiss",
    "syria": "Syrian",
    "taiwan": "Taiwanese",
    "thailand": "Thai",
    "turkey": "Turkish",
    "ukraine": "Ukrainian",
    "united kingdom": "British",
    "united states": "US",
    "venezuela": "Venezuelan",
    "vietnam": "Vietnamese",
    "yemen": "Yemeni",
}

_PREFIX_UNITS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
# Unit codes (`units.py`) as a reader writes them after a number.
_UNIT_WORDS = {
    "acre": "acres", "ha": "hectares", "mi": "miles", "mi2": "square miles",
    "ft": "feet", "in": "inches", "yd": "yards", "nmi": "nautical miles", "t": "tonnes",
    "lb": "pounds", "gal": "gallons", "bbl": "barrels", "second": "seconds",
    "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks", "month": "months",
    "year": "years", "decade": "decades", "degC": "°C", "degF": "°F", "pp": "points",
    "fraction": "(fraction)",
}  # fmt: skip

_QUALIFIER_WORDS = {
    Qualifier.APPROX: "about ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "over ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.LESS_THAN: "under ",
}


def key_to_name(key: str) -> str:
    """Fallback display name for an entity key: "north-korea" -> "North Korea"."""
    return " ".join(part.capitalize() for part in key.replace("_", "-").split("-") if part)


def fact_label(
    quantity: str,
    subject: str | None,
    location: str | None,
    name_of: NameOf,
    *,
    forecast_only: bool = False,
) -> str:
    """A short headline for a fact: "North Korean troops in Kursk", "Russian casualties"."""
    words = quantity
    if subject:
        name = name_of(subject)
        words = f"{_DEMONYMS.get(name.lower(), name)} {quantity}"
    if location and location != subject:
        words = f"{words} in {name_of(location)}"
    if forecast_only:
        words = f"expected {words}"
    return words[:1].upper() + words[1:]


def apart_label(label: str, a: AssertionView) -> str:
    """The label of a figure set apart from an article's other figures of the same name.

    "Federal Reserve members (another figure in Meridian Wire)": without the note two facts
    would read alike.
    """
    where = a.source_label or f"source {a.source_id}"
    return f"{label} (another figure in {where})"


def forecaster_label(label: str, a: AssertionView) -> str:
    """The label of a forecast set apart from a rival forecaster's figure of the same name.

    "Expected troops in Valdoria (forecast by unnamed officials)": the forecasts part ways
    because their speakers differ (`fact_splits.split_rival_forecasts`), so the speaker names
    the fact.
    """
    who = a.attributed_to or a.source_label or f"source {a.source_id}"
    return f"{label} (forecast by {who})"


def inline_label(label: str, quantity: str) -> str:
    """A label for use inside a sentence: "Casualties in Kursk" -> "casualties in Kursk"."""
    lowered = label[:1].lower() + label[1:]
    if lowered.startswith((quantity.lower(), "expected ")):
        return lowered
    return label


def round_significant(value: float, digits: int = 3) -> float:
    """Round to `digits` significant digits (0 and infinities unchanged)."""
    if value == 0 or math.isinf(value) or math.isnan(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def format_number(value: float, unit: str | None = None) -> str:
    """A figure as a journalist writes it: 12,000; 1.5 million; $4.9 billion; 12.5%."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        text = f"{_trim(value / 1e9)} billion"
    elif (magnitude >= 1e6 and value % 1e5 == 0) or magnitude >= 1e7:
        text = f"{_trim(value / 1e6)} million"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    if unit is None:
        return text
    if unit in _PREFIX_UNITS:
        sign = "-" if text.startswith("-") else ""
        return f"{sign}{_PREFIX_UNITS[unit]}{text.lstrip('-')}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {_UNIT_WORDS.get(unit, unit)}"


def _trim(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def describe_figure(a: AssertionView) -> str:
    """The figure as stated, in its own unit: "about 12,000", "between 1,500 and 10,000"."""
    text = describe_value(a)
    return f"{text} expected" if a.is_forecast else text


def describe_value(a: AssertionView) -> str:
    """The stated value alone, without the forecast marker."""
    if a.qualifier is Qualifier.RANGE and a.low is not None and a.high is not None:
        return f"between {format_number(a.low, a.unit)} and {format_number(a.high, a.unit)}"
    value = a.low if a.low is not None else a.high
    if value is None:
        return a.text
    if a.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN) and a.high is not None:
        value = a.high
    return f"{_QUALIFIER_WORDS.get(a.qualifier, '')}{format_number(value, a.unit)}"


def describe_interval(low: float | None, high: float | None, unit: str | None) -> str:
    """An interval of derived values: "600,000–715,000", "at least 1,500", "any value"."""
    lo = None if low is None or math.isinf(low) else round_significant(low)
    hi = None if high is None or math.isinf(high) else round_significant(high)
    if lo is not None and hi is not None:
        if lo == hi:
            return format_number(lo, unit)
        return f"{format_number(lo, unit)}–{format_number(hi, unit)}"
    if lo is not None:
        return f"at least {format_number(lo, unit)}"
    if hi is not None:
        return f"at most {format_number(hi, unit)}"
    return "any value"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@functools.lru_cache(maxsize=4096)  # a few bodies and quoted names, asked about per figure
def _words(text: str) -> frozenset[str]:
    cleaned = "".join(c if c.isalnum() else " " for c in text.lower().replace("'s ", " "))
    return frozenset(w for w in cleaned.split() if len(w) > 2 and w != "the")


def _same_body(body: str, person: str) -> bool:
    """True when the quoted name is the body itself or part of it ("the Red Crescent" in
    "a Red Crescent official", "Sheriff Office" against "Sheriff's Office")."""
    body_words, person_words = _words(body), _words(person)
    return bool(body_words) and len(body_words & person_words) * 2 >= len(body_words)


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words)


def who(a: AssertionView, name_of: NameOf) -> str:
    """Who a figure is attributed to, for a reader: "NATO's Mark Rutte", "the Pentagon"."""
    body = name_of(a.attributor) if a.attributor else None
    person = a.attributed_to.strip() if a.attributed_to else None
    if body and person:
        if _same_body(body, person):
            return person if len(person) >= len(body) and len(person.split()) <= 4 else body
        # A bare personal name gains its body ("NATO's Mark Rutte"); a description as the
        # article gives it ("Ukrainian intelligence", "a Ukrainian official") already says
        # whose it is; a long title ("deputy Pentagon press secretary ...") gives way to the body.
        if _looks_like_a_name(person):
            return f"{_possessive(body)} {person}"
        return person if len(person.split()) <= 4 else body
    if body or person:
        return body or person or ""
    where = a.source_label or f"source {a.source_id}"
    return f"an unattributed figure in {where}"


def speaker_name(a: AssertionView, name_of: NameOf) -> str:
    """The body behind a figure when known ("the Pentagon"), else `who`."""
    return name_of(a.attributor) if a.attributor else who(a, name_of)


def describe_with_tolerance(a: AssertionView, low: float, high: float) -> str:
    """The figure plus, for approximate figures, the interval it is read as."""
    text = describe_figure(a)
    if a.qualifier is Qualifier.APPROX:
        text = f"{text} ({describe_interval(low, high, a.unit)})"
    return text


def list_figures(items: Sequence[tuple[str, str]]) -> str:
    """Join (figure, who) pairs, folding repeats: "over 600,000 (Rutte, twice) and ..."."""
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    parts = []
    for (figure, speaker), count in counts.items():
        times = {1: "", 2: ", twice"}.get(count, f", {count} times")
        parts.append(f"{figure} ({speaker}{times})")
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def plural(count: int, word: str) -> str:
    """ "1 source", "3 sources"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
