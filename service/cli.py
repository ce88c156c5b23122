"""factcheck serve | ingest | reextract | migrate | openapi"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from service.settings import Settings

OPENAPI_PATH = Path("openapi") / "openapi.json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factcheck", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="apply migrations, then serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.add_argument(
        "--server",
        choices=("uvicorn", "granian"),
        default="uvicorn",
        help="ASGI server (granian only if installed; see README, Performance)",
    )

    ingest = commands.add_parser("ingest", help="ingest article files or folders of them")
    ingest.add_argument("paths", nargs="+", type=Path)
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    reextract = commands.add_parser(
        "reextract", help="re-read stored sources with the running engine (after an upgrade)"
    )
    reextract.add_argument(
        "--all", action="store_true", help="every source, not only those of other engines"
    )
    reextract.add_argument(
        "--batch", type=_positive, default=20, help="sources per transaction (default 20)"
    )
    reextract.add_argument(
        "--dry-run", action="store_true", help="extract and count, write nothing"
    )
    reextract.add_argument("--quiet", action="store_true", help="no progress bar")

    commands.add_parser("migrate", help="apply pending migrations and exit")

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", type=Path, default=OPENAPI_PATH)

    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "serve":
        return serve_api(
            settings, args.host, args.port, args.workers, args.log_level, server=args.server
        )
    if args.command == "ingest":
        from service.ingest_files import ingest_paths

        return asyncio.run(ingest_paths(settings, args.paths, quiet=args.quiet))
    if args.command == "reextract":
        return reextract_sources(
            settings, everything=args.all, batch=args.batch, dry_run=args.dry_run, quiet=args.quiet
        )
    if args.command == "migrate":
        asyncio.run(migrate(settings))
        print("database is up to date")
        return 0
    if args.command == "openapi":
        write_openapi(args.output)
        print(f"wrote {args.output}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def reextract_sources(
    settings: Settings, *, everything: bool, batch: int, dry_run: bool, quiet: bool
) -> int:
    """Run `factcheck reextract`, print its summary; 1 when a batch or a source failed."""
    from service.engine_upgrade import reextract

    summary = asyncio.run(
        reextract(settings, everything=everything, batch_size=batch, dry_run=dry_run, quiet=quiet)
    )
    for failure in summary.failures:
        print(f"failed: {failure}", file=sys.stderr)
    print("\n".join(summary.lines()))
    return 1 if summary.failures or summary.error else 0


async def migrate(settings: Settings) -> None:
    from service.db.engine import make_engine
    from service.db.migrate import upgrade

    engine = make_engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def openapi_document() -> str:
    """The OpenAPI document of the app, as committed in openapi/openapi.json."""
    from service.app import create_app

    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    schema = app.openapi_schema.to_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(openapi_document(), encoding="utf-8")


def serve_api(
    settings: Settings,
    host: str,
    port: int,
    workers: int,
    log_level: str,
    *,
    server: str = "uvicorn",
) -> int:
    asyncio.run(migrate(settings))
    import service.domain

    # which engine runs: the native build (`make native`) or the sources
    print(f"pure core: {service.domain.MODE}", file=sys.stderr)
    if server == "granian":
        return _serve_granian(host, port, workers, log_level)
    import uvicorn

    uvicorn.run(
        "service.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=True,
        access_log=False,
    )
    return 0


def _serve_granian(host: str, port: int, workers: int, log_level: str) -> int:
    """Serve with granian (Rust HTTP stack, asyncio app), when it is installed."""
    try:
        # Imported by name: granian is an optional dependency, absent from most installs.
        constants = importlib.import_module("granian.constants")
        levels = importlib.import_module("granian.log")
        server = importlib.import_module("granian.server")
    except ImportError:
        print("granian is not installed: uv pip install granian", file=sys.stderr)
        return 2
    server.Server(
        "service.app:create_app_from_env",
        address=host,
        port=port,
        interface=constants.Interfaces.ASGI,
        workers=workers,
        factory=True,
        log_level=levels.LogLevels(log_level),
        log_access=False,
    ).serve()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
