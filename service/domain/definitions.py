"""Acronym definitions: "Name (ACRONYM)" and "ACRONYM (Name)" give one entity both names.

`definition_after` looks right after a name run or a known name for a bracketed acronym or a
bracketed spelled-out name, and `spelled_out` finds the words whose initials spell an acronym
("Global Flood Observatory (GFO)").
"""

from __future__ import annotations

import bisect
import re

from service.domain.discovery import Definition, Found
from service.domain.knowledge import KbMatch
from service.domain.model import EntityMention
from service.domain.name_forms import normalize_word
from service.domain.name_vocabulary import CONNECTORS, FOREIGN_ORG_WORDS, OPENERS, Token

_ACRONYM_AFTER = re.compile(r" ?\(([A-Z][A-Z0-9&]{1,9})\)")
# Head words of public and civil bodies (not of companies or titles of the press, whose
# bracketed capitals are more often a ticker or a place).
_BODY_HEADS = FOREIGN_ORG_WORDS | frozenset(
    {"academy", "administration", "agency", "alliance", "association", "authority", "board"}
    | {"bureau", "center", "centre", "coalition", "commission", "committee", "confederation"}
    | {"council", "department", "directorate", "federation", "foundation", "fund", "institute"}
    | {"institution", "ministry", "movement", "observatory", "office", "organisation", "party"}
    | {"organization", "programme", "program", "service", "society", "union", "unions"}
)
_NAME_GAPS = (" ", "-", "' ", "’ ")
_POSSESSIVE = ("'s", "’s")
# A body's short name written as a word ("Senapred", "Anvisa"), after its English name only.
_SHORT_NAME_AFTER = re.compile(r" ?\(([A-Z][a-z]{3,11})\)")
_NAME_AFTER = re.compile(r" ?\(([A-Z][^()\n]{3,80})\)")


def definition_after(
    text: str,
    tokens: list[Token],
    end: int,
    run: list[Token],
    kb_match: KbMatch | None,
    covered: dict[int, KbMatch],
    definitions: list[Definition],
    parent: str | None = None,
) -> None:
    """Record "Name (ACRONYM)" or "ACRONYM (Name)" right after a name or an acronym.

    `parent` is set for a place-led organisation's run, which is a whole name as it stands.
    """
    if "(" not in text[end : end + 2]:
        return
    tail = text[end : end + 90]
    m = _ACRONYM_AFTER.match(tail)
    spelled = spelled_out(text, tokens, end, m.group(1)) if m is not None else []
    if m is not None and spelled:
        whole = covered.get(spelled[0][0])
        if kb_match is not None and kb_match.end == end and kb_match.start <= spelled[0][0]:
            whole = kb_match  # "the country's National Disaster Management Authority (NDMA)"
        if whole is not None and whole.end == end:
            definitions.append(Definition([], m.group(1), whole.key))
        else:
            definitions.append(Definition(spelled, m.group(1), None, exact=True))
        return
    name_first = text[kb_match.start] if kb_match else (run[0][2][0] if run else "")
    short = m or _SHORT_NAME_AFTER.match(tail)  # "(Senapred)", "(Anvisa)": a body's only
    if short is not None and (kb_match is None or _heads_a_longer_name(text, kb_match)):
        body = _body_name_before(text, tokens, end, run)
        if body and (m is not None or end + short.start(1) not in covered):
            definitions.append(Definition(body, short.group(1), None, exact=True, parent=parent))
            return
    if m is not None and name_first.upper() == m.group(1)[0]:
        definitions.append(
            Definition(
                run, m.group(1), kb_match.key if kb_match else None, parent is not None, parent
            )
        )
        return
    acronym = text[kb_match.start : kb_match.end] if kb_match else (run[0][2] if run else "")
    if not (acronym.isupper() and 2 <= len(acronym) <= 10 and (kb_match or len(run) == 1)):
        return
    m = _NAME_AFTER.match(tail)
    if m is None:
        return
    name_start, name_end = end + m.start(1), end + m.end(1)
    inner = covered.get(name_start)
    if inner is not None and inner.end == name_end:
        if kb_match is None:
            definitions.append(Definition([], acronym, inner.key))
        return
    inside = [t for t in tokens if name_start <= t[0] < name_end]
    if (
        inside
        and inside[0][2][0] == acronym[0]
        and all(t[2][0].isupper() or t[2].lower() in CONNECTORS for t in inside)
    ):
        initials = [t[2][0] for t in inside if t[2][0].isupper()]
        exact = initials == [ch for ch in acronym if ch.isupper()]
        definitions.append(Definition(inside, acronym, None, exact=exact))


def _body_name_before(text: str, tokens: list[Token], end: int, run: list[Token]) -> list[Token]:
    """The name of a body ending at `end` whose acronym does not spell it: capitalised words
    and joining words back from `end`, known names included ("Confederation of Indonesian
    Workers' Unions"), holding an organisation's head word. Its words as they stand: "National"
    and "Federal" open the name, not the sentence."""
    if len(run) >= 2 and any(normalize_word(t[2]) in _BODY_HEADS for t in run):
        # a whole name run ("Poland's State Mining Authority"): the name other mentions have
        return [t for k, t in enumerate(run) if k > 0 or normalize_word(t[2]) not in OPENERS]
    last = bisect.bisect_right(tokens, end, key=lambda t: t[1]) - 1
    if last < 0 or tokens[last][1] != end:
        return []
    k = last
    while k > 0 and last - k < 12 and text[tokens[k - 1][1] : tokens[k][0]] in _NAME_GAPS:
        word = tokens[k - 1][2]
        if not (word[0].isupper() or word.lower() in CONNECTORS) or word.endswith(_POSSESSIVE):
            break
        k -= 1
    while k < last and (
        tokens[k][2].lower() in CONNECTORS or normalize_word(tokens[k][2]) in OPENERS
    ):
        k += 1
    body = tokens[k : last + 1]
    if len(body) < 2 or not any(normalize_word(t[2]) in _BODY_HEADS for t in body):
        return []
    return body


def _heads_a_longer_name(text: str, match: KbMatch) -> bool:
    """A known one-word name that is an organisation's head word ends a longer name: the place
    "Centre" in "the National Emergency Operations Centre (COE)"."""
    word = text[match.start : match.end]
    return " " not in word and normalize_word(word) in _BODY_HEADS


def spelled_out(text: str, tokens: list[Token], end: int, acronym: str) -> list[Token]:
    """The words before `end` whose initials spell `acronym` ("Global Flood Observatory")."""
    last = bisect.bisect_right(tokens, end, key=lambda t: t[1]) - 1
    letters = [ch for ch in acronym if ch.isupper()]
    if last < 0 or tokens[last][1] != end or not 2 <= len(letters) <= 8:
        return []
    capitals: list[int] = []
    k = last
    while k >= 0 and len(capitals) < len(letters) and last - k < 14:
        word = tokens[k][2]
        if word[0].isupper():
            capitals.append(k)
        elif word.lower() not in CONNECTORS:
            return []
        if k == 0 or text[tokens[k - 1][1] : tokens[k][0]] not in (" ", "-"):
            break
        k -= 1
    if len(capitals) != len(letters):
        return []
    if [tokens[c][2][0] for c in reversed(capitals)] != letters:
        return []
    return tokens[capitals[-1] : last + 1]


def restates(text: str, mentions: list[EntityMention], found: Found) -> bool:
    """Whether `found` is the bracketed acronym right after a mention of the same entity
    ("the National Institute for Disaster Risk Management (INGD)"): one mention, not two, so
    a body named once is not counted as named twice."""
    return (
        bool(mentions)
        and mentions[-1].key == found.key
        and text[found.start - 1 : found.start] == "("
        and text[mentions[-1].end : found.start] in (" (", "(")
        and text[found.end : found.end + 1] == ")"
    )
