"""Runs of capitalised words outside known names: what `discovery.NameResolver` reads.

`name_runs` cuts a text's tokens, between its knowledge-base matches, into runs of
capitalised words with their context (the word before and after, a sentence start, a
headline line, a dateline, a title before them), splits lists ("Kenya, Uganda and Tanzania")
and keeps a known place that opens an organisation's name inside one run ("Syracuse
University").
"""

from __future__ import annotations

import bisect
import re

from service.domain.definitions import definition_after
from service.domain.discovery import Definition
from service.domain.events import event_name
from service.domain.knowledge import KbMatch, KnowledgeBase, normalize_word
from service.domain.model import EntityKind
from service.domain.name_kinds import NameRun
from service.domain.name_vocabulary import (
    ABBREVIATIONS,
    COMPANY_WORDS,
    CONNECTORS,
    DATA_FROM,
    DATA_NOUNS,
    DATE_WORDS,
    ORG_WORDS,
    PLACE_MODIFIERS,
    Token,
    breaks_sentence,
    is_ordinary_word,
)
from service.domain.source_words import word_set

# Word starts and capitals not inside a word; the lookbehind spans the character read, so the
# pattern opens with a character class and the engine skips ahead at C speed.
_WORD_START = re.compile(r"[^\W_](?<![\w'’.].)")
_CAP_START = re.compile(r"[A-Z](?<![\w'’.].)")
_CONNECTOR_WORD = re.compile(r"\b(?:of|for|and|the|de|del|la|le|al|bin|von|van|der|du|da|y)\b")
_DATELINE_END = re.compile(
    r"\s?(?:[-—–(]|,\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d)"
)
_SENTENCE_END = frozenset('.!?"”’:;')
_PLACE_KINDS = (EntityKind.COUNTRY, EntityKind.PLACE)
# Lowercase words that name a place by its kind before "of" and its name.
_SETTLEMENT_WORDS = word_set(
    """
    village town city municipality district province region state county commune hamlet
    suburb island islands neighbourhood neighborhood borough township capital
    """
)


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of Title Case lines (headlines, captions): names there are not trusted."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(line) < 12:
            pos += len(line) + 1
            continue
        # A line that ends a sentence is body text, however many names it holds (tested
        # first: it spares most lines the word counts).
        if line.rstrip()[-1:] in _SENTENCE_END:
            pos += len(line) + 1
            continue
        # Three words of which three quarters are capitalised take three capitals: the
        # capitals are counted first, and most body lines stop there.
        capitals = len(_CAP_START.findall(line))
        if capitals >= 3:
            words = len(_WORD_START.findall(line)) - len(_CONNECTOR_WORD.findall(line))
            if words >= 3 and capitals >= 0.75 * words:
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def name_runs(
    text: str,
    tokens: list[Token],
    covered: dict[int, KbMatch],
    unsure: set[int],
    kb: KnowledgeBase,
) -> tuple[list[NameRun], list[Definition]]:
    """Runs of capitalised words outside knowledge-base matches, and acronym definitions."""
    headlines = _headline_lines(text)
    heads = [a for a, _ in headlines]

    def in_headline_at(pos: int) -> bool:
        k = bisect.bisect_right(heads, pos) - 1
        return k >= 0 and pos < headlines[k][1]

    runs: list[NameRun] = []
    definitions: list[Definition] = []
    n = len(tokens)
    # Only capitalised words and known names can start anything: skip the rest in one pass.
    candidates = [k for k, t in enumerate(tokens) if t[2][0].isupper() or t[0] in covered]
    i = 0
    prev_kb: KbMatch | None = None
    for c in candidates:
        if c < i:
            continue
        i = c
        start, _, word = tokens[i]
        in_headline = in_headline_at(start)
        kb_match = covered.get(start)
        if kb_match is not None:
            definition_after(text, tokens, kb_match.end, [], kb_match, covered, definitions)
            prev_kb, first = kb_match, i
            while i < n and tokens[i][0] < kb_match.end:
                i += 1
            org = _place_led_org(text, tokens, first, i, covered, kb, kb_match, in_headline)
            if org is not None:
                runs.append(org[0])
                i, prev_kb = org[1], None
                org_run = org[0].tokens
                definition_after(
                    text, tokens, org_run[-1][1], org_run, None, covered, definitions, org[0].parent
                )
            continue
        if normalize_word(word) in DATE_WORDS:
            i += 1
            continue
        j = _run_end(text, tokens, i, covered)
        run = tokens[i : j + 1]
        titled = prev_kb is not None and prev_kb.end >= start - 1 and not prev_kb.demonym
        dateline = _is_dateline(text, run)
        for part in _split_lists(run):
            first, last = tokens.index(part[0], i), tokens.index(part[-1], i)
            runs.append(
                NameRun(
                    part,
                    _sentence_start(text, tokens, first),
                    _preceding(text, tokens, i),
                    tokens[last + 1][2].lower() if last + 1 < n else "",
                    titled and first == i,
                    in_headline,
                    unsure=any(t[0] in unsure for t in part),
                    dateline=dateline,
                )
            )
        definition_after(text, tokens, run[-1][1], run, None, covered, definitions)
        prev_kb = None
        i = j + 1
    return runs, definitions


def _preceding(text: str, tokens: list[Token], i: int) -> str:
    """The word before token `i`; "north of" and the like count as "near", "the village of"
    and "the capital," as "in"."""
    if i == 0:
        return ""
    word = tokens[i - 1][2].lower()
    if word in ("from", "by") and i >= 2 and tokens[i - 2][2].lower() in DATA_NOUNS:
        return DATA_FROM  # "industry data from Kantar": whose data, not where
    if word == "of" and i >= 2 and tokens[i - 2][2].lower() in PLACE_MODIFIERS:
        return "near"
    if word == "of" and i >= 2 and tokens[i - 2][2] in _SETTLEMENT_WORDS:
        return "in"  # "the village of Zborowice Dolne", "the state of Rio Grande do Sul"
    if word in _SETTLEMENT_WORDS and text[tokens[i - 1][1] : tokens[i][0]] == ", ":
        return "in"  # "in the capital, Marenburg"
    return word


def _is_dateline(text: str, run: list[Token]) -> bool:
    """An all-capitals place opening a line before a dash or a bracket ("FILLMORE - The")."""
    if not all(t[2].isupper() for t in run):
        return False  # the cheap test first: most runs are not in capitals
    line_start = text.rfind("\n", 0, run[0][0]) + 1
    return (
        not text[line_start : run[0][0]].strip()
        and _DATELINE_END.match(text, run[-1][1]) is not None
    )


def _split_lists(run: list[Token]) -> list[list[Token]]:
    """ "Mzimba and Karonga" is two names; "Department of Health and Human Services" is one;
    "Zhang Wei of Harbour Securities" is a person and the body they work for."""
    of = next((k for k, t in enumerate(run) if t[2] == "of"), -1)
    if (
        of in (2, 3)
        and len(run) > of + 1
        and normalize_word(run[-1][2]) in ORG_WORDS
        and not any(normalize_word(t[2]) in ORG_WORDS for t in run[:of])
    ):
        return [run[:of], run[of + 1 :]]
    if not any(t[2] in ("and", "&") for t in run) or any(
        normalize_word(t[2]) in ORG_WORDS for t in run
    ):
        return [run]
    parts: list[list[Token]] = [[]]
    for token in run:
        if token[2] in ("and", "&"):
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def _sentence_start(text: str, tokens: list[Token], i: int) -> bool:
    return i == 0 or breaks_sentence(text[tokens[i - 1][1] : tokens[i][0]])


def _run_end(text: str, tokens: list[Token], i: int, covered: dict[int, KbMatch]) -> int:
    """Index of the last token of the capitalised run starting at token `i`."""
    n = len(tokens)
    j = i
    while j + 1 < n:
        gap = text[tokens[j][1] : tokens[j + 1][0]]
        nxt = tokens[j + 1]
        if nxt[0] in covered:
            break
        if gap == " & " and nxt[2][0].isupper():
            j += 1  # "Procter & Gamble", "Birchwood Kitchen & Bath": "&" joins one name
            continue
        if gap not in (" ", "-") and not (
            gap == ". " and (tokens[j][2].lower() in ABBREVIATIONS or len(tokens[j][2]) == 1)
        ):
            break
        if nxt[2][0].isupper() and normalize_word(nxt[2]) not in DATE_WORDS:
            j += 1
            continue
        if gap == "-" and not is_ordinary_word(nxt[2].lower()):
            j += 1  # "Agro-alimentarias": a foreign compound ("Kestrel-based" ends the name)
            continue
        # Lowercase connectors stay inside a name only when a capital follows them.
        k = j + 1
        while k < n and k - j <= 2 and tokens[k][2].lower() in CONNECTORS:
            k += 1
        if k > j + 1 and k < n and tokens[k][2][0].isupper() and tokens[k][0] not in covered:
            j = k
            continue
        break
    return j


def _place_led_org(
    text: str,
    tokens: list[Token],
    first: int,
    i: int,
    covered: dict[int, KbMatch],
    kb: KnowledgeBase,
    kb_match: KbMatch,
    in_headline: bool,
) -> tuple[NameRun, int] | None:
    """A known place opening an organisation's or an event's name ("Syracuse University",
    "Ukrainian Foreign Ministry", "Riyadh Summit"): the whole run is one name whose parent is
    that place's country."""
    if i >= len(tokens) or text[kb_match.end : tokens[i][0]] not in (" ", "'s ", "’s "):
        return None
    if not tokens[i][2][0].isupper() or tokens[i][0] in covered:
        return None
    entity = kb.get(kb_match.key)
    if entity is None or entity.kind not in _PLACE_KINDS:
        return None
    j = _run_end(text, tokens, i, covered)
    company = False
    if not any(normalize_word(t[2]) in ORG_WORDS for t in tokens[i : j + 1]) and (
        event_name(tokens[first : j + 1]) is None  # "the Riyadh Summit", "the Maui Fire"
    ):
        if kb_match.demonym or normalize_word(tokens[j][2]) not in COMPANY_WORDS:
            return None
        # "Harlow Foods", "Tulsa Energy": a company named after a town, not a body of it
        company = True
    run = NameRun(
        tokens[first : j + 1],
        _sentence_start(text, tokens, first),
        tokens[first - 1][2].lower() if first else "",
        tokens[j + 1][2].lower() if j + 1 < len(tokens) else "",
        False,
        in_headline,
        None if company else kb.country_of(kb_match.key) or kb_match.key,
    )
    return run, j + 1
