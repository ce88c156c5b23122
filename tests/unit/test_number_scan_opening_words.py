"""The opening-word lookahead of the number-word scan only rejects positions where no vague
amount or word run could start: the scan finds what the word patterns alone find."""

import random
import re

from service.domain import number_scan
from service.domain.number_words import RUN_WORDS, pattern_any_case

_WORDS_ALONE = (
    r"(?="
    + pattern_any_case(number_scan._WORD_OPENERS)
    + r")(?:(?P<vague>"
    + number_scan._VAGUE
    + r")|(?P<run>"
    + number_scan._RUN
    + r"))"
)
_REFERENCE = re.compile(r"[^A-Za-z]" + _WORDS_ALONE)
_REFERENCE_AT_START = re.compile(_WORDS_ALONE)

_VOCABULARY = sorted(
    set(RUN_WORDS)
    | number_scan._OPENING_WORDS
    | {"few", "couple", "handful", "the", "said", "tense", "onerous", "at", "score"}
)
_SEPARATORS = (" ", "  ", "-", "\n", ", ", "", "(", "1", " - ", ".")
_ODD = ("ſ", "ı", "İ", "\u212a", "é")  # IGNORECASE folds the first four to ASCII letters


def _matches(
    pattern: re.Pattern[str], at_start: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    found = []
    m = at_start.match(text) or pattern.search(text)
    while m:
        found.append((m.span(), m.span("vague"), m.span("run")))
        m = pattern.search(text, m.end() - 1)
    return found


def _random_word(rng: random.Random) -> str:
    word = rng.choice(_VOCABULARY)
    if rng.random() < 0.5:
        word = "".join(c.upper() if rng.random() < 0.5 else c for c in word)
    if rng.random() < 0.15:
        at = rng.randrange(len(word))
        word = word[:at] + rng.choice(_ODD) + word[at + 1 :]
    return word


def _assert_same(text: str) -> None:
    assert _matches(
        number_scan._WORD_CANDIDATE, number_scan._WORD_CANDIDATE_AT_START, text
    ) == _matches(_REFERENCE, _REFERENCE_AT_START, text), text


def test_scan_finds_what_the_word_patterns_alone_find_in_random_texts() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        words = (_random_word(rng) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 10)))
        _assert_same("".join(words))


def test_scan_finds_what_the_word_patterns_alone_find_in_news_text() -> None:
    _assert_same(
        "A few hundred troops and SEVERAL thousand civilians fled; tens of thousands stayed. "
        "Two-thirds of the 1,200 said half a dozen, a handful or scores of others left one "
        "by one. An eighty-five-year-old, a quarter, a thousand and three, twenty-one."
    )
