"""The evidence business English gives that a name is a company's (see `companies`).

A ticker right after a name, its shares, an officer's title, a kind of business before it
("chipmaker Nvidia") or in an appositive ("Aerovia, the Portuguese airline,"). Each pattern
is a whole-text scan; `scan` runs them once per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from service.domain.knowledge import normalize_word
from service.domain.name_vocabulary import COMPANY_WORDS, CORPORATE_SUFFIXES, is_ordinary_word
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


# Kinds of business a state body or public utility also is ("grid operator X").
_STATE_RUN_KINDS = word_set("operator utility producer supplier developer")

# Words after a company's own word that say what kind of company it is ("Halden Bank ASA").
COMPANY_TAIL = COMPANY_WORDS | CORPORATE_SUFFIXES | word_set("bank ab se stores")
_NAME = r"[A-Z][\w&’'.-]*(?: (?:&|[A-Z][\w&’'.-]*)){0,3}"
# `\b` + _NAME for patterns that open with a name: the first capital is read before the
# boundary test (a lookbehind), so the engine skips ahead to capitals at C speed instead of
# testing `\b` at every position (a third faster, same matches).
NAME_FIRST = r"[A-Z](?<!\w.)" + _NAME.removeprefix("[A-Z]")
_EXCHANGES = r"NYSE|NASDAQ|Nasdaq|LSE|LON|TSX|ASX|HKEX|SGX|NSE|BSE|JSE|Euronext|XETRA|OTC|AMEX"
# "(NYSE: KLB)", "(HALD.OL)", "(7203.T)"; a bare acronym "(INE)" is a definition, not a ticker
TICKER = re.compile(
    rf"\s?\((?:(?:{_EXCHANGES})\s?:\s?[A-Z0-9][A-Z0-9.]{{0,9}}|[A-Z0-9]{{1,6}}\.[A-Z]{{1,3}})\)"
)
_NAME_THEN_TICKER = re.compile(rf"({NAME_FIRST}){TICKER.pattern}")
# A ticker's bracketed part opens with "(", so a search for it skips ahead at C speed: most
# texts hold none and skip both ticker scans (each tries a name at every capital).
_TICKER_BRACKET = re.compile(TICKER.pattern.removeprefix(r"\s?"))
# Titles of a company's officers: "Aerovia chief executive Rui Matos"
_OFFICER_TITLES = (
    "chief executive",
    "CEO",
    "chief financial officer",
    "CFO",
    "chief operating officer",
    "finance director",
)
_NAME_OFFICER = re.compile(rf"({NAME_FIRST}) (?:{'|'.join(_OFFICER_TITLES)})\b")
# "chipmaker Nvidia", "budget airline Skyline", "hydro operator Ukrhydroenergo"
_KIND_THEN_NAME = re.compile(rf"\b([A-Za-z][a-z-]+) ({_NAME})")


def _behind_any(spellings: list[str]) -> str:
    """Lookbehinds for any of `spellings`, one per width (a lookbehind's width is fixed)."""
    by_width: dict[int, list[str]] = {}
    for spelling in spellings:
        by_width.setdefault(len(spelling), []).append(spelling)
    return "|".join(f"(?<={'|'.join(same)})" for _width, same in sorted(by_width.items()))


def _kind_hint_pattern() -> str:
    """A space after a word that may name a kind of business, before a capital.

    Only `_KIND_THEN_NAME` matches whose kind is such a word count. The pattern opens with a
    literal, so sre skips to each space at C speed; the words before it are lookbehinds
    spelled as plain words, so sre rejects each at its first letter, and filed under their
    last letter, so that after most spaces before a capital a test or two fail ("said
    Smith"). A word ending in another ("homebuilder", "carmaker") needs none of its own."""
    words = {noun for noun in COMPANY_NOUNS if noun != "group"} | {"maker"}  # never "group X"
    words = {w for w in words if not any(w != v and w.endswith(v) for v in words)}
    by_last: dict[str, list[str]] = {}
    for word in sorted(words):
        spellings = [word] if word == "maker" else [word, word.capitalize()]
        by_last.setdefault(word[-1], []).extend(f"{spelling} " for spelling in spellings)
    by_letter = "|".join(
        f"(?<={last} )(?:{_behind_any(spellings)})" for last, spellings in sorted(by_last.items())
    )
    return rf" (?=[A-Z])(?<=[{''.join(sorted(by_last))}] )(?:{by_letter})"


_KIND_HINT = re.compile(_kind_hint_pattern())
_SHARES_OF = re.compile(rf"\b[Ss]hares (?:of|in) ({_NAME})")
_NAME_SHARES = re.compile(rf"({NAME_FIRST})(?:['’]s)? (?:shares|stock)\b")
# "Aerovia, the Portuguese airline," / "Halden, Norway's third-largest lender by assets"
_APPOSITIVE = re.compile(rf"({NAME_FIRST}), (?:the|a|an|[A-Z][\w.]*['’]s) ([^,.;:()\n]{{1,60}})")
# The comma and article of an appositive: a search for them skips to each ", " at C speed.
_APPOSITIVE_COMMA = re.compile(r", (?:the|a|an|[A-Z][\w.]*['’]s) ")
# Words that end the noun phrase of an appositive ("lender by assets", "firm that makes").
_PHRASE_END = word_set("by of in on at for with that which who whose and or based")


class _Scan(NamedTuple):
    """Every match of the evidence patterns in one text, scanned once."""

    tickers: tuple[tuple[int, int], ...]
    shares_of: tuple[tuple[int, int], ...]
    name_shares: tuple[tuple[int, int], ...]
    officers: tuple[tuple[int, int], ...]
    # (start, kind, name start, name end), only where the kind names a business
    kind_then_name: tuple[tuple[int, str, int, int], ...]
    appositives: tuple[tuple[str, int, int], ...]  # (description, name start, name end)


def holds_ticker(text: str) -> bool:
    return "(" in text and _TICKER_BRACKET.search(text) is not None


def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(1), m.end(1)) for m in pattern.finditer(text))


# Characters `_KIND_THEN_NAME` never matches a space before: a match's only spaces open
# a name's next word ("&" or a capital).
_NAME_WORD_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ&")


def _kind_scan_start(text: str, kind_end: int, floor: int) -> int:
    """A position at or before the kind word ending at `kind_end` where no `_KIND_THEN_NAME`
    match begins before and ends after: after a space not opening a name's word, or `floor`."""
    at = kind_end - 1
    while at > floor and not (text[at - 1] == " " and text[at] not in _NAME_WORD_OPENERS):
        at -= 1
    return max(at, floor)


def _kinds_then_names(text: str) -> tuple[tuple[int, str, int, int], ...]:
    """The `_KIND_THEN_NAME` matches of a whole-text scan whose kind names a business, as
    (start, kind, name start, name end), without scanning the whole text.

    Matches do not overlap, so whether one starts at a kind word depends on the matches
    before it. Each hinted kind word is reached by scanning on from a point no match
    spans (usually the word itself), and the scan's matches are taken in turn until one
    passes the word; where scans leave off the matches are known, so the next starts there."""
    found: list[tuple[int, str, int, int]] = []
    known_to = 0
    for hint in _KIND_HINT.finditer(text):
        kind_end = hint.start()
        if kind_end < known_to:
            continue
        for m in _KIND_THEN_NAME.finditer(text, _kind_scan_start(text, kind_end, known_to)):
            known_to = m.end()
            kind = m.group(1)
            if is_company_noun(kind.lower()) and kind.lower() != "group":
                found.append((m.start(), kind, m.start(2), m.end(2)))
            if known_to > kind_end:
                break
    return tuple(found)


def _appositive_scan_start(text: str, comma: int, floor: int) -> int:
    """Where a name before `comma` may start, at the earliest: it holds three spaces at most."""
    at = comma
    for _ in range(4):
        at = text.rfind(" ", floor, at)
        if at < 0:
            return floor
    return at


def _appositives(text: str) -> tuple[tuple[str, int, int], ...]:
    """The matches of a whole-text `_APPOSITIVE` scan, as (description, name start, name end),
    found from their commas instead of trying a name at every capital.

    A match's only comma follows its name, so each match is the first to start, after the
    previous match, before the comma of an appositive; the search for it stops one
    character into the description (all a match needs there), then the match is read whole."""
    found: list[tuple[str, int, int]] = []
    known_to = 0
    for comma in _APPOSITIVE_COMMA.finditer(text):
        start = _appositive_scan_start(text, comma.start(), known_to)
        first = _APPOSITIVE.search(text, start, comma.end() + 1)
        if first is None:
            continue
        m = _APPOSITIVE.match(text, first.start())
        if m is not None:  # always: the whole text holds all the shorter search saw
            found.append((m.group(2), m.start(1), m.end(1)))
            known_to = m.end()
    return tuple(found)


@lru_cache(maxsize=4)
def scan(text: str) -> _Scan:
    """The evidence patterns' matches in `text`. Extraction asks twice per article (to find
    companies, then to tell which organisations are companies), and each whole-text scan
    costs more than the rest of this module, so the last few texts' scans are kept; a text
    lacking the words a pattern needs skips that pattern's scan."""
    return _Scan(
        tickers=_spans(_NAME_THEN_TICKER, text) if holds_ticker(text) else (),
        shares_of=_spans(_SHARES_OF, text) if "hares " in text else (),
        name_shares=_spans(_NAME_SHARES, text) if " shares" in text or " stock" in text else (),
        officers=_spans(_NAME_OFFICER, text) if any(w in text for w in _OFFICER_TITLES) else (),
        kind_then_name=_kinds_then_names(text),
        appositives=_appositives(text),
    )


def company_evidence(text: str, *, weaker: bool = True) -> Iterable[tuple[int, int]]:
    """Spans of names that business English marks as companies; with `weaker`, also names it
    only marks as organisations ("Aerovia chief executive Rui Matos", "hydro operator
    Ukrhydroenergo": a state utility or a public operator is no listed company)."""
    found = scan(text)
    yield from found.tickers
    yield from found.shares_of
    yield from found.name_shares
    if weaker:
        yield from found.officers
        for start, kind, lo, hi in found.kind_then_name:
            if kind[:1].isupper() and text[max(0, start - 2) : start].strip() not in (
                "",
                ".",
                "-",
            ):
                continue  # "Halden Bank ASA": a capitalised kind only opens a sentence
            if is_company_noun(kind.lower()) and kind.lower() != "group":
                yield lo, hi
    for _start, kind, lo, hi in found.kind_then_name:
        # "retailer Hollis & Reed", "chipmaker Nvidia": what only a company is
        if kind not in _STATE_RUN_KINDS and kind != "group" and is_company_noun(kind):
            yield lo, hi
    for description, lo, hi in found.appositives:
        head = ""
        for word in description.split()[:5]:
            if word in _PHRASE_END:
                break
            head = word
        if is_company_noun(head):
            yield lo, hi


def trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a matched span: no possessive, no sentence-opening function word."""
    name = text[start:end]
    if name.endswith(("'s", "’s")):
        end -= 2
    words = text[start:end].split(" ")
    while words and is_ordinary_word(normalize_word(words[0])):
        start += len(words[0]) + 1
        words = words[1:]
    return (start, end) if words and start < end else None
