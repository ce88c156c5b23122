"""Shapes shared by every resource."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

import msgspec

T = TypeVar("T")

Limit = Annotated[int, msgspec.Meta(ge=1, le=500, description="Page size (default 50, max 500).")]
DEFAULT_LIMIT = 50


class Page(msgspec.Struct, Generic[T]):
    """A page of a list; pass `next_cursor` back as `cursor` for the next page."""

    items: list[T]
    next_cursor: str | None


class EntityRef(msgspec.Struct):
    id: int
    name: str


class Problem(msgspec.Struct, omit_defaults=True):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    code: str = ""
    errors: list[dict[str, str]] | None = None
