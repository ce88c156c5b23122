"""Words per second of entity finding (knowledge-base scan + discovery) on one core.

    uv run python -m bench.entities_speed [PATH ...]

Defaults to the seed articles plus the test corpus. CPU time of this process, best of several
repeats, so other work on the machine does not skew the figure.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from service.domain.entities import find_entities
from service.domain.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]


def _best_rate(words: int, run: Callable[[], object], repeats: int = 7) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return words / best if best > 0 else float("inf")


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *sorted((ROOT / "tests" / "corpus").glob("*/*.md")),
    ]
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    kb = KnowledgeBase.shipped()
    load = time.perf_counter() - started
    cold_started = time.process_time()
    for text in texts:
        find_entities(text, kb)
    cold = words / max(time.process_time() - cold_started, 1e-9)
    scan = _best_rate(words, lambda: [kb.scan(t) for t in texts])
    full = _best_rate(words, lambda: [find_entities(t, kb) for t in texts])
    print(f"KB {kb.version}: {len(kb)} entities, loaded in {load * 1000:.0f} ms")
    print(f"{len(texts)} texts, {words} words")
    print(f"first pass (cold caches): {cold:,.0f} words/s")
    print(f"scan only:                {scan:,.0f} words/s")
    print(f"find_entities:            {full:,.0f} words/s")


if __name__ == "__main__":
    main(sys.argv[1:])
