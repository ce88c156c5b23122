"""`figure_dates._hinted_lower` answers as the date-hint regex does on lowercased text.

The hint test runs as two searches that open with a character class (digits; a hint word with
the character before it); together they must find a hint exactly where the one regex does, at
every window of real articles and of generated text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from service.domain import figure_dates
from service.domain.extraction import extract_article

_PLAIN = re.compile(figure_dates._DATE_HINT.pattern)  # the regex on lowercased text
_PIECES = (
    "2024", "12", "1/2", "3", "/", " ", "jan", "may", "mayor", "ago", "xago", "q1", "q", "day",
    "today", "last", "week", "_", "é", "a", ",", ".", "\n", "-", "'", "yesterday", "12345",
)  # fmt: skip
_ROOT = Path(__file__).resolve().parents[2]


def _agrees(text: str, lo: int, hi: int) -> bool:
    return figure_dates._hinted_lower(text, lo, hi) == (_PLAIN.search(text, lo, hi) is not None)


def test_hint_test_agrees_with_the_plain_regex_on_article_windows() -> None:
    for path in sorted((_ROOT / "tests" / "corpus").rglob("*.md"))[:12]:
        text = path.read_text(encoding="utf-8").lower()
        for lo in range(0, len(text), 37):
            assert _agrees(text, lo, min(len(text), lo + 120)), (path.name, lo)


def test_hint_test_agrees_with_the_plain_regex_on_generated_text() -> None:
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10)))
        lo = rng.randint(0, len(text))
        assert _agrees(text, lo, rng.randint(lo, len(text))), text


def _as_of(text: str, figure: str) -> dt.date | None:
    article = extract_article(text=text, published_at=dt.datetime(2025, 3, 19, 12, 0))
    found = [a for c in article.claims for a in c.assertions if a.text == figure]
    assert found, figure
    return found[0].as_of


def test_a_figure_in_a_clause_a_past_date_heads_is_of_that_date() -> None:
    text = "The worst accident in Polish mining since 2022, when explosions killed 18 miners."
    assert _as_of(text, "18 miners") == dt.date(2022, 1, 1)


def test_a_date_in_an_aside_does_not_date_the_figure_beside_it() -> None:
    text = (
        "The factory, which opened in 2009, employs about 450 workers, the agency said on Monday."
    )
    assert _as_of(text, "about 450 workers") != dt.date(2009, 1, 1)
    # the aside's own figure keeps the aside's date
    text = "The plant, which employed 300 people in 2009, closed on Monday."
    assert _as_of(text, "300 people") == dt.date(2009, 1, 1)


def test_a_figure_for_a_period_holds_at_the_period_s_end() -> None:
    article = extract_article(
        text=(
            "Consumer prices rose 2.9% in August, the statistics office said. Inflation "
            "had been 3.1% in July. The agency said 41,000 people were surveyed in August."
        ),
        published_at=dt.datetime(2025, 9, 12, 9, 0, tzinfo=dt.UTC),
    )
    by_text = {a.text: a for claim in article.claims for a in claim.assertions}
    assert by_text["3.1%"].as_of == dt.date(2025, 7, 31)
    assert by_text["41,000 people"].as_of == dt.date(2025, 8, 1)


def test_undated_results_are_for_the_quarter_the_lead_reports() -> None:
    article = extract_article(
        text=(
            "Harlow Foods reported second-quarter results on Tuesday that missed forecasts.\n\n"
            "Net income fell to $212 million. Sales were $3.1 billion.\n\n"
            "The company expects revenue of $3.3 billion next quarter."
        ),
        published_at=dt.datetime(2025, 7, 30, 9, 0, tzinfo=dt.UTC),
    )
    by_text = {a.text: a for claim in article.claims for a in claim.assertions}
    assert by_text["$212 million"].as_of == dt.date(2025, 6, 30)
    assert figure_dates.is_period_quantity("unemployment rate")
    assert not figure_dates.is_period_quantity("deaths")
