"""The faster tests behind boilerplate lines answer exactly as the plain patterns do: chrome
phrases read case-sensitively on an ASCII line in lower case, calls to action searched only
in a line holding one of their words."""

from __future__ import annotations

import random

from service.domain import cleanup, mojibake

# Every chrome family, mixed case, the characters IGNORECASE folds to ASCII letters ("ſ", "ı",
# "İ", the Kelvin sign), brackets, separators and content lines.
_LINES = [
    "Skip to main content",
    "SKIP TO NAVIGATION",
    "ſkip to content",
    "More stories",
    "Related: Coverage",
    "You may also like",
    "Read more",
    "Continue reading",
    "Click here to subscribe",
    "CLİCK HERE",
    "Sign up for our daily newsletter",
    "For maps, sign up for our alerts.",
    "X is listener-supported. Donate today.",
    "Support independent journalism",
    "Follow Jane Doe on Twitter",
    "Share this article on Facebook",
    "Advertisement - Scroll to continue",
    "Story continues below advertisement",
    "AP Photo/Jane Doe",
    "Updated: 5 mins ago",
    "about an hour ago",
    "5 min read",
    "Image credit: Getty",
    "Jane Doe is a senior climate correspondent based in Nairobi.",
    "Jane Doe ıs a senior climate correspondent",
    "Smith is a former reporter who was jailed for 3 years in 2019 on charges",
    "Reporting by Jane Doe; Editing by John Roe",
    "© 2025 Harbor Daily. All rights reserved.",
    "Accept all cookies",
    "Please enable JavaſCript",
    "Your browser does not support the video tag",
    "Share prices fell 3% on Monday.",
    "Subscribers to the service rose to 4.2 million in 2024.",
    "NATO Confirms North Korean Troops Deployed in Russia’s Kursk Region",
    "Five people died.",
    "K comments",
    "",
]
_PHRASE_WORDS = (
    "skip to main content more related stories read sign up for our follow us on click here "
    "donate today now support local journalism reader-supported share this article story "
    "continues below photo video ago min read credit is a an reporter editor newsletter "
    "cookies privacy the police said 12 5 : / | ( ) © ſ ı İ K é ’"
)
_WORDS = _PHRASE_WORDS.split()


def _random_lines(count: int) -> list[str]:
    rng = random.Random(7)
    lines: list[str] = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 12))]
        line = " ".join(w.upper() if rng.random() < 0.2 else w for w in words)
        lines.append(line.capitalize() if rng.random() < 0.5 else line)
    return lines


def test_chrome_openings_read_in_lower_case_are_the_plain_patterns() -> None:
    opened = 0
    for line in _LINES + _random_lines(20_000):
        expected = cleanup._CHROME.match(line) is not None
        assert cleanup._opens_with_chrome(line) == expected, line
        opened += expected
    assert opened > 100


def test_calls_to_action_are_found_where_the_plain_search_finds_them() -> None:
    called = 0
    for line in _LINES + _random_lines(20_000):
        expected = cleanup._CHROME_ANYWHERE.search(line) is not None
        assert cleanup._calls_to_action(line) == expected, line
        called += expected
    assert called > 100


# Space variants, leading and inner runs, list markers after up to four spaces, case folds
# that change length ("ß", "ﬁ").
_SPACED = [
    "Straße closed",
    "STRASSE  closed",
    " leading space",
    "trailing space ",
    "tab\there",
    "no\u00a0break",
    "thin\u2009space",
    "line\u2028separator",
    "O’Neill’s ﬁrst",
    "• item",
    "   * item",
    "    * item",
    "-5 degrees",
    "– dash item",
    "*emphasis*",
    "plain words only",
    "",
]


def test_a_dedupe_key_is_the_folded_words_joined_by_single_spaces() -> None:
    for line in _SPACED + _LINES:
        folded = line.casefold().replace("’", "'")
        assert cleanup._dedupe_key(line) == " ".join(folded.split()), line


def test_only_a_line_opening_with_a_marker_is_given_the_bullet() -> None:
    for line in _SPACED + _LINES:
        assert cleanup._without_bullet(line) == cleanup._BULLET.sub(cleanup.BULLET, line), line


def test_the_characters_the_quick_checks_rule_out_are_the_patterns_own() -> None:
    chars = [chr(code) for code in range(0x3100)] + ["\ufeff", "\ufffe"]
    for char in chars:
        # a text printable but for its line breaks holds no odd space
        if cleanup._ODD_SPACE.match(char):
            assert not char.isprintable() and char != "\n"
        assert bool(cleanup._INVISIBLE.match(char)) == (char in cleanup._INVISIBLE_CHARS)
        # an ASCII text holds nothing mojibake repair would look at
        if mojibake._SUSPECT.match(char):
            assert not char.isascii()
