"""Where one figure is: a place its own words name, else its clause's or the clause's
before it, else a place fronted before the sentence's first comma, else the article's place
(its country for "nationwide" figures and a donor's aid), else an organisation's home."""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token, is_reporting_word
from service.domain.clauses import NEW_STATEMENT, clause_start
from service.domain.model import EntityKind
from service.domain.places import (
    MOVED,
    PLACE_NOUNS,
    RESPONDERS,
    VERB_STARTS,
    fronted_place,
    most_specific,
    places_after_preps,
)
from service.domain.sentence_context import SentenceContext, word_set

_GIVEN = word_set("aid funding compensation donations grants loans")
_NATIONWIDE = frozenset({"nationwide", "nationally", "countrywide", "national"})


_RELATIVES = frozenset({"which", "where"})


_OPENING_DETERMINERS = frozenset({"the"})


def acting_place(ctx: SentenceContext, clause: Sequence[Token]) -> list[str]:
    """A place named by its name as the clause's actor: "Congo already has some 6.9 million
    displaced people", "Chile mined about 5.3 million tonnes" (not "Turkish officials", a
    demonym, nor "Britain's aid", a possessive)."""
    k = 0
    while k < len(clause) and clause[k].lower in _OPENING_DETERMINERS:
        k += 1
    if k >= len(clause) - 1:
        return []
    m = ctx.mention_at(clause[k].start)
    if m is None or m.start != clause[k].start:
        return []
    entity = ctx.entities.get(m.key)
    if entity is None or entity.kind not in (EntityKind.PLACE, EntityKind.COUNTRY):
        return []
    named = m.text == entity.name or m.text in entity.aliases  # not a demonym ("Turkish")
    if not named or ctx.text[m.end : m.end + 1] in "'’":
        return []
    nxt = next((t for t in clause[k + 1 :] if t.start >= m.end), None)
    if nxt is None or not _reads_as_verb(nxt.lower):
        return []  # "Benfica shares rose", "the Lisbon club says": a name modifying a noun
    return [m.key]


# Verbs and adverbs that follow a clause's actor: "Congo already has", "Chile mined".
_AUXILIARIES = frozenset(
    {"has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "may"}
    | {"might", "must", "should", "did", "does", "already", "also", "still", "now", "alone"}
)


def _reads_as_verb(word: str) -> bool:
    return word in _AUXILIARIES or (word.endswith("ed") and len(word) > 4)


def _antecedent_place(ctx: SentenceContext, before: Sequence[Token]) -> list[str]:
    """The place ending the words before ", which": the antecedent itself or where the
    thing before it is ("its plant in Penang, Malaysia")."""
    if len(before) < 2 or before[-1].text != ",":
        return []
    m = ctx.mention_at(before[-2].start)
    if m is None or ctx.kind(m.key) not in (EntityKind.PLACE, EntityKind.COUNTRY):
        return []
    # the chain of places before the comma: "Penang, Malaysia" -> the most specific
    keys = [m.key]
    k = len(before) - 2
    while k > 0 and before[k].start > m.start:
        k -= 1
    if k >= 2 and before[k - 1].text == ",":
        first = ctx.mention_at(before[k - 2].start)
        if first is not None and ctx.kind(first.key) in (EntityKind.PLACE, EntityKind.COUNTRY):
            keys.insert(0, first.key)
    return keys


def place_of_figure(
    ctx: SentenceContext,
    *,
    before: Sequence[Token],
    clause: Sequence[Token],
    clause_lo: int,
    after: Sequence[Token],
    np_end: int,
    limit: int,
    subject: str | None,
    quantity: str,
    dimension: str | None,
    focus_place: str | None,
    event_toll: bool,
) -> tuple[str | None, bool]:
    """The figure's place, and whether its sentence named it (not the article's place).

    `before`/`after` are the tokens around the figure, `clause` its clause (starting at
    `before[clause_lo]`), `after[np_end:limit]` what follows its noun phrase; `subject` and
    `quantity` as read so far; `focus_place` the article's place."""
    tail = after[np_end:limit]
    cut = len(tail)
    # a distance is measured from a place: "50 miles (80 km) northwest of Los Angeles"
    distance = dimension == "length"
    breaks = {",", ";", "—"} if distance else {",", ";", "—", "(", ")"}
    for k, tok in enumerate(tail):
        if tok.text == "," and k > 0 and tail[k - 1].lower in PLACE_NOUNS:
            continue  # "gathered in the capital, Marenburg"
        if tok.text in breaks or tok.lower in {"while", "but", "whereas"}:
            cut = k
            break
    # people who fled or were moved are counted where they left: "fled from Rafah"
    origin_place = distance or quantity in MOVED
    places = [
        p for p in places_after_preps(ctx, tail[: min(cut, 14)], origin_place) if p != subject
    ]
    if not places:
        places = [p for p in places_after_preps(ctx, clause) if p != subject]
        if (
            not places
            and clause
            and (clause[0].lower.endswith("ing") or clause[0].lower in VERB_STARTS)
        ):
            # "killing 1,200 in ..." / "The fire near Fillmore, California, has destroyed":
            # the clause continues the sentence's subject, with its place
            places = places_after_preps(ctx, before[:clause_lo])
        if (
            not places
            and clause_lo
            and before[clause_lo - 1].text == ","
            and not any(t.lower in NEW_STATEMENT for t in clause[:2])
        ):
            # "revised the toll in Van province to 2,600, up from 1,200": a clause without a
            # place of its own shares the scene of the clause before it (not across "that",
            # "with", "which": those start new statements)
            places = [
                p
                for p in places_after_preps(
                    ctx, before[clause_start(before[: clause_lo - 1]) : clause_lo]
                )
                if p != subject
            ]
        if not places and clause_lo and clause and clause[0].lower in _RELATIVES:
            # "its plant in Penang, Malaysia, which employs about 900 people", "Lampedusa,
            # which has about 6,000 residents": the clause says more of the place before it
            places = _antecedent_place(ctx, before[:clause_lo])
        if not places:
            places = fronted_place(ctx)
        if not places and (subject is None or event_toll):
            # (a country acting on its own figure is its subject, placed by the rules below;
            # a toll it "has" is placed there)
            acting = acting_place(ctx, clause)
            if not acting and clause_lo and before[clause_lo - 1].text in {",", ";"}:
                # "Nigeria has a long record of collapses; at least 135 people died in 2025"
                acting = acting_place(
                    ctx, before[clause_start(before[: clause_lo - 1]) : clause_lo - 1]
                )
            if subject is None or acting == [subject]:
                places = acting
    location = most_specific(ctx, places)
    named_place = location is not None
    organisation = subject is not None and ctx.kind(subject) is EntityKind.ORGANIZATION
    donor = (
        focus_place is not None
        and subject is not None
        and ctx.kind(subject) is EntityKind.COUNTRY
        and not ctx.contains(subject, focus_place)
    )
    # divers, engines, field hospitals sent are the responder's, placed only when said
    responders = not donor and quantity.rsplit(" ", 1)[-1] in RESPONDERS
    if location is None and focus_place is not None and dimension != "length" and not responders:
        nationwide = any(t.lower in _NATIONWIDE for t in after[np_end : np_end + 3])
        national = (
            subject is not None
            and not event_toll
            and quantity not in _GIVEN  # aid goes where it is sent
            and subject != focus_place
            and ctx.kind(subject) is EntityKind.COUNTRY
            and ctx.contains(subject, focus_place)
        )
        if (
            donor
            and subject
            and quantity not in _GIVEN
            and dimension != "currency"
            and any(is_reporting_word(t.lower) for t in before[-4:])
        ):
            # "Neighbouring Burundi has reported 1,100 cases": another country's own count
            location = subject
        elif nationwide or donor:
            # "607 cases nationwide"; "the UK pledged £5 million": aid to the country
            location = ctx.country_of(focus_place) or focus_place
        elif national:
            location = subject  # "Spain's olive oil output" in a story about Andalusia
        else:
            home = ctx.country_of(subject) if organisation and subject else None
            if home is None or ctx.contains(home, focus_place):
                # (a foreign body's own figure is not the story's place)
                location = focus_place
    if location is None and organisation and subject is not None and not responders:
        location = ctx.country_of(subject)  # a national body: "the Fed cut rates" -> the US
        if location is not None and focus_place is not None and location not in ctx.named_countries:
            # the story is elsewhere and never names the body's country: a namesake ("the
            # Democratic Alliance" in a Portuguese election), whose home is no evidence
            location = None
    return location, named_place
