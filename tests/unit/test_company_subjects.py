"""Whose a business or public figure is: companies named the way business copy names them,
bodies referred to by their kind, and territories owning their indicators."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from service.domain.model import EntityKind, ExtractedArticle
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 7, 24, 9, tzinfo=dt.UTC)


def _extract(text: str) -> ExtractedArticle:
    return extract_article(text=text, published_at=PUBLISHED)


def test_a_one_word_company_with_a_ticker_owns_its_results() -> None:
    article = _extract(
        "Shares of Kellbrook (NYSE: KLB) fell 3% on Tuesday after the retailer reported "
        "sales of $12.1 billion. Kellbrook's net income was $310 million."
    )
    kinds = {e.key: e.kind for e in article.entities}
    assert kinds.get("kellbrook") is EntityKind.ORGANIZATION
    assert "nyse" not in kinds  # the exchange in a ticker is nobody's subject
    for figure in ("3%", "$12.1 billion", "$310 million"):
        assert the_figure(article, figure).subject == "kellbrook"


def test_a_company_reporting_its_results_is_their_owner() -> None:
    article = _extract(
        "Kellbrook said on Tuesday that quarterly sales rose 4% to $12.1 billion. The "
        "supermarket chain said net income was $310 million."
    )
    assert the_figure(article, "$12.1 billion").subject == "kellbrook"
    assert the_figure(article, "$310 million").subject == "kellbrook"


def test_an_appositive_names_the_company_not_its_country() -> None:
    article = _extract(
        "Aerovia, the Portuguese airline, carried 1.2 million passengers in June, up 8%."
    )
    assert the_figure(article, "1.2 million").subject == "aerovia"


def test_a_country_describing_a_company_is_not_the_actor() -> None:
    article = _extract(
        "Halden Bank ASA (HALD.OL) reported a net profit of 4.6 billion crowns on Thursday. "
        "Halden, Norway's third-largest lender, also said it would close 25 of its 140 "
        "branches. Shares in Halden rose 4.3%."
    )
    assert the_figure(article, "140 branches").subject == "halden-bank"
    assert the_figure(article, "4.3%").subject == "halden-bank"


def test_a_maker_before_a_model_number_is_a_product() -> None:
    article = _extract(
        "A passenger jet operated by Skyline Airways skidded off the runway on Sunday. The "
        "Airbus A320 was carrying 164 passengers, the airline said."
    )
    assert the_figure(article, "164 passengers").subject == "skyline-airways"


def test_the_council_refers_to_the_council_named_before() -> None:
    article = _extract(
        "Leeds City Council approved its budget on Wednesday. The council will cut 120 jobs."
    )
    assert the_figure(article, "120 jobs").subject == "leeds-city-council"


def test_an_unnamed_union_does_not_lend_its_members_to_the_company() -> None:
    article = _extract(
        "Ryanair said it would cancel 400 flights on Friday. The airline carried 19.3 "
        "million passengers in June.\n\nThe union, which has 14,000 members, called the "
        "strike."
    )
    assert the_figure(article, "400 flights").subject == "ryanair"
    assert the_figure(article, "19.3 million").subject == "ryanair"
    assert the_figure(article, "14,000 members").subject is None


def test_a_territory_owns_its_indicators() -> None:
    article = _extract(
        "Chile's annual inflation rate slowed to 4.1% in March, the statistics institute "
        "said on Monday. The unemployment rate rose to 8.7%."
    )
    assert the_figure(article, "4.1%").subject == "chile"
    assert the_figure(article, "8.7%").subject == "chile"


def test_a_possessive_body_is_its_own_actor() -> None:
    article = _extract("Kenya's central bank kept its benchmark rate at 10.75% on Tuesday.")
    assert the_figure(article, "10.75%").subject == "kenya-central-bank"


def test_an_index_relative_clause_is_not_the_company_move() -> None:
    article = _extract(
        "Shares of Kellbrook (NYSE: KLB) rose 4.3% on Tuesday, outperforming the "
        "benchmark index, which was up 0.6%, and the S&P 500, which rose 0.4%."
    )
    assert the_figure(article, "4.3%").subject == "kellbrook"
    assert the_figure(article, "0.6%").subject is None
    assert the_figure(article, "0.4%").subject == "sp-500"


def test_a_price_target_is_the_covered_company_s() -> None:
    article = _extract(
        "Shares of Kellbrook (NYSE: KLB) fell 8% on Tuesday after the retailer cut its "
        "forecast. Kellbrook said sales rose 2% in the quarter. The company will close 40 "
        "stores.\n\nCorbel Securities lowered its price target to $88 from $105."
    )
    assert the_figure(article, "$88").subject == "kellbrook"


def test_a_national_government_acts_for_its_country() -> None:
    article = _extract(
        "PARIS - Thousands marched in Paris and Lyon on Saturday against spending cuts in "
        "France.\n\nAt the heart of the dispute is a government plan to cut spending by "
        "€40bn."
    )
    assert the_figure(article, "€40bn").subject == "france"


def test_the_company_refers_to_the_company_not_the_regulator_named_after_it() -> None:
    article = extract_article(
        text=(
            "SAN FRANCISCO, March 12 - Corvane Systems will eliminate 1,950 positions, the "
            "company said in a filing with the U.S. Securities and Exchange Commission on "
            "Thursday. The company said the number included contractors. It put charges at "
            "$230 million to $260 million."
        ),
        published_at=dt.datetime(2026, 3, 12, 21, 0, tzinfo=dt.UTC),
    )
    cuts = the_figure(article, "1,950")
    assert (cuts.subject, cuts.attributor) == ("corvane-systems", "corvane-systems")
    assert the_figure(article, "$230 million").subject == "corvane-systems"
