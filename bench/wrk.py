"""Throughput from wrk (a C load generator), when it is installed.

On a 2-core machine a Python client spends about as much CPU per request as a light endpoint
does, so an httpx load measures the client as much as the server: the bare endpoint topped out
near the client's own ceiling. wrk costs a fraction of that, so the server's share of the
machine is what is measured. Without wrk (`apt-get install wrk`) the benchmarks fall back to the
httpx load of `bench.load`, and the results say which generator ran.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence

from bench.load import LoadResult

# One Lua state per wrk thread: requests cycle through the paths; `done` prints one JSON line.
_SCRIPT = """
local paths = {%(paths)s}
local i = 0
wrk.headers["Accept-Encoding"] = "identity"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "duration_us": %%d, "errors": %%d, "p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(path: str) -> str:
    return json.dumps(path)  # a JSON string literal is a valid Lua string for URL paths


def wrk_load(
    base_url: str, paths: Sequence[str], *, concurrency: int = 4, seconds: float = 10.0
) -> LoadResult:
    """GET `paths` round-robin over `concurrency` keep-alive connections for `seconds`."""
    script = _SCRIPT % {"paths": ", ".join(_lua_string(p) for p in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as handle:
        handle.write(script)
        handle.flush()
        duration = f"-d{max(1, round(seconds))}s"
        arguments = ["wrk", "-t1", f"-c{concurrency}", duration, "--timeout", "30s"]
        completed = subprocess.run(
            [*arguments, "-s", handle.name, base_url],
            capture_output=True,
            text=True,
            check=True,
        )
    line = next(x for x in completed.stdout.splitlines() if x.startswith("WRK "))
    data = json.loads(line[4:])
    elapsed = data["duration_us"] / 1e6
    return LoadResult(
        requests=data["requests"],
        errors=data["errors"],
        seconds=elapsed,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        rps=(data["requests"] - data["errors"]) / elapsed if elapsed else 0.0,
    )
