"""One count named one way whatever words an outlet uses (quantity table version 13).

Each case is a pair of real newswire phrasings of the same count from two outlets; the pairs
that must stay apart are checked too (a cancelled flight is no delayed flight).
"""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.extraction import extract_article
from service.domain.quantities import canonical_quantity, plural
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 2, 12, 17, 30, tzinfo=dt.UTC)  # a Thursday


@pytest.mark.parametrize(
    ("one", "other", "name"),
    [
        # an action noun after its noun is that noun with the participle, in either order
        ("school closures", "schools closed", "schools closed"),
        ("road closures", "roads shut", "roads closed"),
        ("flight cancellations", "cancelled flights", "flights cancelled"),
        ("bus cancellations", "buses cancelled", "buses cancelled"),
        ("flights grounded", "flights cancelled", "flights cancelled"),
        ("train delays", "trains delayed", "trains delayed"),
        ("ship diversions", "ships diverted", "ships diverted"),
        # synonyms of newswire counts
        ("cars affected", "vehicles recalled", "vehicles"),
        ("Terra SUVs", "trucks", "vehicles"),
        ("accidents linked to the fault", "crashes", "crashes"),
        ("collisions", "road accidents", "crashes"),
        ("vessels waiting at anchor", "ships", "ships"),
        ("properties flooded", "homes flooded", "homes flooded"),
        ("striking workers", "strikers", "strikers"),
        ("dockworkers striking", "workers striking", "strikers"),
        # an irregular participle after its noun does not name the count
        ("containers stuck on the quays", "containers", "containers"),
        # "until" ends the counted phrase like "by" or "after"
        ("flood warnings until Saturday", "flood warnings", "warnings"),
    ],
)
def test_two_outlets_words_for_one_count_give_one_name(one: str, other: str, name: str) -> None:
    assert canonical_quantity(one) == canonical_quantity(other) == name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("flights cancelled", "flights delayed"),
        ("flights cancelled", "flights"),  # "authorised 30 flights to operate"
        ("schools closed", "roads closed"),
        ("closures", "schools closed"),  # a bare action noun names no thing
        ("vehicles recalled", "people injured"),
        ("crashes", "injuries"),
        ("strikers", "employees"),
        ("ships", "rescue boats"),
    ],
)
def test_different_counts_keep_different_names(one: str, other: str) -> None:
    assert canonical_quantity(one) != canonical_quantity(other)


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("school", "schools"), ("bus", "buses"), ("branch", "branches"), ("ferry", "ferries"),
     ("day", "days"), ("sales", "sales")],
)  # fmt: skip
def test_plural_of_a_modifier_noun(noun: str, expected: str) -> None:
    assert plural(noun) == expected


def test_outlets_naming_a_strike_differently_count_strikers() -> None:
    article = extract_article(
        text=(
            "About 2,300 dockworkers walked off the job at the port on Wednesday, the port "
            "authority said. The union said 2,600 workers had joined the 48-hour stoppage. "
            "The union says about 2,900 dockers have stopped work. Some 1,200 nurses are on "
            "strike in the city. The company employs 9,000 people."
        ),
        published_at=PUBLISHED,
    )
    for text in ("About 2,300 dockworkers", "2,600 workers", "about 2,900 dockers"):
        assert the_figure(article, text).quantity == "strikers"
    assert the_figure(article, "Some 1,200 nurses").quantity == "strikers"
    assert the_figure(article, "9,000 people").quantity == "employees"


def test_taking_part_in_a_strike_is_striking_not_marching() -> None:
    article = extract_article(
        text=(
            "More than 4,000 people took part in the strike, the union said. About 20,000 "
            "people took part in the march on Saturday."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "More than 4,000 people").quantity == "strikers"
    assert the_figure(article, "About 20,000 people").quantity == "protesters"


def test_closures_and_cancellations_read_from_verbs_and_nouns_alike() -> None:
    article = extract_article(
        text=(
            "Twenty-three schools were closed and 18 roads were shut, the county council said. "
            "School closures rose to 27 by the afternoon, and road closures stood at 18. "
            "The airline cancelled 412 flights on Tuesday. Flight cancellations reached 438 "
            "by the evening. Another 90 flights were delayed."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "Twenty-three schools").quantity == "schools closed"
    assert the_figure(article, "27").quantity == "schools closed"
    assert the_figure(article, "18 roads").quantity == "roads closed"
    assert the_figure(article, "412 flights").quantity == "flights cancelled"
    assert the_figure(article, "438").quantity == "flights cancelled"
    assert the_figure(article, "90 flights").quantity == "flights delayed"


def test_a_plural_subject_opening_the_clause_names_the_level_its_verb_reached() -> None:
    article = extract_article(
        text=(
            "Flood warnings in force across the West Midlands fell to 38 on Thursday "
            "afternoon, the Environment Agency said. The backlog of containers waiting on "
            "Rotterdam's quays grew to 51,000 by Wednesday evening. Passenger numbers at the "
            "airport reached 5.6 million in July."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "38").quantity == "warnings"
    assert the_figure(article, "51,000").quantity == "containers"
    assert the_figure(article, "5.6 million").quantity == "people"  # passengers


def test_a_bare_action_noun_acts_on_what_the_figure_before_counted() -> None:
    article = extract_article(
        text=(
            "Ships queuing to enter the port rose to 41 by the evening, and diversions to "
            "other ports reached 15, the authority said. Earlier, 12 ships had been diverted."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "41").quantity == "ships"
    assert the_figure(article, "15").quantity == the_figure(article, "12 ships").quantity
    assert the_figure(article, "15").quantity == "ships diverted"


def test_a_named_model_of_a_counted_thing_counts_the_thing() -> None:
    article = extract_article(
        text="The recall covers 168,400 Terra SUVs in the US, according to the filing.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "168,400 Terra SUVs").quantity == "vehicles"


def test_people_ordered_out_or_under_orders_are_evacuated_and_lifted_orders_are_not() -> None:
    article = extract_article(
        text=(
            "More than 10,000 people were ordered to flee, according to the sheriff. Roughly "
            "6,200 people remained under orders on Friday night. The sheriff's office lifted "
            "evacuation orders for about 4,000 residents of Fillmore on Friday. Some 900 "
            "villagers had to flee their homes."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "More than 10,000 people").quantity == "evacuated"
    assert the_figure(article, "Roughly 6,200 people").quantity == "evacuated"
    assert the_figure(article, "about 4,000 residents").quantity != "evacuated"


def test_a_modal_doubting_the_cause_does_not_make_a_count_a_forecast() -> None:
    article = extract_article(
        text=(
            "The filing lists 16 accidents and 11 people injured that may be linked to the "
            "fault. The union said 1,200 jobs could go by 2027."
        ),
        published_at=PUBLISHED,
    )
    assert not the_figure(article, "11 people injured").is_forecast
    assert the_figure(article, "11 people injured").quantity == "injuries"
    assert the_figure(article, "16 accidents").quantity == "crashes"
    assert the_figure(article, "1,200 jobs").is_forecast


def test_a_percentage_offered_is_the_offer_whatever_the_verb() -> None:
    article = extract_article(
        text=(
            "The union is demanding a 12% pay rise over two years; Aquila has offered 6.5%. "
            "The employers' offer stands at 4 per cent. Chief executive Paolo Greco said the "
            "offer of 7% was final. The party took 33.8% of the vote."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "6.5%").quantity == "offer"
    assert the_figure(article, "4 per cent").quantity == "offer"
    assert the_figure(article, "12% pay rise").quantity == "growth"
    assert the_figure(article, "7%").quantity == "offer"
    assert the_figure(article, "33.8%").quantity == "share"


def test_a_pronoun_before_a_figure_stands_for_what_the_figure_before_counted() -> None:
    article = extract_article(
        text=(
            "The union said drought losses in Andalusia had reached €1.9 billion, and warned "
            "they could exceed €2 billion by the end of August."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "€1.9 billion").quantity == "losses"
    assert the_figure(article, "€2 billion").quantity == "losses"


@pytest.mark.parametrize(
    "sentence",
    [
        "Turnout was 66.23 per cent, the ministry said, revising an earlier estimate of 64%.",
        "Turnout reached 66.2%, up from a preliminary count of 64%, the ministry said.",
    ],
)
def test_an_earlier_reading_of_a_figure_counts_the_same_thing(sentence: str) -> None:
    article = extract_article(text=sentence, published_at=PUBLISHED)
    assert the_figure(article, "64%").quantity == the_figure(article, "66.2").quantity


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        ("Turnout two years ago was 51.46%, the ministry said.", "51.46%", "turnout"),
        ("Inflation a year ago was 3.2%.", "3.2%", "inflation"),
        ("Profit 5 years ago was $3 million.", "$3 million", "profit"),
    ],
)
def test_a_time_ago_between_noun_and_figure_is_not_what_is_counted(
    sentence: str, figure: str, name: str
) -> None:
    article = extract_article(text=sentence, published_at=PUBLISHED)
    assert the_figure(article, figure).quantity == name


@pytest.mark.parametrize(
    ("sentence", "figure", "name"),
    [
        (
            "Copper production fell 4.2% year on year in September to 431,000 tons.",
            "431,000",
            "copper production",
        ),
        ("Exports rose 5% in March 2024 to $20 billion.", "$20 billion", "exports"),
        ("Output rose 3% year-on-year to 12,000 tonnes.", "12,000", "production"),
        ("Unemployment in March was 4.1%.", "4.1%", "unemployment rate"),
        ("Codelco said its own output rose slightly to 118,000 tons.", "118,000", "production"),
        ("Sales excluding fuel reached £31.5bn in the first half.", "£31.5bn", "revenue"),
        ("Its share of the British grocery market climbed to 28.1 per cent.", "28.1", "share"),
        ("The value of the new hospital contract rose to $3 billion.", "$3 billion", "value"),
        ("Oil slid 2% on the news, with Brent settling at $80.86.", "$80.86", "amount"),
        ("Saudi Arabia pumps around 9 million bpd.", "9 million", "output"),
        ("Its appeal for $2.7 billion is only 41% funded.", "$2.7 billion", "funding"),
        ("The 2024 plan, seeking $2.7bn, was 41 per cent funded.", "$2.7bn", "funding"),
    ],
)
def test_a_time_phrase_before_the_level_reached_is_not_what_is_counted(
    sentence: str, figure: str, name: str
) -> None:
    article = extract_article(text=sentence, published_at=PUBLISHED)
    assert the_figure(article, figure).quantity == name


def test_a_past_record_after_a_change_is_a_record_of_the_level() -> None:
    article = extract_article(
        text=(
            "Spain welcomed a record 85.1 million foreign tourists in 2023, up 19% from a year "
            "earlier and surpassing the previous high of 83.5 million set in 2019."
        ),
        published_at=PUBLISHED,
    )
    growth = the_figure(article, "19%").quantity
    tourists = the_figure(article, "85.1 million").quantity
    assert growth == f"{tourists} growth"
    assert the_figure(article, "83.5 million").quantity == f"record {tourists}"


def test_a_percentage_more_than_before_is_a_change_of_the_sum_before() -> None:
    article = extract_article(
        text=(
            "Tourists spent 108.7 billion euros during their stays, 24.7% more than in 2022.\n\n"
            "Foreign visitors spent 108.6 billion euros, up nearly 25% on 2022."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "24.7%").quantity == the_figure(article, "25%").quantity


def test_tourists_and_international_visitors_are_one_count() -> None:
    assert canonical_quantity("foreign tourists") == canonical_quantity("international visitors")
    assert canonical_quantity("holidaymakers") == "visitors"


def test_a_past_record_is_dated_by_its_own_phrase_only() -> None:
    article = extract_article(
        text=(
            "Spain received about 85 million international visitors last year, official data "
            "showed on Friday, beating the pre-pandemic record of 83.7 million.\n\n"
            "The Buzi river reached 8.4 metres on Sunday, breaking the 2019 record of 7.9 "
            "metres."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "83.7 million").as_of is None
    assert the_figure(article, "7.9 metres").as_of == dt.date(2019, 1, 1)


def test_a_rate_of_something_keeps_what_it_is_a_rate_of() -> None:
    assert canonical_quantity("the overall pass rate") == "pass rate"
    assert canonical_quantity("vacancy rate") != canonical_quantity("pass rate")
    assert canonical_quantity("jobless rate") == "unemployment rate"


def test_an_exam_results_story_reads_its_figures() -> None:
    article = extract_article(
        text=(
            "In 2019, the last year before the pandemic, 25.2% of entries received the top "
            "two grades.\n\n"
            "The overall pass rate was 97.3%. Some 246,295 students sat at least one exam."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "25.2%").as_of == dt.date(2019, 1, 1)
    assert the_figure(article, "97.3%").quantity == "pass rate"
    assert the_figure(article, "246,295").quantity == "students"
    assert not any(a.text.startswith("two") for c in article.claims for a in c.assertions)


def test_the_level_a_change_rose_from_is_the_level() -> None:
    article = extract_article(
        text="Revenue was up 27% from 843 million euros in 2022, the club said.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "27%").quantity == "revenue growth"
    assert the_figure(article, "843 million").quantity == "revenue"


def test_a_figure_projected_to_a_later_year_is_a_forecast() -> None:
    article = extract_article(
        text="The WHO estimates 55 million people have dementia, rising to 139 million by 2050.",
        published_at=PUBLISHED,
    )
    projected = the_figure(article, "139 million")
    assert projected.is_forecast
    assert projected.as_of == dt.date(2050, 1, 1)
    assert not the_figure(article, "55 million").is_forecast


def test_a_figure_in_a_clause_after_a_forecast_verb_is_no_forecast() -> None:
    article = extract_article(
        text=(
            "Tesco raised its full-year profit forecast on Wednesday after first-half sales "
            "rose 3.5%. It now expects profit of about 2.9 billion pounds."
        ),
        published_at=PUBLISHED,
    )
    assert not the_figure(article, "3.5%").is_forecast
    assert the_figure(article, "2.9 billion").is_forecast


def test_the_margin_a_record_is_beaten_by_is_no_second_level() -> None:
    article = extract_article(
        text=(
            "Global temperatures in 2023 were 1.48C higher than in pre-industrial times, "
            "smashing the previous record set in 2016 by 0.17C."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "0.17C").quantity == "margin"
    assert the_figure(article, "1.48C").quantity != "margin"
