"""The word before a type phrase ("the", "Turkey's"), read backwards, is the regex's word."""

from __future__ import annotations

import random
import re

from service.domain.agencies import _word_before

# The reference: the last word of the 40 characters before a position, as a regex finds it.
_WORD_BEFORE = re.compile(r"([A-Za-z]+)(['’]s)?\s+$")


def _by_regex(text: str, end: int) -> tuple[int, str, bool] | None:
    m = _WORD_BEFORE.search(text, max(0, end - 40), end)
    return None if m is None else (m.start(), m.group(1), m.group(2) is not None)


def test_the_word_before_is_that_of_a_regex_search() -> None:
    pieces = ["the", "Turkey", "'s", "’s", "s", "'", "’", " ", "  ", "\n", "\t", "\xa0", "\u2003"]
    pieces += ["é", "ſ", "K", "1", "_", ".", ",", "-", "national", "country", "x" * 30]
    rng = random.Random(11)
    texts = ["Turkey's disaster agency", "the national police", "x's ", "'s ", " s ", "ab’s\n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    found = possessive = 0
    for text in texts:
        for end in range(len(text) + 1):
            expected = _by_regex(text, end)
            got = _word_before(text, end)
            assert (None if got is None else tuple(got)) == expected, (text, end)
            found += expected is not None
            possessive += expected is not None and expected[2]
    assert found > 1000 and possessive > 100
