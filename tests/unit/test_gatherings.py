from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from service.domain.gatherings import gathering_quantity, is_protest_story
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 5, 18, 9, tzinfo=dt.UTC)


def test_only_a_protest_story_counts_its_crowd_as_protesters() -> None:
    match = extract_article(
        text="The All Blacks won 28-24 in front of a crowd of 82,000 at Twickenham.",
        published_at=PUBLISHED,
    )
    assert the_figure(match, "82,000").quantity == "attendance"
    trial = extract_article(
        text="The trial enrolled 12,400 participants in 14 countries.", published_at=PUBLISHED
    )
    assert the_figure(trial, "12,400").quantity == "participants"
    march = extract_article(
        text="A crowd of 40,000 marched through Paris on Saturday.", published_at=PUBLISHED
    )
    assert the_figure(march, "40,000").quantity == "protesters"


def test_protest_words_and_gathering_words() -> None:
    assert is_protest_story("Unions called a strike for Monday.")
    assert not is_protest_story("The striker scored twice.")
    text = "a crowd of 82,000"
    assert gathering_quantity(text, text.index("82"), len(text)) == "attendance"
    assert gathering_quantity("82,000 demonstrators", 0, 6) == "protesters"


def test_a_protest_story_is_found_in_any_case_and_through_unicode_case_folds() -> None:
    assert is_protest_story("THOUSANDS MARCHED THROUGH THE CAPITAL.")
    # "ſ" (long s) matches "s" only under IGNORECASE: the lowercase prefilter must not hide it
    assert is_protest_story("Workers went on ſtrike at dawn.")
    assert not is_protest_story("The council approved the budget on Monday.")
