"""`number_scan._candidates` finds exactly what one plain regex would.

The scanner splits the candidate regex in two (digits, number words) and reads the first
character before the lookbehinds so that the regex engine can skip ahead at C speed. The plain
form below is the single regex it replaces: both must yield the same candidates, in the same
order, on real articles and on generated strings full of edge cases.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from service.domain import number_scan

_PLAIN_DIGITS = (
    r"\d{0,6}[" + number_scan._FRACTION_CHARS + r"]"
    r"|\d{1,2}/\d{1,4}(?![\d/])"
    r"|\d{1,3}(?:\.\d+)?[eE][-+]?\d{1,3}(?![\w.])"
    r"|(?:\d{1,2}(?:,\d\d){1,4},\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
    r"|\.\d+"
)
_PLAIN = re.compile(
    r"(?:(?<![\w./^])|(?<=\b[RNP])|(?<=\b(?:Rs|Rp|Tk|Sh|kr))|(?<=\b[KUT]Sh))(?P<num>"
    + _PLAIN_DIGITS
    + r")|(?<![A-Za-z])(?:(?P<vague>"
    + number_scan._VAGUE
    + r")|(?P<run>"
    + number_scan._RUN
    + r"))"
)
_PIECES = (
    "1", "7", "0", "12", "1,200", "1,20,000", "12,34,567", "3.5", ".5", "½", "2½", "3/4",
    "24/7", "1.5e6", "2 000", "R", "N", "P", "Rs", "KSh", "Tk", "kr", "F", "U.S.", "a", "an",
    "A", "one", "Two", "twenty", "hundred", "thousand", "million", "half", "quarter", "dozens",
    "several", "a few", "hundreds of thousands", "scores of", "tens", " ", " ", "-", ".", ",",
    "/", "^", "\n", "'", "’", "\u00a0", "x", "the", "and", "of", "seven", "e", "+", "$", "(",
)  # fmt: skip
_ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _PLAIN.finditer(text):
        kind = next(k for k in ("num", "vague", "run") if m.start(k) >= 0)
        out.append((kind, m.start(kind), m.end(kind)))
    return out


def _scanned(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in number_scan._candidates(text):
        if m.re is number_scan._DIGIT_CANDIDATE:
            out.append(("num", m.start(), m.end()))
        else:
            kind = "vague" if m.start("vague") >= 0 else "run"
            out.append((kind, m.start(kind), m.end(kind)))
    return out


@pytest.mark.parametrize(
    "path", sorted((_ROOT / "tests" / "corpus").rglob("*.md")), ids=lambda p: p.name
)
def test_candidates_match_the_plain_regex_on_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _scanned(text) == _plain(text)


def test_candidates_match_the_plain_regex_on_generated_text() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14)))
        assert _scanned(text) == _plain(text), text
