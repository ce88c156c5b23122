"""Keep facts and verdicts up to date: recompute only the fact families a change touched.

Each assertion row stores its family key (what is counted, in which dimension, whose, where).
An ingest or a delete names the families it touched; this module reloads every assertion of
those families, regroups them into facts and judges each fact again. The cost follows the
size of the touched families, not the size of the corpus, and the result does not depend on
the order in which sources arrived.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import msgspec
from sqlalchemy import Table, bindparam, delete, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from service.db.base import Base, utcnow
from service.db.id_lists import is_postgres
from service.db.models import Assertion, ConflictPair, Entity, Fact, Source
from service.domain import facts as fact_logic
from service.domain import model, verdicts
from service.domain.knowledge import KnowledgeBase
from service.domain.model import AssertionView, Qualifier
from service.services.entities import containment_base, entity_kind, stored_entity
from service.services.fact_events import FactChange, record_fact_events


async def refresh_families(session: AsyncSession, families: Collection[str]) -> list[FactChange]:
    """Regroup and re-judge every fact of `families`; the session is flushed, not committed.

    Returns how each fact's verdict changed; the webhook events these changes raise are
    queued in the same transaction. Only what changed is written, in a few bulk statements:
    new facts, changed facts, the conflict pairs of facts whose pairs changed, assertions
    whose fact or superseded flag changed, and facts that no longer exist.
    """
    if not families:
        return []
    family_list = sorted(set(families))
    await lock_families(session, family_list)
    loaded = await _load_views(session, family_list)
    names = loaded.names
    # Containment (Kursk lies in Russia) for shipped and stored entities alike.
    kb = containment_base(await _with_ancestors(session, loaded.places))

    def name_of(key: str) -> str:
        return names.get(key, key)

    # Each family is grouped on its own, its assertions and sources numbered by content:
    # grouping breaks ties and names split-off facts by these numbers, so numbering by
    # arrival (stored ids) or by batch would make the facts depend on which article came
    # first, or on which other families one refresh happened to touch.
    grouped: list[tuple[fact_logic.FactGroup, dict[int, AssertionView], dict[int, int]]] = []
    for family, members_of_family in _by_family(loaded.views, loaded.family_of):
        views, real_id = _numbered_by_content(members_of_family)
        by_number = {view.id: view for view in views}
        groups = fact_logic.group_facts(
            views,
            name_of,
            contains=kb.contains,
            country_of=kb.country_of,
            family_of=_constant_family(family),
            kind_of=loaded.kinds.get,
        )
        grouped.extend((group, by_number, real_id) for group in groups)

    # The stored facts of these families with their conflict pairs, in one query.
    existing: dict[str, Any] = {}
    stored_pairs: dict[int, dict[tuple[int, int], tuple[str, float]]] = {}
    for row in await session.execute(_STORED_FACTS, {"families": family_list}):
        existing.setdefault(row.key, row)
        if row.a_id is not None:
            stored_pairs.setdefault(row.id, {})[(row.a_id, row.b_id)] = (
                row.reason,
                row.pair_severity,
            )
    now = utcnow()
    judged: list[_Judged] = []
    for group, by_number, real_id in grouped:
        members = [by_number[member] for member in group.member_ids]
        judgement = verdicts.judge(members, name_of, label=group.label)
        values = {
            "family_key": group.family,
            "label": group.label,
            "quantity": group.quantity,
            "unit": group.unit,
            "subject_id": loaded.ids_by_key.get(group.subject) if group.subject else None,
            "location_id": loaded.ids_by_key.get(group.location) if group.location else None,
            "verdict": judgement.verdict.value,
            "explanation": judgement.explanation,
            "source_count": len({m.source_id for m in members}),
            "severity": judgement.severity,
            "consensus_low": judgement.consensus_low,
            "consensus_high": judgement.consensus_high,
        }
        pairs = {(real_id[p.a], real_id[p.b]): (p.reason, p.severity) for p in judgement.pairs}
        judged.append(
            _Judged(
                group=group,
                row=existing.get(group.key),
                values=values,
                pairs=pairs,
                members=[real_id[m] for m in group.member_ids],
                revised={real_id[i] for i in judgement.revised},
            )
        )

    fact_ids = await _write_facts(session, judged, now)
    await _write_pairs(session, judged, fact_ids, stored_pairs)
    membership = {m: fact_ids[item.group.key] for item in judged for m in item.members}
    superseded = {i for item in judged for i in item.revised}
    await _store_membership(session, loaded, membership, superseded)

    changes = []
    for item in judged:
        change = FactChange(
            fact_id=fact_ids[item.group.key],
            label=item.group.label,
            quantity=item.group.quantity,
            unit=item.group.unit,
            subject=name_of(item.group.subject) if item.group.subject else None,
            location=name_of(item.group.location) if item.group.location else None,
            previous=item.row.verdict if item.row is not None else None,
            current=item.values["verdict"],
            explanation=item.values["explanation"],
            source_count=item.values["source_count"],
        )
        if item.revised - loaded.was_superseded:
            change = msgspec.structs.replace(change, newly_superseded=True)
        changes.append(change)
    kept = {item.group.key for item in judged}
    gone = [row for key, row in existing.items() if key not in kept]
    for row in gone:
        changes.append(_removed(row))
    if gone:
        # Their conflict pairs go with them (ON DELETE CASCADE).
        await session.execute(
            delete(Fact)
            .where(Fact.id.in_([row.id for row in gone]))
            .execution_options(synchronize_session=False)
        )
    await record_fact_events(session, changes)
    return changes


# What a refresh reads of the stored facts: everything it may rewrite, and the event fields.
_FACT_COLUMNS = (
    Fact.id,
    Fact.key,
    Fact.family_key,
    Fact.label,
    Fact.quantity,
    Fact.unit,
    Fact.subject_id,
    Fact.location_id,
    Fact.verdict,
    Fact.explanation,
    Fact.source_count,
    Fact.severity,
    Fact.consensus_low,
    Fact.consensus_high,
)


_STORED_FACTS = (
    select(
        *_FACT_COLUMNS,
        ConflictPair.a_id,
        ConflictPair.b_id,
        ConflictPair.reason,
        ConflictPair.severity.label("pair_severity"),
    )
    .outerjoin(ConflictPair, ConflictPair.fact_id == Fact.id)
    .where(Fact.family_key.in_(bindparam("families", expanding=True)))
)


@dataclass
class _Judged:
    """One fact as judged now, with the stored row it replaces (None when it is new)."""

    group: fact_logic.FactGroup
    row: Any  # the stored fact (a row of _FACT_COLUMNS), None when it is new
    values: dict[str, Any]
    # (assertion id, assertion id) -> (reason, severity)
    pairs: dict[tuple[int, int], tuple[str, float]]
    members: list[int]
    revised: set[int]


async def _write_facts(
    session: AsyncSession, judged: list[_Judged], now: dt.datetime
) -> dict[str, int]:
    """Insert the new facts and update the changed ones; returns every fact's id by key."""
    fact_ids = {item.group.key: item.row.id for item in judged if item.row is not None}
    changed = [
        {"row_id": item.row.id, **item.values, "updated_at": now}
        for item in judged
        if item.row is not None
        and any(getattr(item.row, name) != value for name, value in item.values.items())
    ]
    if changed:
        await session.execute(_UPDATE_FACT, changed)
    new = [item for item in judged if item.row is None]
    if new:
        table = _table(Fact)
        # One multi-row statement in grouping order; the ids come back with their keys.
        rows = await session.execute(
            insert(table).returning(table.c.key, table.c.id),
            [{"key": item.group.key, **item.values, "updated_at": now} for item in new],
        )
        fact_ids.update((key, fact_id) for key, fact_id in rows)
    return fact_ids


async def _write_pairs(
    session: AsyncSession,
    judged: list[_Judged],
    fact_ids: dict[str, int],
    stored: dict[int, dict[tuple[int, int], tuple[str, float]]],
) -> None:
    """Rewrite the conflict pairs of the facts whose pairs changed (or that are new)."""
    rewrite = [item for item in judged if stored.get(fact_ids[item.group.key], {}) != item.pairs]
    stale = [fact_ids[item.group.key] for item in rewrite if item.row is not None]
    for start in range(0, len(stale), 500):
        await session.execute(
            delete(ConflictPair)
            .where(ConflictPair.fact_id.in_(stale[start : start + 500]))
            .execution_options(synchronize_session=False)
        )
    rows_to_insert = [
        {
            "fact_id": fact_ids[item.group.key],
            "a_id": a_id,
            "b_id": b_id,
            "reason": reason,
            "severity": severity,
        }
        for item in rewrite
        for (a_id, b_id), (reason, severity) in item.pairs.items()
    ]
    if rows_to_insert:
        await session.execute(insert(_table(ConflictPair)), rows_to_insert)


def _removed(row: Any) -> FactChange:
    return FactChange(
        fact_id=row.id,
        label=row.label,
        quantity=row.quantity,
        unit=row.unit,
        subject=None,
        location=None,
        previous=row.verdict,
        current=None,
        explanation=row.explanation,
        source_count=row.source_count,
    )


def _table(model: type[Base]) -> Table:
    # Core, not ORM, bulk inserts: the ORM splits a batch wherever a row's null columns differ.
    return cast(Table, model.__table__)


# Core executemany updates by primary key (the SET columns are the parameters' other keys):
# the ORM's bulk update by primary key costs several times more per call.
_UPDATE_FACT = update(_table(Fact)).where(_table(Fact).c.id == bindparam("row_id"))
_UPDATE_ASSERTION = update(_table(Assertion)).where(_table(Assertion).c.id == bindparam("row_id"))


async def lock_families(session: AsyncSession, families: Collection[str]) -> None:
    """Serialise refreshes of the same families across transactions (PostgreSQL).

    Two concurrent ingests touching one family would each regroup it without the other's
    uncommitted assertions; a transaction-scoped advisory lock per family, taken in one
    global order, makes the second wait and then see the first's rows. SQLite serialises
    all writers already.
    """
    if not is_postgres(session) or not families:
        return
    # One statement, the locks taken in the order of the sorted subquery. (Were that order
    # ever not kept, two ingests could deadlock; PostgreSQL breaks that and the ingest is
    # tried again, as after any lost race.)
    await session.execute(_LOCK, {"ids": sorted({_lock_id(family) for family in families})})


_LOCK = text(
    "SELECT pg_advisory_xact_lock(lock_id) FROM "
    "(SELECT unnest(CAST(:ids AS bigint[])) AS lock_id ORDER BY lock_id) AS ordered"
)


def _lock_id(family: str) -> int:
    return int.from_bytes(hashlib.blake2b(family.encode(), digest_size=8).digest(), signed=True)


async def _store_membership(
    session: AsyncSession,
    loaded: _Loaded,
    membership: dict[int, int],
    superseded: set[int],
) -> None:
    """Point each assertion at its fact and flag revised ones; only rows that changed."""
    changed = [
        {"row_id": view.id, "fact_id": target[0], "superseded": target[1]}
        for view in loaded.views
        if (target := (membership.get(view.id), view.id in superseded))
        != loaded.stored_membership[view.id]
    ]
    if changed:
        await session.execute(_UPDATE_ASSERTION, changed)


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


@dataclass
class _Loaded:
    """The stored assertions of some families, as the grouping sees them."""

    views: list[AssertionView] = field(default_factory=list)
    family_of: dict[int, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    ids_by_key: dict[str, int] = field(default_factory=dict)
    places: list[model.Entity] = field(default_factory=list)
    # Kind of every subject and location named (only events meet across unnested places).
    kinds: dict[str, model.EntityKind] = field(default_factory=dict)
    # assertion id -> (fact id, superseded) as stored, to write only what changes.
    stored_membership: dict[int, tuple[int | None, bool]] = field(default_factory=dict)
    was_superseded: set[int] = field(default_factory=set)


def _entity_columns(entity: type[Entity]) -> tuple[Any, ...]:
    return (entity.id, entity.key, entity.name, entity.kind, entity.parent_key)


_subject = aliased(Entity, name="view_subject")
_location = aliased(Entity, name="view_location")
_attributor = aliased(Entity, name="view_attributor")
# Built once: building a select over aliased entities costs more than running it.
_VIEWS = (
    select(
        Assertion.id,
        Assertion.source_id,
        Assertion.family_key,
        Assertion.fact_id,
        Assertion.superseded,
        Assertion.quantity,
        Assertion.unit,
        Assertion.low,
        Assertion.high,
        Assertion.qualifier,
        Assertion.attributor_key,
        Assertion.attributed_to,
        Assertion.as_of,
        Assertion.is_forecast,
        Assertion.text,
        Source.published_at,
        Source.publisher,
        Source.title,
        *_entity_columns(_subject),
        *_entity_columns(_location),
        _attributor.name,
    )
    .join(Source, Source.id == Assertion.source_id)
    .outerjoin(_subject, _subject.id == Assertion.subject_id)
    .outerjoin(_location, _location.id == Assertion.location_id)
    .outerjoin(_attributor, _attributor.key == Assertion.attributor_key)
    .where(Assertion.family_key.in_(bindparam("families", expanding=True)))
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


async def _load_views(session: AsyncSession, families: list[str]) -> _Loaded:
    rows = await session.execute(_VIEWS, {"families": families})
    loaded = _Loaded()
    places: dict[str, model.Entity] = {}
    # Rows are tuples; typed loosely so that the slices below unpack.
    for row in cast("Iterable[tuple[Any, ...]]", rows):
        (
            assertion_id, source_id, family_key, fact_id, superseded, quantity, unit, low,
            high, qualifier, attributor, attributed_to, as_of, is_forecast, figure_text,
            published_at, publisher, title,
        ) = row[:18]  # fmt: skip
        loaded.family_of[assertion_id] = family_key
        if attributor is not None and row[28] is not None:
            loaded.names.setdefault(attributor, row[28])
        loaded.stored_membership[assertion_id] = (fact_id, bool(superseded))
        if superseded:
            loaded.was_superseded.add(assertion_id)
        keys: list[str | None] = []
        for entity in (row[18:23], row[23:28]):
            entity_id, key, name, kind, parent_key = entity
            keys.append(key)
            if key is not None:
                loaded.names[key] = name
                loaded.ids_by_key[key] = entity_id
                loaded.kinds[key] = entity_kind(kind)
                if parent_key and key not in places:
                    places[key] = model.Entity(
                        key=key, name=name, kind=entity_kind(kind), parent=parent_key
                    )
        loaded.views.append(
            AssertionView(
                id=assertion_id,
                source_id=source_id,
                quantity=quantity,
                unit=unit,
                low=low,
                high=high,
                qualifier=Qualifier(qualifier),
                subject=keys[0],
                location=keys[1],
                attributor=attributor,
                attributed_to=attributed_to,
                as_of=as_of,
                published_at=published_at,
                is_forecast=is_forecast,
                text=figure_text,
                source_label=publisher or title or f"source {source_id}",
            )
        )
    loaded.places = list(places.values())
    return loaded
