"""The native build of the pure core: used only when fresh, and it reads as the sources do.

The loader is tested in fresh interpreters (it runs once, at the package's import) against
build folders of the test's own; the equality checks need a real build (`make native`) and
are skipped without one (CI builds it and runs them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import service.domain as domain

ROOT = Path(__file__).resolve().parents[2]
_PRINT_MODE = "import service.domain as d, service.domain.numbers as n; print(d.MODE, n.__file__)"


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_NATIVE")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**full_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _fake_build(folder: Path, digest: str) -> Path:
    package = folder / "service" / "domain"
    package.mkdir(parents=True)
    (package / "SOURCE_DIGEST").write_text(digest + "\n")
    return folder


def test_without_a_build_the_sources_run(tmp_path: Path) -> None:
    run = _python(_PRINT_MODE, FACTCHECK_NATIVE_DIR=str(tmp_path))
    assert run.returncode == 0, run.stderr
    mode, path = run.stdout.split()
    assert mode == "source"
    assert path.endswith("service/domain/numbers.py")
    assert "stale" not in run.stderr


def test_a_build_from_other_sources_is_ignored_with_a_warning(tmp_path: Path) -> None:
    stale = _fake_build(tmp_path, "0" * 64)
    run = _python(_PRINT_MODE, FACTCHECK_NATIVE_DIR=str(stale))
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[0] == "source"
    assert "stale" in run.stderr


def test_a_required_build_that_is_missing_or_stale_is_an_error(tmp_path: Path) -> None:
    missing = _python(_PRINT_MODE, FACTCHECK_NATIVE="1", FACTCHECK_NATIVE_DIR=str(tmp_path))
    assert missing.returncode != 0
    assert "no native build" in missing.stderr
    stale = _fake_build(tmp_path / "stale", "0" * 64)
    run = _python(_PRINT_MODE, FACTCHECK_NATIVE="1", FACTCHECK_NATIVE_DIR=str(stale))
    assert run.returncode != 0
    assert "stale" in run.stderr


def test_the_digest_follows_every_compiled_source() -> None:
    names = {p.name for p in domain.native_sources()}
    assert "extraction.py" in names and "verdicts.py" in names
    # the loader and the records msgspec decodes stay Python
    assert not names & {"__init__.py", "model.py", "knowledge_file.py", "errors.py"}
    assert len(domain.source_digest()) == 64


def test_a_build_for_another_interpreter_is_stale(tmp_path: Path) -> None:
    # the digest as this interpreter computes it, then as a different build of 3.11 would
    here = _python("import service.domain as d; print(d.source_digest())")
    other = _python(
        "import sys; sys.version = '3.11.0 (other build)'; "
        "import service.domain as d; print(d.source_digest())"
    )
    assert here.returncode == 0 and other.returncode == 0, here.stderr + other.stderr
    assert here.stdout.strip() == domain.source_digest()
    assert other.stdout.strip() != here.stdout.strip()
    run = _python(
        _PRINT_MODE,
        FACTCHECK_NATIVE_DIR=str(_fake_build(tmp_path, other.stdout.strip())),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[0] == "source"
    assert "stale" in run.stderr


_FRESH = domain.NATIVE_STAMP.is_file() and (
    domain.NATIVE_STAMP.read_text().strip() == domain.source_digest()
)
needs_build = pytest.mark.skipif(not _FRESH, reason="no fresh native build (make native)")


@needs_build
def test_a_fresh_build_is_used_unless_turned_off() -> None:
    native = _python(_PRINT_MODE)
    assert native.returncode == 0, native.stderr
    mode, path = native.stdout.split()
    assert mode == "native" and path.endswith(".so")
    off = _python(_PRINT_MODE, FACTCHECK_NATIVE="0")
    assert off.stdout.split()[0] == "source"


def _snapshot_text(tmp_path: Path, module: str, native: str, *args: str) -> str:
    out = tmp_path / f"{module}-{native}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_NATIVE")}
    subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args, str(out)],
        cwd=ROOT,
        env={**env, "FACTCHECK_NATIVE": native},
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out.read_text()


def _snapshot(tmp_path: Path, module: str, native: str, *args: str) -> list[object]:
    # parsed, so 2000 and 2000.0 compare equal: compiled code keeps a float-typed value a float
    text = _snapshot_text(tmp_path, module, native, *args)
    return [json.loads(line) for line in text.splitlines()]


@needs_build
def test_the_build_extracts_every_article_as_the_sources_do(tmp_path: Path) -> None:
    # byte for byte: a value the sources leave an int (2000) would be 2000.0 compiled
    source = _snapshot_text(tmp_path, "extraction_snapshot", "0").splitlines()
    native = _snapshot_text(tmp_path, "extraction_snapshot", "1").splitlines()
    assert len(source) == len(native) > 300
    assert source == native


@needs_build
def test_the_build_groups_and_judges_as_the_sources_do(tmp_path: Path) -> None:
    source = _snapshot(tmp_path, "judge_snapshot", "0", "--size", "100", "--out")
    native = _snapshot(tmp_path, "judge_snapshot", "1", "--size", "100", "--out")
    assert len(source) == len(native) > 100
    assert source == native
