"""Tie each figure of a sentence to what it counts, whose, where, when, and whether forecast.

Everything works on a few tokens around the figure (regex tokens + set lookups, no parser), so
the cost per figure is bounded whatever the sentence length. Rules, in reading order:
- a figure is dropped when it is page chrome ("4 days ago", "0 Comments"), an age after a name
  ("Murat Kaya, 47,"), a span of time ("in four years"), a word number inside a compound
  ("third-party") or a bare "one"/anaphoric "the two countries";
- quantity: see `counted` (the noun phrase after the figure, else the noun linked before it);
  a toll before "people" wins ("put the death toll at 3,000 people" counts deaths); a
  percentage of the vote is a share;
- subject: the entity modifying the counted noun ("North Korean troops", "Ukrainian
  casualties at 400,000"), "troops from X" (a country or body, not a town), a name right
  before the figure ("Russia's 600,000", "the SPD 47") or before "at" ("the AfD at 16%"),
  "of its troops" -> the actor; a distance belongs to the story's named event; else, as a
  weaker reading (`owners`), the clause's actor, a body speaking of "it"/"its", a body whose
  announcing verb takes the figure, the previous figure's subject in the sentence, the
  subject of the same quantity earlier in the paragraph, the article's organisation (never
  for an event's toll), a named event in the sentence or the article's event, the
  sentence's actor. A body never owns a toll or a crowd it reports. A weak subject that
  contains the figure's place is dropped for tolls and named places ("struck eastern Turkey,
  killing 1,200 in Van"); a country's own act keeps it ("Japan pledged $5m");
- location (`figure_places`): a place governed by in/to/into/at/near/inside/across/throughout (or
  "of" right after the noun: "residents of Piru"; "from"/"of" for distances and people who
  fled) after the figure, the most specific of a chain ("in Russia's Kursk region" ->
  Kursk); else before it in the clause (past an appositive when the clause starts with its
  verb); else a fronted "In X,"; else the article's place ("nationwide" -> its country);
  else an organisation subject's country ("the Federal Reserve cut rates" -> United States);
- forecast (`forecast_cues`): a modal or forecast verb in the verb group right before the
  figure or right after its noun phrase ("could send 500 troops", "5,000 troops are
  expected to join"), or a forecast verb in its clause ("expects revenue of $4.3 billion").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from service.domain.attribution import Token
from service.domain.body_references import names_unnamed_body, referred_body
from service.domain.change_names import index_change, named_change
from service.domain.clauses import (
    clause_start,
    without_relative_clause,
)
from service.domain.commodities import good_of
from service.domain.companies import company_speaker, covers_company
from service.domain.counted import quantity_without_noun
from service.domain.figure_filters import DURATIONS
from service.domain.figure_places import place_of_figure
from service.domain.forecast_cues import reads_as_forecast
from service.domain.market_indexes import index_antecedent
from service.domain.member_owners import member_holder, relative_antecedent
from service.domain.model import EntityKind, NumberMention
from service.domain.noun_links import CHANGE_WORDS, noun_before
from service.domain.noun_phrases import noun_phrase, phrase_words
from service.domain.number_context import entitlement, is_custodial
from service.domain.outcomes import nominal_outcome_before, outcome_after, outcome_before
from service.domain.owners import (
    CROWDS,
    HUMAN_TOLLS,
    SUBJECT_KINDS,
    actor,
    entity_keys,
    holds_people,
    is_event_toll,
    is_holder,
    object_source,
    pronoun_source,
    referred_holder,
    results_reporter,
    sentence_event,
)
from service.domain.quantities import CHANGE_NAMES, SYNONYMS, canonical_quantity, change_of
from service.domain.quantity_cues import states_capacity
from service.domain.sentence_context import DETERMINERS, FUNCTION_WORDS, SentenceContext, word_set
from service.domain.territory_figures import is_territory_figure, national_government

_KNOWN_QUANTITIES = frozenset(SYNONYMS.values())
_TOKENS_AFTER = 32
_TOKENS_BEFORE = 45

# A time noun right after a measured figure, read as "... before/after" (not counted).
_TIME_NOUNS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})


_RISE_WORDS = word_set("increase rise jump gain growth surge hike")


# What a hyphenated measure before a noun gives the size of ("a 98-km waterway").
_SIZE_NAMES = {"length": "length", "mass": "weight", "duration": "duration"}
# Names of measures themselves: "a 10-km distance", "a five-year sentence" stay as named.
_MEASURES = frozenset(
    {"distance", "length", "depth", "width", "height", "water level", "weight", "duration",
     "sentence", "harvest", "production", "rainfall", "snowfall", "territory"}
)  # fmt: skip

# Verbs without "-ed" that compare a sum or a share with another ("12% beat forecasts",
# "$4.2bn tops estimates"): never the noun of the figure before them.
_VERBS_AFTER_A_MEASURE = word_set(
    "beat beats hit hits met meets top tops topped outstrip outstrips trail trails lag lags "
    "miss misses exceed exceeds surpass surpasses outpace outpaces undershot overshot"
)


def _coordinated_outcome(ctx: SentenceContext, start: int) -> str | None:
    """The outcome of the figure starting at `start` when it is the second of a pair."""
    span = next(((lo, hi) for lo, hi in ctx.figure_spans if lo == start), None)
    if span is None:
        return None
    after = ctx.tokens_after(span[1], 12)
    _, end = noun_phrase(ctx, after, len(after))
    return outcome_after(ctx, after, end) if end < len(after) else None


# What may stand before a name listed with its figure: "followed by the French with 11.8
# million and Germans with 10.8 million" (not a verb: "supplying Russia with 10,000 shells").
_LIST_OPENERS = frozenset({"and", ",", "the", "by", "while", "whereas", "but", ";", "("})


def _listed_with(ctx: SentenceContext, before: Sequence[Token]) -> str | None:
    """The name listed right before "with" and the figure, else None."""
    m = ctx.mention_at(before[-2].start)
    if m is None or ctx.kind(m.key) not in SUBJECT_KINDS:
        return None
    k = len(before) - 2
    while k > 0 and before[k - 1].start >= m.start:
        k -= 1
    return m.key if k == 0 or before[k - 1].lower in _LIST_OPENERS else None


def _is_whole(ctx: SentenceContext, before: Sequence[Token]) -> bool:
    """The M of "N of the [owner's] M nouns were damaged": what happened, happened to the N."""
    k = len(before) - 1
    if k >= 0 and before[k].text[-2:] in ("'s", "’s"):
        k -= 1
    while k >= 0 and before[k].lower in {"the", "its", "their", "his", "her", "our"}:
        k -= 1
    return k >= 1 and before[k].lower == "of" and ctx.in_figure(before[k - 1].start)


class Reading:
    """What `read_figure` makes of one figure before it becomes an assertion."""

    __slots__ = ("end", "is_forecast", "location", "quantity", "subject")

    def __init__(
        self, quantity: str, subject: str | None, location: str | None, end: int, forecast: bool
    ) -> None:
        self.quantity = quantity
        self.subject = subject
        self.location = location
        self.end = end
        self.is_forecast = forecast


# (a named tuple, not `(*SUBJECT_KINDS, ...)` inline: mypyc cannot compile a starred `in`)
_SUBJECT_OR_PERSON = (*SUBJECT_KINDS, EntityKind.PERSON)


def read_figure(
    ctx: SentenceContext,
    number: NumberMention,
    next_start: int,
    previous_subject: str | None,
    fallback_noun: str | None,
    dimension: str | None,
    paragraph_subjects: Mapping[str, str],
    focus_subject: str | None = None,
    focus_place: str | None = None,
    focus_event: str | None = None,
    companies: frozenset[str] = frozenset(),
) -> Reading:
    """Quantity, subject, location, span end and forecast flag of one figure.

    `next_start` bounds the look-ahead at the next figure of the sentence; `fallback_noun`
    is the last counted noun of the paragraph, for figures without one ("thousands could be
    deployed"); `dimension` is the unit's dimension ("length", "currency", ...);
    `paragraph_subjects` maps the quantities counted earlier in the paragraph to their subject;
    `focus_subject`/`focus_place`/`focus_event` are what the article as a whole is about,
    used last; `companies` are the article's companies (`companies.company_keys`).
    """
    after = ctx.tokens_after(number.end, _TOKENS_AFTER)
    limit = len(after)
    for k, tok in enumerate(after):
        if tok.start >= next_start:
            limit = k
            break
    before = ctx.tokens_before(number.start, _TOKENS_BEFORE)
    clause_lo = clause_start(before)
    clause = without_relative_clause(before, clause_lo)

    count = number.high if number.unit is None else None
    phrase, np_end = noun_phrase(ctx, after, limit, count)
    if (
        dimension in ("currency", "ratio")
        and phrase
        and (phrase[0].lower.endswith("ed") or phrase[0].lower in _VERBS_AFTER_A_MEASURE)
        and phrase[0].lower not in SYNONYMS
    ):
        # "$4.3bn to $4.5bn disappointed investors", "growth of 12% beat forecasts": a sum
        # or share is followed by its verb
        phrase, np_end = [], 0
    if (
        dimension is not None
        and len(phrase) == 1
        and phrase[0].lower in _TIME_NOUNS
        and np_end < len(after)
        and after[np_end].lower in {"before", "after", "earlier", "later", "ago"}
    ):
        # "2.5 per cent minutes before the blast": the time words date the figure
        phrase, np_end = [], 0
    words = phrase_words(ctx, phrase)
    subject: str | None = None
    location: str | None = None
    span_end = number.end
    noun_phrase_tokens: Sequence[Token] = ()
    whole = _is_whole(ctx, before)
    outcome = outcome_after(ctx, after, np_end) if np_end < limit and not whole else None
    if outcome is None and np_end + 1 < len(after) and after[np_end].lower in {"and", "or"}:
        # "87 homes and 41 other structures were destroyed": the outcome after the second
        outcome = _coordinated_outcome(ctx, after[np_end + 1].start)
    if outcome is None and dimension in (None, "area"):
        # "killing 300 people", "burned 12,400 acres"; a sum or a share is nobody's toll
        outcome = outcome_before(before) or nominal_outcome_before(ctx, number.start)
    if words:
        span_end = phrase[-1].end
        noun_phrase_tokens = phrase
        head = " ".join(words[-3:])
        if words[-1] in CHANGE_WORDS and np_end + 1 < limit and after[np_end].lower in {"in", "of"}:
            lead = np_end + 1
            while lead < limit and after[lead].lower in DETERMINERS:
                lead += 1  # "a 47% reduction in the risk", "a 9% rise in its revenue"
            target, _ = noun_phrase(ctx, after[lead:], limit - lead)
            target_words = phrase_words(ctx, target)
            if target_words:
                # "a 4% rise in sales" is a change of sales, as "sales rose 4%" (`noun_before`)
                direction = "growth" if words[-1] in _RISE_WORDS else "decline"
                head = change_of(" ".join(target_words[-2:]), direction)
                if head in CHANGE_NAMES:
                    # "a 9% fall in first-half operating profit": past the period word
                    rest = after[lead + len(target) : min(limit, lead + len(target) + 2)]
                    nouns = [t.lower for t in rest if t.text.isalpha()]
                    if len(nouns) == len(rest) and not set(nouns) & FUNCTION_WORDS:
                        head = change_of(" ".join(target_words[-1:] + nouns), direction)
        quantity = canonical_quantity(f"{head} {outcome}" if outcome else head)
        if (
            dimension in _SIZE_NAMES
            and quantity not in _MEASURES
            and "-" in ctx.text[number.start : number.end]
        ):
            # "the 380-metre bridge", "a 20-tonne truck": the figure is the thing's size, and
            # the thing is whose it is, not what is measured
            quantity = _SIZE_NAMES[dimension]
        if dimension == "area" and quantity not in _KNOWN_QUANTITIES:
            # "300,000 hectares of wheat": an area of land, whatever grows on it
            quantity = canonical_quantity(f"territory {outcome}" if outcome else "territory")
        if quantity == "people":
            # "put the death toll at more than 3,000 people": the toll names the count
            toll, _ = noun_before(ctx, clause, dimension)
            if toll in HUMAN_TOLLS:
                quantity = toll
        if dimension == "ratio" and quantity == "votes":
            quantity = "share"  # "54% of the vote": a vote share, not a count of votes
        if (
            outcome is None
            and before
            and before[-1].lower == "and"
            and ctx.previous_head == words[-1]
            and ctx.previous_quantity is not None
        ):
            # "14 officers had been hurt in Paris and 31 officers nationwide"
            quantity = ctx.previous_quantity
        ctx.previous_head = words[-1]
    else:
        quantity, noun_phrase_tokens = quantity_without_noun(
            ctx, before, clause, phrase, outcome, fallback_noun, dimension, after, limit
        )
        if noun_phrase_tokens is phrase and phrase:
            span_end = phrase[-1].end
        if (
            quantity == "count"
            and after
            and after[0].text[:1].islower()
            and after[0].text.isalpha()
            and after[0].lower not in FUNCTION_WORDS
        ):
            quantity = "people"  # "Thousands protest", "Dozens marched": a crowd acting

    # "fell by 61,000", "148,200 tonnes, down 8%", "5.8% above the 2025 crop": a change
    quantity = named_change(ctx, quantity, dimension, clause, before, after)
    if dimension is None and states_capacity(clause):
        quantity = "capacity"  # "licensed to carry 150", "a capacity of 40,000 seats"
    if (good := good_of(quantity, noun_phrase_tokens)) is not None:
        quantity = f"{good} {quantity}"  # "the barley crop" and "the wheat crop" stay apart
    if number.unit in DURATIONS and (granted := entitlement(ctx.text, number)) is not None:
        quantity = granted  # "16 weeks of severance pay": what the weeks are of
    if number.unit in DURATIONS and is_custodial(ctx.text, number):
        quantity = "sentence"  # "four years in prison", "jailed for six years": what was imposed

    # subject
    event_toll = is_event_toll(quantity)
    np_keys = [
        k
        for k in entity_keys(ctx, noun_phrase_tokens)
        if ctx.kind(k) in _SUBJECT_OR_PERSON
        # a toll named before the figure ("military casualties at 600,000") is an event's
        # or a country's, not a body's
        and not (words == [] and event_toll and ctx.kind(k) is EntityKind.ORGANIZATION)
    ]
    if np_keys:
        subject = np_keys[0]
    if subject is None and dimension is None and np_end < limit and after[np_end].lower == "from":
        # "troops from North Korea"; a town people fled from is a place, not an owner
        origin = [
            k
            for k in entity_keys(ctx, after[np_end + 1 : min(limit, np_end + 4)])
            if ctx.kind(k) in SUBJECT_KINDS
        ]
        if origin:
            subject = origin[0]
    if subject is None and before:
        m = ctx.mention_at(before[-1].start)
        if m is not None and (
            before[-1].text.endswith(("'s", "’s")) or ctx.kind(m.key) in SUBJECT_KINDS
        ):
            # "Russia's 600,000"; a list "the SPD 47, the AfD 27": the name right before
            subject = m.key
    if (
        subject is None
        and len(before) >= 2
        and (before[-1].lower == "at" or (before[-1].lower == "on" and dimension == "ratio"))
    ):
        m = ctx.mention_at(before[-2].start)
        if m is not None and ctx.kind(m.key) in SUBJECT_KINDS:
            # "projected the AfD at 16 to 18 per cent", a poll's "Labour on 31%" ("supplying
            # Russia with" is no owner)
            subject = m.key
    if subject is None and len(before) >= 2 and before[-1].lower == "with":
        subject = _listed_with(ctx, before)
    possessive = [t.lower for t in after[:3] if t.lower in {"its", "their"}]
    if subject is None and possessive and after[0].lower == "of":
        subject = actor(ctx, before)
    weak = False  # an actor read off the clause, not the counted noun itself
    if subject is None and dimension == "length":
        # "the fire, about 50 miles from Los Angeles": a distance belongs to the event only
        subject = sentence_event(ctx) or focus_event
    if subject is None and focus_subject in companies and covers_company(quantity):
        subject = focus_subject  # "Corbel lowered its target to $88": the stock's target
    index = index_antecedent(ctx, before) if subject is None else None
    if index is not None and index.found:
        subject = index.key  # "the benchmark index, which was up 0.6%": not the company's
        if quantity in CHANGE_NAMES:
            quantity = change_of("index", quantity)
    elif subject is None and dimension != "length":
        weak = True

        def owner(key: str | None) -> str | None:
            # a body reports a toll or counts a crowd (an agency, a ministry, the police), it
            # does not own it
            # ... but a vessel carries its passengers and a company employs its workers
            counted = event_toll or (
                quantity in CROWDS
                and not holds_people(before)
                and not is_holder(ctx, key)
                and key not in companies  # an airline's passengers, a retailer's staff
            )
            if key is not None and counted and ctx.kind(key) is EntityKind.ORGANIZATION:
                return None
            return key

        subject = owner(
            member_holder(ctx, words[-1] if words else None, after[np_end:])
            or relative_antecedent(ctx, before, companies)  # "The council, which manages"
            or actor(ctx, clause)
            or pronoun_source(ctx, clause)
            or object_source(ctx, before)
            or referred_body(ctx, clause, companies)  # "the council will cut 120 jobs"
            or national_government(ctx, before, focus_place)  # "a government plan to cut"
        )
        if subject is None and focus_subject is None and not event_toll and quantity not in CROWDS:
            # a company reporting its own results in a story about several ("Kellbrook said
            # sales rose"); in a one-company story an analyst's firm speaks of that company
            subject = company_speaker(ctx.sources, companies)
        if subject is None:
            subject = results_reporter(ctx, quantity, number.start)
        if subject is None and not event_toll:
            subject = referred_holder(ctx, before, after[np_end:limit])
        if subject is None:
            subject = owner(previous_subject)
        if subject is None:
            subject = owner(paragraph_subjects.get(quantity))
        if subject is None and not event_toll and not names_unnamed_body(ctx, before):
            subject = focus_subject  # an organisation owns its figures, not a disaster's toll
        if subject is None:
            # "died in Typhoon Tamaraw": a named event in the sentence, else the article's
            subject = sentence_event(ctx) or focus_event
        if subject is None:
            subject = owner(actor(ctx, before))

    location, named_place = place_of_figure(
        ctx,
        before=before,
        clause=clause,
        clause_lo=clause_lo,
        after=after,
        np_end=np_end,
        limit=limit,
        subject=subject,
        quantity=quantity,
        dimension=dimension,
        focus_place=focus_place,
        event_toll=event_toll,
    )
    if (
        weak
        and (named_place or event_toll)
        and subject is not None
        and location is not None
        and ctx.contains(subject, location)
    ):
        # "an earthquake struck eastern Turkey, killing 1,200 people in Van": a place, not
        # the owner of the count (a country's own act, "Japan pledged $5m", keeps it)
        subject = None
    if subject is None and location is not None and is_territory_figure(quantity, before):
        subject = location  # "the unemployment rate rose to 8.7%": the territory's own

    quantity = index_change(ctx, quantity, subject)  # "The S&P 500 closed up 0.7%"
    forecast = reads_as_forecast(ctx, before, clause, after, np_end, limit)
    return Reading(quantity, subject, location, span_end, forecast)
