"""Run every benchmark and write bench/RESULTS.md.

    uv run python -m bench.run [--sizes 1000,10000,100000] [--engines sqlite,postgres]

For each engine and corpus size: a scratch database (SQLite file, or the PostgreSQL database
`factcheck_bench`, dropped afterwards) is migrated and bulk-loaded (`bench.loader`), a real
server is started (`factcheck serve` on a free port), and the reads, the ingest, the framework
ceiling and the server's peak memory are measured; at the largest size, throughput with one
and two workers. Extraction speed is measured once per run. Raw figures are merged into
`bench/results.json` (one entry per engine and size, newest wins), from which RESULTS.md is
rendered, so a run of one size does not erase the others.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import msgspec

import service.domain
from bench import extraction_instructions, wrk
from bench.corpus import extra_articles
from bench.databases import scratch_database, server_version
from bench.load import HEADERS, LoadResult, get_load, post_load
from bench.loader import Rows, build_rows, counts, extracted, write_rows
from bench.report import machine, render
from bench.server import running
from service.db.engine import make_engine
from service.db.migrate import upgrade

HERE = Path(__file__).resolve().parent


class Budget(msgspec.Struct, frozen=True):
    """How much each step may do: bounded in count and in time."""

    requests: int = 1000
    seconds: float = 15.0
    concurrency: int = 4
    ingest: int = 100
    ingest_clients: int = 4
    extraction_repeat: int = 5
    # articles of the callgrind count (None: all; 0: skip); it runs only where valgrind is
    instruction_articles: int | None = None


FULL = Budget()
QUICK = Budget(
    requests=40,
    seconds=1.5,
    concurrency=2,
    ingest=5,
    ingest_clients=2,
    extraction_repeat=1,
    instruction_articles=2,
)


def measure_extraction(budget: Budget) -> dict[str, Any]:
    """Words per second of `extract_article` on one core, shipped texts and synthetic ones, in
    each mode available: from source, and on the native build when a fresh one exists.

    Each mode runs in a process of its own (the package picks its mode once, at import). The
    headline is the mode this run's server uses."""
    modes = ["0", "1"] if service.domain.MODE == "native" else ["0"]
    by_mode: dict[str, Any] = {}
    repeat = str(budget.extraction_repeat)
    for native in modes:
        env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_NATIVE"}
        done = subprocess.run(
            [sys.executable, "-m", "bench.extraction_speed", "--json", "--repeat", repeat],
            env={**env, "FACTCHECK_NATIVE": native},
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(done.stdout.splitlines()[-1])
        by_mode[measured["mode"]] = measured
    result = {**by_mode[service.domain.MODE], "by_mode": by_mode}
    if budget.instruction_articles != 0 and extraction_instructions.available():
        # the host-independent figure: instructions per word, counted by callgrind
        result["instructions"] = extraction_instructions.measure(budget.instruction_articles)
    return result


def read_paths(rows: Rows, rng: random.Random) -> dict[str, list[str]]:
    """Requests of each read endpoint: popular and rare entities, random facts, conflicts."""
    by_entity = Counter(link["entity_id"] for link in rows.claim_entities)
    names = {row["id"]: row["name"] for row in rows.entities}
    popular = [entity_id for entity_id, _n in by_entity.most_common(10)]
    rare = rng.sample(sorted(by_entity), min(10, len(by_entity)))
    quote = urllib.parse.quote
    claims = [f"/claims?entity={quote(names[i])}" for i in popular + rare]
    facts = [f"/facts/{row['id']}" for row in rng.sample(rows.facts, min(50, len(rows.facts)))]
    return {
        "GET /claims?entity=": claims,
        "GET /facts/{id}": facts,
        "GET /conflicts": ["/conflicts"],
    }


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


async def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _load(url: str, rows: Rows) -> float:
    engine = make_engine(url)
    try:
        started = time.perf_counter()
        await write_rows(engine, rows)
        return time.perf_counter() - started
    finally:
        await engine.dispose()


class Prepared(msgspec.Struct, kw_only=True):
    """One corpus size, extracted and turned into rows once for every engine."""

    size: int
    rows: Rows
    paths: dict[str, list[str]]
    figures: dict[str, Any]


def prepare(size: int) -> Prepared:
    """The corpus of `size` sources, its rows and the read paths the benchmarks request."""
    articles, results, extract_seconds = extracted(size)
    started = time.perf_counter()
    rows = build_rows(articles, results)
    figures = {
        "extract_seconds": extract_seconds,
        "rows_seconds": time.perf_counter() - started,
        "rows": counts(rows),
        "conflict_facts": sum(1 for f in rows.facts if f["verdict"] == "conflict"),
    }
    paths = read_paths(rows, random.Random(size))
    return Prepared(size=size, rows=rows, paths=paths, figures=figures)


def bench_size(
    engine_name: str,
    prepared: Prepared,
    budget: Budget,
    *,
    largest: bool,
    servers: Sequence[str],
) -> dict[str, Any]:
    """Every per-size figure of one engine: load, reads, ingest, ceiling, memory, workers."""
    size, rows, paths = prepared.size, prepared.rows, prepared.paths
    result: dict[str, Any] = {"engine": engine_name, "size": size, "load_before": load_average()}
    result["date"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    result.update(prepared.figures)
    fresh = extra_articles(2 * budget.ingest)
    quick = budget.requests <= QUICK.requests
    name = f"factcheck_smoke_{os.getpid()}" if quick else "factcheck_bench"
    with scratch_database(engine_name, name) as url:
        asyncio.run(_migrate(url))
        result["write_seconds"] = asyncio.run(_load(url, rows))
        result["db_version"] = asyncio.run(server_version(url))
        with running(url) as server:
            result["reads"] = _reads(server.base_url, paths, budget)
            result["ceiling"] = _ceiling(server.base_url, url, paths, budget)
            one = asyncio.run(
                post_load(server.base_url, [a.payload() for a in fresh[: budget.ingest]])
            )
            many = asyncio.run(
                post_load(
                    server.base_url,
                    [a.payload() for a in fresh[budget.ingest :]],
                    concurrency=budget.ingest_clients,
                )
            )
            result["ingest"] = {"one_client": _plain(one), "clients": _plain(many)}
            result["peak_rss_mb"] = server.peak_rss_mb()
        # The same reads with the read cache off: every request reads the database.
        with running(url, env={"FACTCHECK_READ_CACHE_MB": "0"}) as uncached:
            for label, endpoint_paths in paths.items():
                latency = _get(
                    uncached.base_url,
                    endpoint_paths,
                    concurrency=1,
                    requests=budget.requests // 2,
                    seconds=budget.seconds / 2,
                )
                result["reads"][label]["uncached"] = _plain(latency)
        if largest:
            result["workers"] = _workers(url, paths, budget, servers)
    result["load_after"] = load_average()
    return result


def _plain(load: LoadResult) -> dict[str, Any]:
    return msgspec.to_builtins(load)  # type: ignore[no-any-return]


def _get(
    base_url: str, paths: Sequence[str], *, concurrency: int, requests: int, seconds: float
) -> LoadResult:
    """A GET load from wrk when it is installed (bounded in time), else from httpx."""
    if wrk.available():
        return wrk.wrk_load(base_url, paths, concurrency=concurrency, seconds=seconds)
    return asyncio.run(
        get_load(base_url, paths, concurrency=concurrency, requests=requests, seconds=seconds)
    )


def _reads(base_url: str, paths: dict[str, list[str]], budget: Budget) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, endpoint_paths in paths.items():
        latency = _get(
            base_url,
            endpoint_paths,
            concurrency=1,
            requests=budget.requests // 2,
            seconds=budget.seconds / 2,
        )
        throughput = _get(
            base_url,
            endpoint_paths,
            concurrency=budget.concurrency,
            requests=budget.requests,
            seconds=budget.seconds / 2,
        )
        out[label] = {"latency": _plain(latency), "throughput": _plain(throughput)}
    return out


def _ceiling(
    base_url: str, url: str, paths: dict[str, list[str]], budget: Budget
) -> dict[str, float]:
    """GET /claims against the bare framework endpoint returning the same bytes, same load.

    Both servers run side by side and are measured in three alternating rounds; the best
    round of each counts, so a burst of other work on the machine does not pick the winner.
    """
    path = paths["GET /claims?entity="][0]
    body = httpx.get(base_url + path, headers=HEADERS, timeout=30).content
    real_rps: list[float] = []
    bare_rps: list[float] = []
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(body)
        handle.flush()
        with running(url, kind="bare", env={"FACTCHECK_BENCH_BODY": handle.name}) as bare_server:
            targets = ((base_url, path, real_rps), (bare_server.base_url, "/claims", bare_rps))
            for _round in range(3):
                for origin, target, into in targets:
                    load = _get(
                        origin,
                        [target],
                        concurrency=budget.concurrency,
                        requests=max(budget.requests // 3, 10),
                        seconds=budget.seconds / 3,
                    )
                    into.append(load.rps)
    real, bare = max(real_rps), max(bare_rps)
    return {
        "body_bytes": len(body),
        "claims_rps": real,
        "bare_rps": bare,
        "ratio": real / bare if bare else 0.0,
    }


def _workers(
    url: str, paths: dict[str, list[str]], budget: Budget, servers: Sequence[str]
) -> dict[str, Any]:
    """Read throughput (claims and facts mixed) by server and worker count.

    Every configuration runs side by side and they take turns in three rounds, so a burst of
    other work on the machine lands on all of them alike; the median round of each counts.
    """
    mixed = paths["GET /claims?entity="] + paths["GET /facts/{id}"]
    configs = [(kind, workers) for kind in servers for workers in (1, 2)]
    rounds: dict[str, list[float]] = {f"{kind} x{workers}": [] for kind, workers in configs}
    with contextlib.ExitStack() as stack:
        started: dict[str, str] = {}
        for kind, workers in configs:
            try:
                server = stack.enter_context(running(url, kind=kind, workers=workers))
            except RuntimeError as error:
                print(f"{kind} x{workers}: {error}", file=sys.stderr)
                continue
            started[f"{kind} x{workers}"] = server.base_url
        for _round in range(3):
            for name, base_url in started.items():
                load = _get(
                    base_url,
                    mixed,
                    concurrency=2 * budget.concurrency,
                    requests=2 * budget.requests,
                    seconds=budget.seconds / 3,
                )
                rounds[name].append(load.rps)
    return {
        name: {"rps": statistics.median(values), "rounds": values}
        for name, values in rounds.items()
        if values
    }


def run(
    sizes: Sequence[int],
    engines: Sequence[str],
    budget: Budget,
    results_path: Path,
    output: Path,
    servers: Sequence[str] = ("uvicorn",),
) -> dict[str, Any]:
    """Run the benchmarks, merge into `results_path`, render `output`; returns the results."""
    data: dict[str, Any] = (
        msgspec.json.decode(results_path.read_bytes()) if results_path.exists() else {}
    )
    data["machine"] = machine()
    print(f"extraction (load {load_average()})", flush=True)
    data["extraction"] = {**measure_extraction(budget), "load": load_average()}
    runs: dict[str, Any] = data.setdefault("runs", {})
    results_path.write_bytes(msgspec.json.format(msgspec.json.encode(data)))
    output.write_text(render(data), encoding="utf-8")
    for size in sizes:
        prepared = prepare(size)
        for engine_name in engines:
            print(f"{engine_name} {size} (load {load_average()})", flush=True)
            result = bench_size(
                engine_name, prepared, budget, largest=size == max(sizes), servers=servers
            )
            runs[f"{engine_name}:{size}"] = result
            results_path.write_bytes(msgspec.json.format(msgspec.json.encode(data)))
            output.write_text(render(data), encoding="utf-8")
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument(
        "--servers", default="uvicorn", help="uvicorn,granian: compared at the largest size"
    )
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    parser.add_argument("--seconds", type=float, default=FULL.seconds)
    parser.add_argument("--requests", type=int, default=FULL.requests)
    args = parser.parse_args(argv)
    budget = Budget(requests=args.requests, seconds=args.seconds)
    run(
        [int(s) for s in args.sizes.split(",") if s],  # --sizes "": extraction only
        args.engines.split(","),
        budget,
        args.results,
        args.output,
        servers=args.servers.split(","),
    )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
