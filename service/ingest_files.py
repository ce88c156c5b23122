"""Bulk ingest of article files (`factcheck ingest`): one transaction per file."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from service.db.engine import make_engine, make_sessionmaker
from service.db.migrate import upgrade
from service.domain.cleanup import parse_front_matter
from service.domain.errors import FactcheckError
from service.schemas.sources import SourceCreate
from service.services import sources
from service.services.knowledge import KnowledgeCache
from service.settings import Settings

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}


def article_files(paths: Iterable[Path]) -> list[Path]:
    """Every article file named, or inside a named folder, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in ARTICLE_SUFFIXES and p.name.upper() != "README.MD"
            )
        else:
            found.append(path)
    return found


def payload_from_file(path: Path) -> SourceCreate:
    """Read an article file: optional front matter, then plain text or HTML."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    meta, body = parse_front_matter(raw)
    published = meta.get("published_at")
    is_html = path.suffix.lower() in {".html", ".htm"}
    fields: dict[str, object] = {
        "html" if is_html else "text": body,
        "title": meta.get("title"),
        "publisher": meta.get("publisher"),
        "url": meta.get("url"),
        "author": meta.get("author"),
        "published_at": _parse_datetime(published) if published else None,
    }
    return msgspec.convert({k: v for k, v in fields.items() if v is not None}, SourceCreate)


def _parse_datetime(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


async def ingest_paths(settings: Settings, paths: Sequence[Path], *, quiet: bool = False) -> int:
    """Ingest files; print what was added, skipped as duplicate, or failed. Exit 1 on failures."""
    console = Console(stderr=True)
    files = article_files(paths)
    engine = make_engine(settings.database_url)
    await upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    knowledge = KnowledgeCache()
    outcome: Counter[str] = Counter()
    failures: list[str] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console, disable=quiet) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for path in files:
                try:
                    payload = payload_from_file(path)
                    async with sessionmaker() as session:
                        result = await sources.ingest_article(
                            session,
                            knowledge,
                            payload,
                            max_chars=settings.max_text_chars,
                            time_limit=settings.extract_timeout_seconds,
                        )
                        await session.commit()
                    outcome["added" if result.created else "duplicate"] += 1
                except (FactcheckError, msgspec.ValidationError, ValueError, OSError) as error:
                    outcome["failed"] += 1
                    failures.append(f"{path}: {error}")
                progress.advance(task)
    finally:
        await engine.dispose()
    for failure in failures:
        console.print(f"[red]failed[/red] {failure}")
    print(
        f"{len(files)} files: {outcome['added']} added, "
        f"{outcome['duplicate']} skipped as duplicate, {outcome['failed']} failed"
    )
    return 1 if outcome["failed"] else 0
