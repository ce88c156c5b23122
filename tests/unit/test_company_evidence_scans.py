"""The whole-text scans behind company evidence: their faster forms find exactly what the
plain forms find (a capital read before its word-boundary test, a ticker's bracket first)."""

from __future__ import annotations

import random
import re

import pytest

from service.domain import companies, company_evidence

_NAME = company_evidence._NAME
_TITLES = "|".join(company_evidence._OFFICER_TITLES)

# Capitals inside words ("McKinsey", "iPhone"), after an underscore, a digit, an apostrophe or
# an accented letter, at the very start, and names before each pattern's tail.
_TEXTS = [
    "Kellbrook (NYSE: KLB) fell. Shares of Halden Bank ASA (HALD.OL) rose.",
    "McKinsey chief executive Ana Roth said iPhone sales fell; x_Ab shares and 3M stock rose.",
    "Aerovia, the Portuguese airline, and O’Neill’s stock; éAb, the firm; l'Oreal shares",
    "Ab",
    "",
    "Marks & Spencer shares rose. Halden, Norway's third-largest lender by assets, said",
    "The airline said; bathe the U.S. chipmaker; xThe firm; Othe bank; the lender's; The",
]
_PLAIN = {
    "_NAME_THEN_TICKER": rf"\b({_NAME}){company_evidence.TICKER.pattern}",
    "_NAME_OFFICER": rf"\b({_NAME}) (?:{_TITLES})\b",
    "_NAME_SHARES": rf"\b({_NAME})(?:['’]s)? (?:shares|stock)\b",
    "_APPOSITIVE": rf"\b({_NAME}), (?:the|a|an|[A-Z][\w.]*['’]s) ([^,.;:()\n]{{1,60}})",
    "_THE_NOUN": r"\b[Tt]he ([\w.-]+)(?: ([a-z][a-z-]+))?\b(?![’'-])",
}


@pytest.mark.parametrize("name", sorted(_PLAIN))
def test_a_name_pattern_finds_what_its_word_boundary_form_finds(name: str) -> None:
    fast: re.Pattern[str] = getattr(company_evidence, name, None) or getattr(companies, name)
    plain = re.compile(_PLAIN[name])
    found = 0
    for text in _TEXTS:
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected
        found += len(expected)
    assert found  # the texts exercise the pattern


def test_only_a_text_holding_a_ticker_is_scanned_for_tickers() -> None:
    assert company_evidence.holds_ticker("Kellbrook (NYSE: KLB) fell")
    assert company_evidence.holds_ticker("Halden Bank (HALD.OL) rose")
    # a bare acronym is a definition, not a ticker; no bracket at all
    assert not company_evidence.holds_ticker("the statistics institute (INE) said")
    assert not company_evidence.holds_ticker("Kellbrook fell 3%")


# Matches that hide the next one ("the U.S.-chipmaker Nvidia", "Acme, the firm Halden
# Bank, the lender"), capitalised kinds inside runs of names, kinds glued to other words.
_HIDING = [
    "the U.S.-chipmaker Nvidia said; The Bank Lender Halden rose; the lender Bank Nvidia Co",
    "Acme, the firm Halden Bank, the lender by assets, said; Foo Bar Baz Qux Quux, a bank",
    "A B C D Chipmaker Nvidia; x-Bank Halden; subcompany Acme; BIGcompany Acme; Group Acme",
    "(chipmaker Nvidia), start-up Acme & Co, Carmaker Foo, toolmaker Bar, maker Baz",
]
_PIECES = [
    *["chipmaker", "bank", "Bank", "lender", "Lender", "group", "firm", "company", "start-up"],
    *["maker", "the", "The", "Acme", "U.S.", "U.S.'s", "Nvidia", "Halden", "&", "Co.", "x-Acme"],
    *["O'Neil", "\u00c9", "\u212a", "\u017f", "3M", "said", "by"],
    *[", the ", ", a ", ", an ", ", Norway's ", " ", "  ", "-", ". ", "; ", "\n", "(", ")"],
]


def _texts() -> list[str]:
    rng = random.Random(7)
    made = [
        "".join(rng.choice(_PIECES) + " " for _ in range(rng.randint(1, 16))) for _ in range(3000)
    ]
    return _TEXTS + _HIDING + made


def test_the_kind_scan_finds_what_a_whole_text_scan_finds() -> None:
    plain = company_evidence._KIND_THEN_NAME
    found = 0
    for text in _texts():
        expected = tuple(
            (m.start(), m.group(1), m.start(2), m.end(2))
            for m in plain.finditer(text)
            if company_evidence.is_company_noun(m.group(1).lower())
            and m.group(1).lower() != "group"
        )
        assert company_evidence._kinds_then_names(text) == expected, text
        found += len(expected)
    assert found


def test_the_appositive_scan_finds_what_a_whole_text_scan_finds() -> None:
    plain = company_evidence._APPOSITIVE
    found = 0
    for text in _texts():
        expected = tuple((m.group(2), m.start(1), m.end(1)) for m in plain.finditer(text))
        assert company_evidence._appositives(text) == expected, text
        found += len(expected)
    assert found
