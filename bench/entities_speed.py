"""Words per second of entity finding (knowledge-base scan + discovery) on the seed articles.

uv run python -m bench.entities_speed [PATH ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from service.domain.entities import find_entities
from service.domain.knowledge import KnowledgeBase


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(Path("../shared/seeds").glob("*.txt"))
    if not files:
        files = sorted(Path("/work/shared/seeds").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    started = time.perf_counter()
    kb = KnowledgeBase.shipped()
    load = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    find_entities(texts[0], kb)  # warm the common-word list
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            kb.scan(text)
    scan = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            find_entities(text, kb)
    full = time.perf_counter() - started
    print(f"KB {kb.version}: {len(kb)} entities, loaded in {load * 1000:.0f} ms")
    print(f"scan only:     {words * rounds / scan:,.0f} words/s")
    print(f"find_entities: {words * rounds / full:,.0f} words/s ({words} words x {rounds})")


if __name__ == "__main__":
    main(sys.argv[1:])
