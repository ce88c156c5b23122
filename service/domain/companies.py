"""Companies a business story names: recognising them and how the story refers back to them.

Business copy names its company once in the lead, often by one word that reads like a surname
or a town ("Kellbrook said", "Halden, Norway's third-largest lender"), then calls it "the
company", "the retailer", "the lender". Entity discovery reads names from their own words; this
module adds the evidence business English gives around a name:
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
from functools import lru_cache
from typing import NamedTuple

from service.domain.attribution import Attribution, Token
from service.domain.discovery import slug
from service.domain.entities import EntityFinding
from service.domain.knowledge import KnowledgeBase, normalize_alias, normalize_word
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.name_vocabulary import (
    COMPANY_WORDS,
    CORPORATE_SUFFIXES,
    PLACE_PREPOSITIONS,
    is_ordinary_word,
)
from service.domain.source_words import word_set

# Nouns by which business copy names a company's kind ("the retailer", "the U.S. chipmaker").
COMPANY_NOUNS = word_set(
    """
    company companies firm group retailer airline carrier lender bank insurer miner
    manufacturer conglomerate startup start-up chain grocer supermarket operator brewer
    producer supplier utility developer automaker carmaker chipmaker drugmaker
    provider biotech telecom telecoms pharma brokerage processor builder housebuilder
    homebuilder exporter distributor wholesaler
    """
)


def is_company_noun(word: str) -> bool:
    """Whether a lowercase word names a kind of business ("lender", "chipmaker")."""
    return word in COMPANY_NOUNS or (word.endswith("maker") and len(word) > 6)


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


# Kinds of business a state body or public utility also is ("grid operator X").
_STATE_RUN_KINDS = word_set("operator utility producer supplier developer")

# Words after a company's own word that say what kind of company it is ("Halden Bank ASA").
_COMPANY_TAIL = COMPANY_WORDS | CORPORATE_SUFFIXES | word_set("bank ab se stores")
_NAME = r"[A-Z][\w&’'.-]*(?: (?:&|[A-Z][\w&’'.-]*)){0,3}"
# `\b` + _NAME for patterns that open with a name: the first capital is read before the
# boundary test (a lookbehind), so the engine skips ahead to capitals at C speed instead of
# testing `\b` at every position (a third faster, same matches).
_NAME_FIRST = r"[A-Z](?<!\w.)" + _NAME.removeprefix("[A-Z]")
_EXCHANGES = r"NYSE|NASDAQ|Nasdaq|LSE|LON|TSX|ASX|HKEX|SGX|NSE|BSE|JSE|Euronext|XETRA|OTC|AMEX"
# "(NYSE: KLB)", "(HALD.OL)", "(7203.T)"; a bare acronym "(INE)" is a definition, not a ticker
_TICKER = re.compile(
    rf"\s?\((?:(?:{_EXCHANGES})\s?:\s?[A-Z0-9][A-Z0-9.]{{0,9}}|[A-Z0-9]{{1,6}}\.[A-Z]{{1,3}})\)"
)
_NAME_THEN_TICKER = re.compile(rf"({_NAME_FIRST}){_TICKER.pattern}")
# A ticker's bracketed part opens with "(", so a search for it skips ahead at C speed: most
# texts hold none and skip both ticker scans (each tries a name at every capital).
_TICKER_BRACKET = re.compile(_TICKER.pattern.removeprefix(r"\s?"))
# Titles of a company's officers: "Aerovia chief executive Rui Matos"
_OFFICER_TITLES = (
    "chief executive",
    "CEO",
    "chief financial officer",
    "CFO",
    "chief operating officer",
    "finance director",
)
_NAME_OFFICER = re.compile(rf"({_NAME_FIRST}) (?:{'|'.join(_OFFICER_TITLES)})\b")
# "chipmaker Nvidia", "budget airline Skyline", "hydro operator Ukrhydroenergo"
_KIND_THEN_NAME = re.compile(rf"\b([A-Za-z][a-z-]+) ({_NAME})")
_SHARES_OF = re.compile(rf"\b[Ss]hares (?:of|in) ({_NAME})")
_NAME_SHARES = re.compile(rf"({_NAME_FIRST})(?:['’]s)? (?:shares|stock)\b")
# "Aerovia, the Portuguese airline," / "Halden, Norway's third-largest lender by assets"
_APPOSITIVE = re.compile(rf"({_NAME_FIRST}), (?:the|a|an|[A-Z][\w.]*['’]s) ([^,.;:()\n]{{1,60}})")
# Words that end the noun phrase of an appositive ("lender by assets", "firm that makes").
_PHRASE_END = word_set("by of in on at for with that which who whose and or based")


class _Scan(NamedTuple):
    """Every match of the evidence patterns in one text, scanned once."""

    tickers: tuple[tuple[int, int], ...]
    shares_of: tuple[tuple[int, int], ...]
    name_shares: tuple[tuple[int, int], ...]
    officers: tuple[tuple[int, int], ...]
    kind_then_name: tuple[tuple[int, str, int, int], ...]  # (start, kind, name start, name end)
    appositives: tuple[tuple[str, int, int], ...]  # (description, name start, name end)


def _holds_ticker(text: str) -> bool:
    return "(" in text and _TICKER_BRACKET.search(text) is not None


def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(1), m.end(1)) for m in pattern.finditer(text))


@lru_cache(maxsize=4)
def _scan(text: str) -> _Scan:
    """The evidence patterns' matches in `text`. Extraction asks twice per article (to find
    companies, then to tell which organisations are companies), and each whole-text scan
    costs more than the rest of this module, so the last few texts' scans are kept; a text
    lacking the words a pattern needs skips that pattern's scan."""
    return _Scan(
        tickers=_spans(_NAME_THEN_TICKER, text) if _holds_ticker(text) else (),
        shares_of=_spans(_SHARES_OF, text) if "hares " in text else (),
        name_shares=_spans(_NAME_SHARES, text) if " shares" in text or " stock" in text else (),
        officers=_spans(_NAME_OFFICER, text) if any(w in text for w in _OFFICER_TITLES) else (),
        kind_then_name=tuple(
            (m.start(), m.group(1), m.start(2), m.end(2)) for m in _KIND_THEN_NAME.finditer(text)
        ),
        appositives=tuple((m.group(2), m.start(1), m.end(1)) for m in _APPOSITIVE.finditer(text)),
    )


def _evidence(text: str, *, weaker: bool = True) -> Iterable[tuple[int, int]]:
    """Spans of names that business English marks as companies; with `weaker`, also names it
    only marks as organisations ("Aerovia chief executive Rui Matos", "hydro operator
    Ukrhydroenergo": a state utility or a public operator is no listed company)."""
    scan = _scan(text)
    yield from scan.tickers
    yield from scan.shares_of
    yield from scan.name_shares
    if weaker:
        yield from scan.officers
        for start, kind, lo, hi in scan.kind_then_name:
            if kind[:1].isupper() and text[max(0, start - 2) : start].strip() not in (
                "",
                ".",
                "-",
            ):
                continue  # "Halden Bank ASA": a capitalised kind only opens a sentence
            if is_company_noun(kind.lower()) and kind.lower() != "group":
                yield lo, hi
    for _start, kind, lo, hi in scan.kind_then_name:
        # "retailer Hollis & Reed", "chipmaker Nvidia": what only a company is
        if kind not in _STATE_RUN_KINDS and kind != "group" and is_company_noun(kind):
            yield lo, hi
    for description, lo, hi in scan.appositives:
        head = ""
        for word in description.split()[:5]:
            if word in _PHRASE_END:
                break
            head = word
        if is_company_noun(head):
            yield lo, hi


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a matched span: no possessive, no sentence-opening function word."""
    name = text[start:end]
    if name.endswith(("'s", "’s")):
        end -= 2
    words = text[start:end].split(" ")
    while words and is_ordinary_word(normalize_word(words[0])):
        start += len(words[0]) + 1
        words = words[1:]
    return (start, end) if words and start < end else None


def recognise_companies(text: str, finding: EntityFinding, kb: KnowledgeBase) -> EntityFinding:
    """`finding` with the companies business English marks (see the module docstring):
    discovered people or places named so become organisations, unnamed ones are added with
    every later mention, and an exchange inside a ticker is dropped."""
    discovered = {e.key: e for e in finding.discovered}
    mentions = list(finding.mentions)
    tickers = [(m.start(), m.end()) for m in _TICKER.finditer(text)] if _holds_ticker(text) else []
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
    for lo, hi in _evidence(text):
        span = _trim(text, lo, hi)
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


# (`\b` tested after the "T"/"t" is read, as in `_NAME_FIRST`: the scan skips ahead to them)
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
        "&" in words or all(normalize_word(w) in _COMPANY_TAIL for w in words[1:])
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
    marked = {(lo, hi) for lo, hi in _evidence(text, weaker=False)}
    keys: set[str] = set()
    orgs = [m for m in mentions if _is_body(entity_of(m.key))]
    for k, m in enumerate(orgs):
        entity = entity_of(m.key)
        if m.key in keys or entity is None or entity.kind is not EntityKind.ORGANIZATION:
            continue
        words = entity.name.split()
        if (len(words) >= 2 and normalize_word(words[-1]) in _COMPANY_TAIL) or any(
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
