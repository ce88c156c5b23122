"""Digit patterns that are never figures: dates, times of day, phone numbers, URLs, seasons.

`Exclusions(text).covers(start, end)` tells `number_scan` that the digits at `start:end` lie in
one of them.
"""

from __future__ import annotations

import bisect
import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Digits in these spans are never figures: URLs, dates, times, phone numbers, versions, seasons.
_EXCLUDE = re.compile(
    r"(?=[\d+('JFMASOND])(?:"
    r"(?<![\d,.])\d{1,4}(?P<sep>[-/.])\d{1,4}(?P=sep)\d{1,4}(?:(?P=sep)\d{1,4}){0,3}(?!\d)"
    r"|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]\d{2,5}){1,4}"
    r"|\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|(?<![\d.])\d{1,2}(?:[:.]\d{2}){0,2}\s?(?:[aApP]\.[mM]\.|[aApP][mM]\b)"
    r"|(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)"
    r"|(?<![\d.])\d{1,2}\s?o['’]clock\b"
    r"|(?<![\d.])\d{1,2}[:.]?\d{2}\s?(?:GMT|UTC|EST|EDT|CET|CEST|BST|PST|PDT|CST|CDT|MSK|IST)\b"
    r"|\b" + _MONTH + r"\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?)?(?!\d)"
    # a second day: "May 14 and 15" (not "May 14 and 15 people")
    r"(?:\s(?:and|or|to|&)\s\d{1,2}(?:st|nd|rd|th)?(?![\d.,]?\d)(?!\s+[a-z]))?"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?"
    r"|\s(?:and|or|to|&)\s\d{1,2}(?:st|nd|rd|th)?)?\s{1,3}(?:of\s{1,3})?" + _MONTH + r"\b\.?"
    r"(?:,?\s{1,3}\d{4}(?!\d))?"
    r"|(?P<years>(?<![\d,.])(?:1[89]\d\d|20\d\d)\s?[-–/]\s?(?:\d{4}|\d{2})(?!\d))"
    r"|'\d0s\b)"
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
                years = m.group("years")
                if (years is None or _is_year_span(years)) and m.start() >= self.covered_until:
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
