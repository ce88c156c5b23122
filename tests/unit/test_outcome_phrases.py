"""The outcome-phrase match behind its two-letter guard finds what the plain match finds."""

from __future__ import annotations

import random
import re
from re import _constants as sre  # the parsed form of a pattern (CPython's own parser)
from re import _parser
from typing import Any

from service.domain import outcomes

_PLAIN = outcomes._OUTCOME_PHRASE


def _openings(items: list[tuple[Any, Any]], length: int) -> set[str]:
    """The lowercased first `length` letters of what a parsed pattern matches; it must open
    with literals, optional groups and alternations (anything else raises)."""
    if length == 0:
        return {""}
    if not items:
        raise AssertionError("a match shorter than the opening")
    op, arg = items[0]
    rest = items[1:]
    if op is sre.LITERAL:
        return {chr(arg).lower() + tail for tail in _openings(rest, length - 1)}
    if op is sre.SUBPATTERN:
        return _openings([*arg[3], *rest], length)
    if op is sre.BRANCH:
        return {o for alt in arg[1] for o in _openings([*alt, *rest], length)}
    if op is sre.MAX_REPEAT and arg[:2] == (0, 1):
        return _openings([*arg[2], *rest], length) | _openings(rest, length)
    raise AssertionError(f"cannot tell what {op} opens with")


def test_the_guard_holds_the_opening_of_every_phrase() -> None:
    parsed = _parser.parse(_PLAIN.pattern, _PLAIN.flags)
    assert _openings(list(parsed), 2) == outcomes._PHRASE_OPENINGS


def test_the_guarded_phrase_match_finds_what_the_plain_match_finds() -> None:
    # the pattern's own words, letters IGNORECASE folds to ASCII ones, other openings
    pieces = [*sorted(set(re.findall(r"[a-z]+", _PLAIN.pattern))), "\u017f", "\u0131", "\u0130"]
    pieces += ["\u212a", "x", "24-hour", ",", ".", "\n", "\u00dc"]
    rng = random.Random(11)
    found = 0
    for _ in range(4000):
        tail = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.4:
            tail = "".join(c.upper() if rng.random() < 0.3 else c for c in tail)
        if rng.random() < 0.2:
            tail = tail.replace("s", "\u017f").replace("i", rng.choice("\u0131\u0130"))
        plain = _PLAIN.match(tail)
        guarded = outcomes._outcome_phrase(tail)
        assert (guarded and (guarded.span(), guarded.groupdict())) == (
            plain and (plain.span(), plain.groupdict())
        ), tail
        found += plain is not None
    assert found > 100
