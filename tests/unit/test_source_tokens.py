"""The tokens of a sentence as the source and figure readers see them."""

from __future__ import annotations

from service.domain.source_phrases import tokenize


def test_tokens_keep_offsets_into_the_text_and_drop_possessives_from_lowercase() -> None:
    text = "Intro. Russia’s army and NATO's U.S. allies said 1,200 left."
    start = text.index("Russia")
    tokens = tokenize(text, start, len(text))
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.lower for t in tokens][:6] == ["russia", "army", "and", "nato", "u.s.", "allies"]
    assert [t.text for t in tokens][-3:] == ["1,200", "left", "."]


def test_a_plural_possessive_stays_a_word_and_a_mark() -> None:
    tokens = tokenize("the workers' union's 14,000 members", 0, 35)
    assert [t.lower for t in tokens] == ["the", "workers", "'", "union", "14,000", "members"]
