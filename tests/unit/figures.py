"""Picking one figure out of an extraction, for the unit tests that read single sentences."""

from __future__ import annotations

from service.domain.model import ExtractedArticle, ExtractedAssertion


def the_figure(article: ExtractedArticle, fragment: str) -> ExtractedAssertion:
    """The one figure whose text contains `fragment`; fails the test, listing every figure's
    text, when there is none or more than one."""
    figures = [a for claim in article.claims for a in claim.assertions]
    found = [a for a in figures if fragment in a.text]
    assert len(found) == 1, [a.text for a in figures]
    return found[0]
