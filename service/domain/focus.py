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


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of datelines ("ANKARA, March 3 (Meridian) -", "FILLMORE -"): where the
    reporter files from, not what the story is about."""
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text)]


def principal_place(
    mentions: Sequence[EntityMention],
    entity_of: Callable[[str], Entity | None],
    lead_end: int,
    kb: KnowledgeBase,
    skip: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The place the article is about, when one country clearly dominates its places.

    Mentions count once, three times in the title/lead except inside `skip` (datelines:
    where the reporter files from). The top country must hold at least 60% of the weight of
    all place mentions (a story spanning several countries has no single place). Inside it,
    the most mentioned place wins when it holds a third of the country's weight; otherwise
    the country itself, when it is named directly often enough (a third of its weight).
    """
    by_country: dict[str, float] = {}
    by_place: dict[str, float] = {}
    total = 0.0
    for m in mentions:
        entity = entity_of(m.key)
        if entity is None or entity.kind not in (EntityKind.COUNTRY, EntityKind.PLACE):
            continue
        if any(lo <= m.start < hi for lo, hi in skip):
            weight = 1.0  # a dateline: where the reporter is, a weak hint
        else:
            weight = 3.0 if m.start < lead_end else 1.0
        country = kb.country_of(m.key) or m.key
        by_country[country] = by_country.get(country, 0.0) + weight
        if m.key != country:
            by_place[m.key] = by_place.get(m.key, 0.0) + weight
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
        if len(dated) == 1 and placed <= dated | {kb.country_of(k) or k for k in dated}:
            return next(iter(dated))
        return None
    country, weight = max(by_country.items(), key=lambda kv: kv[1])
    if weight < 0.6 * total:
        return None
    inside = sorted(
        ((w, k) for k, w in by_place.items() if kb.country_of(k) == country), reverse=True
    )
    if inside:
        leader_weight, leader = inside[0]
        if leader_weight >= weight / 3:
            return leader
    direct = weight - sum(w for k, w in by_place.items() if kb.country_of(k) == country)
    # A local story that never names its country has no place of its own at country level.
    return country if direct >= weight / 3 else None


# How business copy refers back to its company: "the company", "the U.S. chipmaker", "the
# lender". Bounded: one optional modifier word.
_COMPANY_REFERENCE = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w.-]{0,20}\s+)?(?:company|firm|group|[a-z]{2,12}maker|retailer|"
    r"airline|carrier|lender|bank|insurer|miner|manufacturer|conglomerate|start-?up|chain|"
    r"grocer|supermarket|operator|brewer|producer|supplier|utility)(?:'s|’s)?\b"
)

# Every reference above holds one of these (a substring test spares the scan of most articles).
_COMPANY_HEADS = word_set(
    "company firm group maker retailer airline carrier lender bank insurer miner manufacturer "
    "conglomerate start chain grocer supermarket operator brewer producer supplier utility"
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
            i = bisect.bisect_right(keys_at, ref.start()) - 1
            if i < 0:
                continue
            key = org_starts[i][1]
            weight = 3.0 if ref.start() < lead_end else 1.0
            weights[key] = weights.get(key, 0.0) + weight
            seen[key] = seen.get(key, 0) + 1
            total += weight
    # A body mostly quoted as a source reports the figures rather than owning them.
    owners = {k: w for k, w in weights.items() if 2 * quoted.get(k, 0) < seen[k]}
    if not owners:
        return None
    key, weight = max(owners.items(), key=lambda kv: kv[1])
    return key if weight >= 6 and weight >= 0.6 * total else None


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
