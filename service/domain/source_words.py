"""Word lists for finding sources: reporting verbs, the words a source phrase may hold or
stops at, and the heads that name no one. Kept apart from the reading logic in
`attribution` so the vocabulary can be reviewed (and extended) on its own.
"""

from __future__ import annotations

import re

from service.domain.number_words import word_trie


def word_set(words: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps long word lists readable)."""
    return frozenset(words.split())


REPORT_VERBS = (
    "said|says|say|told|tells|tell|noted|notes|noting|estimated|estimates|estimate|"
    "reported|announced|announces|assessed|assesses|assess|stated|confirmed|confirms|"
    "claimed|claims|indicated|indicates|suggested|suggests|suggest|suggesting|revised|"
    "believes|believe|believed|added|adding|warned|warns|warning|argued|argues|wrote|writes|"
    "tweeted|posted|acknowledged|admitted|insisted|explained|declared|predicted|predicts|"
    "projected|projects|forecast|forecasts|revealed|disclosed|showed|show|shows|found|"
    "concluded|pointed|saying|claiming|citing|put|puts|counted|recorded|registered|"
    "expects|expect|expected|calculated|reckons|thinks|[Aa]ccording to|quoted|cited|"
    "compiled|published|released|issued|provided|given|pledged|pledges|offered|offers|"
    "promised|promises|requested|requests|updated|corrected|raised|lowered|increased|reduced|"
    "lifted|upped|documented|logged|tallied|tallies|counts|verified|claim|report"
)
# Every word VERB matches ("[Aa]ccording to" spelled both ways): `VERB.fullmatch(w)` is
# `w in REPORT_VERB_WORDS`, a set lookup.
REPORT_VERB_WORDS = frozenset(
    w
    for verb in REPORT_VERBS.split("|")
    for w in ([verb] if verb[0] != "[" else [verb[1] + verb[4:], verb[2] + verb[4:]])
)
# The first words of VERB's matches: where `word_scan` tries it in a tokenised sentence.
REPORT_VERB_HEADS = frozenset(w.split()[0] for w in REPORT_VERB_WORDS)
# Factored by shared prefixes: a flat alternation of ~90 words is tried word by word.
VERB = re.compile(r"\b(?:" + word_trie(REPORT_VERB_WORDS) + r")\b")
PARTICIPLE_VERBS = frozenset(
    {"noting", "adding", "saying", "warning", "claiming", "citing", "suggesting"}
)
# Lower-case words that may sit inside a source phrase (titles, bodies, their modifiers).
NP_WORDS = word_set(
    """
    spokesman spokeswoman spokesperson spokespeople secretary press deputy minister ministry
    president vice prime official officials intelligence military defense defence foreign
    interior health general chief head director commander governor mayor senior top former
    department agency service services government authorities authority police army navy
    council office sources source unnamed anonymous local state federal national regional
    provincial officer aide adviser advisor envoy ambassador leader chairman chairwoman
    chair executive researchers scientists spokesmen reports report from of staff security
    emergency management disaster survey institute bureau committee commission board
    agencies administration cabinet parliament lawmakers diplomats diplomat analysts experts
    economists monitors monitor observers watchdog regulator regulators prosecutors
    prosecutor court judge analysis study report survey estimates data figures research poll
    polls assessment prefecture union unions
    """
)
# Words in a source phrase that make an entity-less phrase still name a speaking body/person.
# Words that end a source phrase read right to left.
NP_STOP = word_set(
    """
    the a an and or but nor that which who whom whose while when where as if than because
    has have had is are was were be been being will would could can may might must shall
    should do does did it its their his her our your my this these those there here not no
    in on at to into by with for over under after before since during about against between
    through without within among per also only just even still already now then so yet
    what how why both either neither each all some any most more less many much few
    """
)
SENTENCE_ADVERBS = word_set(
    """
    although though meanwhile however additionally moreover furthermore nonetheless
    nevertheless separately earlier later instead also still indeed asked
    """
)
# Heads of source phrases that name no one: the source stays unknown (or the outer one).
# Lowercase words inside a body's name: "the National Institute for Disaster Risk Management",
# "the Bureau of Meteorology", "the Ministry of Health and Social Care".
NAME_CONNECTORS = frozenset({"for", "of", "and"})
# Prepositions that place speakers ("doctors in Jajpur", "officials at the hospital").
LOCATIVE = frozenset({"in", "at", "near", "outside"})
GENERIC_SOURCES = word_set(
    """
    reports report analysis analyses estimates estimate figures figure data intelligence
    study studies research assessment assessments information evidence footage images
    documents statement statements claims claim findings numbers count counts results
    result toll
    """
)
# Nouns that end like adverbs: "the national supply agency", "the family's lawyer".
LY_NOUNS = frozenset(
    {"supply", "family", "assembly", "ally", "rally", "monopoly", "reply", "anomaly", "belly"}
    | {"jelly", "fly"}
)
# Words that describe data, not whose it is ("the official figure", "Preliminary figures").
DATA_ADJECTIVES = word_set(
    """
    official unofficial preliminary provisional final initial previous revised updated latest
    new recent fresh early partial separate first monthly weekly annual quarterly daily total
    """
)
SPEAKER_NOUNS = word_set(
    """
    official officials spokesman spokeswoman spokesperson spokespeople sources source
    authorities ministry police army government diplomats diplomat prosecutors lawmakers
    analysts experts economists monitors observers researchers scientists officer aide
    adviser advisor envoy ambassador regulator regulators agency department council
    """
)
# Skipped between the source phrase and its verb: auxiliaries, adverbs, "on Monday".
SKIP_BEFORE_VERB = word_set(
    """
    has have had also further then previously initially earlier later recently separately
    publicly reportedly repeatedly already last first has had on monday tuesday wednesday so far
    not never now still again
    thursday friday saturday sunday yesterday today
    average typically collectively jointly
    """
)
ARTICLES = frozenset({"the", "a", "an"})
LEADING_NOISE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:(?:official|preliminary|provisional|final|initial|revised|"
    r"updated|latest|new|industry|market|government|police)\s+)?"
    r"(?:reports?|statements?|estimates?|figures?|data)\s+"
    r"(?:from|by|of)\s+)?(?:(?:the|a|an)\s+)?(?:(?:country|nation|state|territory|enclave)['’]s\s+)?",
    re.IGNORECASE,
)
PRONOUNS_PERSON = frozenset({"he", "she"})
TRAILING_MARKS = frozenset({",", "”", '"', "’", "'"})
# Verbs that take a plain object when they are not reporting ("added 64,000 jobs").
OBJECT_VERBS = frozenset({"added", "adding", "found", "show", "shows", "showed"})
# Verbs of counting that are also plural nouns ("vote counts show"): a report only when a
# figure follows ("the institute now counts 61,500 displaced people").
COUNTING_VERBS = frozenset({"counts", "tallies"})
# Plural-subject verbs that are far more often nouns ("a claim", "the report"): a report only
# before "that" or a figure ("Union leaders claim 90% of members backed the strike").
NOUN_FIRST_VERBS = frozenset({"claim", "report"})
FIGURE_QUALIFIERS = word_set(
    "more than at least about some around nearly almost over roughly fewer less up to an a"
)
# Verbs of speech proper: a closing "..., X said" does not override them.
SPEECH = word_set(
    """
    said says told tells noted notes stated confirmed announced reported wrote writes added
    claimed estimated estimates assessed insisted declared warned revealed
    """
)
PRONOUNS_BODY = frozenset({"it", "they"})
PRONOUNS = frozenset({"i", "we", "you", "it", "they", "he", "she", "us", "them"})
MAX_SOURCE_TOKENS = 12
ORGANISATION_NOUNS = word_set(
    """
    company group firm chipmaker maker manufacturer retailer bank lender insurer carrier
    airline automaker carmaker operator producer giant conglomerate startup business
    corporation developer supplier utility drugmaker miner chain grocer supermarket
    provider biotech telecom telecoms pharma brokerage processor builder housebuilder
    homebuilder exporter distributor wholesaler
    """
)
# "show" reports when its subject is data ("UN data show 2.3 million displaced").
SHOW_VERBS = frozenset({"show", "shows", "showed", "suggest", "suggests", "indicate", "indicates"})
DATA_NOUNS = word_set(
    """
    data figures figure statistics estimates estimate records count counts tally survey
    polls poll numbers census
    """
)
# Nouns of a figure owned by its source ("the ministry's count of 310,000").
COUNT_NOUNS = word_set(
    """
    count figure figures estimate estimates tally claim toll projection forecast data
    numbers number calculation
    """
)
# "The agency said", "the organisation said": a definite noun for a body named before. Generic
# nouns fit any organisation; the others must be part of its name ("the ministry").
GENERIC_BODY_NOUNS = word_set("agency organisation organization charity body authority")
ANAPHORIC_NOUNS = GENERIC_BODY_NOUNS | word_set(
    "ministry department office service commission council bureau union institute centre "
    "center directorate observatory administration"
)
# Participles that name a source only with "by" ("figures released by the ministry", "the
# 29 given by police").
PASSIVE_ONLY = frozenset({"compiled", "released", "issued", "provided", "given"})
# Heads of a source phrase that speak for the body before them ("a ministry spokesman").
SPOKESPEOPLE = word_set(
    "spokesman spokeswoman spokesperson official officials source sources representative"
)
# "..., its head Agus Salim said": a possessive before a closing source names its body.
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
# Verbs that report a figure only when their object is one ("police raised the toll to 41",
# "the clerk corrected the number of victims to 1,285"), not "raised $5m" or "updated its app".
REVISING_VERBS = word_set("updated corrected raised lowered increased reduced lifted upped")
# Verbs of commitment: the one who pledges or asks a sum is its source ("the UK pledged £5
# million"), never a participle's agent ("the doses promised by the WHO arrived").
COMMITMENT_VERBS = word_set("pledged pledges offered offers promised promises requested requests")
