"""Known place names that are only part of a longer proper name.

"Israel Katz" and "Chad Smith" start a person's name with a country; "Lok Sabha" and "Sierra
Nevada" end one with a place. `drop_name_parts` removes such matches before discovery reads the
whole name.
"""

from __future__ import annotations

import re

from service.domain.events import EVENT_LEADERS
from service.domain.knowledge import TOKEN, KbMatch, KnowledgeBase, common_words, normalize_word
from service.domain.model import EntityKind
from service.domain.name_vocabulary import (
    ABBREVIATIONS,
    DATE_WORDS,
    OPENERS,
    ORG_WORDS,
    PLACE_MODIFIERS,
    PLACE_WORDS,
    TITLE_WORDS,
    Token,
    breaks_sentence,
)
from service.domain.sentence_context import FUNCTION_WORDS

_PLACE_KINDS = (EntityKind.COUNTRY, EntityKind.PLACE)
_LAST_WORD = re.compile(TOKEN.pattern + "$")
# Capitalised words after a town's name that make the whole the name of another place: a
# street, a station or a town grown round one ("Jajpur Road", "Clapham Junction").
_OTHER_PLACE = frozenset({"Road", "Street", "Avenue", "Junction", "Station", "Square", "Lane"})


def drop_name_parts(
    text: str, matches: list[KbMatch], kb: KnowledgeBase
) -> tuple[list[KbMatch], set[int]]:
    """Drop one-word place matches that are part of a longer proper name.

    "Israel Katz" and "Chad Smith" start a person's name; "Lok Sabha" and "Sierra Nevada" end
    one; "Hurricane Milton" names a storm. Returns the kept matches and the starts of dropped
    ones that ended a name.
    """
    common = common_words()
    out: list[KbMatch] = []
    unsure: set[int] = set()
    starts = {m.start for m in matches}
    ends = {m.end for m in matches}
    for m in matches:
        entity = kb.get(m.key)
        if (
            entity is None
            or entity.kind not in _PLACE_KINDS
            or m.demonym
            or " " in text[m.start : m.end]
        ):
            out.append(m)
            continue
        after = _word_at(text, m.end + 1) if text[m.end : m.end + 1] == " " else None
        if after is not None and after[0] not in starts and is_name_word(after[2], common):
            continue
        if after is not None and after[2] in _OTHER_PLACE:
            continue  # "Jajpur Road", "Dover Street": another place, named after this one
        before = _word_before(text, m.start)
        if before is not None and before[2][:1].isupper() and before[2].lower() in EVENT_LEADERS:
            unsure.add(m.start)  # "Hurricane Milton", "Storm Florence": a storm's name
            continue
        if (
            entity.kind is EntityKind.COUNTRY
            and before is not None
            and before[1] not in ends
            and _names_a_club(text, m, before, entity.name)
        ):
            unsure.add(m.start)  # "Real Madrid", "Spartak Moscow": a club, not the country
            continue
        if (
            entity.kind is EntityKind.PLACE
            and before is not None
            and before[1] not in ends
            and (is_name_word(before[2], common) or is_initial(text, before))
            and normalize_word(before[2]) not in PLACE_MODIFIERS
            and not _opens_sentence(text, before[0])
        ):
            unsure.add(m.start)
            continue
        out.append(m)
    return out, unsure


def _names_a_club(text: str, m: KbMatch, before: Token, country_name: str) -> bool:
    """A country matched by its capital ("Madrid") right after a capitalised word that is
    neither a modifier, a title nor a sentence opener: the end of a longer name ("Real
    Madrid", "Dynamo Moscow"), as clubs and papers are named."""
    alias = text[m.start : m.end]
    word = before[2]
    norm = normalize_word(word)
    return (
        alias != country_name
        and alias[:1].isupper()
        and not alias.isupper()
        and word[:1].isupper()
        and not word.isupper()
        and text[before[1] : m.start] == " "
        and norm not in PLACE_MODIFIERS
        and norm not in TITLE_WORDS
        and norm not in OPENERS
        and norm not in DATE_WORDS
        and norm not in FUNCTION_WORDS
    )


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at `pos` follows a sentence break (not the dot of "Dr." or "F.")."""
    gap = text[max(0, pos - 3) : pos]
    if not breaks_sentence(gap):
        return False
    previous = _word_before(text, pos)
    return not (
        previous is not None
        and text[previous[1] : pos] == ". "
        and (previous[2].lower() in ABBREVIATIONS or len(previous[2]) == 1)
    )


def is_name_word(word: str, common: frozenset[str]) -> bool:
    """A capitalised word that can be part of a proper name (not "Governor", "Monday")."""
    norm = normalize_word(word)
    return (
        word[:1].isupper()
        and not word.isupper()
        and norm not in common
        and norm not in DATE_WORDS
        and norm not in TITLE_WORDS
        and norm not in PLACE_WORDS
        and norm not in ORG_WORDS
    )


def is_initial(text: str, token: Token) -> bool:
    """A middle initial such as the "F." of "John F. Kennedy"."""
    return len(token[2]) == 1 and token[2].isupper() and text[token[1] : token[1] + 1] == "."


def _word_at(text: str, pos: int) -> Token | None:
    m = TOKEN.match(text, pos)
    return (m.start(), m.end(), m.group()) if m else None


def _word_before(text: str, pos: int) -> Token | None:
    if pos < 2 or text[pos - 1] != " ":
        return None
    chunk = text[max(0, pos - 40) : pos - 1]
    if chunk.endswith("."):
        chunk = chunk[:-1]
    offset = max(0, pos - 40)
    if not chunk.endswith("\n"):
        # A token reads the same backwards, so the word ending the chunk is the token at the
        # start of the reversed chunk: one match instead of a search tried at every offset.
        m = TOKEN.match(chunk[::-1])
        if m is None:
            return None
        begin = len(chunk) - m.end()
        return (offset + begin, offset + len(chunk), chunk[begin:])
    found = _LAST_WORD.search(chunk)  # "$" also matches before a final newline
    if found is None:
        return None
    return (offset + found.start(), offset + found.end(), found.group())
