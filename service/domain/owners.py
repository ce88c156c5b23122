"""Whose a figure is: the entity that owns what is counted, read from the clause.

- the clause's actor: the first entity not governed by a preposition, not a possessive
  modifier of another name, not the quoted source and not followed by a counting verb ("the
  ministry counted 310,000 protesters" counts them, does not own them);
- a body speaking of "it"/"its" ("Britain said it would provide £5 million"), when the body
  heads its phrase ("the U.S. chipmaker" is no speech of the United States);
- a body whose announcing verb takes the figure as object ("the EU announced €20 million");
- a named event in the sentence for what happened in it (`is_event_toll`).
A body never owns a toll or a crowd it reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from service.domain.attribution import Attribution, Token
from service.domain.companies import describes_company, names_product
from service.domain.company_evidence import is_company_noun
from service.domain.model import EntityKind
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set

ACTOR_BLOCKERS = frozenset(
    {
        "in",
        "to",
        "into",
        "at",
        "near",
        "with",
        "from",
        "against",
        "on",
        "of",
        "for",
        "by",
        "across",
        "inside",
        "toward",
        "towards",
        "over",
        "than",
        "throughout",
        "within",
        "outside",
        "around",
        "among",
        "beyond",
        "between",
    }
)
# Counts of what happened to people: an event's toll, never an organisation's own figure.
HUMAN_TOLLS = frozenset(
    {
        "deaths",
        "injuries",
        "casualties",
        "missing",
        "evacuated",
        "displaced",
        "arrests",
        "rescued",
        "cases",
        "hostages",
        "prisoners",
    }
)


def entity_keys(ctx: SentenceContext, tokens: Sequence[Token]) -> list[str]:
    keys: list[str] = []
    for tok in tokens:
        m = ctx.mention_at(tok.start)
        if m is not None and m.key not in keys:
            keys.append(m.key)
    return keys


CROWDS = frozenset({"people", "protesters", "crowd"})
# Verbs by which a body has people of its own: a vessel carries its passengers, a company
# employs its workers (unlike "the police counted 5,000 people").
_HOLDING_VERBS = word_set("carrying carried carries carry employs employed employing employ")


def holds_people(before: Sequence[Token]) -> bool:
    """Whether the figure is the object of a verb of carrying or employing: "the MV Shapla
    was carrying about 250 passengers", "the firm employs 450 people"."""
    return bool(before) and before[-1].lower in _HOLDING_VERBS


# Names that mark a vessel ("MV Shapla") or a company ("PT Cahaya Warna", "Acme Ltd").
_VESSEL_PREFIXES = ("MV ", "MS ", "MT ", "SS ", "KM ", "HMS ", "RMS ", "FV ")
_FIRM_PREFIXES = ("PT ", "CV ")
_FIRM_SUFFIXES: tuple[str, ...] = (" Ltd", " Ltd.", " Inc", " Inc.", " Corp", " Corp.", " plc")
_FIRM_SUFFIXES += (" PLC", " LLC", " GmbH", " AG", " S.A.", " Co.", " Company", " Group")
# How an article refers back to them: "the vessel was licensed to carry 150".
_VESSEL_NOUNS = word_set("vessel ferry ship boat launch")
_FIRM_NOUNS = word_set("company firm factory plant employer")


def _holder_kind(name: str) -> str | None:
    if name.startswith(_VESSEL_PREFIXES):
        return "vessel"
    if name.startswith(_FIRM_PREFIXES) or name.endswith(_FIRM_SUFFIXES):
        return "firm"
    return None


def is_holder(ctx: SentenceContext, key: str | None) -> bool:
    """Whether an organisation is a vessel or a company, whose passengers, crew or workers
    are its own (unlike a ministry or the police, which count people they do not own)."""
    entity = ctx.entities.get(key) if key is not None else None
    return entity is not None and _holder_kind(entity.name) is not None


def referred_holder(
    ctx: SentenceContext, before: Sequence[Token], after: Sequence[Token]
) -> str | None:
    """The vessel or company a sentence refers back to without naming it: "The vessel was
    licensed to carry 150", "The company, which employs some 450 people", "300 people were
    on board" -> the last such organisation named before, in the article."""
    # "the ferry", "the ferry's permit", not "Ferry accidents are common"
    words = [
        b.lower.removesuffix("'s").removesuffix("’s")
        for a, b in pairwise(before)
        if a.lower in {"the", "this", "that"}
    ]
    kind = None
    if any(w in _VESSEL_NOUNS for w in words) or any(
        t.lower in {"aboard", "board"} for t in after[:4]
    ):
        kind = "vessel"
    elif any(w in _FIRM_NOUNS for w in words):
        kind = "firm"
    if kind is None:
        return None
    best, best_at = None, -1
    for entity in ctx.entities.values():
        if entity.kind is not EntityKind.ORGANIZATION or _holder_kind(entity.name) != kind:
            continue
        for name in (entity.name, *entity.aliases):
            at = ctx.text.rfind(name, 0, ctx.start)
            if at > best_at:
                best, best_at = entity.key, at
    return best


_SHARE_NOUNS = word_set("shares stock stocks")
_COUNTING_VERBS = word_set("put puts counted counts estimated estimates tallied numbered")
SUBJECT_KINDS = (
    EntityKind.COUNTRY,
    EntityKind.ORGANIZATION,
    EntityKind.GROUP,
    EntityKind.EVENT,
)


# Nouns a name can modify as whose study it is: "a Reuters poll", "the Nomura forecast".
_STUDY_NOUNS = frozenset(
    {
        "poll",
        "polls",
        "survey",
        "surveys",
        "forecast",
        "forecasts",
        "estimate",
        "estimates",
        "consensus",
        "analysis",
        "study",
        "model",
        "projection",
        "projections",
    }
)


def _names_a_study(clause: Sequence[Token], end: int) -> bool:
    """A name right before a poll or forecast noun owns the study, not the figure."""
    after = next((t for t in clause if t.start >= end), None)
    return after is not None and after.lower in _STUDY_NOUNS


_COORDINATORS = frozenset({"and", "or", "&"})


def actor(ctx: SentenceContext, clause: Sequence[Token]) -> str | None:
    """First entity of a clause not governed by a preposition and not the quoted source."""
    prev = ""
    blocked = False
    for i, tok in enumerate(clause):
        m = ctx.mention_at(tok.start)
        if m is not None and tok.start == m.start:
            # "Shares of Kellbrook rose 4%": the company whose shares move
            shares = prev in {"of", "in"} and i >= 2 and clause[i - 2].lower in _SHARE_NOUNS
            # the cheap tests first: most mentions fail them and skip the token scans below
            if (
                (prev not in ACTOR_BLOCKERS or shares)
                and ctx.kind(m.key) in SUBJECT_KINDS
                and m.key not in ctx.source_keys
                and not any(s <= m.start < e for s, e in ctx.source_spans)
                # "Germany's conservative Christian Democrats (CDU)", not "Kenya's central bank"
                and not (
                    tok.text.endswith(("'s", "’s"))
                    and any(ctx.mention_at(t.start) not in (None, m) for t in clause[i + 1 : i + 4])
                )
                # "the interior ministry counted 310,000 protesters": who counts, not whose
                and not any(
                    t.lower in _COUNTING_VERBS for t in clause[i + 1 : i + 4] if t.start >= m.end
                )
                and not describes_company(clause[i:], m.end)
                and not names_product(clause[i:], m.end)
                and not _names_a_study(clause, m.end)
            ):
                return m.key
        if m is None and tok.text != "," and not (tok.lower in _COORDINATORS and blocked):
            # "in Penang, Malaysia": the comma keeps the preposition; so does "and" after a
            # governed name ("mines in Chile and Peru": Peru is a place, not an actor)
            prev = tok.lower
        if m is not None and tok.start == m.start:
            blocked = prev in ACTOR_BLOCKERS
    return None


def pronoun_source(ctx: SentenceContext, clause: Sequence[Token]) -> str | None:
    """ "Britain said it would provide £5 million": the body speaking is the subject."""
    if not any(t.lower in {"it", "its", "they", "their", "we", "our"} for t in clause):
        return None
    for source in reversed(ctx.sources):
        key = source.speaker_key
        if (
            key is not None
            and ctx.kind(key) in SUBJECT_KINDS
            and _heads_phrase(ctx, source)
            and not _names_company_kind(ctx, key)
        ):
            return key
    return None


def _names_company_kind(ctx: SentenceContext, key: str) -> bool:
    """Whether the speaker's name only qualifies a kind of business: "the U.S. chipmaker
    said it would cut 1,400 jobs" is no speech of the United States."""
    for m in ctx.mentions:
        if m.key == key:
            words = ctx.text[m.end : m.end + 40].split()
            if words and is_company_noun(words[0].strip(",.").lower()):
                return True
    return False


def _heads_phrase(ctx: SentenceContext, source: Attribution) -> bool:
    """Whether the source's entity is the head of its phrase ("Britain", "the ministry of
    X"), not a modifier of another noun ("the U.S. chipmaker", "Turkey's disaster agency")."""
    lo, hi = source.phrase
    if lo < 0:
        return True
    for m in ctx.mentions:
        if m.key == source.speaker_key and lo <= m.start < hi:
            tail = ctx.text[m.end : hi].strip(" ,’'s")
            # "the Lisbon-based carrier" is no speech of Lisbon
            return not tail or not (tail[:1].isalpha() or tail[:1] == "-")
    return True


# Reporting verbs whose object is the figure itself ("announced €20m", "reported revenue of
# $4.2bn"), unlike speech verbs that take a clause ("said 22 people died").
_OBJECT_VERBS = word_set(
    """
    announced announces announce reported reports report posted posts recorded records
    unveiled unveils pledged pledges approved approves allocated allocates disclosed
    """
)
_OBJECT_GAP = word_set("a an the its their net total quarterly annual new of record")


# A body's own results, and the verbs it reports them with.
_OWN_RESULTS = word_set("revenue profit earnings income loss losses employees")
_RESULT_VERBS = word_set("reported reports posted posts announced announces booked")


def results_reporter(ctx: SentenceContext, quantity: str, position: int) -> str | None:
    """The organisation that reported its own results before `position` ("Kestrel reported
    sales of $5.6bn"): a body reporting results reports its own."""
    if quantity not in _OWN_RESULTS:
        return None
    return next(
        (
            e.attributor
            for e in reversed(ctx.sources)
            if e.attributor is not None
            and e.start < position
            and ctx.kind(e.attributor) is EntityKind.ORGANIZATION
            and e.verb in _RESULT_VERBS
        ),
        None,
    )


def object_source(ctx: SentenceContext, before: Sequence[Token]) -> str | None:
    """The body whose reporting verb takes the figure as its object: "the European Union
    announced €20 million", "Acme reported revenue of $4.2 billion" -> the body."""
    if not before:
        return None
    for source in reversed(ctx.sources):
        key = source.speaker_key
        if key is None or source.verb.lower() not in _OBJECT_VERBS or source.end > before[-1].end:
            continue
        if ctx.kind(key) not in SUBJECT_KINDS:
            continue
        gap = [t for t in before if t.start >= source.end]
        if len(gap) <= 3 and all(
            t.lower in _OBJECT_GAP or (t.text[:1].isalpha() and t.lower not in FUNCTION_WORDS)
            for t in gap
        ):
            return key
    return None


# Outcomes of things that make a count an event's toll ("homes destroyed").
_TOLL_SUFFIXES = (" destroyed", " damaged", " burned", " flooded", " collapsed")
_EVENT_MEASURES = frozenset(
    {
        "damage",
        "power outages",
        "territory burned",
        "containment",
        "trapped",
        "magnitude",
        "wind speed",
        "rainfall",
        "snowfall",
        "aftershocks",
        "hospitalized",
        "vaccinations",
    }
)


def is_event_toll(quantity: str) -> bool:
    """Whether a quantity is what happened in an event (deaths, homes destroyed, damage)
    rather than what an actor owns or did (troops sent, aid pledged)."""
    return (
        quantity in HUMAN_TOLLS or quantity in _EVENT_MEASURES or quantity.endswith(_TOLL_SUFFIXES)
    )


def sentence_event(ctx: SentenceContext) -> str | None:
    """The first named event of the sentence that is not inside a source phrase."""
    for m in ctx.mentions:
        if ctx.kind(m.key) is EntityKind.EVENT and not any(
            s <= m.start < e for s, e in ctx.source_spans
        ):
            return m.key
    return None
