"""GET /assertions and GET /facts as CSV and NDJSON: same filters, every row, streamed."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.services.exports import PAGE_SIZE
from tests.api.test_reads import all_pages

pytestmark = pytest.mark.anyio


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def read_ndjson(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


async def test_assertions_as_csv_and_ndjson(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    expected = await all_pages(client, "/assertions", limit=500)
    assert expected

    as_csv = await client.get("/assertions", params={"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "assertions.csv" in as_csv.headers["content-disposition"]
    rows = read_csv(as_csv.text)
    assert [int(r["id"]) for r in rows] == [a["id"] for a in expected]
    by_id = {a["id"]: a for a in expected}
    for row in rows:
        figure = by_id[int(row["id"])]
        assert row["text"] == figure["text"]
        assert row["quantity"] == figure["quantity"]
        assert row["qualifier"] == figure["qualifier"]
        for bound in ("low", "high"):
            assert (float(row[bound]) if row[bound] else None) == figure[bound]
        subject = figure["subject"]
        assert row["subject"] == (subject["name"] if subject else "")
        assert row["subject_id"] == (str(subject["id"]) if subject else "")
        assert row["as_of"] == (figure["as_of"] or "")
        assert row["superseded"] == ("true" if figure["superseded"] else "false")

    by_accept = await client.get("/assertions", headers={"Accept": "application/x-ndjson"})
    assert by_accept.headers["content-type"].startswith("application/x-ndjson")
    assert read_ndjson(by_accept.text) == expected


async def test_filters_apply_to_exports(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    source_id = seeded[1]["id"]
    expected = await all_pages(client, "/assertions", source_id=source_id, entity="DPRK")
    exported = await client.get(
        "/assertions", params={"format": "ndjson", "source_id": source_id, "entity": "dprk"}
    )
    assert read_ndjson(exported.text) == expected

    facts = await all_pages(client, "/facts", verdict="conflict")
    assert facts
    as_csv = await client.get(
        "/facts", params={"verdict": "conflict"}, headers={"Accept": "text/csv"}
    )
    rows = read_csv(as_csv.text)
    assert [int(r["id"]) for r in rows] == [f["id"] for f in facts]
    assert {r["verdict"] for r in rows} == {"conflict"}
    for row, fact in zip(rows, facts, strict=True):
        assert row["label"] == fact["label"]
        assert row["explanation"] == fact["explanation"]
        assert row["assertions"].split() == [str(a["id"]) for a in fact["assertions"]]

    nothing = await client.get("/facts", params={"format": "csv", "entity": "Atlantis"})
    assert read_csv(nothing.text) == []
    assert nothing.text.startswith("id,label,")


async def test_json_stays_the_default(
    client: AsyncTestClient[Litestar], seeded: list[dict[str, Any]]
) -> None:
    for headers, params in (({}, {}), ({"Accept": "*/*"}, {}), ({}, {"format": "json"})):
        response = await client.get("/facts", headers=headers, params=params)
        assert response.headers["content-type"].startswith("application/json")
        assert "items" in response.json()


async def test_bad_export_requests_are_problems(client: AsyncTestClient[Litestar]) -> None:
    for path, params in (
        ("/facts", {"format": "xml"}),
        ("/facts", {"format": "csv", "verdict": "maybe"}),
        ("/assertions", {"format": "ndjson", "source_id": "abc"}),
        ("/assertions", {"format": "csv", "fact_id": "0"}),
    ):
        response = await client.get(path, params=params)
        assert response.status_code == 400, (path, params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_exports_stream_past_one_page(client: AsyncTestClient[Litestar]) -> None:
    # More assertions than one database page: the export reads page after page.
    figures = " ".join(
        f"Officials said {n} homes were damaged in district {n}." for n in range(1, 140)
    )
    for part in range(5):
        text = f"Report {part}. " + figures.replace("homes", f"homes (survey {part})")
        response = await client.post("/sources", json={"text": text, "publisher": f"P{part}"})
        assert response.status_code == 201, response.text
    expected = await all_pages(client, "/assertions", limit=500)
    assert len(expected) > PAGE_SIZE
    rows = read_csv((await client.get("/assertions", params={"format": "csv"})).text)
    assert [int(r["id"]) for r in rows] == [a["id"] for a in expected]


def test_formula_cells_are_kept_as_text() -> None:
    from service.services.exports import _cell

    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("+1 (555)") == "'+1 (555)"
    assert _cell(-5.0) == "-5"
    assert _cell(2.5) == "2.5"
    assert _cell(None) == ""
