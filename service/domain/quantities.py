"""What a figure counts or measures: the normalised quantity vocabulary.

A figure is only comparable across articles when both name the same quantity, so the free
phrases of news prose ("soldiers", "servicemen", "killed or wounded", "death toll") are mapped
onto canonical names. `SYNONYM_TABLE` (`quantity_table`) is the documented contract for that
mapping (one canonical name -> the phrases that mean it, "|"-separated);
`QUANTITY_TABLE_VERSION` changes whenever a mapping changes meaning, so stored assertions can
be re-normalised.

`canonical_quantity` reads a phrase the same way for extraction and for gold files written in
natural language ("people killed in the 2023 earthquakes"):
1. trailing qualifiers are cut at a preposition ("in ...", "for ...", "to be ...");
2. an outcome word ("killed", "evacuated", "destroyed") names the quantity for people-like nouns
   ("600 soldiers killed" counts deaths, not troops; "killed or wounded" is casualties); for
   things it is appended ("homes destroyed"), so troops sent, troops killed, deaths and
   injuries, homes destroyed and people evacuated stay apart;
3. otherwise the longest known phrase (the rightmost on a tie) gives the name; an unknown noun
   is kept as written (its head word, lower case), so nothing is silently merged.

Decisions on what stays apart (each is a different fact a reader would check separately):
troops sent vs killed; deaths vs injuries vs missing vs trapped; homes destroyed vs damaged;
evacuated (ordered out, usually for a time) vs displaced (fled or lost their homes); arrests
vs prisoners; cases vs hospitalised vs vaccinated; damage (what was destroyed) vs losses (what
an owner lost) vs aid vs cost vs funding (a budget is funding). A change of a level is never
the level itself, and keeps the name of what changes (`change_of`): "<level> growth" or
"<level> decline" with the level's canonical name ("revenue rose 12%", "sales grew 12%" ->
revenue growth; "net profit rose 30%" -> profit growth; "wage growth" -> wages growth; "the
number of residents fell by 61,000" -> people decline), so changes of different measures of
one company or country never meet. A change of the economy (GDP, output), of a pay deal, of
prices, or of nothing named stays the bare "growth"/"decline".

Versions: 6 added employees ("employs 900 people"), protesters for people who marched, took
to the streets or took part (a crowd's size is its protesters), voters for people eligible to
vote, trapped, power outages ("households without power"), sheltered, evacuation warnings
(apart from orders: "evacuated"), value ("worth"), fines, fees, snowfall, efficacy; land
covers (forest, farmland) are territory; "bill" is no cost (mostly legislation in news); a
percentage of the vote is a vote share; a fatality rate is no count of deaths;
"captured"/"seized" name things taken ("territory captured"). 7 added water level (a river,
lake or reservoir measured in metres or feet is its level, not a distance), and change nouns
("share price fall", "a 12% pay rise") as growth/decline, the names extraction gives a change.
12 added sentence (a prison term: "four years in prison"), wages ("£180,000 a week", salary)
and harvest (a crop: harvests in tonnes are one quantity whichever word a report uses);
workers laid off or losing their jobs count jobs; fans and spectators are attendance; a
trailing "this season"/"next year" does not name the quantity.
13 added vehicles (cars, SUVs, trucks), crashes (accidents, collisions), ships (vessels),
properties as homes, strikers (workers said to walk out or join a strike), and action nouns
after a counted noun ("school closures" = schools closed, "flight cancellations" = flights
cancelled): each outlet's word for one count gives one name.
14 names a change for what changes ("revenue growth", "share price decline", "people
decline"; see above) instead of the bare growth/decline, and adds share price (stock price).
15 makes output production (a mine's, a field's or a country's "copper output" and "copper
production" are one measure; a bare or economic "output" change stays the economy's bare
growth/decline), adds the air quality index (AQI), reads a measure head as its modifier
("passenger numbers", "AQI readings"), ends a counted phrase at any preposition ("via",
"through", "amid") and reads plural change nouns ("price increases"); a good's price level
is "price" ("the average house price", "prices averaged"), never a count of the good, while
"price" before another noun ("price cap", "price target") leaves that noun to name it; "rate"
and "rates" are one name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.domain.quantity_outcomes import (
    ANIMALS,
    MORTAL_OUTCOMES,
    PEOPLE_OUTCOMES,
    PEOPLE_WORDS,
    THING_OUTCOMES,
)
from service.domain.quantity_table import SYNONYM_TABLE

__all__ = [
    "CHANGE_NAMES",
    "PEOPLE_OUTCOMES",
    "PEOPLE_QUANTITIES",
    "PEOPLE_WORDS",
    "QUANTITY_TABLE_VERSION",
    "SYNONYMS",
    "SYNONYM_TABLE",
    "THING_OUTCOMES",
    "action_participle",
    "canonical_quantity",
    "change_of",
    "is_change",
    "plural",
    "quantity_for",
]

QUANTITY_TABLE_VERSION = 18


def _word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


# Every phrase -> canonical name.
SYNONYMS: dict[str, str] = {
    phrase: canonical
    for canonical, phrases in SYNONYM_TABLE.items()
    for phrase in phrases.split("|")
}
for _canonical in SYNONYM_TABLE:
    SYNONYMS.setdefault(_canonical, _canonical)

# Canonical names counting people: an outcome applied to them names the quantity.
PEOPLE_QUANTITIES: frozenset[str] = frozenset(
    {"troops", "people", "protesters", "casualties", "prisoners", "hostages"}
)
_CASUALTY_PAIR = re.compile(
    r"\b(?:killed|dead)\s*(?:,|or|and|and/or)\s*(?:wounded|injured)\b"
    r"|\b(?:wounded|injured)\s*(?:,|or|and|and/or)\s*(?:killed|dead)\b"
)
# Where a descriptive phrase stops naming the quantity ("killed in the 2023 earthquakes").
_CUT_WORDS = _word_set(
    "in for during since on at per from by across after before to with over among within "
    "near inside outside under as that who whose which a this next until till via through "
    "into against amid amidst between toward towards than including despite throughout along "
    "beyond upon onto versus"
)
# Known phrases that start with a cut word, read before cutting.
_CUT_PHRASES = tuple(
    sorted(
        (p for p in SYNONYMS if " " in p and p.split(" ", 1)[0] in _CUT_WORDS),
        key=len,
        reverse=True,
    )
)
_DROP_WORDS = _word_set(
    "the number total estimated reported confirmed official new more additional some other further"
)
_IRREGULAR_PARTICIPLES = _word_set(
    "sent given taken held brought flown spent made paid seen found put set kept left won "
    "shot hit struck sold built cut lost stuck shut stolen laid withdrawn driven shown "
    "grown frozen broken"
)
# Nouns of an action done to counted things, with the participle that names the same count
# after the noun: "school closures" are "schools closed", "flight cancellations" are "flights
# cancelled" (a bare "closures" names no thing and stays as written).
_ACTION_NOUNS = {
    "closures": "closed",
    "closings": "closed",
    "cancellations": "cancelled",
    "diversions": "diverted",
    "shutdowns": "closed",
    "delays": "delayed",
}
# Head nouns that only say their modifier is counted or measured ("passenger numbers").
_MEASURE_HEADS = _word_set(
    "number numbers figure figures total totals tally count counts reading readings"
)
_SIBILANT_ENDS = ("ss", "us", "x", "z", "ch", "sh")
# British spellings of unknown nouns, so "design centres" and "design centers" are one
# quantity (known nouns list both spellings in the table).
_SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "theatres": "theaters",
    "programme": "program",
    "programmes": "programs",
    "litre": "liter",
    "litres": "liters",
}
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9/' -]+")


# Nouns of a company's results that participles modify ("operating profit").
_RESULT_NOUNS = frozenset(
    ["profit", "profits", "revenue", "revenues", "income", "earnings", "sales", "margin", "loss"]
)


# Pure, and asked for the same few hundred phrases by every figure of every article.
@lru_cache(maxsize=1 << 14)
def canonical_quantity(phrase: str) -> str:
    """Return the canonical quantity name for a natural phrase ("soldiers killed" -> "deaths").

    Used both by extraction and by gold files written in natural language, so the two are
    compared on the same vocabulary. Unknown phrases come back as their lower-case head noun.
    """
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", phrase.lower().replace("’", "'"))).strip()
    if not text:
        return ""
    if text in SYNONYMS:
        return SYNONYMS[text]
    if (changed := _change_before_measure(text.split(" "))) is not None:
        return changed  # "fall in copper production", "a 4% rise in sales"
    for cut_phrase in _CUT_PHRASES:
        if f" {cut_phrase}" in f" {text}":
            return SYNONYMS[cut_phrase]  # "residents under evacuation warnings"
    pair = _CASUALTY_PAIR.search(text)
    words = [w for w in text.split(" ") if w not in _DROP_WORDS and not w.isdigit()]
    while len(words) > 1 and words[0].endswith(("'", "'s")):
        words = words[1:]  # "analysts' expected revenue": whose estimate, not what is counted
    if words and words[0] == "of":
        words = words[1:]
    for i, word in enumerate(words[1:], start=1):
        if word in _CUT_WORDS and not (word == "of" or (word == "a" and i == 0)):
            words = words[:i]
            break
    words = [w for w in words if not (w.endswith("ly") and w not in SYNONYMS)]
    if len(words) > 1 and words[-1] in _MEASURE_HEADS and words[-2] not in _CUT_WORDS:
        # "passenger numbers", "AQI readings": the head only says the modifier is counted
        return canonical_quantity(" ".join(words[:-1]))
    if len(words) > 1 and words[-1] in _ACTION_NOUNS:
        # "school closures" -> "schools closed": the noun done to, read as a count of it
        return canonical_quantity(f"{plural(words[-2])} {_ACTION_NOUNS[words[-1]]}")
    outcome: str | None = "killed or wounded" if pair else None
    noun_words = words
    for i, word in enumerate(words):
        if word in PEOPLE_OUTCOMES or word in THING_OUTCOMES:
            if outcome is None:
                outcome = word
            if i > 0:
                noun_words = words[:i]
            break
        if (
            i > 0
            and word not in SYNONYMS
            and (word.endswith(("ing", "ed")) or word in _IRREGULAR_PARTICIPLES)
            and not (i + 1 < len(words) and words[i + 1] in _RESULT_NOUNS)
        ):  # "operating profit", "adjusted earnings": a participle before its noun stays
            noun_words = words[:i]  # "countries offering help", "staff deployed"
            break
    if outcome is None and (changed := _measure_before_change(noun_words)) is not None:
        return changed  # "net profit growth", "share price fall", "pay rise offered"
    noun = _known_noun(noun_words)
    rates = ("rate", "rates")
    if (noun is None or noun in rates) and len(noun_words) > 1 and noun_words[-1] in rates:
        kind = noun_words[-2]
        if kind.isalpha() and kind not in _CHANGE_MODIFIERS and kind not in _DROP_WORDS:
            return f"{kind} rate"  # "the pass rate", "the vacancy rate": rates of what
    if noun is None and noun_words and noun_words[-1] not in PEOPLE_OUTCOMES:
        noun = _SPELLINGS.get(noun_words[-1], noun_words[-1])  # "centres" = "centers"
        if noun + "s" in SYNONYMS:
            noun = noun + "s"  # "passenger numbers" -> passengers
    if noun is None or noun in PEOPLE_OUTCOMES or noun in THING_OUTCOMES:
        return quantity_for("people", outcome) if outcome else (noun or text)
    return quantity_for(noun, outcome)


CHANGE_NAMES: frozenset[str] = frozenset({"growth", "decline"})
_CHANGE_ENDS = (" growth", " decline")
# The whole economy: its change is the bare "growth"/"decline" (GDP growth, as "growth" alone
# means in a country's economic news; "output contracted 3%"). A pay rise too: a bargaining
# story names the rise bargained over "a 10% rise" as often as "a 12% pay rise", one figure.
_ECONOMY = _word_set("economy economic gdp output pay")
# Words before a change word that say how or when it changed, not what changed.
_CHANGE_MODIFIERS = _word_set(
    "a an annual annualised annualized quarterly monthly weekly yearly year-on-year "
    "month-on-month quarter-on-quarter year-over-year y/y q/q m/m strong weak sharp steep "
    "modest slight small big large huge record further organic real nominal overall total "
    "average first-half second-half full-year half-year percent per cent percentage point "
    "points basis double-digit single-digit underlying like-for-like expected forecast "
    "projected planned proposed closing intraday opening expect expects see sees forecasts "
    "predict predicts project projects estimate estimates report reports reported post posts "
    "posted said says say told noted announced showed shows"
)
# Prices: a change of them is read as before, the bare direction (whether a month's or a
# year's change, of consumer prices or of one good's, is not in the word; "price growth"
# itself stays inflation, as the table says).
_PRICES = frozenset({"price", "prices", "inflation"})


def is_change(quantity: str) -> bool:
    """Whether a canonical name is a change of a level ("growth", "revenue growth")."""
    return quantity in CHANGE_NAMES or quantity.endswith(_CHANGE_ENDS)


def change_of(measure: str, direction: str) -> str:
    """The name of a change (`direction` "growth" or "decline") of the level `measure` names:
    "net profit", "growth" -> "profit growth"; "wages" -> "wages growth". The change keeps
    the level's canonical name, so "sales rose 12%" and "revenue grew 12%" meet while revenue
    and profit growth stay apart; a change of the economy, of a change or of nothing named is
    the bare direction."""
    words = [w for w in measure.lower().split() if w not in _CHANGE_MODIFIERS and not w.isdigit()]
    if words and words[-1] in _PRICES and " ".join(words[-2:]) not in SYNONYMS:
        return direction  # "house prices rose 3%": a price, not the houses ("share price" is)
    if words and words[-1] == "output" and (len(words) == 1 or words[-2] in _ECONOMY):
        return direction  # "output contracted 3%": the economy's ("copper output" is production)
    name = canonical_quantity(" ".join(words)) if words else ""
    if not name or name in _ECONOMY or name in _PRICES or is_change(name):
        return direction
    if not name[:1].isalpha():
        return direction
    if name not in SYNONYMS and name.endswith("s") and not name.endswith(("ss", "us", "is")):
        name = name[:-1]  # "exports grew", "export growth": one measure, named singular
    return f"{name} {direction}"


def level_of(change: str) -> str | None:
    """The level a named change is of ("tourist growth" -> "tourists", "revenue decline" ->
    "revenue"), None for a bare direction or a name that is no change."""
    for end in _CHANGE_ENDS:
        if change.endswith(end):
            stem = change[: -len(end)]
            names = [canonical_quantity(c) for c in (stem, plural(stem))]
            fits = [n for n in names if n and change_of(n, end.strip()) == change]
            # a name the table knows ("people", "revenue") before a made plural ("tourists")
            known = [n for n in fits if n in SYNONYMS]
            chosen = known or fits[::-1]
            return chosen[0] if chosen else None
    return None


def _change_before_measure(words: list[str]) -> str | None:
    """ "(a sharp) fall in copper production", "growth in the soft wheat harvest": a change
    word opening the phrase, then "in"/"of" and the measure; None for any other phrase."""
    for i, word in enumerate(words[:4]):
        direction = SYNONYMS.get(word)
        if direction in CHANGE_NAMES and direction is not None:
            if i + 2 < len(words) and words[i + 1] in {"in", "of"}:
                return change_of(" ".join(words[i + 2 :]), direction)
            return None
        if word not in _CHANGE_MODIFIERS and word not in _DROP_WORDS and not word.isdigit():
            return None
    return None


def _measure_before_change(words: list[str]) -> str | None:
    """ "net profit growth", "share price fall", "month-on-month price rise": a change word
    closing the phrase, after what changed; None for any other phrase (a known two-word
    name such as "gdp growth" or "price growth" is read as the table says)."""
    if len(words) < 2:
        return None
    direction = SYNONYMS.get(words[-1])
    if direction is None and words[-1].endswith("s"):
        direction = SYNONYMS.get(words[-1][:-1])  # "price increases", "share price falls"
    if direction not in CHANGE_NAMES or direction is None:
        return None
    measure = [w for w in words[-4:-1] if w not in _CHANGE_MODIFIERS and not w.isdigit()]
    if len(measure) == 1 and f"{measure[0]} {words[-1]}" in SYNONYMS:
        return SYNONYMS[f"{measure[0]} {words[-1]}"]  # "annual gdp growth"
    return change_of(" ".join(measure), direction)


def action_participle(noun: str) -> str | None:
    """The participle naming the count an action noun makes ("closures" -> "closed"), or None."""
    return _ACTION_NOUNS.get(noun.lower())


def plural(noun: str) -> str:
    """The regular English plural of a noun used as a modifier ("school" -> "schools")."""
    if noun.endswith(_SIBILANT_ENDS):
        return noun + "es"  # "bus" -> "buses", "branch" -> "branches"
    if noun.endswith("s"):
        return noun  # already plural: "sales", "jobs"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def quantity_for(noun: str, outcome: str | None) -> str:
    """Combine a counted noun (canonical or raw) with an optional outcome word or phrase."""
    canonical = SYNONYMS.get(noun, noun)
    if outcome is None:
        return canonical
    if outcome == "without power":
        return "power outages"  # households, customers or people: one count of outages
    people = (
        canonical in PEOPLE_QUANTITIES
        or noun in PEOPLE_WORDS
        # an unknown noun said to be killed or hurt names people: "skiers", "cyclists"
        or (outcome in MORTAL_OUTCOMES and canonical not in SYNONYMS and canonical not in ANIMALS)
    )
    if _CASUALTY_PAIR.search(outcome):
        return "casualties" if people else canonical
    if people and outcome in PEOPLE_OUTCOMES:
        return PEOPLE_OUTCOMES[outcome]
    if not people and outcome in THING_OUTCOMES:
        return f"{canonical} {THING_OUTCOMES[outcome]}"
    return canonical


def _known_noun(words: list[str]) -> str | None:
    """The longest known phrase in `words`, the rightmost (the head) on a tie."""
    for size in (3, 2, 1):
        best: str | None = None
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i : i + size])
            if candidate in _PRICES and i + size < len(words):
                continue  # "price cap", "price target": a price modifying what is named
            if candidate in SYNONYMS and candidate not in PEOPLE_OUTCOMES:
                best = candidate
        if best is not None:
            return best
    return None
