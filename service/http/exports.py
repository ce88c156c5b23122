"""CSV and NDJSON answers of `GET /assertions` and `GET /facts`, streamed.

An export is asked for with `format=csv|ndjson` or an `Accept: text/csv` /
`application/x-ndjson` header; it takes the same filters as the JSON list and streams
every matching item (no `limit`/`cursor`: pages are read one after another). Installed as
an app-level `before_request` hook, it answers before the JSON handler would, and returns
None (letting the JSON handler answer) for anything else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException
from litestar.response import Stream
from litestar.response.base import ASGIResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.model import Verdict
from service.http.params import MAX_ID
from service.services import exports

CSV = "text/csv; charset=utf-8"
NDJSON = "application/x-ndjson"
JSON = "application/json"
ACCEPTED = {"text/csv": "csv", "application/x-ndjson": "ndjson", "application/ndjson": "ndjson"}
EXPORT_PATHS = {"/assertions", "/facts"}

EntityName = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
RowId = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]


class AssertionFilters(msgspec.Struct, kw_only=True):
    entity: EntityName | None = None
    source_id: RowId | None = None
    fact_id: RowId | None = None


class FactFilters(msgspec.Struct, kw_only=True):
    entity: EntityName | None = None
    verdict: Verdict | None = None


FiltersT = TypeVar("FiltersT", AssertionFilters, FactFilters)


def export_format(request: Request[Any, Any, Any]) -> str | None:
    """`csv`, `ndjson`, or None for JSON: `format=` wins over the Accept header."""
    asked = request.query_params.get("format")
    if asked is not None:
        if asked not in {"csv", "ndjson", "json"}:
            raise ValidationException(
                detail="format must be one of json, csv, ndjson",
                extra=[
                    {
                        "message": "format must be one of json, csv, ndjson",
                        "key": "format",
                        "source": "query",
                    }
                ],
            )
        return None if asked == "json" else asked
    best = request.accept.best_match([JSON, *ACCEPTED], default=JSON)
    return ACCEPTED.get(best)


def _filters(request: Request[Any, Any, Any], kind: type[FiltersT]) -> FiltersT:
    names = kind.__struct_fields__
    raw = {name: request.query_params[name] for name in names if name in request.query_params}
    try:
        return msgspec.convert(raw, kind, strict=False)
    except msgspec.ValidationError as error:
        raise ValidationException(
            detail=str(error), extra=[{"message": str(error), "source": "query"}]
        ) from error


async def negotiate_export(request: Request[Any, Any, Any]) -> ExportStream | None:
    """Answer an export request with a stream; None lets the JSON list handler answer."""
    path = request.url.path.rstrip("/")
    if request.method != "GET" or path not in EXPORT_PATHS:
        return None
    chosen = export_format(request)
    if chosen is None:
        return None
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    columns: Sequence[str]
    if path == "/assertions":
        a = _filters(request, AssertionFilters)
        pages = exports.assertion_pages(
            sessionmaker, entity=a.entity, source_id=a.source_id, fact_id=a.fact_id
        )
        columns = exports.ASSERTION_COLUMNS
    else:
        f = _filters(request, FactFilters)
        pages = exports.fact_pages(sessionmaker, entity=f.entity, verdict=f.verdict)
        columns = exports.FACT_COLUMNS
    name = path.strip("/")
    if chosen == "csv":
        body: AsyncIterator[str] | AsyncIterator[bytes] = exports.csv_chunks(pages, columns)
        headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
        return ExportStream(body, media_type=CSV, headers=headers)
    return ExportStream(exports.ndjson_chunks(pages), media_type=NDJSON)


class ExportStream(Stream):
    """A stream that keeps its own media type: the JSON list handler it answers for would
    otherwise put `application/json` on it."""

    def to_asgi_response(
        self, app: Any, request: Request[Any, Any, Any], **kwargs: Any
    ) -> ASGIResponse:
        kwargs["media_type"] = self.media_type
        return super().to_asgi_response(app, request, **kwargs)
