"""The article's focus place: figures that name no place of their own take it."""

from __future__ import annotations

import datetime as dt
import random
import re

from service.domain import focus
from service.domain.extraction import extract_article
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 7, 14, 12, 0, tzinfo=dt.UTC)


def test_a_country_that_only_locates_its_region_leaves_the_story_in_the_region() -> None:
    article = extract_article(
        text=(
            "MUMBAI, India (Reuters) - Landslides in India's western state of Maharashtra "
            "have killed at least 58 people, officials said on Sunday.\n\n"
            "More than 12,000 people have been moved to relief camps, according to the "
            "state disaster agency. India's weather office expects more rain."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "12,000").location == "maharashtra"


def test_a_demonym_does_not_pull_a_regional_story_back_to_its_country() -> None:
    article = extract_article(
        text=(
            "The death toll from floods in Bavaria has risen to 14, German authorities said "
            "on Friday, and 3,000 people were evacuated.\n\n"
            "German officials said damage could run to hundreds of millions of euros."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "3,000").location == "bavaria"


def test_the_place_an_event_happened_in_leads_a_live_page() -> None:
    article = extract_article(
        text=(
            "Japan earthquake live: toll rises\n\n"
            "Key points\n- Rescuers search collapsed homes\n\n"
            "09:10 GMT\nThe fire and disaster agency said the earthquake in Ishikawa had "
            "killed 73 people. Japan's government sent 1,000 troops.\n\n"
            "08:00 GMT\nAftershocks continued overnight; 200 people remain in shelters. "
            "Trains to Osaka ran normally and Tokyo markets were calm."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "200 people").location == "ishikawa"


def test_a_story_set_in_one_country_without_a_leading_place_is_in_that_country() -> None:
    article = extract_article(
        text=(
            "Kenya's population reached 52.4 million, the national statistics bureau said, "
            "up from 47.6 million a decade earlier.\n\n"
            "Nairobi grew fastest, while Mombasa, Kisumu, Nakuru and Eldoret also grew. "
            "Mombasa added 200,000 residents and Kisumu 90,000."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "52.4 million").location == "kenya"


def test_a_place_named_in_apposition_to_the_capital_places_the_figure() -> None:
    article = extract_article(
        text="Organisers said 15,000 protesters gathered in the capital, Marenburg.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "15,000").location == "marenburg"


def test_where_someone_spoke_does_not_place_the_figure() -> None:
    article = extract_article(
        text=(
            "The outbreak has spread across the north. Speaking to reporters in Geneva, the "
            "agency's chief said 1,200 cases had been confirmed. Malawi and Zambia reported "
            "most cases."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "1,200").location is None


def test_another_country_reporting_its_own_count_places_it_there() -> None:
    article = extract_article(
        text=(
            "GENEVA (Wire) - Mpox cases in the Democratic Republic of Congo have risen to "
            "18,900 this year, with 610 deaths, the World Health Organization said on Friday, "
            "warning that testing covers only about 40% of suspected cases.\n\n"
            "Congo's health ministry put the death toll at 650. Vaccination has reached "
            "120,000 people in the east.\n\nNeighbouring Burundi has reported 1,100 cases."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "650").location == "democratic-republic-of-the-congo"
    assert the_figure(article, "1,100").location == "burundi"


def test_company_references_are_found_as_by_their_word_boundary_form() -> None:
    plain = re.compile(focus._COMPANY_REFERENCE.pattern.replace(r"[Tt](?<!\w.)he", r"\b[Tt]he", 1))
    assert plain.pattern != focus._COMPANY_REFERENCE.pattern
    text = (
        "The company said. the U.S. chipmaker's plan; bathe the lender; xThe firm; Othe bank; "
        "The Oslo-based airline; The"
    )
    expected = [m.span() for m in plain.finditer(text)]
    assert expected  # the text exercises the pattern
    assert [m.span() for m in focus._COMPANY_REFERENCE.finditer(text)] == expected


def test_datelines_are_those_of_a_whole_text_scan() -> None:
    # a dateline may cross a line end ("ANKARA\n(Meridian) -"): a line opening inside it
    # opens none
    pieces = ["ANKARA", "B.", "O'", ", Oct 11 (Reuters)", "(Meridian)", " (Meridian)", " - "]
    pieces += [" — ", "\n", "\n\n", " ", "x", "\u00c9", "Ab", "-", ",", "(", ")", "\x0b"]
    rng = random.Random(5)
    texts = ["ANKARA\n(Meridian) - x\nBONN - y", "ANKARA\n(M) -\nBONN - z"]
    texts += ["".join(rng.choice(pieces) for _ in range(12)) for _ in range(3000)]
    found = 0
    for text in texts:
        expected = [m.span() for m in focus._DATELINE.finditer(text)]
        assert focus.dateline_spans(text) == expected, text
        found += len(expected)
    assert found > 50


def test_an_event_before_a_place_is_found_as_by_a_word_boundary_scan() -> None:
    # the reference: the event pattern after a word boundary, searched in the 60 characters
    # before the place
    plain = re.compile(rf"\b{focus._EVENT}")
    pieces = ["fire", "earthquakes", "floods", "sank", "crashes", "riots", "wildfire", "xfire"]
    pieces += [" that hit", " in", " near", " off", " the", " northern", " town of", " ", "\n"]
    pieces += ["_", "1", "é", "ab", ".", " ", " ", "Van"]
    rng = random.Random(7)
    texts = ["The earthquake in Van", "fire in Van", "a 1fire in Van", "x" * 55 + " fire in "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    # an event word at the first of the 60 characters, or just before it ("[a-z]+ern" is long)
    for lead in ("", "x", " ", "é", "_"):
        texts += [f"{lead}fire in the {'q' * n}ern Van" for n in range(40, 48)]
    found = 0
    for text in texts:
        for end in range(len(text) + 1):
            expected = plain.search(text, max(0, end - 60), end) is not None
            assert focus._event_before(text, end) == expected, (text, end)
            found += expected
    assert found > 100
