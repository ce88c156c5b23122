"""The words before a figure, read right to left, are those a left-to-right scan finds."""

from __future__ import annotations

import random
import re

from service.domain.number_context import left_tokens

# The former left-to-right reading, kept as the reference.
_LEFT_TOKEN = re.compile(r"[A-Za-z<>=≥≤~](?:(?<=[A-Za-z])[A-Za-z]*\.?)?")


def _scanned(text: str, start: int, limit: int) -> list[tuple[str, int, str]]:
    tokens = list(_LEFT_TOKEN.finditer(text, max(0, start - 64), start))
    out: list[tuple[str, int, str]] = []
    position = start
    for token in reversed(tokens):
        gap = text[token.end() : position]
        if gap.strip() or "\n" in gap:
            break
        out.append((token.group().lower(), token.start(), token.group()))
        position = token.start()
        if len(out) == limit:
            break
    out.reverse()
    return out


def _same_at_every_offset(text: str) -> None:
    for start in range(len(text) + 1):
        for limit in (1, 2, 6):
            assert left_tokens(text, start, limit) == _scanned(text, start, limit), (text, start)


def test_words_dots_signs_and_gaps_read_alike() -> None:
    _same_at_every_offset("Dr. Smith said U.S. officials, about 40 to 50. More than ≥ 7 <5 ~9")
    _same_at_every_offset("up to\n12, nearly\u2009\u00a0300 a..b a.b.c ab.<. x\tor so 9")
    # a run of words longer than the 64-character window: the window's edge cuts a word
    _same_at_every_offset(" ".join(["internationally"] * 8) + " 5")


def test_random_texts_read_alike() -> None:
    rng = random.Random(7)
    alphabet = "aZ. \n,<≥~-1\u2009'é"
    for _ in range(300):
        _same_at_every_offset("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90))))
