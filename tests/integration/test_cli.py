"""The factcheck command line on a real SQLite file: migrate, ingest (twice), openapi."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS


def run(args: list[str], database: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"FACTCHECK_DATABASE_URL": f"sqlite+aiosqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ingest_seeds_then_again_skips_duplicates(tmp_path: Path) -> None:
    database = tmp_path / "cli.db"
    first = run(["ingest", "--quiet", str(SEEDS)], database, ROOT)
    assert first.returncode == 0, first.stderr
    assert "5 files: 5 added, 0 skipped as duplicate, 0 failed" in first.stdout
    again = run(["ingest", "--quiet", str(SEEDS)], database, ROOT)
    assert again.returncode == 0, again.stderr
    assert "5 files: 0 added, 5 skipped as duplicate, 0 failed" in again.stdout


def test_ingest_reports_failures_and_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("---\ntitle: nothing\n---\n   \n")
    (tmp_path / "good.md").write_text("Officials said 4,000 people were evacuated on Monday.\n")
    result = run(["ingest", "--quiet", str(tmp_path)], tmp_path / "cli.db", ROOT)
    assert result.returncode == 1
    assert "2 files: 1 added, 0 skipped as duplicate, 1 failed" in result.stdout
    assert "empty.txt" in result.stderr


def test_migrate_and_openapi(tmp_path: Path) -> None:
    database = tmp_path / "nested" / "cli.db"
    migrated = run(["migrate"], database, ROOT)
    assert migrated.returncode == 0, migrated.stderr
    assert database.exists()
    output = tmp_path / "openapi.json"
    written = run(["openapi", "--output", str(output)], database, ROOT)
    assert written.returncode == 0, written.stderr
    assert json.loads(output.read_text())["info"]["title"] == "factcheck"


def test_reextract_reads_sources_of_other_engines_again(tmp_path: Path) -> None:
    database = tmp_path / "cli.db"
    assert run(["ingest", "--quiet", str(SEEDS)], database, ROOT).returncode == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE sources SET engine_version = NULL WHERE id <= 3")
        connection.execute("UPDATE sources SET engine_version = 'older' WHERE id = 4")

    def unknown() -> int:
        with sqlite3.connect(database) as connection:
            return int(
                connection.execute(
                    "SELECT count(*) FROM sources WHERE engine_version IS NULL"
                ).fetchone()[0]
            )

    dry = run(["reextract", "--dry-run", "--quiet"], database, ROOT)
    assert dry.returncode == 0, dry.stderr
    assert "4 sources to re-read" in dry.stdout and "dry run: nothing written" in dry.stdout
    assert unknown() == 3
    done = run(["reextract", "--batch", "2", "--quiet"], database, ROOT)
    assert done.returncode == 0, done.stderr
    assert "4 sources re-read, 0 failed" in done.stdout
    assert "facts:" in done.stdout and "seconds" in done.stdout
    assert unknown() == 0
    again = run(["reextract", "--quiet"], database, ROOT)
    assert "0 sources to re-read" in again.stdout
    everything = run(["reextract", "--all", "--quiet"], database, ROOT)
    assert "5 sources re-read" in everything.stdout
    assert run(["reextract", "--batch", "0"], database, ROOT).returncode == 2
