"""Date rules that scan only part of a sentence find there exactly what they find in the whole
sentence, the cue words are the tokens a plain tokeniser finds, and the patterns led by the
class of their words' first letters match as their plain forms do.

Each scan function bounds where its rule can match (around month words, units, weekdays);
a rule scanned within the bounds must give the same matches, spans and groups, on every
sentence of the corpus and on generated text mixing the rules' words, mixed case, odd spaces
and the characters IGNORECASE folds to ASCII letters.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from service.domain.date_rules import _NEW_VERB_PHRASE, _PAST_CUE, ALL_CUES, RULES, cue_tokens
from service.domain.reporting_periods import _PERIOD_ENDED
from tests.unit.articles import article_paths

_SCANNED = [(pattern, scan) for pattern, _, _, _, _, scan in RULES if scan is not None]
_PLAIN_TOKEN = re.compile(r"[A-Za-z]+[0-9]?|[0-9]+")


def _corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in article_paths()]


def _sentences() -> list[str]:
    out = []
    for text in _corpus_texts():
        out.append(text)
        for line in text.splitlines():
            out.extend(part for part in re.split(r"(?<=[.!?])\s+", line) if part)
    return out


# The longest openings and endings each rule reads: a tighter scan misses these.
_LONGEST = (
    "Prices rose as of the beginning of June , , 5 and AS AT the close of SEPT. in x.",
    "It held as of Monday, June 5 - 6, 2023, then on Friday, Jan. 30–31,\t1999.5 fell.",
    "Sales rose since the middle of the past week, over mid- earlier in the WEEKEND and, for "
    "the start of later in the decade, and as of ıate this month.",
)


def _same_in_scan(
    pattern: re.Pattern[str], scan: Callable[[str], tuple[int, int]], text: str
) -> None:
    start, end = scan(text)
    whole = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, end)] == whole, text


def test_the_scanned_rules_are_the_expected_ones() -> None:
    assert len(_SCANNED) >= 4


@pytest.mark.parametrize("rule", range(len(_SCANNED)))
def test_a_scanned_rule_finds_in_its_scan_what_it_finds_in_corpus_sentences(rule: int) -> None:
    pattern, scan = _SCANNED[rule]
    for sentence in [*_sentences(), *_LONGEST]:
        _same_in_scan(pattern, scan, sentence)


_PIECES = (
    "January", "JUNE", "June", "june", "Jun.", "Sept.", "SEPT", "Sep", "Mar", "March", "May",
    "Mayor", "Marching", "Monday", "MONDAY", "Fridays", "day", "DAY", "week", "WEEKEND",
    "wee\u212aend", "Month", "YEAR", "years", "decade", "5", "5th", "31", "2023", "19", "1999",
    "12,", "3-4", "–", "-", "mid", "mid-", "early", "late", "the", "The", "end", "of", "start",
    "beginning", "middle", "as of", "as at", "aſ  of", "ın", "İn", "in", "on", "by", "since",
    "until", "through", "this", "last", "next", "past", "the past", "earlier in the",
    "later this", "previous", "following", "x", "_", "é", ",", ", ,", ".", ":", "(", " ", " ",
    "  ", "\t", "\n", "\u2003", "\u00a0",
)  # fmt: skip


@pytest.mark.parametrize("rule", range(len(_SCANNED)))
def test_a_scanned_rule_finds_in_its_scan_what_it_finds_in_generated_text(rule: int) -> None:
    pattern, scan = _SCANNED[rule]
    rng = random.Random(11 + rule)
    for _ in range(15000):
        pieces = [rng.choice(_PIECES) for _ in range(rng.randint(1, 14))]
        text = "".join(p + rng.choice(("", " ", " ", "  ", ",")) for p in pieces)
        _same_in_scan(pattern, scan, text)


def _plain_cues(text: str) -> frozenset[str]:
    return ALL_CUES.intersection(_PLAIN_TOKEN.findall(text))


def test_cue_words_are_the_tokens_a_plain_tokeniser_finds_in_the_corpus() -> None:
    for sentence in _sentences():
        assert cue_tokens(sentence) == _plain_cues(sentence), sentence


def test_cue_words_are_the_tokens_a_plain_tokeniser_finds_in_generated_text() -> None:
    pieces = [
        *sorted(ALL_CUES),
        "Q12023", "H3", "Junes", "June2023", "2023Q1", "12", "1", "0", "x", "a", "é", "ı", "ſ",
        "\u212a", "_", "-", ",", ".", "(", ")", '"', "“", "”", "’", "—", ":", "[", " ", "\n",
        "\u2009", "\u00a0",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(30000):
        parts = []
        for _ in range(rng.randint(1, 10)):
            word = rng.choice(pieces)
            case = rng.random()
            word = word.upper() if case < 0.2 else word.capitalize() if case < 0.3 else word
            parts.append(word + rng.choice(("", "", " ", "1", "a", "-", "Q", "é", ",", "(")))
        text = "".join(parts)
        assert cue_tokens(text) == _plain_cues(text), text


def test_the_letter_led_clause_cues_match_as_their_plain_regexes_do() -> None:
    past = re.compile(r"\b(?:said|told|announced|reported|confirmed|stated)\s+(?:on\s+)?$")
    verb_phrase = re.compile(r"\b(?:and|or|but)\s+[a-z]+ing\b")
    pieces = (
        "said", "Said", "stated", "told", "announced", "reported", "confirmed", "on", "and",
        "or", "but", "going", "rising", "orbit", "andy", "ing", "x", "s", "_", "-", "1", "é",
        " ", " ", "\n", "\t", ",",
    )  # fmt: skip
    rng = random.Random(9)
    for _ in range(30000):
        text = "".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randint(1, 9)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        plain, spelled = past.search(text, lo, hi), _PAST_CUE.search(text, lo, hi)
        assert (plain and plain.span()) == (spelled and spelled.span()), text
        assert [m.span() for m in verb_phrase.finditer(text, lo, hi)] == [
            m.span() for m in _NEW_VERB_PHRASE.finditer(text, lo, hi)
        ], text


def test_the_letter_led_period_end_matches_as_its_ignorecase_regex_does() -> None:
    plain = re.compile(
        r"\b(?:quarter|period|half|half-year|year|months|weeks)\s+(?:that\s+)?"
        r"(?:ended|ending|to|through|thru)\s+(?:on\s+)?",
        re.IGNORECASE,
    )
    pieces = (
        "quarter", "QUARTER", "period", "half", "half-year", "HALF-YEAR", "year", "months",
        "weeks", "wee\u212as", "periodſ", "that", "ended", "ending", "to", "through", "tHru",
        "on", "ſ", "ı", "İ", "x", "-", "_", " ", "\n", ",", "1", "é",
    )  # fmt: skip
    rng = random.Random(13)
    for _ in range(30000):
        text = "".join(
            rng.choice(pieces) + rng.choice(("", " ", "  ")) for _ in range(rng.randint(1, 10))
        )
        found = [m.span() for m in _PERIOD_ENDED.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)], text
