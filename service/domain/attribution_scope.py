"""Which reporting event governs a figure (`attribution_for`), and the sources a sentence's
anaphora point back to: "the agency said" (`antecedent`), "it said" (`same_sentence_source`),
"and warned" (`last_named`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from service.domain.attribution_types import Attribution
from service.domain.model import Entity, EntityKind, EntityMention
from service.domain.source_phrases import Token
from service.domain.source_words import GENERIC_BODY_NOUNS, SPEECH

# Characters between a figure and a participle that names its source ("the 2.0% cited by").
_PASSIVE_REACH = 24
# Heads of bodies' names that a generic "the agency" or "the authority" does not refer to: a
# union, a party or a company is called by its own noun ("the union").
_NOT_AN_AGENCY = frozenset(
    {"union", "unions", "party", "company", "bank", "club", "federation", "confederation"}
    | {"association", "court", "group", "corporation"}
)
# Present-tense reporting verbs whose statement may run on past the sentence.
_PRESENT_LEADS = frozenset({"says", "reports", "estimates"})
# Characters between an owned figure noun and its figure ("figure of more than 41").
_OWNED_REACH = 20


def antecedent(
    noun: Token,
    mentions: Sequence[EntityMention],
    entities: Mapping[str, Entity],
    last_body: Attribution | None,
) -> Entity | None:
    """The body "the agency" / "the organisation" / "the ministry" refers back to: the first
    organisation named earlier in the sentence, else the article's last speaking body. A
    specific noun ("ministry") must be part of that body's name."""
    generic = noun.lower in GENERIC_BODY_NOUNS

    def fits(entity: Entity | None) -> bool:
        return (
            entity is not None
            and entity.kind in (EntityKind.ORGANIZATION, EntityKind.GROUP)
            and (
                noun.lower in entity.name.lower()
                or (generic and _last_word(entity.name) not in _NOT_AN_AGENCY)
            )
        )

    # The sentence's first body: its subject more often than a later one ("The Red Cross
    # shelter at Fillmore High School ..., the organisation said").
    for m in mentions:
        if m.end <= noun.start and fits(entities.get(m.key)):
            return entities[m.key]
    if last_body is not None and last_body.speaker_key is not None:
        entity = entities.get(last_body.speaker_key)
        if fits(entity):
            return entity
    return None


def _last_word(name: str) -> str:
    words = name.lower().split()
    return words[-1].removesuffix("'s").removesuffix("’s") if words else ""


def last_named(events: Sequence[Attribution]) -> Attribution | None:
    """The sentence's last named speaker; a passive "by X" names a figure's source, not who
    goes on speaking ("the €1.2bn estimated by Asaja, and warned ...")."""
    return next((e for e in reversed(events) if e.name is not None and not e.passive), None)


def same_sentence_source(
    events: Sequence[Attribution], entities: Mapping[str, Entity], *, person: bool
) -> Attribution | None:
    """The last named source of this sentence that a pronoun of that kind can refer to."""
    for event in reversed(events):
        if event.name is None:
            continue
        if event.speaker_key is None:
            if not person and event.name[:1].isupper() and event.phrase != (-1, -1):
                return event  # "AKUT, a rescue group, said it believed": a body not known
            continue
        entity = entities.get(event.speaker_key)
        if entity is None:
            continue
        if (entity.kind is EntityKind.PERSON) == person:
            return event
    return None


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
    # an owned figure noun ("its figure of", "the police figure of") names the figure right
    # after it, not the next clause's ("..., and the count by Occurrence, at 61,000")
    before = [
        e for e in events if e.end <= position and not (e.owned and position - e.end > _OWNED_REACH)
    ]
    after = [e for e in events if e.start >= position]
    if (
        after
        and after[0].passive
        and after[0].name is not None
        and after[0].start - position <= _PASSIVE_REACH
        and position >= after[0].clause_start
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
        if nearest.owned and nearest.name is not None:
            return nearest  # "The police figure of 41 ..., he said": the police's 41
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


def carried_source(previous: Sequence[Attribution]) -> Attribution | None:
    """The source a sentence with none of its own carries over from the sentence before it
    in the same paragraph, or None (most such sentences are the writer's own).

    One reading carries: a present-tense lead "X says ..." goes on into the statement's next
    sentence, as in a liveblog entry ("INGD says 71 people are now confirmed dead. About
    70,000 people have been displaced."). A past-tense "X said" most often closes its
    statement: the next sentence is the writer's own ("..., Cal Fire said. Two firefighters
    suffered minor injuries").
    """
    named = [e for e in previous if e.name is not None and not e.passive]
    if not named:
        return None
    last = named[-1]
    return last if last.verb in _PRESENT_LEADS and not last.trailing and len(named) == 1 else None
