"""The benchmark corpus and bulk loader (bench/) on both engines: cheap, no timing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.corpus import build_corpus
from bench.loader import build_rows, extract_all, write_rows
from service.db.models import Assertion, Fact, Source

pytestmark = pytest.mark.anyio


def test_corpus_is_deterministic_and_varied() -> None:
    first, again = build_corpus(40), build_corpus(40)
    assert first == again
    assert len({a.text for a in first}) == 40
    texts = " ".join(a.text for a in first)
    for phrase in ("at least", "about", "between", "more than", "up to", "said", "according to"):
        assert phrase in texts, phrase
    assert len({a.publisher for a in first}) > 3


async def test_bulk_load_writes_what_it_built(engine: AsyncEngine) -> None:
    articles = build_corpus(12)
    rows = build_rows(articles, extract_all(articles, processes=1))
    assert rows.assertions and rows.facts
    await write_rows(engine, rows)
    async with engine.connect() as connection:
        for model, expected in (
            (Source, rows.sources),
            (Assertion, rows.assertions),
            (Fact, rows.facts),
        ):
            count = await connection.scalar(select(func.count()).select_from(model))
            assert count == len(expected)
        unjudged = await connection.scalar(
            select(func.count()).select_from(Assertion).where(Assertion.fact_id.is_(None))
        )
    assert unjudged == 0
