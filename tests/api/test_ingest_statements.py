"""POST /sources writes an article in a bounded number of SQL statements.

An ingest used to flush once per claim and once per fact, so its statement count (and its
time on a busy database) grew with the size of the article. Claims, their entities and their
assertions are now written in bulk, and a fact refresh writes only what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.models import Assertion, Claim, ClaimEntity, Source

pytestmark = pytest.mark.anyio

TOWNS = (
    "Lyon", "Marseille", "Toulouse", "Montpellier", "Nantes", "Strasbourg",
    "Bordeaux", "Lille", "Rennes", "Reims", "Dijon", "Grenoble",
)  # fmt: skip


def article(towns: int, day: str) -> dict[str, str]:
    """One figure per town: an article of `towns` claims."""
    body = " ".join(
        f"Officials said {100 + 37 * i:,} people were evacuated in {town} on {day}."
        for i, town in enumerate(TOWNS[:towns])
    )
    return {"text": f"Floods in France\n\n{body}", "publisher": f"Wire {towns} {day}"}


@contextmanager
def statements(app: Litestar) -> Iterator[list[str]]:
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_statements_do_not_grow_with_the_article(
    app: Litestar, client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    counts = {}
    for towns in (2, 12):
        # The second article of each size meets stored entities and facts: the usual case.
        for day in ("Monday", "Tuesday"):
            with statements(app) as sent:
                response = await client.post("/sources", json=article(towns, day))
            assert response.status_code == 201, response.text
            assert response.json()["claim_count"] == towns
            counts[towns, day] = len(sent)
    # Ten more claims, entities, figures and facts cost at most a couple of statements.
    assert counts[12, "Tuesday"] - counts[2, "Tuesday"] <= 2, counts
    assert counts[12, "Monday"] <= 25, counts

    async with engine.connect() as connection:
        twelve = await connection.scalar(
            select(Source.id).where(Source.publisher == "Wire 12 Tuesday")
        )
        claims = (
            await connection.execute(
                select(Claim.id, Claim.start).where(Claim.source_id == twelve).order_by(Claim.id)
            )
        ).all()
        # Claims keep the article's order, and each carries its own figure and town.
        assert [start for _id, start in claims] == sorted(start for _id, start in claims)
        for claim_id, _start in claims:
            linked = await connection.scalar(
                select(func.count()).where(ClaimEntity.claim_id == claim_id)
            )
            assert linked == 1
        figures = (
            await connection.execute(
                select(Assertion.text, Claim.text)
                .join(Claim, Claim.id == Assertion.claim_id)
                .where(Assertion.source_id == twelve)
            )
        ).all()
        assert len(figures) == 12
        assert all(figure in claim for figure, claim in figures), figures
