"""Places a story refers back to by their kind: "the island", "the city", "the province".

Newswire names a place once ("the Italian island of Lampedusa", "the port city of Beira",
"Sofala province") and then calls it by its kind: "another 640 migrants landed on the
island", "residents fled the city". Each such reference is read as a mention of the place
named before it, so a figure placed "on the island" is placed where the island is.

A reference resolves to the latest earlier place introduced with the same kind word ("the
island of X", "X island"); failing that, a town-sized word ("island", "city", "town",
"village") resolves to the latest earlier place below country level. "The region" or "the
state" alone, never introduced, stays unread: it is too often a vague area.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from service.domain.model import Entity, EntityKind, EntityMention

# The kind words a place is introduced and referred back by.
_KINDS = "island|city|town|village|province|region|county|district|state"
# "the island", "the city's": the kind word alone, not "the city of Beira" (named right there)
# nor "the city council" (a body) nor "the island nation" (a country).
# The "T" is read before the word-boundary test (a lookbehind: no word character before it),
# so the engine skips ahead to each "T" or "t" at C speed instead of testing `\b` everywhere.
_REFERENCE = re.compile(
    rf"[Tt](?<!\w.)he ({_KINDS})"
    r"(?!['’]s\b)(?=[\s,.;:)])(?! (?:of|[A-Z]|council|hall|government|authorities|"
    r"nation|administration|police|mayor|governor|legislature|assembly|court|budget)\b)"
    rf"|[Tt](?<!\w.)he ({_KINDS})['’]s\b"
)
# What every reference holds right after its first letter: most texts hold none, and the
# first one found is where the scan for references may start (a literal first: C speed).
_REFERENCE_HINT = re.compile(rf"he (?:{_KINDS})")
# "Sofala province" (the kind after the name); "the port city of " (before it).
_KIND_AFTER = re.compile(rf"[\s]+({_KINDS})\b")
_KIND_OF_BEFORE = re.compile(rf"\b({_KINDS}) of\s+$")
# Kinds a reference may take without an introduction naming them.
_TOWN_SIZED = frozenset({"island", "city", "town", "village"})
# How far back a kind word may sit from the name it introduces ("the Italian island of ").
_INTRO_BEFORE = 30


def _references(text: str) -> list[re.Match[str]]:
    """Every `_REFERENCE` match of `text`, scanned for from where the first may start."""
    first = _REFERENCE_HINT.search(text)
    return list(_REFERENCE.finditer(text, max(0, first.start() - 1))) if first else []


def _introduced_as(text: str, mention: EntityMention) -> str | None:
    """The kind word a place's mention is introduced with: "the island of Lampedusa",
    "the port city of Beira", "Sofala province", "the Antofagasta region"."""
    after = _KIND_AFTER.match(text[mention.end : mention.end + 14])
    if after is not None:
        return after.group(1)
    before = _KIND_OF_BEFORE.search(text[max(0, mention.start - _INTRO_BEFORE) : mention.start])
    return before.group(1) if before is not None else None


def place_references(
    text: str,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
    skip: Sequence[tuple[int, int]] = (),
) -> list[EntityMention]:
    """A mention of the place each "the island"/"the city"/"the province" of `text` refers
    back to (sorted `mentions` are the article's; those inside `skip`, its datelines, do
    not introduce places)."""
    refs = _references(text)
    if not refs:
        return []
    places: list[tuple[EntityMention, str | None]] = []
    for m in mentions:
        entity = entities.get(m.key)
        if entity is None or entity.kind is not EntityKind.PLACE:
            continue
        if any(lo <= m.start < hi for lo, hi in skip):
            continue
        places.append((m, _introduced_as(text, m)))
    if not places:
        return []
    out: list[EntityMention] = []
    for ref in refs:
        word = ref.group(1) or ref.group(2)
        earlier = [(m, kind) for m, kind in places if m.end <= ref.start()]
        if not earlier:
            continue
        named = [m for m, kind in earlier if kind == word]
        if named:
            target = named[-1]
        elif word in _TOWN_SIZED:
            target = earlier[-1][0]
        else:
            continue
        end = ref.start() + 4 + len(word)
        out.append(
            EntityMention(key=target.key, start=ref.start(), end=end, text=text[ref.start() : end])
        )
    return out
