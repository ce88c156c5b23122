"""Extraction cost in CPU instructions per word: a figure that does not depend on the host.

Usage: `uv run python -m bench.extraction_instructions [--articles N] [--json]`

Words per second move with the machine: the same commit measured 89,500-92,300 words/s on
one host and 62,500 on another a day later. Instructions do not: callgrind counts them
exactly, whatever else the machine is doing, so this is the figure to compare commits by.

Two child processes run under `valgrind --tool=callgrind`, each loading the knowledge base
and extracting every article once to warm up; the second then extracts them once more, as
new texts (`extraction_speed.forget_read_texts`). The difference of their totals is one pass
over the articles, start-up excluded. Needs valgrind (Debian's `valgrind`); the pure core
runs in the mode the package picks (`FACTCHECK_NATIVE`), which is printed. A run takes
about two minutes (valgrind slows Python ~50x; the two children run side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_COLLECTED = re.compile(r"Collected : (\d+)")


def available() -> bool:
    return shutil.which("valgrind") is not None


def _child(passes: int, articles: int | None) -> None:
    """Warm up on the articles, then extract them `passes` more times as new texts."""
    import service.domain
    from bench.extraction_speed import corpus, forget_read_texts
    from service.domain.extraction import extract_article
    from service.domain.knowledge import KnowledgeBase
    from service.services.collector import spare_long_lived

    texts = corpus()[:articles]
    kb = KnowledgeBase.shipped()
    for body, when in texts:
        extract_article(text=body, published_at=when, kb=kb)
    spare_long_lived("start-up")
    for _ in range(passes):
        forget_read_texts()
        for body, when in texts:
            extract_article(text=body, published_at=when, kb=kb)
    words = sum(len(body.split()) for body, _ in texts)
    print(json.dumps({"mode": service.domain.MODE, "words": words}))


def _instructions(passes: int, articles: int | None, folder: Path) -> tuple[int, dict[str, str]]:
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={folder / f'callgrind.{passes}.out'}",
        sys.executable,
        "-m",
        "bench.extraction_instructions",
        "--child",
        str(passes),
    ]
    if articles is not None:
        command += ["--articles", str(articles)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ)
    collected = _COLLECTED.findall(done.stderr)
    if not collected:
        raise RuntimeError(f"callgrind printed no total:\n{done.stderr[-2000:]}")
    return int(collected[-1]), json.loads(done.stdout.splitlines()[-1])


def measure(articles: int | None = None) -> dict[str, int | float | str]:
    """Instructions of one extraction pass over the articles, and per word."""
    with tempfile.TemporaryDirectory(prefix="factcheck-callgrind-") as tmp:
        folder = Path(tmp)
        with ThreadPoolExecutor(max_workers=2) as pool:
            warm_only = pool.submit(_instructions, 0, articles, folder)
            warm_and_pass = pool.submit(_instructions, 1, articles, folder)
            base, _ = warm_only.result()
            total, child = warm_and_pass.result()
    words = int(child["words"])
    one_pass = total - base
    return {
        "mode": str(child["mode"]),
        "words": words,
        "instructions": one_pass,
        "instructions_per_word": one_pass / max(words, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extraction instructions per word (callgrind)")
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child(args.child, args.articles)
        return 0
    if not available():
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    result = measure(args.articles)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"mode={result['mode']} words={result['words']} "
            f"instructions={result['instructions']:,} "
            f"instructions_per_word={result['instructions_per_word']:,.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
