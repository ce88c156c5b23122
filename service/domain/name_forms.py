"""Names as the knowledge base compares them: words of a text, their normal form ("U.S." =
"US" = "us", "Rutte's" = "Rutte"), acronyms, and the shipped word lists (common English words,
the name-word sections of `data/name_words.txt`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, count
from operator import itemgetter

from mypy_extensions import mypyc_attr

# Letters that match an ASCII letter only under IGNORECASE ("İ" -> i, "ı" -> I, "ſ" -> s): a
# prefilter that tests lowercased text for a word must fall back to the full scan when the
# text holds one.
FOLDS_TO_ASCII = ("İ", "ı", "ſ")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (keeps word lists compact)."""
    return frozenset(text.split())


# A word: letters/digits joined by inner dots or apostrophes ("U.S", "People's", "d'Ivoire").
# Hyphens split words so "Guinea-Bissau" and "Kim Jong-un" match their spaced aliases.
TOKEN = re.compile(r"[^\W_]+(?:[.'’&][^\W_]+)*")
_DROP = str.maketrans("", "", ".'’")
# Words after a place name that name its administrative area ("Kursk region" is Kursk).
REGION_WORDS = _words(
    """
    region oblast province governorate prefecture state county district territory krai kray
    regions provinces
    """
)

# Bump when `normalize_alias` or `is_acronym` change: a shipped index made by another version
# is then ignored (and rebuilt at load) until scripts/build_entities.py is run again.
NORMALIZER_VERSION = 1


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words of `text` as (start, end, word): the matches of `TOKEN`."""
    # Compiled, a pass over code points is cheaper than the regex engine's work for every word;
    # it runs only inside the whitespace-separated chunks that are not a word as they stand (or
    # with one trailing mark: "said,"), keeping the interpreted sources about as fast as a regex.
    # No word spans whitespace: a joiner joins only when a word character follows it.
    tokens: list[tuple[int, int, str]] = []
    end = 0
    for chunk in text.split():
        start = text.find(chunk, end)  # only whitespace lies before it
        end = start + len(chunk)
        if chunk.isalnum():
            tokens.append((start, end, chunk))
            continue
        word = chunk[:-1]
        if word.isalnum():
            tokens.append((start, end - 1, word))
            continue
        i = start
        while i < end:
            if not _is_word_char(text, i, ord(text[i])):
                i += 1
                continue
            k = i + 1
            while k < end:
                c = ord(text[k])
                if _is_word_char(text, k, c):
                    k += 1
                elif (
                    (c == 46 or c == 39 or c == 8217 or c == 38)  # . ' ’ &
                    and k + 1 < end
                    and _is_word_char(text, k + 1, ord(text[k + 1]))
                ):
                    k += 2
                else:
                    break
            tokens.append((i, k, text[i:k]))
            i = k
    return tokens


def _is_word_char(text: str, i: int, c: int) -> bool:
    """Whether `text[i]` (code point `c`) matches `[^\\W_]`: a letter or digit of any script,
    which is what `str.isalnum` tests for one character."""
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57
    return text[i].isalnum()


_WORD_OF_TOKEN = itemgetter(2)


@mypyc_attr(native_class=False)
class WordTest(dict[str, bool]):
    """A test of one word, answered once per distinct word and then looked up.

    An article repeats most of its words, and a scan that tests every token in Python costs
    more than the rest of the scan: `indexes` tests the tokens at C speed. The test must
    depend on the word alone (and on nothing that changes: clear the answers if it does).
    """

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, word: str) -> bool:
        if len(self) >= 1 << 16:
            self.clear()  # bounded, like the word caches below
        answer = self[word] = self._test(word)
        return answer

    def indexes(self, tokens: list[tuple[int, int, str]]) -> list[int]:
        """Indexes of the `tokenize` tokens whose word passes the test, in order."""
        return list(compress(count(), map(self.__getitem__, map(_WORD_OF_TOKEN, tokens))))


@lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Lowercase a token and drop possessive "'s", dots and apostrophes."""
    low = word.lower()
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low.translate(_DROP)


@lru_cache(maxsize=1 << 16)  # pure, and called for every name run of every article
def normalize_alias(alias: str) -> str:
    """The comparison form of a name: normalised words joined by single spaces.

    A leading "the" is dropped ("the Kremlin" = "Kremlin"): articles are not part of names.
    """
    words = [w for w in (normalize_word(t) for t in TOKEN.findall(alias)) if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def compact(text: str) -> str:
    """Text with dots and spaces removed: the case-sensitive form of an acronym ("U.S." -> US)."""
    return re.sub(r"[.\s]", "", text)


def is_acronym(alias: str) -> bool:
    """True for a one-word alias written mostly in capitals ("US", "DPRK", "MoD", "G7")."""
    form = compact(alias)
    if not form or " " in alias.strip().replace(". ", "."):
        return False
    upper = sum(ch.isupper() for ch in form)
    return upper >= 2 and upper >= sum(ch.islower() for ch in form)


@cache
def common_words() -> frozenset[str]:
    """Lowercase English words that are never names ("however", "image", "troops")."""
    data = resources.files("service.domain.data").joinpath("common_words.txt")
    return frozenset(data.read_text(encoding="utf-8").split())


@cache
def name_word_lists() -> dict[str, frozenset[str]]:
    """The word lists of `data/name_words.txt`, by section."""
    text = resources.files("service.domain.data").joinpath("name_words.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[] "), [])
        else:
            current.extend(line.split())
    return {name: frozenset(words) for name, words in sections.items()}
