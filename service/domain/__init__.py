"""The pure core: text -> claims -> assertions -> facts -> verdicts.

Nothing in this package imports HTTP, database or settings code.

A native build of this package (`make native`: mypyc compiles its modules to C extensions,
which run extraction about twice as fast) is used when it was built from exactly these
sources: its folder goes first on the package's path, so the compiled modules load instead
of the source files. A build made from other sources is ignored (with a logged warning), so
an edited module never runs stale code. `FACTCHECK_NATIVE=0` keeps to the sources;
`FACTCHECK_NATIVE=1` makes a missing or stale build an error (CI uses it to test the build).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# (FACTCHECK_NATIVE_DIR moves it: the loader's tests point it at builds of their own)
NATIVE_DIR = Path(os.environ.get("FACTCHECK_NATIVE_DIR") or _HERE.parents[1] / "build" / "native")
# The package's own folder inside the build, and the file naming the sources it was built from.
NATIVE_PACKAGE = NATIVE_DIR / "service" / "domain"
NATIVE_STAMP = NATIVE_PACKAGE / "SOURCE_DIGEST"
# Not compiled (nothing in them runs hot): this loader, the records msgspec decodes (mypyc
# erases the generic annotations it decodes by) and the error tree (whose subclasses override
# class attributes, which mypyc's native classes turn into per-instance defaults).
NATIVE_EXCLUDED = frozenset({"__init__.py", "model.py", "knowledge_file.py", "errors.py"})


def native_sources() -> list[Path]:
    """The modules a native build compiles."""
    return sorted(p for p in _HERE.glob("*.py") if p.name not in NATIVE_EXCLUDED)


def source_digest() -> str:
    """A digest of the compiled modules' sources and of the interpreter they were built for.

    The interpreter is named by its full version and build (`sys.version`), not only its ABI
    tag: the compiled modules reach into CPython's internals, so a venv rebuilt on another
    3.11 (`scripts/venv_python`) must not load a build made for the first one.
    """
    digest = hashlib.sha256(sys.version.encode())
    for path in native_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def engine_files() -> list[Path]:
    """What decides the engine's output: every module of the pure core and its shipped data.

    The loader (this file) is left out: it picks a build, it does not change what is read.
    """
    modules = [p for p in _HERE.glob("*.py") if p.name != "__init__.py"]
    data = [
        p
        for p in (_HERE / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    return sorted(modules + data)


@functools.cache
def engine_version() -> str:
    """A short digest of the engine's sources and data, stored with each source it reads.

    Two processes whose engines read articles identically report the same version (the
    native build and the sources alike); any edit to a module or a data file changes it, so
    `factcheck reextract` can find the sources an older engine read.
    """
    digest = hashlib.sha256()
    for path in engine_files():
        name = path.relative_to(_HERE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _activate_native() -> str:
    """Put a fresh native build first on the package path; return the mode in use."""
    wanted = os.environ.get("FACTCHECK_NATIVE", "auto").strip().lower()
    if wanted in ("0", "false", "no", "off"):
        return "source"
    built = NATIVE_STAMP.read_text().strip() if NATIVE_STAMP.is_file() else None
    fresh = built is not None and built == source_digest()
    if not fresh:
        problem = "no native build" if built is None else "the native build is stale"
        if wanted in ("1", "true", "yes", "on"):
            raise ImportError(f"FACTCHECK_NATIVE=1 but {problem}: run `make native`")
        if built is not None:
            logging.getLogger(__name__).warning(
                "%s (built from other sources): running from source; `make native` rebuilds",
                problem,
            )
        return "source"
    __path__.insert(0, str(NATIVE_PACKAGE))
    sys.path.append(str(NATIVE_DIR))  # the shared library the compiled modules link to
    return "native"


MODE = _activate_native()
