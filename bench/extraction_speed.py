"""Extraction throughput: words per second of `extract_article` on one core.

Usage: `uv run python -m bench.extraction_speed [--repeat N] [--profile] [--json]`

It runs the pure core as the package loaded it: the native build when a fresh one exists
(`make native`), else the sources; `FACTCHECK_NATIVE=0` or `=1` picks. The mode is printed.

The headline figure is words per CPU second of this (single-threaded) process, so a busy
machine does not distort it; wall-clock words/s are printed beside it.

The corpus is every seed (seeds/*.txt) and corpus article (tests/corpus/**/*.md), front matter
split off, as plain text. Each article is extracted `--repeat` times after one warm-up pass
(the knowledge base and compiled regexes are loaded once, as in the service); before each
pass the caches keyed by a text are emptied, so every pass reads the articles as new. Words are
whitespace-separated tokens of the raw body. `--profile` prints the top functions by
cumulative time (cProfile; it sees nothing inside compiled modules). `--json` prints one JSON
object instead, with the synthetic articles' rate beside the corpus's (`bench.run` uses it).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import service.domain
from bench.corpus import build_corpus
from service.domain import company_evidence, dates, number_context
from service.domain.cleanup import parse_front_matter
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.services.collector import spare_long_lived

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
    # as the server does at start-up: the knowledge base is out of the collector's walks
    spare_long_lived("start-up")
    words = 0
    cpu = 0.0
    started = time.perf_counter()
    for _ in range(repeat):
        forget_read_texts()
        cpu_started = time.process_time()
        for body, when in articles:
            extract_article(text=body, published_at=when, kb=kb)
            words += len(body.split())
        cpu += time.process_time() - cpu_started
    return words, time.perf_counter() - started, cpu


def forget_read_texts() -> None:
    """Empty the caches keyed by a text (each sentence's dates, the words before a figure, an
    article's company scan), so that every pass reads its articles as new ones.

    Without this a second pass finds every sentence's dates cached and runs faster than a
    server reading new articles. Word-level caches stay: a running server has them warm."""
    dates._resolve_cached.cache_clear()
    number_context._left_tokens.cache_clear()
    company_evidence.scan.cache_clear()


def synthetic_rate(count: int) -> tuple[int, float]:
    """(words, words per CPU second) of `extract_article` over `count` synthetic articles."""
    kb = KnowledgeBase.shipped()
    synthetic = build_corpus(count, seed=5)
    started = time.process_time()
    words = 0
    for article in synthetic:
        extract_article(text=article.text, published_at=article.published_at, kb=kb)
        words += len(article.text.split())
    return words, words / max(time.process_time() - started, 1e-9)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extract_article throughput")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    articles = corpus()
    if args.json:
        words, _seconds, cpu = run(articles, args.repeat)
        synthetic_words, synthetic_per_second = synthetic_rate(100 if args.repeat > 1 else 20)
        result = {
            "mode": service.domain.MODE,
            "corpus_words": words,
            "corpus_words_per_second": words / cpu,
            "synthetic_words": synthetic_words,
            "synthetic_words_per_second": synthetic_per_second,
        }
        print(json.dumps(result))
        return 0
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        words, seconds, cpu = run(articles, args.repeat)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    else:
        words, seconds, cpu = run(articles, args.repeat)
    print(
        f"mode={service.domain.MODE} articles={len(articles)} repeat={args.repeat} words={words} "
        f"wall_seconds={seconds:.3f} cpu_seconds={cpu:.3f} "
        f"words_per_second={words / cpu:,.0f} (CPU, one core) "
        f"wall_words_per_second={words / seconds:,.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
