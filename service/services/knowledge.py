"""The extractor's knowledge base for this process: the shipped one plus what storage learned.

Entities discovered in articles and aliases added through the API live in the database, which
several API processes share. Each process keeps the shipped knowledge base extended with the
learned entities and, before each extraction, loads only the aliases added since it last
looked, so the cost does not grow with the corpus.
"""

from __future__ import annotations

import asyncio
import logging

import anyio.to_thread
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.models import EntityAlias
from service.domain.extraction import extract_article
from service.domain.knowledge import KnowledgeBase
from service.services.collector import spare_long_lived
from service.services.entities import learned_entities

log = logging.getLogger("factcheck.knowledge")

# Extracted once at start-up: the extractor builds some indexes of a knowledge base on first
# use (~0.2 s), which the first ingest of a process would otherwise wait for.
_WARM_UP_TEXT = (
    "PARIS, France (AP) - At least 12 people were killed and between 30 and 40 injured on "
    "Monday, the health ministry said. Police put the cost at $3.5bn, up 4% from last year."
)


class KnowledgeCache:
    def __init__(self) -> None:
        self._kb: KnowledgeBase | None = None
        self._seen_alias_id = 0
        self._lock = asyncio.Lock()

    async def current(self, session: AsyncSession) -> KnowledgeBase:
        """The knowledge base including every alias stored so far."""
        async with self._lock:
            if self._kb is None:
                self._kb = KnowledgeBase.shipped()
            newest = await session.scalar(select(func.max(EntityAlias.id))) or 0
            if newest > self._seen_alias_id:
                learned = list(await learned_entities(session, self._seen_alias_id))
                if learned:
                    self._kb = self._kb.with_entities(learned)
                self._seen_alias_id = newest
            # ~200k objects that live as long as the process (see services/collector.py).
            spare_long_lived("knowledge base")
            return self._kb

    async def warm(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        """Load the knowledge base now (at start-up), so that no request waits for it.

        Building it takes ~0.3 s, plus the entities storage learned, and the extractor's
        first use of it ~0.2 s more; the first ingest of a process paid both. A database not
        migrated yet leaves the load to the first ingest.
        """
        try:
            async with sessionmaker() as session:
                kb = await self.current(session)
        except DBAPIError as error:
            log.warning("knowledge base not loaded at start-up: %s", error.orig)
            return
        await anyio.to_thread.run_sync(lambda: extract_article(text=_WARM_UP_TEXT, kb=kb))
