"""A sentence break between two words is one of the characters of the break class."""

from __future__ import annotations

import re

from service.domain.name_vocabulary import breaks_sentence

_BREAK = re.compile(r"[.!?:;\n\"“”(\[—–]")


def test_breaks_are_the_characters_of_the_class() -> None:
    for code in range(0x10000):
        char = chr(code)
        assert breaks_sentence(char) == (_BREAK.search(char) is not None), hex(code)
    for gap in ("", " ", ". ", ".\n\n", " (", ", ", ") - ", " — ", "x\U0001f600"):
        assert breaks_sentence(gap) == (_BREAK.search(gap) is not None), gap
