"""Token shapes around a reporting verb that decide whether it reports and how far its
source reaches: a figure after "counts", "figures from X" before "show", a bracketed acronym
closing a source's name."""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.source_phrases import Token, source_span_before
from service.domain.source_words import DATA_NOUNS, FIGURE_QUALIFIERS


def opens_figure(tokens: Sequence[Token], i: int) -> bool:
    """Whether a figure starts at token `i` or after a qualifier ("more than 60,000")."""
    for tok in tokens[i : i + 3]:
        if any(c.isdigit() for c in tok.text):
            return True
        if tok.lower not in FIGURE_QUALIFIERS:
            return False
    return False


def through_acronym(tokens: Sequence[Token], hi: int) -> int:
    """The end of a source phrase with the bracketed acronym after its name: "the National
    Institute for Disaster Risk Management (INGD) said" is quoted as one phrase."""
    if hi + 2 < len(tokens) and tokens[hi].text == "(" and tokens[hi + 2].text == ")":
        return hi + 3
    return hi


def data_from(tokens: Sequence[Token], prev: int, covered: set[int]) -> bool:
    """Whether the phrase before a "show" verb is the body after "figures from" or "data
    by" ("Data from the Swiss Federal Statistical Office showed unemployment at 2.3%")."""
    if prev < 2:
        return False
    lo, hi = source_span_before(tokens, prev, covered)
    return (
        2 <= lo < hi
        and tokens[lo - 1].lower in {"from", "by"}
        and tokens[lo - 2].lower in DATA_NOUNS
    )


def data_before_aside(tokens: Sequence[Token], prev: int) -> bool:
    """Whether a "show" verb follows a data noun and an aside between commas ("The Land
    Registry's figures, published on Wednesday, showed")."""
    if prev < 2 or tokens[prev].text != ",":
        return False
    for k in range(prev - 1, max(prev - 9, 0), -1):
        if tokens[k].text == ",":
            return tokens[k - 1].lower in DATA_NOUNS
    return False
