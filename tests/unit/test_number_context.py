"""Scores, votes, ages and labelled numbers are not figures; counted ranges next to them are."""

from __future__ import annotations

import pytest

from service.domain.model import Qualifier
from service.domain.numbers import find_numbers


def texts(text: str) -> list[str]:
    return [m.text for m in find_numbers(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Arsenal won 3-1 at the Emirates on Saturday.",
        "The match ended in a 2-2 draw.",
        "The Chiefs beat the Ravens 24-17 on Sunday night.",
        "The Ravens beat the Chiefs 17-24 on Sunday night.",
        "The board approved the merger in a 5-4 vote.",
        "The committee rejected the plan in a 4-5 vote",
        "After the 2-0 win, the coach resigned.",
        "Rovers slumped to a 1-3 home defeat.",
        "The Senate voted 49-51 to confirm her.",
        "United lost 1-3 at home to Villa.",
        "They trailed 2-3 at half-time.",
        "Nadal won 6-3, 6-4.",
        "The Supreme Court ruled 6-3 in favour of the state.",
        "The Lakers have a 10-12 record this season.",
    ],
)
def test_scores_and_votes_are_not_figures(text: str) -> None:
    assert texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party won 120-130 seats, polls suggest.", ("120-130", 120, 130)),
        ("Police said 20-30 people died in the clashes.", ("20-30", 20, 30)),
        ("Officials expect 30-35C in Seville.", ("30-35C", 30, 35)),
        ("Prices rose 3-5% this year.", ("3-5%", 3, 5)),
    ],
)
def test_ranges_next_to_score_words_stay_ranges(
    text: str, expected: tuple[str, float, float]
) -> None:
    (m,) = find_numbers(text)
    assert (m.text, m.low, m.high, m.qualifier) == (*expected, Qualifier.RANGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The man, aged 34, was arrested on Tuesday.", []),
        ("The 34-year-old was charged with murder.", []),
        ("A 34-year-old man died in hospital.", []),
        ("Police arrested a man aged 25 and two women aged 19 and 22.", ["two"]),
        ("Children aged 5-11 will be offered the vaccine.", []),
        ("Adults aged over 65 and those aged between 18 and 25 were eligible.", []),
        ("He retired at the age of 78.", []),
        ("Around 2,000 people aged under 30 were enrolled.", ["Around 2,000"]),
        ("The victims, aged 19 and 22 were named by police.", []),
        ("The victim was 34 years old, police said.", []),
        ("The twins are about 40 to 50 years old.", []),
        ("A boy, 12, and a woman, 30, were hurt.", []),
        ("The war is three years old and has killed 10,000 people.", ["10,000"]),
        ("The oak is more than 500 years old.", ["more than 500 years"]),
    ],
)
def test_ages_are_not_figures(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "All 157 passengers on Flight 302 died.",
        "The Boeing 737-800 crashed on take-off.",
        "Allies would respond under Article 5.",
        "Resolution 2231 expired in October.",
        "Traffic on Highway 1 stopped for hours.",
        "Forecasters issued a Level 4 alert.",
    ],
)
def test_names_keep_their_numbers(text: str) -> None:
    assert texts(text) == (["157"] if text.startswith("All ") else [])


def test_scores_of_before_digits_is_not_a_vague_amount() -> None:
    assert texts("Scores of 20 and 30 are common; scores of people came.") == [
        "20",
        "30",
        "scores",
    ]
