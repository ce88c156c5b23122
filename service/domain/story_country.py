"""The country a text is about, and the places it names that the knowledge base lacks.

A village, a site or a district only this text names has no country of its own; read as one,
it would make a one-country story look like it spans two, and its figures would not meet the
same figures placed elsewhere in that country.
"""

from __future__ import annotations

import msgspec

from service.domain.knowledge import KbMatch, KnowledgeBase
from service.domain.model import Entity, EntityKind

_PLACE_KINDS = (EntityKind.COUNTRY, EntityKind.PLACE)


def story_country(matches: list[KbMatch], kb: KnowledgeBase) -> str | None:
    """The country that holds at least 60% (and two) of the text's known place names, or
    None when the text spans several countries."""
    counts: dict[str, int] = {}
    for m in matches:
        if m.demonym:
            continue
        entity = kb.get(m.key)
        if entity is None or entity.kind not in _PLACE_KINDS:
            continue
        country = kb.country_of(m.key)
        if country is not None:
            counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    country, n = max(counts.items(), key=lambda kv: kv[1])
    return country if n >= 2 and n >= 0.6 * sum(counts.values()) else None


def placed_in_story_country(
    discovered: list[Entity], matches: list[KbMatch], kb: KnowledgeBase
) -> list[Entity]:
    """A place the text names but the knowledge base lacks ("the Kwiatek colliery", a
    village) lies in the country the text is about: without it the place would count as a
    country of its own, and its figures would not meet the same figures placed elsewhere in
    that country."""
    country = story_country(matches, kb)
    if country is None:
        return discovered
    return [
        msgspec.structs.replace(e, parent=country)
        if e.kind is EntityKind.PLACE and e.parent is None
        else e
        for e in discovered
    ]
