"""`places_after_preps` skips words outside its markers far from a preposition: every break
it tests by a token's text is a marker in the token's lowercase form."""

from __future__ import annotations

from service.domain import places
from service.domain.source_phrases import tokenize


def test_breaks_are_markers_in_lowercase() -> None:
    for word in (*places._CLAUSE_BREAKS, ","):
        text = f"x {word} y"
        (token,) = [t for t in tokenize(text, 0, len(text)) if t.text == word]
        assert token.lower in places._MARKERS, word
