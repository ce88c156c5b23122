"""Rereading a results figure: analysts' estimates and share moves, in any case."""

from __future__ import annotations

from service.domain.results_readings import ResultsReading, reread_results_figure

_PLAIN = ResultsReading("amount", False, "united-states")


def _reread(text: str, figure: str, unit: str | None) -> ResultsReading:
    start = text.index(figure)
    return reread_results_figure(text, 0, start, start + len(figure), unit, _PLAIN)


def test_an_estimate_is_read_in_any_case() -> None:
    for text in (
        "Revenue beat analysts' average estimate of $1.3 billion.",
        "Revenue beat ANALYSTS' average estimate of $1.3 billion.",
    ):
        reading = _reread(text, "$1.3", "USD")
        assert reading.is_forecast
        assert reading.quantity == "revenue"


def test_a_share_move_is_read_in_any_case_and_only_for_a_percentage() -> None:
    for text in ("Kellbrook shares rose 7% on Tuesday.", "KELLBROOK SHARES ROSE 7% ON TUESDAY."):
        assert _reread(text, "7%", "%").quantity == "share price growth"
    assert _reread("Kellbrook shares rose 7 cents.", "7", "USD") == _PLAIN


def test_a_two_word_move_reads_its_direction_from_its_last_word() -> None:
    assert _reread("Kellbrook shares were down 7% by noon.", "7%", "%").quantity == (
        "share price decline"
    )
    assert _reread("The stock was down 3% on Friday.", "3%", "%").quantity == (
        "share price decline"
    )
    assert _reread("Its shares were up 2% on Friday.", "2%", "%").quantity == ("share price growth")


def test_a_window_without_estimators_or_shares_keeps_its_reading() -> None:
    assert _reread("Revenue rose 4% to $1.3 billion.", "4%", "%") == _PLAIN
