"""extract_article end to end on small real-shaped articles (no seed text)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.domain.extraction import extract_article
from service.domain.model import ExtractedArticle, ExtractedAssertion, Qualifier

PUBLISHED = dt.datetime(2025, 3, 5, 12, 0, tzinfo=dt.UTC)  # a Wednesday


def _assertions(article: ExtractedArticle) -> list[ExtractedAssertion]:
    return [a for claim in article.claims for a in claim.assertions]


def _one(article: ExtractedArticle, fragment: str) -> ExtractedAssertion:
    found = [a for a in _assertions(article) if fragment in a.text]
    assert len(found) == 1, [a.text for a in _assertions(article)]
    return found[0]


def test_outcomes_keep_deaths_injuries_and_evacuations_apart() -> None:
    article = extract_article(
        text=(
            "A powerful earthquake struck eastern Turkey on Monday, killing 1,200 people and "
            "injuring 4,300, the interior ministry said. About 150,000 people were evacuated "
            "from Van province, and 380 buildings were destroyed."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "1,200").quantity == "deaths"
    assert _one(article, "4,300").quantity == "injuries"
    assert _one(article, "150,000").quantity == "evacuated"
    assert _one(article, "380").quantity == "buildings destroyed"
    killed = _one(article, "1,200")
    assert killed.attributed_to == "interior ministry"
    assert killed.as_of == dt.date(2025, 3, 3)


def test_demonym_gives_the_subject_and_prepositions_the_place() -> None:
    article = extract_article(
        text="Officials said approximately 2,000 French soldiers are stationed in Mali.",
        published_at=PUBLISHED,
    )
    troops = _one(article, "2,000")
    assert troops.quantity == "troops"
    assert troops.subject == "france"
    assert troops.location == "mali"
    assert troops.qualifier is Qualifier.APPROX
    assert troops.low == troops.high == 2000


def test_killed_or_wounded_counts_casualties_not_troops() -> None:
    article = extract_article(
        text="More than 300 Sudanese soldiers have been killed or wounded since April.",
        published_at=PUBLISHED,
    )
    figure = _one(article, "300")
    assert figure.quantity == "casualties"
    assert figure.subject == "sudan"
    assert figure.qualifier is Qualifier.MORE_THAN


def test_forecast_words_mark_the_figure() -> None:
    article = extract_article(
        text=(
            "The company expects revenue of between $4.3 billion and $4.5 billion next "
            "quarter. Its revenue was $4.21 billion last quarter."
        ),
        published_at=PUBLISHED,
    )
    outlook = _one(article, "$4.3 billion")
    actual = _one(article, "$4.21 billion")
    assert outlook.is_forecast and not actual.is_forecast
    assert outlook.quantity == actual.quantity == "revenue"
    assert outlook.unit == actual.unit == "USD"


def test_percentages_take_the_noun_before_them() -> None:
    article = extract_article(
        text="Turnout was 67% in the capital, while unemployment rose to 5.2% in March.",
        published_at=PUBLISHED,
    )
    assert _one(article, "67%").quantity == "turnout"
    assert _one(article, "5.2%").quantity == "unemployment rate"


def test_page_chrome_and_bylines_are_not_figures() -> None:
    article = extract_article(
        text=(
            "Flooding hits coastal towns\n\nUpdated: 4 days ago\n\n"
            "Rescuers pulled 40 people from the water, police said.\n\n0 Comments"
        ),
        published_at=PUBLISHED,
    )
    texts = [a.text for a in _assertions(article)]
    assert len(texts) == 1
    assert texts[0].startswith("40")


def test_quote_sentence_inherits_the_speaker_of_its_paragraph() -> None:
    article = extract_article(
        text=(
            "“We will not stop until every family is safe,” Mayor Jane Holloway said. "
            "“This city has never seen anything like it.”"
        ),
        published_at=PUBLISHED,
    )
    speakers = [claim.speaker for claim in article.claims]
    assert speakers and all(s is not None and "Holloway" in s for s in speakers)


def test_claims_without_figures_need_an_entity_and_a_verb() -> None:
    article = extract_article(
        text="The weather was mild. Germany confirmed it had closed the border.",
        published_at=PUBLISHED,
    )
    assert [c.text for c in article.claims] == ["Germany confirmed it had closed the border."]
    assert "germany" in article.claims[0].entities
    assert any(e.key == "germany" for e in article.entities)


def test_offsets_point_into_the_cleaned_text() -> None:
    article = extract_article(
        text="  Police arrested 52 people in Paris on Saturday.\n\n\nAbout 48,000 marched.  ",
        published_at=PUBLISHED,
    )
    for claim in article.claims:
        assert article.text[claim.start : claim.end] == claim.text
        for a in claim.assertions:
            assert article.text[a.start : a.end] == a.text


def test_html_input_is_cleaned_first() -> None:
    html = (
        "<html><head><title>Storm update</title></head><body><nav>Home | News</nav>"
        "<article><h1>Storm update</h1><p>The storm destroyed 120 homes in Florida, "
        "officials said on Tuesday.</p></article></body></html>"
    )
    article = extract_article(html=html, published_at=PUBLISHED)
    assert "Home | News" not in article.text
    homes = _one(article, "120")
    assert homes.quantity == "homes destroyed"


def test_exactly_one_input_is_required() -> None:
    with pytest.raises(ValueError):
        extract_article()
    with pytest.raises(ValueError):
        extract_article(text="a", html="<p>a</p>")


def test_a_thousand_figures_in_one_sentence_are_handled() -> None:
    figures = ", ".join(f"{n} homes" for n in range(1, 1001))
    article = extract_article(text=f"Officials counted {figures} in the region.")
    assert 0 < len(_assertions(article)) <= 1000


def test_spans_of_time_and_word_compounds_are_not_figures() -> None:
    article = extract_article(
        text=(
            "Three days after the storm, the bank made its first cut in four years and "
            "announced a 90-day pause, raising concerns over a third-party lender."
        ),
        published_at=PUBLISHED,
    )
    texts = [a.text for a in _assertions(article)]
    assert all("four years" not in t and "Three days" not in t for t in texts)
    assert all("third" not in t for t in texts)


def test_every_key_an_assertion_holds_is_returned_as_an_entity() -> None:
    article = extract_article(
        text=(
            "The Federal Reserve cut interest rates by a quarter of a percentage point. "
            "The Federal Reserve said its benchmark rate now stands at 3.5%. The Federal "
            "Reserve expects inflation of 2.4% next year, the Federal Reserve said."
        ),
        published_at=PUBLISHED,
    )
    known = {e.key for e in article.entities}
    for a in _assertions(article):
        for key in (a.subject, a.location, a.attributor):
            assert key is None or key in known


def test_article_place_fills_figures_that_name_none() -> None:
    article = extract_article(
        text=(
            "Floods in Kenya\n\n"
            "Heavy rain caused flooding across Kenya on Monday. The Kenya Red Cross said "
            "120 people had died. Roads in Kenya were cut, and Kenya's government said 4,000 "
            "homes were destroyed."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "120").location == "kenya"
    assert _one(article, "4,000").location == "kenya"


def test_story_across_countries_has_no_article_place() -> None:
    article = extract_article(
        text=(
            "Germany, France and Italy signed the accord. Germany said 300 engineers would "
            "join, France said 200, and Italy pledged support. Officials counted 45 sites."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "45").location is None


def test_chains_and_restatements_keep_the_quantity() -> None:
    article = extract_article(
        text=(
            "Net profit rose 12 per cent to $612m, up from $540m a year earlier. "
            "The fire grew to 12,400 acres, or about 19 square miles, by Wednesday. "
            "Police said 14 officers had been hurt in the capital and 31 officers nationwide."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "12 per cent").quantity == "growth"
    assert _one(article, "$612m").quantity == "profit"
    assert _one(article, "$540m").quantity == "profit"
    assert _one(article, "12,400 acres").quantity == "territory burned"
    assert _one(article, "19 square miles").quantity == "territory burned"
    assert _one(article, "14 officers").quantity == "injuries"
    assert _one(article, "31 officers").quantity == "injuries"
