"""Results and markets stories read right: firms joined by "&", analysts' estimates,
per-share figures, reporting periods and share-price moves."""

from __future__ import annotations

import datetime as dt

from service.domain.extraction import extract_article
from service.domain.model import EntityKind, ExtractedArticle, ExtractedAssertion

PUBLISHED = dt.datetime(2025, 11, 25, 12, tzinfo=dt.UTC)


def _one(article: ExtractedArticle, text: str) -> ExtractedAssertion:
    figures = [a for claim in article.claims for a in claim.assertions]
    found = [a for a in figures if text in a.text]
    assert len(found) == 1, [a.text for a in figures]
    return found[0]


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
        assert _one(article, figure).subject == company.key
    assert _one(article, "6%").attributed_to == "Tallis Oven & Hearth"
