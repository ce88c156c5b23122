"""Descriptive references to public bodies: "Turkey's disaster agency", "the Philippine coast
guard", "the country's health ministry", "the state fire agency".

News copy names a national body by its type and its country far more often than by its name.
`find_agencies` reads "<Country>'s <type>", "the <demonym> <type>", "<Country> <type>", "the
country's/state's <type>" and a bare "the <type>" (the country is then the one the text last
named). Each reference resolves to the knowledge-base body of that type for that country when
there is exactly one (AFAD for Turkey's disaster agency), else to a deterministic entity
("philippines-coast-guard", parent the country) so that every article naming the same body in
whatever words links to the same key. The type table is general: ministries, police, coast
guard, disaster agency, weather service, central bank, statistics office, electoral commission,
fire service, armed forces. One set look-up per word.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from service.domain.agency_types import AGENCY_TYPES
from service.domain.knowledge import (
    KbMatch,
    KnowledgeBase,
    WordTest,
    common_words,
    normalize_alias,
    normalize_word,
)
from service.domain.model import Entity, EntityKind
from service.domain.source_words import VERB, word_set

# Phrases in the normal form of `knowledge.normalize_word` ("prosecutor's" -> "prosecutor").
_PHRASE_TYPE = {
    " ".join(normalize_word(w) for w in p.split()): t
    for t, (_, phrases, _) in AGENCY_TYPES.items()
    for p in phrases
}
_FIRST_WORDS = frozenset(p.split(" ", 1)[0] for p in _PHRASE_TYPE)
# First words as written in text: found with one set look-up per token.
_FIRST_FORMS = _FIRST_WORDS | frozenset(w.capitalize() for w in _FIRST_WORDS)
_POSSESSIVE = frozenset({"'s", "’s"})
# Whether a token can open a type phrase, by word: the word sets never change.
_OPENS_PHRASE = WordTest(
    lambda word: (
        word in _FIRST_FORMS or (word[-2:] in _POSSESSIVE and normalize_word(word) in _FIRST_WORDS)
    )
)
_MAX_PHRASE_WORDS = max(len(p.split()) for p in _PHRASE_TYPE)
# Words between the country and the type that do not change the body ("Turkey's national
# disaster agency").
_FILLERS = frozenset(
    {"national", "federal", "main", "official", "government", "state-run", "central", "chief"}
)
# "the country's health ministry", "the state fire agency": the body of the place last named.
_COUNTRY_WORDS = frozenset({"country", "nation", "government", "territory", "enclave"})
_STATE_WORDS = frozenset({"state", "province", "provincial", "regional", "region"})
_CONTEXT_CHARS = 1500
# Bodies a city or a state runs as well as a country: "the police" in a city story are the
# city's police.
_LOCAL_TYPES = frozenset({"police", "fire-service"})
# Places below a state whatever their parent in the knowledge base ("Ventura County").
_LOCAL_UNITS = frozenset({"county", "district", "city", "municipality", "borough", "parish"})
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


Token = tuple[int, int, str]


class AgencyRef(NamedTuple):
    """One descriptive reference: its span and the entity it names."""

    start: int
    end: int
    key: str


class AgencyFinding(NamedTuple):
    refs: list[AgencyRef]
    created: list[Entity]


def _kb_bodies(kb: KnowledgeBase) -> dict[tuple[str, str], list[str]]:
    """(type, place key) -> knowledge-base organisations of that type inside that place.

    Built once per knowledge-base version (~50 ms): a base extended with learned entities
    keeps its version and reuses the shipped bodies.
    """
    cached = _BODY_CACHE.get(kb.version)
    if cached is not None:
        return cached
    out: dict[tuple[str, str], list[str]] = {}
    for entity in kb:
        if entity.kind is not EntityKind.ORGANIZATION or entity.parent is None:
            continue
        aliases = [normalize_alias(a).split() for a in (entity.name, *entity.aliases)]
        for type_key, (_, _, groups) in AGENCY_TYPES.items():
            if any(_names_type(type_key, g, words) for g in groups for words in aliases):
                out.setdefault((type_key, entity.parent), []).append(entity.key)
    if len(_BODY_CACHE) > 8:
        _BODY_CACHE.clear()
    _BODY_CACHE[kb.version] = out
    return out


_BODY_CACHE: dict[str, dict[tuple[str, str], list[str]]] = {}


# Types whose word must end a body's name: "Russian military intelligence" is no army.
_HEAD_TYPES = frozenset({"armed-forces", "police"})


def _names_type(type_key: str, group: tuple[str, ...], words: list[str]) -> bool:
    if not words or not all(w in words for w in group):
        return False
    return type_key not in _HEAD_TYPES or words[-1] == group[-1]


@cache
def agency_key(place_key: str, type_key: str) -> str:
    """The deterministic key of a body of `type_key` in `place_key` ("philippines-coast-guard")."""
    return f"{place_key}-{type_key}"


def _type_phrases(text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every agency-type phrase, longest at each start."""
    out: list[tuple[int, int, str]] = []
    last_end = -1
    n = len(tokens)
    for k in _OPENS_PHRASE.indexes(tokens):
        if tokens[k][0] < last_end:
            continue
        words = [normalize_word(tokens[k][2])]
        best: tuple[int, str] | None = None
        j = k
        while True:
            phrase = " ".join(words)
            if phrase in _PHRASE_TYPE:
                best = (j, phrase)
            if len(words) >= _MAX_PHRASE_WORDS or j + 1 >= n:
                break
            if text[tokens[j][1] : tokens[j + 1][0]] != " ":
                break
            j += 1
            words.append(normalize_word(tokens[j][2]))
        if best is None:
            continue
        end = tokens[best[0]][1]
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        out.append((tokens[k][0], end, best[1]))
        last_end = end
    return out


def find_agencies(
    text: str, tokens: list[Token], matches: list[KbMatch], kb: KnowledgeBase
) -> AgencyFinding:
    """Descriptive references to public bodies in `text` (its `knowledge.tokenize` tokens),
    given its knowledge-base matches.

    A reference overlapping an organisation the knowledge base already matched is left alone.
    """
    found_phrases = _type_phrases(text, tokens)
    if not found_phrases:
        return AgencyFinding([], [])
    by_end = {m.end: m for m in matches}
    starts = [m.start for m in matches]
    bodies = _kb_bodies(kb)
    refs: list[AgencyRef] = []
    created: dict[str, Entity] = {}
    # "The coast guard said" after "the Philippine coast guard": the body named before.
    named: dict[str, str] = {}
    provinces: tuple[str, ...] = ()
    for pos, end, phrase in found_phrases:
        at = bisect.bisect_right(starts, pos) - 1
        if at >= 0 and matches[at].end > pos:
            continue  # inside a known name ("Russian Defence Ministry")
        nxt = at + 1
        if nxt < len(matches) and matches[nxt].start < end:
            continue
        written = text[pos:end]
        if written[0].isupper() and written.split()[-1][0].islower():
            continue  # "Health officials", "Fire crews": a sentence opener
        if " " not in phrase and _modifies_noun(text, end):
            continue  # "Russian military casualties", "police officers": an adjective
        type_key = _PHRASE_TYPE[phrase]
        start, place = _owner(text, pos, type_key, by_end, matches, starts, kb)
        after = _owner_after(text, end, matches, starts, kb)
        if after is not None and (place is None or start == pos):
            # "The Central Bank of Kenya": the place named after the type owns the body,
            # whatever a bare "the" or the text's last place would say
            end, place = after
        province = _named_province(text, start, place, by_end)
        if province is not None:
            # "the Banten provincial disaster agency": a province the knowledge base lacks
            key = agency_key(slug_word(province.group(1)), type_key)
            provinces = (*provinces, key)
            named[type_key] = key
            created.setdefault(
                key,
                Entity(
                    key=key,
                    name=f"{province.group(1)} {AGENCY_TYPES[type_key][0]}",
                    kind=EntityKind.ORGANIZATION,
                    parent=kb.country_of(place) if place is not None else None,
                ),
            )
            refs.append(AgencyRef(province.start(), end, key))
            continue
        if named.get(type_key) in provinces and _is_state_word_at(text, start):
            refs.append(AgencyRef(start, end, named[type_key]))  # that province's body again
            continue
        if start == pos and type_key in named and _bare(text, pos):
            refs.append(AgencyRef(pos, end, named[type_key]))
            continue
        if place is None:
            continue
        key = _resolve(type_key, place, bodies, kb)
        named[type_key] = key
        if kb.get(key) is None and key not in created:
            owner = kb.get(place)
            created[key] = Entity(
                key=key,
                name=f"{owner.name if owner else place} {AGENCY_TYPES[type_key][0]}",
                kind=EntityKind.ORGANIZATION,
                parent=place,
            )
        refs.append(AgencyRef(start, end, key))
    return AgencyFinding(refs, list(created.values()))


_NAMED_PROVINCE = re.compile(r"([A-Z][a-z]+) $")


def _named_province(
    text: str, start: int, place: str | None, by_end: dict[int, KbMatch]
) -> re.Match[str] | None:
    """The capitalised name before a "provincial"/"state"/"regional" reference at `start`
    that no known place covers ("the Banten provincial ...")."""
    if place is None or not _is_state_word_at(text, start):
        return None
    m = _NAMED_PROVINCE.search(text, max(0, start - 30), start)
    if m is None or m.end() - 1 in by_end or m.end() in by_end:
        return None
    word = normalize_word(m.group(1))
    return None if word in _FILLERS or word in common_words() else m


def _is_state_word_at(text: str, start: int) -> bool:
    return text[start : start + 12].split(" ", 1)[0].lower() in _STATE_WORDS


def slug_word(word: str) -> str:
    """The key part of a one-word place name ("Banten" -> "banten")."""
    return normalize_word(word).replace("'", "")


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
# Lower-case words that may follow a body's name without making it an adjective.
_AFTER_BODY = word_set(
    """
    said says say told have has had is are was were will would could can may might must did
    does do and or but in on at to of for with by from that which who as also then still not
    never now later earlier
    """
)


def _modifies_noun(text: str, end: int) -> bool:
    """Whether a lower-case noun follows (the word is then an adjective), not a verb or a
    function word ("police said", "the army has")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return word not in _AFTER_BODY and not word.endswith("ed") and VERB.fullmatch(word) is None


def _bare(text: str, pos: int) -> bool:
    """Whether the type phrase at `pos` follows a plain "the" ("the coast guard")."""
    return text[max(0, pos - 4) : pos].lower() == "the "


def _resolve(
    type_key: str, place: str, bodies: dict[tuple[str, str], list[str]], kb: KnowledgeBase
) -> str:
    known = bodies.get((type_key, place), [])
    entity = kb.get(place)
    if not known and entity is not None and entity.kind is EntityKind.PLACE and entity.parent:
        # A state's body filed under its country: "California Department of Forestry and
        # Fire Protection" is the state fire agency of California.
        name = normalize_alias(entity.name)
        known = [
            key
            for key in bodies.get((type_key, entity.parent), [])
            if any(name in normalize_alias(a) for a in _names(kb, key))
        ]
    if len(known) == 1:
        return known[0]
    return agency_key(place, type_key)


def _names(kb: KnowledgeBase, key: str) -> tuple[str, ...]:
    entity = kb.get(key)
    return (entity.name, *entity.aliases) if entity is not None else ()


class _WordBefore(NamedTuple):
    """The word that the spaces before a position follow ("its" in "its fire service")."""

    start: int
    word: str  # ASCII letters only
    possessive: bool  # followed by "'s" ("Turkey's")


def _word_before(text: str, end: int) -> _WordBefore | None:
    """The word of ASCII letters, possessive or not, that the spaces before `end` follow,
    within the 40 characters before `end`.

    Read backwards from `end`: a regex search for the word would try every position of the
    40 characters and backtrack through each word there.
    """
    lo = max(0, end - 40)
    i = end
    while i > lo and text[i - 1].isspace():
        i -= 1
    if i in (end, lo) or text[i - 1] not in _ASCII_LETTERS:
        return None
    possessive = (
        text[i - 1] == "s" and i - 3 >= lo and text[i - 2] in "'’" and text[i - 3] in _ASCII_LETTERS
    )
    word_end = i - 2 if possessive else i
    start = word_end - 1
    while start > lo and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return _WordBefore(start, text[start:word_end], possessive)


def _owner(
    text: str,
    pos: int,
    type_key: str,
    by_end: dict[int, KbMatch],
    matches: list[KbMatch],
    starts: list[int],
    kb: KnowledgeBase,
) -> tuple[int, str | None]:
    """Start of the whole reference and the place key that owns the body (None: no owner)."""
    start = pos
    before = _word_before(text, pos)
    while before is not None and before.word.lower() in _FILLERS and not before.possessive:
        start = before.start
        before = _word_before(text, start)
    # "Turkey's disaster agency", "the Philippine coast guard", "Malawi Ministry of Health"
    gap_end = start
    while gap_end > 0 and text[gap_end - 1] == " ":
        gap_end -= 1
    for cut in (gap_end, gap_end - 2):
        m = by_end.get(cut)
        if m is not None and (cut == gap_end or text[cut:gap_end] in ("'s", "’s")):
            entity = kb.get(m.key)
            if entity is not None and entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE):
                return m.start, m.key
            return pos, None
    if before is None:
        return pos, None
    word = before.word.lower()
    if word in _COUNTRY_WORDS and before.possessive:
        return before.start, _last_place(matches, starts, start, kb, country=True)
    if word in _STATE_WORDS:
        named = by_end.get(before.start - 1)
        entity = kb.get(named.key) if named is not None else None
        if named is not None and entity is not None and entity.kind is EntityKind.PLACE:
            return named.start, named.key  # "the Banten provincial disaster agency"
        return before.start, _last_place(matches, starts, start, kb, country=False)
    if word == "the":
        local = type_key in _LOCAL_TYPES
        return pos, _last_place(matches, starts, start, kb, country=not local, local=local)
    return pos, None


def _owner_after(
    text: str, end: int, matches: list[KbMatch], starts: list[int], kb: KnowledgeBase
) -> tuple[int, str] | None:
    """(end of the reference, country) when "of <country>" follows the type phrase ending at
    `end` ("Central Bank of Kenya", "Ministry of Health of Ghana")."""
    if not text.startswith(" of ", end):
        return None
    at = bisect.bisect_left(starts, end + 4)
    if at >= len(matches) or matches[at].start != end + 4 or matches[at].demonym:
        return None
    entity = kb.get(matches[at].key)
    if entity is None or entity.kind is not EntityKind.COUNTRY:
        return None
    return matches[at].end, entity.key


def _last_place(
    matches: list[KbMatch],
    starts: list[int],
    pos: int,
    kb: KnowledgeBase,
    *,
    country: bool,
    local: bool = False,
) -> str | None:
    """The country (or first-level region, or with `local` any place) the text named last
    before `pos`."""
    at = bisect.bisect_left(starts, pos) - 1
    while at >= 0 and pos - matches[at].start <= _CONTEXT_CHARS:
        entity = kb.get(matches[at].key)
        if entity is not None:
            if local:
                if (
                    entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE)
                    and not matches[at].demonym
                ):
                    return entity.key
            elif country:
                owner = kb.country_of(entity.key)
                if owner is not None and entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE):
                    return owner
            elif (
                entity.kind is EntityKind.PLACE
                and entity.parent is not None
                and normalize_word(entity.name.rsplit(" ", 1)[-1]) not in _LOCAL_UNITS
            ):
                parent = kb.get(entity.parent)
                if parent is not None and parent.kind is EntityKind.COUNTRY:
                    return entity.key
        at -= 1
    return None
