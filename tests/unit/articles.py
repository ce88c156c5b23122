"""The real articles the unit tests read: the test corpus and the seeds."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def article_paths() -> list[Path]:
    """Every corpus article (tests/corpus, its READMEs left out), then every seed."""
    corpus = sorted((ROOT / "tests" / "corpus").rglob("*.md"))
    articles = [path for path in corpus if path.name.lower() != "readme.md"]
    return articles + sorted((ROOT / "seeds").glob("*.txt"))
