"""Tie each figure of a sentence to what it counts, whose, where, when, and whether forecast.

Everything works on a few tokens around the figure (regex tokens + set lookups, no parser), so
the cost per figure is bounded whatever the sentence length. Rules, in reading order:
- a figure is dropped when it is page chrome ("4 days ago", "0 Comments"), an age after a name
  ("Murat Kaya, 47,"), or a bare "one"/anaphoric "the two countries";
- quantity: the noun phrase after the figure (modifiers and demonyms skipped, its head is the
  last word before a function word or a verb; "of its troops", "rounds of ammunition" followed),
  plus an outcome that applies to it ("have been killed or wounded", or a verb right before the
  figure: "killing 300 people"), normalised by `quantities.canonical_quantity`; without a noun,
  the nearest known quantity noun before the figure ("casualties at over 600,000", "the number
  of troops ... up to 10,000"), then the unit's dimension ("5,700 miles" -> distance);
- subject: the entity modifying the counted noun ("North Korean troops"), "units from X", a
  possessive before the figure ("Russia's 600,000"), else the clause's actor (first entity not
  governed by a preposition and not the source), else the subject of the previous figure in the
  sentence;
- location: a place or country governed by in/to/into/at/near/inside after the figure (the most
  specific of a chain: "in Russia's Kursk region" -> Kursk), else before it in the clause;
- forecast: a modal or forecast verb in the verb group right before the figure or right after
  its noun phrase ("could send 500 troops", "5,000 troops are expected to join").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence

from service.domain.attribution import Attribution, Token, is_reporting_word, tokenize
from service.domain.model import Entity, EntityKind, EntityMention, NumberMention
from service.domain.quantities import SYNONYMS, canonical_quantity, quantity_for


def _word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


_TOKENS_AFTER = 32
_TOKENS_BEFORE = 45
_MAX_NP = 7

_FUNCTION_WORDS = _word_set(
    """
    the a an in to into from of at on by with for over under near across since during after
    before within per each among between against toward towards through without including
    and or but while that which who whom whose as than if because so is are was were be been
    being has have had will would could can may might must shall should do does did it its
    their his her our your my this these those there here where when then not no also
    already now still reportedly allegedly just only even about around some all both either
    neither nearly almost roughly approximately up down out off most least west
    east north south northwest northeast southwest southeast away ago them us him me whom
    nationwide worldwide overall apiece altogether annually daily monthly weekly yearly
    respectively each total last next previous earlier later yesterday today tomorrow
    tonight
    """
)
# Plural nouns that do not end in "s": a one-word noun phrase after a count above one must
# be plural, so a singular-looking word there is a verb ("19 remain in custody").
_IRREGULAR_PLURALS = _word_set(
    """
    people men women children police staff personnel aircraft sheep cattle feet teeth data
    media crew livestock poultry fish deer offspring clergy militia infantry cavalry youth
    """
)
# Nouns that only point back at a figure already given ("put the figure at 160,000").
_ANAPHORIC_NOUNS = _word_set("figure figures number total tally count estimate estimates")
# Verbs right before a sum of money that say what the money is.
_MONEY_VERBS: dict[str, str] = {
    **dict.fromkeys(
        [
            "pledged",
            "pledge",
            "pledges",
            "promised",
            "promise",
            "offered",
            "offer",
            "donated",
            "donate",
            "provide",
            "provided",
            "providing",
            "provides",
            "send",
            "sent",
            "sending",
            "give",
            "gave",
            "given",
            "giving",
        ],
        "aid",
    ),
    **dict.fromkeys(
        [
            "released",
            "release",
            "allocated",
            "allocate",
            "approved",
            "approve",
            "earmarked",
            "earmark",
            "budgeted",
            "invested",
            "invest",
            "raised",
            "raise",
            "granted",
            "grant",
            "committed",
            "commit",
            "announced",
        ],
        "funding",
    ),
    **dict.fromkeys(["spent", "spend", "spending", "cost", "costs", "costing"], "cost"),
    **dict.fromkeys(["earned", "earn", "generated", "generate"], "revenue"),
    **dict.fromkeys(["lost", "lose", "losing"], "losses"),
}
# Verbs right before a percentage that make it a share of a vote or market.
_SHARE_VERBS = _word_set("took take takes won win wins received receive garnered secured captured")
# Modifiers that never head a noun phrase.
_SKIP_MODIFIERS = _word_set(
    """
    more additional extra new other further elite estimated total combined some further
    another fresh
    """
)
_OF_DETERMINERS = frozenset({"its", "their", "the", "his", "her", "our", "these", "those"})
# Nouns whose count is carried by the noun after "of" ("rounds of ammunition").
_PARTITIVES = _word_set(
    """
    rounds round pieces tons tonnes kilograms pounds barrels gallons litres liters cubic
    units acres hectares square metres meters kilometres kilometers miles feet cases boxes
    bags sacks containers truckloads shipments batches
    """
)
_CHANGE_WORDS = _word_set(
    """
    increase rise drop fall decline jump gain cut growth reduction surge slump hike
    """
)
_AUXILIARIES = _word_set(
    """
    have has had been be being was were is are also already reportedly allegedly now since
    then confirmed officially either
    """
)
_OUTCOME_FORMS: dict[str, str] = {
    "kill": "killed",
    "kills": "killed",
    "killing": "killed",
    "killed": "killed",
    "injure": "injured",
    "injures": "injured",
    "injuring": "injured",
    "injured": "injured",
    "wound": "wounded",
    "wounds": "wounded",
    "wounding": "wounded",
    "wounded": "wounded",
    "evacuate": "evacuated",
    "evacuating": "evacuated",
    "evacuated": "evacuated",
    "displace": "displaced",
    "displacing": "displaced",
    "displaced": "displaced",
    "destroy": "destroyed",
    "destroying": "destroyed",
    "destroyed": "destroyed",
    "damage": "damaged",
    "damaging": "damaged",
    "damaged": "damaged",
    "arrest": "arrested",
    "arresting": "arrested",
    "arrested": "arrested",
    "detain": "detained",
    "detaining": "detained",
    "detained": "detained",
    "rescue": "rescued",
    "rescuing": "rescued",
    "rescued": "rescued",
    "died": "died",
    "dead": "dead",
    "missing": "missing",
    "hurt": "hurt",
    "collapsed": "collapsed",
    "burned": "burned",
    "burnt": "burned",
    "infected": "infected",
    "infecting": "infected",
    "flooded": "flooded",
}
_CASUALTY_TAIL = re.compile(
    r"\s*(?:(?:killed|dead)\s*(?:,|or|and|and/or)\s*(?:wounded|injured)"
    r"|(?:wounded|injured)\s*(?:,|or|and|and/or)\s*(?:killed|dead))\b"
)
_LOCATION_PREPS = frozenset(
    {"in", "to", "into", "at", "near", "inside", "across", "throughout", "within", "outside"}
)
_ACTOR_BLOCKERS = frozenset(
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
    }
)
_CLAUSE_BREAKS = frozenset({",", ";", ":", "while", "whereas", "but", "—", "–", "(", ")"})
_FORECAST = _word_set(
    """
    will could may might would expected expects expect forecast forecasts forecasted
    projected projects predicted predicts poised likely planned plans plan anticipated
    estimated-to
    """
)
# Verbs that make a figure anywhere in their clause a forecast ("expects revenue of $4bn").
_FORECAST_VERBS = _word_set(
    "expects expected forecast forecasts projects projected predicts predicted anticipates "
    "anticipated guided plans planned targets"
)
_CHROME_AFTER = re.compile(
    r"\s*(?:ago\b|comments?|shares?|likes?|views?|replies|responses|reactions|min(?:ute)?s? read|"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_AGE_AFTER = re.compile(r"\s*(?:,|-year-old|\s+years?\s+old)")
_SMALL_WORDS = frozenset({"one", "two", "three", "four", "five"})
_LINKING_WORDS = _word_set(
    """
    of at to by was were is are be been stood reached hit totaled totalled totaling
    totalling amounted amounting came rose risen fell fallen climbed dropped increased
    decreased grew jumped slid declined gained lost up down surged plunged soared slipped
    sank shed advanced added put now nearly
    """
)
_UP_WORDS = _word_set("up rose risen climbed increased grew gained jumped surged soared advanced")
_DOWN_WORDS = _word_set("down fell fallen dropped decreased declined slid slipped plunged sank")
_BASE_WORDS = _word_set("from with versus vs against")
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
}


class SentenceContext:
    """What the figures of one sentence share: tokens, mentions, entity kinds, sources."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        mentions: Sequence[EntityMention],
        entities: Mapping[str, Entity],
        sources: Sequence[Attribution],
        contains: Callable[[str, str], bool],
        tokens: list[Token] | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.mentions = mentions
        self.entities = entities
        self.sources = sources
        self.contains = contains
        self.previous_quantity: str | None = None  # of the figure before, for "from $3bn"
        self.source_keys = {k for s in sources for k in s.entity_keys}
        self.source_spans = [(s.start, s.end) for s in sources]
        self.tokens = tokens if tokens is not None else tokenize(text, start, end)
        self.token_starts = [t.start for t in self.tokens]
        self.token_ends = [t.end for t in self.tokens]

    def tokens_after(self, pos: int, count: int) -> list[Token]:
        """Up to `count` tokens starting at or after `pos`."""
        i = bisect.bisect_left(self.token_starts, pos)
        return self.tokens[i : i + count]

    def tokens_before(self, pos: int, count: int) -> list[Token]:
        """Up to `count` tokens ending at or before `pos`."""
        i = bisect.bisect_right(self.token_ends, pos)
        return self.tokens[max(0, i - count) : i]

    def kind(self, key: str) -> EntityKind | None:
        entity = self.entities.get(key)
        return entity.kind if entity is not None else None

    def mention_at(self, pos: int) -> EntityMention | None:
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None


def is_real_figure(text: str, number: NumberMention, sentence_start: int) -> bool:
    """False for page chrome, ages after names, and pronoun-like small number words."""
    after = text[number.end : number.end + 40]
    if _CHROME_AFTER.match(after):
        return False
    before = text[max(sentence_start, number.start - 40) : number.start]
    if _AGE_BEFORE.search(before) and _AGE_AFTER.match(after) and (number.high or 0) < 120:
        return False
    word = number.text.strip().lower()
    if word in _SMALL_WORDS:
        prev = before.rstrip().rsplit(" ", 1)[-1].lower() if before.strip() else ""
        if prev in {"the", "these", "those", "both", "all", "its", "their"}:
            return False
        if word == "one":
            nxt = after.split(None, 2)
            return bool(nxt) and nxt[0].strip(",.").lower() in SYNONYMS
    return True


def _noun_phrase(
    ctx: SentenceContext, tokens: Sequence[Token], limit: int, count: float | None = None
) -> tuple[list[Token], int]:
    """Noun phrase at the start of `tokens` (before index `limit`) and the index after it."""
    i = 0
    if i < limit and tokens[i].lower == "of":
        # "3,000 of its troops", "thousands of troops", "5% of voters"
        i += 1
        while i < limit and tokens[i].lower in _OF_DETERMINERS:
            i += 1
    phrase: list[Token] = []
    while i < limit and len(phrase) < _MAX_NP:
        tok = tokens[i]
        low = tok.lower
        if not tok.text[:1].isalpha():
            if tok.text == "-" and phrase:
                i += 1
                continue
            break
        if low in _FUNCTION_WORDS and ctx.mention_at(tok.start) is None:
            break
        if (
            phrase
            and low.endswith(("ed", "ing"))
            and low not in SYNONYMS
            and ctx.mention_at(tok.start) is None
        ):
            break
        if low.endswith("ly") and low not in SYNONYMS and not tok.text[:1].isupper():
            i += 1
            continue
        phrase.append(tok)
        i += 1
        if i < limit and tokens[i].lower == "of" and low in _PARTITIVES:
            # "rounds of ammunition": keep reading after "of"
            phrase.append(tokens[i])
            i += 1
    if len(phrase) == 1 and _looks_like_verb(ctx, phrase[0], count):
        return [], 0
    return phrase, i


def _looks_like_verb(ctx: SentenceContext, tok: Token, count: float | None) -> bool:
    """A lone lower-case word after a count that cannot be its plural noun ("19 remain",
    "thousands marched")."""
    low = tok.lower
    if tok.text[:1].isupper() or low in SYNONYMS or ctx.mention_at(tok.start) is not None:
        return False
    if low.endswith("ed"):
        return True
    return (
        count is not None
        and count > 1
        and not low.endswith("s")
        and low not in _IRREGULAR_PLURALS
        and not low.endswith(("ics", "ry"))
    )


def _phrase_words(ctx: SentenceContext, phrase: Sequence[Token]) -> list[str]:
    """Lower-case words of a noun phrase without entity names and skipped modifiers."""
    words: list[str] = []
    for tok in phrase:
        if ctx.mention_at(tok.start) is not None or tok.lower in _SKIP_MODIFIERS:
            continue
        words.append(tok.lower)
    return words


def _outcome_after(ctx: SentenceContext, tokens: Sequence[Token], i: int) -> str | None:
    """Outcome in the verb group after a noun phrase: "have been confirmed killed"."""
    j = i
    while j < len(tokens) and j - i < 5 and tokens[j].lower in _AUXILIARIES:
        j += 1
    if j >= len(tokens):
        return None
    tail = ctx.text[tokens[j].start : tokens[j].start + 40]
    if _CASUALTY_TAIL.match(tail):
        return "killed or wounded"
    return _OUTCOME_FORMS.get(tokens[j].lower)


def _outcome_before(before: Sequence[Token]) -> str | None:
    """An active verb right before the figure: "killing 300 people", "destroyed 500 homes"."""
    for tok in reversed(before[-3:]):
        if tok.lower in _OUTCOME_FORMS:
            return _OUTCOME_FORMS[tok.lower]
        if tok.lower not in {"at", "least", "some", "about", "around", "nearly", "over"}:
            break
    return None


def _known_noun_before(before: Sequence[Token], max_tokens: int) -> int | None:
    """Index in `before` of the nearest word naming a known quantity, scanning backwards."""
    for k in range(len(before) - 1, max(-1, len(before) - 1 - max_tokens), -1):
        low = before[k].lower
        if low in SYNONYMS and low not in _FUNCTION_WORDS:
            return k
    return None


def _clause_start(before: Sequence[Token]) -> int:
    for k in range(len(before) - 1, -1, -1):
        if before[k].lower in _CLAUSE_BREAKS or before[k].lower == "that":
            return k + 1
    return 0


def _entity_keys(ctx: SentenceContext, tokens: Sequence[Token]) -> list[str]:
    keys: list[str] = []
    for tok in tokens:
        m = ctx.mention_at(tok.start)
        if m is not None and m.key not in keys:
            keys.append(m.key)
    return keys


_SUBJECT_KINDS = (EntityKind.COUNTRY, EntityKind.ORGANIZATION, EntityKind.GROUP)
_PLACE_KINDS = (EntityKind.COUNTRY, EntityKind.PLACE)


def _actor(ctx: SentenceContext, clause: Sequence[Token]) -> str | None:
    """First entity of a clause not governed by a preposition and not the quoted source."""
    prev = ""
    for i, tok in enumerate(clause):
        m = ctx.mention_at(tok.start)
        if m is not None and tok.start == m.start:
            in_source = any(s <= m.start < e for s, e in ctx.source_spans)
            modifier = tok.text.endswith(("'s", "’s")) and any(
                ctx.mention_at(t.start) is not None for t in clause[i + 1 : i + 4]
            )  # "Germany's conservative Christian Democrats (CDU)"
            if (
                prev not in _ACTOR_BLOCKERS
                and not in_source
                and not modifier
                and ctx.kind(m.key) in _SUBJECT_KINDS
                and m.key not in ctx.source_keys
            ):
                return m.key
        if m is None and tok.text != ",":
            prev = tok.lower  # "in Penang, Malaysia": the comma keeps the preposition
    return None


def _pronoun_source(ctx: SentenceContext, clause: Sequence[Token]) -> str | None:
    """ "Britain said it would provide £5 million": the body speaking is the subject."""
    if not any(t.lower in {"it", "they", "we"} for t in clause):
        return None
    for source in reversed(ctx.sources):
        key = source.speaker_key
        if key is not None and ctx.kind(key) in _SUBJECT_KINDS:
            return key
    return None


def _most_specific(ctx: SentenceContext, keys: Sequence[str]) -> str | None:
    best: str | None = None
    for key in keys:
        if best is None or ctx.contains(best, key):
            best = key
    return best


def _places_after_preps(ctx: SentenceContext, tokens: Sequence[Token]) -> list[str]:
    found: list[str] = []
    last_prep = -10
    for k, tok in enumerate(tokens):
        if tok.lower in _LOCATION_PREPS:
            last_prep = k
            continue
        if tok.lower == "from" or tok.text in _CLAUSE_BREAKS:
            last_prep = -10
            continue
        m = ctx.mention_at(tok.start)
        if m is None or tok.start != m.start or k - last_prep > 4:
            continue
        if ctx.kind(m.key) in _PLACE_KINDS and m.key not in found:
            found.append(m.key)
            last_prep = k  # "in Russia's Kursk region": the chain continues
    return found


def _noun_before(
    ctx: SentenceContext, clause: Sequence[Token], dimension: str | None
) -> tuple[str | None, list[Token]]:
    """The noun a figure measures when it stands after it: "revenue of $4.2bn", "turnout was
    67%", "casualties at over 600,000"; with "up 12%"/"fell by 3%" a change of it."""
    k = len(clause) - 1
    change: str | None = None
    level = False
    while k >= 0 and clause[k].lower in _LINKING_WORDS and len(clause) - k <= 4:
        low = clause[k].lower
        if low in {"to", "at"} and k == len(clause) - 1:
            level = True
        if not level and (low in _UP_WORDS or low in _DOWN_WORDS):
            change = "growth" if low in _UP_WORDS else "decline"
        k -= 1
    if dimension not in ("ratio", "currency"):
        change = None
    if k < 0 or k == len(clause) - 1 or not clause[k].text[:1].isalpha():
        return change, []  # no linking word: the word before is a verb ("took 33.8%")
    tok = clause[k]
    if (
        tok.lower in _FUNCTION_WORDS
        or tok.lower in _ANAPHORIC_NOUNS
        or ctx.mention_at(tok.start) is not None
        or (tok.lower.endswith("ed") and tok.lower not in SYNONYMS)
        or is_reporting_word(tok.lower)
    ):
        return change, []
    lo = k
    if k > 0:
        prev = clause[k - 1]
        if (
            prev.text[:1].isalpha()
            and prev.lower not in _FUNCTION_WORDS
            and ctx.mention_at(prev.start) is None
        ):
            lo = k - 1
    words = " ".join(t.lower for t in clause[lo : k + 1])
    name = canonical_quantity(words)
    if change is not None:
        name = canonical_quantity(f"{words} {change}") if name not in SYNONYMS else change
    return name, list(clause[lo : k + 1])


def _quantity_without_noun(
    ctx: SentenceContext,
    before: Sequence[Token],
    clause: Sequence[Token],
    phrase: Sequence[Token],
    outcome: str | None,
    fallback_noun: str | None,
    dimension: str | None,
) -> tuple[str, Sequence[Token]]:
    """Quantity (and the tokens naming it) of a figure with no noun after it."""
    last = clause[-1].lower if clause else ""
    if ctx.previous_quantity is not None and (
        last in _BASE_WORDS or [t.lower for t in phrase[:1]] == ["them"]
    ):
        return ctx.previous_quantity, ()  # "up 12% from $3.76 billion", "1,150 of them"
    if dimension == "currency" and last in _MONEY_VERBS:
        return _MONEY_VERBS[last], ()
    if dimension == "ratio" and last in _SHARE_VERBS:
        return "share", ()
    named, tokens = _noun_before(ctx, clause, dimension)
    if named is not None and (tokens or dimension in ("ratio", "currency")):
        if tokens and outcome:
            named = canonical_quantity(f"{' '.join(t.lower for t in tokens)} {outcome}")
        if tokens and (named in SYNONYMS or dimension is not None):
            return named, tokens
        if not tokens:
            return named, ()
    if outcome is not None:
        # "kills 1,200", "burned 12,400 acres": the outcome names what is counted
        return quantity_for("territory" if dimension == "area" else "people", outcome), ()
    # A measure looks back only a few words ("a depth of 10 km"); a count further.
    found = _known_noun_before(clause, 10 if dimension is None else 4)
    search = clause
    if found is None and dimension is None:
        found = _known_noun_before(before, 30)
        search = before
    if found is not None:
        word = search[found].lower
        lo = found
        while (
            lo > 0
            and found - lo < 3
            and search[lo - 1].lower not in _FUNCTION_WORDS
            and search[lo - 1].text[:1].isalpha()
            and not is_reporting_word(search[lo - 1].lower)
        ):
            lo -= 1
        return canonical_quantity(f"{word} {outcome}" if outcome else word), search[lo : found + 1]
    if named is not None:
        return named, tokens
    if phrase:
        # A plural demonym: "10,000 Ukrainians"
        if ctx.mention_at(phrase[-1].start) is not None:
            return "people", phrase
        return canonical_quantity(phrase[-1].text), phrase
    if fallback_noun is not None and dimension is None:
        return fallback_noun, ()
    return _UNIT_QUANTITY.get(dimension or "", "count"), ()


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
) -> Reading:
    """Quantity, subject, location, span end and forecast flag of one figure.

    `next_start` bounds the look-ahead at the next figure of the sentence; `fallback_noun`
    is the last counted noun of the paragraph, for figures without one ("thousands could be
    deployed"); `dimension` is the unit's dimension ("length", "currency", ...);
    `paragraph_subjects` maps the quantities counted earlier in the paragraph to their subject;
    `focus_subject`/`focus_place` are what the article as a whole is about, used last.
    """
    after = ctx.tokens_after(number.end, _TOKENS_AFTER)
    limit = len(after)
    for k, tok in enumerate(after):
        if tok.start >= next_start:
            limit = k
            break
    before = ctx.tokens_before(number.start, _TOKENS_BEFORE)
    clause_lo = _clause_start(before)
    clause = before[clause_lo:]

    count = number.high if number.unit is None else None
    phrase, np_end = _noun_phrase(ctx, after, limit, count)
    words = _phrase_words(ctx, phrase)
    subject: str | None = None
    location: str | None = None
    span_end = number.end
    noun_phrase_tokens: Sequence[Token] = ()
    outcome = _outcome_after(ctx, after, np_end) if np_end < limit else None
    if outcome is None:
        outcome = _outcome_before(before)
    if words:
        span_end = phrase[-1].end
        noun_phrase_tokens = phrase
        head = " ".join(words[-3:])
        if (
            words[-1] in _CHANGE_WORDS
            and np_end + 1 < limit
            and after[np_end].lower in {"in", "of"}
        ):
            target, _ = _noun_phrase(ctx, after[np_end + 1 :], limit - np_end - 1)
            target_words = _phrase_words(ctx, target)
            head = (" ".join(target_words[-2:]) + " change") if target_words else head
        quantity = canonical_quantity(f"{head} {outcome}" if outcome else head)
    else:
        quantity, noun_phrase_tokens = _quantity_without_noun(
            ctx, before, clause, phrase, outcome, fallback_noun, dimension
        )
        if noun_phrase_tokens is phrase and phrase:
            span_end = phrase[-1].end

    # subject
    np_keys = [
        k
        for k in _entity_keys(ctx, noun_phrase_tokens)
        if ctx.kind(k) in (*_SUBJECT_KINDS, EntityKind.PERSON)
    ]
    if np_keys:
        subject = np_keys[0]
    if subject is None and np_end < limit and after[np_end].lower == "from":
        origin = _entity_keys(ctx, after[np_end + 1 : min(limit, np_end + 4)])
        if origin:
            subject = origin[0]
    if subject is None and before:
        m = ctx.mention_at(before[-1].start)
        if m is not None and before[-1].text.endswith(("'s", "’s")):
            subject = m.key
    possessive = [t.lower for t in after[:3] if t.lower in {"its", "their"}]
    if subject is None and possessive and after[0].lower == "of":
        subject = _actor(ctx, before)
    weak = False  # an actor read off the clause, not the counted noun itself
    if subject is None and dimension != "length":
        weak = True
        subject = _actor(ctx, clause) or _pronoun_source(ctx, clause)
        if subject is None:
            subject = previous_subject
        if subject is None:
            subject = paragraph_subjects.get(quantity)
        if subject is None:
            subject = focus_subject or _actor(ctx, before)

    # location
    tail = after[np_end:limit]
    cut = len(tail)
    for k, tok in enumerate(tail):
        if tok.text in {",", ";", "—", "(", ")"} or tok.lower in {"while", "but", "whereas"}:
            cut = k
            break
    places = [p for p in _places_after_preps(ctx, tail[: min(cut, 14)]) if p != subject]
    if not places:
        places = [p for p in _places_after_preps(ctx, clause) if p != subject]
        if not places and clause and clause[0].lower.endswith("ing"):
            places = _places_after_preps(ctx, before[:clause_lo])
    location = _most_specific(ctx, places)
    if location is None and dimension != "length":
        location = focus_place
    if weak and subject is not None and location is not None and ctx.contains(subject, location):
        # "an earthquake struck eastern Turkey, killing 1,200 people in Van": a place, not
        # the owner of the count
        subject = None

    # forecast
    forecast = any(t.lower in _FORECAST for t in before[-4:] if t.text.isalpha()) or any(
        t.lower in _FORECAST_VERBS for t in clause[-10:]
    )
    if not forecast:
        j = np_end
        while (
            j < limit
            and j - np_end < 4
            and after[j].lower
            in {"are", "is", "was", "were", "already", "now", "also", "soon", "reportedly", "that"}
        ):
            if (
                after[j].lower in {"is", "are", "was", "were"}
                and j + 2 < limit
                and (after[j + 1].lower == "set" and after[j + 2].lower == "to")
            ):
                forecast = True
            j += 1
        if j < limit and after[j].lower in _FORECAST:
            forecast = True
    return Reading(quantity, subject, location, span_end, forecast)
