"""Maintenance: recompute every fact from scratch, and check that storage is consistent.

Ingest and delete refresh only the fact families they touch. `recompute_all_facts` rebuilds
all of them from the stored assertions, which is what those incremental refreshes must add
up to; `fact_state` describes the facts in a comparable form, and `consistency_problems`
lists what a crash or a bug could have left half-done.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Assertion, Claim, ConflictPair, Fact, Source
from service.services.fact_updates import refresh_families

# Families refreshed per round: bounds the size of one IN (...) list and of one load.
_FAMILIES_PER_ROUND = 200

FactState = tuple[str, str, str, str, int, tuple[int, ...], tuple[int, ...], tuple[str, ...]]


async def recompute_all_facts(session: AsyncSession) -> int:
    """Regroup and re-judge every fact from the stored assertions; returns the fact count.

    Facts that no assertion supports any more are deleted. The session is flushed, not
    committed.
    """
    families = sorted(set(await session.scalars(select(Assertion.family_key).distinct())))
    await session.execute(
        delete(Fact)
        .where(Fact.family_key.not_in(select(Assertion.family_key).distinct()))
        .execution_options(synchronize_session=False)
    )
    for start in range(0, len(families), _FAMILIES_PER_ROUND):
        await refresh_families(session, families[start : start + _FAMILIES_PER_ROUND])
    await session.flush()
    return int(await session.scalar(select(func.count()).select_from(Fact)) or 0)


async def fact_state(session: AsyncSession) -> list[FactState]:
    """Every fact as (key, label, verdict, explanation, source count, member assertion ids,
    superseded ids, conflict pair reasons), sorted: equal lists mean equal facts."""
    members: dict[int, list[tuple[int, bool]]] = {}
    for assertion_id, fact_id, superseded in await session.execute(
        select(Assertion.id, Assertion.fact_id, Assertion.superseded).order_by(Assertion.id)
    ):
        if fact_id is not None:
            members.setdefault(fact_id, []).append((assertion_id, superseded))
    pairs: dict[int, list[str]] = {}
    for fact_id, a_id, b_id, reason in await session.execute(
        select(ConflictPair.fact_id, ConflictPair.a_id, ConflictPair.b_id, ConflictPair.reason)
    ):
        pairs.setdefault(fact_id, []).append(f"{min(a_id, b_id)}-{max(a_id, b_id)}: {reason}")
    state: list[FactState] = []
    for fact in await session.scalars(select(Fact)):
        rows = members.get(fact.id, [])
        state.append(
            (
                fact.key,
                fact.label,
                fact.verdict,
                fact.explanation,
                fact.source_count,
                tuple(i for i, _ in rows),
                tuple(i for i, superseded in rows if superseded),
                tuple(sorted(pairs.get(fact.id, []))),
            )
        )
    return sorted(state)


async def consistency_problems(session: AsyncSession) -> Sequence[str]:
    """What is inconsistent in storage: counts that disagree with rows, orphans, strays."""
    problems: list[str] = []
    claims: dict[int, int] = {
        source_id: count
        for source_id, count in await session.execute(
            select(Claim.source_id, func.count()).group_by(Claim.source_id)
        )
    }
    assertions: dict[int, int] = {
        source_id: count
        for source_id, count in await session.execute(
            select(Assertion.source_id, func.count()).group_by(Assertion.source_id)
        )
    }
    for source in await session.scalars(select(Source).order_by(Source.id)):
        if claims.get(source.id, 0) != source.claim_count:
            problems.append(
                f"source {source.id}: claim_count {source.claim_count}, "
                f"{claims.get(source.id, 0)} claims stored"
            )
        if assertions.get(source.id, 0) != source.assertion_count:
            problems.append(
                f"source {source.id}: assertion_count {source.assertion_count}, "
                f"{assertions.get(source.id, 0)} assertions stored"
            )
    unjudged = await session.scalar(
        select(func.count()).select_from(Assertion).where(Assertion.fact_id.is_(None))
    )
    if unjudged:
        problems.append(f"{unjudged} assertions belong to no fact")
    empty = await session.scalar(
        select(func.count())
        .select_from(Fact)
        .where(~select(Assertion.id).where(Assertion.fact_id == Fact.id).exists())
    )
    if empty:
        problems.append(f"{empty} facts have no assertion")
    return problems
