"""`factcheck reextract`: read stored sources again with the running engine, batch by batch.

Each batch is extracted first (no transaction open), then stored in one transaction: its
sources are replaced whole or not at all, so a crash or an error leaves every source either
as the old engine left it or as the new one reads it. A batch that lost a race with a
concurrent ingest (a deadlock, a name stored meanwhile) is stored again, as an ingest is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.engine import make_engine, make_sessionmaker
from service.db.migrate import upgrade
from service.domain import engine_version
from service.services.fact_events import FactChange
from service.services.knowledge import KnowledgeCache
from service.services.reextract import (
    Reread,
    Stored,
    extract_batch,
    sources_to_reread,
    store_batch,
)
from service.services.sources import STORE_ATTEMPTS, lost_a_race
from service.settings import Settings

log = logging.getLogger("factcheck.reextract")


@dataclass
class Summary:
    """What a run did (or, in a dry run, would do) to sources, claims, assertions and facts."""

    engine_version: str
    dry_run: bool
    selected: int = 0
    reread: int = 0
    replaced: int = 0
    unchanged: int = 0
    vanished: int = 0
    text_changed: int = 0
    failures: list[str] = field(default_factory=list)
    claims_before: int = 0
    claims_after: int = 0
    assertions_before: int = 0
    assertions_after: int = 0
    # fact id -> its verdict before the run (None: it did not exist) and after it (None: gone)
    verdict_before: dict[int, str | None] = field(default_factory=dict)
    verdict_after: dict[int, str | None] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None

    def count(self, rereads: Sequence[Reread]) -> None:
        self.reread += len(rereads)
        for reread in rereads:
            self.claims_before += reread.claims_before
            self.claims_after += reread.claims_after
            self.assertions_before += reread.assertions_before
            self.assertions_after += reread.assertions_after

    def add(self, stored: Stored) -> None:
        self.replaced += stored.replaced
        self.unchanged += stored.unchanged
        self.vanished += stored.vanished
        self.text_changed += stored.text_changed
        self.record(stored.changes)

    def record(self, changes: Sequence[FactChange]) -> None:
        """Keep each fact's first verdict and its latest: a fact touched by several batches
        counts once, by where it started and where it ended."""
        for change in changes:
            self.verdict_before.setdefault(change.fact_id, change.previous)
            self.verdict_after[change.fact_id] = change.current

    @property
    def verdicts_changed(self) -> int:
        """Facts that existed before and after the run with another verdict."""
        return sum(
            1
            for fact_id, before in self.verdict_before.items()
            if before is not None
            and self.verdict_after[fact_id] is not None
            and self.verdict_after[fact_id] != before
        )

    @property
    def facts_added(self) -> int:
        return sum(
            1
            for fact_id, before in self.verdict_before.items()
            if before is None and self.verdict_after[fact_id] is not None
        )

    @property
    def facts_removed(self) -> int:
        return sum(
            1
            for fact_id, before in self.verdict_before.items()
            if before is not None and self.verdict_after[fact_id] is None
        )

    def lines(self) -> list[str]:
        lines = [
            f"engine {self.engine_version}: {self.selected} sources to re-read",
            f"{self.reread} sources re-read, {len(self.failures)} failed",
            f"claims {self.claims_before} -> {self.claims_after}, "
            f"assertions {self.assertions_before} -> {self.assertions_after}",
        ]
        if self.dry_run:
            lines.append("dry run: nothing written (facts are judged only when stored)")
        else:
            lines += [
                f"{self.replaced} sources replaced, {self.unchanged} unchanged"
                + (f", {self.vanished} deleted meanwhile" if self.vanished else "")
                + (f", {self.text_changed} with a new clean-up" if self.text_changed else ""),
                f"facts: {self.verdicts_changed} changed verdict, {self.facts_added} new, "
                f"{self.facts_removed} removed",
            ]
        lines.append(f"{self.seconds:.1f} seconds")
        if self.error is not None:
            lines.append(self.error)
        return lines


async def reextract(
    settings: Settings,
    *,
    everything: bool = False,
    batch_size: int = 20,
    dry_run: bool = False,
    quiet: bool = True,
) -> Summary:
    """Re-read the stale sources (`everything`: all of them), `batch_size` per transaction.

    A dry run extracts them and reports the claim and assertion counts it would store; it
    writes nothing (not even pending migrations: run `factcheck migrate` first).
    """
    started = time.perf_counter()
    summary = Summary(engine_version=engine_version(), dry_run=dry_run)
    engine = make_engine(settings.database_url)
    try:
        if not dry_run:
            await upgrade(engine)
        sessionmaker = make_sessionmaker(engine)
        knowledge = KnowledgeCache()
        async with sessionmaker() as session:
            ids = await sources_to_reread(session, everything=everything)
        summary.selected = len(ids)
        columns = (TextColumn("re-reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), disable=quiet) as progress:
            task = progress.add_task("re-reading", total=len(ids))
            for start in range(0, len(ids), batch_size):
                batch = ids[start : start + batch_size]
                async with sessionmaker() as session:
                    extracted = await extract_batch(
                        session, knowledge, batch, time_limit=settings.extract_timeout_seconds
                    )
                summary.failures += extracted.failures
                if not dry_run:
                    try:
                        summary.add(await _store(sessionmaker, extracted.rereads))
                    except Exception as error:
                        # The batch's transaction was rolled back: its sources are untouched;
                        # the run stops (what failed would most likely fail again).
                        log.exception("re-extraction stopped")
                        summary.error = (
                            f"stopped: sources {batch[0]}-{batch[-1]} left as they were "
                            f"({type(error).__name__}: {error})"
                        )
                        break
                summary.count(extracted.rereads)
                progress.advance(task, len(batch))
    finally:
        await engine.dispose()
        summary.seconds = time.perf_counter() - started
    return summary


async def _store(
    sessionmaker: async_sessionmaker[AsyncSession], rereads: Sequence[Reread]
) -> Stored:
    """Store one batch in one transaction, again after a lost race (as ingest does)."""
    for attempt in range(1, STORE_ATTEMPTS + 1):
        async with sessionmaker() as session:
            try:
                stored = await store_batch(session, rereads)
                await session.commit()
            except DBAPIError as error:
                await session.rollback()
                if attempt == STORE_ATTEMPTS or not lost_a_race(error):
                    raise
                continue
            return stored
    raise AssertionError("unreachable")  # pragma: no cover
