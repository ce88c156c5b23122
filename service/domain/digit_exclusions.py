"""Digit patterns that are never figures: dates, times of day, phone numbers, URLs, seasons.

`Exclusions(text).covers(start, end)` tells `number_scan` that the digits at `start:end` lie in
one of them.
"""

from __future__ import annotations

import bisect
import re

# Month names and abbreviations by capital; a capital's spellings are tried in this order.
_MONTH_TAILS = (
    ("J", "an(?:uary)?|une?|uly?"),
    ("F", "eb(?:ruary)?"),
    ("M", "ar(?:ch)?|ay"),
    ("A", "pr(?:il)?|ug(?:ust)?"),
    ("S", "ep(?:t(?:ember)?)?"),
    ("O", "ct(?:ober)?"),
    ("N", "ov(?:ember)?"),
    ("D", "ec(?:ember)?"),
)
_MONTH = "(?:" + "|".join(f"{capital}(?:{tails})" for capital, tails in _MONTH_TAILS) + ")"
# `_MONTH` after its capital, which the pattern below has read already.
_MONTH_AFTER_CAPITAL = (
    "(?:" + "|".join(f"(?<={capital})(?:{tails})" for capital, tails in _MONTH_TAILS) + ")"
)
_DAY_SUFFIX = r"(?:st|nd|rd|th)"
# Digits in these spans are never figures: dates, times, phone numbers, versions, seasons.
# The pattern opens by reading the first character from a class, which the engine skips to at
# C speed (a pattern opening with a lookaround is tried at every position): each branch then
# checks that character looking back, and branches that open with different characters keep
# the order they have among themselves. Digit-led, in order: dotted or slashed dates and
# versions, times with am/pm, clock times, o'clock, times with a zone, a day before its month,
# and year ranges; before them, one lookbehind and one lookahead turn down most digits (inside
# a number, or followed by nothing any of them reads after its first digits). `years` is an
# empty group closing the year range branch: `Exclusions` checks the range it ends.
_EXCLUDE = re.compile(
    r"[0-9+('JFMASOND\d](?:"  # (ASCII digits in the class's bitmap: found before \d's lookup)
    r"(?<=\d)(?<![\d.].)(?=\d{0,3}[-–/.:\sosnrtaApPGUECBMI])(?:"
    r"(?<!,.)\d{0,3}(?P<sep>[-/.])\d{1,4}(?P=sep)\d{1,4}(?:(?P=sep)\d{1,4}){0,3}(?!\d)"
    r"|\d?(?:[:.]\d{2}){0,2}\s?(?:[aApP]\.[mM]\.|[aApP][mM]\b)"
    r"|\d?:\d{2}(?::\d{2})?(?!\d)"
    r"|\d?\s?o['’]clock\b"
    r"|\d?[:.]?\d{2}\s?(?:GMT|UTC|EST|EDT|CET|CEST|BST|PST|PDT|CST|CDT|MSK|IST)\b"
    r"|(?<!,.)\d?" + _DAY_SUFFIX + r"?(?:[-–]\d{1,2}" + _DAY_SUFFIX + r"?"
    r"|\s(?:and|or|to|&)\s\d{1,2}" + _DAY_SUFFIX + r"?)?\s{1,3}(?:of\s{1,3})?" + _MONTH + r"\b\.?"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?<!,.)(?:(?<=1)[89]|(?<=2)0)\d\d\s?[-–/]\s?(?:\d{4}|\d{2})(?!\d)(?P<years>))"
    # a month (at a word start) and its day
    r"|(?<=[JFMASOND])(?<!\w.)" + _MONTH_AFTER_CAPITAL + r"\.?\s{1,3}\d{1,2}" + _DAY_SUFFIX + r"?"
    r"(?:[-–]\d{1,2}" + _DAY_SUFFIX + r"?)?(?!\d)"
    # a second day: "May 14 and 15" (not "May 14 and 15 people")
    r"(?:\s(?:and|or|to|&)\s\d{1,2}" + _DAY_SUFFIX + r"?(?![\d.,]?\d)(?!\s+[a-z]))?"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?<=\+)\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]\d{2,5}){1,4}"
    r"|(?<=\()\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|(?<=')\d0s\b)"
)


class Exclusions:
    """Spans that are never figures (dates, times, phones, URLs), found lazily near digits.

    Scanning a whole article with the exclusion regex costs more than everything else, and
    digits are sparse, so the regex runs only over windows around the digits found.
    """

    _WINDOW = 240

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.covered_until = -1
        # Most articles hold no URL or e-mail marker at all: then no digit can be inside one.
        self.may_hold_urls = any(marker in text for marker in _URL_MARKERS)

    def covers(self, start: int, end: int) -> bool:
        """Whether the digits at `start:end` lie in a date, time, phone number or URL."""
        text = self.text
        if end > self.covered_until:
            window_start = start - 40
            if window_start > 0:
                space = text.rfind(" ", max(0, window_start - 24), window_start)
                window_start = space + 1 if space >= 0 else window_start
            window_start = max(0, window_start, self.covered_until - 40)
            window_end = min(len(text), start + self._WINDOW)
            for m in _EXCLUDE.finditer(text, window_start, window_end):
                if (
                    m.group("years") is None or _is_year_span(m.group())
                ) and m.start() >= self.covered_until:
                    self.spans.append(m.span())
            self.covered_until = window_end - 40 if window_end < len(text) else len(text)
        spans = self.spans
        index = bisect.bisect_right(spans, (start, 1 << 62)) - 1
        if index >= 0 and spans[index][1] > start:
            return True
        if index + 1 < len(spans) and spans[index + 1][0] < end:
            return True
        return self.may_hold_urls and _in_url(text, start)


_URL_TAIL = re.compile(r"(?:://|www\.|@)\S*$")
_URL_MARKERS = ("@", "://", "www.")


def _in_url(text: str, start: int) -> bool:
    """Whether `start` lies inside a URL or e-mail address (digits there are not figures)."""
    lo = max(0, start - 300)
    if all(text.find(marker, lo, start) < 0 for marker in _URL_MARKERS):
        return False  # none of the markers the pattern needs: skip the scan
    return _URL_TAIL.search(text, lo, start) is not None


def _is_year_span(span_text: str) -> bool:
    first, second = re.split(r"\s?[-–/]\s?", span_text)
    return len(second) == 2 or int(first) <= int(second) <= 2100
