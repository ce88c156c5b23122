"""The publication date an article states in its own text (byline, "Published:", a stamp).

Used when a page's metadata gives none: relative dates ("on Monday") need an anchor.
"""

from __future__ import annotations

import datetime as dt
import re

from service.domain.date_patterns import CLOCK_TIME, stamp_at
from service.domain.dates import resolve_date_expressions

_STAMP_LABEL = re.compile(
    r"\b(?i:(?P<label>(?:last\s+)?(?:updated|modified|published|posted|first\s+published)|"
    r"date)\b\s*(?:on|at|:)?\s*)"
)
_LABEL_WORDS = ("updated", "modified", "published", "posted", "date")
_ISO_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d\d-[01]\d-[0-3]\d[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)(?!\d)"
)
_HEAD_CHARS = 1500
_TERMINAL_END = re.compile(r"[.!?][\"'”’)]*$")


def extract_dates_for_published(text: str) -> dt.datetime | None:
    """Find the article's own publication stamp in its text, as a timezone-aware datetime.

    Looks in the first 1,500 characters, then the last 1,500, for: a labelled stamp
    ("Published: 28 October 2024", "Last updated on October 28th, 2024 at 06:09 pm"; a
    "published" label beats an "updated" one), an ISO timestamp, or else a short line without
    terminal punctuation (byline, dateline) holding a full date. A time without a zone is taken
    as UTC, a date without a time as midnight UTC. Dates without a year cannot anchor anything
    and are ignored.
    """
    head = text[:_HEAD_CHARS]
    tail = text[-_HEAD_CHARS:] if len(text) > _HEAD_CHARS else ""
    for part in (head, tail):
        found = _published_in(part)
        if found is not None:
            return found
    return None


def _first_full_date(text: str, limit: int) -> tuple[dt.date, int] | None:
    """The first day-precise date with a written year starting before `limit`, and its end."""
    for expr in resolve_date_expressions(text, None):
        if expr.start > limit:
            return None
        if expr.date is not None and expr.precision == "day":
            return expr.date, expr.end
    return None


def _published_in(part: str) -> dt.datetime | None:
    labelled: list[tuple[int, dt.datetime]] = []
    lowered = part.lower()
    # Substring tests first: the label regex is only worth running when a label word occurs.
    labels = _STAMP_LABEL.finditer(part) if any(w in lowered for w in _LABEL_WORDS) else ()
    for label in labels:
        window = part[label.end() : label.end() + 80]
        rank = 0 if "publish" in label.group("label").lower() else 1
        found = _first_full_date(window, 12)
        if found is not None:
            labelled.append((rank, stamp_at(found[0], window, found[1])))
            continue
        # "Updated 10:42 a.m. ET, Tue October 29, 2024": the time comes first.
        clock = CLOCK_TIME.match(window)
        if clock is not None and clock.end() > 0:
            found = _first_full_date(window, clock.end() + 12)
            if found is not None:
                labelled.append((rank, stamp_at(found[0], window, 0)))
    if labelled:
        return min(labelled, key=lambda item: item[0])[1]
    iso = _ISO_STAMP.search(part)
    if iso is not None:
        try:
            value = dt.datetime.fromisoformat(iso.group(1).replace("Z", "+00:00"))
        except ValueError:
            value = None
        if value is not None:
            return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    for line in part.split("\n"):
        line = line.strip()
        if 6 <= len(line) <= 90 and not _TERMINAL_END.search(line):
            found = _first_full_date(line, len(line))
            if found is not None:
                return stamp_at(found[0], line, found[1])
    return None
