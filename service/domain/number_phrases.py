"""The words read around a figure by `numbers.find_numbers`.

The qualifier phrases (`QUALIFIER_PHRASES`: "more than", "up to", "an estimated" ...), change
verbs ("revised ... up to" is a target, not a bound), labels that make a number a name
("Section 427") and the words that decide whether a bare "one" or "half" counts anything.
"""

from __future__ import annotations

import re

from service.domain.model import Qualifier

_INTENSIFIERS = (
    "well",
    "just",
    "slightly",
    "far",
    "much",
    "a little",
    "a bit",
    "somewhat",
    "significantly",
    "considerably",
    "substantially",
    "marginally",
    "way",
)
_COMPARATIVES_UP = ("greater", "more", "higher", "larger", "bigger")
_COMPARATIVES_DOWN = ("less", "fewer", "lower", "smaller")


def _qualifier_phrases() -> dict[str, Qualifier | None]:
    more_than = [
        "more than", "over", "above", "exceeding", "exceeded", "exceeds", "exceed",
        "in excess of", "upwards of", "upward of", "greater than", "higher than",
        "larger than", "bigger than", "surpassed", "surpassing", "surpasses", "surpass",
        "topped", "topping", "tops", "passed", "passes", "passing", "crossed", "crosses",
        "crossing", "beyond", "north of", ">",
    ]  # fmt: skip
    at_least = [
        "at least", "at least or equal to", "no fewer than", "no less than", "not fewer than",
        "not less than", "a minimum of", "minimum of", "at a minimum", "as few as", "as low as",
        "as little as", "> =", "≥",
    ]  # fmt: skip
    at_most = [
        "up to", "upto", "as many as", "as much as", "as high as", "no more than",
        "not more than", "no greater than", "not greater than", "a maximum of", "maximum of",
        "at most", "at the most", "at a maximum of", "at maximum", "not exceeding", "< =", "≤",
    ]  # fmt: skip
    less_than = [
        "less than", "fewer than", "lower than", "smaller than", "under", "below", "shy of",
        "short of", "south of", "<",
    ]  # fmt: skip
    approx = [
        "about", "around", "roughly", "some", "nearly", "almost", "approximately", "approx",
        "approx.", "an estimated", "estimated", "close to", "circa", "~", "just about",
        "more or less", "somewhere around", "in the region of", "on the order of",
        "of the order of", "an approximate", "approximate",
    ]  # fmt: skip
    exact = ["exactly", "precisely", "equal to", "equals", "equals to", "equaling", "equaling to"]
    for word in _COMPARATIVES_UP:
        at_least += [f"{word} than or equal to", f"{word} or equal than", f"{word} or equal to"]
        at_least += [f"equal to or {word} than", f"equal or {word} than"]
    for word in _COMPARATIVES_DOWN:
        at_most += [f"{word} than or equal to", f"{word} or equal than", f"{word} or equal to"]
        at_most += [f"equal to or {word} than", f"equal or {word} than"]
    table: dict[str, Qualifier | None] = {}
    for phrases, qualifier in (
        (more_than, Qualifier.MORE_THAN),
        (less_than, Qualifier.LESS_THAN),
    ):
        for phrase in phrases:
            table[phrase] = qualifier
            if phrase[0].isalpha():
                for intensifier in _INTENSIFIERS:
                    table[f"{intensifier} {phrase}"] = qualifier
    for phrases, qualifier in (
        (at_least, Qualifier.AT_LEAST),
        (at_most, Qualifier.AT_MOST),
        (approx, Qualifier.APPROX),
        (exact, Qualifier.EXACT),
    ):
        table.update(dict.fromkeys(phrases, qualifier))
    # Symbol pairs that are not comparisons ("<>30", "=>30") block a shorter match.
    table.update(dict.fromkeys(["< >", "= >", "= <", "> <"]))
    return table


# Lower-cased phrase (words joined by one space) written before a figure -> its qualifier.
QUALIFIER_PHRASES: dict[str, Qualifier | None] = _qualifier_phrases()
QUALIFIER_MAX_WORDS = max(len(phrase.split()) for phrase in QUALIFIER_PHRASES)


# Words and patterns around figures, used by `numbers.find_numbers`.
CHANGE_UP = re.compile(
    r"(?i)\b(?:revis|rais|rose|risen|ris[ei]|increas|climb|jump|gr[eo]w|lift|push|boost|hik"
    r"|soar|surg|swell|swoll|bump|upp|expand|doubl|tripl)\w*\b"
)
CLAUSE_BREAK = re.compile(r"(?i)\b(?:that|which|who|whom|while|when|where|but|because|if)\b|[,:;]")
SENTENCE_END = re.compile(r"[.;!?\n]")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


CHANGE_WORDS = _word_set(
    "rose risen rise rises rising increased increase increases climbed climb jumped jump grew "
    "grown grow fell fallen fall falls dropped drop declined decreased slid slipped plunged "
    "soared surged gained cut cuts raised lowered revised up down reduced boosted lifted pushed "
    "hiked trimmed doubled tripled halved shrank shrunk expanded"
)
LABEL_WORDS = _word_set(
    "no. nos. no number article section sec. page pages p. pp. chapter route flight line platform "
    "gate room item episode season series level category phase stage grade version type model "
    "unit block building lot ward zone resolution paragraph clause rule amendment highway "
    "interstate tier round game day week vol. issue act bill code district precinct sector "
    "division region area camp station terminal runway exit lane class group proposition title "
    "case docket law apartment suite tower track road channel"
)
NOT_NAME_WORDS = frozenset(
    {w for phrase in QUALIFIER_PHRASES for w in phrase.split()}
    | _word_set(
        "a an the in on at of by for from to with since until till after before during and but or "
        "nor so yet as than all another those these only just least most almost some its their "
        "our his her its this that there here then when while where nearly about between among "
        "per each every both either killed kill kills sent send says said dies die hits hit "
        "reaches reach nears rises rise falls fall jumps climbs surges plunges injures injured "
        "displaces evacuates cuts adds add loses lose wins win raises sees has had have gets "
        "costs cost pays pay sells buys reports reported confirms confirmed yesterday today "
        "tomorrow overall altogether now meanwhile separately also still already previously "
        "earlier later currently recently nationwide worldwide however monday tuesday wednesday "
        "thursday friday saturday sunday january february march april may june july august "
        "september october november december"
    )
)
NOT_ONE_BEFORE = _word_set("no the this that any every each which someone anyone")
NOT_COUNTED_AFTER_ONE = _word_set(
    "of another who which that is was has had would could will can may might must should does did "
    "in on at for with from as by to and or but thought way day time point side hand more after "
    "such reason thing another's one's else"
)
FRACTION_FOLLOWERS = _word_set("of the and or to")
NOT_FRACTION_AFTER = _word_set(
    "in and first second third fourth last final next previous other the this that each every same "
    "latter former"
)
