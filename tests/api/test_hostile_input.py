"""Hostile input to POST /sources: the status and problem+json each gets, and nothing stored.

Also: absurd figures are ingested without storing non-finite values, and every extraction
finishes (inputs built to make regular expressions backtrack included).
"""

from __future__ import annotations

import concurrent.futures
import json
import math
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.db.models import Assertion, Claim, Entity, EntityAlias, Fact, Source
from service.domain.errors import EmptyArticle
from service.domain.knowledge import KnowledgeBase
from service.schemas.sources import SourceCreate
from service.services.sources import extract
from service.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
JSON = {"content-type": "application/json"}
ARTICLE = "Rescuers said 1,200 people were evacuated from the valley on Monday."


async def stored(engine: AsyncEngine) -> dict[str, int]:
    counts = {}
    async with engine.connect() as connection:
        for model in (Source, Claim, Assertion, Fact, Entity, EntityAlias):
            query = select(func.count()).select_from(model)
            counts[model.__tablename__] = int(await connection.scalar(query) or 0)
    return counts


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


NOTHING = {name: 0 for name in ("sources", "claims", "assertions", "facts")}

REFUSED: list[tuple[str, bytes, int, str]] = [
    ("empty text", json.dumps({"text": ""}).encode(), 422, "validation_failed"),
    ("blank text", json.dumps({"text": " \n\t "}).encode(), 422, "empty_article"),
    ("blank html", json.dumps({"html": "<html> </html>"}).encode(), 422, "empty_article"),
    ("binary", bytes(range(256)) * 4, 400, "malformed_body"),
    ("invalid UTF-8", b'{"text": "troops \xff\xfe\xc3 died"}', 400, "malformed_body"),
    ("lone surrogate escape", b'{"text": "a \\ud800 b"}', 400, "malformed_body"),
    ("truncated JSON", b'{"text": "five died', 400, "malformed_body"),
    ("NUL in text", json.dumps({"text": "5 died\u0000"}).encode(), 422, "validation_failed"),
    ("NUL in html", json.dumps({"html": "<p>5\u0000</p>"}).encode(), 422, "validation_failed"),
    ("NUL in title", json.dumps({"text": ARTICLE, "title": "\u0000"}).encode(), 422, None),
    ("raw NUL byte", b'{"text": "5 died \x00"}', 400, "malformed_body"),
    (
        "deep nesting",
        b'{"text": "x", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        400,
        "malformed_body",
    ),
    ("deep nesting top level", b"[" * 50_000 + b"]" * 50_000, 400, "malformed_body"),
    ("nested unknown field", json.dumps({"text": ARTICLE, "x": [[[[1]]]]}).encode(), 422, None),
    ("unknown field", json.dumps({"text": ARTICLE, "sneaky": True}).encode(), 422, None),
    ("text is a number", json.dumps({"text": 5}).encode(), 422, "validation_failed"),
    ("text is a list", json.dumps({"text": [ARTICLE]}).encode(), 422, "validation_failed"),
    ("date is prose", json.dumps({"text": ARTICLE, "published_at": "Monday"}).encode(), 422, None),
    (
        "year 99999",
        json.dumps({"text": ARTICLE, "published_at": "99999-01-01"}).encode(),
        422,
        None,
    ),
    ("title is an object", json.dumps({"text": ARTICLE, "title": {}}).encode(), 422, None),
    ("body is a list", b"[1, 2, 3]", 422, "validation_failed"),
    ("body is null", b"null", 422, "validation_failed"),
    ("body is a string", b'"text"', 422, "validation_failed"),
    ("huge number", b'{"text": ' + b"9" * 5000 + b"}", 400, "malformed_body"),
    ("NaN literal", b'{"text": NaN}', 400, "malformed_body"),
    ("text and html", json.dumps({"text": "a", "html": "<p>a</p>"}).encode(), 422, None),
    ("no content", json.dumps({"title": "Only a title"}).encode(), 422, "invalid_input"),
    ("not http url", json.dumps({"url": "file:///etc/passwd"}).encode(), 422, None),
    ("empty object", b"{}", 422, "invalid_input"),
    ("empty body", b"", 400, "malformed_body"),
]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("body", "status", "code"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
async def test_refused_bodies_store_nothing(
    client: AsyncTestClient[Litestar], engine: AsyncEngine, body: bytes, status: int, code: str
) -> None:
    response = await client.post("/sources", content=body, headers=JSON)
    assert_problem(response, status, code)
    assert await stored(engine) == {**NOTHING, "entities": 0, "entity_aliases": 0}


@pytest.mark.anyio
async def test_only_json_is_accepted(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = await client.post(
            "/sources",
            content=json.dumps({"text": ARTICLE}),
            headers={"content-type": content_type},
        )
        assert_problem(response, 415, "unsupported_content")
    response = await client.post("/sources", content=ARTICLE.encode())
    assert_problem(response, 415)
    assert (await stored(engine))["sources"] == 0


@pytest.mark.anyio
async def test_html_that_is_all_scripts_is_an_empty_article(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    page = (FIXTURES / "scripts_only.html").read_text(encoding="utf-8")
    scripts = "<html><head><script>var a = 1;</script></head><body>"
    scripts += "<script>document.write('5,000 troops');</script>" * 200
    scripts += "<style>p { color: red }</style><noscript></noscript></body></html>"
    for html in (page, scripts):
        response = await client.post("/sources", json={"html": html})
        assert_problem(response, 422, "empty_article")
    assert await stored(engine) == {**NOTHING, "entities": 0, "entity_aliases": 0}


@pytest.mark.anyio
async def test_text_over_the_limits_is_413(database_url: str, engine: AsyncEngine) -> None:
    settings = Settings(database_url=database_url, max_text_chars=2_000, max_body_bytes=200_000)
    async with AsyncTestClient(app=create_app(settings)) as client:
        over_limit = " ".join([ARTICLE] * 40)  # > 2,000 characters after clean-up
        assert_problem(await client.post("/sources", json={"text": over_limit}), 413, "too_large")
        html = f"<html><body><article><p>{over_limit}</p></article></body></html>"
        assert_problem(await client.post("/sources", json={"html": html}), 413, "too_large")
        over_body = {"text": "x" * 250_000}
        assert_problem(await client.post("/sources", json=over_body), 413)
        # Just under the limits is fine.
        created = await client.post("/sources", json={"text": " ".join([ARTICLE] * 20)})
        assert created.status_code == 201, created.text
    assert (await stored(engine))["sources"] == 1


@pytest.mark.anyio
async def test_text_longer_than_the_schema_allows_is_413(
    database_url: str, engine: AsyncEngine
) -> None:
    settings = Settings(database_url=database_url, max_body_bytes=3_000_000)
    async with AsyncTestClient(app=create_app(settings)) as client:
        for field in ("text", "html"):
            response = await client.post("/sources", json={field: "a" * 1_000_001})
            assert_problem(response, 413, "validation_failed")
    assert (await stored(engine))["sources"] == 0


@pytest.mark.anyio
async def test_an_extraction_over_its_time_limit_is_422_too_complex(
    database_url: str, engine: AsyncEngine
) -> None:
    settings = Settings(database_url=database_url, extract_timeout_seconds=0.000_001)
    async with AsyncTestClient(app=create_app(settings)) as client:
        response = await client.post("/sources", json={"text": " ".join([ARTICLE] * 50)})
        assert_problem(response, 422, "too_complex")
    assert await stored(engine) == {**NOTHING, "entities": 0, "entity_aliases": 0}


ABSURD = [
    "Officials said 10^400 people were affected and 1e400 dollars were lost.",
    "The agency counted " + "9" * 5000 + " infections in the region.",
    "The agency counted " + ",".join(["999"] * 2000) + " infections in the region.",
    "Damage reached $" + "9" * 400 + " trillion, the ministry said.",
    "Losses were 1.7976931348623157e309 dollars and 0." + "0" * 400 + "1 percent.",
    "About 10 to the power of 400 people and infinity troops, or NaN tanks, were there.",
    "Some " + "1" * 20 + " soldiers and -" + "9" * 30 + " degrees were reported.",
]


@pytest.mark.anyio
@pytest.mark.parametrize("text", ABSURD, ids=[f"absurd{i}" for i in range(len(ABSURD))])
async def test_absurd_figures_are_not_stored(
    client: AsyncTestClient[Litestar], engine: AsyncEngine, text: str
) -> None:
    response = await client.post("/sources", json={"text": text})
    assert response.status_code == 201, response.text
    async with engine.connect() as connection:
        rows = (await connection.execute(select(Assertion.low, Assertion.high))).all()
    for low, high in rows:
        for value in (low, high):
            assert value is None or (math.isfinite(value) and abs(value) < 1e18), rows
    listed = await client.get("/assertions")
    assert listed.status_code == 200
    assert len(listed.json()["items"]) == len(rows)


@pytest.mark.anyio
async def test_a_thousand_figures_in_one_sentence(
    client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> None:
    sentence = "Officials listed " + ", ".join(f"{i * 7 + 3} troops" for i in range(1000)) + "."
    response = await client.post("/sources", json={"text": sentence})
    assert response.status_code == 201, response.text
    body = response.json()
    counts = await stored(engine)
    assert counts["sources"] == 1
    assert counts["assertions"] == body["assertion_count"] > 0
    facts = await client.get("/facts", params={"limit": 500})
    assert facts.status_code == 200


# Inputs shaped after the patterns the extractor's regular expressions use: long runs that
# a nested or overlapping quantifier would try to split every possible way.
BACKTRACKING = {
    "digit groups": "1," * 3000 + "1 troops",
    "digits and spaces": "1 " * 3000 + "troops",
    "dotted digits": "1." * 3000 + "1 troops",
    "hyphenated digits": "1-" * 3000 + "6 people",
    "scale words": "million " * 2000 + "5",
    "between": "between " * 2000 + "5 and 6 troops",
    "capitals": "A " * 3000,
    "name words": "Abc " * 3000 + "said 5 died",
    "currency signs": "$" * 5000 + "5",
    "percent signs": "5%" * 3000,
    "brackets": "(" * 3000 + "5" + ")" * 3000,
    "quotes": '"' * 3000 + " said " + '"' * 3000,
    "apostrophes": "s'" * 3000,
    "hyphenated words": "-".join(["well"] * 3000),
    "acronyms": "U.S." * 2000,
    "one long word": "a" * 20_000,
    "number words": "one two three four five six seven eight nine ten " * 200,
    "weekdays": "Monday, " * 2000,
    "reporting verbs": "said " * 3000,
    "clock-like": "1:" * 3000,
    "fractions": "1/" * 3000,
    "exponent-like": "1e" * 3000,
    "units": "5 km " * 1500,
    "ranges": "about 5,000 to 6,000 " * 500,
    "titles": "Mr " * 3000 + "Smith said 5",
    "abbreviations": "Dr. " * 3000,
    "commas": "," * 5000,
    "markup": "<p>" * 3000,
    "entities": "&amp;" * 3000,
    "url": "http://" + "a." * 3000 + "com",
    "email": "a" * 3000 + "@" + "b." * 3000,
    "no-break spaces": "\u00a0" * 3000 + "5 troops",
    "minus signs": "-" * 5000 + "5",
    "curly quotes": "\u201c" * 5000,
    "digits": "12345678901234567890" * 500,
}


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return KnowledgeBase.shipped()


@pytest.mark.anyio
@pytest.mark.parametrize("text", BACKTRACKING.values(), ids=BACKTRACKING.keys())
async def test_inputs_built_to_backtrack_are_extracted(knowledge: KnowledgeBase, text: str) -> None:
    # The service's time limit (30 s by default) would turn a runaway extraction into 422
    # too_complex; here it must simply finish.
    try:
        article = await extract(SourceCreate(text=text), knowledge, 500_000, 30.0)
    except EmptyArticle:
        return
    assert len(article.text) <= len(text)
    assert all(c.start < c.end for c in article.claims)


def _split_in_child(text: str) -> int:
    from service.domain.sentences import split_sentences

    return len(split_sentences(text))


@pytest.fixture
def child() -> Iterator[concurrent.futures.ProcessPoolExecutor]:
    pool = concurrent.futures.ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn")
    )
    yield pool
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def test_sentence_splitting_of_a_punctuation_run_is_linear(
    child: concurrent.futures.ProcessPoolExecutor,
) -> None:
    # Found quadratic here (10,000 dots then a letter took 3 s, 40,000 took 37 s); the
    # splitter now bounds punctuation runs. Runs in a child process killed on time-out, so
    # a runaway leaves nothing behind; linear splitting takes well under a second.
    child.submit(_split_in_child, "warm up.").result(timeout=120)
    future = child.submit(_split_in_child, "." * 300_000 + "x 5 troops.")
    assert future.result(timeout=10) >= 1


@pytest.mark.anyio
@pytest.mark.parametrize("mark", [".", "!", "?", "…", ".?!"])
async def test_the_service_defuses_punctuation_runs(knowledge: KnowledgeBase, mark: str) -> None:
    # The service also shortens such runs before extraction (defence in depth).
    text = "Rescuers said " + mark * (200_000 // len(mark)) + "x 1,200 people were evacuated."
    article = await extract(SourceCreate(text=text), knowledge, 500_000, 30.0)
    assert "1,200 people" in article.text
    assert len(article.text) < 1_000


@pytest.mark.anyio
@pytest.mark.parametrize("path", ["/claims?q=%00", "/facts?entity=a%00b", "/conflicts?cursor=%00"])
async def test_nul_in_a_query_is_refused_before_any_handler(
    client: AsyncTestClient[Litestar], path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "invalid_parameter"


@pytest.mark.anyio
async def test_an_unknown_path_stays_404_and_health_stays_open(
    client: AsyncTestClient[Litestar],
) -> None:
    assert (await client.get("/nowhere?q=%00")).status_code == 404
    assert (await client.get("/health?x=%00")).status_code == 200
