"""The noun phrase after a figure: the words that say what it counts.

"3,000 of its troops", "rounds of ammunition", "240 people spent the night": modifiers and
skipped words dropped, the head is the last word before a function word or a verb, and a lone
lower-case word after a count that cannot be a plural noun is a verb ("19 remain"). Read by
`counted`, which turns the words into a quantity.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.quantities import SYNONYMS, action_participle
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set
from service.domain.source_words import PRONOUNS

_MAX_NP = 7


# Plural nouns that do not end in "s": a one-word noun phrase after a count above one must
# be plural, so a singular-looking word there is a verb ("19 remain in custody").
_IRREGULAR_PLURALS = word_set(
    """
    people men women children police staff personnel aircraft sheep cattle feet teeth data
    media crew livestock poultry fish deer offspring clergy militia infantry cavalry youth
    """
)


# Participles without "-ed": a lone one after a figure is its verb, not its noun.
_IRREGULAR_PARTICIPLES = word_set(
    "set given taken held brought flown spent made paid seen found put kept left won shot "
    "struck sold built"
)


# Modifiers that never head a noun phrase.
_SKIP_MODIFIERS = word_set(
    """
    more additional extra new other further elite estimated total combined some further
    another fresh
    """
)


_OF_DETERMINERS = frozenset({"its", "their", "the", "his", "her", "our", "these", "those"})


# Nouns whose count is carried by the noun after "of" ("rounds of ammunition").
_PARTITIVES = word_set(
    """
    rounds round pieces tons tonnes kilograms pounds barrels gallons litres liters cubic
    units acres hectares square metres meters kilometres kilometers miles feet cases boxes
    bags sacks containers truckloads shipments batches mm cm millimetres millimeters
    centimetres centimeters inches metres meters
    """
)


# Verbs that end a noun phrase though they are not function words ("19 miners remain
# trapped", "3.2% remained above target").
_NP_STOP_VERBS = word_set(
    """
    remain remains remained stay stays stayed face faces faced need needs needed lack lacks
    lacked got get gets say says said warn warns late early overnight apiece alone higher
    lower brings bring brought takes leaves puts makes gives means marks
    sat took went came ran saw gave fell rose grew became began stood fled fought bought
    caught wrote drove flew ate slept chose sought met told sank broke spread swept tore
    drew instead again too though however meanwhile
    """
)


# Words after a lone "-ed" word that show it is a verb, not an adjective ("3.2% remained
# above target", "9,800 damaged in the quake").
_AFTER_VERB = word_set(
    "above below beyond under over higher lower steady unchanged flat positive negative"
)


_PERIOD_WORDS = frozenset({"year", "month", "quarter", "week", "day"})


def _is_comparison_basis(tokens: Sequence[Token], i: int, limit: int) -> bool:
    """ "year on year", "month-on-month", "year over year", "y/y" at `i`."""
    if i >= limit:
        return False
    words = tokens[i].lower.replace("-", " ").split()
    if len(words) == 3:  # one token: "year-on-year"
        return words[0] in _PERIOD_WORDS and words[1] in {"on", "over"} and words[2] == words[0]
    if tokens[i].lower not in _PERIOD_WORDS or i + 2 >= len(tokens):
        return False
    k = i + 1 + (tokens[i + 1].text == "-")
    if k + 1 >= len(tokens) or tokens[k].lower not in {"on", "over"}:
        return False
    k += 1 + (tokens[k + 1].text == "-")
    return k < len(tokens) and tokens[k].lower == tokens[i].lower


def noun_phrase(
    ctx: SentenceContext, tokens: Sequence[Token], limit: int, count: float | None = None
) -> tuple[list[Token], int]:
    """Noun phrase at the start of `tokens` (before index `limit`) and the index after it."""
    i = 0
    if i < limit and tokens[i].lower == "of":
        # "3,000 of its troops", "thousands of troops", "5% of voters"
        i += 1
        while i < limit and tokens[i].lower in _OF_DETERMINERS:
            i += 1
        owner = i < len(tokens) and tokens[i].text[-2:] in ("'s", "’s")
        whole = i + owner
        if whole < len(tokens) and ctx.in_figure(tokens[whole].start):
            # "3,000 of the airline's 4,200 flight attendants": the noun is the whole's,
            # read after its figure by `counted`
            return [], 0
    phrase: list[Token] = []
    if _is_comparison_basis(tokens, i, limit):
        return [], 0  # "8.7 per cent year on year": the basis of a change, nothing counted
    while i < limit and len(phrase) < _MAX_NP:
        tok = tokens[i]
        low = tok.lower
        if not tok.text[:1].isalpha():
            if tok.text == "-" and phrase:
                i += 1
                continue
            break
        if (low in FUNCTION_WORDS or low in _NP_STOP_VERBS or low in PRONOUNS) and ctx.mention_at(
            tok.start
        ) is None:
            break  # "the €48m they had sought": a pronoun opens the next clause
        if (
            not phrase
            and low.endswith("ed")
            and low not in SYNONYMS
            and not tok.text[:1].isupper()
            and (
                i + 1 >= limit
                or not tokens[i + 1].text[:1].isalpha()
                or tokens[i + 1].lower in FUNCTION_WORDS
                or tokens[i + 1].lower in _AFTER_VERB
            )
        ):
            break  # "3.2% remained above target", "9,800 damaged in": a verb, not a modifier
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
        if (
            phrase
            and phrase[-1].lower in SYNONYMS
            and low not in SYNONYMS
            and action_participle(low) is None
            and not tok.text[:1].isupper()
            and ctx.mention_at(tok.start) is None
        ):
            break  # "240 people spent the night" ("57 ship diversions": the action is the head)
        phrase.append(tok)
        i += 1
        if i < limit and tokens[i].lower == "of" and low in _PARTITIVES:
            # "rounds of ammunition": keep reading after "of"
            phrase.append(tokens[i])
            i += 1
    if (
        len(phrase) == 1
        and _looks_like_verb(ctx, phrase[0], count)
        and not (i < limit and tokens[i].lower == "of" and phrase[0].lower in _PARTITIVES)
    ):
        return [], 0
    return phrase, i


def _looks_like_verb(ctx: SentenceContext, tok: Token, count: float | None) -> bool:
    """A lone lower-case word after a count that cannot be its plural noun ("19 remain",
    "thousands marched")."""
    low = tok.lower
    if tok.text[:1].isupper() or low in SYNONYMS or ctx.mention_at(tok.start) is not None:
        return False
    if low.endswith("ed") or low in _IRREGULAR_PARTICIPLES:
        return True  # "the record of 7.9 metres set during Idai"
    return (
        count is not None
        and count > 1
        and not low.endswith("s")
        and low not in _IRREGULAR_PLURALS
        and not low.endswith(("ics", "ry"))
    )


def phrase_words(ctx: SentenceContext, phrase: Sequence[Token]) -> list[str]:
    """Lower-case words of a noun phrase without entity names and skipped modifiers."""
    words: list[str] = []
    for tok in phrase:
        if ctx.mention_at(tok.start) is not None or tok.lower in _SKIP_MODIFIERS:
            continue
        words.append(tok.lower)
    return words
