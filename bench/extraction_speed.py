"""Extraction throughput: words per second of `extract_article` on one core.

Usage: `uv run python -m bench.extraction_speed [--repeat N] [--profile]`

The headline figure is words per CPU second of this (single-threaded) process, so a busy
machine does not distort it; wall-clock words/s are printed beside it.

The corpus is every seed (seeds/*.txt) and corpus article (tests/corpus/**/*.md), front matter
split off, as plain text. Each article is extracted `--repeat` times after one warm-up pass
(the knowledge base and compiled regexes are loaded once, as in the service). Words are
whitespace-separated tokens of the raw body. `--profile` prints the top functions by
cumulative time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from service.domain.cleanup import parse_front_matter
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[tuple[str, dt.datetime | None]]:
    """(body, published_at) of every seed and corpus article."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "corpus").rglob("*.md"))
    out: list[tuple[str, dt.datetime | None]] = []
    for path in paths:
        if path.name.lower() == "readme.md":
            continue
        meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
        published = meta.get("published_at")
        when = dt.datetime.fromisoformat(published) if published else None
        out.append((body, when))
    return out


def run(
    articles: Sequence[tuple[str, dt.datetime | None]], repeat: int
) -> tuple[int, float, float]:
    """Extract every article `repeat` times; return (words, wall seconds, CPU seconds).

    CPU time of this process is the one-core figure; wall time also counts waiting for the
    CPU when other work shares the machine."""
    kb = KnowledgeBase.shipped()
    for body, when in articles:  # warm-up: caches, lazy tables
        extract_article(text=body, published_at=when, kb=kb)
    words = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for body, when in articles:
            extract_article(text=body, published_at=when, kb=kb)
            words += len(body.split())
    return words, time.perf_counter() - started, time.process_time() - cpu_started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extract_article throughput")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    articles = corpus()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        words, seconds, cpu = run(articles, args.repeat)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    else:
        words, seconds, cpu = run(articles, args.repeat)
    print(
        f"articles={len(articles)} repeat={args.repeat} words={words} "
        f"wall_seconds={seconds:.3f} cpu_seconds={cpu:.3f} "
        f"words_per_second={words / cpu:,.0f} (CPU, one core) "
        f"wall_words_per_second={words / seconds:,.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
