"""Results and markets stories read right: firms joined by "&", analysts' estimates,
per-share figures, reporting periods and share-price moves."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from service.domain.model import EntityKind, ExtractedArticle
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 11, 25, 12, tzinfo=dt.UTC)


def _extract(text: str) -> ExtractedArticle:
    return extract_article(text=text, published_at=PUBLISHED)


def test_a_name_joined_by_ampersand_is_one_company_and_its_first_word_too() -> None:
    article = _extract(
        "Tallis Oven & Hearth said on Tuesday that sales rose 6% to $1.4 billion. "
        "Tallis's shares rose 3% in early trading."
    )
    entities = {e.key: e for e in article.entities}
    company = next(e for e in entities.values() if e.name == "Tallis Oven & Hearth")
    assert company.kind is EntityKind.ORGANIZATION
    assert not any(e.name in ("Hearth", "Tallis Oven", "Tallis") for e in entities.values())
    for figure in ("6%", "$1.4 billion", "3%"):
        assert the_figure(article, figure).subject == company.key
    assert the_figure(article, "6%").attributed_to == "Tallis Oven & Hearth"


def test_a_figure_for_a_period_holds_at_its_end_and_its_comparison_a_year_before() -> None:
    article = _extract(
        "Tallis Oven & Hearth said on Monday that revenue rose 4% to $3.3 billion in the "
        "six months to Sept. 30. Net income was $95 million, up from $81 million a year "
        "earlier, and it expects revenue of $7 billion for the year."
    )
    for figure in ("4%", "$3.3 billion", "$95 million"):
        assert the_figure(article, figure).as_of == dt.date(2025, 9, 30), figure
    assert the_figure(article, "$81 million").as_of == dt.date(2024, 9, 30)
    assert the_figure(article, "$7 billion").as_of != dt.date(2025, 9, 30)  # a forecast


def test_a_change_from_a_year_earlier_is_this_period_s() -> None:
    article = _extract(
        "Tallis Oven & Hearth said revenue was $3.3 billion, up 4% from a year earlier, in "
        "the quarter ended Sept. 30."
    )
    assert the_figure(article, "$3.3 billion").as_of == dt.date(2025, 9, 30)
    assert the_figure(article, "4%").as_of == dt.date(2025, 9, 30)


def test_whose_estimate_and_a_participle_before_a_result_noun_do_not_name_the_quantity() -> None:
    from service.domain.quantities import canonical_quantity

    assert canonical_quantity("analysts' expected quarterly revenue") == "revenue"
    assert canonical_quantity("full-year operating profit forecast") == "profit"
    assert canonical_quantity("staff deployed") == "staff"


def test_a_noun_phrase_a_possessive_opens_is_no_source() -> None:
    # "forecast" after "its" is a noun, not a reporting verb; the body that raised its
    # forecast is the source of the figure it now gives
    article = _extract(
        "The retailer raised its full-year profit forecast to between $3.10 and $3.25. "
        "Analysts said their estimates were too low. Shares rose 4%, its forecasts showed."
    )
    figure = the_figure(article, "$3.10")
    assert figure.attributed_to == "retailer"
    assert figure.is_forecast
    assert the_figure(article, "4%").attributed_to is None


def test_a_body_that_revises_or_keeps_its_estimate_is_its_source() -> None:
    article = _extract(
        "The agriculture ministry on Tuesday raised its estimate of the wheat harvest to "
        "34.1 million tonnes. The growers' association AGPB stuck to its estimate of 30.9 "
        "million tonnes. Harlow cut its forecast for full-year profit to £270 million, from "
        "at least £300 million previously."
    )
    assert the_figure(article, "34.1").attributed_to == "agriculture ministry"
    assert "AGPB" in (the_figure(article, "30.9").attributed_to or "")
    previous = the_figure(article, "£300 million")
    assert previous.is_forecast and previous.attributed_to == "Harlow"


def test_an_analysts_estimate_forecasts_what_it_estimates() -> None:
    article = _extract(
        "Tallis Oven & Hearth said revenue rose 6% to $1.4 billion, ahead of analysts' "
        "average estimate of $1.3 billion. It plans to cut about 200 jobs, below Wall Street "
        "expectations and said it would hire 50 engineers."
    )
    estimate = the_figure(article, "$1.3 billion")
    assert estimate.is_forecast
    assert estimate.quantity == "revenue"
    assert the_figure(article, "50 engineers").quantity != "revenue"


def test_a_figure_per_share_is_earnings_or_a_dividend_per_share() -> None:
    article = _extract(
        "The retailer expects full-year profit of between $3.10 and $3.25 per share. "
        "It lifted its dividend to 40 cents a share."
    )
    eps = the_figure(article, "$3.10")
    assert eps.quantity == "earnings per share"
    assert eps.unit == "USD"
    assert the_figure(article, "40 cents").quantity == "dividend per share"


def test_a_share_move_is_the_share_price_s_and_its_market_is_no_location() -> None:
    article = _extract(
        "Tallis Oven & Hearth reported higher sales on Tuesday. Tallis's shares rose 7% in "
        "early trading on Wall Street, while shares of Brevan Foods fell 2% in Milan."
    )
    rise = the_figure(article, "7%")
    assert rise.quantity == "share price growth"
    assert rise.location is None
    fall = the_figure(article, "2%")
    assert fall.quantity == "share price decline"
    assert fall.location == "milan"


def test_an_aside_does_not_hide_the_noun_a_change_is_of() -> None:
    article = _extract(
        "Tallis Oven & Hearth said pre-tax profit fell 14% to £182 million in the six months "
        "to Sept. 27. Like-for-like sales, which strip out new and closed stores, fell 2.5% "
        "in the period."
    )
    assert the_figure(article, "2.5%").as_of == dt.date(2025, 9, 27)


def test_an_estimate_word_closing_its_clause_is_a_noun() -> None:
    article = _extract("Tallis misses estimates, to cut 900 jobs after a weak quarter.")
    assert the_figure(article, "900 jobs").attributed_to is None
