"""Claims, numeric assertions and entities on the wire."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from service.domain.model import Qualifier
from service.schemas.common import EntityRef


class AssertionRead(msgspec.Struct, kw_only=True):
    id: int
    claim_id: int
    source_id: int
    fact_id: int | None
    text: str
    start: int
    end: int
    quantity: str
    unit: str | None
    subject: EntityRef | None
    location: EntityRef | None
    qualifier: Qualifier
    low: float | None
    high: float | None
    as_of: dt.date | None
    attributed_to: str | None
    is_forecast: bool
    superseded: bool


class ClaimRead(msgspec.Struct, kw_only=True):
    id: int
    source_id: int
    text: str
    start: int
    end: int
    speaker: str | None
    entities: list[EntityRef]
    assertions: list[AssertionRead]


class EntityRead(msgspec.Struct, kw_only=True):
    id: int
    name: str
    kind: str
    aliases: list[str]
    parent: EntityRef | None = None


AliasText = Annotated[
    str, msgspec.Meta(min_length=1, max_length=300, pattern=r"^[^\x00]*\S[^\x00]*$")
]


class AliasCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    alias: AliasText
