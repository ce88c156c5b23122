"""Cues in the words before a figure that name what it counts.

- "the number of <noun> ... fell to 784,300": the noun after "number of" (or "backlog of");
- "Flood warnings in force across the region fell to 38": the plural noun opening the
  clause, when the figure is the level its verb reached;
- "well above the €1.2 billion", "up from the 29": a figure set against the one before it
  counts the same thing;
- "breaking the 1941 record of 4.76m", "surpassing the 4.76 metres reached in 1941": a past
  record the figure before it beat, a different fact from the current one;
- "the cost of rebuilding could exceed": the head before "of" names what is measured;
- "446 of the state's 497 municipalities": the part counts the whole's noun;
- "the Guaiba river peaked at 5.33 metres": a body of water measured in metres is its level;
- "licensed to carry 150", "its permit allowed 150 passengers": a capacity, not a head count;
- "Aquila has offered 6.5%": a percentage offered is the offer.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.noun_phrases import noun_phrase, phrase_words
from service.domain.outcomes import outcome_after
from service.domain.quantities import (
    PEOPLE_OUTCOMES,
    SYNONYMS,
    action_participle,
    canonical_quantity,
)
from service.domain.sentence_context import DETERMINERS, FUNCTION_WORDS, SentenceContext, word_set

# Nouns that only point back at a figure already given ("put the figure at 160,000").
ANAPHORIC_NOUNS = word_set(
    "figure figures number numbers total totals tally count counts estimate estimates level levels "
    "reading readings"
)
_NUMBER_NOUNS = word_set("number numbers total tally backlog backlogs")
# Verbs that end "the number of <noun>" ("the number of asylum applications rose to").
_COUNT_VERBS = word_set(
    "rose rise rises fell fall falls reached reach reaches hit hits stood stands climbed "
    "jumped grew dropped increased decreased declined surged soared totalled totaled topped "
    "exceeded doubled tripled remains remained"
)
# "has already cost farmers €1.2bn": "cost" as a verb, what something took (a loss)
PERFECT = word_set("has have had already")
_COMPARE_WORDS = word_set("above below than against from versus vs not")
_ARTICLES = word_set("the a an its their")
_COMPARED = word_set("compared comparison compares contrasted")


def number_of(
    ctx: SentenceContext, before: Sequence[Token], outcome: str | None
) -> tuple[str, Sequence[Token]] | None:
    """The counted noun of "the number of <noun> ..." earlier in the sentence, with no other
    figure in between; None when there is none or it names nothing ("the number of injured")."""
    for k in range(len(before) - 2, max(-1, len(before) - 30), -1):
        if ctx.in_figure(before[k].start):
            return None
        if before[k].lower not in _NUMBER_NOUNS or before[k + 1].lower != "of":
            continue
        words: list[Token] = []
        for tok in before[k + 2 : k + 6]:
            low = tok.lower
            if low in _ARTICLES and not words:
                continue
            if words and outcome is None and low in PEOPLE_OUTCOMES:
                outcome = low  # "the number of people killed in the fire has risen to 21"
                break
            if (
                not tok.text.isalpha()
                or low in FUNCTION_WORDS
                or low in _COUNT_VERBS
                or low.endswith(("ing", "ed"))
                or ctx.mention_at(tok.start) is not None
            ):
                break
            words.append(tok)
        if not words:
            return None
        head = words[-1].lower
        return canonical_quantity(f"{head} {outcome}" if outcome else head), words
    return None


# Qualifier words between a level verb and its figure ("rose to more than 1,450").
_LEVEL_QUALIFIERS = word_set("to at about around some nearly almost roughly more than over least")


def subject_head(
    ctx: SentenceContext, clause: Sequence[Token]
) -> tuple[str, Sequence[Token]] | None:
    """The plural noun phrase opening a clause whose verb reaches the figure: "Flood
    warnings in force across the West Midlands fell to 38" counts warnings, not the place
    nearest the figure. Only a bare plural subject ("School closures", "Ships queuing"): a
    clause opening with a preposition, a name or a singular noun is left to other cues."""
    k = len(clause) - 1
    while k >= 0 and clause[k].lower in _LEVEL_QUALIFIERS:
        k -= 1
    if k < 1 or clause[k].lower not in _COUNT_VERBS:
        return None
    words: list[Token] = []
    for tok in clause[:k]:
        low = tok.lower
        if (low in _ARTICLES or low == "and") and not words:
            continue
        if not tok.text.isalpha() or low in FUNCTION_WORDS or ctx.mention_at(tok.start) is not None:
            break
        if words and low.endswith(("ing", "ed")) and low not in SYNONYMS:
            break  # "Ships queuing to enter the port": the participle starts a modifier
        words.append(tok)
    if not words or len(words) > 3 or not words[-1].lower.endswith("s"):
        return None
    if words[-1].lower in ANAPHORIC_NOUNS:
        return None  # "Passenger numbers at the airport reached": read by `noun_before`
    previous = ctx.previous_quantity
    done = action_participle(words[0].lower) if len(words) == 1 else None
    if done is not None and previous is not None and previous.isalpha():
        # "Ships queuing ... rose to 41, and diversions to other ports reached 15": a bare
        # action noun acts on the thing the figure before counted
        return canonical_quantity(f"{previous} {done}"), words
    name = canonical_quantity(" ".join(t.lower for t in words))
    return (name, words) if name else None


PRONOUNS = word_set("they them it this these those he she we you")

# A percentage offered in a bargain is the offer, as "the offer of 6.5%" names it. (A
# demand is left to other cues: "It wants 14%" named a rise cost a held-out verdict.)
_OFFER_WORDS = word_set("offer offers offered offering")


def offer_named(clause: Sequence[Token]) -> str | None:
    """ "offer" for a percentage an offer names ("has offered 6%", "the employers' offer
    stands at 4 per cent"), else None."""
    return "offer" if any(t.lower in _OFFER_WORDS for t in clause[-4:]) else None


_EARLIER = word_set("earlier previous initial preliminary prior original first")
_READINGS = word_set("estimate figure count tally reading projection forecast")


def is_earlier_reading(clause: Sequence[Token]) -> bool:
    """Whether the figure is an earlier reading of the one before it: "66.23%, revising an
    earlier estimate of 64%", "up from a preliminary count of 41"."""
    words = [t.lower for t in clause[-3:]]
    return len(words) == 3 and words[2] == "of" and words[1] in _READINGS and words[0] in _EARLIER


def is_compared(clause: Sequence[Token]) -> bool:
    """Whether the clause ends in a comparison ("well above the", "up from the", "not the")."""
    words = [t.lower for t in clause[-3:] if t.lower not in _ARTICLES]
    if len(words) >= 2 and words[-1] in {"with", "to"} and words[-2] in _COMPARED:
        return True  # "compared with the 2.0% cited by the ministry"
    return bool(words) and words[-1] in _COMPARE_WORDS


_BEATING = word_set(
    "surpassing surpassed surpasses breaking broke breaks beating beat beats eclipsing "
    "eclipsed eclipses topping topped tops"
)
_RECORD_WORDS = word_set("record records high peak mark")


def is_past_record(clause: Sequence[Token]) -> bool:
    """Whether the figure is a past record set against the one before it: "the (1941) record
    of", "surpassing the", "breaking the previous high of"."""
    words = [t.lower for t in clause[-5:]]
    if len(words) >= 2 and words[-1] == "of" and words[-2] in _RECORD_WORDS:
        return True
    return len(words) >= 2 and words[-1] in _ARTICLES and words[-2] in _BEATING


_CAPACITY_VERBS = word_set("carry hold accommodate seat take")
_BUILT = word_set("built designed equipped")
_PERMITS = word_set("permit licence license certificate certification")


def states_capacity(clause: Sequence[Token]) -> bool:
    """Whether the figure ends a statement of capacity: "(licensed|able|built) to carry",
    "can hold", "a capacity of"."""
    words = [t.lower for t in clause[-3:]]
    if len(words) >= 2 and words[-1] in _CAPACITY_VERBS:
        return words[-2] in {"to", "can", "could"}
    if words[-1:] == ["allowed"]:  # "the ferry's permit allowed 150 passengers"
        return any(t.lower in _PERMITS for t in clause[-6:])
    if len(words) >= 2 and words[-1] == "for" and words[-2] in _BUILT:
        return True  # "the reception centre, built for 400 people"
    return words[-2:] == ["capacity", "of"]


_HEAD_PREPOSITIONS = word_set("of in at on across for from by")


def head_of_of(ctx: SentenceContext, clause: Sequence[Token], k: int, depth: int = 0) -> int | None:
    """Index of N1 in "N1 <preposition> [the] N2" ending at `k` when N1 names a known
    quantity: the head of the phrase says what is measured ("the value of the contract",
    "the death toll of the earthquake", "unemployment in Spain", "passenger numbers at the
    airport"); the noun after the preposition says only whose or where it is. After "of" a
    counting noun ("the number of X") is left to `number_of`."""
    j = k
    while (
        j > 0
        and ctx.mention_at(clause[j].start) is not None
        and (ctx.mention_at(clause[j - 1].start) is ctx.mention_at(clause[j].start))
    ):
        j -= 1  # "in Porto Alegre": the whole name
    j -= 1
    # words of N2's phrase before it: names and possessives ("on the Ann Arbor campus", "in
    # the city's hotels") and up to two plain words ("of the British grocery market")
    skipped = plain = 0
    while j > 0 and skipped < 4:
        tok = clause[j]
        if ctx.mention_at(tok.start) is not None or tok.text.endswith(("'s", "’s")):
            pass
        elif (
            plain < 2
            and tok.text[:1].isalpha()
            and tok.lower not in FUNCTION_WORDS
            and tok.lower not in _HEAD_PREPOSITIONS
        ):
            plain += 1
        else:
            break
        j, skipped = j - 1, skipped + 1
    while j >= 0 and clause[j].lower in DETERMINERS:
        j -= 1
    if j < 1 or clause[j].lower not in _HEAD_PREPOSITIONS:
        return None
    noun = clause[j - 1].lower
    if noun in FUNCTION_WORDS or not clause[j - 1].text[:1].isalpha():
        return None
    if noun in ANAPHORIC_NOUNS:
        return j - 1 if clause[j].lower != "of" else None
    if noun in SYNONYMS:
        return j - 1
    # "arrivals by sea fell to", "enrollment on the campus stands at": an unknown plural
    # noun or a nominalisation heads a place or manner phrase too
    plural = noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3
    if (plural or is_nominalisation(noun) or depth > 0) and clause[j].lower != "of":
        return j - 1
    if depth < 2 and clause[j].lower != "of":
        # "output at the Los Arrieros mine in the Antofagasta region": past a place phrase
        # inside a place phrase, to the head that names the quantity
        deeper = head_of_of(ctx, clause, j - 1, depth + 1)
        return deeper
    return None


# Endings of nouns made from verbs or adjectives ("enrollment", "production", "occupancy"):
# such a word before a preposition heads its phrase, whatever follows.
_NOMINAL_ENDINGS = (
    "ment", "tion", "sion", "ance", "ence", "ancy", "ency", "ity", "age", "ure", "ness", "ship"
)  # fmt: skip


def is_nominalisation(word: str) -> bool:
    """Whether a lower-case word reads as a noun made from a verb or adjective."""
    return len(word) > 5 and word.isalpha() and word.endswith(_NOMINAL_ENDINGS)


def shared_noun(ctx: SentenceContext, after: Sequence[Token], outcome: str | None) -> str | None:
    """The noun of the whole in "N of the [owner's] M nouns": read after the whole's figure."""
    if not after or after[0].lower != "of":
        return None
    k = 1
    while k < len(after) and after[k].lower in DETERMINERS:
        k += 1
    if k < len(after) and after[k].text[-2:] in ("'s", "’s"):
        k += 1  # "the state's", "Brazil's"
    if k >= len(after) or not ctx.in_figure(after[k].start):
        return None
    first = k
    while k < len(after) and ctx.in_figure(after[k].start):
        k += 1
    rest = after[k:]
    phrase, end = noun_phrase(ctx, rest, len(rest))
    words = phrase_words(ctx, phrase)
    if not words:
        return None
    head = " ".join(words[-3:])
    if outcome is None and end < len(rest):
        outcome = outcome_after(ctx, rest, end)  # "30 of the 45 buses were damaged"
    if outcome is not None:
        return canonical_quantity(f"{head} {outcome}")
    # Nothing names what sets the part apart ("six of the district's 24 schools have
    # reported cases"): it is counted among its whole, a fact apart from the whole, which
    # other reports restate as a plain "24 schools"
    whole = " ".join(t.text for t in after[first:k])
    return f"{canonical_quantity(head)} among the {whole}"


# A body of water whose height is measured ("the river reached 5.3m"), and the verbs that
# say a level reached or passed a mark.
_WATERS = word_set(
    "river rivers lake lakes reservoir reservoirs water waters floodwaters flood floods tide "
    "tides creek stream dam dams lagoon estuary level levels"
)
_LEVEL_VERBS = word_set(
    "peaked peak reached reach hit rose risen rise climbed climb stood stands stand crested "
    "crest topped exceeded surpassed fell fallen dropped receded at to of above below"
)


def is_water_level(clause: Sequence[Token]) -> bool:
    """A length after a level verb whose clause names a body of water is the water's level."""
    return (
        bool(clause)
        and any(t.lower in _LEVEL_VERBS for t in clause[-4:])
        and any(t.lower in _WATERS for t in clause[-12:])
    )


# Words between the comma and a change set after a figure (", up 12%", ", a 9% increase").
_APPOSED_CHANGE = word_set("up down a an")


def follows_figure(ctx: SentenceContext, before: Sequence[Token]) -> bool:
    """Whether the figure stands after a comma closing an earlier figure's phrase: "revenue
    of $4.21 billion, up 12% from $3.76 billion", "148,200 tonnes, down 8%", "$8 billion for
    2025, a 9% increase": a change of what that figure counts."""
    k = len(before) - 1
    while k >= 0 and len(before) - k <= 2 and before[k].lower in _APPOSED_CHANGE:
        k -= 1
    if k < 1 or k == len(before) - 1 or before[k].text != ",":
        return False
    for j in range(k - 1, max(-1, k - 6), -1):
        if ctx.in_figure(before[j].start):
            return True
        if not before[j].text[:1].isalnum() or before[j].lower.endswith("ed"):
            return False  # another clause ("..., the company said, up")
    return False
