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


def _word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


# Words, dotted abbreviations, numbers, single punctuation characters. Alternatives start with
# disjoint classes and the repeated groups need a separator, so matching stays linear.
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\w\s]",
)


_POSSESSIVES = frozenset({"'s", "’s"})


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


_REPORT_VERBS = (
    "said|says|say|told|tells|tell|noted|notes|noting|estimated|estimates|estimate|"
    "reported|announced|announces|assessed|assesses|assess|stated|confirmed|confirms|"
    "claimed|claims|indicated|indicates|suggested|suggests|suggest|suggesting|revised|"
    "believes|believe|believed|added|adding|warned|warns|warning|argued|argues|wrote|writes|"
    "tweeted|posted|acknowledged|admitted|insisted|explained|declared|predicted|predicts|"
    "projected|projects|forecast|forecasts|revealed|disclosed|showed|show|shows|found|"
    "concluded|pointed|saying|claiming|citing|put|puts|counted|recorded|registered|"
    "expects|expected|calculated|reckons|thinks|[Aa]ccording to|quoted"
)
_VERB = re.compile(rf"\b(?:{_REPORT_VERBS})\b")
_PARTICIPLE_VERBS = frozenset(
    {"noting", "adding", "saying", "warning", "claiming", "citing", "suggesting"}
)
# Lower-case words that may sit inside a source phrase (titles, bodies, their modifiers).
_NP_WORDS = _word_set(
    """
    spokesman spokeswoman spokesperson spokespeople secretary press deputy minister ministry
    president vice prime official officials intelligence military defense defence foreign
    interior health general chief head director commander governor mayor senior top former
    department agency service services government authorities authority police army navy
    council office sources source unnamed anonymous local state federal national regional
    provincial officer aide adviser advisor envoy ambassador leader chairman chairwoman
    chair executive researchers scientists spokesmen reports report from of staff security
    emergency management disaster survey institute bureau committee commission board
    agencies administration cabinet parliament lawmakers diplomats diplomat analysts experts
    economists monitors monitor observers watchdog regulator regulators prosecutors
    prosecutor court judge analysis study report survey estimates data figures research poll
    polls assessment
    """
)
# Words in a source phrase that make an entity-less phrase still name a speaking body/person.
# Words that end a source phrase read right to left.
_NP_STOP = _word_set(
    """
    the a an and or but nor that which who whom whose while when where as if than because
    has have had is are was were be been being will would could can may might must shall
    should do does did it its their his her our your my this these those there here not no
    in on at to into by with for over under after before since during about against between
    through without within among per also only just even still already now then so yet
    what how why both either neither each all some any most more less many much few
    """
)
_SENTENCE_ADVERBS = _word_set(
    """
    although though meanwhile however additionally moreover furthermore nonetheless
    nevertheless separately earlier later instead also still indeed asked
    """
)
# Heads of source phrases that name no one: the source stays unknown (or the outer one).
_GENERIC_SOURCES = _word_set(
    """
    reports report analysis analyses estimates estimate figures figure data intelligence
    study studies research assessment assessments information evidence footage images
    documents statement statements claims claim findings numbers count counts results
    result toll
    """
)
_SPEAKER_NOUNS = _word_set(
    """
    official officials spokesman spokeswoman spokesperson spokespeople sources source
    authorities ministry police army government diplomats diplomat prosecutors lawmakers
    analysts experts economists monitors observers researchers scientists officer aide
    adviser advisor envoy ambassador regulator regulators agency department council
    """
)
# Skipped between the source phrase and its verb: auxiliaries, adverbs, "on Monday".
_SKIP_BEFORE_VERB = _word_set(
    """
    has have had also further then previously initially earlier later recently separately
    publicly reportedly repeatedly already last first has had on monday tuesday wednesday
    not never now still again
    thursday friday saturday sunday yesterday today
    """
)
_ARTICLES = frozenset({"the", "a", "an"})
_LEADING_NOISE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:reports?|statements?|estimates?|figures?|data)\s+"
    r"(?:from|by|of)\s+)?(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
_PRONOUNS_PERSON = frozenset({"he", "she"})
_TRAILING_MARKS = frozenset({",", "”", '"', "’", "'"})
# Verbs that take a plain object when they are not reporting ("added 64,000 jobs").
_OBJECT_VERBS = frozenset({"added", "adding", "found", "show", "shows", "showed"})
# Verbs of speech proper: a closing "..., X said" does not override them.
_SPEECH = _word_set(
    """
    said says told tells noted notes stated confirmed announced reported wrote writes added
    claimed estimated estimates assessed insisted declared warned revealed
    """
)
_PRONOUNS_BODY = frozenset({"it", "they"})
_PRONOUNS = frozenset({"i", "we", "you", "it", "they", "he", "she", "us", "them"})
_MAX_SOURCE_TOKENS = 12


def _in_np(token: Token, covered: set[int]) -> bool:
    """Whether a token can belong to a source phrase: names, titles and plain nouns, not
    function words, reporting verbs, adverbs or numbers."""
    if token.start in covered or token.lower in _NP_WORDS:
        return True
    low = token.lower
    if low in _NP_STOP or low in _SENTENCE_ADVERBS:
        return False  # "Although ...", "While ...", "Meanwhile, ..."
    first = token.text[0]
    if first.isupper():
        return True
    return (
        first.isalpha()
        and "." not in low
        and low not in _NP_STOP
        and not low.endswith(("ly", "ed"))
        and _VERB.fullmatch(low) is None
    )


def _source_span_before(tokens: Sequence[Token], idx: int, covered: set[int]) -> tuple[int, int]:
    """Index range [lo, hi) of the source phrase ending at or before token `idx`."""
    while idx >= 0 and tokens[idx].lower in _SKIP_BEFORE_VERB:
        idx -= 1
    if idx >= 0 and tokens[idx].text == ",":
        # One appositive: "Tetiana Hranchak, a professor at ..., noted".
        j = idx - 1
        while j >= 0 and idx - j <= 14 and tokens[j].text not in {",", "“", '"', "”"}:
            j -= 1
        if j >= 0 and tokens[j].text == ",":
            idx = j - 1
        else:
            return (idx + 1, idx + 1)
    hi = idx + 1
    lo = hi
    while idx >= 0 and hi - idx <= _MAX_SOURCE_TOKENS:
        tok = tokens[idx]
        if tok.lower in _ARTICLES:
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
    while lo < len(tokens) and tokens[lo].lower in _ARTICLES:
        lo += 1
    hi = lo
    while hi < len(tokens) and hi - lo < _MAX_SOURCE_TOKENS:
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
    display = _LEADING_NOISE.sub("", phrase).strip(" ,") or phrase
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
    if head in _GENERIC_SOURCES or (len(words) == 1 and head in _PRONOUNS):
        # "Reports suggest", "An analysis indicates", "official figures put", "we said"
        return None, None, None, keys
    if any(w.lower() in _SPEAKER_NOUNS for w in words):
        return display, None, None, keys
    return display, None, None, keys


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
    if _VERB.search(text, start, end) is None:
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
    for match in _VERB.finditer(text, start, end):
        verb = match.group()
        i = by_start.get(match.start())
        if i is None:
            continue
        if verb.lower() == "according to":
            lo, hi = _source_span_after(tokens, i + 2, covered)
        else:
            prev = i - 1
            while prev >= 0 and tokens[prev].lower in _SKIP_BEFORE_VERB:
                prev -= 1
            if prev >= 0 and tokens[prev].lower in _PRONOUNS_PERSON | _PRONOUNS_BODY:
                source = last_person if tokens[prev].lower in _PRONOUNS_PERSON else last_body
                if source is not None:
                    events.append(
                        source._replace(
                            start=match.start(),
                            end=match.end(),
                            phrase=(-1, -1),
                            verb=verb,
                            trailing=prev > 0 and tokens[prev - 1].text in _TRAILING_MARKS,
                        )
                    )
                continue
            nxt = tokens[i + 1].text if i + 1 < len(tokens) else "."
            if verb in _OBJECT_VERBS and nxt not in _TRAILING_MARKS | {"that", ".", ":"}:
                continue  # "employers added 64,000 jobs": not a reporting verb
            if verb in _PARTICIPLE_VERBS and prev >= 0 and tokens[prev].text == ",":
                lo, hi = i, i  # "..., noting that": the sentence's named source stands
            else:
                lo, hi = _source_span_before(tokens, i - 1, covered)
            if lo == hi and verb in {"said", "says", "added", "told", "wrote"}:
                lo, hi = _source_span_after(tokens, i + 1, covered)  # "..., said Rutte"
        if lo < hi and all(t.lower in _ARTICLES for t in tokens[lo:hi]):
            continue  # "the confirmed deployment": an adjective, not a reporting verb
        if lo < hi:
            name, attributor, key, keys = _resolve(
                text, tokens[lo].start, tokens[hi - 1].end, mentions, entities
            )
        elif verb not in _PARTICIPLE_VERBS:
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
        span = (tokens[lo].start, tokens[hi - 1].end) if lo < hi else (-1, -1)
        trailing = 0 < lo < hi and tokens[lo - 1].text in _TRAILING_MARKS
        events.append(
            Attribution(
                match.start(), match.end(), name, attributor, key, keys, span, verb, trailing
            )
        )
    return events


_ORGANISATION_NOUNS = _word_set(
    """
    company group firm chipmaker maker manufacturer retailer bank lender insurer carrier
    airline automaker carmaker operator producer giant conglomerate startup business
    corporation developer supplier utility
    """
)


def is_organisation_reference(name: str | None) -> bool:
    """True for a source named only by a common noun for a company ("the company", "the
    U.S. chipmaker", "the California-based group")."""
    if not name:
        return False
    head = name.split()[-1].lower().strip("'’s")
    return head in _ORGANISATION_NOUNS or name.lower().endswith(("company's", "group's"))


def is_reporting_word(word: str) -> bool:
    """True for a lower-case reporting verb form ("said", "estimates", "noting")."""
    return _VERB.fullmatch(word) is not None


def attribution_for(events: Sequence[Attribution], position: int) -> Attribution | None:
    """The source governing the figure at `position`: the nearest reporting event before it,
    else the first named event after it in the same sentence ("..., the ministry said")."""
    before = [e for e in events if e.end <= position]
    closing = next(
        (
            e
            for e in events
            if e.start >= position and e.trailing and e.name is not None and e.verb in _SPEECH
        ),
        None,
    )
    if before:
        nearest = before[-1]
        if closing is not None and nearest.verb not in _SPEECH:
            # "Malawi has recorded 4,800 cases, the WHO said": the closing source reports it
            return closing
        # The nearest verb governs, even when its source is unnamed ("An analysis indicates").
        return nearest if nearest.name is not None else None
    for event in events:
        if event.start >= position and event.name is not None:
            return event
    return None
