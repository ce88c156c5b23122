"""Entities in storage: link extracted entities to rows, resolve names, add aliases."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from sqlalchemy import BindParameter, Table, bindparam, func, insert, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from service.db.base import Base, utcnow
from service.db.models import Entity, EntityAlias
from service.domain import model
from service.domain.errors import AlreadyExists, NotFound
from service.domain.knowledge import KnowledgeBase
from service.schemas.claims import EntityRead
from service.schemas.common import EntityRef, Page
from service.services.pagination import decode_cursor, encode_cursor

_NON_WORD = re.compile(r"[^\w]+")


def containment_base(stored: Iterable[model.Entity]) -> KnowledgeBase:
    """The shipped knowledge base with the `stored` entities it lacks, for `contains` and
    `country_of` (which read only entities and their parents).

    A stored entity under a shipped key would only add aliases (`with_entities` keeps the
    shipped parent), so it is left out; the others are laid over the shipped entities
    without copying its alias index (`with_places`: ~1-3 ms saved per ingest, twice).
    """
    return KnowledgeBase.shipped().with_places(stored)


# Linking an article normalises every name of its entities (a country has dozens) twice.
@lru_cache(maxsize=1 << 16)
def normalize_alias(name: str) -> str:
    """Fold case, accents, punctuation and a leading "the": "U.S." = "us", "The Hague" = "hague"."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().replace(".", "").replace("'", "").replace("’", "")
    words = _NON_WORD.sub(" ", folded).strip()
    # "the Kremlin" and "Kremlin" are one name.
    return words.removeprefix("the ")[:300]


_names: BindParameter[str] = bindparam("names", expanding=True)
# Built once (the ingest runs it every time): the rows named by key, and those owning one of
# the article's names, with only those aliases (the only ones linking looks at).
_LINKED = (
    select(Entity, EntityAlias.normalized)
    .outerjoin(
        EntityAlias, (EntityAlias.entity_id == Entity.id) & EntityAlias.normalized.in_(_names)
    )
    # A UNION, not an OR: PostgreSQL would scan every entity for "key IN ... OR id IN ...".
    .where(
        Entity.id.in_(
            union(
                select(Entity.id).where(Entity.key.in_(bindparam("keys", expanding=True))),
                select(EntityAlias.entity_id).where(EntityAlias.normalized.in_(_names)),
            )
        )
    )
)


@dataclass
class LinkedEntities:
    """Extracted entity keys mapped to their rows, and the stored rows that gained a parent."""

    rows: dict[str, Entity] = field(default_factory=dict)
    adopted: list[Entity] = field(default_factory=list)


async def link_entities(session: AsyncSession, entities: Sequence[model.Entity]) -> LinkedEntities:
    """Map each extracted entity key to its row, creating rows and aliases that are missing.

    An extracted entity joins an existing one when any of its names is already an alias of
    that entity, so names learned from one article link the next article's mentions. A stored
    entity without a parent takes the one this article gives (see `sources` for re-keying).
    One query reads the rows (`_LINKED`).
    """
    linked = LinkedEntities()
    if not entities:
        return linked
    keys = {entity.key for entity in entities}
    names = {normalize_alias(n) for e in entities for n in (e.name, *e.aliases)} - {""}
    found = await session.execute(_LINKED, {"keys": list(keys), "names": list(names)})
    by_key: dict[str, Entity] = {}
    by_alias: dict[str, Entity] = {}
    for stored_row, normalized in found:
        by_key[stored_row.key] = stored_row
        if normalized is not None:
            by_alias[normalized] = stored_row
    stored = {id(row) for row in by_key.values()}
    created: list[Entity] = []
    new_aliases: list[tuple[Entity, str, str]] = []

    for entity in sorted(entities, key=_shipped_first):
        row: Entity | None = by_key.get(entity.key) or _by_any_name(entity, by_alias)
        if row is not None:
            if row.parent_key is None and entity.parent not in (None, row.key):
                # A place first seen without its country learns it from a later article.
                row.parent_key = entity.parent
                if id(row) in stored:
                    linked.adopted.append(row)
        else:
            # Not added to the session: written below with the others in one statement.
            row = Entity(
                key=entity.key,
                name=entity.name,
                kind=str(entity.kind),
                parent_key=entity.parent,
                origin="discovered",
            )
            created.append(row)
            by_key[entity.key] = row
        for name in (entity.name, *entity.aliases):
            normalized = normalize_alias(name)
            if normalized and normalized not in by_alias:
                new_aliases.append((row, name, normalized))
                by_alias[normalized] = row
        linked.rows[entity.key] = row
    await session.flush()  # parents learned by stored rows
    await _insert_entities(session, created, new_aliases)
    return linked


async def _insert_entities(
    session: AsyncSession, created: list[Entity], aliases: list[tuple[Entity, str, str]]
) -> None:
    """Write new entities (ids set on the rows) and new aliases, one statement for each.

    Core inserts: the ORM would insert entities one by one on SQLite to match ids to rows;
    here the ids come back with their keys.
    """
    if created:
        table = _table(Entity)
        now = utcnow()
        returned = await session.execute(
            insert(table).returning(table.c.key, table.c.id),
            [
                {
                    "key": row.key,
                    "name": row.name,
                    "kind": row.kind,
                    "parent_key": row.parent_key,
                    "origin": row.origin,
                    "created_at": now,
                }
                for row in created
            ],
        )
        ids: dict[str, int] = {key: entity_id for key, entity_id in returned}
        for row in created:
            row.id = ids[row.key]
    if aliases:
        await session.execute(
            insert(_table(EntityAlias)),
            [
                {
                    "entity_id": row.id,
                    "alias": name,
                    "normalized": normalized,
                    "origin": "discovered",
                }
                for row, name, normalized in aliases
            ],
        )


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _shipped_first(entity: model.Entity) -> tuple[int, str]:
    # Richer entities (more names) claim contested aliases before bare discovered names.
    return (-len(entity.aliases), entity.key)


def _by_any_name(entity: model.Entity, by_alias: dict[str, Entity]) -> Entity | None:
    for name in (entity.name, *entity.aliases):
        row = by_alias.get(normalize_alias(name))
        if row is not None:
            return row
    return None


async def resolve_entity_ids(session: AsyncSession, name_or_id: str) -> list[int]:
    """Ids of the entity that a filter value names: an id, a key, a name or any alias."""
    value = name_or_id.strip()
    # A UNION of index lookups: with OR, PostgreSQL scanned every entity (~2 ms at 10k).
    lookups = [
        select(Entity.id).where(Entity.key == value.lower()),
        select(EntityAlias.entity_id).where(EntityAlias.normalized == normalize_alias(value)),
    ]
    if value.isdigit() and len(value) < 12:
        lookups.append(select(Entity.id).where(Entity.id == int(value)))
    return sorted(await session.scalars(union(*lookups)))


def entity_ref(row: Entity | None) -> EntityRef | None:
    return None if row is None else EntityRef(id=row.id, name=row.name)


def _entity_read(row: Entity) -> EntityRead:
    return EntityRead(
        id=row.id, name=row.name, kind=row.kind, aliases=[a.alias for a in row.aliases]
    )


async def list_entities(
    session: AsyncSession, *, q: str | None, limit: int, cursor: str | None
) -> Page[EntityRead]:
    query = select(Entity).options(selectinload(Entity.aliases)).order_by(Entity.id)
    if q:
        needle = f"%{normalize_alias(q)}%"
        query = query.where(
            Entity.id.in_(select(EntityAlias.entity_id).where(EntityAlias.normalized.like(needle)))
            | func.lower(Entity.name).like(f"%{q.lower()}%")
        )
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        query = query.where(Entity.id > after)
    rows = list(await session.scalars(query.limit(limit + 1)))
    return _page([_entity_read(r) for r in rows[:limit]], rows, limit)


def _page(items: list[EntityRead], rows: list[Entity], limit: int) -> Page[EntityRead]:
    more = len(rows) > limit
    return Page(items=items, next_cursor=encode_cursor(rows[limit - 1].id) if more else None)


async def get_entity(session: AsyncSession, entity_id: int) -> EntityRead:
    row = await session.scalar(
        select(Entity).where(Entity.id == entity_id).options(selectinload(Entity.aliases))
    )
    if row is None:
        raise NotFound(f"entity {entity_id} does not exist")
    return _entity_read(row)


async def add_alias(session: AsyncSession, entity_id: int, alias: str) -> EntityRead:
    """Teach the service one more name for an entity; a name belongs to one entity only."""
    row = await session.scalar(
        select(Entity).where(Entity.id == entity_id).options(selectinload(Entity.aliases))
    )
    if row is None:
        raise NotFound(f"entity {entity_id} does not exist")
    normalized = normalize_alias(alias)
    if not normalized:
        raise AlreadyExists("alias has no letters or digits")
    owner = await session.scalar(
        select(EntityAlias.entity_id).where(EntityAlias.normalized == normalized)
    )
    if owner is not None and owner != entity_id:
        raise AlreadyExists(f"alias {alias!r} already names entity {owner}")
    if owner is None:
        row.aliases.append(EntityAlias(alias=alias.strip(), normalized=normalized, origin="user"))
        await session.flush()
    return _entity_read(row)


async def learned_entities(session: AsyncSession, after_alias_id: int) -> Iterable[model.Entity]:
    """Entities whose aliases were added after `after_alias_id`, for the extractor's KB."""
    rows = (
        await session.scalars(
            select(Entity)
            .join(EntityAlias)
            .where(EntityAlias.id > after_alias_id)
            .options(selectinload(Entity.aliases))
        )
    ).unique()
    return [stored_entity(row, tuple(a.alias for a in row.aliases)) for row in rows]


def stored_entity(row: Entity, aliases: tuple[str, ...] = ()) -> model.Entity:
    """A stored entity as the domain sees it (aliases only when the caller loaded them)."""
    return model.Entity(
        key=row.key,
        name=row.name,
        kind=entity_kind(row.kind),
        aliases=aliases,
        parent=row.parent_key,
    )


def entity_kind(kind: str) -> model.EntityKind:
    """A stored kind as the domain's enum (an unknown one reads as an organisation)."""
    try:
        return model.EntityKind(kind)
    except ValueError:
        return model.EntityKind.ORGANIZATION
