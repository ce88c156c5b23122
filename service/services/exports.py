"""Exports of assertions and facts as CSV or NDJSON, read page by page from the database.

Each page is read in its own short session (keyset pagination, the same filters as the
list endpoints), so a large export never holds one long transaction or the whole result
in memory. NDJSON lines are the list endpoints' items as they are; CSV flattens them into
one row per item (entities as id and name columns, lists as space-separated ids).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.model import Verdict
from service.schemas.common import Page
from service.services import claims, facts

PAGE_SIZE = 500
ASSERTION_COLUMNS = (
    "id",
    "claim_id",
    "source_id",
    "fact_id",
    "text",
    "start",
    "end",
    "quantity",
    "unit",
    "subject",
    "location",
    "qualifier",
    "low",
    "high",
    "as_of",
    "attributed_to",
    "is_forecast",
    "superseded",
)
FACT_COLUMNS = (
    "id",
    "label",
    "subject",
    "quantity",
    "unit",
    "location",
    "verdict",
    "source_count",
    "explanation",
    "consensus_low",
    "consensus_high",
    "severity",
    "assertions",
    "revised",
)
# Cells a spreadsheet would run as a formula (CSV injection) are kept as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Fetch = Callable[[AsyncSession, str | None], Awaitable[Page[Any]]]


async def _pages(
    sessionmaker: async_sessionmaker[AsyncSession], fetch: Fetch
) -> AsyncIterator[list[Any]]:
    cursor: str | None = None
    while True:
        async with sessionmaker() as session:
            page = await fetch(session, cursor)
        if page.items:
            yield page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def assertion_pages(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    entity: str | None,
    source_id: int | None,
    fact_id: int | None,
) -> AsyncIterator[list[Any]]:
    async def fetch(session: AsyncSession, cursor: str | None) -> Page[Any]:
        return await claims.list_assertions(
            session,
            entity=entity,
            source_id=source_id,
            fact_id=fact_id,
            limit=PAGE_SIZE,
            cursor=cursor,
        )

    return _pages(sessionmaker, fetch)


def fact_pages(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    entity: str | None,
    verdict: Verdict | None,
) -> AsyncIterator[list[Any]]:
    async def fetch(session: AsyncSession, cursor: str | None) -> Page[Any]:
        return await facts.list_facts(
            session, entity=entity, verdict=verdict, limit=PAGE_SIZE, cursor=cursor
        )

    return _pages(sessionmaker, fetch)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return " ".join(str(v.id if hasattr(v, "id") else v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _header(columns: Sequence[str], entity_columns: set[str]) -> list[str]:
    header: list[str] = []
    for column in columns:
        header.extend([f"{column}_id", column] if column in entity_columns else [column])
    return header


def _row(item: Any, columns: Sequence[str], entity_columns: set[str]) -> list[str]:
    row: list[str] = []
    for column in columns:
        value = getattr(item, column)
        if column in entity_columns:
            row.extend([_cell(value.id), _cell(value.name)] if value else ["", ""])
        else:
            row.append(_cell(value))
    return row


async def csv_chunks(pages: AsyncIterator[list[Any]], columns: Sequence[str]) -> AsyncIterator[str]:
    """A header line, then one CSV chunk per page (RFC 4180 quoting, CRLF line ends)."""
    entity_columns = {"subject", "location"}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header(columns, entity_columns))
    yield buffer.getvalue()
    async for items in pages:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(_row(item, columns, entity_columns) for item in items)
        yield buffer.getvalue()


async def ndjson_chunks(pages: AsyncIterator[list[Any]]) -> AsyncIterator[bytes]:
    """One JSON object per line, shaped like the list endpoints' items."""
    encoder = msgspec.json.Encoder()
    async for items in pages:
        yield b"".join(encoder.encode(item) + b"\n" for item in items)
