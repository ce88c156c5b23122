"""A tiny run of every benchmark, so the harness cannot rot (no assertion on time).

    uv run python -m bench.smoke

30 sources, a few dozen requests per endpoint, every benchmark through a real server on
SQLite, results written to a temporary folder, never to bench/RESULTS.md. It also checks, on
SQLite and on PostgreSQL (when it answers), that the bulk loader writes what the service
would: after the load it re-runs the real `refresh_families` over every family and compares
the facts table.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from bench import extraction_instructions
from bench.databases import scratch_database
from bench.loader import build_rows, extracted, families_of, write_rows
from bench.run import QUICK, run
from service.db.engine import make_engine, make_sessionmaker
from service.db.migrate import upgrade
from service.db.models import Fact
from service.services.fact_updates import refresh_families

SIZE = 30


async def _facts_agree(url: str) -> None:
    articles, results, _seconds = extracted(SIZE)
    rows = build_rows(articles, results)
    engine = make_engine(url)
    try:
        await upgrade(engine)
        await write_rows(engine, rows)
        sessions = make_sessionmaker(engine)
        query = select(Fact.key, Fact.verdict, Fact.source_count, Fact.severity, Fact.explanation)
        async with sessions() as session:
            loaded = {row[0]: tuple(row) for row in await session.execute(query)}
            await refresh_families(session, list(families_of(rows)))
            await session.commit()
        async with sessions() as session:
            refreshed = {row[0]: tuple(row) for row in await session.execute(query)}
    finally:
        await engine.dispose()
    judged = {k: v[:4] for k, v in loaded.items()}
    if judged != {k: v[:4] for k, v in refreshed.items()}:
        raise SystemExit(f"bulk loader and refresh_families judge facts differently: {url}")
    # The explanation names one "widest gap" pair; among equally wide pairs the pick may
    # depend on the order the family's rows were read in (a tie, not a different verdict).
    worded = sum(1 for key, row in loaded.items() if refreshed[key][4] != row[4])
    print(f"bulk-loaded facts match refresh_families ({len(loaded)} facts, {worded} worded apart)")


def _postgres_answers() -> bool:
    try:
        with scratch_database("postgres", f"factcheck_smoke_probe_{os.getpid()}"):
            return True
    except OSError:
        return False
    except Exception as error:  # any connection failure means "not here"
        print(f"PostgreSQL not reachable, SQLite only: {error}", file=sys.stderr)
        return False


def main() -> int:
    engines = ["sqlite", "postgres"] if _postgres_answers() else ["sqlite"]
    for engine in engines:
        with scratch_database(engine, f"factcheck_smoke_{os.getpid()}") as url:
            asyncio.run(_facts_agree(url))
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "RESULTS.md"
        run([SIZE], ["sqlite"], QUICK, Path(folder) / "results.json", output)
        text = output.read_text(encoding="utf-8")
        expected = ["## Reads", "## Ingest", "## Framework ceiling", "## Workers"]
        if extraction_instructions.available():
            expected.append("CPU instructions (callgrind")
        for section in expected:
            if section not in text:
                raise SystemExit(f"{section} missing from the smoke results")
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
