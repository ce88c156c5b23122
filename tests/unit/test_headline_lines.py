"""Headline lines: counting capitals first finds the lines the full word counts find."""

from __future__ import annotations

import random

from service.domain import name_runs


def _by_word_counts(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= 12 and line.rstrip()[-1:] not in name_runs._SENTENCE_END:
            words = len(name_runs._WORD_START.findall(line)) - len(
                name_runs._CONNECTOR_WORD.findall(line)
            )
            if words >= 3 and len(name_runs._CAP_START.findall(line)) >= 0.75 * words:
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def test_headline_lines_are_those_of_the_word_counts() -> None:
    pieces = ["Flood", "Hits", "Town", "of", "the", "and", "rain", "x", "'s", "O'Neil", "U.S."]
    pieces += [" ", " ", " ", "\n", "-", ".", ":", "é", "Élan", "1"]
    rng = random.Random(3)
    texts = ["Floods Hit the Town of Lodi Hard\nRain fell on the town today and more is due"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))) for _ in range(4000)]
    found = 0
    for text in texts:
        expected = _by_word_counts(text)
        assert name_runs._headline_lines(text) == expected, text
        found += len(expected)
    assert found > 200
