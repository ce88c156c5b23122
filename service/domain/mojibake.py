"""Mojibake repair: UTF-8 text that was decoded through a single-byte Windows code page.

UTF-8 bytes decoded through a single-byte Windows code page turn every non-ASCII character into
a run of 2-4 characters: "’" (E2 80 99) becomes "â€™" through cp1252 and "โ€™" through cp874
(Thai; undefined cp874 bytes usually fall back to cp1252 or to C1 controls). We map every
character of those code pages back to its byte, find runs shaped like UTF-8 sequences (a lead
byte followed by the right number of continuation bytes) and decode just those runs. A run is
only replaced when (1) it decodes to characters a Western/Thai news text plausibly holds and
(2) it contains at least one character that genuine Thai text would not contain (anything outside
the Thai block), so real Thai such as "แรก" (bytes C3 A1 in cp874 = "á") is never touched.
ftfy then mops up shapes the run repair does not know.
"""

from __future__ import annotations

import re

import ftfy
import ftfy.badness


def _byte_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        table.setdefault(chr(byte), byte)  # Latin-1 reading (C1 controls for undefined bytes)
    for codec in ("cp874", "cp1252"):
        for byte in range(0x80, 0x100):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            table[char] = byte
    return table


_CHAR_TO_BYTE = _byte_table()


def _char_class(low: int, high: int) -> str:
    chars = sorted(c for c, b in _CHAR_TO_BYTE.items() if low <= b <= high)
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_CONT = _char_class(0x80, 0xBF)
_LEAD_2 = _char_class(0xC2, 0xDF)
_LEAD_3 = _char_class(0xE0, 0xEF)
_LEAD_4 = _char_class(0xF0, 0xF4)
# One UTF-8 encoded character seen through the code page; the unit alternatives start with
# disjoint classes, so the repeated group cannot backtrack badly.
_UNIT = f"(?:{_LEAD_2}{_CONT}|{_LEAD_3}{_CONT}{{2}}|{_LEAD_4}{_CONT}{{3}})"
# The characters a run can open with: a text without any holds no run (a fast class scan).
_RUN_START = re.compile(_char_class(0xC2, 0xF4))
# `_UNIT` repeated, its first lead byte read as one class so the engine skips to it at C speed
# (a pattern opening with a group tries every position); the lead classes are disjoint, so
# the lookbehind picks the one alternative the unit could take there: the same runs.
_MOJIBAKE_RUN = re.compile(
    _RUN_START.pattern
    + f"(?:(?<={_LEAD_2}){_CONT}|(?<={_LEAD_3}){_CONT}{{2}}|(?<={_LEAD_4}){_CONT}{{3}})"
    + f"{_UNIT}*"
)


def _plausible(char: str) -> bool:
    """Characters a repaired news text may contain (not CJK, not controls, not rare scripts)."""
    code = ord(char)
    return (
        0xA0 <= code <= 0x24F  # Latin-1 supplement, Latin extended A/B
        or 0x370 <= code <= 0x52F  # Greek, Cyrillic
        or 0x590 <= code <= 0x6FF  # Hebrew, Arabic
        or 0xE00 <= code <= 0xE7F  # Thai
        or 0x1E00 <= code <= 0x1EFF  # Latin extended additional (Vietnamese)
        or 0x2000 <= code <= 0x214F  # punctuation, currency, letterlike (™)
        or 0x2190 <= code <= 0x21FF  # arrows
        or 0x1F300 <= code <= 0x1FAFF  # emoji
    )


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if all(0xE00 <= ord(c) <= 0xE7F for c in run):
        return run  # could be genuine Thai: never touch
    try:
        decoded = bytes(_CHAR_TO_BYTE[c] for c in run).decode("utf-8")
    except UnicodeDecodeError:
        return run
    if all(_plausible(c) for c in decoded):
        return decoded
    return run


# Shapes of damage left after the run repair (a lost byte breaks a run: "Ã " for "à"); only
# then is ftfy's slower badness check worth running.
# (Its first character is read as one class, for the fast scan: the lookbehinds then tell the
# three shapes apart, "Â€", "Ã " and a C1 control, as an alternation of them would.)
_LEFTOVER = re.compile(
    r"[ÂÃÅÐÑâ\u0080-\u009f](?:(?<=[\u0080-\u009f])"
    r"|(?<=[ÂÃÅÐÑâ])[\u0080-\u00ff\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]|(?<=Ã) )"
)
_SUSPECT = re.compile(r"[\u0080-\u00ff\u0e00-\u0e7f\u2000-\u203a\u20ac\u2122\u0152-\u02dc]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded through cp1252, Latin-1 or cp874 (Thai), even twice.

    Genuine accented Latin and genuine Thai text are left as they are.
    """
    if text.isascii() or not _SUSPECT.search(text):  # every suspect character is past ASCII
        return text
    for _ in range(3):  # double-encoded text needs two passes
        if _RUN_START.search(text) is None:
            break
        repaired = _MOJIBAKE_RUN.sub(_repair_run, text)
        if repaired == text:
            break
        text = repaired
    if _LEFTOVER.search(text) and ftfy.badness.is_bad(text):
        # Leftovers of shapes the run repair does not know (lost bytes, mixed codecs).
        text = ftfy.fix_encoding(text)
    return text
