"""Discovering entities the knowledge base lacks from runs of capitalised words.

`entities.find_entities` cuts the text into `NameRun`s (capitalised words outside known names);
`NameResolver` decides what each run names: a person once titles are stripped ("Secretary
General Mark Rutte" -> Mark Rutte), an organisation (an organisation word such as Ministry,
University, Party), a place (a place word, or "in"/"near" before it), or nothing ("However",
"Image Source", headline words). Multi-word names are registered first, so a later lone surname,
possessive or first+last variant resolves to the full name introduced earlier.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import msgspec

from service.domain.events import leader_length
from service.domain.knowledge import (
    KnowledgeBase,
    common_words,
    normalize_alias,
    normalize_word,
)
from service.domain.model import Entity, EntityKind
from service.domain.name_kinds import (
    GENERIC_WORDS,
    NameRun,
    is_prefixed_name,
    joined_by_ampersand,
    kind_as_written,
    kind_of_name,
)
from service.domain.name_vocabulary import (
    COMPANY_WORDS,
    CONNECTORS,
    CORPORATE_SUFFIXES,
    OPENERS,
    PLACE_WORDS,
    REPORT_VERBS,
    Token,
    is_ordinary_word,
)

# Words a name run may not end with ("Kestrel said"); united once, not per run.
_TRAILING_NON_NAME = CONNECTORS | REPORT_VERBS

# "VELDHOVEN FALLS, Canada, May 12", "Piru, California": the larger place after a comma.
_PLACE_AFTER = re.compile(r",\s([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})")


class Definition(NamedTuple):
    """ "Name (ACRONYM)" or "ACRONYM (Name)": both name one entity."""

    name_tokens: list[Token]
    acronym: str
    # Knowledge-base key of the name when the name itself is a known alias.
    name_key: str | None
    # The name was found by its initials: take its words as they are.
    exact: bool = False
    parent: str | None = None


class Found(NamedTuple):
    start: int
    end: int
    key: str
    demonym: bool


class NameResolver:
    """Turns name runs into discovered entities and mentions, linking repeated names."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.common = common_words()
        self.by_name: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self.surnames: dict[str, set[str]] = {}
        self.extra_aliases: dict[str, list[str]] = {}
        # `shape` of each run, kept for the second pass unless it read `by_name` (which the
        # first pass changes): both passes shape every run.
        self._shapes: dict[int, tuple[NameRun, tuple[list[Token], EntityKind | None]]] = {}
        self._read_names = False
        # The country of the text's first known place, for the vessels and companies it names.
        self.home_country: str | None = None
        # First word of each company name "<word> <company words>" -> the company's keys.
        self.companies: dict[str, set[str]] = {}

    def discovered(self) -> list[Entity]:
        """New entities, then known entities with every alias, those this text gave included."""
        out = list(self.entities.values())
        for key, aliases in self.extra_aliases.items():
            entity = self.kb.get(key)
            if entity is not None:
                out.append(
                    Entity(
                        key=key,
                        name=entity.name,
                        kind=entity.kind,
                        aliases=tuple(dict.fromkeys((*entity.aliases, *aliases))),
                        parent=entity.parent,
                    )
                )
        return out

    def event_named(self, name: str) -> str | None:
        """The event of this text whose short name is `name` (normalised): "Milton"."""
        key = self.by_name.get(name)
        entity = self.entities.get(key) if key is not None else None
        return key if entity is not None and entity.kind is EntityKind.EVENT else None

    def discovered_events(self) -> list[Entity]:
        """The named events this text introduced."""
        return [e for e in self.entities.values() if e.kind is EntityKind.EVENT]

    def company_named(self, word: str) -> str | None:
        """The one company of this text whose name is `word` (normalised) followed by company
        words ("Harlow" for "Harlow Foods"), or None."""
        keys = self.companies.get(word, set())
        return next(iter(keys)) if len(keys) == 1 else None

    def person_named(self, surname: str) -> str | None:
        """The one person of this text whose last name is `surname` (normalised), or None."""
        owners = self.surnames.get(surname, set())
        return next(iter(owners)) if len(owners) == 1 else None

    def known_person(self, entity: Entity) -> None:
        """Let a lone surname resolve to a person the knowledge base matched ("Kim")."""
        words = normalize_alias(entity.name).split(" ")
        for word in {words[0], words[-1]}:
            self.surnames.setdefault(word, set()).add(entity.key)

    def define(self, text: str, definition: Definition) -> Found | None:
        """Record an acronym definition before any run is resolved; the name's mention."""
        acronym, acronym_norm = definition.acronym, normalize_alias(definition.acronym)
        known = self.kb.target(acronym_norm)
        known_key = known.key if known is not None else None
        name_tokens = definition.name_tokens
        if not definition.exact:
            name_tokens = self._strip(name_tokens, sentence_start=True)
        name = _name_text(text, name_tokens) if name_tokens else ""
        if definition.name_key is not None:
            if known_key is None:
                self.extra_aliases.setdefault(definition.name_key, []).append(acronym)
                self.by_name[acronym_norm] = definition.name_key
            return None
        if len(name_tokens) < 2 or any(w.isupper() and len(w) > 1 for _, _, w in name_tokens[1:]):
            return None
        mention = Found(name_tokens[0][0], name_tokens[0][0] + len(name), "", False)
        if known_key is not None:
            self.by_name[normalize_alias(name)] = known_key
            self.extra_aliases.setdefault(known_key, []).append(name)
            return mention._replace(key=known_key)
        key = self.by_name.get(normalize_alias(name))
        if key is None:
            words = [normalize_word(t[2]) for t in name_tokens]
            kind = EntityKind.PLACE if words[-1] in PLACE_WORDS else EntityKind.ORGANIZATION
            key = self._new(name, kind, (acronym,), definition.parent)
        self.by_name[acronym_norm] = key
        return mention._replace(key=key)

    def _strip(self, run: list[Token], *, sentence_start: bool) -> list[Token]:
        tokens = list(run)
        while tokens and normalize_word(tokens[0][2]) in OPENERS:
            tokens = tokens[1:]
        if (
            tokens
            and sentence_start
            and normalize_word(tokens[0][2]) in self.common
            and self._reads_names()
            and normalize_word(tokens[0][2]) not in self.by_name  # "Kestrel said" after its name
        ):
            tokens = tokens[1:]
        if (
            len(tokens) > 2
            and tokens[1][2] in ("of", "for")
            and normalize_word(tokens[0][2]) in self.common
            and normalize_word(tokens[0][2]) not in GENERIC_WORDS
        ):
            tokens = tokens[2:]  # "Shares of Brightwell", "Residents of Fillmore"
        while tokens and tokens[0][2].lower() in CONNECTORS:
            tokens = tokens[1:]
        while tokens and tokens[-1][2].lower() in _TRAILING_NON_NAME:
            tokens = tokens[:-1]
        return tokens

    def _reads_names(self) -> bool:
        self._read_names = True
        return True

    def shape(self, text: str, run: NameRun) -> tuple[list[Token], EntityKind | None]:
        """The name tokens of a run and its kind (None when it is not a name)."""
        cached = self._shapes.get(id(run))
        if cached is not None and cached[0] is run:
            return cached[1]
        self._read_names = False
        shaped = self._shape(text, run)
        if not self._read_names:
            self._shapes[id(run)] = (run, shaped)
        return shaped

    def _shape(self, text: str, run: NameRun) -> tuple[list[Token], EntityKind | None]:
        as_written = kind_as_written(text, run, self.common)
        if as_written is not None:
            return as_written
        tokens = self._strip(run.tokens, sentence_start=run.sentence_start)
        return kind_of_name(text, run, tokens, self.common)

    def register(self, text: str, run: NameRun) -> None:
        """First pass: create entities for multi-word names so later short forms can link."""
        tokens, kind = self.shape(text, run)
        if kind is None or len(tokens) < 2 or run.in_headline:
            return
        aliases: tuple[str, ...] = ()
        if kind is EntityKind.EVENT:
            # "Typhoon Tamaraw" is "Tamaraw" later on; "the Sespe Fire" has no short form.
            if leader_length(tokens):
                aliases = (_name_text(text, tokens[1:]),)
        elif (
            kind is EntityKind.ORGANIZATION and normalize_word(tokens[-1][2]) in CORPORATE_SUFFIXES
        ):
            aliases, tokens = (_name_text(text, tokens),), tokens[:-1]
        if kind is EntityKind.ORGANIZATION:
            aliases = (*aliases, *self._company_short_name(text, tokens))

        name = _name_text(text, tokens)
        norm = normalize_alias(name)
        if norm in self.by_name:
            for alias in aliases:
                self.by_name[normalize_alias(alias)] = self.by_name[norm]
            return
        short = normalize_alias(f"{tokens[0][2]} {tokens[-1][2]}")
        if kind is EntityKind.PERSON and short in self.by_name:
            self.by_name[norm] = self.by_name[short]
            return
        parent = run.parent
        if kind is EntityKind.ORGANIZATION and is_prefixed_name(
            tokens, [normalize_word(t[2]) for t in tokens]
        ):
            parent = self.home_country  # a vessel or company is in the story's country
        if kind is EntityKind.PLACE and parent is None:
            parent = self._place_after(text, tokens[-1][1])
        key = self._new(name, kind, aliases, parent)
        if (
            kind is EntityKind.ORGANIZATION
            and len(tokens) >= 2
            and (
                all(normalize_word(t[2]) in COMPANY_WORDS for t in tokens[1:])
                or joined_by_ampersand(text, tokens)
            )
        ):
            # "Harlow" after "Harlow Foods" is the company, even where a town has the name
            self.companies.setdefault(normalize_word(tokens[0][2]), set()).add(key)
        if kind is EntityKind.PERSON:
            self.surnames.setdefault(normalize_word(tokens[-1][2]), set()).add(key)
            self.by_name.setdefault(short, key)

    def _company_short_name(self, text: str, tokens: list[Token]) -> tuple[str, ...]:
        """ "Brightwell" for "Brightwell Semiconductor", "Kestrel" for "Kestrel Insurance
        Holdings", "Tallis" for "Tallis Oven & Hearth": a company's own word, when every word
        after it says what kind of company it is or the name is joined by "&" (capitalised
        later on, even an English word names it)."""
        if len(tokens) < 2 or not (
            all(normalize_word(t[2]) in COMPANY_WORDS for t in tokens[1:])
            or joined_by_ampersand(text, tokens)
        ):
            return ()
        first = tokens[0][2]
        norm = normalize_word(first)
        if (
            not first[:1].isupper()
            or first.isupper()
            or norm in OPENERS
            or norm in GENERIC_WORDS
            or self.kb.target(norm) is not None
        ):
            return ()
        return (first[:-2] if first.endswith(("'s", "’s")) else first,)

    def resolve(self, text: str, run: NameRun) -> Found | None:
        """Second pass: the mention of a run, creating one-word entities on evidence."""
        tokens, kind = self.shape(text, run)
        if not tokens:
            return None
        norm = normalize_alias(_name_text(text, tokens))
        key = self.by_name.get(norm)
        if key is None and len(tokens) == 1:
            key = self._single(text, run, tokens, norm, kind)
        if key is None:
            return None
        self._locate(key, text, tokens[-1][1])
        end = tokens[-1][1]
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        return Found(tokens[0][0], end, key, False)

    def _single(
        self, text: str, run: NameRun, tokens: list[Token], norm: str, kind: EntityKind | None
    ) -> str | None:
        """The entity of a one-word name: a surname met earlier, a known person, or new."""
        owners = self.surnames.get(norm, set())
        if len(owners) == 1:
            return next(iter(owners))
        if owners or is_ordinary_word(norm) or norm in GENERIC_WORDS:
            return None
        if kind in (EntityKind.PERSON, None):
            # A surname alone may name a well-known person the shipped base lists ("Kim").
            known = self.kb.person_by_surname(norm)
            if known is not None:
                return known
        if kind is None or run.in_headline:
            return None
        name = _name_text(text, tokens)
        if name.isupper() and kind is not EntityKind.ORGANIZATION:
            name = name.title()  # "FILLMORE" in a dateline; an acronym keeps its capitals
        parent = self._place_after(text, tokens[-1][1]) if kind is EntityKind.PLACE else None
        return self._new(name, kind, (), parent)

    def _locate(self, key: str, text: str, end: int) -> None:
        """Give a new place met without its country the one this mention states ("the town
        of Veldhoven Falls" first, "VELDHOVEN FALLS, Canada" in the dateline)."""
        entity = self.entities.get(key)
        if entity is None or entity.parent is not None or entity.kind is not EntityKind.PLACE:
            return
        parent = self._place_after(text, end)
        if parent is not None and parent != key:
            self.entities[key] = msgspec.structs.replace(entity, parent=parent)

    def _place_after(self, text: str, end: int) -> str | None:
        """The known country or region a comma sets right after a new place's name
        ("VELDHOVEN FALLS, Canada", "Piru, California"): where that place is."""
        m = _PLACE_AFTER.match(text, end)
        if m is None:
            return None
        words = m.group(1).split(" ")
        for n in range(len(words), 0, -1):
            entity = self.kb.lookup(" ".join(words[:n]))
            if entity is not None and entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE):
                return entity.key
        return None

    def _new(
        self, name: str, kind: EntityKind, aliases: tuple[str, ...], parent: str | None
    ) -> str:
        base = slug(name)
        key, n = base, 2
        while (key in self.entities) or (self.kb.get(key) is not None):
            key = f"{base}-{kind.value}" if n == 2 else f"{base}-{n}"
            n += 1
        self.entities[key] = Entity(key=key, name=name, kind=kind, aliases=aliases, parent=parent)
        for alias in (name, *aliases):
            self.by_name[normalize_alias(alias)] = key
        return key


def _name_text(text: str, tokens: list[Token]) -> str:
    name = text[tokens[0][0] : tokens[-1][1]]
    return name[:-2] if name.endswith(("'s", "’s")) else name


def slug(name: str) -> str:
    """The stable ASCII key of a discovered name ("Syracuse University's X" -> syracuse-...)."""
    folded = unicodedata.normalize("NFKD", normalize_alias(name))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "entity"
