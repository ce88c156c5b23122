"""Run the API (or the bare framework endpoint) as a real server process on a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mb(self) -> float:
        """Peak resident memory (VmHWM) of the server and its worker processes, summed."""
        total_kb = 0
        for pid in _tree(self.process.pid):
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        total_kb += int(line.split()[1])
        return total_kb / 1024


def _tree(pid: int) -> list[int]:
    pids = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            for child in children:
                pids.extend(_tree(int(child)))
    return pids


def command(kind: str, port: int, workers: int) -> list[str]:
    """The command line of one server: `uvicorn`, `granian` (the app) or `bare` (the ceiling)."""
    if kind == "uvicorn":
        return [
            sys.executable, "-m", "service", "serve", "--port", str(port),
            "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
    if kind == "granian":
        # granian is not a project dependency: uv runs it in an overlay of the project's env.
        return [
            "uv", "run", "--with", "granian", "python", "-m", "service", "serve",
            "--port", str(port), "--workers", str(workers), "--log-level", "warning",
            "--server", "granian",
        ]  # fmt: skip
    if kind == "bare":
        return [
            sys.executable, "-m", "uvicorn", "bench.bare_app:create_bare_app", "--factory",
            "--port", str(port), "--workers", str(workers), "--log-level", "warning",
            "--no-access-log",
        ]  # fmt: skip
    raise ValueError(f"unknown server kind {kind!r}")


@contextlib.contextmanager
def running(
    database_url: str,
    *,
    kind: str = "uvicorn",
    workers: int = 1,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[Server]:
    """Start a server, wait for /health, yield it, then stop it (SIGTERM, then SIGKILL)."""
    port = free_port()
    environment = {**os.environ, "FACTCHECK_DATABASE_URL": database_url, **(env or {})}
    process = subprocess.Popen(
        command(kind, port, workers),
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(process, base_url, timeout)
        yield Server(base_url=base_url, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(process: subprocess.Popen[bytes], base_url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"server exited with {process.returncode}: {error[-2000:]}")
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {base_url} did not become healthy in {timeout} s")
