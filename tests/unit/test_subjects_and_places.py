"""Whose a figure is and where, on topics the dev corpus lacks: companies named by the kind
of business they are in, coordinated places, places referred to as "the island"."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2026, 7, 22, 9, tzinfo=dt.UTC)


def test_a_company_named_by_its_business_is_an_organisation_with_a_short_name() -> None:
    article = extract_article(
        text=(
            "Andesur Minerals said on Wednesday its copper production fell 8% in the second "
            "quarter to 148,200 tonnes.\n\n"
            "Net cash costs rose to $2.05 per pound, Andesur said."
        ),
        published_at=PUBLISHED,
    )
    kinds = {e.key: e.kind.value for e in article.entities}
    assert kinds["andesur-minerals"] == "organization"
    assert the_figure(article, "148,200").subject == "andesur-minerals"
    assert the_figure(article, "2.05").subject == "andesur-minerals"


def test_a_hospital_operator_owns_its_hospitals() -> None:
    article = extract_article(
        text=(
            "Brennan Health said on Wednesday that hackers had copied the records of about "
            "410,000 patients.\n\n"
            "Brennan, which employs some 26,000 people, said it would offer credit monitoring."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "410,000").subject == "brennan-health"
    assert the_figure(article, "26,000").subject == "brennan-health"


def test_a_second_place_joined_by_and_is_no_actor() -> None:
    article = extract_article(
        text=(
            "Andesur Minerals said its output fell.\n\n"
            "Group production across Andesur's four mines in Chile and Peru totalled "
            "148,200 tonnes."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "148,200").subject != "peru"
