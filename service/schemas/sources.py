"""Source requests and responses."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

# No NUL characters: they are never part of an article and break some databases.
NO_NUL = r"^[^\x00]*$"
ArticleText = Annotated[str, msgspec.Meta(min_length=1, max_length=1_000_000, pattern=NO_NUL)]
Url = Annotated[str, msgspec.Meta(min_length=8, max_length=2000, pattern=r"^https?://[^\s\x00]+$")]
ShortText = Annotated[str, msgspec.Meta(max_length=1000, pattern=NO_NUL)]


class SourceCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Exactly one of `text`, `html` or `url` (fetched when it is the only content)."""

    text: ArticleText | None = None
    html: ArticleText | None = None
    url: Url | None = None
    title: ShortText | None = None
    publisher: ShortText | None = None
    author: ShortText | None = None
    published_at: dt.datetime | None = None


class SourceRead(msgspec.Struct, kw_only=True):
    id: int
    title: str | None
    publisher: str | None
    url: str | None
    author: str | None
    published_at: dt.datetime | None
    claim_count: int
    assertion_count: int
    created_at: dt.datetime


class SourceDetail(SourceRead, kw_only=True):
    text: str
