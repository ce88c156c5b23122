"""POST/GET/DELETE /sources over real HTTP on a real database."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.models import Assertion, Claim, Fact, Source

pytestmark = pytest.mark.anyio

ARTICLE = (
    "Floods displace thousands in Bavaria\n\n"
    "MUNICH, June 3 (Wire) - Flooding in southern Germany has forced more than 3,000 people "
    "from their homes, the Bavarian interior ministry said on Monday. Rescue services said "
    "about 40 roads were closed and at least two people had died. Damage could exceed "
    "€2 billion, an insurance industry group estimated.\n"
)


async def count(engine: AsyncEngine, model: type) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(model)) or 0)


async def test_ingest_returns_source_with_counts(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post(
        "/sources",
        json={"text": ARTICLE, "publisher": "Wire", "published_at": "2024-06-04T08:00:00+02:00"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) >= {
        "id",
        "title",
        "publisher",
        "url",
        "author",
        "published_at",
        "claim_count",
        "assertion_count",
    }
    assert body["publisher"] == "Wire"
    assert body["published_at"].startswith("2024-06-04T06:00:00")
    assert body["claim_count"] >= 2
    assert body["assertion_count"] >= 3

    detail = (await client.get(f"/sources/{body['id']}")).json()
    assert "more than 3,000 people" in detail["text"]


async def test_same_content_twice_creates_nothing_new(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    first = await client.post("/sources", json={"text": ARTICLE})
    counts = [await count(engine, m) for m in (Source, Claim, Assertion, Fact)]
    again = await client.post("/sources", json={"text": ARTICLE + "\n\n"})
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert [await count(engine, m) for m in (Source, Claim, Assertion, Fact)] == counts


async def test_html_page_is_reduced_to_its_article(client: AsyncTestClient[Litestar]) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:] if line)
    page = (
        "<html><head><title>Floods | Wire</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        "<div class='cookie'>We use cookies to improve your experience. Accept all</div>"
        f"<article><h1>Floods displace thousands in Bavaria</h1>{paragraphs}</article>"
        "<aside><h3>Related</h3><a href='/x'>Ten things about rivers</a></aside>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    response = await client.post("/sources", json={"html": page})
    assert response.status_code == 201, response.text
    text_ = (await client.get(f"/sources/{response.json()['id']}")).json()["text"]
    assert "more than 3,000 people" in text_
    assert "cookies" not in text_
    assert "Ten things about rivers" not in text_


async def test_html_page_declares_its_metadata(client: AsyncTestClient[Litestar]) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:] if line)
    page = (
        "<html><head><title>Floods | Wire</title>"
        '<meta property="og:site_name" content="Alpine Wire">'
        '<meta name="author" content="Anna Huber">'
        '<meta property="article:published_time" content="2024-06-04T08:00:00+02:00">'
        f"</head><body><article><h1>Floods displace thousands in Bavaria</h1>{paragraphs}"
        "</article></body></html>"
    )
    created = await client.post("/sources", json={"html": page})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["publisher"] == "Alpine Wire"
    assert body["author"] == "Anna Huber"
    assert body["published_at"].startswith("2024-06-04T06:00:00")
    # what the caller says wins over what the page declares
    again = await client.post(
        "/sources", json={"html": page.replace("Bavaria", "Bavaria today"), "publisher": "Desk"}
    )
    assert again.json()["publisher"] == "Desk"


async def test_delete_removes_claims_and_refreshes_facts(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    created = (await client.post("/sources", json={"text": ARTICLE})).json()
    assert await count(engine, Assertion) > 0
    response = await client.delete(f"/sources/{created['id']}")
    assert response.status_code == 204
    assert [await count(engine, m) for m in (Source, Claim, Assertion, Fact)] == [0, 0, 0, 0]
    missing = await client.get(f"/sources/{created['id']}")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


async def test_failed_ingest_leaves_no_partial_rows(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    # Make the database itself refuse assertions, after the source and claims were written.
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
                )
            )
            await connection.execute(
                text(
                    "CREATE TRIGGER refuse_assertions BEFORE INSERT ON assertions "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
        else:
            await connection.execute(
                text(
                    "CREATE TRIGGER refuse_assertions BEFORE INSERT ON assertions "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
    try:
        response = await client.post("/sources", json={"text": ARTICLE})
        assert response.status_code == 500
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "refused" not in response.text  # nothing internal leaks
        assert [await count(engine, m) for m in (Source, Claim, Assertion, Fact)] == [0, 0, 0, 0]
    finally:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "DROP TRIGGER refuse_assertions"
                    + (" ON assertions" if engine.dialect.name == "postgresql" else "")
                )
            )
            if engine.dialect.name == "postgresql":
                await connection.execute(text("DROP FUNCTION refuse()"))
    assert (await client.post("/sources", json={"text": ARTICLE})).status_code == 201


async def test_list_sources_pages_in_a_stable_order(client: AsyncTestClient[Litestar]) -> None:
    ids = []
    for n in range(5):
        body = {"text": f"Report {n}: officials said 1{n},000 people attended the fair."}
        ids.append((await client.post("/sources", json=body)).json()["id"])
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/sources", params=params)).json()
        seen.extend(item["id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(ids)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": ""}, 422),
        ({"text": "   \n  "}, 422),
        ({}, 422),
        ({"text": "a", "html": "<p>a</p>"}, 422),
        ({"text": "Some text.", "colour": "red"}, 422),
        ({"text": 42}, 422),
        ({"text": "nul \u0000 inside"}, 422),
        ({"url": "ftp://example.org/a"}, 422),
        ({"text": "ok", "published_at": "not a date"}, 422),
    ],
)
async def test_bad_bodies_get_problem_json_and_store_nothing(
    client: AsyncTestClient[Litestar], engine: AsyncEngine, body: dict[str, object], status: int
) -> None:
    response = await client.post("/sources", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"]
    assert await count(engine, Source) == 0


async def test_malformed_json_is_400(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post(
        "/sources", content=b'{"text": "unterminated', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["status"] == 400


async def test_wrong_media_type_is_415(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post(
        "/sources", content=b"plain words", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_body_over_the_limit_is_413(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post("/sources", json={"text": "word " * 600_000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_unknown_route_and_bad_ids_are_problems(client: AsyncTestClient[Litestar]) -> None:
    for path, status in [("/nowhere", 404), ("/sources/0", 400), ("/sources/abc", 404)]:
        response = await client.get(path)
        assert response.status_code == status, (path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
