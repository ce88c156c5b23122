"""Date expressions resolved against a publication date, as-of choice, published stamps."""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.dates import resolve_as_of, resolve_date_expressions
from service.domain.published_dates import extract_dates_for_published

WEDNESDAY = dt.date(2024, 10, 30)
MONDAY = dt.date(2024, 10, 28)
D = dt.date


def only(sentence: str, published: dt.date | None = WEDNESDAY) -> tuple[str, dt.date | None, str]:
    found = resolve_date_expressions(sentence, published)
    assert len(found) == 1, found
    expr = found[0]
    assert sentence[expr.start : expr.end] == expr.text
    return expr.text, expr.date, expr.precision


@pytest.mark.parametrize(
    ("sentence", "text", "date", "precision"),
    [
        ("He spoke on Monday.", "Monday", D(2024, 10, 28), "day"),
        ("Lavrov said Monday.", "Monday", D(2024, 10, 28), "day"),
        ("At a Monday press briefing, she spoke.", "Monday", D(2024, 10, 28), "day"),
        ("Kirby stated on Friday that", "Friday", D(2024, 10, 25), "day"),
        ("They were spotted on Wednesday.", "Wednesday", D(2024, 10, 30), "day"),
        ("It happened last Wednesday.", "last Wednesday", D(2024, 10, 23), "day"),
        ("Talks resume next Monday.", "next Monday", D(2024, 11, 4), "day"),
        ("It rained yesterday.", "yesterday", D(2024, 10, 29), "day"),
        ("Markets fell today.", "today", D(2024, 10, 30), "day"),
        ("Shelling continued last night.", "last night", D(2024, 10, 29), "day"),
        ("A day earlier, 12 died.", "A day earlier", D(2024, 10, 29), "day"),
        ("Two days ago, 12 died.", "Two days ago", D(2024, 10, 28), "day"),
        ("The toll rose 3 weeks ago.", "3 weeks ago", D(2024, 10, 9), "week"),
        ("Prices rose this week.", "this week", D(2024, 10, 28), "week"),
        ("Kirby said earlier this week that", "earlier this week", D(2024, 10, 28), "week"),
        ("Prices rose last week.", "last week", D(2024, 10, 21), "week"),
        ("Troops arrived this month.", "this month", D(2024, 10, 1), "month"),
        ("Troops arrived earlier this month.", "earlier this month", D(2024, 10, 1), "month"),
        ("Troops arrived last month.", "last month", D(2024, 9, 1), "month"),
        ("Sales fell last year.", "last year", D(2023, 1, 1), "year"),
        ("Sales fell earlier this year.", "earlier this year", D(2024, 1, 1), "year"),
        ("On October 23, the U.S. confirmed it.", "October 23", D(2024, 10, 23), "day"),
        ("It said in an Oct. 28 press statement.", "Oct. 28", D(2024, 10, 28), "day"),
        ("Updated October 28th, 2024 at 06:09 pm", "October 28th, 2024", D(2024, 10, 28), "day"),
        ("They met on June 18, 2024.", "June 18, 2024", D(2024, 6, 18), "day"),
        ("They met on 18 June 2024.", "18 June 2024", D(2024, 6, 18), "day"),
        ("They met on the 5th of May.", "the 5th of May", D(2024, 5, 5), "day"),
        ("Published 2024-10-01 at noon", "2024-10-01", D(2024, 10, 1), "day"),
        ("Filed 10/28/2024.", "10/28/2024", D(2024, 10, 28), "day"),
        ("The pact was signed in June.", "June", D(2024, 6, 1), "month"),
        ("Forces invaded in August.", "August", D(2024, 8, 1), "month"),
        ("The fair opened in November.", "November", D(2023, 11, 1), "month"),
        ("It was true as of early 2023.", "early 2023", D(2023, 1, 1), "season"),
        ("Prices peaked in late 2022.", "late 2022", D(2022, 10, 1), "season"),
        ("Output recovered by mid-2024.", "mid-2024", D(2024, 4, 1), "season"),
        ("The war began in February 2022.", "February 2022", D(2022, 2, 1), "month"),
        ("Since February 2022, 30 died.", "February 2022", D(2022, 2, 1), "month"),
        ("In 2023, 500 died.", "2023", D(2023, 1, 1), "year"),
        ("Rates fell at the end of March.", "the end of March", D(2024, 3, 31), "week"),
        ("Rates fell in early June.", "early June", D(2024, 6, 1), "week"),
        ("Rates fell in mid-June.", "mid-June", D(2024, 6, 11), "week"),
        ("Debt rose by the end of 2023.", "the end of 2023", D(2023, 12, 31), "month"),
        ("Profit rose in Q3 2024.", "Q3 2024", D(2024, 7, 1), "quarter"),
        ("Profit rose in the second quarter.", "the second quarter", D(2024, 4, 1), "quarter"),
        ("Profit rose in the first half of 2024.", "the first half of 2024", D(2024, 1, 1), "half"),
        ("Floods struck this summer.", "this summer", D(2024, 6, 1), "season"),
        ("Snow fell in winter 2023.", "winter 2023", D(2022, 12, 1), "season"),
        ("Deaths peaked in the 1990s.", "the 1990s", D(1990, 1, 1), "decade"),
        ("Over the past week, 40 died.", "Over the past week", D(2024, 10, 30), "to_date"),
        ("Shares rose 20% so far this year.", "so far this year", D(2024, 10, 30), "to_date"),
        ("Shares rose 20% year-to-date.", "year-to-date", D(2024, 10, 30), "to_date"),
        ("Kirby said earlier in the week that", "earlier in the week", D(2024, 10, 28), "week"),
        ("Prices peaked late last year.", "late last year", D(2023, 10, 1), "season"),
        ("Rates rose early this month.", "early this month", D(2024, 10, 1), "week"),
        ("It ended at the end of last month.", "the end of last month", D(2024, 9, 30), "week"),
        ("Output slid in September last year.", "September last year", D(2023, 9, 1), "month"),
        ("It rose in March this year.", "March this year", D(2024, 3, 1), "month"),
        ("It opens in May next year.", "May next year", D(2025, 5, 1), "month"),
        ("They met on 5 March last year.", "5 March last year", D(2023, 3, 5), "day"),
        ("They met on March 5 last year.", "March 5 last year", D(2023, 3, 5), "day"),
        ("It peaked in June of last year.", "June of last year", D(2023, 6, 1), "month"),
        ("It began in early May last year.", "early May last year", D(2023, 5, 1), "week"),
        ("Sales fell last September.", "last September", D(2024, 9, 1), "month"),
        ("Sales fell last October.", "last October", D(2023, 10, 1), "month"),
        ("Last March, sales fell.", "Last March", D(2024, 3, 1), "month"),
        ("Talks resume next October.", "next October", D(2025, 10, 1), "month"),
        ("Talks resume next November.", "next November", D(2024, 11, 1), "month"),
        ("Crime rose in the year to March.", "the year to March", D(2024, 3, 31), "day"),
        (
            "Crime rose in the 12 months to the end of March.",
            "the 12 months to the end of March",
            D(2024, 3, 31),
            "day",
        ),
        (
            "Sales rose in the quarter through June 30.",
            "the quarter through June 30",
            D(2024, 6, 30),
            "day",
        ),
        (
            "Sales rose for the three months ending September 2023.",
            "the three months ending September 2023",
            D(2023, 9, 30),
            "day",
        ),
    ],
)
def test_expressions_resolve_against_a_wednesday_publication(
    sentence: str, text: str, date: dt.date, precision: str
) -> None:
    assert only(sentence) == (text, date, precision)


def test_on_monday_in_a_monday_article_is_that_day() -> None:
    assert only("Rutte confirmed on Monday that", MONDAY) == ("Monday", MONDAY, "day")
    assert only("It happened last Monday.", MONDAY)[1] == D(2024, 10, 21)


def test_yearless_day_after_publication_is_last_year() -> None:
    assert only("On December 28, 10 died.", D(2025, 1, 3))[1] == D(2024, 12, 28)
    assert only("On January 2, 10 died.", D(2025, 1, 3))[1] == D(2025, 1, 2)


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Schools are expected to reopen on Monday.", D(2024, 11, 4)),
        ("A warning stays in place until 8 p.m. Thursday.", D(2024, 10, 31)),
        ("Crews expect full containment by Sunday.", D(2024, 11, 3)),
        ("Elections will be held in November.", D(2024, 11, 1)),
        ("He said on Monday that troops would go.", D(2024, 10, 28)),
        ("The road was closed due to the fire on Monday.", D(2024, 10, 28)),
    ],
)
def test_future_clauses_look_ahead(sentence: str, date: dt.date) -> None:
    assert only(sentence)[1] == date


@pytest.mark.parametrize(
    "sentence",
    [
        "You may go now.",
        "The march ended peacefully.",
        "They packed winter gear.",
        "Prices fall sharply when supply rises.",
        "The agency sent 2023 troops.",
        "Jan Smith said the count was 1,500.",
        "Between 1,500 and 10,000 troops were sent.",
        "He works Mondays.",
        "The G7 met in Section 427.",
    ],
)
def test_non_dates_are_not_matched(sentence: str) -> None:
    assert resolve_date_expressions(sentence, WEDNESDAY) == []


def test_relative_expressions_without_publication_date_are_unresolved() -> None:
    found = resolve_date_expressions("On Monday, last week and in June; on 18 June 2024.", None)
    assert [(e.text, e.date) for e in found] == [
        ("Monday", None),
        ("last week", None),
        ("June", None),
        ("18 June 2024", D(2024, 6, 18)),
    ]


def test_publication_datetime_is_accepted() -> None:
    published = dt.datetime(2024, 10, 30, 23, 0, tzinfo=dt.UTC)
    assert resolve_date_expressions("It rained yesterday.", published)[0].date == D(2024, 10, 29)


def test_preposition_is_reported() -> None:
    found = resolve_date_expressions("Since February 2022 and as of early 2023", WEDNESDAY)
    assert [e.preposition for e in found] == ["since", "as of"]


# --- as of ---------------------------------------------------------------------------------


def test_as_of_prefers_the_date_nearest_the_figure() -> None:
    sentence = "On October 23, the U.S. said 3,000 troops had arrived, up from 1,500 on October 10."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("3,000")) == D(2024, 10, 23)
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("1,500")) == D(2024, 10, 10)


def test_as_of_skips_range_starts() -> None:
    sentence = "Since the invasion in February 2022, 600,000 were killed, he said on Monday."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("600,000")) == MONDAY
    assert resolve_as_of("Since 2022, 600,000 were killed.", WEDNESDAY, 12) is None


def test_a_change_and_the_level_it_reached_share_their_date() -> None:
    sentence = "Production fell 4.2% in September to 431,000 tons, the institute said on Monday."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("431,000")) == D(2024, 9, 1)
    based = "Output dropped 4% in September from a year earlier, to about 430,000 tonnes."
    assert resolve_as_of(based, WEDNESDAY, based.index("about 430,000")) == D(2024, 9, 1)
    # a level the move started from keeps its date to itself
    moved = "The toll rose from 37 on Saturday to 45, officials said."
    assert resolve_as_of(moved, WEDNESDAY, moved.index("45")) is None


def test_explicit_as_of_governs() -> None:
    sentence = "On Monday, Zelensky said 31,000 soldiers had been killed as of early 2023."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("31,000")) == D(2023, 1, 1)


def test_as_of_without_dates_or_figure_offset() -> None:
    assert resolve_as_of("About 5,000 troops are expected.", WEDNESDAY, 6) is None
    assert resolve_as_of("In June and in August, 12 died.", WEDNESDAY) == D(2024, 6, 1)
    assert resolve_as_of("On Monday 12 died.", None, 10) is None


@pytest.mark.parametrize(
    ("sentence", "first", "last", "precision"),
    [
        ("Revenue rose in the third quarter of 2024.", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("Third-quarter revenue rose.", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("Inflation was 2.8% in October 2024.", D(2024, 10, 1), D(2024, 10, 31), "month"),
        ("Employers added 64,000 jobs last month.", D(2024, 9, 1), D(2024, 9, 30), "month"),
        ("Overtime exceeded $30 million last year.", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("It rained this week.", D(2024, 10, 28), D(2024, 11, 3), "week"),
        ("Snow fell in winter 2024.", D(2023, 12, 1), D(2024, 2, 29), "season"),
        ("Jobs grew in late 2023.", D(2023, 10, 1), D(2023, 12, 31), "season"),
        ("Jobs grew in mid-2023.", D(2023, 4, 1), D(2023, 9, 30), "season"),
        ("Rates fell in late June.", D(2024, 6, 21), D(2024, 6, 30), "week"),
        ("The Fed meets on January 27-28, 2026.", D(2026, 1, 27), D(2026, 1, 28), "day"),
        ("It hit 40C on Monday.", MONDAY, MONDAY, "day"),
    ],
)
def test_periods_carry_their_last_day(
    sentence: str, first: dt.date, last: dt.date, precision: str
) -> None:
    (expr,) = resolve_date_expressions(sentence, WEDNESDAY)
    assert (expr.date, expr.last, expr.precision) == (first, last, precision)


def test_period_end_as_of_for_figures_for_a_period() -> None:
    sentence = "Revenue was $4.21 billion in September, up 12%."
    assert resolve_as_of(sentence, WEDNESDAY, 12) == D(2024, 9, 1)
    assert resolve_as_of(sentence, WEDNESDAY, 12, period_end=True) == D(2024, 9, 30)


def test_a_quarter_is_a_reporting_period_and_holds_at_its_end() -> None:
    sentence = "Revenue was $4.21 billion in the third quarter, up 12%."
    assert resolve_as_of(sentence, WEDNESDAY, 12) == D(2024, 9, 30)


def test_relative_days_count_from_the_day_the_sentence_names() -> None:
    sentence = (
        "The ministry said on Tuesday that 4,812 cases were recorded, up from 4,650 a day earlier."
    )
    found = resolve_date_expressions(sentence, WEDNESDAY)
    assert [(e.text, e.date) for e in found] == [
        ("Tuesday", D(2024, 10, 29)),
        ("a day earlier", D(2024, 10, 28)),
    ]
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("4,812")) == D(2024, 10, 29)
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("4,650")) == D(2024, 10, 28)
    assert only("A day earlier, 12 died.")[1] == D(2024, 10, 29)


def test_a_date_attached_to_another_number_is_not_the_figures() -> None:
    sentence = (
        "Police said on Sunday that 52 people had been arrested, up from 37 on Saturday, and "
        "that 14 officers had been injured."
    )
    sunday, saturday = D(2024, 10, 27), D(2024, 10, 26)
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("52")) == sunday
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("37")) == saturday
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("14")) == sunday


def test_a_subordinate_clause_keeps_its_own_date() -> None:
    sentence = "Trains ran normally this morning after six stations were closed on Saturday."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("six")) == D(2024, 10, 26)


def test_an_event_clause_after_since_takes_the_event_date() -> None:
    sentence = "It was the worst since the February 2023 quakes, which killed 50,000 people."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("50,000")) == D(2023, 2, 1)
    sentence = "Since February 2022, which was cold, 600,000 have been killed."
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index("600,000")) is None


def test_running_totals_have_no_as_of() -> None:
    for sentence in ("Shares rose 20% so far this year.", "Over the past week, 40 died."):
        assert resolve_as_of(sentence, WEDNESDAY, sentence.index("0")) is None


# --- publication stamp ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Headline\n\nLast updated on October 28th, 2024 at 06:09 pm\n\nBody text.",
            dt.datetime(2024, 10, 28, 18, 9, tzinfo=dt.UTC),
        ),
        (
            "Published: 28 October 2024 10:32 GMT\nUpdated: 29 October 2024 08:00 GMT",
            dt.datetime(2024, 10, 28, 10, 32, tzinfo=dt.UTC),
        ),
        (
            "Updated: 29 October 2024\nPublished: 28 October 2024",
            dt.datetime(2024, 10, 28, tzinfo=dt.UTC),
        ),
        (
            "posted 2024-10-28T18:09:00+02:00 by staff",
            dt.datetime(2024, 10, 28, 18, 9, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        (
            "By Jane Doe\nOctober 28, 2024\nThe council voted 7-2.",
            dt.datetime(2024, 10, 28, tzinfo=dt.UTC),
        ),
        (
            "Updated 10:42 a.m. EDT, Tue October 29, 2024",
            dt.datetime(2024, 10, 29, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
        ),
        (
            "Maria Esquivel | Coastline Public Radio | July 11, 2025\n\nText.",
            dt.datetime(2025, 7, 11, tzinfo=dt.UTC),
        ),
    ],
)
def test_publication_stamp_in_text(text: str, expected: dt.datetime) -> None:
    assert extract_dates_for_published(text) == expected


def test_publication_stamp_with_zone_abbreviation_follows_daylight_time() -> None:
    found = extract_dates_for_published("Published July 9, 2025, 3:00 p.m. PT | Updated 3:40 p.m.")
    assert found is not None
    assert found.isoformat() == "2025-07-09T15:00:00-07:00"


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON, Oct 28 (Reuters) - Officials said.",
        "Putin met Kim in Pyongyang on June 18, 2024, where they signed a pact.",
        "Updated: 4 days ago",
        "",
    ],
)
def test_no_publication_stamp(text: str) -> None:
    assert extract_dates_for_published(text) is None


_SATURDAY = dt.date(2025, 7, 12)


def test_the_day_a_clause_is_reported_dates_every_figure_it_reports() -> None:
    sentence = (
        "Storms have killed at least 31 people and left 12 missing, the regional agency "
        "said on Saturday, as crews cleared roads."
    )
    for figure in ("31", "12"):
        assert resolve_as_of(sentence, _SATURDAY, sentence.index(figure)) == _SATURDAY


def test_a_date_after_another_figure_still_belongs_to_that_figure() -> None:
    sentence = "The toll rose to 2,600, up from 1,200 on Monday."
    assert resolve_as_of(sentence, _SATURDAY, sentence.index("2,600")) is None


def test_a_year_qualifying_the_figure_s_noun_dates_that_figure_only() -> None:
    sentence = "The river reached 6.1m, beating the 1998 record of 5.9m."
    assert resolve_as_of(sentence, _SATURDAY, sentence.index("5.9m")) == dt.date(1998, 1, 1)
    assert resolve_as_of(sentence, _SATURDAY, sentence.index("6.1m")) is None


def test_a_year_before_a_counted_noun_is_a_count() -> None:
    assert resolve_date_expressions("Crews rebuilt the 2024 homes it lost.", _SATURDAY) == []


@pytest.mark.parametrize(
    ("sentence", "figure", "date"),
    [
        ("Exports fell to $3bn in June, from $2.5bn a month earlier.", "2.5bn", D(2025, 5, 1)),
        ("Unemployment was 5.2% in May, against 4.9% a year earlier.", "4.9", D(2024, 5, 1)),
        ("Q2 sales were $4bn, from $3.5bn a year earlier.", "3.5bn", D(2024, 6, 30)),
        ("The toll was 120 on Friday, up from 90 two days earlier.", "90", D(2025, 7, 9)),
    ],
)  # fmt: skip
def test_a_month_or_year_earlier_counts_from_the_period_the_sentence_named(
    sentence: str, figure: str, date: dt.date
) -> None:
    assert resolve_as_of(sentence, _SATURDAY, sentence.index(figure)) == date


def test_a_toll_holds_when_it_is_reported_not_when_the_event_happened() -> None:
    sentence = "A fire broke out on Friday, killing 17 workers, police said on Saturday."
    near = sentence.index("17")
    assert resolve_as_of(sentence, _SATURDAY, near) == D(2025, 7, 11)
    assert resolve_as_of(sentence, _SATURDAY, near, running=True) == _SATURDAY
    attached = "The toll rose to 40, up from 17 on Friday, police said on Saturday."
    near = attached.index("17")
    assert resolve_as_of(attached, _SATURDAY, near, running=True) == D(2025, 7, 11)


def test_a_deadline_ahead_does_not_date_a_figure_reported_as_done() -> None:
    sentence = "The railway said 11 coaches had derailed and the line would reopen by Wednesday."
    near = sentence.index("11")
    assert resolve_as_of(sentence, _SATURDAY, near, forecast=False) is None
    assert resolve_as_of(sentence, _SATURDAY, near) == D(2025, 7, 16)


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        # the period a change is measured against is not the change's own date
        ("The crop was 8.3 million tonnes, down 2% from a year earlier.", "2%", None),
        ("Sales rose 3% compared with the same period last year.", "3%", None),
        ("Exports fell 5% on last year, the ministry said on Tuesday.", "5%", D(2024, 10, 29)),
        ("Revenue was $3bn in 2024, up 4% from 2023.", "4%", D(2024, 1, 1)),
        ("The harvest was 4% lower than last year.", "4%", None),
        ("Prices were 12% higher than a year ago.", "12%", None),
        # "on" before a day still dates the figure
        ("Shares rose 3% on Monday.", "3%", MONDAY),
        ("Shares were 3% up on Monday.", "3%", MONDAY),
        # a date attached through another number stays that number's
        ("Exports reached 40,000 tonnes last year.", "40,000", D(2023, 1, 1)),
    ],
)
def test_a_change_is_not_dated_by_its_comparison_base(
    sentence: str, figure: str, expected: dt.date | None
) -> None:
    assert resolve_as_of(sentence, WEDNESDAY, sentence.index(figure)) == expected
