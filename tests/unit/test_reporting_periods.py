"""The reporting period a results sentence names by its end ("the quarter ended Oct. 31")."""

from __future__ import annotations

import datetime as dt

from service.domain.reporting_periods import period_ended

PUBLISHED = dt.date(2025, 11, 20)


def test_a_period_named_by_its_end_holds_at_that_day() -> None:
    text = "Sales rose 9% in the quarter ended Oct. 31, the company said."
    assert period_ended(text, PUBLISHED) == dt.date(2025, 10, 31)
    assert period_ended("Profit for the six months to September 30 fell", PUBLISHED) == dt.date(
        2025, 9, 30
    )


def test_the_period_noun_is_read_in_any_case() -> None:
    assert period_ended("PROFIT IN THE QUARTER ENDED OCT. 31 ROSE", PUBLISHED) == dt.date(
        2025, 10, 31
    )
    # a dotless i matches "i" when case is ignored, though it does not lowercase to one
    assert period_ended("Profit in the perıod ended Oct. 31 rose", PUBLISHED) == dt.date(
        2025, 10, 31
    )


def test_a_sentence_naming_no_period_has_none() -> None:
    assert period_ended("Sales rose 9% to $4.2 billion, the company said.", PUBLISHED) is None
    assert period_ended("Shares ended the day up 3% on Oct. 31.", PUBLISHED) is None
