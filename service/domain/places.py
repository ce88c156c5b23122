"""Where a figure is: places governed by a locative preposition around it.

The most specific of a chain wins ("in Russia's Kursk region" -> Kursk); a distance is placed
where it is measured from ("50 miles from Los Angeles"); people who fled or were moved are
placed where they left ("fled from Rafah"); a fronted "In Gaza, ..." sets the scene for the
whole sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.model import EntityKind
from service.domain.sentence_context import SentenceContext, word_set

LOCATION_PREPS = frozenset(
    {"in", "to", "into", "at", "near", "inside", "across", "throughout", "within", "outside", "on"}
    # ("above"/"below" are left out: "below Wall Street expectations" compares)
    | {"beneath", "off", "around", "along", "beyond"}  # "off Lampedusa", "along the Rhine"
)
_PLACE_KINDS = (EntityKind.COUNTRY, EntityKind.PLACE)
# Verbs whose object is where the figure happens: "38,400 migrants have reached Italy",
# "the storm that hit Sofala", "people who fled Sudan" (counted where they left).
PLACE_VERBS = frozenset(
    {"reach", "reached", "reaches", "reaching", "hit", "hits", "hitting", "struck", "strikes"}
    | {"striking", "battered", "battering", "lashed", "lashing", "swept", "sweeping"}
    | {"ravaged", "pounded", "entered", "enters", "entering", "crossed", "fled", "fleeing"}
)
_HOMED = frozenset({"based", "headquartered", "registered", "listed"})
_DESTINATIONS = frozenset({"to", "into", "towards", "toward"})
# "south of the island", "40 km north-west of Van": the place a direction is taken from.
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west", "outskirts"}
)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "while", "whereas", "but", "—", "–"})


# Every word the loop of `places_after_preps` acts on other than a place near a preposition
# (a break's lowercase form is itself).
_MARKERS = LOCATION_PREPS | PLACE_VERBS | _DESTINATIONS | _CLAUSE_BREAKS | {"of", "from", ","}
MOVED = frozenset({"displaced", "evacuated", "rescued"})
# Heads of quantities of people and equipment sent to an event (not its troops): they are the
# responder's, placed only where the text places them.
RESPONDERS = word_set(
    """
    firefighters divers personnel staff rescuers engines boats aircraft hospitals
    ambulances vessels specialists volunteers medics
    """
)
VERB_STARTS = word_set("has have had was were is are will would could")
# Words of a speech event: a place right after them is where someone spoke.
SPEAKING = word_set(
    "speaking said says told telling addressing briefing reporters journalists conference "
    "interview statement"
)
# Nouns a place's name follows in apposition: "the capital, Marenburg", "the town, Piru".
PLACE_NOUNS = word_set("capital city town village province region state county district")


def fronted_place(ctx: SentenceContext) -> list[str]:
    """A place fronted before the sentence's first comma ("In Gaza, at least 40 people
    were killed"): it sets the scene for the whole sentence."""
    head = ctx.tokens[:8]
    if not head or head[0].lower not in LOCATION_PREPS:
        return []
    for k, tok in enumerate(head):
        if tok.text == ",":
            return places_after_preps(ctx, head[:k])
    return []


def most_specific(ctx: SentenceContext, keys: Sequence[str]) -> str | None:
    best: str | None = None
    for key in keys:
        if best is None or ctx.contains(best, key):
            best = key
    return best


def places_after_preps(
    ctx: SentenceContext, tokens: Sequence[Token], distance: bool = False
) -> list[str]:
    found: list[str] = []
    last_prep = -10
    for k, tok in enumerate(tokens):
        if k - last_prep > 4 and tok.lower not in _MARKERS:
            continue  # most words: no preposition, no break, and too far from a preposition
        if distance and tok.lower in _DESTINATIONS:
            # "2,100 residents were evacuated to a school in Ashcombe": people moved are
            # counted where they left, not where they were taken
            return found
        if (
            tok.lower in LOCATION_PREPS
            or tok.lower in PLACE_VERBS
            or (k == 0 and tok.lower == "of")
            or (distance and tok.lower in {"from", "of"})
            or (tok.lower == "of" and k > 0 and tokens[k - 1].lower in _DIRECTIONS)
        ):
            # "of" right after the counted noun: "3,000 residents of Piru"; a distance
            # "from"/"northwest of" a place
            last_prep = k
            if k > 0 and tokens[k - 1].lower in _HOMED:
                # "a hospital operator based in Columbus": where the body is, not the figure
                last_prep = -10
            if any(t.lower in SPEAKING for t in tokens[max(0, k - 3) : k]):
                # "Speaking to reporters in Geneva", "told a briefing in Kyiv": where the
                # words were said, not where the figure is
                last_prep = -10
            continue
        if tok.text == "," and k > 0 and tokens[k - 1].lower in PLACE_NOUNS:
            continue  # "in the capital, Marenburg": the name in apposition is the place
        if tok.lower == "from" or tok.text in _CLAUSE_BREAKS:
            last_prep = -10
            continue
        if k - last_prep > 4:
            continue  # too far from a preposition (tested before the mention look-up)
        m = ctx.mention_at(tok.start)
        if m is None or tok.start != m.start:
            continue
        if ctx.kind(m.key) in _PLACE_KINDS and m.key not in found:
            found.append(m.key)
            last_prep = k  # "in Russia's Kursk region": the chain continues
    return found
