"""Whose a figure is, for vessels and companies: their passengers, crew and workers."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from service.domain.model import ExtractedArticle, ExtractedAssertion

PUBLISHED = dt.datetime(2025, 6, 2, 9, tzinfo=dt.UTC)


def _one(article: ExtractedArticle, text: str) -> ExtractedAssertion:
    figures = [a for claim in article.claims for a in claim.assertions]
    found = [a for a in figures if text in a.text]
    assert len(found) == 1, [a.text for a in figures]
    return found[0]


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
    assert _one(article, "180").subject == "mv-rosalind"
    assert _one(article, "120").subject == "mv-rosalind"
    assert _one(article, "200").subject == "mv-rosalind"
    assert _one(article, "At least 12").subject is None


def test_a_company_owns_its_workers() -> None:
    article = extract_article(
        text=(
            "A fire at the PT Sinar Baru textile mill in Bekasi killed nine workers on "
            "Tuesday, police said.\n\n"
            "The company, which employs some 600 people, said it would cooperate."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "600").subject == "pt-sinar-baru"
    assert _one(article, "nine").subject is None


def test_a_noun_used_as_a_modifier_refers_to_no_vessel() -> None:
    article = extract_article(
        text=(
            "The MV Rosalind sank off Palawan on Sunday.\n\n"
            "Ferry accidents are common in the Philippines, a country of some 7,600 islands."
        ),
        published_at=PUBLISHED,
    )
    assert _one(article, "7,600").subject != "mv-rosalind"


def test_a_body_still_does_not_own_a_crowd_it_counts() -> None:
    article = extract_article(
        text="The interior ministry counted 40,000 people at the march in Lyon on Saturday.",
        published_at=PUBLISHED,
    )
    assert _one(article, "40,000").subject is None
