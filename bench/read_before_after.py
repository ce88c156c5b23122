"""Time the read services of an older revision against the working tree, on one database.

    uv run python -m bench.read_before_after [--size 10000] [--engine postgres] [--rev REV]

Loads the synthetic corpus (`bench.loader`), then calls `list_claims(entity=...)`,
`get_fact` and `list_conflicts` of both implementations in turn, in one process, so the
machine's load hits both alike. The older modules are read with `git show REV:path`.
Prints median and p99 milliseconds per call. No HTTP: this isolates the service code.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.databases import scratch_database
from bench.loader import build_rows, extracted, write_rows
from bench.server import ROOT
from service.db.engine import make_engine, make_sessionmaker
from service.db.migrate import upgrade

BEFORE = "5dab4b0"  # the ORM-object reads, before the column-query rewrite


def _old_module(rev: str, path: str, name: str, folder: Path, rewrite: dict[str, str]) -> Any:
    source = subprocess.run(
        ["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    for old, new in rewrite.items():
        source = source.replace(old, new)
    file = folder / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


async def _time(call: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        await call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):6.1f} ms  p99 {p99:6.1f} ms"


async def compare(url: str, size: int, rev: str, repeat: int) -> list[str]:
    articles, results, _seconds = extracted(size)
    rows = build_rows(articles, results)
    engine = make_engine(url)
    await upgrade(engine)
    await write_rows(engine, rows)
    rng = random.Random(size)
    names = {row["id"]: row["name"] for row in rows.entities}
    popular = max(names, key=lambda i: sum(1 for c in rows.claim_entities if c["entity_id"] == i))
    fact_ids = [f["id"] for f in rng.sample(rows.facts, min(50, len(rows.facts)))]
    from service.services import claims as new_claims
    from service.services import facts as new_facts

    with tempfile.TemporaryDirectory() as folder:
        old_claims = _old_module(rev, "service/services/claims.py", "old_claims", Path(folder), {})
        old_facts = _old_module(
            rev,
            "service/services/facts.py",
            "old_facts",
            Path(folder),
            {"from service.services.claims import": "from old_claims import"},
        )
        sessions = make_sessionmaker(engine)
        lines = []
        for label, claims_mod, facts_mod in (
            ("before", old_claims, old_facts),
            ("after", new_claims, new_facts),
        ):
            async with sessions() as session:
                entity = names[popular]

                async def claims_call(mod: Any = claims_mod, entity: str = entity) -> object:
                    return await mod.list_claims(
                        session, entity=entity, source_id=None, q=None, speaker=None,
                        limit=50, cursor=None,
                    )  # fmt: skip

                ids = iter(fact_ids * repeat)

                async def fact_call(mod: Any = facts_mod, ids: Any = ids) -> object:
                    return await mod.get_fact(session, next(ids))

                async def conflicts_call(mod: Any = facts_mod) -> object:
                    return await mod.list_conflicts(session, entity=None, limit=50, cursor=None)

                for name, call in (
                    ("list_claims(entity)", claims_call),
                    ("get_fact", fact_call),
                    ("list_conflicts", conflicts_call),
                ):
                    await call()
                    lines.append(f"{label:6} {name:20} {_stats(await _time(call, repeat))}")
    await engine.dispose()
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="read services: older revision vs now")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--engine", default="postgres")
    parser.add_argument("--rev", default=BEFORE)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args(argv)
    with scratch_database(args.engine, "factcheck_bench_compare") as url:
        lines = asyncio.run(compare(url, args.size, args.rev, args.repeat))
    print(f"{args.engine}, {args.size:,} sources, {args.repeat} calls each")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
