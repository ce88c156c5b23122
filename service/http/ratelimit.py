"""Per-key write rate limiting (token buckets held by this process).

Each API key (or, when writes are open, each client address) owns a bucket of `count` tokens
that refills evenly over `seconds`; a write takes one token, and a write that finds the bucket
empty gets 429 with `Retry-After`. Buckets live in the process: with N worker processes a
key can write up to N times the configured rate, which the README documents.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections.abc import Callable

import msgspec

from service.domain.errors import FactcheckError

_UNITS = {
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "m": 60.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hour": 3600.0,
    "d": 86400.0,
    "day": 86400.0,
}
_SPEC = re.compile(r"^\s*(\d{1,9})\s*/\s*(\d{0,6})\s*([a-z]{1,6})\s*$")
# Idle buckets are full again and carry no information: drop them when the table grows.
_PRUNE_ABOVE = 10_000


class RateLimited(FactcheckError):
    code = "rate_limited"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Rate(msgspec.Struct, frozen=True):
    count: int
    seconds: float


def parse_rate(spec: str) -> Rate | None:
    """Read "60/minute", "10/s", "1000/hour", "5/10s"; "", "off" or "0/..." mean no limit."""
    cleaned = spec.strip().lower()
    if cleaned in {"", "off", "none", "unlimited"}:
        return None
    match = _SPEC.match(cleaned)
    unit = None
    if match is not None:
        word = match.group(3)
        unit = _UNITS.get(word) or _UNITS.get(word.removesuffix("s"))
    if match is None or unit is None:
        raise ValueError(f"not a rate: {spec!r} (expected e.g. '60/minute')")
    count = int(match.group(1))
    if count == 0:
        return None
    seconds = (int(match.group(2)) if match.group(2) else 1) * unit
    if seconds <= 0:
        raise ValueError(f"not a rate: {spec!r} (the period must be positive)")
    return Rate(count=count, seconds=seconds)


class WriteRateLimiter:
    """Token buckets keyed by a digest of the caller's identity (a key is never kept)."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        # Handlers run on one event loop, but sync guards may run in worker threads.
        self._lock = threading.Lock()

    def take(self, identity: str) -> None:
        """Spend one token of `identity`'s bucket or raise RateLimited."""
        digest = hashlib.sha256(identity.encode()).hexdigest()
        per_second = self.rate.count / self.rate.seconds
        with self._lock:
            now = self._clock()
            tokens, stamp = self._buckets.get(digest, (float(self.rate.count), now))
            tokens = min(float(self.rate.count), tokens + (now - stamp) * per_second)
            if tokens < 1.0:
                self._buckets[digest] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / per_second)
                raise RateLimited(
                    f"write rate limit of {self.rate.count} per {self.rate.seconds:g} s reached",
                    retry_after=max(1, wait),
                )
            self._buckets[digest] = (tokens - 1.0, now)
            if len(self._buckets) > _PRUNE_ABOVE:
                self._prune(now, per_second)

    def _prune(self, now: float, per_second: float) -> None:
        full = [
            key
            for key, (tokens, stamp) in self._buckets.items()
            if tokens + (now - stamp) * per_second >= self.rate.count
        ]
        for key in full:
            del self._buckets[key]
