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
    fetch_timeout_seconds: float = 10.0
    fetch_max_bytes: int = 5_000_000
    fetch_allowed_networks: tuple[str, ...] = ()

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

        return cls(
            database_url=env.get("FACTCHECK_DATABASE_URL") or defaults.database_url,
            max_body_bytes=integer("FACTCHECK_MAX_BODY_BYTES", defaults.max_body_bytes),
            max_text_chars=integer("FACTCHECK_MAX_TEXT_CHARS", defaults.max_text_chars),
            api_keys=csv("FACTCHECK_API_KEYS"),
            read_keys_required=env.get("FACTCHECK_READ_KEYS_REQUIRED", "").lower()
            in {"1", "true", "yes"},
            db_pool_size=integer("FACTCHECK_DB_POOL_SIZE", defaults.db_pool_size),
            db_echo=env.get("FACTCHECK_DB_ECHO", "").lower() in {"1", "true", "yes"},
            fetch_timeout_seconds=float(
                env.get("FACTCHECK_FETCH_TIMEOUT") or defaults.fetch_timeout_seconds
            ),
            fetch_max_bytes=integer("FACTCHECK_FETCH_MAX_BYTES", defaults.fetch_max_bytes),
            fetch_allowed_networks=csv("FACTCHECK_FETCH_ALLOWED_NETWORKS"),
        )
