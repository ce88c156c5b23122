"""Sentence segmentation with character offsets into the clean text.

Every line is segmented on its own: a line break always ends a sentence, so a headline, subhead or
caption without a full stop stays one span (flagged `is_heading`) and is never glued to the next
paragraph. Inside a line, candidate boundaries are found by one regex (terminal punctuation,
optional closing quotes/brackets, whitespace) and vetoed by dictionary checks: the next word
starts in lower case, or the token before the full stop is an abbreviation, an initial or a
dotted acronym (see `_is_boundary`). Decimals and "U.S.-led" never match because a boundary needs
whitespace after the punctuation.
"""

from __future__ import annotations

import re

import msgspec
from mypy_extensions import mypyc_attr


@mypyc_attr(native_class=False)
class SentenceSpan(msgspec.Struct, frozen=True, kw_only=True):
    """One sentence: `text == source[start:end]`; `is_heading` marks a line without terminal
    punctuation (headline, subhead, caption, byline)."""

    start: int
    end: int
    text: str
    is_heading: bool = False


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Terminal punctuation, closing quotes/brackets, then whitespace: a candidate boundary.
# Bounded and anchored at the start of a punctuation run, so a line of ten thousand dots stays
# linear. It opens with the character class (the check that no terminal mark comes before is a
# lookbehind after it) so the regex engine can skip ahead to terminal marks.
_CANDIDATE = re.compile(r"[.!?…](?<![.!?…].)[.!?…]{0,7}[\"'”’»)\]]{0,3}(?=\s)")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[]{0,3}(\S{1,40})")
# A list item's marker ("• ", "- ", "1. ", "2) ") is not part of its sentence, and an item is
# content even without a full stop ("• 9,800 people injured").
# The marks that open a list item (clean-up makes each the canonical "• ").
LIST_MARKS = "•*·▪‣◦–-"
_LIST_MARKER = re.compile(rf"\s{{0,3}}(?:[{LIST_MARKS}]|\d{{1,2}}[.)])\s+")
# At most four characters long and anchored at the end: searched in the last five only.
_ENDS_TERMINAL = re.compile(r"[.!?…:;,][\"'”’»)\]]{0,3}$")

# Never end a sentence: titles and abbreviations that are always followed by what they qualify.
_ALWAYS_JOIN = _word_set(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl adm cmdr brig rep sen gov pres rev
    fr hon supt insp det st mt ft no nos vs v cf al approx est fig figs vol pp art sec ch para
    dept univ assn messrs mme mlle sr jr"""
)
# End a sentence only when the next word is a typical sentence opener; otherwise they continue
# ("the U.S. Department", "Oct. 28", "8 a.m. local time").
_MAYBE_END = _word_set(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e u.s u.k u.n e.u u.s.a d.c"""
)
# Company suffixes and clock times also end a sentence before a capitalised word that a
# lower-case content word follows ("Acme Inc. Shares fell", "at 9 a.m. Crews arrived"), but not
# before a name or a date ("Acme Inc. Chief Executive", "8 p.m. Thursday").
_SUFFIX_OR_TIME = _word_set("inc ltd co corp plc llc bros etc am pm a.m p.m")
_NAME_GLUE = _word_set("of and for de du la le von van der & the")
_DAY_OR_MONTH = _word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december"""
)
_TWO_WORDS = re.compile(r"\s+[\"'“‘«(\[]{0,3}(\S{1,40})\s+(\S{1,40})")
_OPENERS = _word_set(
    """the a an he she it they we i you his her its their our this that these those there here
    but and or so yet however meanwhile in on at as after before when while if since although
    though despite according for from with without by during under over about some many most
    several few all no one two three four five officials police authorities separately also
    earlier later then now still what who why how where which"""
)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,6}$")


def _starts_clause(line: str, at: int) -> bool:
    """A capitalised word followed by a lower-case content word: "Shares fell", not "Chief
    Executive", "Department of" or a weekday."""
    words = _TWO_WORDS.match(line, at)
    if words is None:
        return False
    first, second = words.group(1), words.group(2)
    return (
        first[0].isupper()
        and first.lower().strip(",.;:") not in _DAY_OR_MONTH
        and second[0].islower()
        and second.strip(",.;:") not in _NAME_GLUE
    )


def _is_boundary(line: str, punct_start: int, punct_end: int) -> bool:
    """Decide whether the candidate punctuation at line[punct_start:punct_end] ends a sentence."""
    after = _NEXT_WORD.match(line, punct_end)
    if after is None:
        return True
    next_word = after.group(1)
    if line[after.start(1) - 1] == "(":  # tested first: the rest of a long line is not copied
        rest = line[after.start(1) - 1 :].rstrip()
        if rest.endswith(")") and rest.count("(") == 1:
            return False  # a trailing credit "(Reuters)" stays with its sentence
    first = next_word[0]
    if first.islower():
        return False  # "e.g. this", "“Why?” he asked", "...and so on"
    punct = line[punct_start:punct_end]
    if not punct.startswith(".") or punct.startswith(".."):
        return True  # ! ? … and ellipses before a capital end the sentence
    window = line[max(0, punct_start - 40) : punct_start]
    if not window or window[-1].isspace():
        return True
    token = window.split()[-1].lstrip("\"'“‘«([")
    if not token:
        return True
    bare = token.rstrip(".").lower()
    opener = next_word.strip("\"'“‘«(),.:;").lower() in _OPENERS
    if bare in _ALWAYS_JOIN:
        # "No." is an abbreviation only before a number ("No. 5"); "He said no. The ..." ends.
        return bare == "no" and not first.isdigit() and opener
    if bare in _SUFFIX_OR_TIME:
        return opener or _starts_clause(line, punct_end)
    if len(token) == 1 and token.isalpha() and token.isupper():
        return opener  # initial: "J. Smith", "Plan B. The ..."
    if _DOTTED_ACRONYM.match(token + "."):
        return opener  # "V.E.K. Madhushani", "the U.S. The ..."
    if bare in _MAYBE_END:
        return opener and not first.isdigit()
    return True


def _split_line(line: str, offset: int, out: list[SentenceSpan]) -> None:
    starts: list[tuple[int, int]] = []
    # A marker is the first character but for up to three spaces: most lines open otherwise.
    first = line.lstrip()[:1]
    opens_list = bool(first) and (first in LIST_MARKS or first.isdecimal())
    marker = _LIST_MARKER.match(line) if opens_list else None
    begin = marker.end() if marker else 0
    for match in _CANDIDATE.finditer(line):
        if _is_boundary(line, match.start(), match.end()):
            starts.append((begin, match.end()))
            begin = match.end()
    starts.append((begin, len(line)))
    spans = [(a, b) for a, b in starts if line[a:b].strip()]
    single = len(spans) == 1
    for a, b in spans:
        chunk = line[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        start = offset + a + lead
        heading = (
            single and marker is None and _ENDS_TERMINAL.search(body, max(0, len(body) - 5)) is None
        )
        out.append(SentenceSpan(start=start, end=start + len(body), text=body, is_heading=heading))


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split text into sentences with offsets into `text` (`text[s.start:s.end] == s.text`).

    Line breaks always end a sentence; a line without terminal punctuation is one span with
    `is_heading=True`, unless it is a list item (its marker is left out of the span).
    Abbreviations ("Dr.", "Gen.", "Oct. 28", "No. 5", "a.m."), initials ("J. Smith",
    "V.E.K. Madhushani"), dotted acronyms ("U.S.") and decimals do not end a sentence; quotes
    and brackets closing after the full stop stay with their sentence.
    """
    out: list[SentenceSpan] = []
    offset = 0
    for line in text.split("\n"):
        if line:
            _split_line(line, offset, out)
        offset += len(line) + 1
    return out
