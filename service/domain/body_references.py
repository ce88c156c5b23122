"""Bodies a sentence names by their kind: "the council", "the union", "the bank".

News copy names an organisation once ("Leeds City Council", "the Unite union", "Halden Bank")
and then by the noun of its name: "The council will cut 120 jobs", "the union's 14,000
members". Such a definite description, acting in the figure's clause (not governed by a
preposition, not the quoted source), refers to the last organisation named before it whose
name holds that noun; a kind of business ("the airline", "the retailer") may also refer to
the last company named.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.company_evidence import is_company_noun
from service.domain.model import EntityKind
from service.domain.owners import ACTOR_BLOCKERS
from service.domain.sentence_context import SentenceContext, word_set

# Nouns that head the names of bodies and are used alone to refer back to them.
_BODY_NOUNS = word_set(
    """
    council ministry department union club party agency authority commission
    committee bank company group federation association institute
    """
)


def referred_body(
    ctx: SentenceContext, clause: Sequence[Token], companies: frozenset[str] = frozenset()
) -> str | None:
    """The organisation a clause's actor names by its kind ("The council will cut 120
    jobs" -> the last-named "Leeds City Council"; "The airline carried" -> the last-named
    of `companies`), or None."""
    at = _reference(ctx, clause)
    if at is None:
        return None
    noun = clause[at].lower
    company = companies if is_company_noun(noun) else frozenset()
    return _last_named(ctx, noun, clause[at - 1].start, company)


def names_unnamed_body(ctx: SentenceContext, before: Sequence[Token]) -> bool:
    """Whether the sentence's actor before a figure is a body the article never named ("The
    union, which has 14,000 members", "the union said 92% ..."): its figures are not the
    article's company's."""
    clause = before
    at = _reference(ctx, before, sources=True)
    return (
        at is not None
        and not is_company_noun(clause[at].lower)
        and _last_named(ctx, clause[at].lower, clause[at - 1].start, frozenset()) is None
    )


def _reference(
    ctx: SentenceContext, clause: Sequence[Token], *, sources: bool = False
) -> int | None:
    """Index of the first "the <body noun>" acting in the clause (or speaking, `sources`)."""
    for i in range(1, len(clause)):
        tok = clause[i]
        if not tok.text[:1].islower() or not (
            tok.lower in _BODY_NOUNS or is_company_noun(tok.lower)
        ):
            continue
        # "the union", "the pilots' union", "the city council": "the" and up to two words
        the = next(
            (
                j
                for j in range(i - 1, max(i - 4, -1), -1)
                if clause[j].lower in {"the", "this"}
                and all(t.text[:1].islower() or t.text in "'’" for t in clause[j + 1 : i])
            ),
            None,
        )
        if the is None:
            continue
        if the >= 1 and clause[the - 1].lower in ACTOR_BLOCKERS:
            continue  # "in the council's plan" is no actor
        if not sources and any(lo <= tok.start < hi for lo, hi in ctx.source_spans):
            continue  # "the council said": the source, not the owner
        if (
            i + 1 < len(clause)
            and clause[i + 1].text[:1].isupper()
            and ctx.mention_at(clause[i + 1].start) is not None
        ):
            continue  # "the union Unite", "the Union Cabinet": a name, not a reference
        return i
    return None


def _last_named(
    ctx: SentenceContext, noun: str, before: int, companies: frozenset[str]
) -> str | None:
    best, best_at = None, -1
    for entity in ctx.entities.values():
        if entity.kind not in (EntityKind.ORGANIZATION, EntityKind.GROUP):
            continue
        for name in (entity.name, *entity.aliases):
            if noun not in name.lower().split() and entity.key not in companies:
                continue
            at = ctx.text.rfind(name, 0, before)
            if at > best_at:
                best, best_at = entity.key, at
    return best
