"""Finding entity mentions in article text: knowledge-base names plus entities the text defines.

`find_entities` first scans for every known alias (`KnowledgeBase.scan_tokens`), drops a known
organisation's name inside a longer one ("Texas Department of State Health Services"), reads
descriptive references to public bodies ("Turkey's disaster agency", `agencies`), then cuts the
capitalised words left over into name runs for `discovery.NameResolver`, which finds people,
organisations, places and named events (`events`) the knowledge base lacks. "Name (ACRONYM)" and
"ACRONYM (Name)" definitions give one entity both names. Work is per word with dictionary
look-ups only.
"""

from __future__ import annotations

import bisect

import msgspec
from mypy_extensions import mypyc_attr

from service.domain.agencies import find_agencies
from service.domain.definitions import restates
from service.domain.discovery import Found, NameResolver
from service.domain.events import dated_events, event_references
from service.domain.knowledge import (
    KbMatch,
    KnowledgeBase,
    normalize_word,
    tokenize,
)
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.name_parts import drop_name_parts
from service.domain.name_runs import name_runs
from service.domain.name_vocabulary import (
    CONNECTORS,
    ORG_WORDS,
    Token,
)
from service.domain.story_country import placed_in_story_country


@mypyc_attr(native_class=False)
class EntityFinding(msgspec.Struct, frozen=True, kw_only=True):
    """Entity mentions of one text and the entities discovered in it.

    `mentions` are sorted by start and never overlap. `demonym_indexes` holds the indexes into
    `mentions` that are adjective or demonym uses of a country ("North Korean troops").
    `discovered` holds new entities named in the text and known entities the text gave a new
    alias ("Main Intelligence Directorate (GUR)"); merge them with `KnowledgeBase.with_entities`.
    """

    mentions: list[EntityMention]
    discovered: list[Entity]
    demonym_indexes: tuple[int, ...] = ()

    def is_demonym(self, index: int) -> bool:
        """Whether mention `index` is an adjective or demonym use of a country."""
        return index in self.demonym_indexes


def find_entities(text: str, kb: KnowledgeBase) -> EntityFinding:
    """Every entity mention in `text`: knowledge-base aliases first, then discovered names."""
    tokens = tokenize(text)
    matches, unsure = drop_name_parts(text, kb.scan_tokens(text, tokens), kb)
    matches = _drop_inner_names(text, tokens, matches, kb)
    agencies = find_agencies(text, tokens, matches, kb)
    if agencies.refs:
        # "Turkey's disaster agency" is one body, not the country: its span replaces the
        # country's match so name runs and definitions see one known name.
        spans = [(r.start, r.end) for r in agencies.refs]
        matches = sorted(
            [m for m in matches if not any(a < m.end and m.start < b for a, b in spans)]
            + [KbMatch(r.start, r.end, r.key, False) for r in agencies.refs]
        )
    covered = {m.start: m for m in matches}
    runs, definitions = name_runs(text, tokens, covered, unsure, kb)
    resolver = NameResolver(kb)
    resolver.home_country = next(
        (c for c in (kb.country_of(m.key) for m in matches if not m.demonym) if c is not None),
        None,
    )
    found: list[Found] = []
    for key in {m.key for m in matches}:
        entity = kb.get(key)
        if entity is not None and entity.kind is EntityKind.PERSON:
            resolver.known_person(entity)
    for definition in definitions:
        defined = resolver.define(text, definition)
        if defined is not None:
            found.append(defined)
    for run in runs:
        resolver.register(text, run)
    # A one-word place that is the surname of a person in this text is that person ("Bello").
    # "Milton" after "Hurricane Milton" is the storm, not the town.
    found.extend(
        f._replace(key=_local_name(resolver, normalize_word(text[f.start : f.end])) or f.key)
        if not f.demonym and " " not in text[f.start : f.end] and _is_place(kb, f.key)
        else f
        for f in (Found(m.start, m.end, m.key, m.demonym) for m in matches)
    )
    found.extend(f for f in (resolver.resolve(text, run) for run in runs) if f is not None)
    found.extend(Found(*e) for e in event_references(text, resolver.discovered_events()))
    dated, dated_entities = dated_events(text) if "the " in text else ([], [])
    found.extend(Found(*e) for e in dated)
    found.sort(key=lambda f: (f.start, -f.end))
    mentions: list[EntityMention] = []
    demonyms: list[int] = []
    last_end = -1
    for f in found:
        if f.start < last_end or (f.key in resolver.entities and restates(text, mentions, f)):
            continue
        if f.demonym:
            demonyms.append(len(mentions))
        mentions.append(
            EntityMention(key=f.key, start=f.start, end=f.end, text=text[f.start : f.end])
        )
        last_end = f.end
    return EntityFinding(
        mentions=mentions,
        discovered=[
            *_with_acronyms(agencies.created, resolver.extra_aliases),
            *dated_entities,
            *placed_in_story_country(resolver.discovered(), matches, kb),
        ],
        demonym_indexes=tuple(demonyms),
    )


def _drop_inner_names(
    text: str, tokens: list[Token], matches: list[KbMatch], kb: KnowledgeBase
) -> list[KbMatch]:
    """Drop a known organisation's name that is only part of a longer one.

    "Texas Department of State Health Services" is not the "Department of State": a multi-word
    known name followed by capitalised words that end in an organisation word belongs to the
    longer name, which discovery then reads as one organisation.
    """
    starts = {m.start for m in matches}
    out: list[KbMatch] = []
    for m in matches:
        if " " not in text[m.start : m.end] or text[m.end : m.end + 1] != " ":
            out.append(m)
            continue
        k = bisect.bisect_left(tokens, m.end + 1, key=lambda t: t[0])
        entity = kb.get(m.key)
        if (
            k >= len(tokens)
            or tokens[k][0] != m.end + 1
            or entity is None
            or entity.kind is not EntityKind.ORGANIZATION
        ):
            out.append(m)
            continue
        j = k
        while j < len(tokens) and j - k < 6 and tokens[j][0] not in starts:
            word = tokens[j][2]
            if not (word[0].isupper() or word in CONNECTORS):
                break
            j += 1
        tail = [normalize_word(t[2]) for t in tokens[k:j]]
        if tail and tail[-1] in ORG_WORDS and tokens[k][2][0].isupper():
            continue
        out.append(m)
    return out


def _with_acronyms(created: list[Entity], extra: dict[str, list[str]]) -> list[Entity]:
    """Bodies read from a description with the acronym the text defined for them."""
    return [
        msgspec.structs.replace(e, aliases=tuple(dict.fromkeys((*e.aliases, *extra[e.key]))))
        if e.key in extra
        else e
        for e in created
    ]


def _local_name(resolver: NameResolver, word: str) -> str | None:
    return resolver.person_named(word) or resolver.event_named(word) or resolver.company_named(word)


def _is_place(kb: KnowledgeBase, key: str) -> bool:
    entity = kb.get(key)
    return entity is not None and entity.kind is EntityKind.PLACE
