"""Runtime configuration, read from the environment when asked for, never at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

DEFAULT_SQLITE_PATH = Path("data") / "factcheck.db"


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the service can be configured with (see the README's table)."""

    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_SQLITE_PATH}"
    # Largest request body accepted, in bytes; larger bodies get 413.
    max_body_bytes: int = 2_000_000
    # Largest article text (after clean-up) accepted, in characters.
    max_text_chars: int = 500_000
    api_keys: tuple[str, ...] = ()
    read_keys_required: bool = False
    db_pool_size: int = 10
    db_echo: bool = False
    # Memory per process for encoded answers of the read endpoints (0 turns the cache off).
    read_cache_mb: int = 64
    fetch_timeout_seconds: float = 10.0
    fetch_max_bytes: int = 5_000_000
    fetch_allowed_networks: tuple[str, ...] = ()
    # Writes per API key (or per client address when writes are open), per process.
    write_rate: str = "600/minute"
    # Longest an article's extraction may take before it is refused as too complex.
    extract_timeout_seconds: float = 30.0
    # Name of the fact-checking organisation that signs ClaimReview documents.
    publisher_name: str = "factcheck"
    # Webhooks: whether this process sends pending deliveries, how often it looks for them,
    # how many tries a delivery gets and the first retry delay (doubled on every retry).
    webhook_dispatch: bool = True
    webhook_poll_seconds: float = 1.0
    webhook_max_attempts: int = 5
    webhook_retry_seconds: float = 10.0
    webhook_timeout_seconds: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `FACTCHECK_*` variables (defaults where unset)."""
        env = os.environ if env is None else env
        defaults = cls()

        def csv(name: str) -> tuple[str, ...]:
            raw = env.get(name, "")
            return tuple(part.strip() for part in raw.split(",") if part.strip())

        def integer(name: str, default: int) -> int:
            raw = env.get(name)
            return int(raw) if raw else default

        def number(name: str, default: float) -> float:
            raw = env.get(name)
            return float(raw) if raw else default

        return cls(
            database_url=env.get("FACTCHECK_DATABASE_URL") or defaults.database_url,
            max_body_bytes=integer("FACTCHECK_MAX_BODY_BYTES", defaults.max_body_bytes),
            max_text_chars=integer("FACTCHECK_MAX_TEXT_CHARS", defaults.max_text_chars),
            api_keys=csv("FACTCHECK_API_KEYS"),
            read_keys_required=env.get("FACTCHECK_READ_KEYS_REQUIRED", "").lower()
            in {"1", "true", "yes"},
            db_pool_size=integer("FACTCHECK_DB_POOL_SIZE", defaults.db_pool_size),
            db_echo=env.get("FACTCHECK_DB_ECHO", "").lower() in {"1", "true", "yes"},
            read_cache_mb=integer("FACTCHECK_READ_CACHE_MB", defaults.read_cache_mb),
            fetch_timeout_seconds=float(
                env.get("FACTCHECK_FETCH_TIMEOUT") or defaults.fetch_timeout_seconds
            ),
            fetch_max_bytes=integer("FACTCHECK_FETCH_MAX_BYTES", defaults.fetch_max_bytes),
            fetch_allowed_networks=csv("FACTCHECK_FETCH_ALLOWED_NETWORKS"),
            write_rate=env.get("FACTCHECK_WRITE_RATE", defaults.write_rate),
            extract_timeout_seconds=float(
                env.get("FACTCHECK_EXTRACT_TIMEOUT") or defaults.extract_timeout_seconds
            ),
            publisher_name=env.get("FACTCHECK_PUBLISHER_NAME") or defaults.publisher_name,
            webhook_dispatch=env.get("FACTCHECK_WEBHOOK_DISPATCH", "true").lower()
            not in {"0", "false", "no"},
            webhook_poll_seconds=number(
                "FACTCHECK_WEBHOOK_POLL_SECONDS", defaults.webhook_poll_seconds
            ),
            webhook_max_attempts=integer(
                "FACTCHECK_WEBHOOK_MAX_ATTEMPTS", defaults.webhook_max_attempts
            ),
            webhook_retry_seconds=number(
                "FACTCHECK_WEBHOOK_RETRY_SECONDS", defaults.webhook_retry_seconds
            ),
            webhook_timeout_seconds=number(
                "FACTCHECK_WEBHOOK_TIMEOUT", defaults.webhook_timeout_seconds
            ),
        )
