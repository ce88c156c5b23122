"""Named events: "Typhoon Tamaraw", "Hurricane Maria", "the Sespe Fire", "Operation X".

Figures in disaster and conflict news belong to a named happening more than to any place.
`event_name` reads the name from a run of capitalised words: an event word opening it
("Typhoon", "Storm", "Operation", after "Super"/"Tropical") or closing it ("Fire", "Earthquake",
"Summit"). Discovery registers it with its short name as an alias ("Tamaraw"), and
`event_references` links "the fire" / "the storm" to the one named event of that kind in the
text. Word lists live in data/name_words.txt.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from service.domain.knowledge import name_word_lists, normalize_alias, normalize_word
from service.domain.model import Entity, EntityKind

Token = tuple[int, int, str]
_WORDS = name_word_lists()
EVENT_LEADERS = _WORDS["EVENT_LEADERS"]
EVENT_LEADER_MODIFIERS = _WORDS["EVENT_LEADER_MODIFIERS"]
EVENT_HEADS = _WORDS["EVENT_HEADS"]
_OPENERS = _WORDS["OPENERS"]
_NOT_IN_EVENT = _WORDS["ORG_WORDS"] | _WORDS["TITLE_WORDS"]


class EventMention(NamedTuple):
    start: int
    end: int
    key: str
    demonym: bool


def leader_length(tokens: list[Token]) -> int:
    """How many words open an event name as its kind ("Super Typhoon" = 2), else 0."""
    words = [normalize_word(t[2]) for t in tokens[:2]]
    if words and words[0] in EVENT_LEADERS:
        return 1
    if len(words) == 2 and words[0] in EVENT_LEADER_MODIFIERS and words[1] in EVENT_LEADERS:
        return 2
    return 0


def event_name(run: list[Token]) -> list[Token] | None:
    """The words of a named event in a run ("Typhoon Tamaraw", "Sespe Fire"), else None."""
    tokens = list(run)
    while tokens and normalize_word(tokens[0][2]) in _OPENERS:
        tokens = tokens[1:]
    if not 2 <= len(tokens) <= 5:
        return None
    lead = leader_length(tokens)
    if lead:
        rest = tokens[lead:]
        tokens = tokens[lead - 1 :]  # "Super Typhoon Haiyan" is Typhoon Haiyan
        if (
            1 <= len(rest) <= 3
            and all(t[2][0].isupper() or t[2][0].isdigit() for t in rest)
            and not any(normalize_word(t[2]) in _NOT_IN_EVENT for t in rest)
        ):
            return tokens
        return None
    words = [normalize_word(t[2]) for t in tokens]
    if words[-1] in EVENT_HEADS and not any(w in _NOT_IN_EVENT for w in words[:-1]):
        return tokens
    return None


# Common nouns that refer back to a named event of a kind ("the fire" = the Sespe Fire).
_EVENT_NOUNS = {
    "fire": ("fire", "blaze", "wildfire"),
    "wildfire": ("fire", "blaze", "wildfire"),
    "earthquake": ("earthquake", "quake"),
    "quake": ("earthquake", "quake"),
    "typhoon": ("typhoon", "storm"),
    "hurricane": ("hurricane", "storm"),
    "cyclone": ("cyclone", "storm"),
    "storm": ("storm",),
    "floods": ("floods", "flooding"),
    "flood": ("flood", "flooding"),
    "summit": ("summit",),
    "eruption": ("eruption",),
    "operation": ("operation",),
}


def event_references(text: str, events: list[Entity]) -> list[EventMention]:
    """ "the fire", "the storm": a reference to the one named event of that kind in the text."""
    by_noun: dict[str, set[str]] = {}
    for event in events:
        words = event.name.lower().split()
        kind_word = words[0] if words[0] in _EVENT_NOUNS and event.aliases else words[-1]
        for noun in _EVENT_NOUNS.get(kind_word, ()):
            by_noun.setdefault(noun, set()).add(event.key)
    found: list[EventMention] = []
    for noun, keys in by_noun.items():
        if len(keys) != 1:
            continue
        if f"he {noun}" not in text:
            continue  # every match holds it: most texts need no search
        key = next(iter(keys))
        for m in re.finditer(rf"\b[Tt]he {noun}\b(?![-\w])", text):
            found.append(EventMention(m.start() + 4, m.end(), key, False))
    return found


# "the 2023 Turkey-Syria earthquake", "the 2010 Haiti earthquake": a year and up to three
# capitalised words before a lowercase event noun. Bounded, no nested repetition.
_DATED_EVENT = re.compile(
    r"\b[Tt]he ((?:19|20)\d\d) ([A-Z][\w’'.]{1,30}(?:[ -][A-Z][\w’'.]{1,30}){0,2}) "
    r"(earthquake|quake|floods|flood|tsunami|eruption|wildfires|hurricane|typhoon|cyclone)\b"
)


def dated_events(text: str) -> tuple[list[EventMention], list[Entity]]:
    """Events named by year, place and kind ("the 2023 Turkey-Syria earthquake")."""
    mentions: list[EventMention] = []
    entities: dict[str, Entity] = {}
    if "he 19" not in text and "he 20" not in text:
        return mentions, []  # no "the <year>": spare the scan
    for m in _DATED_EVENT.finditer(text):
        name = f"{m.group(1)} {m.group(2)} {m.group(3)}"
        key = re.sub(r"[^a-z0-9]+", "-", normalize_alias(name)).strip("-")
        entities.setdefault(key, Entity(key=key, name=name, kind=EntityKind.EVENT))
        mentions.append(EventMention(m.start(1), m.end(), key, False))
    return mentions, list(entities.values())
