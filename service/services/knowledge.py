"""The extractor's knowledge base for this process: the shipped one plus what storage learned.

Entities discovered in articles and aliases added through the API live in the database, which
several API processes share. Each process keeps the shipped knowledge base extended with the
learned entities and, before each extraction, loads only the aliases added since it last
looked, so the cost does not grow with the corpus.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import EntityAlias
from service.domain.knowledge import KnowledgeBase
from service.services.collector import spare_long_lived
from service.services.entities import learned_entities


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
