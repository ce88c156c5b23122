"""The noun a figure measures when it stands after it: "revenue of $4.2bn", "turnout was
67%", "casualties at over 600,000", with "up 12%"/"fell by 3%" a change of it; and the nearest
known quantity noun before a figure ("the number of troops ... up to 10,000")."""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token, is_reporting_word
from service.domain.date_patterns import MONTH_INDEX, NUMBER_WORDS
from service.domain.quantities import (
    PEOPLE_OUTCOMES,
    PEOPLE_QUANTITIES,
    SYNONYMS,
    canonical_quantity,
    change_of,
)
from service.domain.quantity_cues import ANAPHORIC_NOUNS, head_of_of
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set
from service.domain.source_words import LY_NOUNS

# Nouns of a change after a figure: "a 4% rise in sales" is a change of sales.
CHANGE_WORDS = word_set(
    """
    increase rise drop fall decline jump gain cut growth reduction surge slump hike
    """
)

# Words that may stand between a noun and the figure it names ("revenue rose 12% to").
LINKING_WORDS = word_set(
    """
    of at to by was were is are be been stood stands stand reached hit totaled totalled totaling
    totalling amounted amounting came rose risen fell fallen climbed dropped increased
    decreased grew jumped slid declined gained lost up down surged plunged soared slipped
    sank shed advanced added put now nearly rise grow fall reach climb increase decrease
    expected forecast projected set likely seen estimated
    eased slowed accelerated widened narrowed dipped rebounded edged ticked
    drop spread spreading expanded expand could would may might will to record new high
    a an overnight already
    cut raised lowered revised reduced lifted trimmed corrected adjusted downgraded upgraded
    shrank shrunk shrink shrinks contracted
    unchanged steady averaged averages annual annualised annualized waned
    rises falls drops climbs jumps slides slips gains grows declines increases decreases
    surges plunges soars sinks eases dips reaches hits totals tops nears
    """
)  # "corn output was cut to 119 million tonnes": the revised noun names the figure


# The words that make a change a rise or a fall.
UP_WORDS = word_set(
    "up rose risen climbed increased grew gained jumped surged soared advanced rise grow "
    "climb increase gain jump accelerated widened rebounded expanded expand expands "
    "rises climbs increases gains jumps surges soars grows"
)
DOWN_WORDS = word_set(
    "down fell fallen dropped decreased declined slid slipped plunged sank fall drop decrease "
    "decline slide eased slowed narrowed dipped shrank shrunk shrink shrinks contracted waned "
    "falls drops declines decreases slides slips plunges sinks eases dips"
)


def known_noun_before(
    before: Sequence[Token], max_tokens: int, measure: bool = False, money: bool = False
) -> int | None:
    """Index in `before` of the nearest word naming a known quantity, scanning backwards
    (for a measure, never a verb: "captured 1,000 square kilometres" counts no prisoners;
    for a sum, never people: "victims were awarded €12.6m" is no count of victims)."""
    for k in range(len(before) - 1, max(-1, len(before) - 1 - max_tokens), -1):
        low = before[k].lower
        if measure and (low in PEOPLE_OUTCOMES or low.endswith("ed")):
            continue
        if money and SYNONYMS.get(low) in PEOPLE_QUANTITIES:
            continue
        if low in SYNONYMS and low not in FUNCTION_WORDS:
            if SYNONYMS[low] == "magnitude" and len(before) - k > 2:
                continue  # "the toll from the earthquake ... to 2,600": not its magnitude
            return k
    return None


# A stretch of time after the noun a figure measures ("the harvest this summer", "spending
# in this window", "exports last year"): the noun is before it.
_TIME_HEADS = word_set(
    "summer winter spring autumn fall year month week quarter half season window period term decade"
)
_TIME_DETERMINERS = word_set("this last next that the its")
_TIME_PREPOSITIONS = word_set("in during over for")


_AGO_UNITS = word_set("day days week weeks month months year years decade decades")


def _before_time_phrase(clause: Sequence[Token], k: int) -> int | None:
    """The index of the noun before a time phrase ending at `k` ("the harvest this summer",
    "turnout two years ago"), or None."""
    if clause[k].lower == "ago" and k >= 3 and clause[k - 1].lower in _AGO_UNITS:
        count = clause[k - 2]
        if count.lower in NUMBER_WORDS or count.text.isdigit():
            j = k - 3
            if clause[j].text[:1].isalpha() and clause[j].lower not in FUNCTION_WORDS:
                return j
        return None
    if clause[k].lower not in _TIME_HEADS or k < 2:
        return None
    j = k - 1
    if clause[j].lower not in _TIME_DETERMINERS:
        return None
    j -= 1
    if clause[j].lower in _TIME_PREPOSITIONS:
        j -= 1
    if j < 0 or not clause[j].text[:1].isalpha() or clause[j].lower in FUNCTION_WORDS:
        return None
    return j


_TIME_PREPOSITIONS_BEFORE = word_set("in during for")
_PERIOD_COMPARISONS = word_set("year-on-year month-on-month quarter-on-quarter week-on-week")


def _time_phrase_start(clause: Sequence[Token], k: int) -> int | None:
    """The index before a time phrase ending at `k` ("in September", "in March 2024",
    "year on year"), or None: "production fell 4.2% year on year in September to 431,000"
    counts production."""
    j = k
    tok = clause[j]
    if tok.text.isdigit() and len(tok.text) == 4 and tok.text[:2] in ("19", "20"):
        j -= 1  # "March 2024", "in 2024"
        if j >= 0 and clause[j].text[:1].isupper() and clause[j].lower.rstrip(".") in MONTH_INDEX:
            j -= 1
    elif tok.text[:1].isupper() and tok.lower.rstrip(".") in MONTH_INDEX:
        j -= 1
    elif tok.lower in _PERIOD_COMPARISONS:
        return j - 1
    elif j >= 2 and [t.lower for t in clause[j - 2 : j + 1]] == ["year", "on", "year"]:
        return j - 3
    else:
        return None
    if j >= 0 and clause[j].lower in _TIME_PREPOSITIONS_BEFORE:
        return j - 1
    return None  # a month or year not led in: "the September figure", "the 2024 budget"


_EXCLUDING = word_set("excluding including ex excl minus")


def _is_adverb(tok: Token) -> bool:
    """A manner adverb between a verb and its figure ("rose slightly to", "fell sharply by")."""
    word = tok.text
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in LY_NOUNS


def noun_before(
    ctx: SentenceContext, clause: Sequence[Token], dimension: str | None
) -> tuple[str | None, list[Token]]:
    """The noun a figure measures when it stands after it: "revenue of $4.2bn", "turnout was
    67%", "casualties at over 600,000"; with "up 12%"/"fell by 3%" a change of it."""
    k = len(clause) - 1
    change: str | None = None
    level = False
    skipped = 0  # tokens of time phrases walked over: they do not count against the reach
    while k >= 0 and len(clause) - k - skipped <= 8:
        before_time = _time_phrase_start(clause, k)
        if before_time is not None:
            skipped += k - before_time
            k = before_time
            continue
        if _is_adverb(clause[k]):
            skipped += 1  # "output rose slightly to 118,000 tons"
            k -= 1
            continue
        if not (clause[k].lower in LINKING_WORDS or ctx.in_figure(clause[k].start)):
            break
        if ctx.in_figure(clause[k].start):
            # "profit rose 12 per cent to $612m": an earlier figure links like a verb
            level = True
            k -= 1
            continue
        low = clause[k].lower
        if low in {"to", "at"} and (k == len(clause) - 1 or change is None):
            level = True  # "rose to a record $2,450": the level reached, not the change
        if not level and (low in UP_WORDS or low in DOWN_WORDS):
            change = "growth" if low in UP_WORDS else "decline"
        k -= 1
    if dimension not in ("ratio", "currency") and change_by(clause) is None:
        change = None  # a count is a change only after "rose by": "unemployment rose by 26,000"
    if k < 0 or k == len(clause) - 1 or not clause[k].text[:1].isalpha():
        return change, []  # no linking word: the word before is a verb ("took 33.8%")
    if k >= 2 and clause[k - 1].lower in _EXCLUDING and clause[k - 2].text[:1].isalpha():
        k -= 2  # "Sales excluding fuel reached £31.5bn": sales, less the fuel
    if (
        k >= 1
        and clause[k].lower.endswith("ing")
        and clause[k].lower not in SYNONYMS
        and clause[k].text.islower()
        and clause[k - 1].text[:1].isalpha()
    ):
        k -= 1  # "with Brent settling at $80.86": what settled, not the settling
    tok = clause[k]
    for _ in range(3):  # "the death toll from the earthquake in Van province": the toll
        if (head := head_of_of(ctx, clause, k)) is None:
            break
        k, tok = head, clause[head]  # "the cost of rebuilding could exceed": a cost
    if (reduced := _before_participle_phrase(ctx, clause, k)) is not None:
        k, tok = reduced, clause[reduced]  # "the budget approved alongside the rates totals"
    if (before_time := _before_time_phrase(clause, k)) is not None:
        k, tok = before_time, clause[before_time]  # "the harvest this summer is put at"
    if (
        tok.lower in ANAPHORIC_NOUNS
        and k > 0
        and clause[k - 1].text[:1].isalpha()
        and clause[k - 1].lower not in FUNCTION_WORDS
        and ctx.mention_at(clause[k - 1].start) is None
    ):
        k -= 1  # "passenger numbers ... to reach 5.6 million": passengers
        tok = clause[k]
    if (
        tok.lower in FUNCTION_WORDS
        or tok.lower in ANAPHORIC_NOUNS
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
            and prev.lower not in FUNCTION_WORDS
            and ctx.mention_at(prev.start) is None
        ):
            lo = k - 1
    words = " ".join(t.lower for t in clause[lo : k + 1])
    name = canonical_quantity(words)
    if change is not None:
        # "net profit rose 30%": profit growth ("said growth was 2%": no measure named)
        measure = [t.lower for t in clause[lo : k + 1] if not is_reporting_word(t.lower)]
        name = change_of(" ".join(measure), change)
    if lo > 0 and ctx.mention_at(clause[lo - 1].start) is not None:
        lo -= 1  # "Russian casualties at over 600,000": the name modifying the noun owns it
    return name, list(clause[lo : k + 1])


def _before_participle_phrase(ctx: SentenceContext, clause: Sequence[Token], k: int) -> int | None:
    """Index of the noun a participle phrase ending at `k` follows ("the general fund budget
    approved alongside the tuition rates", "warnings issued by the agency"): that noun heads
    the subject, the phrase only describes it; None when there is no such phrase."""
    for j in range(k - 1, max(0, k - 7), -1):
        low = clause[j].lower
        if not clause[j].text[:1].isalpha() or is_reporting_word(low):
            return None
        if low.endswith("ed") and low not in SYNONYMS and j + 1 < len(clause):
            if clause[j + 1].lower not in _PARTICIPLE_LINKS:
                return None
            noun = clause[j - 1]
            if (
                noun.text[:1].isalpha()
                and noun.lower not in FUNCTION_WORDS
                and not noun.lower.endswith("ed")
                and ctx.mention_at(noun.start) is None
            ):
                return j - 1
            return None
    return None


# Words that open a participle's complement ("approved alongside", "issued by").
_PARTICIPLE_LINKS = word_set("by alongside with for in on at from under over after before")


# Words between "rose by"/"fell by" and its figure ("fell by about 61,000").
_BY_QUALIFIERS = word_set(
    "about around nearly almost roughly some more than over at least just a further another"
)


def change_by(clause: Sequence[Token]) -> str | None:
    """ "growth" or "decline" when the figure ending `clause` follows a change verb and "by"
    ("fell by 61,000", "rose by more than 26,000"): the figure is the change, never the
    level reached ("rose to 2.97 million"); else None."""
    k = len(clause) - 1
    while k >= 0 and len(clause) - k <= 4 and clause[k].lower in _BY_QUALIFIERS:
        k -= 1
    if k < 1 or clause[k].lower != "by":
        return None
    verb = clause[k - 1].lower
    if verb in UP_WORDS:
        return "growth"
    return "decline" if verb in DOWN_WORDS else None
