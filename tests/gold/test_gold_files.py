"""Consistency of the hand-checked gold (tests/gold/corpus, tests/gold/heldout, tests/gold/heldout3)
with articles.

These tests check the data, not the engine: every gold figure is found where the gold says,
every digit of every article body is either a gold figure or a listed non-figure, and every
assertion belongs to exactly one fact.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_SETS = {
    "corpus": ROOT / "tests" / "corpus",
    "heldout": ROOT / "tests" / "heldout",
    "heldout3": ROOT / "tests" / "heldout3",
}
GOLD_FILES = sorted(
    path for name in GOLD_SETS for path in (ROOT / "tests" / "gold" / name).glob("*.json")
)
QUALIFIERS = {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"}
VERDICTS = {"single", "agree", "conflict", "revised"}
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _body(path: Path) -> tuple[dict[str, str], str]:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\n"), path
    end = raw.index("\n---\n", 4)
    front = dict(line.split(": ", 1) for line in raw[4:end].splitlines())
    return front, raw[end + 5 :]


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_assertions_sit_where_the_gold_says(gold_path: Path) -> None:
    gold = _gold(gold_path)
    assert gold["version"] == 1
    for article in gold["articles"]:
        front, body = _body(ROOT / article["file"])
        assert front["published_at"] == article["published_at"]
        assert front["url"].startswith("https://example.org/")
        dt.datetime.fromisoformat(article["published_at"])
        covered: list[tuple[int, int]] = []
        for a in article["assertions"]:
            pos = _nth(body, a["text"], a["occurrence"])
            assert pos >= 0, (article["file"], a["text"], a["occurrence"])
            assert a["qualifier"] in QUALIFIERS
            if a["qualifier"] in {"exact", "approx"}:
                assert a["low"] == a["high"] is not None, a["text"]
            if a["low"] is not None and a["high"] is not None:
                assert a["low"] <= a["high"], a["text"]
            if a["as_of"] is not None:
                dt.date.fromisoformat(a["as_of"])
            covered.append((pos, pos + len(a["text"])))
        for nf in article["non_figures"]:
            start = body.find(nf)
            assert start >= 0, (article["file"], nf)
            while start >= 0:
                covered.append((start, start + len(nf)))
                start = body.find(nf, start + 1)
        for m in DIGITS.finditer(body):
            assert any(s <= m.start() and m.end() <= e for s, e in covered), (
                article["file"],
                body[max(0, m.start() - 30) : m.end() + 30],
            )


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_assertion_belongs_to_one_fact(gold_path: Path) -> None:
    gold = _gold(gold_path)
    keys = [
        (art["file"], a["text"], a["occurrence"])
        for art in gold["articles"]
        for a in art["assertions"]
    ]
    members = [tuple(m) for fact in gold["facts"] for m in fact["members"]]
    assert sorted(members) == sorted(keys)
    for fact in gold["facts"]:
        assert fact["verdict"] in VERDICTS
        fact_members = {tuple(m) for m in fact["members"]}
        assert {tuple(m) for m in fact["revised_members"]} <= fact_members
        files = {m[0] for m in fact["members"]}
        assert (fact["verdict"] == "single") == (len(files) == 1), fact["label"]


def _word_nth(text: str, needle: str, n: int) -> int:
    hits = [
        m.start()
        for m in re.finditer(r"(?<![\w.,])" + re.escape(needle) + r"(?![\w]|[.,]\d)", text)
    ]
    return hits[n] if n < len(hits) else -1


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_substring_and_whole_word_occurrences_agree(gold_path: Path) -> None:
    # A gold text such as "14" must not also sit inside "146": a reader who counts whole
    # words and one who counts substrings must land on the same place.
    for article in _gold(gold_path)["articles"]:
        _, body = _body(ROOT / article["file"])
        for a in article["assertions"]:
            assert _nth(body, a["text"], a["occurrence"]) == _word_nth(
                body, a["text"], a["occurrence"]
            ), (article["file"], a["text"], a["occurrence"])


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_titles_hold_no_figure(gold_path: Path) -> None:
    for article in _gold(gold_path)["articles"]:
        front, _ = _body(ROOT / article["file"])
        assert not re.search(r"\d", front["title"]), article["file"]


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_every_article_has_gold(name: str) -> None:
    articles = {str(p.relative_to(ROOT)) for p in GOLD_SETS[name].glob("*/*.md")}
    gold_files = (ROOT / "tests" / "gold" / name).glob("*.json")
    gold = {art["file"] for path in gold_files for art in _gold(path)["articles"]}
    assert articles and articles == gold
