"""Read latency of the real app on a database kept between runs, and why it is what it is.

    uv run python -m bench.read_probe --engine postgres --size 100000 [--requests 400]
        [--latency] [--queries] [--explain] [--ceiling] [--rebuild]

The database (PostgreSQL `factcheck_reads_<size>`, or a SQLite file under
`/tmp/factcheck-reads`) is built once with `bench.loader`, as `bench.run` builds its own, and
kept: later runs only apply new migrations to it. The request paths are those of
`bench.run.read_paths`, recomputed from the database (same random draws, same order).

- `--latency`: a real server (`factcheck serve`), one client, requests in sequence: p50/p99
  per endpoint, and the server process's CPU milliseconds per request (steadier than wall
  time on a shared machine).
- `--queries`: the app in-process; the SQL statements behind one request of each kind,
  counted with a SQLAlchemy cursor event.
- `--explain`: those statements again under EXPLAIN ANALYZE (PostgreSQL) or EXPLAIN QUERY
  PLAN (SQLite).
- `--ceiling`: `GET /claims?entity=` against the bare Litestar endpoint, as `bench.run` does.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import sys
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.databases import POSTGRES_ADMIN, admin
from bench.load import HEADERS, get_load
from bench.loader import CACHE, build_rows, extracted, write_rows
from bench.run import FULL, Budget, _ceiling, load_average
from bench.server import running
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import ClaimEntity, Entity, Fact, Source

SQLITE_FOLDER = Path("/tmp/factcheck-reads")
TICKS = os.sysconf("SC_CLK_TCK")


def database_url(engine: str, size: int) -> str:
    if engine == "sqlite":
        return f"sqlite+aiosqlite:///{SQLITE_FOLDER / f'reads-{size}.db'}"
    base, _, _db = POSTGRES_ADMIN.rpartition("/")
    return f"{base}/{database_name(size)}"


def database_name(size: int) -> str:
    label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    return f"factcheck_reads_{label}"


def _sqlite_folder(size: int, rebuild: bool) -> None:
    SQLITE_FOLDER.mkdir(parents=True, exist_ok=True)
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FOLDER / f'reads-{size}.db'}{suffix}").unlink(missing_ok=True)


async def ensure_database(engine_name: str, size: int, rebuild: bool) -> str:
    """A migrated database holding the corpus of `size` sources; built only when missing."""
    url = database_url(engine_name, size)
    if engine_name == "sqlite":
        _sqlite_folder(size, rebuild)
    else:
        name = database_name(size)
        if rebuild:
            await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server = create_async_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        try:
            async with server.connect() as connection:
                exists = await connection.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
                )
                if not exists:
                    await connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            await server.dispose()
    engine = make_engine(url)
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            loaded = await connection.scalar(select(func.count()).select_from(Source))
        if not loaded:
            articles, results, _seconds = extracted(size)
            print(f"loading {size:,} sources into {url}", flush=True)
            await write_rows(engine, build_rows(articles, results))
    finally:
        await engine.dispose()
    return url


async def probe_paths(engine: AsyncEngine, size: int) -> dict[str, list[str]]:
    """`bench.run.read_paths` of the loaded corpus, computed from the database."""
    rng = random.Random(size)
    async with engine.connect() as connection:
        mentions = func.count().label("mentions")
        # Counter.most_common breaks ties by first appearance: the lowest (claim, entity).
        popular = list(
            await connection.scalars(
                select(ClaimEntity.entity_id)
                .group_by(ClaimEntity.entity_id)
                .order_by(mentions.desc(), func.min(ClaimEntity.claim_id), ClaimEntity.entity_id)
                .limit(10)
            )
        )
        linked = sorted(await connection.scalars(select(ClaimEntity.entity_id).distinct()))
        rare = rng.sample(linked, min(10, len(linked)))
        names = dict(
            (
                await connection.execute(
                    select(Entity.id, Entity.name).where(Entity.id.in_(popular + rare))
                )
            ).all()
        )
        fact_ids = list(await connection.scalars(select(Fact.id).order_by(Fact.id)))
    facts = rng.sample(fact_ids, min(50, len(fact_ids)))
    quote = urllib.parse.quote
    return {
        "GET /claims?entity=": [f"/claims?entity={quote(names[i])}" for i in popular + rare],
        "GET /facts/{id}": [f"/facts/{i}" for i in facts],
        "GET /conflicts": ["/conflicts"],
    }


def _cpu_seconds(pids: Sequence[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _server_pids(root: int) -> list[int]:
    pids = [root]
    for task in Path(f"/proc/{root}/task").iterdir():
        for child in (task / "children").read_text().split():
            pids.extend(_server_pids(int(child)))
    return pids


def latency(url: str, paths: dict[str, list[str]], requests: int) -> list[str]:
    lines = []
    with running(url) as server:
        pids = _server_pids(server.process.pid)
        for label, endpoint_paths in paths.items():
            before = _cpu_seconds(pids)
            result = asyncio.run(
                get_load(server.base_url, endpoint_paths, requests=requests, seconds=120)
            )
            cpu_ms = (_cpu_seconds(pids) - before) * 1000 / max(result.requests, 1)
            lines.append(
                f"{label:22} p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms  "
                f"{result.rps:5.0f} req/s  server CPU {cpu_ms:5.2f} ms/req  "
                f"n={result.requests} errors={result.errors}"
            )
    return lines


class Recorder:
    """Every statement the app's engine sends, with its parameters."""

    def __init__(self, *engines: AsyncEngine) -> None:
        self.statements: list[tuple[str, Any]] = []
        for engine in dict.fromkeys(engines):
            event.listen(engine.sync_engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.statements.append((statement, parameters))


async def queries(url: str, paths: dict[str, list[str]], explain: bool) -> list[str]:
    """Statements per request of each endpoint (in-process app), optionally explained."""
    from litestar.testing import AsyncTestClient

    from service.app import create_app
    from service.settings import Settings

    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = create_app(Settings(database_url=url, webhook_dispatch=False))
    recorder = Recorder(app.state.engine, app.state.read_engine)
    cache = app.state.read_cache
    samples = {
        "claims (popular entity)": paths["GET /claims?entity="][0],
        "claims (rare entity)": paths["GET /claims?entity="][-1],
        "fact": paths["GET /facts/{id}"][0],
        "conflicts": "/conflicts",
        "conflicts page 2": None,
    }
    lines: list[str] = []
    explained: list[tuple[str, list[tuple[str, Any]]]] = []
    async with AsyncTestClient(app, base_url="http://probe.local") as client:
        for label, path in samples.items():
            if path is None:  # the page after the first, by the first page's cursor
                cursor = (await client.get("/conflicts", headers=HEADERS)).json()["next_cursor"]
                path = f"/conflicts?cursor={cursor}"
            await client.get(path, headers=HEADERS)  # warm: statement compilation, pools
            cache.clear()  # the miss: every query behind the page
            recorder.statements.clear()
            started = time.perf_counter()
            response = await client.get(path, headers=HEADERS)
            elapsed = (time.perf_counter() - started) * 1000
            captured = list(recorder.statements)
            recorder.statements.clear()
            started = time.perf_counter()
            await client.get(path, headers=HEADERS)
            hit_ms = (time.perf_counter() - started) * 1000
            lines.append(
                f"{label}: {path[:60]} -> {response.status_code}, {len(response.content):,} "
                f"bytes; miss: {len(captured)} statements, {elapsed:.1f} ms in-process; "
                f"hit: {len(recorder.statements)} statements, {hit_ms:.1f} ms"
            )
            explained.append((label, captured))
    if explain:
        # The test client runs the app on a loop of its own: explain on a fresh engine.
        engine = make_engine(url)
        try:
            for label, captured in explained:
                lines.append(f"== {label}")
                for statement, parameters in captured:
                    lines.extend(await _explain(engine, statement, parameters))
        finally:
            await engine.dispose()
    return lines


async def _explain(engine: AsyncEngine, statement: str, parameters: Any) -> list[str]:
    one_line = " ".join(statement.split())
    out = [f"  SQL: {one_line[:300]}{' ...' if len(one_line) > 300 else ''}"]
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS)"
        if engine.dialect.name == "postgresql"
        else "EXPLAIN QUERY PLAN"
    )
    async with engine.connect() as connection:
        result = await connection.exec_driver_sql(f"{prefix} {statement}", parameters)
        for row in result:
            out.append("    " + " | ".join(str(v) for v in row))
    return out


def ceiling(url: str, paths: dict[str, list[str]], budget: Budget) -> str:
    with running(url) as server:
        figures = _ceiling(server.base_url, url, paths, budget)
    return (
        f"ceiling: /claims {figures['claims_rps']:.0f} req/s, bare {figures['bare_rps']:.0f} "
        f"req/s, ratio {figures['ratio']:.2f} ({figures['body_bytes']:,} bytes)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", default="postgres", choices=("postgres", "sqlite"))
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--ceiling", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the database")
    args = parser.parse_args(argv)
    everything = not (args.latency or args.queries or args.explain or args.ceiling)
    if args.size >= 100000 and not any(CACHE.glob(f"extracted-*-{args.size}.msgpack")):
        print(f"no cached extraction of {args.size} sources in {CACHE} yet", file=sys.stderr)
    url = asyncio.run(ensure_database(args.engine, args.size, args.rebuild))

    async def paths_of() -> dict[str, list[str]]:
        engine = make_engine(url)
        try:
            return await probe_paths(engine, args.size)
        finally:
            await engine.dispose()

    paths = asyncio.run(paths_of())
    print(f"{args.engine}, {args.size:,} sources, load average {load_average()}", flush=True)
    if everything or args.queries or args.explain:
        print("\n".join(asyncio.run(queries(url, paths, args.explain))), flush=True)
    if everything or args.latency:
        print("\n".join(latency(url, paths, args.requests)), flush=True)
    if everything or args.ceiling:
        budget = Budget(requests=FULL.requests, seconds=FULL.seconds)
        print(ceiling(url, paths, budget), flush=True)
    print(f"load average {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
