"""Who says so: speakers of sentences and the sources figures are attributed to.

An attribution is found from a reporting verb ("said", "told", "estimates", "according to" ...)
and the noun phrase before it (or after it, for "said Rutte" and "according to X"). The noun
phrase is read right to left over capitalised words, entity mentions and a closed list of title
and institution words ("deputy Pentagon press secretary Sabrina Singh"), skipping one comma-
delimited appositive ("Reports from X, cited by Y, suggest"). It is then resolved against the
entity mentions inside it:
- a person: `name` is the person's canonical name; `attributor` is the organisation named in the
  person's title when there is one (a Pentagon spokeswoman speaks for the Pentagon), else the
  person's own key;
- an organisation or a country: `name` is the phrase as written (without articles or "reports
  from"), `attributor` the organisation's key (else the country's);
- no entity: only a phrase naming people who speak ("unnamed officials") keeps a `name`; bare
  "reports" or "an analysis" give no attribution, and a participle clause ("..., noting that")
  inherits the attribution before it in the sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_words import (
    ARTICLES,
    COUNT_NOUNS,
    DATA_NOUNS,
    GENERIC_SOURCES,
    LEADING_NOISE,
    MAX_SOURCE_TOKENS,
    NP_STOP,
    NP_WORDS,
    OBJECT_VERBS,
    ORGANISATION_NOUNS,
    PARTICIPLE_VERBS,
    PRONOUNS,
    PRONOUNS_BODY,
    PRONOUNS_PERSON,
    SENTENCE_ADVERBS,
    SHOW_VERBS,
    SKIP_BEFORE_VERB,
    SPEAKER_NOUNS,
    SPEECH,
    TRAILING_MARKS,
    VERB,
)

# Words, dotted abbreviations, numbers, single punctuation characters. Alternatives start with
# disjoint classes and the repeated groups need a separator, so matching stays linear.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\w\s]",
)


_POSSESSIVES = frozenset({"'s", "’s"})
# Characters between a figure and a participle that names its source ("the 2.0% cited by").
_PASSIVE_REACH = 24
# Tokens an appositive may span ("AKUT, a volunteer rescue association whose teams ..., said").
_MAX_APPOSITIVE = 30
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "who", "which", "whose", "its", "his", "her"})


class Token(NamedTuple):
    """One token with absolute offsets; `lower` drops a possessive "'s"."""

    start: int
    end: int
    text: str
    lower: str


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of `text[start:end]` with offsets into `text`."""
    out: list[Token] = []
    append = out.append
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        lower = word.lower()
        if lower[-2:] in _POSSESSIVES and len(lower) > 2:
            lower = lower[:-2]
        append(Token(match.start(), match.end(), word, lower))
    return out


class Attribution(NamedTuple):
    """A reporting event: the verb's offsets and whom it attributes to."""

    start: int  # of the verb (or of "according to")
    end: int
    name: str | None  # display name of the source, None when unknown
    attributor: str | None  # entity key of the body the source speaks for
    speaker_key: str | None  # entity key of the source itself (person or body)
    entity_keys: tuple[str, ...]  # every entity mentioned in the source phrase
    phrase: tuple[int, int] = (-1, -1)  # offsets of the source phrase in this sentence
    verb: str = ""
    # "..., the ministry said": a source after a comma or a quote speaks for the sentence
    trailing: bool = False
    # "the 2.0% cited by the ministry": a participle with its source after "by"
    passive: bool = False


def _in_np(token: Token, covered: set[int]) -> bool:
    """Whether a token can belong to a source phrase: names, titles and plain nouns, not
    function words, reporting verbs, adverbs or numbers."""
    if token.start in covered or token.lower in NP_WORDS:
        return True
    low = token.lower
    if low in NP_STOP or low in SENTENCE_ADVERBS:
        return False  # "Although ...", "While ...", "Meanwhile, ..."
    first = token.text[0]
    if first.isupper():
        return True
    return (
        first.isalpha()
        and "." not in low
        and low not in NP_STOP
        and not low.endswith(("ly", "ed"))
        and VERB.fullmatch(low) is None
    )


def _opens_appositive(token: Token) -> bool:
    """A noun phrase or a relative clause about the source opens here ("a professor at",
    "who leads"), not a prepositional clause ("in which the state holds")."""
    return token.lower in _APPOSITIVE_OPENERS or token.lower not in NP_STOP


def _source_span_before(tokens: Sequence[Token], idx: int, covered: set[int]) -> tuple[int, int]:
    """Index range [lo, hi) of the source phrase ending at or before token `idx`."""
    while idx >= 0 and tokens[idx].lower in SKIP_BEFORE_VERB:
        idx -= 1
    if idx >= 0 and tokens[idx].text == ",":
        # One appositive: "Tetiana Hranchak, a professor at ..., noted".
        j = idx - 1
        while j >= 0 and idx - j <= _MAX_APPOSITIVE and tokens[j].text not in {",", "“", '"', "”"}:
            j -= 1
        if j >= 0 and tokens[j].text == "," and _opens_appositive(tokens[j + 1]):
            idx = j - 1
        else:
            return (idx + 1, idx + 1)
    hi = idx + 1
    lo = hi
    while idx >= 0 and hi - idx <= MAX_SOURCE_TOKENS:
        tok = tokens[idx]
        if tok.lower in ARTICLES:
            lo = idx
            break
        if tok.text == "-" or _in_np(tok, covered):
            lo = idx
            idx -= 1
            continue
        break
    while lo < hi and tokens[lo].lower in {"of", "from", "-"}:
        lo += 1
    return (lo, hi)


def _source_span_after(tokens: Sequence[Token], idx: int, covered: set[int]) -> tuple[int, int]:
    """Index range of the source phrase starting at token `idx` ("according to X", "said X")."""
    lo = idx
    while lo < len(tokens) and tokens[lo].lower in ARTICLES:
        lo += 1
    hi = lo
    while hi < len(tokens) and hi - lo < MAX_SOURCE_TOKENS:
        tok = tokens[hi]
        if tok.text == "-" or (tok.lower not in {"that"} and _in_np(tok, covered)):
            hi += 1
            continue
        break
    return (lo, hi)


def _resolve(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """(name, attributor, speaker_key, keys) for the source phrase `text[start:end]`."""
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    keys = tuple(dict.fromkeys(m.key for m in inside))
    phrase = text[start:end].strip()
    kinds = [(m, entities[m.key].kind if m.key in entities else None) for m in inside]
    persons = [m for m, kind in kinds if kind is EntityKind.PERSON]
    bodies = [m for m, kind in kinds if kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)]
    countries = [m for m, kind in kinds if kind in (EntityKind.COUNTRY, EntityKind.PLACE)]
    if persons:
        person = persons[-1]
        name = entities[person.key].name if person.key in entities else person.text
        titles = [m for m in bodies if m.end <= person.start]
        attributor = titles[-1].key if titles else person.key
        return name, attributor, person.key, keys
    display = LEADING_NOISE.sub("", phrase).strip(" ,") or phrase
    person_name = _trailing_name(display)
    if bodies:
        if person_name is not None and bodies[-1].end <= start + phrase.rfind(person_name):
            # "Cal Fire battalion chief Aaron Metz": an unrecognised person with a title
            return person_name, bodies[-1].key, None, keys
        return display, bodies[-1].key, bodies[-1].key, keys
    if countries:
        return display, countries[-1].key, countries[-1].key, keys
    words = display.split()
    if not words:
        return None, None, None, keys
    head = words[-1].lower()
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    owner = _owner_of_generic(display, head)
    if owner is not None:
        return owner, None, None, keys  # "the health ministry's figures show"
    if head in GENERIC_SOURCES or (len(words) == 1 and head in PRONOUNS):
        # "Reports suggest", "An analysis indicates", "official figures put", "we said"
        return None, None, None, keys
    if any(w.lower() in SPEAKER_NOUNS for w in words):
        return display, None, None, keys
    return display, None, None, keys


def _owner_of_generic(display: str, head: str) -> str | None:
    """ "health ministry" for "health ministry's figures": a speaking body owning data."""
    if head not in GENERIC_SOURCES:
        return None
    for mark in ("'s ", "’s "):
        at = display.rfind(mark)
        if at > 0:
            owner = display[:at].strip()
            last = owner.split()[-1].lower() if owner.split() else ""
            if last in SPEAKER_NOUNS or last in NP_WORDS:
                return owner
    return None


def _trailing_name(display: str) -> str | None:
    """ "battalion chief Aaron Metz" -> "Aaron Metz": two or three capitalised words after a
    lower-case title word."""
    words = display.split()
    run = 0
    while run < len(words) and words[len(words) - 1 - run][:1].isupper():
        run += 1
    if 2 <= run <= 3 and run < len(words) and words[len(words) - 1 - run][:1].islower():
        return " ".join(words[len(words) - run :])
    return None


def find_attributions(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
    last_person: Attribution | None = None,
    last_body: Attribution | None = None,
    tokens: list[Token] | None = None,
) -> list[Attribution]:
    """Every reporting event in `text[start:end]`, in order, resolved to its source.

    `mentions` are the entity mentions of the sentence; `last_person`/`last_body` resolve "he
    said" / "it said" to the previous source of that kind in the article.
    """
    if VERB.search(text, start, end) is None:
        return []
    if tokens is None:
        tokens = tokenize(text, start, end)
    covered: set[int] = set()
    if mentions:
        starts = [t.start for t in tokens]
        for m in mentions:
            at = bisect.bisect_left(starts, m.start)
            while at < len(tokens) and tokens[at].start < m.end:
                covered.add(tokens[at].start)
                at += 1
    by_start = {t.start: i for i, t in enumerate(tokens)}
    events: list[Attribution] = []
    for match in VERB.finditer(text, start, end):
        verb = match.group()
        i = by_start.get(match.start())
        if i is None:
            continue
        by_at = _by_after(tokens, i) if verb.endswith("ed") else -1
        passive = by_at > 0
        cited = (-1, -1)
        if verb == "citing":
            cited = _source_span_after(tokens, i + 1, covered)
        if verb.lower() == "according to":
            lo, hi = _source_span_after(tokens, i + 2, covered)
        elif passive:
            # "was reported by the Red Cross", "..., cited by Bloomberg,"; not "recorded by
            # the afternoon"
            lo, hi = _source_span_after(tokens, by_at + 1, covered)
            if lo < hi and not (
                tokens[lo].start in covered
                or tokens[lo].text[:1].isupper()
                or tokens[hi - 1].lower in SPEAKER_NOUNS | NP_WORDS
            ):
                continue
        elif cited[0] < cited[1] and _names_someone(tokens, cited[0], i + 1, covered):
            # "..., the AP reported, citing the disaster agency": the cited body is the source
            lo, hi = cited
        else:
            prev = i - 1
            while prev >= 0 and tokens[prev].lower in SKIP_BEFORE_VERB:
                prev -= 1
            if prev >= 0 and tokens[prev].lower in PRONOUNS_PERSON | PRONOUNS_BODY:
                # "The WHO said it had recorded ...": a source earlier in the sentence is
                # nearer than the article's previous one.
                person = tokens[prev].lower in PRONOUNS_PERSON
                source = _same_sentence_source(events, entities, person=person) or (
                    last_person if person else last_body
                )
                if source is not None:
                    events.append(
                        source._replace(
                            start=match.start(),
                            end=match.end(),
                            phrase=(-1, -1),
                            verb=verb,
                            trailing=prev > 0 and tokens[prev - 1].text in TRAILING_MARKS,
                        )
                    )
                continue
            nxt = tokens[i + 1].text if i + 1 < len(tokens) else "."
            if (
                verb in OBJECT_VERBS
                and nxt not in TRAILING_MARKS | {"that", ".", ":"}
                and not (prev >= 0 and verb in SHOW_VERBS and tokens[prev].lower in DATA_NOUNS)
            ):
                continue  # "employers added 64,000 jobs": not a reporting verb
            if verb in PARTICIPLE_VERBS and prev >= 0 and tokens[prev].text == ",":
                lo, hi = i, i  # "..., noting that": the sentence's named source stands
            else:
                lo, hi = _source_span_before(tokens, i - 1, covered)
            if (
                lo == hi
                and prev >= 0
                and tokens[prev].lower in {"and", "but"}
                and (outer := _last_named(events)) is not None
            ):
                # "Fire officials expect 70%, but warned that ...": the same speakers
                events.append(
                    outer._replace(start=match.start(), end=match.end(), phrase=(-1, -1), verb=verb)
                )
                continue
            if lo == hi and verb in {"said", "says", "added", "told", "wrote"}:
                lo, hi = _source_span_after(tokens, i + 1, covered)  # "..., said Rutte"
                if lo < hi and not _names_someone(tokens, lo, i + 1, covered):
                    lo = hi  # "Inc. said revenue rose": a clause, not a source
        if lo < hi and all(t.lower in ARTICLES for t in tokens[lo:hi]):
            continue  # "the confirmed deployment": an adjective, not a reporting verb
        if lo < hi:
            name, attributor, key, keys = _resolve(
                text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
            )
        elif verb not in PARTICIPLE_VERBS:
            continue  # no source phrase: a noun ("further estimates"), not a reporting verb
        else:
            name, attributor, key, keys = None, None, None, ()
        if name is None:
            # "..., noting that" / "X said that Kyiv has intelligence suggesting" / "X stated
            # that his country's intelligence believes": the named source before stands.
            outer = next((e for e in reversed(events) if e.name is not None), None)
            if outer is not None:
                events.append(
                    outer._replace(start=match.start(), end=match.end(), phrase=(-1, -1), verb=verb)
                )
                continue
        outer = _last_named(events)
        if (
            outer is not None
            and outer.verb in SPEECH
            and verb not in SPEECH
            and not passive
            and verb != "citing"
        ):
            # "the WHO said Malawi had recorded 4,800 cases": the speaker's report
            events.append(
                outer._replace(start=match.start(), end=match.end(), phrase=(-1, -1), verb=verb)
            )
            continue
        span = (tokens[lo].start, tokens[hi - 1].end) if lo < hi else (-1, -1)
        # "..., according to X" scopes its whole sentence like a closing "..., X said"
        trailing = (
            passive
            or verb.lower() == "according to"
            or (0 < lo < hi and tokens[lo - 1].text in TRAILING_MARKS)
        )
        events.append(
            Attribution(
                match.start(),
                match.end(),
                name,
                attributor,
                key,
                keys,
                span,
                verb,
                trailing,
                passive,
            )
        )
    if any(t.text.endswith(_POSSESSIVE_ENDINGS) for t in tokens):
        events.extend(_possessive_counts(text, tokens, covered, mentions, entities))
        events.sort(key=lambda e: e.start)
    return events


_POSSESSIVE_ENDINGS = ("'s", "’s")
# Adverbs between a participle and its "by" ("published overnight by").
_BY_GAP = frozenset({"overnight", "today", "yesterday", "earlier", "later", "late", "jointly"})


def _by_after(tokens: Sequence[Token], i: int) -> int:
    """Index of the "by" after the participle at `i` ("reported by", "published overnight
    by"), else -1."""
    for j in (i + 1, i + 2):
        if j >= len(tokens):
            return -1
        if tokens[j].lower == "by":
            return j
        if tokens[j].lower not in _BY_GAP and not tokens[j].lower.endswith("ly"):
            return -1
    return -1


def _last_named(events: Sequence[Attribution]) -> Attribution | None:
    return next((e for e in reversed(events) if e.name is not None), None)


def _possessive_counts(
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
        if not tok.text.endswith(_POSSESSIVE_ENDINGS) or tokens[k + 1].lower not in COUNT_NOUNS:
            continue
        if tokens[k + 2].lower not in {"of", "at", "was", "is", "put", "puts"}:
            continue
        lo, hi = _source_span_before(tokens, k, covered)
        if lo >= hi:
            continue
        name, attributor, key, keys = _resolve(
            text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
        )
        if name is None:
            continue
        noun = tokens[k + 1]
        span = (tokens[lo].start, tokens[hi - 1].end)
        out.append(Attribution(noun.start, noun.end, name, attributor, key, keys, span, noun.lower))
    return out


def _names_someone(tokens: Sequence[Token], lo: int, first: int, covered: set[int]) -> bool:
    """Whether a source phrase read after its verb names someone: a name, or a noun after
    an article ("said the ministry"), not a clause ("said revenue rose")."""
    return (
        tokens[lo].start in covered
        or tokens[lo].text[:1].isupper()
        or (lo > first and tokens[lo - 1].lower in ARTICLES)
    )


def _same_sentence_source(
    events: Sequence[Attribution], entities: Mapping[str, Entity], *, person: bool
) -> Attribution | None:
    """The last named source of this sentence that a pronoun of that kind can refer to."""
    for event in reversed(events):
        if event.name is None or event.speaker_key is None:
            continue
        entity = entities.get(event.speaker_key)
        if entity is None:
            continue
        if (entity.kind is EntityKind.PERSON) == person:
            return event
    return None


def is_organisation_reference(name: str | None) -> bool:
    """True for a source named only by a common noun for a company ("the company", "the
    U.S. chipmaker", "the California-based group")."""
    if not name:
        return False
    head = name.split()[-1].lower().strip("'’s")
    return head in ORGANISATION_NOUNS or name.lower().endswith(("company's", "group's"))


def is_reporting_word(word: str) -> bool:
    """True for a lower-case reporting verb form ("said", "estimates", "noting")."""
    return VERB.fullmatch(word) is not None


def attribution_for(events: Sequence[Attribution], position: int) -> Attribution | None:
    """The source governing the figure at `position`: the nearest reporting event before it,
    else the first closing source after it in the same sentence ("..., the ministry said")."""
    chosen = _governing(events, position)
    if chosen is not None and chosen.verb != "citing":
        # "..., X said, citing Y" / "X, citing Y, said": Y is the figure's source, X relays it
        citing = [e for e in events if e.verb == "citing" and e.phrase != (-1, -1)]
        if citing:
            return min(citing, key=lambda e: abs(e.start - chosen.start))
    return chosen


def _governing(events: Sequence[Attribution], position: int) -> Attribution | None:
    before = [e for e in events if e.end <= position]
    after = [e for e in events if e.start >= position]
    if (
        after
        and after[0].passive
        and after[0].name is not None
        and after[0].start - position <= _PASSIVE_REACH
    ):
        return after[0]  # "compared with the 2.0% cited by the ministry"
    closing = next(
        (
            e
            for e in after
            if e.trailing
            and e.name is not None
            and (e.verb in SPEECH or e.verb.lower() == "according to")
        ),
        None,
    )
    if before:
        nearest = before[-1]
        if closing is not None and (
            nearest.verb not in SPEECH
            or (nearest.speaker_key is None and closing.speaker_key is not None)
        ):
            # "Malawi has recorded 4,800 cases, the WHO said", "Inspection teams confirmed
            # 87 homes were lost, Cal Fire said": the closing source reports it
            return closing
        if nearest.name is None and nearest.verb.lower() == "according to":
            # "according to the result published overnight by the returning officer"
            relay = next((e for e in after if e.passive and e.name is not None), None)
            if relay is not None and relay.start - nearest.end <= _PASSIVE_REACH * 3:
                return relay
        # The nearest verb governs, even when its source is unnamed ("An analysis indicates").
        return nearest if nearest.name is not None else None
    # After the figure only a closing source counts ("..., the ministry said"); a reporting
    # verb in a later clause ("a day after the commission said") is about something else.
    for event in events:
        if event.start >= position and event.name is not None and event.trailing:
            return event
    return None
