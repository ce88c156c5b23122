"""Compile the pure core (`service/domain`) with mypyc into `build/native/`.

Usage: `uv run python scripts/build_native.py` (or `make native`). About 2-3 minutes on two
cores; needs a C compiler and the Python headers. The compiled modules are used only while
the sources are the ones they were built from (see `service/domain/__init__.py`).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup

import service.domain as domain

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    started = time.perf_counter()
    digest = domain.source_digest()
    sources = [str(p.relative_to(ROOT)) for p in domain.native_sources()]
    (ROOT / "build").mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="factcheck-native-", dir=ROOT / "build"))
    os.chdir(ROOT)  # mypycify names modules by their paths relative to here
    try:
        setup(
            name="factcheck-native",
            packages=[],
            py_modules=[],
            ext_modules=mypycify(
                sources, opt_level="3", multi_file=True, target_dir=str(staging / "c")
            ),
            script_args=[
                "--quiet",
                "build_ext",
                "--build-lib",
                str(staging / "lib"),
                "--build-temp",
                str(staging / "temp"),
                "--parallel",
                str(os.cpu_count() or 1),
            ],
        )
        lib = staging / "lib"
        (lib / "service" / "domain" / "SOURCE_DIGEST").write_text(digest + "\n")
        # swap in whole, so a failed build leaves the previous one (or none) in place
        if domain.NATIVE_DIR.exists():
            shutil.rmtree(domain.NATIVE_DIR)
        lib.rename(domain.NATIVE_DIR)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(
        f"native build: {len(sources)} modules -> {domain.NATIVE_DIR.relative_to(ROOT)} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
