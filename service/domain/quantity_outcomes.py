"""Outcome words: what happened to the counted people or things, as quantity names.

"300 people were evacuated" counts evacuations, "600 soldiers killed" deaths, "1,200 homes
destroyed" homes destroyed: `quantities.canonical_quantity` reads an outcome word with these
tables (people -> the outcome's own count; things -> the noun with the outcome appended).
"""

from __future__ import annotations


def _word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


# Raw nouns for people that the table keeps apart (they are not merged into "people").
PEOPLE_WORDS: frozenset[str] = _word_set(
    "men women officers police policemen workers journalists miners firefighters rescuers "
    "students staff personnel employees voters pilgrims tourists crew sailors survivors "
    "customers climbers hikers fishermen villagers colleagues coworkers relatives guards "
    "inmates nurses doctors teachers pupils"
)

# Outcome word -> quantity, for people ("300 people were evacuated" counts evacuations).
PEOPLE_OUTCOMES: dict[str, str] = {
    "killed": "deaths",
    "dead": "deaths",
    "died": "deaths",
    "perished": "deaths",
    "slain": "deaths",
    "executed": "deaths",
    "drowned": "deaths",
    "dismissed": "jobs",  # "2,400 workers would lose their jobs", "laid off 300 staff"
    "wounded": "injuries",
    "injured": "injuries",
    "hurt": "injuries",
    "hospitalised": "hospitalized",
    "hospitalized": "hospitalized",
    "missing": "missing",
    "evacuated": "evacuated",
    "displaced": "displaced",
    "fled": "displaced",
    "arrested": "arrests",
    "detained": "arrests",
    "jailed": "arrests",
    "rescued": "rescued",
    "trapped": "trapped",
    "infected": "cases",
    "vaccinated": "vaccinations",
    "captured": "prisoners",
    "kidnapped": "hostages",
    "employed": "employees",
    "warned": "evacuation warnings",
    "sheltered": "sheltered",
    "protested": "protesters",
    "voters": "voters",
    "abducted": "hostages",
    "striking": "strikers",  # "2,300 dockworkers walked off the job", "had joined the strike"
}

# Outcomes only a living thing can suffer: an unknown noun they are said of counts people
# unless it names animals ("four skiers were killed" counts deaths, like "four people").
MORTAL_OUTCOMES = frozenset(
    word
    for word, quantity in PEOPLE_OUTCOMES.items()
    if quantity in {"deaths", "injuries", "strikers"}
)
ANIMALS = _word_set(
    "animals livestock cattle cows sheep goats pigs horses dogs cats birds chickens poultry "
    "fish dolphins whales seals elephants camels donkeys deer bees"
)

# Outcome word -> suffix for things ("homes destroyed").
THING_OUTCOMES: dict[str, str] = {
    "destroyed": "destroyed",
    "damaged": "damaged",
    "flattened": "destroyed",
    "razed": "destroyed",
    "collapsed": "destroyed",  # a collapsed building is one destroyed
    "burned": "burned",
    "burnt": "burned",
    "flooded": "flooded",
    "intercepted": "intercepted",
    "captured": "captured",
    "seized": "seized",
    "sold": "sold",
    "built": "built",
    "lost": "lost",
    "created": "created",
    "added": "added",
    # what was done to flights, trains, schools or roads: each is its own count
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "grounded": "cancelled",  # "520 flights had been grounded" by a strike
    "delayed": "delayed",
    "diverted": "diverted",
    "closed": "closed",
    "shut": "closed",
}
