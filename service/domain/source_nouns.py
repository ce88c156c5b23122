"""Sources read without a reporting verb, and source phrases across what the phrase reader
stops at:
- a source owning a figure noun: "the ministry's count of 310,000", "the police figure of
  41", "its figure of 48,000" (the body the sentence opens with);
- "StatsWales data showed": the name before a data noun;
- plural possessives inside a name: "the growers' association Asaja", "the Confederation of
  Indonesian Workers' Unions" (a body of its own, not the country its name mentions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from service.domain.attribution_types import Attribution
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_names import resolve_phrase
from service.domain.source_phrases import (
    Token,
    source_span_after,
    source_span_before,
)
from service.domain.source_words import (
    ARTICLES,
    COUNT_NOUNS,
    DATA_ADJECTIVES,
    DATA_NOUNS,
    NP_WORDS,
    SPEAKER_NOUNS,
    word_set,
)
from service.domain.word_scan import matches_at_tokens, matches_inside_words

# A possessive before a figure noun ("the ministry's count of"): a source without a verb.
POSSESSIVE_COUNT = re.compile(r"['’]s (?:\w+ )?(?:" + "|".join(sorted(COUNT_NOUNS)) + r")\b")
# A source naming a figure noun ("the police figure of 41", "the CGT estimate of 160,000"):
# tried only at the figure nouns of a tokenised sentence (`word_scan`).
MODIFIER_COUNT = re.compile(r"\b(?:" + "|".join(sorted(COUNT_NOUNS)) + r") (?:of|at)\b")
# Words after a possessive source's figure noun that lead to its figure.
_COUNT_FOLLOWERS = word_set("of at was is put puts stands stood shows showed now , :")
# Heads of such a modifier that are not sources ("the official figure", "the latest count").
_NOT_SOURCES = DATA_ADJECTIVES | {"officials"}

POSSESSIVE_ENDINGS = ("'s", "’s")


def has_possessive_count(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a possessive figure noun (`POSSESSIVE_COUNT`)."""
    # every match opens with "'s " or "’s ": two literal searches rule most sentences out
    if text.find("'s ", start, end) < 0 and text.find("’s ", start, end) < 0:
        return False
    return POSSESSIVE_COUNT.search(text, start, end) is not None


def has_modifier_count(text: str, tokens: Sequence[Token], end: int, inner: Sequence[int]) -> bool:
    """Whether the tokenised sentence ending at `end` holds a match of `MODIFIER_COUNT`
    (`inner` is its `word_scan.inner_word_starts`)."""
    return bool(
        matches_at_tokens(MODIFIER_COUNT, COUNT_NOUNS, text, tokens, end, inner)
    ) or matches_inside_words(MODIFIER_COUNT, text, end, inner)


def is_place(entities: Mapping[str, Entity], key: str | None) -> bool:
    """Whether `key` names a country or a place (not a body)."""
    entity = entities.get(key) if key is not None else None
    return entity is not None and entity.kind in (EntityKind.COUNTRY, EntityKind.PLACE)


def is_plural_possessive(tokens: Sequence[Token], at: int) -> bool:
    """Whether token `at` is the apostrophe of "growers' association", "Workers' Unions"."""
    return (
        0 < at < len(tokens) - 1
        and tokens[at].text in {"'", "’"}
        and tokens[at - 1].end == tokens[at].start
        and tokens[at - 1].lower.endswith("s")
        and tokens[at - 1].text.isalpha()
        and tokens[at + 1].start > tokens[at].end
    )


def through_plural_possessives(
    tokens: Sequence[Token], span: tuple[int, int], covered: set[int]
) -> tuple[int, int]:
    """A source phrase read across a plural possessive ("the growers' association Asaja",
    "the Confederation of Indonesian Workers' Unions"), which the phrase reader stops at."""
    lo, hi = span
    if lo >= hi:
        return span
    while is_plural_possessive(tokens, lo - 1):
        before, _ = source_span_before(tokens, lo - 2, covered)
        if before >= lo - 2:
            break
        lo = before
    while is_plural_possessive(tokens, hi):
        _, after = source_span_after(tokens, hi + 1, covered)
        if after <= hi + 1:
            break
        named = [k for k in range(hi + 1, after) if tokens[k].text[:1].isupper()]
        # "the growers' association Asaja two days earlier": the phrase ends at its name
        hi = named[-1] + 1 if named else after
    return (lo, hi)


def named_data_source(tokens: Sequence[Token], lo: int, hi: int) -> str | None:
    """ "StatsWales data showed", "Eurostat figures show": the name before a data noun is the
    source, even when it is no known entity."""
    if hi - lo < 2 or tokens[hi - 1].lower not in DATA_NOUNS:
        return None
    name = [t.text for t in tokens[lo : hi - 1] if t.lower not in ARTICLES]
    while name and name[0].lower() in DATA_ADJECTIVES:
        name.pop(0)  # "Official figures show", "Preliminary Eurostat data": no one's name
    if not name or not all(word[:1].isupper() for word in name):
        return None
    return " ".join(name)


def possessive_counts(
    text: str,
    tokens: Sequence[Token],
    covered: set[int],
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
) -> list[Attribution]:
    """ "the interior ministry's count of 310,000", "the CGT's claim of more than a million":
    a possessive source of a figure noun."""
    out: list[Attribution] = []
    for k in range(len(tokens) - 2):
        tok = tokens[k]
        if not tok.text.endswith(POSSESSIVE_ENDINGS):
            continue
        at = k + 2 if tokens[k + 1].lower in DATA_ADJECTIVES and k + 3 < len(tokens) else k + 1
        if tokens[at].lower not in COUNT_NOUNS or tokens[at + 1].lower not in _COUNT_FOLLOWERS:
            continue  # "the ministry's tally stands at 310", "by the government's count, 1,200"
        lo, hi = source_span_before(tokens, k, covered)
        if lo >= hi:
            continue
        name, attributor, key, keys = resolve_phrase(
            text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
        )
        if name is None:
            continue
        if name.endswith(POSSESSIVE_ENDINGS):
            name = name[:-2]
        noun = tokens[at]
        span = (tokens[lo].start, tokens[hi - 1].end)
        out.append(
            Attribution(
                noun.start, noun.end, name, attributor, key, keys, span, noun.lower, owned=True
            )
        )
    return out


def modifier_counts(
    text: str,
    tokens: Sequence[Token],
    covered: set[int],
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
) -> list[Attribution]:
    """ "the police figure of 41", "the CGT estimate of 160,000": a source naming a figure
    noun after a definite article (not "the official figure", which names no one)."""
    out: list[Attribution] = []
    for k in range(2, len(tokens) - 1):
        noun = tokens[k]
        if noun.lower not in COUNT_NOUNS or tokens[k + 1].lower not in {"of", "at"}:
            continue
        head = tokens[k - 1]
        if head.lower in {"its", "their"}:
            # "The police prefecture is sticking to its figure of 48,000": the body before
            owner = _first_body(mentions, entities, head.start)
            if owner is not None:
                out.append(
                    Attribution(
                        noun.start, noun.end, owner.name, owner.key, owner.key, (owner.key,),
                        (-1, -1), noun.lower, owned=True,
                    )
                )  # fmt: skip
                continue
            lo, hi = source_span_after(tokens, 0, covered)  # the sentence's opening body
            if lo < hi < k - 1 and tokens[hi - 1].lower in SPEAKER_NOUNS | NP_WORDS:
                name, attributor, key, keys = resolve_phrase(
                    text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
                )
                if name is not None:
                    span = (tokens[lo].start, tokens[hi - 1].end)
                    out.append(
                        Attribution(noun.start, noun.end, name, attributor, key, keys, span,
                                    noun.lower, owned=True)
                    )  # fmt: skip
            continue
        named = head.start in covered or head.text[:1].isupper()
        if not (named or head.lower in SPEAKER_NOUNS) or head.lower in _NOT_SOURCES:
            continue
        lo, hi = source_span_before(tokens, k - 1, covered)
        if hi - lo < 2 or tokens[lo].lower != "the":
            continue  # "the" opens the phrase: "Police figures show" is a verb's subject
        lo += 1
        name, attributor, key, keys = resolve_phrase(
            text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
        )
        if name is None:
            continue
        span = (tokens[lo].start, tokens[hi - 1].end)
        out.append(
            Attribution(
                noun.start, noun.end, name, attributor, key, keys, span, noun.lower, owned=True
            )
        )
    return out


def _first_body(
    mentions: Sequence[EntityMention], entities: Mapping[str, Entity], before: int
) -> Entity | None:
    """The first organisation named in the sentence before offset `before`."""
    for m in mentions:
        if m.start >= before:
            return None
        entity = entities.get(m.key)
        if entity is not None and entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP):
            return entity
    return None


# Titles and governments "of" a place speak for it ("the Mayor of London", "the Government
# of India"); other capitalised names before "of" are bodies of their own.
_OF_PLACE_TITLES = frozenset(
    {"mayor", "governor", "president", "prime", "minister", "ministry", "government", "state",
     "republic", "kingdom", "people", "city", "county", "province", "region", "department",
     "secretary", "premier", "chief", "king", "queen", "emir", "sultan"}
)  # fmt: skip


def names_body_of_place(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether `tokens[lo:hi]` names a body after a place ("the Communications Workers of
    America", "the Farmers' Union of Wales"): capitalised words, "of", then the place."""
    for k in range(lo + 1, hi - 1):
        if tokens[k].lower != "of":
            continue
        before = tokens[k - 1]
        if before.text[:1].isupper() and before.lower not in _OF_PLACE_TITLES:
            return True
    return False
