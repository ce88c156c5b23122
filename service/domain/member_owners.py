"""Whose people a figure counts, when the sentence says where they belong.

- "48,000 students and 6,200 staff at the University of Eastbrook", "9,400 tenants of
  Harwick City Council": people counted "at"/"of" an organisation are its own (its students,
  staff, customers), although "at" would otherwise govern a place;
- "The council, which manages 21,000 homes", "Eastbrook, which has 39,000 students": a figure
  in a relative clause belongs to the clause's antecedent, named or referred to by its kind.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.body_references import referred_body
from service.domain.model import EntityKind
from service.domain.owners import ACTOR_BLOCKERS
from service.domain.sentence_context import SentenceContext, word_set

# People an organisation has: its members, its staff, its customers.
MEMBER_NOUNS = word_set(
    """
    students pupils staff employees workers members customers clients patients subscribers
    users tenants policyholders shareholders passengers nurses doctors teachers residents
    """
)
_OWNING_PREPS = frozenset({"at", "of"})
_RELATIVES = frozenset({"which", "who", "that"})
_ORGANISATIONS = (EntityKind.ORGANIZATION, EntityKind.GROUP)


def member_holder(ctx: SentenceContext, head: str | None, tail: Sequence[Token]) -> str | None:
    """The organisation whose people the figure counts: `head` is the counted noun as
    written and `tail` the tokens after its noun phrase ("at the University of Eastbrook";
    "and 6,200 staff at ..." continues the coordination to the organisation)."""
    if head is None or head not in MEMBER_NOUNS:
        return None
    k = 0
    # "48,000 students and 6,200 staff at ...": skip one coordinated figure and its noun
    if k < len(tail) and tail[k].lower == "and":
        k += 1
        while k < len(tail) and k < 4 and tail[k].lower not in _OWNING_PREPS:
            k += 1
    if k >= len(tail) or tail[k].lower not in _OWNING_PREPS:
        return None
    for tok in tail[k + 1 : k + 4]:
        m = ctx.mention_at(tok.start)
        if m is not None and tok.start == m.start:
            return m.key if ctx.kind(m.key) in _ORGANISATIONS else None
        if tok.text[:1].isupper() or tok.lower in {"the", "its", "their"}:
            continue
        return None
    return None


def relative_antecedent(
    ctx: SentenceContext, before: Sequence[Token], companies: frozenset[str] = frozenset()
) -> str | None:
    """The organisation a relative clause holding the figure is about: "The council, which
    manages 21,000 homes" -> the council named earlier; "Eastbrook, which has 39,000
    students" -> Eastbrook."""
    k = len(before) - 1
    while k >= 0 and before[k].lower not in _RELATIVES:
        if before[k].text in {",", ";", ".", "(", ")"} or len(before) - k > 6:
            return None
        k -= 1
    if k < 1 or before[k - 1].text != ",":
        return None
    # the noun phrase before ", which": back to the sentence start or a clause break
    lo = k - 1
    while lo > 0 and before[lo - 1].text not in {",", ";", ":", "(", ")"} and k - lo < 8:
        lo -= 1
    antecedent = before[lo : k - 1]
    if not antecedent:
        return None
    if any(t.lower in ACTOR_BLOCKERS or t.lower == "of" for t in antecedent):
        return None  # "The Red Cross shelter at Fillmore High School, which housed 240"
    m = ctx.mention_at(antecedent[-1].start)
    if m is not None and ctx.kind(m.key) in _ORGANISATIONS:
        return m.key  # "Eastbrook, which has"
    if len(antecedent) <= 4 and antecedent[0].lower in {"the", "this"}:
        return referred_body(ctx, antecedent, companies)
    return None
