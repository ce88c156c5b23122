"""A change keeps the name of what changes, so changes of different measures never share a fact
and a count's change never meets the count itself (real sentences, grouped and judged)."""

from __future__ import annotations

import datetime as dt
import itertools

from service.domain.extraction import extract_article
from service.domain.facts import group_facts, members_of
from service.domain.model import AssertionView, Verdict, view_of
from service.domain.quantities import canonical_quantity
from service.domain.verdicts import judge
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 2, 12, 9, tzinfo=dt.UTC)


def _views(*texts: str) -> list[AssertionView]:
    """Every figure of each text (one source per text), as the service stores them."""
    ids = itertools.count(1)
    views: list[AssertionView] = []
    for source_id, text in enumerate(texts, start=1):
        article = extract_article(text=text, published_at=PUBLISHED)
        for claim in article.claims:
            for a in claim.assertions:
                views.append(
                    view_of(
                        a,
                        view_id=next(ids),
                        source_id=source_id,
                        published_at=PUBLISHED,
                        source_label=f"source {source_id}",
                    )
                )
    return views


def _facts_of(views: list[AssertionView]) -> dict[frozenset[str], Verdict]:
    """Each fact as the texts of its figures, with its verdict."""
    return {
        frozenset(a.text for a in members_of(group, views)): judge(members_of(group, views)).verdict
        for group in group_facts(views)
    }


def test_changes_of_an_economy_its_wages_and_its_exports_are_three_quantities() -> None:
    article = extract_article(
        text="Germany's economy grew 2% in 2025, while wages grew 4% and exports grew 1.5%.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "2%").quantity == "growth"  # the economy's: GDP growth
    assert the_figure(article, "4%").quantity == "wages growth"
    assert the_figure(article, "1.5%").quantity == "export growth"


def test_a_rise_in_revenue_and_in_net_profit_are_two_facts_not_a_conflict() -> None:
    views = _views(
        "Halvard Foods said revenue rose 12% in the third quarter.",
        "Halvard Foods said net profit rose 30% in the third quarter.",
    )
    facts = _facts_of(views)
    assert frozenset({"12%"}) in facts
    assert frozenset({"30%"}) in facts
    assert Verdict.CONFLICT not in facts.values()


def test_a_rise_in_revenue_and_in_sales_of_one_company_still_agree() -> None:
    views = _views(
        "Halvard Foods said revenue rose 12% in the third quarter.",
        "Halvard Foods said its sales grew 12% in the third quarter.",
    )
    assert _facts_of(views) == {frozenset({"12%"}): Verdict.AGREE}


def test_a_count_that_fell_by_some_is_no_level_of_the_count() -> None:
    views = _views(
        "The number of non-permanent residents fell by 61,000 in the fourth quarter, "
        "Statistics Canada said.",
        "Canada had 3.0 million non-permanent residents at the end of the fourth quarter.",
    )
    fell = next(v for v in views if v.text.startswith("61,000"))
    assert fell.quantity == "people decline"
    facts = _facts_of(views)
    assert all(len(texts) == 1 for texts in facts), facts
    assert Verdict.CONFLICT not in facts.values()


def test_a_rise_by_some_and_a_rise_to_a_level_are_apart() -> None:
    article = extract_article(
        text=(
            "Germany's unemployment rose by 26,000 in May to 2.97 million, while employment "
            "fell by 12,000."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "26,000").quantity == "unemployment rate growth"
    assert the_figure(article, "2.97 million").quantity == "unemployment rate"
    assert the_figure(article, "12,000").quantity == "employment decline"
    jobs = extract_article(text="Payrolls increased by 150,000 jobs in March.")
    assert the_figure(jobs, "150,000").quantity == "jobs growth"


def test_a_change_set_after_a_figure_is_a_change_of_what_it_counts() -> None:
    article = extract_article(
        text="The airline carried 5.1 million passengers in August, up 9% from a year earlier.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "9%").quantity == "people growth"


def test_gold_phrases_and_extraction_meet_on_one_name() -> None:
    assert canonical_quantity("fall in copper production") == "production decline"
    assert canonical_quantity("copper production decline") == "production decline"
    assert canonical_quantity("net profit growth") == canonical_quantity("earnings growth")
    assert canonical_quantity("a 4% rise in sales") == "revenue growth"
    assert canonical_quantity("wage growth") == "wages growth"
    assert canonical_quantity("export growth") == canonical_quantity("exports growth")
    assert canonical_quantity("share price fall") == "share price decline"
    assert canonical_quantity("economic growth") == "growth"
    assert canonical_quantity("annual gdp growth") == "growth"
    assert canonical_quantity("pay rise offered") == "growth"  # a bargained rise
    assert canonical_quantity("house price growth") == "growth"  # a price, not the houses
    assert canonical_quantity("price growth") == "inflation"  # as the table says
    for name in ("revenue growth", "people decline", "share price growth", "wages growth"):
        assert canonical_quantity(name) == name  # a change's name reads back as itself


def test_a_reporting_verb_before_a_change_names_no_measure() -> None:
    views = _views(
        "Halvard Foods said growth was 12% in the third quarter.",
        "The bank expects growth of 1.6% next year.",
    )
    assert [v.quantity for v in views] == ["growth", "growth"]
