"""Scans that start from hints find what the whole-text forms find: a protest word only where
one of its stems stands, a list marker only on a line opening with a mark or a digit."""

from __future__ import annotations

import random

from service.domain import gatherings, sentences

_PROTEST_WORDS = (
    "protest protesters Protesting demonstration demonstrators' demonstrated March marched "
    "rally rallies overall strike STRIKERS striking walkout sit-ins riot rioters the of x- _ 5 "
    "é ſ ı İ K STRİKE PROTEST"
)


def test_a_protest_story_is_found_from_its_stems_as_by_a_whole_text_search() -> None:
    rng = random.Random(3)
    words = _PROTEST_WORDS.split()
    found = 0
    for _ in range(20_000):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 8))]
        text = rng.choice([" ", "", "-", "_", "\n"]).join(picked)
        expected = gatherings._PROTEST.search(text) is not None
        assert gatherings.is_protest_story(text) == expected, text
        found += expected
    assert found > 1_000


def test_a_list_marker_opens_with_a_mark_or_a_decimal_digit() -> None:
    for code in range(0x3100):
        char = chr(code)
        line = f"  {char} item"
        if sentences._LIST_MARKER.match(line) or sentences._LIST_MARKER.match(f"{char}. item"):
            assert char in sentences.LIST_MARKS or char.isdecimal(), hex(code)
