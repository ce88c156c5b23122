"""What a run of capitalised words names: a person, an organisation, a place, an event, or
nothing ("However", "Image Source", headline words).

`discovery.NameResolver` strips a run's openers and titles and asks `kind_as_written` (before
stripping: datelines, named events, wire credits) and `kind_of_name` (after) what it is.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from service.domain.events import event_name
from service.domain.knowledge import normalize_word
from service.domain.model import EntityKind
from service.domain.name_vocabulary import (
    AREA_WORDS,
    COMPANY_WORDS,
    CONNECTORS,
    DATA_FROM,
    DATE_WORDS,
    EVENT_WORDS,
    NAME_PREFIXES,
    OPENERS,
    ORG_WORDS,
    PLACE_MODIFIERS,
    PLACE_OPENERS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    REPORT_VERBS,
    TITLE_WORDS,
    Token,
)

_WIRE_CREDIT = re.compile(r"\)\s?[-—–]\s")
GENERIC_WORDS = ORG_WORDS | PLACE_WORDS | TITLE_WORDS | EVENT_WORDS
Shaped = tuple[list[Token], EntityKind | None]


class NameRun(NamedTuple):
    """A run of capitalised words outside knowledge-base matches, with its context."""

    tokens: list[Token]
    sentence_start: bool
    preceded_by: str
    followed_by: str
    # Directly after a known organisation or place ("NATO Secretary General ..."): a title.
    titled: bool
    in_headline: bool
    # Country of a place name that opens an organisation's name ("Syracuse University").
    parent: str | None = None
    # A known place was dropped from this run as part of a longer name ("Lok Sabha"): only
    # organisation words may then decide its kind.
    unsure: bool = False
    # An all-capitals place opening a news item ("FILLMORE - ...").
    dateline: bool = False


def kind_as_written(text: str, run: NameRun, common: frozenset[str]) -> Shaped | None:
    """The kind a run has as it stands (a dateline, a named event, a wire credit), else None."""
    if run.dateline:
        words = [normalize_word(t[2]) for t in run.tokens]
        plain = not any(w in common or w in GENERIC_WORDS for w in words)
        return run.tokens, EntityKind.PLACE if plain and len(words) <= 3 else None
    event = event_name(run.tokens)
    if event is not None:
        return event, EntityKind.EVENT
    if text[run.tokens[0][0] - 1] == "(" and _WIRE_CREDIT.match(text, run.tokens[-1][1]):
        return run.tokens, EntityKind.ORGANIZATION  # "CHANDPUR, Aug 14 (Harbour Line) -"
    return None


def kind_of_name(text: str, run: NameRun, tokens: list[Token], common: frozenset[str]) -> Shaped:
    """The name tokens of a run stripped of its openers, and their kind (None: no name)."""
    if not tokens:
        return tokens, None
    words = [normalize_word(t[2]) for t in tokens]
    if len(words) >= 2 and is_prefixed_name(tokens, words):
        return tokens, EntityKind.ORGANIZATION if run.parent is None else None
    if (
        len(words) >= 2
        and words[-1] in COMPANY_WORDS
        and (words[0] not in GENERIC_WORDS or words[0] in PLACE_WORDS)
        and words[0] not in OPENERS
    ):
        # "Kestrel Insurance Holdings": capitalised words before a company word, English
        # words or not
        return tokens, EntityKind.ORGANIZATION
    if len(words) >= 2 and joined_by_ampersand(text, tokens):
        return tokens, EntityKind.ORGANIZATION  # "Procter & Gamble": a firm, never a person
    if run.parent is None and all(w in common or w in TITLE_WORDS for w in words):
        return tokens, None
    if any(w in ORG_WORDS for w in words[1:]) or (len(words) > 1 and words[0] in ORG_WORDS):
        return tokens, EntityKind.ORGANIZATION
    # Everything up to the last title word is a role ("Chief Election Commissioner X").
    titled = run.titled
    last_title = max((k for k, w in enumerate(words) if w in TITLE_WORDS), default=-1)
    if 0 <= last_title < len(tokens) - 1:
        tokens, words, titled = tokens[last_title + 1 :], words[last_title + 1 :], True
    if run.unsure and not titled:
        # "in Rae Bareli": a longer place name that ends with a known town's
        where = run.preceded_by in ("in", "near") and len(tokens) <= 3
        return tokens, EntityKind.PLACE if words[-1] in PLACE_WORDS or where else None
    while tokens and words[0] in CONNECTORS:
        tokens, words = tokens[1:], words[1:]
    if not tokens or all(w in common or w in TITLE_WORDS for w in words):
        return tokens, None
    if len(tokens) == 1 and _names_a_body(tokens[0][2], run):
        return tokens, EntityKind.ORGANIZATION  # "the SIPTU union", "the PCS said"
    if any(w in EVENT_WORDS for w in words) or any(
        t[2].isupper() and len(t[2]) > 1 for t in tokens
    ):
        return tokens, None
    if len(tokens) > 1 and all(text[x[1] : y[0]] == "-" for x, y in pairwise(tokens)):
        return tokens, None  # "Indo-Pacific", "Russia-Ukraine": compounds, not names
    if run.preceded_by == DATA_FROM and len(tokens) <= 4 and words[-1] not in PLACE_WORDS:
        return tokens, EntityKind.ORGANIZATION  # "industry data from Kantar"
    if words[-1] in PLACE_WORDS or words[0] in PLACE_OPENERS | PLACE_MODIFIERS:
        return tokens, EntityKind.PLACE
    if run.followed_by in AREA_WORDS and not titled and len(tokens) <= 3:
        return tokens, EntityKind.PLACE  # "the Attica region", "Sindh province"
    if run.preceded_by in ("in", "near") and not titled and len(tokens) <= 3:
        return tokens, EntityKind.PLACE  # "doctors in Jajpur said": where, not who
    if titled or run.followed_by in REPORT_VERBS:
        return tokens, EntityKind.PERSON
    if len(tokens) == 1 and run.followed_by in _ACTOR_VERBS and not run.in_headline:
        # "Tesco has raised its guidance": an actor by one name, a person until the next
        # sentences call it a company ("the supermarket said": `companies`)
        return tokens, EntityKind.PERSON
    if run.preceded_by in PLACE_PREPOSITIONS and len(tokens) <= 3:
        return tokens, EntityKind.PLACE
    if words[-1] in common and (len(tokens) > 2 or words[-1].endswith("s")):
        # "Dow Jones Industrial Average", "White Helmets": not a person's name.
        return tokens, EntityKind.ORGANIZATION
    if 2 <= len(tokens) <= 4:
        return tokens, EntityKind.PERSON
    return tokens, None


_ACRONYM = re.compile(r"[A-Z]{2,6}")
# Verbs after a one-word name that make it the actor of its clause.
_ACTOR_VERBS = frozenset(
    {"has", "had", "posted", "raised", "lifted", "lowered", "cut", "announced", "expects"}
)


def _names_a_body(word: str, run: NameRun) -> bool:
    """An acronym that an organisation word follows ("the SIPTU union") or that speaks after
    "the" ("the PCS said"), or a name that "party" follows ("the far-right Chega party"): a
    body the knowledge base lacks. Elsewhere an acronym alone may be anything ("a CEO",
    "GDP"), so it stays unread."""
    if run.followed_by == "party" and not run.sentence_start:
        return True
    if not _ACRONYM.fullmatch(word):
        return False
    return run.followed_by in ORG_WORDS or (
        run.preceded_by == "the" and run.followed_by in REPORT_VERBS
    )


def joined_by_ampersand(text: str, tokens: list[Token]) -> bool:
    """Whether "&" joins two words of a name ("Marks & Spencer"): a firm's name."""
    return any(text[x[1] : y[0]] == " & " for x, y in pairwise(tokens))


def is_prefixed_name(tokens: list[Token], words: list[str]) -> bool:
    """ "MV Shapla", "PT Cahaya Warna": a vessel's or company's prefix in capitals before
    capitalised words that are not generic ones."""
    if not (tokens[0][2].isupper() and words[0] in NAME_PREFIXES):
        return False
    return not any(w in GENERIC_WORDS or w in DATE_WORDS for w in words[1:])
