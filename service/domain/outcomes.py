"""What happened to the counted things, read from the verbs and phrases around a figure.

- after the noun phrase, past auxiliaries ("have been", "remain", "were still") and a short
  place phrase ("residents of Piru were"): a verb form ("killed", "fled", "trapped", "shot
  down") or a phrase ("without power", "under evacuation orders", "alive from the rubble",
  "taken to the streets", "in hospital", "walked off the job", "joined the strike");
- before the figure: an active verb ("killing 300 people"; qualifiers such as "at least" may
  stand between, a bare "at" may not: "put damage at $1bn"), or a noun phrase naming the
  outcome ("evacuation orders for 4,000 residents", "knocking out power to 3 million homes").

The outcome names are the keys of `quantities.PEOPLE_OUTCOMES`/`THING_OUTCOMES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.domain.attribution import Token
from service.domain.sentence_context import FUNCTION_WORDS, SentenceContext, word_set


def word_table(table: str) -> dict[str, str]:
    """ "a: x y; b: z" -> {"x": "a", "y": "a", "z": "b"} (compact word tables)."""
    out: dict[str, str] = {}
    for group in table.split(";"):
        name, _, words = group.partition(":")
        out.update(dict.fromkeys(words.split(), name.strip()))
    return out


_AUXILIARIES = word_set(
    """
    have has had been be being was were is are also already reportedly allegedly now since
    then confirmed officially either remain remains remained still stay stayed feared
    believed thought presumed
    """
)


# Verb forms -> the outcome they report ("killing 300 people" counts deaths).
_OUTCOME_FORMS: dict[str, str] = word_table(
    "killed: kill kills killing killed; injured: injure injures injuring injured; "
    "wounded: wound wounds wounding wounded; evacuated: evacuate evacuating evacuated; "
    "destroyed: flattened razed levelled leveled; "
    "displaced: displace displacing displaced; destroyed: destroy destroying destroyed; "
    "damaged: damage damaging damaged; arrested: arrest arresting arrested; detained: "
    "detain detaining detained; rescued: rescue rescuing rescued saved; died: died; dead: dead; "
    "missing: missing; hurt: hurt; collapsed: collapsed; burned: burned burnt; infected: "
    "infected infecting; flooded: flooded; hospitalized: hospitalized hospitalised; fled: fled "
    "flee fleeing; trapped: trapped; vaccinated: vaccinated vaccinating vaccinate; captured: "
    "capture captures capturing captured; seized: seize seizes seizing seized; jailed: jailed; "
    "drowned: drowned; perished: perished; kidnapped: kidnapped abducted; employed: employ "
    "employs employed employing; protested: marched protested demonstrated rallied; "
    "sheltered: housed housing sheltered sheltering; intercepted: intercept intercepts "
    "intercepted intercepting downed; burned: scorched scorching charred; "
    "missing: unaccounted; "  # "41 were still unaccounted for"
    "dismissed: dismissed dismissing sacked sacking; striking: striking; "
    "cancelled: cancel cancels cancelling canceling cancelled canceled grounded; "
    "delayed: delayed; diverted: divert diverts diverting diverted; closed: closed shut"
)


_PHRASE_OUTCOMES = (
    "destroyed",
    "power",
    "displaced",
    "rescued",
    "hospitalized",
    "infected",
    "intercepted",
    "protested",
    "voters",
    "evacuated",
    "warned",
    "dismissed",
    "striking",
)
# Outcomes named by the words right before a figure: "evacuation orders for 4,000
# residents", "knocking out power to 3 million homes".
_NOMINAL_OUTCOME = re.compile(
    r"\b(?:(?P<evacuated>evacuation\s+(?:orders?|warnings?|notices?)\s+(?:for|covering|"
    r"affecting))|(?P<power>(?:knock(?:ed|ing|s)?\s+out|cut(?:ting|s)?\s+off|cut(?:ting|s)?|"
    r"lost|restored)\s+(?:the\s+)?(?:power|electricity)\s+(?:to|for|at)|(?:power|electricity)\s+"
    r"(?:was|were|has\s+been|had\s+been|is)\s+(?:cut|knocked\s+out|lost)\s+(?:off\s+)?"
    r"(?:to|for|at|in)))\s+"
    r"(?:about|some|around|nearly|roughly|more\s+than|at\s+least|over|another)?\s*$",
    re.IGNORECASE,
)


# An order ended, not given: the people it covered go home ("lifted evacuation orders for").
_LIFTED = re.compile(r"\b(?:lift|lifts|lifted|lifting|rescind(?:s|ed|ing)?)\s+(?:the\s+)?$", re.I)


def nominal_outcome_before(ctx: SentenceContext, start: int) -> str | None:
    """An outcome named by a noun phrase right before the figure ("evacuation orders for
    about 4,000 residents" counts people evacuated; "knocking out power to 3 million homes"
    counts outages)."""
    window = ctx.text[max(ctx.start, start - 60) : start]
    found = _NOMINAL_OUTCOME.search(window)
    if found is None:
        return None
    if _LIFTED.search(window[: found.start()]):
        return None  # "lifted evacuation orders for about 4,000 residents": let back home
    return "evacuated" if found.group("evacuated") else "without power"


_CASUALTY_TAIL = re.compile(
    r"\s*(?:(?:killed|dead)\s*(?:,|or|and|and/or)\s*(?:wounded|injured)"
    r"|(?:wounded|injured)\s*(?:,|or|and|and/or)\s*(?:killed|dead))\b"
)


# Outcomes written as phrases: "reduced to ash", "suffered minor injuries", "were without
# power", "forced from their homes", "pulled alive from the rubble".
_OUTCOME_PHRASE = re.compile(
    r"(?:(?P<destroyed>reduced\s+to\s+(?:ash|ashes|rubble)|burned\s+down|razed|levelled|"
    r"leveled|washed\s+away|swept\s+away|gutted)|(?P<intercepted>shot\s+down|downed)|(?P<power>(?:left\s+)?without\s+(?:power|electricity)|lost\s+(?:power|"
    r"electricity))|(?P<displaced>(?:forced|driven)\s+(?:out\s+)?from\s+(?:their\s+)?homes|"
    r"from\s+their\s+homes|left\s+homeless|to\s+flee)|(?P<rescued>(?:alive\s+)?from\s+(?:the\s+)?"
    r"(?:rubble|debris|wreckage|ruins|floodwaters?)|alive\b)"
    r"|(?P<hospitalized>in\s+(?:the\s+)?hospitals?\b|(?:being\s+)?treated\s+in\s+hospitals?"
    r"|(?:admitted|taken|rushed|airlifted)\s+to\s+(?:the\s+|a\s+)?hospitals?\b)"
    r"|(?P<infected>tested\s+positive)"
    r"|(?P<striking>walked\s+(?:out|off\s+the\s+job)|(?:went\s+)?on\s+strike|(?:joined|"
    r"(?:took|taken|take|taking)\s+part\s+in|participated\s+in|staged)\s+(?:the\s+|a\s+)?"
    r"(?:[\w-]+\s+)?(?:strike|stoppage|walkout|walk-out)|(?:stopped|downed)\s+(?:work|tools))"
    r"|(?P<protested>(?:took|taken|take|taking)\s+(?:to\s+the\s+streets|part))"
    r"|(?P<voters>(?:eligible|registered)\s+to\s+vote)"
    r"|(?P<evacuated>(?:(?:ordered|forced|told)\s+)?to\s+(?:evacuate|leave\s+their\s+homes)"
    r"|(?:ordered|told)\s+to\s+flee|under\s+(?:mandatory\s+)?(?:evacuation\s+)?orders?)"
    r"|(?P<warned>under\s+(?:an?\s+)?evacuation\s+(?:warnings?|advisory|advisories))"
    r"|(?P<dismissed>(?:being\s+)?laid\s+off|(?:would\s+|will\s+|to\s+)?(?:lose|lost|losing)\s+"
    r"(?:their\s+)?jobs)"
    r"|(?:suffered|sustained)\s+(?:\w+\s+)?(?:injuries|wounds))",
    re.IGNORECASE,
)
# The first two letters of every phrase `_OUTCOME_PHRASE` matches, lowercased. Most words
# after a noun phrase open none, and a failed match costs some forty alternatives (sre
# skips none at its first letter: they are IGNORECASE literals). A text opening with other
# ASCII letters cannot match; one opening with other characters is matched (IGNORECASE
# folds "ſ", "ı", "İ" to ASCII letters).
_PHRASE_OPENINGS = word_set(
    "ad ai al be bu do dr el fo fr gu in jo la le lo on or pa ra re ru sh st su sw ta te to tr "
    "un wa we wi wo"
)


def _outcome_phrase(tail: str) -> re.Match[str] | None:
    opening = tail[:2]
    if opening.isascii() and opening.lower() not in _PHRASE_OPENINGS:
        return None
    return _OUTCOME_PHRASE.match(tail)


def outcome_after(ctx: SentenceContext, tokens: Sequence[Token], i: int) -> str | None:
    """Outcome in the verb group after a noun phrase: "have been confirmed killed"."""
    j = i
    if j + 1 < len(tokens) and tokens[j].lower in {"of", "in", "from", "at", "near"}:
        # "3,000 residents of Piru were under evacuation warnings", "of the valley were":
        # past a short place phrase to its verb group
        k = j + 1
        while (
            k < len(tokens)
            and k - j <= 4
            and tokens[k].text[:1].isalpha()
            and (tokens[k].lower in {"the", "a"} or tokens[k].lower not in FUNCTION_WORDS)
            and tokens[k].lower not in _AUXILIARIES
        ):
            k += 1
        if k < len(tokens) and k > j + 1 and tokens[k].lower in _AUXILIARIES:
            j = k
    k = j
    while j < len(tokens) and j - k < 5 and tokens[j].lower in _AUXILIARIES:
        j += 1
    if j >= len(tokens):
        return None
    tail = ctx.text[tokens[j].start : tokens[j].start + 40]
    if _CASUALTY_TAIL.match(tail):
        return "killed or wounded"
    phrase = _outcome_phrase(tail)
    if phrase is not None:
        for name in _PHRASE_OUTCOMES:
            if phrase.group(name):
                return "without power" if name == "power" else name
        return "injured"
    return _OUTCOME_FORMS.get(tokens[j].lower)


_APPROX_WORDS = word_set("least some about around nearly over almost roughly more than another")


_LAY = word_set("lay lays laying laid")


def outcome_before(before: Sequence[Token]) -> str | None:
    """An active verb right before the figure: "killing 300 people", "destroyed 500 homes";
    qualifier words ("at least", "nearly") may stand between, a bare "at" may not ("put
    damage at $1bn": the noun there is no verb)."""
    tail = before[-4:]
    if len(tail) > 1 and tail[-1].lower == "off" and tail[-2].lower in _LAY:
        return "dismissed"  # "laid off 300 workers"
    for k in range(len(tail) - 1, -1, -1):
        tok = tail[k]
        if tok.lower in _OUTCOME_FORMS:
            return _OUTCOME_FORMS[tok.lower]
        at_least = tok.lower == "at" and k + 1 < len(tail) and tail[k + 1].lower == "least"
        if tok.lower not in _APPROX_WORDS and not at_least:
            break
    return None
