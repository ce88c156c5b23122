"""Numbers written in words: "twenty-nine", "three thousand", "half a million", "two thirds".

`parse_number_words` reads one whole phrase; `parse_word_prefix` reads the longest number at
the start of a list of lower-cased words, which is what the scanner (`number_scan`) needs when a
run of number words holds more than one number ("two or three", "one in five").

Vague amounts get a fixed reading (`vague_reading`), documented in `numbers.py`. The other
words read around a figure (qualifiers, change verbs, labels) are in `number_phrases`.
"""

from __future__ import annotations

import re


def _numbered(words: str, values: list[int]) -> dict[str, int]:
    return dict(zip(words.split(), values, strict=True))


SMALL = _numbered(
    "zero nought naught one two three four five six seven eight nine", [0, 0, 0, *range(1, 10)]
)
TEENS = _numbered(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    [*range(10, 20)],
)
TENS = _numbered(
    "twenty thirty forty fourty fifty sixty seventy eighty ninety",
    [20, 30, 40, 40, 50, 60, 70, 80, 90],
)
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
# Denominators of written fractions ("two thirds", "a quarter of"). Ordinals such as "first"
# and "second" are left out: as denominators they are too rare to risk "a second attack".
DENOMINATORS = _numbered(
    "half third quarter fourth fifth sixth seventh eighth ninth tenth hundredth thousandth",
    [2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 100, 1000],
)
DENOMINATORS.update({("halves" if w == "half" else w + "s"): v for w, v in DENOMINATORS.items()})
_FILLERS = frozenset({"a", "an", "and", "of", "point"})
CARDINAL_WORDS: frozenset[str] = frozenset(
    [*SMALL, *TEENS, *TENS, *SCALES, "hundred", "dozen", "dozens"]
)
# Words that may appear inside a run of number words (the scanner's regex is built from these).
RUN_WORDS: frozenset[str] = CARDINAL_WORDS | frozenset(DENOMINATORS) | _FILLERS


_AFTER_A = frozenset({"hundred", "dozen", *(w for w in DENOMINATORS if not w.endswith("s"))})


def _scale_ahead(words: list[str], j: int) -> bool:
    """True when a scale word follows, possibly after "of a" ("a quarter of a million")."""
    for k in range(j, min(j + 3, len(words))):
        if words[k] in SCALES:
            return True
        if words[k] not in ("of", "a", "an"):
            return False
    return False


def _is_numberish(word: str | None) -> bool:
    return word is not None and (word in SMALL or word in TEENS or word in TENS)


def parse_word_prefix(words: list[str]) -> tuple[float, int, bool] | None:
    """Read the longest number at the start of `words` (lower-case, no hyphens).

    Returns `(value, words used, is_fraction)` or None when the first words are not a number.
    `is_fraction` is True for a bare proportion ("two thirds", "a half"), False for counts
    ("two and a half million" is a count).
    """
    n = len(words)
    total = 0.0
    current = 0.0
    last: str | None = None
    last_scale = float("inf")
    pending_half = False
    and_current: float | None = None  # `current` when "and" was read, for "X and three fifths"
    and_after_scale = False
    best: tuple[float, int, bool] | None = None
    i = 0
    while i < n:
        w = words[i]
        nxt = words[i + 1] if i + 1 < n else None
        if w in ("a", "an"):
            if (last is None and (nxt in _AFTER_A or nxt in SCALES)) or (
                pending_half and (nxt in SCALES or nxt in ("dozen", "hundred"))
            ):
                last = "a"
            elif last == "and" and nxt in DENOMINATORS:
                last = "and_a"
            else:
                break
        elif w == "and":
            after = words[i + 2] if i + 2 < n else None
            fraction_next = (nxt in ("a", "an") and after in DENOMINATORS) or (
                _is_numberish(nxt) and any(x in DENOMINATORS for x in words[i + 2 : i + 4])
            )
            if (last in ("hundred", "scale") and (_is_numberish(nxt) or fraction_next)) or (
                last in ("unit", "teen", "tens") and fraction_next
            ):
                and_current, and_after_scale = current, last == "scale"
                last = "and"
            else:
                break
        elif w == "of":
            # "a quarter of a million", "half of a million" are amounts; else stop
            if pending_half and nxt in ("a", "an") and i + 2 < n and words[i + 2] in SCALES:
                i += 1
                continue
            break
        elif w in SMALL:
            group = current - (and_current or 0.0)
            if last in (None, "hundred", "scale", "and") or (last == "tens" and group % 10 == 0):
                current += SMALL[w]
                last = "unit"
            else:
                break
        elif w in TEENS:
            if last in (None, "hundred", "scale", "and"):
                current += TEENS[w]
                last = "teen"
            else:
                break
        elif w in TENS:
            if last in (None, "hundred", "scale", "and"):
                current += TENS[w]
                last = "tens"
            else:
                break
        elif w == "hundred":
            if last == "a":
                current = 100.0
            elif last in ("unit", "teen", "tens") and 0 < current < 100:
                current *= 100
            else:
                break
            last = "hundred"
        elif w in SCALES:
            scale = SCALES[w]
            if pending_half and last in ("a", "half"):
                total += current * scale if current else 0.5 * scale
                pending_half = False
            elif last == "a":
                total += scale
            elif last in ("unit", "teen", "tens", "hundred") and current > 0 and scale < last_scale:
                total += current * scale
            elif last == "scale" and scale > last_scale:
                total *= scale
            else:
                break
            current = 0.0
            last_scale = scale
            last = "scale"
        elif w in ("dozen", "dozens"):
            if pending_half and last in ("a", "half"):
                value = 6.0
            elif last == "a" and w == "dozen":
                value = 12.0
            elif last in ("unit", "teen", "tens") and total == 0 and current < 100:
                value = current * 12
            else:
                break
            return value, i + 1, False
        elif w in DENOMINATORS:
            denominator = DENOMINATORS[w]
            if last == "and_a":
                if and_after_scale:
                    total += last_scale / denominator  # "one million and a half"
                else:
                    current += 1 / denominator  # "five and a half (million)"
                last = "unit"
                i += 1
                best = (total + current, i, False)
                continue
            if and_current is not None and last in ("unit", "teen", "tens"):
                numerator = current - and_current
                if and_after_scale:
                    total += numerator / denominator * last_scale
                    current = and_current
                else:
                    current = and_current + numerator / denominator
                return total + current, i + 1, False
            if denominator in (2, 4) and last is None and w in ("half", "quarter"):
                # "half a million", "quarter million", or a bare proportion
                pending_half = True
                current = 0.5 if w == "half" else 0.25
                last = "half"
                best = (current, i + 1, True)
                i += 1
                continue
            if last == "a" and w in ("half", "quarter") and _scale_ahead(words, i + 1):
                pending_half = True
                current = 0.5 if w == "half" else 0.25
                last = "half"
                i += 1
                continue
            if last in ("a", "unit", "teen", "tens") and total == 0:
                numerator = 1.0 if last == "a" else current
                return numerator / denominator, i + 1, True
            break
        elif w == "point" and last in ("unit", "teen", "tens", "hundred") and _is_numberish(nxt):
            digits = []
            j = i + 1
            while j < n and words[j] in SMALL:
                digits.append(str(SMALL[words[j]]))
                j += 1
            if not digits and j < n:
                compound = words[j]
                tail = words[j + 1] if j + 1 < n else None
                digit_text = str(TEENS.get(compound) or TENS.get(compound, 0))
                j += 1
                if compound in TENS and tail in SMALL:
                    digit_text = str(TENS[compound] + SMALL[tail])
                    j += 1
                digits.append(digit_text)
            return total + current + float("0." + "".join(digits)), j, False
        else:
            break
        i += 1
        if last in ("unit", "teen", "tens", "hundred", "scale"):
            best = (total + current, i, False)
    return best


_WORD_SPLIT = re.compile(r"[A-Za-z]+")


def parse_number_words(text: str) -> float | None:
    """Read `text` as one number written in words, or None if it is not exactly that.

    "twenty-nine" -> 29, "three thousand" -> 3000, "half a million" -> 500000,
    "a dozen" -> 12, "two thirds" -> 0.666..., "one hundred and six" -> 106.
    """
    words = [w.lower() for w in _WORD_SPLIT.findall(text)]
    if not words:
        return None
    parsed = parse_word_prefix(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


# Plural amounts: (low, high) per the documented table in numbers.py.
# (floats: an int here is 2000 from source but 2000.0 from the compiled core)
PLURAL_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0),
    "millions": (2e6, 1e7 - 1),
    "billions": (2e9, 1e10 - 1),
    "trillions": (2e12, 1e13 - 1),
}
_BASE_AMOUNTS: dict[str, float] = {"dozen": 12, "hundred": 100, **SCALES}
_SPREAD: dict[str, tuple[float, float]] = {
    "several": (3, 9),
    "few": (2, 5),
    "couple": (2, 2),
}


def vague_reading(phrase: str) -> tuple[float, float] | None:
    """The documented (low, high) reading of a vague amount such as "several hundred".

    Accepts the forms the scanner finds: "tens of thousands", "hundreds of millions",
    "several hundred (thousand)", "a few dozen", "a couple of thousand", "dozens",
    "thousands", "a handful", "half a dozen". Returns None for anything else.
    """
    words = [w.lower() for w in _WORD_SPLIT.findall(phrase)]
    words = [w for w in words if w not in ("a", "an", "of")]
    if not words:
        return None
    if words == ["handful"]:
        return 3.0, 5.0
    if words == ["half", "dozen"]:
        return 6.0, 6.0
    if len(words) == 2 and words[0] in ("tens", "hundreds") and words[1] in PLURAL_AMOUNTS:
        unit = SCALES[words[1][:-1]]
        if words[0] == "tens":
            return 20 * unit, 100 * unit - 1
        return 200 * unit, 1000 * unit - 1
    if len(words) == 1 and words[0] in PLURAL_AMOUNTS:
        return PLURAL_AMOUNTS[words[0]]
    if words[0] in _SPREAD and 2 <= len(words) <= 3 and all(w in _BASE_AMOUNTS for w in words[1:]):
        base = 1.0
        for w in words[1:]:
            base *= _BASE_AMOUNTS[w]
        low, high = _SPREAD[words[0]]
        return low * base, high * base
    return None


def word_trie(words: object) -> str:
    """A regex matching exactly `words`, factored by shared prefixes (much faster than a|b|c)."""
    tree: dict[str, dict[str, object]] = {}
    for word in sorted(set(words)):  # type: ignore[call-overload]
        node = tree
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}

    def emit(node: dict[str, dict[str, object]]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]  # type: ignore[arg-type]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


# Characters IGNORECASE matches to an ASCII letter besides its two cases ("ı", "İ" -> i,
# "ſ" -> s, Kelvin "K" -> k): a letter spelled as a class must hold them too.
_CASE_FOLDS = {"i": "ıİ", "s": "ſ", "k": "\u212a"}
LETTER_ANY_CASE = "[A-Za-zıİſ\u212a]"  # what [A-Za-z] matches under IGNORECASE


def letter_any_case(letter: str) -> str:
    """The class of every character IGNORECASE matches to the lower-case ASCII `letter`."""
    return "[" + letter + letter.upper() + _CASE_FOLDS.get(letter, "") + "]"


_PATTERN_PIECE = re.compile(r"\\.|\[(?:\\.|[^\]])*\]|\{[\d,]*\}|\(\?[:=!]|([a-z])")


def pattern_any_case(pattern: str) -> str:
    """`pattern` (letters in lower case, no group names) matching as `(?i:pattern)` does: each
    letter outside a class becomes the class of every character IGNORECASE matches to it. The
    engine tests such a class without case-folding each character, and an alternation tests
    an alternative opening with one before trying it. Classes are left as written."""
    return _PATTERN_PIECE.sub(_any_case_piece, pattern)


def _any_case_piece(piece: re.Match[str]) -> str:
    letter = piece.group(1)
    if letter is None:
        return piece.group()
    return letter_any_case(letter)
