"""The tokens of a sentence as the source and figure readers see them."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from service.domain.source_phrases import tokenize
from tests.unit.articles import article_paths


def test_tokens_keep_offsets_into_the_text_and_drop_possessives_from_lowercase() -> None:
    text = "Intro. Russia’s army and NATO's U.S. allies said 1,200 left."
    start = text.index("Russia")
    tokens = tokenize(text, start, len(text))
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.lower for t in tokens][:6] == ["russia", "army", "and", "nato", "u.s.", "allies"]
    assert [t.text for t in tokens][-3:] == ["1,200", "left", "."]


def test_a_plural_possessive_stays_a_word_and_a_mark() -> None:
    tokens = tokenize("the workers' union's 14,000 members", 0, 35)
    assert [t.lower for t in tokens] == ["the", "workers", "'", "union", "14,000", "members"]


# The token grammar as one regex: `tokenize` scans code points instead (cheaper compiled), and
# must cut every text exactly as this would, with the same offsets and lowercase forms.
_PLAIN = re.compile(
    r"[A-Za-z](?:\.(?:[A-Za-z]\.)+|[A-Za-z]*(?:['’\-][A-Za-z]+)*)|\d+(?:[.,]\d+)*|[^\w\s]"
)
_PIECES = (
    "a", "A", "s", "S", "z", "Z", "the", "NATO", "U.S.", "e.g.", "a.b", "U.", ".", ",", "'",
    "’", "-", "'s", "’s", "’S", " ", "  ", "\t", "\n", "\x1c", "\u00a0", "_", "é", "İ", "ı",
    "ſ", "\u212a", "1", "0", "12", "1,200", "2.5", "٣", "½", "²", "“", "”", '"', "(", ")",
    "%", "$", "€", ";", ":", "!", "?", "&", "Ⓐ", "\u0301",
)  # fmt: skip


def _plain(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    out = []
    possessive = "'" in text[start:end] or "’" in text[start:end]
    for m in _PLAIN.finditer(text, start, end):
        lower = m.group().lower()
        if possessive and lower[-2:] in {"'s", "’s"} and len(lower) > 2:
            lower = lower[:-2]
        out.append((m.start(), m.end(), m.group(), lower))
    return out


def _scanned(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    return [(t.start, t.end, t.text, t.lower) for t in tokenize(text, start, end)]


@pytest.mark.parametrize(
    "path",
    article_paths(),
    ids=lambda p: p.name,
)
def test_tokens_match_the_plain_regex_on_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _scanned(text, 0, len(text)) == _plain(text, 0, len(text))
    rng = random.Random(path.name)
    for _ in range(20):
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert _scanned(text, start, end) == _plain(text, start, end)


def test_tokens_match_the_plain_regex_on_generated_text() -> None:
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        start = rng.randrange(len(text))
        end = rng.randrange(start, len(text) + 1)
        assert _scanned(text, start, end) == _plain(text, start, end), text


def test_every_character_of_the_first_planes_is_read_as_the_regex_reads_it() -> None:
    # whether a character is a letter, digit, mark or space is Unicode's call, not ASCII's
    for cp in [*range(0x3400), *range(0xFF00, 0x10000, 7), *range(0x10000, 0x20000, 31)]:
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        for text in (ch, f"a{ch}b", f"1{ch}2", f"U.{ch}.", f"A{ch}'s", f"x-{ch}"):
            assert _scanned(text, 0, len(text)) == _plain(text, 0, len(text)), hex(cp)
