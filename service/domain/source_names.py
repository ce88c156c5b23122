"""What a source phrase names: the name to show and the entity that speaks.

`resolve_phrase` reads the entity mentions inside a phrase that `source_phrases` delimited:
a person speaks for the body in their title, a body or a country for itself; a phrase
without a known entity is shown as written, unless it is only generic ("reports suggest").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_words import (
    DATA_ADJECTIVES,
    GENERIC_SOURCES,
    LEADING_NOISE,
    LOCATIVE,
    NAME_CONNECTORS,
    NP_WORDS,
    ORGANISATION_NOUNS,
    PRONOUNS,
    SPEAKER_NOUNS,
)


def resolve_phrase(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """(name, attributor, speaker_key, keys) for the source phrase `text[start:end]`."""
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    keys = tuple(dict.fromkeys(m.key for m in inside))
    phrase = text[start:end].strip()
    kinds = [(m, entities[m.key].kind if m.key in entities else None) for m in inside]
    persons = [m for m, kind in kinds if kind is EntityKind.PERSON]
    bodies = [m for m, kind in kinds if kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)]
    countries = [
        m
        for m, kind in kinds
        if kind in (EntityKind.COUNTRY, EntityKind.PLACE) and not _placed_by_preposition(text, m)
    ]
    if persons:
        person = persons[-1]
        name = entities[person.key].name if person.key in entities else person.text
        titles = [m for m in bodies if m.end <= person.start]
        attributor = titles[-1].key if titles else person.key
        return name, attributor, person.key, keys
    display = LEADING_NOISE.sub("", phrase).strip(" ,") or phrase
    person_name = _trailing_name(display)
    if bodies:
        if person_name is not None and bodies[-1].end <= start + phrase.rfind(person_name):
            # "Cal Fire battalion chief Aaron Metz": an unrecognised person with a title
            return person_name, bodies[-1].key, None, keys
        body = entities.get(bodies[-1].key)
        if body is not None:
            display = with_foreign_acronym(display, body)
        return display, bodies[-1].key, bodies[-1].key, keys
    if countries:
        if _describes_a_business(text[countries[-1].end : end]):
            # "the Lisbon-based carrier said": a company described by its place, not the place
            return display, None, None, keys
        return display, countries[-1].key, countries[-1].key, keys
    words = display.split()
    if not words or all(w.lower() in DATA_ADJECTIVES for w in words):
        return None, None, None, keys  # "up from a previous forecast of": no one named
    head = words[-1].lower()
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    owner = _owner_of_generic(display, head)
    if owner is not None:
        return owner, None, None, keys  # "the health ministry's figures show"
    if (head in GENERIC_SOURCES and not _names_a_body(words)) or (
        len(words) == 1 and head in PRONOUNS
    ):
        # "Reports suggest", "An analysis indicates", "official figures put", "we said"
        return None, None, None, keys
    if any(w.lower() in SPEAKER_NOUNS for w in words):
        return display, None, None, keys
    return display, None, None, keys


def with_foreign_acronym(display: str, body: Entity) -> str:
    """ "National Institute for Disaster Risk Management (INGD)" for "INGD" or for the English
    name alone: a body whose acronym does not spell its English name is shown by both, since
    either alone leaves the reader (or a later article using the other) unable to link them."""
    acronym = next((a for a in body.aliases if _foreign_acronym(a, body.name)), None)
    if acronym is None:
        return display
    bare = display.removeprefix("the ").removeprefix("The ")
    if bare == acronym or bare.endswith(body.name):
        return f"{bare if bare != acronym else body.name} ({acronym})"
    return display


def _foreign_acronym(alias: str, name: str) -> bool:
    """An all-capitals alias that is not the initials of `name`'s capitalised words, or a
    coined short name ("Senapred" for "National Service for Disaster Prevention and
    Response") that no word of the name begins with."""
    words = name.lower().split()
    if alias.istitle() and 5 <= len(alias) <= 12 and alias.isalpha() and len(words) >= 3:
        return not any(w.startswith(alias.lower()[:4]) for w in words)
    if not (2 <= len(alias) <= 10 and alias.isalpha() and alias.isupper()):
        return False
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return alias != initials and not initials.startswith(alias)


def _describes_a_business(after_place: str) -> bool:
    """Whether the words after a place in a source phrase make it a kind of business: "-based
    carrier", "-listed miner", " chipmaker"."""
    words = after_place.lstrip("-").split()
    if words and words[0].lower() in _PLACE_LINKS:
        words = words[1:]
    return 1 <= len(words) <= 2 and words[-1].lower() in ORGANISATION_NOUNS


def _names_a_body(words: list[str]) -> bool:
    """Whether the phrase ends in capitalised words joined by "for", "of" or "and": a body's
    name ("the Institute for Fiscal Studies", "analysts at the Bureau of Labor Statistics"),
    whatever its last word."""
    name: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() or word in NAME_CONNECTORS):
            break
        name.append(word)
    while name and name[-1] in NAME_CONNECTORS:
        name.pop()  # the name opens with a capital
    return len(name) >= 3 and any(w in NAME_CONNECTORS for w in name[1:-1])


def _placed_by_preposition(text: str, mention: EntityMention) -> bool:
    """A place after "in"/"at"/"near" inside a source phrase ("doctors in Jajpur") says where
    the speakers are; it does not speak."""
    before = text[max(0, mention.start - 8) : mention.start].lower().split()
    return bool(before) and before[-1] in LOCATIVE


def _owner_of_generic(display: str, head: str) -> str | None:
    """ "health ministry" for "health ministry's figures": a speaking body owning data."""
    if head not in GENERIC_SOURCES:
        return None
    for mark in ("'s ", "’s "):
        at = display.rfind(mark)
        if at > 0:
            owner = display[:at].strip()
            last = owner.split()[-1].lower() if owner.split() else ""
            if last in SPEAKER_NOUNS or last in NP_WORDS:
                return owner
    return None


def _trailing_name(display: str) -> str | None:
    """ "battalion chief Aaron Metz" -> "Aaron Metz": two or three capitalised words after a
    lower-case title word."""
    words = display.split()
    run = 0
    while run < len(words) and words[len(words) - 1 - run][:1].isupper():
        run += 1
    if 2 <= run <= 3 and run < len(words) and words[len(words) - 1 - run][:1].islower():
        return " ".join(words[len(words) - run :])
    return None


# Adverbs between a participle and its "by" ("published overnight by").

# What joins a place to the business it describes ("Lisbon-based", "London-listed").
_PLACE_LINKS = frozenset({"based", "listed", "headquartered", "registered"})
