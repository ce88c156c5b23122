"""The guarded word groups of the date rules match exactly what their plain groups match."""

from __future__ import annotations

import re

from service.domain.date_patterns import PREP, words_group

_WORDS = "as_of as_at since from until till through by in on at during of for before after"


def test_the_guard_admits_every_character_ignorecase_matches_to_a_first_letter() -> None:
    guard = re.compile(words_group("w", _WORDS).split("(?P<w>")[0])
    first_letters = re.compile(r"(?i:[asfutbiod])")
    for code in range(0x110000):
        char = chr(code)
        if first_letters.fullmatch(char):
            assert guard.match(char), hex(code)


def test_guarded_and_plain_groups_find_the_same_words() -> None:
    plain = re.compile(
        r"(?<![\w-])(?:(?P<prep>(?i:"
        + "|".join(w.replace("_", r"\ ") for w in _WORDS.split())
        + r"))\s+)?(?P<expr>\d{4})"
    )
    guarded = re.compile(r"(?<![\w-])(?:" + words_group("prep", _WORDS) + r"\s+)?(?P<expr>\d{4})")
    for text in (
        "Sales fell in 2023 and rose AS OF 2024; ſince 2019 and ıN 2018, İN 2017, Before 2016.",
        "Prices during 2020, till 2021, through 2022 - 2023 or by 2024.",
    ):
        found = [(m.span(), m.group("prep")) for m in guarded.finditer(text)]
        assert found == [(m.span(), m.group("prep")) for m in plain.finditer(text)]
        assert any(prep for _, prep in found)


def test_the_shared_introducing_words_are_guarded() -> None:
    prep = re.compile(PREP)
    assert PREP.startswith("(?:(?=[")
    assert prep.match("As of May").group("prep") == "As of"
    assert prep.match("Since May").group("prep") == "Since"
    assert prep.match("Monday").group("prep") is None
