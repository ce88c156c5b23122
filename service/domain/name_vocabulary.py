"""The vocabulary of names: the word lists that tell an organisation ("Ministry"), a place
("province", "in"/"near"), an event, a title or a date from other capitalised words, and which
lowercase words are ordinary English."""

from __future__ import annotations

from functools import cache
from importlib import resources

from service.domain.knowledge import common_words, name_word_lists

Token = tuple[int, int, str]


@cache
def lowercase_words() -> frozenset[str]:
    """Every word written in lowercase in English, name-like ones ("mark", "grant") included."""
    data = resources.files("service.domain.data").joinpath("name_like_words.txt")
    return common_words() | frozenset(data.read_text(encoding="utf-8").split())


def is_ordinary_word(word: str) -> bool:
    """A lowercase English word, a plural of one, or its British spelling ("organisers")."""
    words = lowercase_words()
    if word in words:
        return True
    american = word.replace("our", "or").replace("is", "iz").replace("ys", "yz")
    for form in (word, american):
        if form in words or (form.endswith("s") and (form[:-1] in words or form[:-2] in words)):
            return True
    return False


_VOCABULARY = name_word_lists()
# Organisation words of other languages that English copy keeps in names ("Cooperativas
# Agro-alimentarias", "Konfederasi Serikat Pekerja").
_FOREIGN_ORG_WORDS = """
    cooperativa cooperativas cooperative asociación asociacion associação associacao federación
    federacion confederación confederacion fédération federation confédération sindicato
    sindicatos syndicat instituto institut banco compañía compania sociedad société societe
    fundación fundacion fundação fundacao stiftung verband gesellschaft konfederasi serikat
    perusahaan badan lembaga ministerio ministério consejo conselho agencia agência
"""
FOREIGN_ORG_WORDS = frozenset(_FOREIGN_ORG_WORDS.split())
ORG_WORDS = _VOCABULARY["ORG_WORDS"] | FOREIGN_ORG_WORDS
PLACE_WORDS = _VOCABULARY["PLACE_WORDS"]
EVENT_WORDS = _VOCABULARY["EVENT_WORDS"]
OPENERS = _VOCABULARY["OPENERS"]
TITLE_WORDS = _VOCABULARY["TITLE_WORDS"]
REPORT_VERBS = _VOCABULARY["REPORT_VERBS"]
DATE_WORDS = _VOCABULARY["DATE_WORDS"]
CONNECTORS = _VOCABULARY["CONNECTORS"]
ABBREVIATIONS = _VOCABULARY["ABBREVIATIONS"]
PLACE_MODIFIERS = _VOCABULARY["PLACE_MODIFIERS"]
CORPORATE_SUFFIXES = _VOCABULARY["CORPORATE_SUFFIXES"]
COMPANY_WORDS = _VOCABULARY["COMPANY_WORDS"]
# "a slope above X", "rescued off Lampedusa": where, for a name nothing else classifies
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "at", "from", "outside", "across", "inside"}
    | {"above", "below", "beneath", "off", "around", "along", "beyond"}
)
# Lowercase words naming the kind of place a name before them is ("the Attica region").
AREA_WORDS = frozenset(
    {
        "region", "province", "state", "district", "county", "prefecture", "municipality",
        "governorate", "oblast", "island", "islands", "valley",
    }
)  # fmt: skip
PLACE_OPENERS = frozenset(("mount", "lake", "place", "fort", "cape", "gulf", "isle", "camp"))
# Written before a vessel's or company's name: "the MV Shapla", "PT Cahaya Warna" (Indonesia).
NAME_PREFIXES = frozenset(("mv", "ms", "mt", "ss", "hms", "uss", "ins", "rms", "fv", "pt", "cv"))
# Characters between two words that open a new sentence, a quote or a bracket (the outlet
# credited in a dateline: "(Harbour Line) - A fire ...").
_SENTENCE_BREAKS = frozenset('.!?:;\n"“”([—–')


def breaks_sentence(gap: str) -> bool:
    """Whether the text between two words holds a sentence break (a set test: it is asked
    for every name run, mostly of a space or two)."""
    return not _SENTENCE_BREAKS.isdisjoint(gap)


# Nouns of data whose maker follows "from"/"by": "industry data from Kantar", "a survey by
# Ipsos". Such a name is an organisation, not a place.
_DATA_NOUNS_TEXT = """
    data figures statistics survey surveys poll polls polling study research analysis
    estimates numbers report reports
"""
DATA_NOUNS = frozenset(_DATA_NOUNS_TEXT.split())
DATA_FROM = "data from"
