"""Snapshot of extraction output: proves a speed change leaves every result byte-identical.

Usage: `uv run python -m bench.extraction_snapshot OUT.json [--compare BASELINE.json]`

Runs `extract_article` over every article in seeds/, tests/corpus, tests/heldout and the
synthetic corpus (`build_corpus(300, seed=5)`) and writes the msgspec JSON of all results,
one line per article, to OUT. With `--compare`, reports the first article whose output
differs from BASELINE and exits 1 if any does. The held-out articles are only run, never read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import msgspec

from bench.corpus import build_corpus
from service.domain.cleanup import parse_front_matter
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def _file_articles() -> Iterator[tuple[str, str, dt.datetime | None, str | None]]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "corpus").rglob("*.md"))
    paths += sorted((ROOT / "tests" / "heldout").rglob("*.md"))
    for path in paths:
        if path.name.lower() == "readme.md":
            continue
        meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
        published = meta.get("published_at")
        when = dt.datetime.fromisoformat(published) if published else None
        yield str(path.relative_to(ROOT)), body, when, meta.get("title")


def articles() -> Iterator[tuple[str, str, dt.datetime | None, str | None]]:
    """(name, text, published_at, title) of every article the snapshot covers."""
    yield from _file_articles()
    for index, article in enumerate(build_corpus(300, seed=5)):
        yield f"synthetic/{index}", article.text, article.published_at, article.title


def snapshot_lines() -> Iterator[bytes]:
    """One JSON line per article: its name and its whole extraction result."""
    kb = KnowledgeBase.shipped()
    for name, text, when, title in articles():
        result = extract_article(text=text, published_at=when, title=title, kb=kb)
        yield msgspec.json.encode({"article": name, "result": result})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extraction output snapshot")
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    lines = list(snapshot_lines())
    args.out.write_bytes(b"\n".join(lines) + b"\n")
    print(f"{len(lines)} articles -> {args.out}")
    if args.compare is None:
        return 0
    baseline = args.compare.read_bytes().splitlines()
    if baseline == lines:
        print("identical to", args.compare)
        return 0
    for old, new in zip(baseline, lines, strict=False):
        if old != new:
            print("DIFFERS:", msgspec.json.decode(new)["article"])
            break
    else:
        print(f"article count differs: {len(baseline)} -> {len(lines)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
