"""Whose a figure is, for vessels and companies: their passengers, crew and workers."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from tests.unit.figures import the_figure

PUBLISHED = dt.datetime(2025, 6, 2, 9, tzinfo=dt.UTC)


def test_a_vessel_owns_the_people_it_carries_but_not_the_toll() -> None:
    article = extract_article(
        text=(
            "The ferry, the MV Rosalind, was carrying about 180 passengers when it sank off "
            "Palawan on Sunday, the coast guard said. At least 12 people died.\n\n"
            "The vessel was licensed to carry 120. Survivors said more than 200 people "
            "were on board."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "180").subject == "mv-rosalind"
    assert the_figure(article, "120").subject == "mv-rosalind"
    assert the_figure(article, "200").subject == "mv-rosalind"
    assert the_figure(article, "At least 12").subject is None


def test_a_company_owns_its_workers() -> None:
    article = extract_article(
        text=(
            "A fire at the PT Sinar Baru textile mill in Bekasi killed nine workers on "
            "Tuesday, police said.\n\n"
            "The company, which employs some 600 people, said it would cooperate."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "600").subject == "pt-sinar-baru"
    assert the_figure(article, "nine").subject is None


def test_a_noun_used_as_a_modifier_refers_to_no_vessel() -> None:
    article = extract_article(
        text=(
            "The MV Rosalind sank off Palawan on Sunday.\n\n"
            "Ferry accidents are common in the Philippines, a country of some 7,600 islands."
        ),
        published_at=PUBLISHED,
    )
    assert the_figure(article, "7,600").subject != "mv-rosalind"


def test_a_body_still_does_not_own_a_crowd_it_counts() -> None:
    article = extract_article(
        text="The interior ministry counted 40,000 people at the march in Lyon on Saturday.",
        published_at=PUBLISHED,
    )
    assert the_figure(article, "40,000").subject is None
