"""Companies a business story names: recognising them and how the story refers back to them.

Business copy names its company once in the lead, often by one word that reads like a surname
or a town ("Kellbrook said", "Halden, Norway's third-largest lender"), then calls it "the
company", "the retailer", "the lender". Entity discovery reads names from their own words; this
module adds the evidence business English gives around a name (its scans: `company_evidence`):
- a ticker right after it: "Kellbrook (NYSE: KLB)", "Halden Bank ASA (HALD.OL)";
- its shares: "shares of Kellbrook", "Kellbrook shares", "Kellbrook's stock";
- an appositive saying what kind of business it is: "Aerovia, the Portuguese airline,",
  "Halden, Norway's third-largest lender";
- the lone first word of a company named in full earlier ("Halden Bank ASA" ... "Halden").
Such a name becomes (or stays) an organisation; the exchange inside a ticker is nobody's
subject. `company_keys` tells which organisations of an article are companies, whose own
reports of their results are their own figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from service.domain.attribution import Attribution, Token
from service.domain.company_evidence import (
    COMPANY_TAIL,
    TICKER,
    company_evidence,
    holds_ticker,
    is_company_noun,
    trim_name,
)
from service.domain.discovery import slug
from service.domain.entities import EntityFinding
from service.domain.knowledge import KnowledgeBase, normalize_alias, normalize_word
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.name_vocabulary import (
    PLACE_PREPOSITIONS,
    is_ordinary_word,
)
from service.domain.source_words import word_set


def describes_company(tokens: Sequence[Token], name_end: int) -> bool:
    """Whether a name opening `tokens` only describes a company named by the noun after it:
    "the Portuguese airline", "Norway's third-largest lender", "the Oslo-based lender"."""
    for tok in tokens[1:4]:
        if tok.start < name_end:
            continue
        if is_company_noun(tok.lower):
            return True
        if not (tok.text[:1].islower() or tok.lower.startswith("-")) or tok.text == ",":
            return False
    return False


def names_product(tokens: Sequence[Token], name_end: int) -> bool:
    """Whether a company's name opening `tokens` is the maker of a product named with a model
    number ("the Airbus A320 was carrying", "a Boeing 737"): the product, not the maker, acts."""
    after = [t for t in tokens[1:4] if t.start >= name_end]
    if not after or after[0].start - name_end > 1:
        return False
    # tokenised "A", "320" or "737"
    model = after[0].text if any(c.isdigit() for c in after[0].text) else ""
    if not model and len(after) > 1 and after[0].text.isupper() and after[1].start == after[0].end:
        model = after[1].text
    return any(c.isdigit() for c in model)


def recognise_companies(text: str, finding: EntityFinding, kb: KnowledgeBase) -> EntityFinding:
    """`finding` with the companies business English marks (see the module docstring):
    discovered people or places named so become organisations, unnamed ones are added with
    every later mention, and an exchange inside a ticker is dropped."""
    discovered = {e.key: e for e in finding.discovered}
    mentions = list(finding.mentions)
    tickers = [(m.start(), m.end()) for m in TICKER.finditer(text)] if holds_ticker(text) else []
    if tickers:
        mentions = [m for m in mentions if not any(lo <= m.start < hi for lo, hi in tickers)]
    names: dict[str, str] = {}  # normalised name -> key
    surfaces: set[str] = set()  # the names as written, to find them again
    for entity in finding.discovered:
        short = _short_name(entity, kb)
        if short is not None and normalize_alias(short) not in names:
            names[normalize_alias(short)] = entity.key
            surfaces.add(short)
            if short not in entity.aliases:
                # other articles may name it so ("Halden said"): the alias links them
                discovered[entity.key] = Entity(
                    key=entity.key,
                    name=entity.name,
                    kind=entity.kind,
                    aliases=(*entity.aliases, short),
                    parent=entity.parent,
                )
    for lo, hi in company_evidence(text):
        span = trim_name(text, lo, hi)
        if span is None:
            continue
        name = text[span[0] : span[1]]
        norm = normalize_alias(name)
        if norm in names:
            continue  # a company's short name, linked below
        at = next((m for m in mentions if m.start <= span[0] < m.end), None)
        if at is not None:
            found = discovered.get(at.key)
            if found is not None and found.kind in _WEAK:
                discovered[at.key] = Entity(
                    key=found.key,
                    name=found.name,
                    kind=EntityKind.ORGANIZATION,
                    aliases=found.aliases,
                    parent=None,
                )
            continue
        if kb.target(norm) is not None or is_ordinary_word(norm):
            continue
        same = next((e for e in discovered.values() if normalize_alias(e.name) == norm), None)
        key = same.key if same is not None else _free_key(slug(name), discovered, kb)
        discovered[key] = Entity(
            key=key,
            name=name,
            kind=EntityKind.ORGANIZATION,
            aliases=same.aliases if same is not None else (),
        )
        names[norm] = key
        surfaces.add(name)
    if names:
        mentions = _link_names(text, mentions, names, surfaces, discovered)
    for key in _lone_companies(text, mentions, discovered):
        found = discovered[key]
        discovered[key] = Entity(
            key=found.key, name=found.name, kind=EntityKind.ORGANIZATION, aliases=found.aliases
        )
    changed = len(mentions) != len(finding.mentions) or any(
        discovered[e.key] is not e for e in finding.discovered
    )
    if not changed and len(discovered) == len(finding.discovered):
        return finding
    return EntityFinding(mentions=mentions, discovered=list(discovered.values()))


# (`\b` tested after the "T"/"t" is read, as in `NAME_FIRST`: the scan skips ahead to them)
_THE_NOUN = re.compile(r"[Tt](?<!\w.)he ([\w.-]+)(?: ([a-z][a-z-]+))?\b(?![’'-])")
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|Mr|Mrs|Ms|Dr)\b")


def _lone_companies(
    text: str, mentions: Sequence[EntityMention], discovered: Mapping[str, Entity]
) -> list[str]:
    """Discovered one-word "people" the next sentences call a company: "Ryanair said it
    would cancel 400 flights. The airline carried ..." (a person is introduced by a full
    name, and called he or she)."""
    out: list[str] = []
    for key, entity in discovered.items():
        if entity.kind is not EntityKind.PERSON or " " in entity.name:
            continue
        first = next((m for m in mentions if m.key == key), None)
        if first is None:
            continue
        window = text[first.end : first.end + 300]
        personal = _PERSONAL.search(window)
        for ref in _THE_NOUN.finditer(window):
            if personal is not None and personal.start() < ref.start():
                break
            if is_company_noun(ref.group(1)) or is_company_noun(ref.group(2) or ""):
                out.append(key)
                break
    return out


def _short_name(entity: Entity, kb: KnowledgeBase) -> str | None:
    """ "Halden" for a discovered "Halden Bank ASA": a company's own word, when the words
    after it say what kind of company it is."""
    if entity.kind is not EntityKind.ORGANIZATION:
        return None
    words = entity.name.split()
    # "Birchwood Kitchen & Bath": a name joined by "&" is a firm's, its first word its own
    if len(words) < 2 or not (
        "&" in words or all(normalize_word(w) in COMPANY_TAIL for w in words[1:])
    ):
        return None
    first = words[0]
    norm = normalize_word(first)
    if not first[:1].isupper() or first.isupper() or is_ordinary_word(norm):
        return None
    return first if kb.target(norm) is None or len(first) > 3 else None


def _link_names(
    text: str,
    mentions: list[EntityMention],
    names: Mapping[str, str],
    surfaces: Iterable[str],
    discovered: dict[str, Entity],
) -> list[EntityMention]:
    """Mentions for every capitalised occurrence of `names` not inside an organisation's
    mention; a discovered person or place of the same words gives way to the company."""
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(surfaces, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    out = list(mentions)
    for m in pattern.finditer(text):
        if not m.group(1)[:1].isupper():
            continue
        key = names[normalize_alias(m.group(1))]
        hit = [x for x in out if x.start < m.end() and m.start() < x.end]
        if any(
            x.key == key
            or x.key not in discovered  # a known name ("Halden" in "Halden Municipality")
            or (x.end - x.start > m.end() - m.start() and _kind(x.key, discovered) not in _WEAK)
            for x in hit
        ):
            continue  # or inside another organisation's name ("Halden Bank ASA")
        if (
            any(_kind(x.key, discovered) is EntityKind.PLACE for x in hit)
            and _after_preposition(text, m.start())
            and not _SHARES_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue  # "the mine near Bogdanka": the town the company is named after
        out = [x for x in out if x not in hit]
        out.append(EntityMention(key=key, start=m.start(), end=m.end(), text=m.group(1)))
    return sorted(out, key=lambda x: x.start)


_SHARES_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]take|[Ii]nvestors) (?:of|in) $")


def _after_preposition(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].split()
    return bool(words) and words[-1].lower() in PLACE_PREPOSITIONS


# Readings of a lone word that a company's name overrides.
_WEAK = (EntityKind.PERSON, EntityKind.PLACE)


def _kind(key: str, discovered: Mapping[str, Entity]) -> EntityKind | None:
    entity = discovered.get(key)
    return entity.kind if entity is not None else None


def _free_key(base: str, discovered: Mapping[str, Entity], kb: KnowledgeBase) -> str:
    key, n = base, 2
    while key in discovered or kb.get(key) is not None:
        key, n = f"{base}-{n}", n + 1
    return key


def company_keys(
    mentions: Sequence[EntityMention], entity_of: Callable[[str], Entity | None], text: str
) -> frozenset[str]:
    """Organisations of an article that are companies: a company word ends their name
    ("Marlowe Stores Inc", "Halden Bank ASA"), a ticker follows them, or their shares are
    traded in the text, or the next organisation reference after it is "the airline"."""
    marked = {(lo, hi) for lo, hi in company_evidence(text, weaker=False)}
    keys: set[str] = set()
    orgs = [m for m in mentions if _is_body(entity_of(m.key))]
    for k, m in enumerate(orgs):
        entity = entity_of(m.key)
        if m.key in keys or entity is None or entity.kind is not EntityKind.ORGANIZATION:
            continue
        words = entity.name.split()
        if (len(words) >= 2 and normalize_word(words[-1]) in COMPANY_TAIL) or any(
            lo <= m.start < hi or (m.start <= lo < m.end) for lo, hi in marked
        ):
            keys.add(m.key)
            continue
        if _PUBLIC_WORDS & set(entity.name.lower().split()):
            continue  # "the disaster management agency" is no company
        # "Ryanair said ... The airline carried": no other organisation named in between
        end = orgs[k + 1].start if k + 1 < len(orgs) else len(text)
        window = text[m.end : min(end, m.end + 300)]
        if any(
            is_company_noun(ref.group(1)) or is_company_noun(ref.group(2) or "")
            for ref in _THE_NOUN.finditer(window)
        ):
            keys.add(m.key)
    return frozenset(keys)


def _is_body(entity: Entity | None) -> bool:
    return entity is not None and entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)


# Words naming public bodies, unions and parties, never a company.
_PUBLIC_WORDS = word_set(
    """
    agency ministry department council union police authority commission committee office
    party federation confederation association institute university court army government
    """
)


def company_speaker(sources: Sequence[Attribution], companies: frozenset[str]) -> str | None:
    """The company a sentence's source speaks for ("Kellbrook said sales rose 4%", "a company
    spokesperson said"): a company reporting its results reports its own figures."""
    for source in reversed(sources):
        if source.attributor in companies:
            return source.attributor
    return None


# What analysts set for a company's stock ("lowered its target to $88"), never their own.
_COVERAGE = frozenset({"target", "price target", "rating"})


def covers_company(quantity: str) -> bool:
    """Whether a quantity is an analyst's view of a company's stock (a price target), which
    belongs to the company even when the brokerage is the clause's actor."""
    return quantity in _COVERAGE
