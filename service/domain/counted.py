"""What a figure counts: the counted noun read from the few tokens around a figure.

- after the figure: its noun phrase (modifiers and demonyms skipped; the head is the last word
  before a function word or a verb; "of its troops" and "rounds of ammunition" followed), plus
  an outcome applied to it ("have been killed or wounded") or a verb right before the figure
  ("killing 300 people");
- without a noun after it: a comparison base takes the previous figure's quantity ("up 12% from
  $3.76 billion"), a verb before money or a share names it ("pledged $15m" -> aid, "took 33.8%"
  -> share), a noun linked to the figure names it ("revenue of $4.2bn", "turnout was 67%",
  "casualties at over 600,000"; "up 12%" -> its growth), else the nearest known quantity noun
  before it ("the number of troops ... up to 10,000"), else the unit's dimension ("5,700
  miles" -> distance). Every name goes through `quantities.canonical_quantity`.

What happened to the counted things is read by `outcomes`, what a sum of money is by
`money`. A thing outcome with no noun of its own counts the noun before it ("1,200 homes were
destroyed and 9,800 damaged"); a gapped figure ("the EU pledged €20m in aid and the United
States $15 million") or a part of a sum ("including $61bn for Ukraine") takes the quantity of
the figure before it; "grew revenue 19%" is revenue growth.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token, is_reporting_word
from service.domain.money import GOODS, MONEY_QUANTITIES, MONEY_VERBS, money_after
from service.domain.noun_links import (
    DOWN_WORDS,
    LINKING_WORDS,
    UP_WORDS,
    known_noun_before,
    noun_before,
)
from service.domain.quantities import (
    PEOPLE_OUTCOMES,
    PEOPLE_QUANTITIES,
    SYNONYMS,
    THING_OUTCOMES,
    canonical_quantity,
    change_of,
    is_change,
    level_of,
    quantity_for,
)
from service.domain.quantity_cues import (
    PERFECT,
    PRONOUNS,
    is_compared,
    is_earlier_reading,
    is_past_record,
    is_water_level,
    number_of,
    offer_named,
    shared_noun,
    subject_head,
)
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set

# Nouns whose area is what they burned ("the fire grew to 12,400 acres").
_BURNING = word_set("fire fires wildfire wildfires blaze blazes flames inferno")
# Verbs right before a percentage that make it a share of a vote or market.
_SHARE_VERBS = word_set("took take takes won win wins received receive garnered secured captured")


_BASE_WORDS = word_set("from with versus vs against")
# Verbs of a vote count ("the bill passed 218 to 214").
_VOTE_VERBS = word_set("passed voted approved rejected defeated adopted carried")
# Measures a record or a race is beaten by ("by 0.17C", "by 2 seconds", "by 3 metres").
_MARGIN_DIMENSIONS = frozenset({"temperature_c", "temperature_f", "length", "mass", "duration"})
# Asking for a sum: "an appeal for $2.7 billion", "called for $500 million".
_APPEALS = word_set(
    "appeal appeals appealed appealing request requests requested call calls called"
)


_UNIT_QUANTITY = {
    "length": "distance",
    "area": "territory",
    "mass": "weight",
    "volume": "volume",
    "duration": "duration",
    "speed": "speed",
    "currency": "amount",
    "ratio": "share",
    "temperature_c": "temperature",
    "temperature_f": "temperature",
    "power": "power",
    "energy": "energy",
    "flow": "output",  # "Saudi Arabia pumps around 9 million bpd"
    "pressure": "pressure",
    "data": "data",
}


_CLAUSE_VERB_STARTS = word_set("will would has have had was were is are could may might which that")
_GAP_WORDS = word_set("the its their")


def _gapped(ctx: SentenceContext, clause: Sequence[Token]) -> bool:
    """Only "and <name>" between the figure before and this one: the verb and noun of the
    figure before are left out ("X pledged €20m in aid and Y $15 million")."""
    k = len(clause) - 1
    while k >= 0 and not ctx.in_figure(clause[k].start):
        k -= 1
    if k < 0:
        return False
    tail = clause[k + 1 :]
    conjunctions = [i for i, t in enumerate(tail) if t.lower in {"and", "while", "whereas"}]
    conj = conjunctions[-1] if conjunctions else -1
    if conj < 0:
        return False
    rest = tail[conj + 1 :]
    names = [t for t in rest if ctx.mention_at(t.start) is not None]
    return bool(names) and all(
        ctx.mention_at(t.start) is not None or t.lower in _GAP_WORDS for t in rest
    )


def _thing_outcome(ctx: SentenceContext, outcome: str, fallback_noun: str | None) -> str | None:
    """ "1,200 homes were destroyed and 9,800 damaged": a thing outcome with no noun of its
    own counts the noun before it in the sentence (else in the paragraph)."""
    if outcome not in THING_OUTCOMES or outcome in PEOPLE_OUTCOMES:
        return None
    noun = ctx.previous_head
    if noun is None and fallback_noun is not None:
        noun = fallback_noun.split(" ")[0]
    if noun is None or canonical_quantity(noun) in PEOPLE_QUANTITIES:
        return None
    return quantity_for(noun, outcome)


_SEVERITY = {
    "critical": "critical",
    "critically": "critical",
    "serious": "serious",
    "seriously": "serious",
    "severe": "serious",
    "severely": "serious",
    "gravely": "serious",
    "suspended": "suspended",  # "four years in prison, two of them suspended"
}


def _severity(tokens: Sequence[Token]) -> str | None:
    """ "critically", "in a serious condition" in the few words after "of them"."""
    for tok in tokens:
        if tok.text in {",", ";", "."}:
            break
        if tok.lower in _SEVERITY:
            return _SEVERITY[tok.lower]
    return None


# Sums earned per short span of time are pay ("earn £180,000 a week", "paid $25 an hour"); a
# rate alone is not ("costing €9m a day"), and "a year" is left out ("earns $3bn a year").
_PAY_PERIODS = word_set("hour day week month")
_EARNING = word_set("earn earns earned earning pocket pockets pocketing paid salary wage wages")


def _pay_rate(after: Sequence[Token]) -> Sequence[Token] | None:
    """The tokens of "a week" / "per hour" / "-a-week" right after a sum, or None."""
    words = [t.lower for t in after[:3]]
    if words[:1] == ["-"]:
        words, after = words[1:], after[1:]
    if len(words) > 1 and words[0] in {"a", "an", "per"} and words[1] in _PAY_PERIODS:
        return after[:2]
    if (
        words
        and words[0].startswith(("a-", "an-", "per-"))
        and (words[0].split("-", 1)[1] in _PAY_PERIODS)
    ):
        return after[:1]
    return None


# Money verbs that take the payer or the payee before the sum ("fined Verdalis €3.5m",
# "cost the airline €9m", "pledged Ukraine $5m"); not verbs whose object is what changes
# ("raised its dividend 5 cents").
_TWO_OBJECT_VERBS = word_set(
    "fined cost costs costing owes owed owe gave give given giving sent send offered offer "
    "offers promised pledged pledge pledges granted donated"
)
_OBJECT_REACH = 5


def _verb_over_object(clause: Sequence[Token]) -> str | None:
    """The money verb before the short object phrase ending `clause`, or None."""
    for k in range(len(clause) - 1, max(-1, len(clause) - 1 - _OBJECT_REACH), -1):
        word = clause[k].lower
        if word in _TWO_OBJECT_VERBS:
            return word
        if not clause[k].text[:1].isalpha() or (
            word in FUNCTION_WORDS and word not in _OBJECT_WORDS
        ):
            return None  # a comma, a number or a preposition: the sum is not its object
    return None


_OBJECT_WORDS = word_set("the a an its their his her them it him us")


_DEAL_VERBS = word_set(
    "buy buys buying bought acquire acquires acquiring acquired purchase purchased sell sells "
    "selling sold takeover"
)
_VALUING = word_set("values valued valuing")


def _prices_a_deal(clause: Sequence[Token]) -> bool:
    """A sum that prices a purchase: "... to buy X for", "values X at"."""
    if not clause:
        return False
    last = clause[-1].lower
    window = [t.lower for t in clause[-8:-1]]
    return (last == "for" and any(w in _DEAL_VERBS for w in window)) or (
        last == "at" and any(w in _VALUING for w in window)
    )


def quantity_without_noun(
    ctx: SentenceContext,
    before: Sequence[Token],
    clause: Sequence[Token],
    phrase: Sequence[Token],
    outcome: str | None,
    fallback_noun: str | None,
    dimension: str | None,
    after: Sequence[Token] = (),
    limit: int = 0,
) -> tuple[str, Sequence[Token]]:
    """Quantity (and the tokens naming it) of a figure with no noun after it."""
    last = clause[-1].lower if clause else ""
    if dimension is None and last in _VOTE_VERBS:
        return "votes", ()
    if (
        last == "by"
        and dimension in _MARGIN_DIMENSIONS
        and not any(t.lower in UP_WORDS or t.lower in DOWN_WORDS for t in clause[-5:-1])
    ):
        # "smashing the previous record set in 2016 by 0.17C": the margin, not the level
        return "margin", ()
    part = last == "including" or (
        last == "to"
        and len(clause) > 1
        and ctx.in_figure(clause[-2].start)
        and not dimension
        # "fell 40% to 12,300": the level after a change is no change ("passed 218 to 214")
        and not (ctx.previous_quantity is not None and is_change(ctx.previous_quantity))
    )
    if ctx.previous_quantity is not None and part:
        # "$95bn in aid, including $61bn for Ukraine"; "passed 218 to 214"
        return ctx.previous_quantity, ()
    if dimension is None and (shared := shared_noun(ctx, after, outcome)) is not None:
        # "446 of the state's 497 municipalities", "30 of the 45 buses": a part of a
        # counted whole counts the whole's noun
        return shared, ()
    if dimension is None and (numbered := number_of(ctx, before, outcome)) is not None:
        # "The number of pathways waiting ... fell to 784,300": the noun after "number of"
        return numbered
    if ctx.previous_quantity is not None and is_past_record(clause):
        # "peaked at 5.33 metres, surpassing the 4.76 metres reached in 1941": the record
        # beaten is a fact of its own, never an update of the current figure
        previous = ctx.previous_quantity
        if dimension != "ratio" and is_change(previous):
            # "up 19%, surpassing the previous high of 83.5 million": a record of the level
            previous = level_of(previous) or previous
        return (previous if previous.startswith("record ") else f"record {previous}"), ()
    if ctx.previous_quantity is not None and is_earlier_reading(clause):
        # "a turnout of 66.23%, revising an earlier estimate of 64%": the same measure
        return ctx.previous_quantity, ()
    if ctx.previous_quantity is not None and is_compared(clause) and outcome is None:
        # "reached €1.9 billion, well above the €1.2 billion estimated by Asaja", "31, up
        # from the 29 given by police": the figure it is set against names the quantity
        previous = ctx.previous_quantity
        if dimension != "ratio" and is_change(previous):
            # "Revenue was up 27% from 843 million euros": the level it rose from
            previous = level_of(previous) or previous
        return previous, ()
    if ctx.previous_quantity is not None and _gapped(ctx, clause):
        # "the EU pledged €20m in aid and the United States $15 million"
        return ctx.previous_quantity, ()
    if dimension == "currency" and _prices_a_deal(clause):
        # "agreed to buy Kestrel for $12.4 billion", "values the snack maker at $12.6bn"
        return "value", ()
    if dimension == "currency":
        money, money_tokens = money_after(ctx, after, min(limit, len(after)))
        if money is not None:
            return money, money_tokens
        if len(after) > 1 and after[0].lower in {"a", "an", "per"} and after[1].lower in GOODS:
            # "$78 a barrel", "$2,450 an ounce" ("$1.48 a share" is earnings, not a price)
            return "price", after[:2]
        if (pay := _pay_rate(after)) is not None and any(t.lower in _EARNING for t in clause[-8:]):
            return "wages", pay  # "will earn £180,000 a week", "paid $25 an hour"
    if (
        ctx.previous_quantity is not None
        and [t.lower for t in after[:2]] == ["of", "them"]
        and (severity := _severity(after[2:8]))
    ):
        # "14 in hospital, three of them in a critical condition": a graver subset is a
        # count of its own, not a restatement of the whole
        return f"{severity} {ctx.previous_quantity}", ()
    if (
        ctx.previous_quantity is not None
        and (
            (last in _BASE_WORDS and outcome is None)  # "with 10,100 still missing"
            or last in {"or", "("}  # a restatement: "12,400 acres, or about 19 square miles"
            or [t.lower for t in phrase[:1]] == ["them"]
        )
    ):
        return ctx.previous_quantity, ()  # "up 12% from $3.76 billion", "1,150 of them"
    if (
        dimension == "ratio"
        and len(clause) > 1
        and last in SYNONYMS
        and (clause[-2].lower in UP_WORDS or clause[-2].lower in DOWN_WORDS)
    ):
        # "grew revenue 19%", "cut costs 5%": a change of the noun the verb governs
        direction = "growth" if clause[-2].lower in UP_WORDS else "decline"
        return change_of(last, direction), clause[-2:]
    if dimension == "currency" and last in MONEY_VERBS:
        return MONEY_VERBS[last], ()
    if (
        dimension == "currency"
        and last == "for"
        and len(clause) > 1
        and clause[-2].lower in _APPEALS
    ):
        return "funding", ()  # "its appeal for $2.7 billion", "called for $500m"
    if dimension == "ratio" and (bargained := offer_named(clause)) is not None:
        return bargained, ()  # "Aquila has offered 6.5%"
    if dimension == "ratio" and last in _SHARE_VERBS:
        return "share", ()
    if dimension == "length" and is_water_level(clause):
        return "water level", ()  # "the Guaiba river peaked at 5.33 metres"
    if dimension == "area" and any(t.lower in _BURNING for t in before[-12:]):
        return "territory burned", ()  # "the fire grew to 12,400 acres"
    if dimension is None and outcome is None and (heading := subject_head(ctx, clause)):
        return heading  # "Flood warnings in force across the West Midlands fell to 38"
    named, tokens = noun_before(ctx, clause, dimension)
    if named in PRONOUNS:
        # "losses had reached €1.9 billion ... and warned they could exceed €2 billion": a
        # pronoun stands for what the figure before counted
        if ctx.previous_quantity is not None:
            return ctx.previous_quantity, ()
        named, tokens = None, []
    if dimension in ("temperature_c", "temperature_f") and named not in SYNONYMS:
        # "temperatures in the largest city reached 44.8C", "climb back to 43C": a degree
        # reading is a temperature whatever the verb's subject is
        named, tokens = None, []
    if named is None and clause and all(t.lower in LINKING_WORDS for t in clause):
        # "Inflation, as measured by ..., the Fed's preferred gauge, was 2.8%": the
        # sentence's subject, past an appositive
        opening = ctx.tokens[:2]
        if len(opening) == 2 and f"{opening[0].lower} {opening[1].lower}" in SYNONYMS:
            return canonical_quantity(f"{opening[0].lower} {opening[1].lower}"), opening
        for tok in opening:
            if tok.lower in SYNONYMS and tok.lower not in FUNCTION_WORDS:
                return canonical_quantity(tok.lower), [tok]
    if named is not None and (tokens or dimension in ("ratio", "currency")):
        if tokens and outcome:
            named = canonical_quantity(f"{' '.join(t.lower for t in tokens)} {outcome}")
        if tokens and (named in SYNONYMS or dimension is not None or is_change(named)):
            return named, tokens
        if not tokens:
            return named, ()
    if outcome is not None:
        thing = _thing_outcome(ctx, outcome, fallback_noun) if dimension is None else None
        if thing is not None:
            return thing, ()
        # "kills 1,200", "burned 12,400 acres": the outcome names what is counted
        return quantity_for("territory" if dimension == "area" else "people", outcome), ()
    if dimension == "currency":
        # "the cost of fighting the fire had reached $18.5 million": a money noun heads the
        # clause's subject, however long it is; past a relative clause when this one starts
        # with its verb ("The general fund, which pays for ..., will grow to $834 million")
        search = clause
        if clause and clause[0].lower in _CLAUSE_VERB_STARTS:
            search = before[-24:]
        for k in range(len(search) - 1, max(-1, len(search) - 25), -1):
            if SYNONYMS.get(search[k].lower) in MONEY_QUANTITIES:
                if search[k].lower == "cost" and k > 0 and search[k - 1].lower in PERFECT:
                    # "the drought has already cost farmers €1.2bn": what it took, a loss
                    return "losses", [search[k]]
                return SYNONYMS[search[k].lower], [search[k]]
    # A measure looks back only a few words ("a depth of 10 km"); a count further.
    found = known_noun_before(
        clause, 10 if dimension is None else 4, dimension is not None, dimension == "currency"
    )
    search = clause
    if found is None and dimension is None:
        found = known_noun_before(before, 30)
        search = before
    if found is not None:
        word = search[found].lower
        lo = found
        while (
            lo > 0
            and found - lo < 3
            and search[lo - 1].lower not in FUNCTION_WORDS
            and search[lo - 1].text[:1].isalpha()
            and not is_reporting_word(search[lo - 1].lower)
        ):
            lo -= 1
        return canonical_quantity(f"{word} {outcome}" if outcome else word), search[lo : found + 1]
    if named is not None:
        return named, tokens
    if phrase:
        if SYNONYMS.get(phrase[-1].lower, "people") not in PEOPLE_QUANTITIES:
            # "168,400 Terra SUVs": a named model of a counted thing counts the thing
            return SYNONYMS[phrase[-1].lower], phrase
        # A plural demonym: "10,000 Ukrainians"
        if ctx.mention_at(phrase[-1].start) is not None:
            return "people", phrase
        return canonical_quantity(phrase[-1].text), phrase
    if fallback_noun is not None and dimension is None:
        return fallback_noun, ()
    if (
        dimension is None
        and ctx.earlier_noun is not None
        and any(t.lower in _FIGURE_NOUNS for t in clause[-4:])
    ):
        # "The prefecture is sticking to its figure of 48,000" opening a paragraph: the
        # figure the article has been counting
        return ctx.earlier_noun, ()
    if dimension == "currency" and (verb := _verb_over_object(clause)) is not None:
        return MONEY_VERBS[verb], ()  # "fined the company 3.5 million euros"
    return _UNIT_QUANTITY.get(dimension or "", "count"), ()


# Dimensions whose unnamed figure continues the paragraph's last named one of its kind.
CARRIED_DIMENSIONS = frozenset({"mass"})


def unit_fallback(dimension: str | None) -> str:
    """The name a figure of this dimension gets when nothing names what it measures."""
    return _UNIT_QUANTITY.get(dimension or "", "count")


# Nouns that refer back to a figure already given ("its figure of", "the count ... at").
_FIGURE_NOUNS = word_set("figure figures count estimate estimates tally")
