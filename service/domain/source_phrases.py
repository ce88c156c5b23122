"""Source phrases: the tokens of a sentence, the noun phrase a reporting verb names as its
source, and what that phrase resolves to (see `attribution` for the reading of verbs).

A phrase is read right to left from its verb over capitalised words, entity mentions and a closed
list of title and institution words, skipping one comma-delimited appositive; or left to right
after "according to", "said" and a participle's "by". `resolve_phrase` turns it into a display
name and the keys of the person or body it names.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.domain.source_words import (
    ARTICLES,
    COUNT_NOUNS,
    DATA_ADJECTIVES,
    GENERIC_SOURCES,
    LOCATIVE,
    LY_NOUNS,
    MAX_SOURCE_TOKENS,
    NAME_CONNECTORS,
    NP_STOP,
    NP_WORDS,
    ORGANISATION_NOUNS,
    POSSESSIVE_PRONOUNS,
    REPORT_VERB_WORDS,
    SENTENCE_ADVERBS,
    SKIP_BEFORE_VERB,
    SPEAKER_NOUNS,
    SPOKESPEOPLE,
    word_set,
)

# Tokens an appositive may span ("AKUT, a volunteer rescue association whose teams ..., said").
_MAX_APPOSITIVE = 30
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "who", "which", "whose", "its", "his", "her"})


class Token:
    """One token with absolute offsets; `lower` drops a possessive "'s". A plain class, not a
    named tuple: compiled, it is a C struct, several times cheaper to build than a tuple."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, lower: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of `text[start:end]` with offsets into `text`: dotted abbreviations ("U.S."),
    ASCII words joined by apostrophes and hyphens ("Kopex's", "full-year"), numbers with their
    separators ("160,000", "4.5"), single punctuation characters. Whitespace and the other word
    characters (accented letters, "_") only separate tokens."""
    # One pass over the code points, compiled: cheaper than a regex match and the objects of a
    # split for every token, the costliest part of reading a sentence's sources.
    tokens: list[Token] = []
    i = start
    while i < end:
        c = ord(text[i])
        k = i + 1
        if _is_letter(c):
            cased = c <= 90
            apostrophe = -1
            if k < end and text[k] == ".":  # "U.S.": letter-dot pairs after the first
                j = k + 1
                while j + 1 < end and _is_letter(ord(text[j])) and text[j + 1] == ".":
                    cased = cased or ord(text[j]) <= 90
                    j += 2
                if j > k + 1:
                    k = j
            else:
                while k < end:
                    c = ord(text[k])
                    if 97 <= c <= 122:
                        k += 1
                    elif 65 <= c <= 90:
                        cased = True
                        k += 1
                    elif (c == 39 or c == 8217 or c == 45) and k + 1 < end:
                        if not _is_letter(ord(text[k + 1])):
                            break  # a hyphen or apostrophe only joins letters
                        if c != 45:
                            apostrophe = k
                        k += 1
                    else:
                        break
            word = text[i:k]
            lower = word.lower() if cased else word
            if apostrophe > i and apostrophe == k - 2 and text[k - 1] in "sS":
                lower = lower[:-2]  # "the company's"
        elif _is_digit(text, i, c):
            while k < end and _is_digit(text, k, ord(text[k])):
                k += 1
            while (
                k + 1 < end
                and (text[k] == "," or text[k] == ".")
                and _is_digit(text, k + 1, ord(text[k + 1]))
            ):
                k += 2
                while k < end and _is_digit(text, k, ord(text[k])):
                    k += 1
            word = text[i:k]
            lower = word  # digits have no case
        elif _is_punctuation(text, i, c):
            word = text[i:k]
            lower = word if c < 128 else word.lower()
        else:
            i = k
            continue
        tokens.append(Token(i, k, word, lower))
        i = k
    return tokens


def _is_letter(c: int) -> bool:
    """An ASCII letter's code point: the letters words are made of."""
    return 97 <= c <= 122 or 65 <= c <= 90


def _is_digit(text: str, i: int, c: int) -> bool:
    """Whether `text[i]` (code point `c`) is a decimal digit, in any script."""
    return 48 <= c <= 57 or (c > 127 and text[i].isdecimal())


def _is_punctuation(text: str, i: int, c: int) -> bool:
    """Whether `text[i]` (code point `c`, not an ASCII letter or digit) is a token by itself:
    neither a word character nor whitespace."""
    if c < 128:
        return not (c == 32 or c == 95 or 9 <= c <= 13 or 28 <= c <= 31)
    ch = text[i]
    return not (ch.isalnum() or ch.isspace())


def _in_np(token: Token, covered: set[int]) -> bool:
    """Whether a token can belong to a source phrase: names, titles and plain nouns, not
    function words, reporting verbs, adverbs or numbers."""
    if token.start in covered or token.lower in NP_WORDS:
        return True
    low = token.lower
    if low in NP_STOP or low in SENTENCE_ADVERBS:
        return False  # "Although ...", "While ...", "Meanwhile, ..."
    first = token.text[0]
    if first.isupper():
        return True
    return (
        first.isalpha()
        and "." not in low
        and low not in NP_STOP
        and (not low.endswith(("ly", "ed")) or low in LY_NOUNS)
        and low not in REPORT_VERB_WORDS
    )


def _opens_appositive(token: Token) -> bool:
    """A noun phrase or a relative clause about the source opens here ("a professor at",
    "who leads"), not a prepositional clause ("in which the state holds")."""
    return token.lower in _APPOSITIVE_OPENERS or token.lower not in NP_STOP


def source_span_before(tokens: Sequence[Token], idx: int, covered: set[int]) -> tuple[int, int]:
    """Index range [lo, hi) of the source phrase ending at or before token `idx`."""
    while idx >= 0 and tokens[idx].lower in SKIP_BEFORE_VERB:
        idx -= 1
    if idx >= 3 and tokens[idx].text == ")" and tokens[idx - 2].text == "(":
        idx -= 3  # "the National Disaster Management Authority (NDMA) said"
    if idx >= 0 and tokens[idx].text == ",":
        # One appositive: "Tetiana Hranchak, a professor at ..., noted".
        j = idx - 1
        while j >= 0 and idx - j <= _MAX_APPOSITIVE and tokens[j].text not in {",", "“", '"', "”"}:
            j -= 1
        if j >= 0 and tokens[j].text == "," and _opens_appositive(tokens[j + 1]):
            appositive = tokens[j + 1 : idx]
            if (
                j >= 1
                and appositive
                and all(t.start in covered or t.text[:1].isupper() for t in appositive)
                and tokens[j - 1].text[:1].islower()
                and tokens[j - 1].start not in covered
            ):
                # "the mine's operator, Kopex, said": the name in apposition speaks
                return (j + 1, idx)
            idx = j - 1
        else:
            return (idx + 1, idx + 1)
    hi = idx + 1
    lo = hi
    while idx >= 0 and hi - idx <= MAX_SOURCE_TOKENS:
        tok = tokens[idx]
        if tok.lower in ARTICLES and _article_in_a_name(tokens, idx, lo):
            lo, idx = idx - 1, idx - 2  # "the National Agency for the Safety of Medicines"
            continue
        if tok.lower in ARTICLES:
            lo = idx
            break
        if tok.text == "-" or _in_np(tok, covered) or _joins_a_name(tokens, idx, lo, hi):
            lo = idx
            idx -= 1
            continue
        break
    while lo < hi and tokens[lo].lower in {"of", "from", "-"}:
        lo += 1
    lo = _anonymous_source_start(tokens, lo, covered)
    for _ in range(2):
        # "Doctors at the district hospital in Jajpur said": a place after a locative
        # preposition ends the speaker's phrase, it is not the speaker; "a spokesman for
        # the railway said": the spokesman speaks for it
        if lo < 2 or lo == hi:
            break
        prep = tokens[lo - 1].lower
        if prep not in LOCATIVE and not (
            prep in {"for", "of"} and tokens[lo - 2].lower in SPOKESPEOPLE
        ):
            break
        j = lo - 2
        start = j + 1
        while j >= 0 and start - j <= MAX_SOURCE_TOKENS:
            tok = tokens[j]
            if tok.lower in ARTICLES:
                start = j
                break
            if _in_np(tok, covered):
                start = j
                j -= 1
                continue
            break
        if start > lo - 2:
            break
        lo = start
    return (lo, hi)


def _article_in_a_name(tokens: Sequence[Token], idx: int, lo: int) -> bool:
    """Whether the article at `idx` sits inside a name after its joining word: "the National
    Agency for the Safety of Medicines", "the Office of the High Commissioner"."""
    return (
        idx >= 2
        and lo == idx + 1
        and tokens[lo].text[:1].isupper()
        and tokens[idx - 1].text in NAME_CONNECTORS
        and tokens[idx - 2].text[:1].isupper()
        and tokens[idx - 2].lower not in NP_STOP
        and tokens[idx - 2].lower not in SENTENCE_ADVERBS
    )


def _joins_a_name(tokens: Sequence[Token], idx: int, lo: int, hi: int) -> bool:
    """Whether token `idx` joins two capitalised words of one name: the phrase so far
    (`lo`..`hi`) opens with a capital and the word before `idx` is capitalised too."""
    if tokens[idx].text not in NAME_CONNECTORS or lo >= hi or idx < 1:
        return False
    after, before = tokens[lo], tokens[idx - 1]
    return (
        lo == idx + 1
        and after.text[:1].isupper()
        and before.text[:1].isupper()
        and before.lower not in NP_STOP
        and before.lower not in SENTENCE_ADVERBS
    )


# "people familiar with the matter", "sources close to the club", "a person briefed on the
# talks": the speakers are the people, the matter only says what they know.
_KNOWING = {"familiar": "with", "close": "to", "briefed": "on", "knowledgeable": "about"}
_ANONYMOUS_HEADS = frozenset({"people", "person", "persons", "sources", "source", "officials"})


def _anonymous_source_start(tokens: Sequence[Token], lo: int, covered: set[int]) -> int:
    """The start of "people familiar with" when the phrase at `lo` is what they know."""
    if lo < 3 or _KNOWING.get(tokens[lo - 2].lower) != tokens[lo - 1].lower:
        return lo
    j = lo - 3
    if tokens[j].lower not in _ANONYMOUS_HEADS and not _in_np(tokens[j], covered):
        return lo
    while (
        j > 0
        and lo - j < MAX_SOURCE_TOKENS
        and (tokens[j - 1].lower in ARTICLES or _in_np(tokens[j - 1], covered))
    ):
        j -= 1
    return j


def source_span_after(tokens: Sequence[Token], idx: int, covered: set[int]) -> tuple[int, int]:
    """Index range of the source phrase starting at token `idx` ("according to X", "said X")."""
    lo = idx
    while lo < len(tokens) and tokens[lo].lower in ARTICLES:
        lo += 1
    hi = lo
    while hi < len(tokens) and hi - lo < MAX_SOURCE_TOKENS:
        tok = tokens[hi]
        if (
            tok.lower in {"from", "by"}
            and hi > lo
            and tokens[hi - 1].lower in GENERIC_SOURCES
            and all(t.lower in GENERIC_SOURCES or t.lower in DATA_ADJECTIVES for t in tokens[lo:hi])
        ):
            # "according to (provisional) data from the UN refugee agency": whoever the data
            # is from
            hi += 1
            while hi < len(tokens) and tokens[hi].lower in ARTICLES:
                hi += 1
            continue
        if tok.text == "-" or (tok.lower not in {"that"} and _in_np(tok, covered)):
            hi += 1
            continue
        break
    while hi > lo and tokens[hi - 1].lower in _DANGLING:
        hi -= 1  # "according to a study of more than 160,000 adults": the study
    return (lo, hi)


# Words a source phrase cannot end with: what followed them was no part of a name.
_DANGLING = frozenset({"of", "for", "in", "on", "at", "and", "&"})


_BY_GAP = frozenset({"overnight", "today", "yesterday", "earlier", "later", "late", "jointly"})


def by_after(tokens: Sequence[Token], i: int) -> int:
    """Index of the "by" after the participle at `i` ("reported by", "published overnight
    by"), else -1."""
    for j in (i + 1, i + 2):
        if j >= len(tokens):
            return -1
        if tokens[j].lower == "by":
            return j
        if tokens[j].lower not in _BY_GAP and not tokens[j].lower.endswith("ly"):
            return -1
    return -1


def names_someone(tokens: Sequence[Token], lo: int, hi: int, first: int, covered: set[int]) -> bool:
    """Whether a source phrase `tokens[lo:hi]` read after its verb names someone: a name, a
    title ("said police spokesman Jean Dupont"), or a noun after an article ("said the
    ministry"), not a clause ("said revenue rose")."""
    if hi < len(tokens) and tokens[hi].lower in _CLAUSE_VERBS:
        return False  # "said the risk level had been 4": the subject of a reported clause
    return (
        (lo > first and tokens[lo - 1].lower in ARTICLES)
        or any(t.start in covered or t.text[:1].isupper() for t in tokens[lo:hi])
        or tokens[hi - 1].lower in SPEAKER_NOUNS
    )


# Finite verbs that make the words before them a clause's subject, not a speaker's name.
_CLAUSE_VERBS = word_set(
    "is are was were has have had will would could can may might must should rose fell "
    "stood reached remained climbed jumped dropped increased decreased"
)


def is_organisation_reference(name: str | None) -> bool:
    """True for a source named only by a common noun for a company ("the company", "the
    U.S. chipmaker", "the California-based group")."""
    if not name:
        return False
    head = name.split()[-1].lower().strip("'’s")
    return head in ORGANISATION_NOUNS or name.lower().endswith(("company's", "group's"))


def is_reporting_word(word: str) -> bool:
    """True for a lower-case reporting verb form ("said", "estimates", "noting")."""
    return word in REPORT_VERB_WORDS


def opens_own_clause(tokens: Sequence[Token], lo: int) -> bool:
    """A source phrase at `lo` opening a clause of its own ("..., while organisers put it at
    60,000"; "...; the union counted"): its own source, not what the sentence's speaker
    reports."""
    if lo <= 0:
        return False
    before = tokens[lo - 1]
    if before.text == ";":
        return True
    return before.lower in {"while", "whereas", "but"} and lo >= 2 and tokens[lo - 2].text == ","


# Report verbs that are also nouns of a figure ("its profit forecast", "their estimates").
NOUN_LIKE_VERBS = frozenset(
    {"forecast", "forecasts", "estimate", "estimates", "projects", "claims", "offers", "pledges"}
)
_NOUN_REACH = 4


def after_possessive(tokens: Sequence[Token], i: int, covered: set[int]) -> bool:
    """Whether the word at `i` is a noun: it ends a noun phrase a possessive pronoun opens
    ("raised its full-year profit forecast to": lowercase words, no name, back to "its" or
    "their"), or nothing follows it in its clause ("misses estimates, to cut"). A possessive
    noun ("the company's forecast") stays its owner's report."""
    if i + 1 == len(tokens) or tokens[i + 1].text in _CLAUSE_END:
        return True
    for k in range(i - 1, max(-1, i - 1 - _NOUN_REACH), -1):
        tok = tokens[k]
        if tok.lower in POSSESSIVE_PRONOUNS:
            return True
        if tok.start in covered or not tok.text[:1].islower():
            return False
    return False


_CLAUSE_END = frozenset({",", ".", ";", ":", "!", "?"})
# Verbs by which a body changes or restates its own figure: "raised its estimate to 34.1
# million tonnes", "cut its forecast", "stuck to its estimate of".
_REVISING_VERBS = frozenset(
    {"raised", "raises", "lifted", "lifts", "cut", "cuts", "lowered", "lowers", "trimmed",
     "trims", "revised", "revises", "upgraded", "downgraded", "kept", "keeps", "maintained",
     "maintains", "reiterated", "reiterates", "confirmed", "confirms", "to"}
)  # fmt: skip


def revises_a_count(tokens: Sequence[Token], i: int) -> bool:
    """Whether the verb at `i` has a count for object ("raised the death toll", "corrected
    the number of victims", "updated its estimate"): a determiner, up to three words, a
    count noun."""
    j = i + 1
    if j >= len(tokens) or tokens[j].lower not in {"the", "its", "their", "his", "her"}:
        return False
    for k in range(j + 1, min(len(tokens), j + 5)):
        if tokens[k].lower in COUNT_NOUNS:
            return True
        if not tokens[k].text[:1].isalpha():
            return False
    return False


def revising_verb_before(tokens: Sequence[Token], i: int) -> int:
    """The index of the verb by which a body restates its own figure when the noun at `i`
    ends a phrase opened by "its"/"their" right after that verb ("raised its estimate",
    "stuck to its estimate"), else -1: the body before the verb is the figure's source."""
    for k in range(i - 1, max(-1, i - 1 - _NOUN_REACH), -1):
        if tokens[k].lower in POSSESSIVE_PRONOUNS:
            if k == 0 or tokens[k - 1].lower not in _REVISING_VERBS:
                return -1
            if tokens[k - 1].lower == "to":
                return k - 2 if k >= 2 and tokens[k - 2].lower in {"stuck", "sticks"} else -1
            return k - 1
    return -1
