"""Matches of a word pattern in a tokenised sentence, tried only where one can start.

The reporting verbs and the figure nouns are found by patterns that open with `\b` and a
word of two or more ASCII letters from a known set. Such a match can only start at a token
that is one of those words, at a hyphenated or apostrophised token whose first part is one
("said-so"), or right after a hyphen or apostrophe inside a word ("non-count of"). Trying the
pattern only there finds what a search over the sentence finds, without sre's full match
attempt at every character (most of a search's cost).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from operator import attrgetter

from service.domain.source_phrases import Token

_JOINS = ("-", "'", "’")  # the marks the tokenizer keeps inside a word
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_START = attrgetter("start")


def inner_word_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets in `text[start:end]` right after a hyphen or apostrophe between two ASCII
    letters: where a word starts inside a token ("non-count", "o'said"), in order."""
    found: list[int] = []
    for mark in _JOINS:
        at = text.find(mark, start, end)
        while at >= 0:
            if (
                start < at < end - 1
                and text[at - 1] in _ASCII_LETTERS
                and text[at + 1] in _ASCII_LETTERS
            ):
                found.append(at + 1)
            at = text.find(mark, at + 1, end)
    found.sort()
    return found


def matches_at_tokens(
    pattern: re.Pattern[str],
    heads: Collection[str],
    text: str,
    tokens: Sequence[Token],
    end: int,
    inner: Sequence[int],
) -> list[tuple[int, re.Match[str]]]:
    """(token index, match) for every match of `pattern` starting at a token, in order.
    `heads` holds the first words of its matches; `inner` is `inner_word_starts`."""
    found: list[tuple[int, re.Match[str]]] = []
    for i, tok in enumerate(tokens):
        if tok.text in heads:
            match = pattern.match(text, tok.start, end)
            if match is not None:
                found.append((i, match))
    joined = -1
    for at in inner:
        # a word's first join: the letters before it are the token's first word
        i = bisect.bisect_right(tokens, at, key=_START) - 1
        if i == joined:
            continue
        joined = i
        tok = tokens[i]
        if text[tok.start : at - 1] in heads:
            match = pattern.match(text, tok.start, end)
            if match is not None:
                found.append((i, match))
                found.sort(key=_first)
    return found


def _first(item: tuple[int, re.Match[str]]) -> int:
    return item[0]


def matches_inside_words(
    pattern: re.Pattern[str], text: str, end: int, inner: Sequence[int]
) -> bool:
    """Whether `pattern` matches at a word start inside a token (see `inner_word_starts`)."""
    return any(pattern.match(text, at, end) is not None for at in inner)
