"""Where the time of one `POST /sources` goes, at a given corpus size.

    uv run python -m bench.ingest_probe --size 1000 [--engine sqlite|postgres] [--count 60]

A database is bulk-loaded once with the synthetic corpus of `--size` sources (`bench.loader`)
and kept as a template: a SQLite file under /tmp (`FACTCHECK_INGEST_PROBE_DIR`), or the
PostgreSQL database `factcheck_ingest_<size>`. Each run works on a fresh copy of it (a file
copy, or `CREATE DATABASE ... TEMPLATE`), so it always posts the same fresh articles
(`bench.corpus.extra_articles`) into the same corpus.

The real app (`create_app`) answers in this process through an ASGI transport, one article
at a time. For each article it records wall time, CPU time of the process (every thread:
extraction runs in a worker thread, aiosqlite in its own), the SQL statements sent
(`before_cursor_execute`), and the same split by phase: extraction, storage of the source
with its claims and assertions, and the fact refresh. `--profile FILE` writes a pyinstrument
profile of the posts, HTML or text by suffix (`uv run --with pyinstrument ...`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import shutil
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.corpus import extra_articles
from bench.databases import POSTGRES_ADMIN, admin
from bench.loader import build_rows, extracted, write_rows
from service.app import create_app
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.services import sources
from service.settings import Settings

FOLDER = Path(os.environ.get("FACTCHECK_INGEST_PROBE_DIR", "/tmp/factcheck-ingest-probe"))
PHASES = ("extract", "store", "refresh")


async def _load(url: str, size: int) -> None:
    articles, results, _seconds = extracted(size)
    rows = build_rows(articles, results)
    engine = make_engine(url)
    try:
        await upgrade(engine)
        await write_rows(engine, rows)
    finally:
        await engine.dispose()


async def _database_exists(name: str) -> bool:
    engine = create_async_engine(POSTGRES_ADMIN)
    try:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            return found is not None
    finally:
        await engine.dispose()


@contextlib.contextmanager
def working_copy(engine: str, size: int, rebuild: bool) -> Iterator[str]:
    """A fresh copy of the loaded corpus of `size` sources; the template is kept."""
    if engine == "sqlite":
        FOLDER.mkdir(parents=True, exist_ok=True)
        template = FOLDER / f"corpus-{size}.db"
        if rebuild or not template.exists():
            template.unlink(missing_ok=True)
            asyncio.run(_load(f"sqlite+aiosqlite:///{template}", size))
        copy = FOLDER / f"run-{size}-{os.getpid()}.db"
        shutil.copyfile(template, copy)
        # On disk before the posts: else the first WAL checkpoint's fsync writes the whole
        # copy (~300 ms at 100k sources), a cost of the copy, not of an ingest.
        with copy.open("rb+") as written:
            os.fsync(written.fileno())
        try:
            yield f"sqlite+aiosqlite:///{copy}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        return
    template_name = (
        f"factcheck_ingest_{size // 1000}k" if size >= 1000 else f"factcheck_ingest_{size}"
    )
    base, _, _db = POSTGRES_ADMIN.rpartition("/")
    if rebuild or not asyncio.run(_database_exists(template_name)):
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{template_name}" WITH (FORCE)'))
        asyncio.run(admin(f'CREATE DATABASE "{template_name}"'))
        asyncio.run(_load(f"{base}/{template_name}", size))
    copy_name = f"{template_name}_run"
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)'))
    asyncio.run(admin(f'CREATE DATABASE "{copy_name}" TEMPLATE "{template_name}"'))
    try:
        yield f"{base}/{copy_name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)'))


class Meter:
    """Wall time, process CPU time and SQL statements, in total and per phase."""

    def __init__(self) -> None:
        self.statements = 0
        self.log: list[str] = []
        self.phases: dict[str, list[float]] = {}

    def count(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements += 1
        self.log.append(" ".join(statement.split())[:160])

    def reading(self) -> tuple[float, float, int]:
        return time.perf_counter(), time.process_time(), self.statements

    def timed(
        self, phase: str, function: Callable[..., Awaitable[Any]]
    ) -> Callable[..., Awaitable[Any]]:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            before = self.reading()
            try:
                return await function(*args, **kwargs)
            finally:
                after = self.reading()
                spent = [b - a for a, b in zip(before, after, strict=True)]
                totals = self.phases.setdefault(phase, [0.0, 0.0, 0.0])
                for index, value in enumerate(spent):
                    totals[index] += value

        return wrapper


def _instrument(meter: Meter) -> None:
    # The phases nest: store_article calls refresh_families; "store" is reported without it.
    sources.extract = meter.timed("extract", sources.extract)  # type: ignore[method-assign]
    sources.store_article = meter.timed("store", sources.store_article)  # type: ignore[method-assign]
    sources.refresh_families = meter.timed("refresh", sources.refresh_families)  # type: ignore[attr-defined]


async def _post_all(
    url: str, count: int, profile: Path | None, show_statements: bool = False
) -> list[dict[str, float]]:
    settings = Settings(database_url=url, write_rate="", webhook_dispatch=False)
    app = create_app(settings)
    meter = Meter()
    _instrument(meter)
    event.listen(app.state.engine.sync_engine, "before_cursor_execute", meter.count)
    payloads = [article.payload() for article in extra_articles(count + 3)]
    samples: list[dict[str, float]] = []
    profiler: Any = None
    transport = httpx.ASGITransport(app=app)
    # The lifespan runs as under a server: start-up loads (knowledge base), checkpoints.
    async with (
        app.lifespan(),
        httpx.AsyncClient(transport=transport, base_url="http://probe") as client,
    ):
        # Warm-up: caches, the knowledge base, connections; not counted.
        for payload in payloads[:3]:
            response = await client.post("/sources", json=payload)
            response.raise_for_status()
        if profile is not None:
            from pyinstrument import Profiler

            profiler = Profiler(async_mode="enabled")
            profiler.start()
        for payload in payloads[3:]:
            meter.phases.clear()
            meter.log.clear()
            before = meter.reading()
            response = await client.post("/sources", json=payload)
            after = meter.reading()
            if response.status_code != 201:
                raise RuntimeError(f"POST /sources: {response.status_code} {response.text}")
            wall, cpu, statements = (b - a for a, b in zip(before, after, strict=True))
            sample = {"wall_ms": wall * 1000, "cpu_ms": cpu * 1000, "statements": statements}
            for phase in PHASES:
                spent = meter.phases.get(phase, [0.0, 0.0, 0.0])
                sample[f"{phase}_wall_ms"] = spent[0] * 1000
                sample[f"{phase}_cpu_ms"] = spent[1] * 1000
                sample[f"{phase}_statements"] = spent[2]
            for key in ("wall_ms", "cpu_ms", "statements"):
                sample[f"store_{key}"] -= sample[f"refresh_{key}"]
            samples.append(sample)
        if show_statements:
            print("statements of the last post:", *meter.log, sep="\n  ")
        if profiler is not None:
            profiler.stop()
            assert profile is not None
            rendered = (
                profiler.output_html()
                if profile.suffix == ".html"
                else profiler.output_text(unicode=True, show_all=False)
            )
            profile.write_text(rendered, encoding="utf-8")  # noqa: ASYNC240 - after the posts
    return samples


def summary(samples: list[dict[str, float]]) -> dict[str, float]:
    """Medians of every figure, p99 of the wall time, and articles per second."""
    out = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
    walls = sorted(s["wall_ms"] for s in samples)
    out["wall_p99_ms"] = walls[min(len(walls) - 1, int(len(walls) * 0.99))]
    out["articles_per_s"] = len(samples) / (sum(walls) / 1000)
    return out


def report(label: str, figures: dict[str, float]) -> str:
    lines = [f"{label} (load {' '.join(f'{v:.2f}' for v in os.getloadavg())})"]
    lines.append(
        f"  total    wall {figures['wall_ms']:7.1f} ms (p99 {figures['wall_p99_ms']:.1f})"
        f"  cpu {figures['cpu_ms']:7.1f} ms  statements {figures['statements']:.0f}"
        f"  -> {figures['articles_per_s']:.1f} articles/s"
    )
    for phase in PHASES:
        lines.append(
            f"  {phase:8} wall {figures[f'{phase}_wall_ms']:7.1f} ms"
            f"  cpu {figures[f'{phase}_cpu_ms']:7.1f} ms"
            f"  statements {figures[f'{phase}_statements']:.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--rebuild", action="store_true", help="reload the template database")
    parser.add_argument("--statements", action="store_true", help="print the last post's SQL")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument HTML profile here")
    args = parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with working_copy(args.engine, args.size, args.rebuild) as url:
        samples = asyncio.run(_post_all(url, args.count, args.profile, args.statements))
    print(report(f"{args.engine} {args.size} sources, {len(samples)} posts", summary(samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
