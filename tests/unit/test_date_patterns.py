"""The factored word groups of the date rules match exactly what their plain groups match, in
the same order."""

from __future__ import annotations

import random
import re
import string

import pytest

from service.domain.date_patterns import (
    MONTH,
    MONTH_NAMES,
    PART,
    PREP,
    WEEKDAY,
    WEEKDAY_REL,
    WEEKDAYS,
    weekday_scan,
    word_alternation,
    words_group,
)
from service.domain.date_rules import _FUTURE_CUE, RULES
from service.domain.dates import _SUBORDINATOR

_WORDS = "as_of as_at since from until till through by in on at during of for before after"


def test_a_spelled_letter_holds_every_character_ignorecase_matches_to_it() -> None:
    spelled = {c: re.compile(word_alternation([c], any_case=True)) for c in string.ascii_lowercase}
    plain = {c: re.compile("(?i:" + c + ")") for c in string.ascii_lowercase}
    any_letter = re.compile(r"(?i:[a-z])")
    for code in range(0x110000):
        char = chr(code)
        if any_letter.fullmatch(char):
            for letter, pattern in plain.items():
                assert bool(pattern.fullmatch(char)) == bool(spelled[letter].fullmatch(char))


def test_factored_and_plain_groups_find_the_same_words() -> None:
    plain = re.compile(
        r"(?<![\w-])(?:(?P<prep>(?i:"
        + "|".join(w.replace("_", r"\ ") for w in _WORDS.split())
        + r"))\s+)?(?P<expr>\d{4})"
    )
    factored = re.compile(r"(?<![\w-])(?:" + words_group("prep", _WORDS) + r"\s+)?(?P<expr>\d{4})")
    for text in (
        "Sales fell in 2023 and rose AS OF 2024; ſince 2019 and ıN 2018, İN 2017, Before 2016.",
        "Prices during 2020, till 2021, through 2022 - 2023 or by 2024.",
    ):
        found = [(m.span(), m.group("prep")) for m in factored.finditer(text)]
        assert found == [(m.span(), m.group("prep")) for m in plain.finditer(text)]
        assert any(prep for _, prep in found)


def test_words_sharing_a_prefix_are_tried_in_their_given_order() -> None:
    words = ["mid", "mid-", "middle of", "the end of", "end of", "the middle of"]
    plain = re.compile(r"(?P<w>(?i:" + "|".join(map(re.escape, words)) + r"))[\s-]?(?P<m>May)")
    factored = re.compile(r"(?P<w>" + word_alternation(words, any_case=True) + r")[\s-]?(?P<m>May)")
    text = "mid-May, MID May, middle of May, The Middle of May, the end of May, end of May, midMay"
    found = [(m.span(), m.group("w")) for m in factored.finditer(text)]
    assert found == [(m.span(), m.group("w")) for m in plain.finditer(text)]
    assert ((0, 7), "mid") in found
    with pytest.raises(ValueError, match="out of order"):
        word_alternation(["ab", "a", "abc"])


def test_month_and_weekday_groups_match_their_capitalised_and_upper_forms_only() -> None:
    month, weekday = re.compile(MONTH), re.compile(WEEKDAY)
    for name in MONTH_NAMES:
        for form in (name.capitalize(), name.upper(), name[:3].upper()):
            assert month.fullmatch(form), form
        assert not month.match(name)
        assert (name == "may") != bool(month.fullmatch(name[:3].capitalize() + "."))
    assert month.fullmatch("Sept.").group("month") == "Sept."
    assert month.match("Mayor") is None
    for day in WEEKDAYS:
        assert weekday.fullmatch(day.capitalize()) and weekday.fullmatch(day.upper())
        assert not weekday.match(day)


def test_the_shared_introducing_words_and_period_parts_are_read() -> None:
    prep = re.compile(PREP)
    assert prep.match("As of May").group("prep") == "As of"
    assert prep.match("Since May").group("prep") == "Since"
    assert prep.match("Monday").group("prep") is None
    assert re.compile(PART).match("The Beginning of").group("part") == "The Beginning of"


_DATED = (
    "As of Jan. 5, 2024 it rose; on Monday, March 3-4 2023 and the 5th of June, 2022 it fell. "
    "By 12 SEPT. 2021, in mid-May 2020 and late September of 2019 it held; in the year to "
    "March 31, 2024, the 12 months through the end of June 2023 and the quarter ended Sept. 30, "
    "sales grew. On 2024-03-05, 3/4/2023 and since the 1990s, in May last year, 5 March this "
    "year, June LAST year and next May, it changed; in June and early July it fell, and by "
    "AUGUST it held."
)


def test_every_match_of_a_rule_holds_the_piece_its_scan_is_skipped_without() -> None:
    checked = 0
    for pattern, _, _, _, piece, _ in RULES:
        if piece is None:
            continue
        matches = list(pattern.finditer(_DATED))
        assert matches, pattern.pattern[-60:]
        for match in matches:
            assert piece.search(match.group()), (match.group(), piece.pattern)
            checked += 1
    assert checked >= 20


def test_the_spelled_cue_words_find_what_their_plain_regexes_find() -> None:
    future = re.compile(
        r"\b(?:will|won't|shall|expected|expects?|forecasts?|forecaster|scheduled|plans?\ to|"
        r"planned|set\ to|going\ to|until|till|upcoming|aims?\ to|intends?\ to|due\ to\ (?!the\b)"
        r"|would|hopes?\ to|next)\b",
        re.IGNORECASE | re.VERBOSE,
    )
    subordinator = re.compile(r"\b(?:after|before|while|whereas|although|because|but)\b")
    pieces = (
        "after", "before", "but", "while", "whereas", "although", "because", "a", "b", "w", " ",
        ",", "_", "-", "1", "Will", "won't", "due to ", "the", "The", "plans to", "plan",
        "expects", "expectedx", "next", "ı", "İ", "ſ", "till", "HOPE TO",
    )  # fmt: skip
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        for plain, spelled in ((future, _FUTURE_CUE), (subordinator, _SUBORDINATOR)):
            assert (plain.search(text, lo, hi) is None) == (spelled.search(text, lo, hi) is None)


def test_the_weekday_rule_finds_in_its_scan_what_it_finds_in_the_whole_sentence() -> None:
    pieces = (
        "Monday", "MONDAY", "Wednesday", "Fridays", "friday", "day", "DAY", "days", "on", "as of",
        "aſ  of", "ın", "by", "last", "next", "Past", " ", "\t", "\u2003", "-", ",", "x", "_",
    )  # fmt: skip
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        start, end = weekday_scan(text)
        whole = [(m.span(), m.groupdict()) for m in WEEKDAY_REL.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in WEEKDAY_REL.finditer(text, start, end)] == whole
