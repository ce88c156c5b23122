"""The words of a text as the name scans see them: `name_forms.tokenize`."""

from __future__ import annotations

import random
import re
from itertools import accumulate
from pathlib import Path

import pytest

from service.domain.name_forms import TOKEN, tokenize
from tests.unit.articles import article_paths

# `tokenize` as a regex split (the gaps and the words in turn, offsets as running sums of their
# lengths): the scanner must cut every text exactly as this does.
_SPLIT = re.compile(f"({TOKEN.pattern})")
_ASCII_SPLIT = re.compile(r"([0-9A-Za-z]+(?:[.'&][0-9A-Za-z]+)*)")
_PIECES = (
    "a", "Z", "q", "the", "NATO", "U.S", "U.S.", "e.g.", "d'Ivoire", "People's", "Russia’s",
    "AT&T", "&", ".", "'", "’", "..", "''", "’’", ".'", "&&", "-", "_", "__", "a_b", " ", "  ",
    "\t", "\n", "\x1c", "\x85", "\u00a0", "\u2009", "\u2028", "\u3000", "0", "7", "12", "1.5",
    "1,200", "٣", "१", "½", "²", "Ⅻ",
    "é", "É", "ß", "İ", "ı", "ſ", "\u212a", "Ж", "ж", "中", "ا", "\u0301", "e\u0301", "\u0903",
    "\u200d", "\ufeff", "😀", "𝐀", "𐐀", "“", "”", '"', "(", ")", "%", "$", "€", ";", ":", "!",
)  # fmt: skip
_CONTEXTS = ("{}", "a{}b", "1{}2", "a.{}", "{}’s", "x&{}_", "_{}.")


def _split(text: str) -> list[tuple[int, int, str]]:
    parts = (_ASCII_SPLIT if text.isascii() else _SPLIT).split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    return list(zip(offsets[1:-2:2], offsets[2:-1:2], parts[1::2], strict=True))


def _matches(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def test_words_join_on_inner_dots_apostrophes_and_ampersands_only() -> None:
    text = "U.S. AT&T's Côte d’Ivoire, Guinea-Bissau & snake_case 3.5% 'quoted'."
    assert [w for _, _, w in tokenize(text)] == [
        "U.S", "AT&T's", "Côte", "d’Ivoire", "Guinea", "Bissau", "snake", "case", "3.5", "quoted",
    ]  # fmt: skip
    assert all(text[start:end] == word for start, end, word in tokenize(text))
    assert tokenize("") == []
    assert tokenize(" .'’&_- ") == []


@pytest.mark.parametrize(
    "path",
    article_paths(),
    ids=lambda p: p.name,
)
def test_words_match_the_regex_split_on_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tokenize(text) == _split(text) == _matches(text)
    rng = random.Random(path.name)
    for _ in range(50):
        start = rng.randrange(len(text) + 1)
        window = text[start : rng.randrange(start, len(text) + 1)]
        assert tokenize(window) == _split(window)
        assert tokenize(window.encode("ascii", "ignore").decode()) == _split(
            window.encode("ascii", "ignore").decode()
        )


def test_words_match_the_regex_split_on_generated_text() -> None:
    rng = random.Random(11)
    ascii_pieces = [p for p in _PIECES if p.isascii()]
    for n in range(40000):
        pieces = ascii_pieces if n % 2 else _PIECES
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert tokenize(text) == _split(text), ascii(text)


@pytest.mark.parametrize(
    ("context", "step"), [("{}'{}", 1), ("a{}b", 1), ("a.{}", 1), *((c, 17) for c in _CONTEXTS)]
)
def test_every_code_point_is_read_as_the_regex_reads_it(context: str, step: int) -> None:
    # letter, digit, mark or neither is Unicode's call; the space keeps each sample's words apart
    text = " ".join(context.format(chr(cp), chr(cp)) for cp in range(0, 0x110000, step))
    assert tokenize(text) == _split(text)
