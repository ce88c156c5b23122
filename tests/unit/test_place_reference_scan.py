"""The scan for "the city"/"the province" references finds what its plain form finds: the
"T" read before its word-boundary test, the scan started at the first hint."""

from __future__ import annotations

import random
import re

from service.domain import place_references

_KINDS = place_references._KINDS
_PLAIN = re.compile(
    rf"\b[Tt]he ({_KINDS})"
    r"(?!['’]s\b)(?=[\s,.;:)])(?! (?:of|[A-Z]|council|hall|government|authorities|"
    r"nation|administration|police|mayor|governor|legislature|assembly|court|budget)\b)"
    rf"|\b[Tt]he ({_KINDS})['’]s\b"
)
_PIECES = [*_KINDS.split("|"), "the", "the", "The", "he", "xthe", "_the", "3the", "\u00e9the"]
_PIECES += ["of", "council", "Beira", "'s", "\u2019s", ",", ".", ")", "\n", "\u017f", "\u212a"]


def test_the_reference_scan_finds_what_the_plain_scan_finds() -> None:
    rng = random.Random(3)
    texts = ["the city", "The island's", "xthe town, the city of Beira; the province.", "he city"]
    for _ in range(3000):
        texts.append("".join(rng.choice(_PIECES) + rng.choice(" \n,") for _ in range(12)))
    found = 0
    for text in texts:
        fast = [(m.span(), m.groups()) for m in place_references._references(text)]
        assert fast == [(m.span(), m.groups()) for m in _PLAIN.finditer(text)], text
        found += len(fast)
    assert found > 100
