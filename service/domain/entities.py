"""Finding entity mentions in article text: knowledge-base names plus entities the text defines.

`find_entities` first scans for every known alias (`KnowledgeBase.scan`), then reads the runs of
capitalised words left over to discover people, organisations and places the knowledge base lacks:
titles are stripped ("Secretary General Mark Rutte" is the person Mark Rutte), "Name (ACRONYM)"
definitions give one entity two names, and a later lone surname or possessive ("Rutte's") resolves
to the full name introduced earlier. Only word-level dictionary work is done, so it is fast.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import NamedTuple

import msgspec

from service.domain.knowledge import (
    TOKEN,
    KbMatch,
    KnowledgeBase,
    common_words,
    normalize_alias,
    normalize_word,
    tokenize,
)
from service.domain.model import Entity, EntityKind, EntityMention


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a capitalised run an organisation ("Moynihan Institute", "Labour Party").
ORG_WORDS = _words(
    """
    ministry council university agency party bank inc corp corporation company co ltd llc
    plc institute institution committee commission department office service services force
    forces army navy police court group association foundation organization organisation
    union federation fund authority administration bureau center centre hospital school
    college church times post news network airlines airways motors press board assembly
    parliament congress club guard guards brigade battalion command corps academy society
    trust holdings labs laboratory observatory program programme alliance coalition front
    movement directorate cabinet government regiment division fleet exchange reserve media
    magazine journal tribune herald gazette broadcasting television radio tv agency's
    council's federation's party's
    """
)
PLACE_WORDS = _words(
    """
    street avenue road river mountain mountains mount lake island islands province region
    county district valley bay sea ocean square bridge airport oblast city port peninsula
    strait gulf desert forest village town coast canal dam highway prefecture governorate
    beach harbor harbour plaza heights plain plains hills east west north south
    """
)
# Names of events and documents, which are not entities of any kind we keep.
EVENT_WORDS = _words(
    """
    war wars crisis conflict summit games cup olympics election elections act agreement
    treaty accord pact day week festival award awards prize championship conference forum
    operation offensive campaign protest protests fire fires wildfire storm hurricane
    typhoon cyclone earthquake quake flood floods
    """
)
# Words that open sentences and headlines but never start a name ("More News", "The").
OPENERS = _words(
    """
    the a an more most some many but however and or so yet this that these those it its his
    her their our we they he she i you in on at for from with by after before during while
    when where as if although though despite since until meanwhile also still now then here
    there why what who how all both each every no not other such only even just according
    last next earlier later about over under between among against into through without
    within will would can could should may might must do does did is are was were has have
    had be been one two three several few new read see watch click follow share subscribe
    related image photo video source credit updated posted published bottom top page
    """
)
# Titles and role words stripped from the front of a person's name.
TITLE_WORDS = _words(
    """
    president vice prime minister secretary general gen lt col colonel maj captain capt sgt
    sergeant admiral adm commander chief deputy press spokesperson spokesman spokeswoman
    senator sen rep representative gov governor mayor mr mrs ms dr prof professor king queen
    prince princess pope chancellor ambassador envoy judge justice attorney director
    chairman chairwoman chair ceo cfo founder leader head foreign defense defence interior
    finance health economy trade security national intelligence state former acting senior
    assistant associate executive officer official lawmaker congressman congresswoman mp
    lord lady sir dame sheikh emir premier opposition military commissioner inspector
    superintendent lieutenant marshal brigadier sheriff reporter correspondent editor
    economist activist pastor rev bishop archbishop rabbi imam cardinal ayatollah dean
    supreme top federal elect first
    """
)
REPORT_VERBS = _words(
    """
    said says told tells added adds wrote writes warned warns claimed claims stated
    """
)
DATE_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec today yesterday tomorrow
    """
)
CONNECTORS = _words(
    """
    of for and the de del la le al bin von van der du da y on
    """
)
PLACE_PREPOSITIONS = _words("in near at from outside across inside around")
PLACE_OPENERS = _words("mount lake place fort cape gulf isle rue camp")
_WORD_START = re.compile(r"(?<![\w'’.])[^\W_]")
_CAP_START = re.compile(r"(?<![\w'’.])[A-Z]")
_CONNECTOR_WORD = re.compile(r"\b(?:of|for|and|the|de|del|la|le|al|bin|von|van|der|du|da|y|on)\b")
_GENERIC_WORDS = ORG_WORDS | PLACE_WORDS | TITLE_WORDS | EVENT_WORDS
_DEFINITION = re.compile(r" ?\(([A-Z][A-Z0-9&]{1,9})\)")
SENTENCE_GAP = re.compile(r"[.!?:;\n\"“”(\[—–]")


class FoundMention(NamedTuple):
    """A mention plus how it was found (internal working form)."""

    start: int
    end: int
    key: str
    demonym: bool


class EntityFinding(msgspec.Struct, frozen=True, kw_only=True):
    """Entity mentions of one text and the entities discovered in it.

    `mentions` are sorted by start and never overlap. `demonym_keys` holds the indexes into
    `mentions` that are adjectival/demonym uses ("North Korean troops"). `discovered` are new
    entities named in the text, and known entities given a new alias by the text
    ("Main Intelligence Directorate (GUR)"): merge them with `KnowledgeBase.with_entities`.
    """

    mentions: list[EntityMention]
    discovered: list[Entity]
    demonym_indexes: tuple[int, ...] = ()

    def is_demonym(self, index: int) -> bool:
        """Whether mention `index` is an adjective or demonym use of a country."""
        return index in self.demonym_indexes


class _Segment(NamedTuple):
    tokens: list[tuple[int, int, str]]
    sentence_start: bool
    preceded_by: str
    followed_by: str
    titled: bool
    in_headline: bool
    # Country of a place name that opens an organisation's name ("Syracuse University").
    parent: str | None = None


def find_entities(text: str, kb: KnowledgeBase) -> EntityFinding:
    """Every entity mention in `text`: knowledge-base aliases first, then discovered names."""
    tokens = tokenize(text)
    matches = _drop_name_starts(text, kb.scan_tokens(text, tokens), kb)
    covered = {m.start: m for m in matches}
    segments, definitions = _segments(text, tokens, covered, kb)
    resolver = _Resolver(kb)
    for seg_tokens, kb_key in definitions:
        resolver.define(text, seg_tokens, kb_key)
    for segment in segments:
        resolver.register(text, segment)
    found: list[FoundMention] = [FoundMention(m.start, m.end, m.key, m.demonym) for m in matches]
    for segment in segments:
        found.extend(resolver.resolve(text, segment))
    found.sort(key=lambda f: (f.start, -f.end))
    mentions: list[EntityMention] = []
    demonyms: list[int] = []
    last_end = -1
    for f in found:
        if f.start < last_end:
            continue
        if f.demonym:
            demonyms.append(len(mentions))
        mentions.append(
            EntityMention(key=f.key, start=f.start, end=f.end, text=text[f.start : f.end])
        )
        last_end = f.end
    return EntityFinding(
        mentions=mentions, discovered=resolver.discovered(), demonym_indexes=tuple(demonyms)
    )


def _drop_name_starts(text: str, matches: list[KbMatch], kb: KnowledgeBase) -> list[KbMatch]:
    """Drop a one-word place match that is really a first name ("Israel Katz", "Chad Smith")."""
    if not matches:
        return matches
    common = common_words()
    out: list[KbMatch] = []
    starts = {m.start for m in matches}
    for m in matches:
        entity = kb.get(m.key)
        after = TOKEN.match(text, m.end + 1) if text[m.end : m.end + 1] == " " else None
        if (
            entity is not None
            and entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE)
            and not m.demonym
            and " " not in text[m.start : m.end]
            and after is not None
            and after.start() not in starts
            and after.group()[:1].isupper()
            and not after.group().isupper()
            and normalize_word(after.group()) not in common
            and normalize_word(after.group()) not in DATE_WORDS
        ):
            continue
        out.append(m)
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of Title Case lines (headlines, captions): names there are not trusted."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        words = len(_WORD_START.findall(line)) - len(_CONNECTOR_WORD.findall(line))
        if words >= 3 and len(_CAP_START.findall(line)) >= 0.75 * words:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _segments(
    text: str,
    tokens: list[tuple[int, int, str]],
    covered: dict[int, KbMatch],
    kb: KnowledgeBase,
) -> tuple[list[_Segment], list[tuple[list[tuple[int, int, str]], str | None]]]:
    """Runs of capitalised words outside knowledge-base matches, and acronym definitions."""
    headlines = _headline_lines(text)
    segments: list[_Segment] = []
    definitions: list[tuple[list[tuple[int, int, str]], str | None]] = []
    n = len(tokens)
    i = 0
    prev_kb: KbMatch | None = None
    while i < n:
        start, _, word = tokens[i]
        kb_match = covered.get(start)
        if kb_match is not None:
            _check_definition(text, tokens, i, kb_match.end, kb_match.key, definitions)
            prev_kb = kb_match
            first = i
            while i < n and tokens[i][0] < kb_match.end:
                i += 1
            in_headline = any(a <= start < b for a, b in headlines)
            org = _place_led_org(text, tokens, first, i, covered, kb, kb_match, in_headline)
            if org is not None:
                segments.append(org[0])
                i, prev_kb = org[1], None
            continue
        if not word[0].isupper() or word.lower() in DATE_WORDS:
            i += 1
            continue
        j = _run_end(text, tokens, i, covered)
        run = tokens[i : j + 1]
        before = text[tokens[i - 1][1] : start] if i else "\n"
        prev_word = tokens[i - 1][2].lower() if i else ""
        after_word = tokens[j + 1][2].lower() if j + 1 < n else ""
        titled = prev_kb is not None and prev_kb.end >= start - 1 and not prev_kb.demonym
        in_headline = any(a <= start < b for a, b in headlines)
        segments.append(
            _Segment(
                run,
                i == 0 or bool(SENTENCE_GAP.search(before)),
                prev_word,
                after_word,
                titled,
                in_headline,
            )
        )
        _check_definition(text, tokens, i, run[-1][1], None, definitions, run)
        prev_kb = None
        i = j + 1
    return segments, definitions


def _run_end(
    text: str, tokens: list[tuple[int, int, str]], i: int, covered: dict[int, KbMatch]
) -> int:
    """Index of the last token of the capitalised run starting at token `i`."""
    n = len(tokens)
    j = i
    while j + 1 < n:
        gap = text[tokens[j][1] : tokens[j + 1][0]]
        nxt = tokens[j + 1]
        if gap not in (" ", "-") or nxt[0] in covered:
            break
        if _is_cap(nxt[2]) and normalize_word(nxt[2]) not in DATE_WORDS:
            j += 1
            continue
        # Lowercase connectors stay inside a name only when a capital follows them.
        k = j + 1
        while k < n and k - j <= 2 and tokens[k][2].lower() in CONNECTORS:
            k += 1
        if k > j + 1 and k < n and _is_cap(tokens[k][2]) and tokens[k][0] not in covered:
            j = k
            continue
        break
    return j


def _place_led_org(
    text: str,
    tokens: list[tuple[int, int, str]],
    first: int,
    i: int,
    covered: dict[int, KbMatch],
    kb: KnowledgeBase,
    kb_match: KbMatch,
    in_headline: bool,
) -> tuple[_Segment, int] | None:
    """A known place opening an organisation's name ("Syracuse University", "Ukrainian Foreign
    Ministry"): the whole run is one organisation whose parent is that place's country."""
    if i >= len(tokens) or text[kb_match.end : tokens[i][0]] not in (" ", "'s ", "’s "):
        return None
    if not _is_cap(tokens[i][2]) or tokens[i][0] in covered:
        return None
    entity = kb.get(kb_match.key)
    if entity is None or entity.kind not in (EntityKind.COUNTRY, EntityKind.PLACE):
        return None
    j = _run_end(text, tokens, i, covered)
    if not any(normalize_word(t[2]) in ORG_WORDS for t in tokens[i : j + 1]):
        return None
    before = text[tokens[first - 1][1] : tokens[first][0]] if first else "\n"
    segment = _Segment(
        tokens[first : j + 1],
        first == 0 or bool(SENTENCE_GAP.search(before)),
        tokens[first - 1][2].lower() if first else "",
        tokens[j + 1][2].lower() if j + 1 < len(tokens) else "",
        False,
        in_headline,
        kb.country_of(kb_match.key) or kb_match.key,
    )
    return segment, j + 1


def _check_definition(
    text: str,
    tokens: list[tuple[int, int, str]],
    i: int,
    end: int,
    kb_key: str | None,
    definitions: list[tuple[list[tuple[int, int, str]], str | None]],
    run: list[tuple[int, int, str]] | None = None,
) -> None:
    """Record "Name (ACRONYM)" right after a name: the acronym names the same entity."""
    tail = text[end : end + 14]
    m = _DEFINITION.match(tail)
    if m is None:
        return
    acronym = m.group(1)
    acr_start = end + m.start(1)
    if run is not None:
        definitions.append(([*run, (acr_start, acr_start + len(acronym), acronym)], None))
    else:
        definitions.append(([(acr_start, acr_start + len(acronym), acronym)], kb_key))
    del tokens, i


class _Resolver:
    """Turns segments into discovered entities and mentions, linking repeated names."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.common = common_words()
        self.by_name: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self.surnames: dict[str, set[str]] = {}
        self.extra_aliases: dict[str, list[str]] = {}

    def discovered(self) -> list[Entity]:
        out = list(self.entities.values())
        for key, aliases in self.extra_aliases.items():
            entity = self.kb.get(key)
            if entity is not None:
                out.append(
                    Entity(
                        key=key,
                        name=entity.name,
                        kind=entity.kind,
                        aliases=tuple(aliases),
                        parent=entity.parent,
                    )
                )
        return out

    def define(self, text: str, run: list[tuple[int, int, str]], kb_key: str | None) -> None:
        acronym = run[-1][2]
        if kb_key is not None:
            if self.kb.target(normalize_alias(acronym)) is None:
                self.extra_aliases.setdefault(kb_key, []).append(acronym)
                self.by_name[normalize_alias(acronym)] = kb_key
            return
        name_tokens = self._strip(run[:-1], sentence_start=True)
        if len(name_tokens) < 2:
            return
        name = text[name_tokens[0][0] : name_tokens[-1][1]]
        known = self.kb.target(normalize_alias(acronym))
        if known is not None:
            self.by_name[normalize_alias(name)] = known.key
            self.extra_aliases.setdefault(known.key, []).append(name)
            return
        key = self._new(name, EntityKind.ORGANIZATION, (acronym,), None)
        self.by_name[normalize_alias(acronym)] = key

    def _strip(
        self, run: list[tuple[int, int, str]], *, sentence_start: bool
    ) -> list[tuple[int, int, str]]:
        tokens = list(run)
        while tokens and normalize_word(tokens[0][2]) in OPENERS:
            tokens = tokens[1:]
        if tokens and sentence_start and normalize_word(tokens[0][2]) in self.common:
            tokens = tokens[1:]
        while tokens and tokens[0][2].lower() in CONNECTORS:
            tokens = tokens[1:]
        while tokens and tokens[-1][2].lower() in CONNECTORS | REPORT_VERBS:
            tokens = tokens[:-1]
        return tokens

    def _shape(
        self, text: str, seg: _Segment
    ) -> tuple[list[tuple[int, int, str]], EntityKind | None]:
        """The name tokens of a segment and its kind (None when it is not a name)."""
        tokens = self._strip(seg.tokens, sentence_start=seg.sentence_start)
        if not tokens:
            return tokens, None
        words = [normalize_word(t[2]) for t in tokens]
        if seg.parent is None and all(w in self.common or w in TITLE_WORDS for w in words):
            return tokens, None
        if any(w in ORG_WORDS for w in words[1:]) or (len(words) > 1 and words[0] in ORG_WORDS):
            return tokens, EntityKind.ORGANIZATION
        # Everything up to the last title word is a role ("Chief Election Commissioner X").
        titled = seg.titled
        last_title = max((k for k, w in enumerate(words) if w in TITLE_WORDS), default=-1)
        if 0 <= last_title < len(tokens) - 1:
            tokens, words, titled = tokens[last_title + 1 :], words[last_title + 1 :], True
        while tokens and words[0] in CONNECTORS:
            tokens, words = tokens[1:], words[1:]
        if not tokens or all(w in self.common or w in TITLE_WORDS for w in words):
            return tokens, None
        if any(w in EVENT_WORDS for w in words) or any(
            t[2].isupper() and len(t[2]) > 1 for t in tokens
        ):
            return tokens, None
        if len(tokens) > 1 and all(text[x[1] : y[0]] == "-" for x, y in pairwise(tokens)):
            return tokens, None
        if words[-1] in PLACE_WORDS or words[0] in PLACE_OPENERS:
            return tokens, EntityKind.PLACE
        if titled or seg.followed_by in REPORT_VERBS:
            return tokens, EntityKind.PERSON
        if seg.preceded_by in PLACE_PREPOSITIONS and len(tokens) <= 3:
            return tokens, EntityKind.PLACE
        if words[-1] in self.common:
            # "Dow Jones Industrial Average", "White Helmets": not a person's surname.
            return tokens, EntityKind.ORGANIZATION if len(tokens) > 1 else None
        if 2 <= len(tokens) <= 4:
            return tokens, EntityKind.PERSON
        return tokens, None

    def register(self, text: str, seg: _Segment) -> None:
        """First pass: create entities for multi-word names so later short forms can link."""
        tokens, kind = self._shape(text, seg)
        if kind is None or len(tokens) < 2 or seg.in_headline:
            return
        name = _name_text(text, tokens)
        norm = normalize_alias(name)
        if norm in self.by_name:
            return
        if kind is EntityKind.PERSON:
            short = normalize_alias(f"{tokens[0][2]} {tokens[-1][2]}")
            existing = self.by_name.get(short)
            if existing is not None:
                self.by_name[norm] = existing
                return
        key = self._new(name, kind, (), seg.parent)
        if kind is EntityKind.PERSON:
            last = normalize_word(tokens[-1][2])
            self.surnames.setdefault(last, set()).add(key)
            if len(tokens) > 2:
                self.by_name.setdefault(normalize_alias(f"{tokens[0][2]} {tokens[-1][2]}"), key)

    def resolve(self, text: str, seg: _Segment) -> list[FoundMention]:
        """Second pass: the mention(s) of a segment, creating one-word entities on evidence."""
        tokens, kind = self._shape(text, seg)
        if not tokens:
            return []
        norm = normalize_alias(_name_text(text, tokens))
        key = self.by_name.get(norm)
        if key is None and len(tokens) == 1:
            owners = self.surnames.get(norm, set())
            if len(owners) == 1:
                key = next(iter(owners))
            elif (
                kind is not None
                and not seg.in_headline
                and norm not in self.common
                and norm not in _GENERIC_WORDS
            ):
                key = self._new(_name_text(text, tokens), kind, (), None)
        if key is None:
            return []
        end = tokens[-1][1]
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        return [FoundMention(tokens[0][0], end, key, False)]

    def _new(
        self, name: str, kind: EntityKind, aliases: tuple[str, ...], parent: str | None
    ) -> str:
        base = _slug(name)
        key, n = base, 2
        while (key in self.entities) or (self.kb.get(key) is not None):
            key = f"{base}-{kind.value}" if n == 2 else f"{base}-{n}"
            n += 1
        self.entities[key] = Entity(key=key, name=name, kind=kind, aliases=aliases, parent=parent)
        self.by_name[normalize_alias(name)] = key
        return key


def _name_text(text: str, tokens: list[tuple[int, int, str]]) -> str:
    name = text[tokens[0][0] : tokens[-1][1]]
    return name[:-2] if name.endswith(("'s", "’s")) else name


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", normalize_alias(name))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "entity"
