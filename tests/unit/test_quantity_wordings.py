"""One count worded differently by two outlets gets one quantity name, read from sentences
unlike the corpus's (prepositions, measurement nouns, verbs after a figure)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.extraction import extract_article
from service.domain.quantities import canonical_quantity
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 3, 17, 16, 45, tzinfo=dt.UTC)  # a Tuesday


def _quantity(sentence: str, fragment: str) -> str:
    article = extract_article(text=sentence, published_at=PUBLISHED)
    return the_figure(article, fragment).quantity


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("ships diverted via the Skagerrak", "ships diverted"),
        ("visitors through the gates", "visitors"),
        ("parcels via couriers", "parcels"),
        ("cases despite the campaign", "cases"),
    ],
)
def test_a_preposition_ends_the_counted_phrase(phrase: str, expected: str) -> None:
    assert canonical_quantity(phrase) == expected


def test_a_noun_before_via_is_what_is_counted() -> None:
    sentence = "The agency said 57 ship diversions via the Skagerrak had been logged."
    assert _quantity(sentence, "57") == "ships diverted"
