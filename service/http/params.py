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
# Ids are 32-bit integer columns: a larger value can name nothing, and PostgreSQL refuses to
# compare it with one (a 500 found by the generated attacks), so it is a 400.
MAX_ID = 2**31 - 1
SourceIdFilter = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
Id = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
