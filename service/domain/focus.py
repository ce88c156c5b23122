"""What an article as a whole is about: its principal place and subject.

Figures that name no place or owner of their own refer to these ("killing 1,200 people" in an
article about an earthquake in Van; "revenue of $4.2bn" in an article about one company).
Both are only set when one candidate clearly dominates, so a story spanning several countries
or companies gets neither.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import chain
from typing import NamedTuple

from service.domain.attribution import Attribution
from service.domain.knowledge import KnowledgeBase
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_words import word_set

# "TAMPA, Florida, Oct 11 (Reuters) - ": a capitalised place at a paragraph start, an
# optional comma-led tail (region, date, agency) and a dash. Bounded repetitions only.
_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,[^\n]{0,80}?|\s\([^)\n]{1,40}\))?(?= [-—–]{1,2} )"
)


class Focus(NamedTuple):
    """What the article as a whole is about: figures that name no place or owner of their
    own refer to these (a quake's toll "in Van", a company's revenue)."""

    place: str | None
    subject: str | None
    # The named event the article is about ("the Sespe Fire"): owner of its tolls.
    event: str | None = None
    # Its organisations that are companies (`companies.company_keys`): they own the results
    # they report.
    companies: frozenset[str] = frozenset()
    # Whether it speaks of a protest: only then is a crowd a count of protesters.
    protest: bool = True


# A line opening with a capital, after the text's first: a dateline can open only there or
# at the very start, so these (a literal first: C speed) are the only places tried.
_CAPITAL_LINE = re.compile(r"\n(?=[A-Z])")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of datelines ("ANKARA, March 3 (Meridian) -", "FILLMORE -"): where the
    reporter files from, not what the story is about."""
    # the matches of a whole-text scan: one may cross a line end ("ANKARA\n(Meridian) -"),
    # so a line opening inside the last one found is skipped, as that scan would
    spans: list[tuple[int, int]] = []
    for start in chain((0,), (line.end() for line in _CAPITAL_LINE.finditer(text))):
        if spans and start < spans[-1][1]:
            continue
        m = _DATELINE.match(text, start)
        if m is not None:
            spans.append((m.start(), m.end()))
    return spans


# Between a country and a place inside it that the country only locates: "Brazil's southern
# state of Rio Grande do Sul" (country first: possessive), "PORTO ALEGRE, Brazil", "Van
# province in eastern Turkey" (place first).
_AREA_WORDS = r"province|state|region|county|district|prefecture|city|town|village|capital"
_COUNTRY_FIRST_GAP = re.compile(
    rf"['’]s(?:\s(?:[a-z]+ern|north|south|east|west|central|{_AREA_WORDS})){{0,3}}"
    r"(?:\sof)?\s"
)
_PLACE_FIRST_GAP = re.compile(rf"(?:\s(?:{_AREA_WORDS}))?(?:,|\sin(?:\s(?:the\s)?[a-z]+ern)?)\s")
# An event noun right before its place: "the earthquake in Van province", "floods in
# Brazil's south", "a fire at a factory in Tangerang"; or the event's verb: "two trains
# collided near Lodi", "a tower collapsed in Ikoyi". The place an event is said to happen in
# is what the story is about, wherever else it is mentioned.
_EVENT_WORDS = """
    earthquakes? quakes? tremors? floods? flooding fires? blazes? wildfires? explosions? blasts?
    crash(?:es)? collapse derailment storms? hurricanes? typhoons? cyclones? tornado(?:es)?
    landslides? mudslides? eruption outbreak epidemic attacks? shootings? bombings? protests?
    demonstrations? strikes? riots? clashes fighting heatwave drought accident disaster spill
    leak sinking capsizing
    collided crashed collapsed exploded derailed capsized sank erupted flooded
"""


def _by_first_letter(words: str) -> str:
    """An alternation of `words` (regex fragments) grouped by first letter: the engine tests
    one letter per group instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in words.split():
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in groups.items())


_EVENT = (
    rf"(?:{_by_first_letter(_EVENT_WORDS)})"
    r"(?:\s(?:that|which)\s(?:hit|struck|swept|killed))?"
    r"\s(?:in|at|near|across|off|outside|hit|hitting|struck|striking|swept|sweeping)"
    r"(?:\sthe)?(?:\s[a-z]+ern)?(?:\s(?:town|city|village|port|island) of)?\s$"
)
# The word boundary before the event word is read as the non-word character there: the
# pattern then opens with a character class, and a search skips at C speed to spaces and
# punctuation instead of trying the event words at every position.
_EVENT_AFTER_GAP = re.compile(rf"\W{_EVENT}")
_EVENT_AT_START = re.compile(_EVENT)


def _event_before(text: str, end: int) -> bool:
    """Whether the 60 characters before `end` end with an event and how it came about there
    ("the earthquake in ", "a fire at a factory in ")."""
    start = end - 60
    if start > 0:
        return _EVENT_AFTER_GAP.search(text, start - 1, end) is not None
    return (
        _EVENT_AT_START.match(text, 0, end) is not None
        or _EVENT_AFTER_GAP.search(text, 0, end) is not None
    )


def _locating_countries(places: Sequence[tuple[EntityMention, str]], text: str) -> dict[int, str]:
    """Index (into `places`) of each country mention that only locates the neighbouring
    place inside it -> that place's key. Such a mention says where the place is, not that
    the story is about the whole country."""
    out: dict[int, str] = {}
    for i in range(len(places) - 1):
        (a, a_country), (b, b_country) = places[i], places[i + 1]
        if b.start - a.end > 45:
            continue
        gap = text[a.end : b.start]
        if b_country == a.key != b.key and _COUNTRY_FIRST_GAP.fullmatch(gap):
            out[i] = b.key  # "Brazil's southern state of Rio Grande do Sul"
        elif a_country == b.key != a.key and _PLACE_FIRST_GAP.fullmatch(gap):
            out[i + 1] = a.key  # "Porto Alegre, Brazil"
    return out


def _placed(entity: Entity | None) -> bool:
    """A place the text named with where it is ("VELDHOVEN FALLS, Canada"): no guess."""
    return entity is not None and entity.parent is not None


def principal_place(
    mentions: Sequence[EntityMention],
    entity_of: Callable[[str], Entity | None],
    lead_end: int,
    kb: KnowledgeBase,
    skip: Sequence[tuple[int, int]] = (),
    text: str | None = None,
    demonyms: frozenset[int] = frozenset(),
) -> str | None:
    """The place the article is about, when one country clearly dominates its places.

    Mentions count once, three times in the title/lead or right after an event noun ("the
    earthquake in Van province"), once inside `skip` (datelines: where the reporter files
    from). With `text`, a country named only to locate a place inside it ("Brazil's
    southern state of Rio Grande do Sul", "Porto Alegre, Brazil") counts for that place.
    The top country must hold at least 60% of the weight of all place mentions (a story
    spanning several countries has no single place); demonyms (starts in `demonyms`:
    "Brazilian authorities") count there only, as they say whose a body is, not where the
    story is. Inside the country, the most mentioned place the knowledge base knows (ties:
    the one named first) wins when it holds a third of the country's weight, or when it is
    named in the lead and gets at least half the weight of the country's own name; else
    the country, when the story names it at all (a local story that never names its country
    has no place at country level). Places only the text names count for their country
    but never lead: where they are is a guess.
    """

    def country_of(key: str) -> str:
        # discovered places carry their country as parent; the knowledge base knows the rest
        entity = entity_of(key)
        if entity is not None and entity.kind is EntityKind.COUNTRY:
            return key
        parent = entity.parent if entity is not None else None
        if parent is not None:
            parent_entity = entity_of(parent)
            if parent_entity is not None and parent_entity.kind is EntityKind.COUNTRY:
                return parent
        return kb.country_of(key) or key

    places: list[tuple[EntityMention, str]] = []
    for m in mentions:
        entity = entity_of(m.key)
        if entity is None or entity.kind not in (EntityKind.COUNTRY, EntityKind.PLACE):
            continue
        places.append((m, country_of(m.key)))
    locating = _locating_countries(places, text) if text is not None else {}
    by_country: dict[str, float] = {}
    by_place: dict[str, float] = {}
    # Demonym weight per country: it tells which countries a story spans, not which place
    # inside the country the story is about.
    by_demonym: dict[str, float] = {}
    first: dict[str, int] = {}
    # places named in the lead or as where the event happened
    prominent: set[str] = set()
    total = 0.0
    listed = _in_long_lists(places, text) if text is not None else set()
    for i, (m, country) in enumerate(places):
        if any(lo <= m.start < hi for lo, hi in skip):
            weight = 1.0  # a dateline: where the reporter is, a weak hint
        elif i in listed:
            weight = 1.0  # "fled to Chad, South Sudan and Egypt": one of many, not the scene
        else:
            weight = 3.0 if m.start < lead_end else 1.0
        if text is not None and _event_before(text, m.start):
            weight = 3.0  # where the event happened, wherever it is said
        key = locating.get(i, m.key)
        by_country[country] = by_country.get(country, 0.0) + weight
        if m.start in demonyms:
            by_demonym[country] = by_demonym.get(country, 0.0) + weight
        elif key != country:
            by_place[key] = by_place.get(key, 0.0) + weight
            first.setdefault(key, m.start)
            if weight == 3.0:
                prominent.add(key)
        total += weight
    if not by_country:
        return None
    if total < 3:
        # a short wire item whose only place is its dateline ("NAIROBI (Reuters) -")
        placed = set(by_place) | set(by_country)
        dated = {
            m.key
            for m in mentions
            if m.key in placed and any(lo <= m.start < hi for lo, hi in skip)
        }
        if len(dated) == 1 and placed <= dated | {country_of(k) for k in dated}:
            return next(iter(dated))
        return None
    country, weight = max(by_country.items(), key=lambda kv: kv[1])
    if weight < 0.6 * total:
        return None
    # ties go to the place named first: the lead locates the event before it moves on
    inside = sorted(
        (
            (w, -first[k], k)
            for k, w in by_place.items()
            if country_of(k) == country and (kb.get(k) is not None or _placed(entity_of(k)))
        ),
        reverse=True,
    )
    weight -= by_demonym.get(country, 0.0)
    direct = weight - sum(w for k, w in by_place.items() if country_of(k) == country)
    if inside:
        leader_weight, _, leader = inside[0]
        # two places of the country the lead names alike ("the Attica region", "the island
        # of Crete"): the story is about the country, not the first of them
        shared = len(inside) > 1 and inside[1][0] == leader_weight and inside[1][2] in prominent
        if leader_weight >= weight / 3 or (
            leader in prominent and not shared and 0 < direct <= 2 * leader_weight
        ):
            # the place holds a third of the country's weight, or the lead names it and
            # it gets half of what the country itself does: the story is about that place
            return leader
    return country if direct > 0 else None


_LIST_JOINS = frozenset({", ", " and ", ", and ", " or ", ", or "})


def _in_long_lists(places: Sequence[tuple[EntityMention, str]], text: str) -> set[int]:
    """Indexes of the places in lists of three or more of them ("Chad, South Sudan and
    Egypt"): a story names such lists in passing."""
    out: set[int] = set()
    run = [0] if places else []
    for i in range(1, len(places) + 1):
        joined = i < len(places) and text[places[i - 1][0].end : places[i][0].start] in _LIST_JOINS
        if joined:
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [i]
    return out


# How business copy refers back to its company: "the company", "the U.S. chipmaker", "the
# lender". Bounded: one optional modifier word. The word boundary is tested after the
# "T"/"t" is read (a lookbehind), so the whole-text scan skips ahead to them at C speed.
_COMPANY_REFERENCE = re.compile(
    r"[Tt](?<!\w.)he\s+(?:[A-Z][\w.-]{0,20}\s+)?(?:company|firm|group|[a-z]{2,12}maker|retailer|"
    r"airline|carrier|lender|bank|insurer|miner|manufacturer|conglomerate|start-?up|chain|"
    r"grocer|supermarket|operator|brewer|producer|supplier|utility|provider|biotech|telecoms?|"
    r"pharma|brokerage|processor|(?:house|home)?builder|exporter|distributor|wholesaler)"
    r"(?:'s|’s)?\b"
)

# A capitalised word right after "the firm": the kind describes the name that follows.
_NAME_NEXT = re.compile(r" [A-Z]")

# Every reference above holds one of these (a substring test spares the scan of most articles).
_COMPANY_HEADS = word_set(
    "company firm group maker retailer airline carrier lender bank insurer miner manufacturer "
    "conglomerate start chain grocer supermarket operator brewer producer supplier utility "
    "provider biotech telecom pharma brokerage processor builder exporter distributor wholesaler"
)


# A model number right after a maker's name: "Airbus A320", "Boeing 737-800".
_MODEL_NUMBER = re.compile(r" ?[A-Z]{0,3}-?\d")


def principal_subject(
    mentions: Sequence[EntityMention],
    entity_of: Callable[[str], Entity | None],
    lead_end: int,
    events_by: Sequence[Sequence[Attribution]],
    skip: Sequence[tuple[int, int]] = (),
    text: str | None = None,
    companies: frozenset[str] = frozenset(),
) -> str | None:
    """The organisation the article is about (a company, an agency acting, an event), when
    one clearly dominates; organisations only quoted as sources, or named in a dateline (the
    wire agency), do not count, except `companies` (a company reporting its results speaks
    of its own figures). With `text`, "the company"/"the chipmaker" count for the
    organisation named before them."""
    spans = sorted(e.phrase for events in events_by for e in events if e.phrase[0] >= 0)
    starts = [lo for lo, _ in spans]
    weights: dict[str, float] = {}
    quoted: dict[str, int] = {}
    seen: dict[str, int] = {}
    total = 0.0
    for m in mentions:
        entity = entity_of(m.key)
        if entity is None or entity.kind not in (EntityKind.ORGANIZATION, EntityKind.GROUP):
            continue
        if any(lo <= m.start < hi for lo, hi in skip):
            continue
        if text is not None and _MODEL_NUMBER.match(text, m.end):
            continue  # "the Airbus A320": a product, not the organisation the story is about
        seen[m.key] = seen.get(m.key, 0) + 1
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and spans[i][0] <= m.start < spans[i][1] and m.key not in companies:
            quoted[m.key] = quoted.get(m.key, 0) + 1
            continue
        weight = 3.0 if m.start < lead_end else 1.0
        weights[m.key] = weights.get(m.key, 0.0) + weight
        total += weight
    if text is not None and weights:
        # "the company", "the chipmaker": a business story names its company once and
        # then by its kind; each such reference counts for the organisation named before it
        org_starts = sorted(
            (m.start, m.key)
            for m in mentions
            if (m.key in weights or m.key in quoted) and not _MODEL_NUMBER.match(text, m.end)
        )
        keys_at = [start for start, _ in org_starts]
        refs = (
            _COMPANY_REFERENCE.finditer(text)
            if any(head in text for head in _COMPANY_HEADS)
            else ()
        )
        for ref in refs:
            if _NAME_NEXT.match(text, ref.end()):
                continue  # "the cybersecurity firm Halvard Labs": the name, counted already
            i = bisect.bisect_right(keys_at, ref.start()) - 1
            if i < 0:
                continue
            # "the company" is the company named last, not a regulator named after it ("...
            # in a filing with the SEC. The company said ...")
            k = i
            while k >= 0 and org_starts[k][1] not in companies:
                k -= 1
            key = org_starts[k if k >= 0 else i][1]
            weight = 3.0 if ref.start() < lead_end else 1.0
            weights[key] = weights.get(key, 0.0) + weight
            seen[key] = seen.get(key, 0) + 1
            total += weight
    if text is not None and weights:
        for start, key in _institution_references(text, mentions, entity_of):
            weight = 3.0 if start < lead_end else 1.0
            weights[key] = weights.get(key, 0.0) + weight
            seen[key] = seen.get(key, 0) + 1
            total += weight
    # A body mostly quoted as a source reports the figures rather than owning them.
    owners = {k: w for k, w in weights.items() if 2 * quoted.get(k, 0) < seen[k]}
    if not owners:
        return None
    key, weight = max(owners.items(), key=lambda kv: kv[1])
    return key if weight >= 6 and weight >= 0.6 * total else None


# Institutions a story is about and calls by their kind after naming them ("the University
# of Eastbrook" ... "the university said"; "Harwick City Council" ... "the council").
_INSTITUTION_REFERENCE = re.compile(
    r"\b[Tt]he (university|college|school|hospital|trust|club|charity|museum|council)"
    r"(?:['’]s)?\b(?! (?:of|[A-Z]))"
)


_INSTITUTION_WORDS: tuple[str, ...] = (
    "he university", "he college", "he school", "he hospital", "he trust", "he club",
    "he charity", "he museum", "he council",
)  # fmt: skip


def _institution_references(
    text: str, mentions: Sequence[EntityMention], entity_of: Callable[[str], Entity | None]
) -> list[tuple[int, str]]:
    """(offset, key) of each "the university"/"the council" referring to the last
    organisation named before it whose name holds that word."""
    out: list[tuple[int, str]] = []
    if not any(word in text for word in _INSTITUTION_WORDS):
        return out
    for ref in _INSTITUTION_REFERENCE.finditer(text):
        word = ref.group(1)
        for m in reversed(mentions):
            if m.start >= ref.start():
                continue
            entity = entity_of(m.key)
            if (
                entity is not None
                and entity.kind is EntityKind.ORGANIZATION
                and word in entity.name.lower().split()
            ):
                out.append((ref.start(), m.key))
                break
    return out


def principal_event(
    mentions: Sequence[EntityMention],
    entity_of: Callable[[str], Entity | None],
    lead_end: int,
) -> str | None:
    """The named event the article is about ("Typhoon Tamaraw", "the Sespe Fire"): the most
    mentioned event, counted three times in the lead, when it holds 60% of the weight of all
    event mentions and is named in the lead or at least twice (a passing comparison with an
    earlier storm does not make the story about it)."""
    weights: dict[str, float] = {}
    counts: dict[str, int] = {}
    in_lead: set[str] = set()
    for m in mentions:
        entity = entity_of(m.key)
        if entity is None or entity.kind is not EntityKind.EVENT:
            continue
        lead = m.start < lead_end
        weights[m.key] = weights.get(m.key, 0.0) + (3.0 if lead else 1.0)
        counts[m.key] = counts.get(m.key, 0) + 1
        if lead:
            in_lead.add(m.key)
    if not weights:
        return None
    key, weight = max(weights.items(), key=lambda kv: kv[1])
    if weight < 0.6 * sum(weights.values()):
        return None
    return key if key in in_lead or counts[key] >= 2 else None
