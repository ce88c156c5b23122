"""Query parameters shared by list endpoints, declared once so OpenAPI documents them."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

Limit = Annotated[int, QueryParameter(ge=1, le=500, description="Page size (default 50, max 500).")]
Cursor = Annotated[
    str | None,
    QueryParameter(max_length=200, description="`next_cursor` of the previous page, as is."),
]
EntityFilter = Annotated[
    str | None,
    QueryParameter(
        min_length=1,
        max_length=300,
        description="Any name or alias of an entity (case-insensitive), or its id.",
    ),
]
SourceIdFilter = Annotated[int | None, QueryParameter(ge=1, le=2**62)]
Id = Annotated[int, PathParameter(ge=1, le=2**62)]
