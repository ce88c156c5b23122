"""Keep facts and verdicts up to date: recompute only the fact families a change touched.

Each assertion row stores its family key (what is counted, in which dimension, whose, where).
An ingest or a delete names the families it touched; this module reloads every assertion of
those families, regroups them into facts and judges each fact again. The cost follows the
size of the touched families, not the size of the corpus, and the result does not depend on
the order in which sources arrived.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection

import msgspec
from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.base import utcnow
from service.db.models import Assertion, ConflictPair, Entity, Fact, Source
from service.domain import facts as fact_logic
from service.domain import model, verdicts
from service.domain.knowledge import KnowledgeBase
from service.domain.model import AssertionView, Qualifier
from service.services.entities import stored_entity
from service.services.fact_events import FactChange, record_fact_events


async def refresh_families(session: AsyncSession, families: Collection[str]) -> list[FactChange]:
    """Regroup and re-judge every fact of `families`; the session is flushed, not committed.

    Returns how each fact's verdict changed; the webhook events these changes raise are
    queued in the same transaction.
    """
    if not families:
        return []
    family_list = sorted(set(families))
    await lock_families(session, family_list)
    stored, family_of, names, ids_by_key, places = await _load_views(session, family_list)
    # Containment (Kursk lies in Russia) for shipped and stored entities alike.
    kb = KnowledgeBase.shipped().with_entities(await _with_ancestors(session, places))
    was_superseded = set(
        await session.scalars(
            select(Assertion.id).where(Assertion.family_key.in_(family_list), Assertion.superseded)
        )
    )
    changes: list[FactChange] = []

    def name_of(key: str) -> str:
        return names.get(key, key)

    # Each family is grouped on its own, its assertions and sources numbered by content:
    # grouping breaks ties and names split-off facts by these numbers, so numbering by
    # arrival (stored ids) or by batch would make the facts depend on which article came
    # first, or on which other families one refresh happened to touch.
    grouped: list[tuple[fact_logic.FactGroup, dict[int, AssertionView], dict[int, int]]] = []
    for family, members_of_family in _by_family(stored, family_of):
        views, real_id = _numbered_by_content(members_of_family)
        by_number = {view.id: view for view in views}
        groups = fact_logic.group_facts(
            views, name_of, contains=kb.contains, family_of=_constant_family(family)
        )
        grouped.extend((group, by_number, real_id) for group in groups)

    existing = {
        row.key: row
        for row in await session.scalars(select(Fact).where(Fact.family_key.in_(family_list)))
    }
    kept: set[str] = set()
    membership: dict[int, int] = {}
    superseded: set[int] = set()
    for group, by_number, real_id in grouped:
        members = [by_number[member] for member in group.member_ids]
        judgement = verdicts.judge(members, name_of, label=group.label)
        row = existing.get(group.key)
        previous = row.verdict if row is not None else None
        if row is None:
            row = Fact(key=group.key)
            session.add(row)
        row.family_key = group.family
        row.label = group.label
        row.quantity = group.quantity
        row.unit = group.unit
        row.subject_id = ids_by_key.get(group.subject) if group.subject else None
        row.location_id = ids_by_key.get(group.location) if group.location else None
        row.verdict = judgement.verdict.value
        row.explanation = judgement.explanation
        row.source_count = len({m.source_id for m in members})
        row.severity = judgement.severity
        row.consensus_low = judgement.consensus_low
        row.consensus_high = judgement.consensus_high
        row.updated_at = utcnow()
        await session.flush()
        await session.execute(delete(ConflictPair).where(ConflictPair.fact_id == row.id))
        session.add_all(
            ConflictPair(
                fact_id=row.id,
                a_id=real_id[p.a],
                b_id=real_id[p.b],
                reason=p.reason,
                severity=p.severity,
            )
            for p in judgement.pairs
        )
        kept.add(group.key)
        membership.update(dict.fromkeys((real_id[m] for m in group.member_ids), row.id))
        revised = {real_id[i] for i in judgement.revised}
        superseded.update(revised)
        change = _change(row, previous, names, group.subject, group.location)
        if revised - was_superseded:
            change = msgspec.structs.replace(change, newly_superseded=True)
        changes.append(change)

    for key, row in existing.items():
        if key not in kept:
            changes.append(msgspec.structs.replace(_change(row, row.verdict, {}), current=None))
            await session.delete(row)
    await _store_membership(session, stored, membership, superseded)
    await session.flush()
    await record_fact_events(session, changes)
    return changes


def _change(
    row: Fact,
    previous: str | None,
    names: dict[str, str],
    subject: str | None = None,
    location: str | None = None,
) -> FactChange:
    return FactChange(
        fact_id=row.id,
        label=row.label,
        quantity=row.quantity,
        unit=row.unit,
        subject=names.get(subject, subject) if subject else None,
        location=names.get(location, location) if location else None,
        previous=previous,
        current=row.verdict,
        explanation=row.explanation,
        source_count=row.source_count,
    )


async def lock_families(session: AsyncSession, families: Collection[str]) -> None:
    """Serialise refreshes of the same families across transactions (PostgreSQL).

    Two concurrent ingests touching one family would each regroup it without the other's
    uncommitted assertions; a transaction-scoped advisory lock per family, taken in one
    global order, makes the second wait and then see the first's rows. SQLite serialises
    all writers already.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for lock_id in sorted({_lock_id(family) for family in families}):
        await session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})


def _lock_id(family: str) -> int:
    return int.from_bytes(hashlib.blake2b(family.encode(), digest_size=8).digest(), signed=True)


async def _store_membership(
    session: AsyncSession,
    views: list[AssertionView],
    membership: dict[int, int],
    superseded: set[int],
) -> None:
    by_target: dict[tuple[int | None, bool], list[int]] = {}
    for view in views:
        target = (membership.get(view.id), view.id in superseded)
        by_target.setdefault(target, []).append(view.id)
    for (fact_id, is_superseded), ids in by_target.items():
        for start in range(0, len(ids), 500):
            await session.execute(
                update(Assertion)
                .where(Assertion.id.in_(ids[start : start + 500]))
                .values(fact_id=fact_id, superseded=is_superseded)
                .execution_options(synchronize_session=False)
            )


async def _with_ancestors(session: AsyncSession, places: list[model.Entity]) -> list[model.Entity]:
    """`places` and every stored entity up their parent chains (a few levels at most).

    Containment must not depend on which families one refresh loaded, so a place's chain is
    completed from storage whatever else the refresh touched.
    """
    shipped = KnowledgeBase.shipped()
    known = {place.key: place for place in places}
    missing = {p.parent for p in places if p.parent and p.parent not in known}
    for _ in range(6):
        missing = {key for key in missing if shipped.get(key) is None and key not in known}
        if not missing:
            break
        rows = list(await session.scalars(select(Entity).where(Entity.key.in_(missing))))
        known.update((row.key, stored_entity(row)) for row in rows)
        missing = {row.parent_key for row in rows if row.parent_key}
    return list(known.values())


def _constant_family(family: str) -> Callable[[AssertionView], str]:
    # Regroup under the key stored at ingest, so a knowledge-base change never splits a family.
    return lambda _view: family


def _by_family(
    stored: list[AssertionView], family_of: dict[int, str]
) -> list[tuple[str, list[AssertionView]]]:
    families: dict[str, list[AssertionView]] = {}
    for view in stored:
        families.setdefault(family_of[view.id], []).append(view)
    return [(family, families[family]) for family in sorted(families)]


def _numbered_by_content(
    stored: list[AssertionView],
) -> tuple[list[AssertionView], dict[int, int]]:
    """Renumber assertions and sources by content order; returns the views and id map.

    Grouping and judging break ties by id, and ids follow arrival order: numbering the
    (already content-ordered) views afresh makes the facts independent of which article
    arrived first. The map turns the new assertion numbers back into stored ids.
    """
    real_id: dict[int, int] = {}
    source_number: dict[int, int] = {}
    views = []
    for number, view in enumerate(stored, start=1):
        real_id[number] = view.id
        source = source_number.setdefault(view.source_id, len(source_number) + 1)
        views.append(msgspec.structs.replace(view, id=number, source_id=source))
    return views, real_id


async def _load_views(
    session: AsyncSession, families: list[str]
) -> tuple[list[AssertionView], dict[int, str], dict[str, str], dict[str, int], list[model.Entity]]:
    subject = aliased(Entity)
    location = aliased(Entity)
    rows = await session.execute(
        select(Assertion, Source.published_at, Source.publisher, Source.title, subject, location)
        .join(Source, Source.id == Assertion.source_id)
        .outerjoin(subject, subject.id == Assertion.subject_id)
        .outerjoin(location, location.id == Assertion.location_id)
        .where(Assertion.family_key.in_(families))
        # Content order (publication, article, position), not arrival order.
        .order_by(
            Source.published_at.is_(None),
            Source.published_at,
            Source.content_hash,
            Assertion.start,
            Assertion.end,
            Assertion.id,
        )
    )
    views: list[AssertionView] = []
    family_of: dict[int, str] = {}
    names: dict[str, str] = {}
    ids_by_key: dict[str, int] = {}
    places: dict[str, model.Entity] = {}
    for assertion, published_at, publisher, title, subject_row, location_row in rows:
        family_of[assertion.id] = assertion.family_key
        for entity in (subject_row, location_row):
            if entity is not None:
                names[entity.key] = entity.name
                ids_by_key[entity.key] = entity.id
                if entity.parent_key and entity.key not in places:
                    places[entity.key] = stored_entity(entity)
        views.append(
            AssertionView(
                id=assertion.id,
                source_id=assertion.source_id,
                quantity=assertion.quantity,
                unit=assertion.unit,
                low=assertion.low,
                high=assertion.high,
                qualifier=Qualifier(assertion.qualifier),
                subject=subject_row.key if subject_row is not None else None,
                location=location_row.key if location_row is not None else None,
                attributor=assertion.attributor_key,
                attributed_to=assertion.attributed_to,
                as_of=assertion.as_of,
                published_at=published_at,
                is_forecast=assertion.is_forecast,
                text=assertion.text,
                source_label=publisher or title or f"source {assertion.source_id}",
            )
        )
    attributor_keys = {v.attributor for v in views if v.attributor} - names.keys()
    if attributor_keys:
        for key, name in await session.execute(
            select(Entity.key, Entity.name).where(Entity.key.in_(attributor_keys))
        ):
            names[key] = name
    return views, family_of, names, ids_by_key, list(places.values())
