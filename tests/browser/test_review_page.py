"""The review page in a real headless Chromium: conflicts side by side, the figure highlighted.

The app runs under uvicorn on a free localhost port; Playwright drives Debian's chromium
(never a downloaded browser). Skipped only when /usr/bin/chromium is absent (CI installs it).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine

from service.app import create_app
from service.settings import Settings
from tests.api.test_webhooks import PROTEST_ORGANISERS, PROTEST_POLICE
from tests.browser.png import count_color, read_png

pytestmark = pytest.mark.anyio

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MARK_RGB = (0xFF, 0xD2, 0x3F)  # the <mark> background in review.html.jinja2
HOSTILE = {
    "text": "Organisers said on Tuesday that 15,000 protesters gathered in the capital, Marenburg.",
    "publisher": "<img src=x onerror=alert(1)> Gazette",
    "title": "Crowds <script>window.pwned = 1</script>",
    "published_at": "2025-03-04T12:00:00Z",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(engine: AsyncEngine, database_url: str) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed: apt-get install -y chromium (.ci/run does)")
    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(database_url=database_url)),
        host="127.0.0.1",
        port=port,
        ws="none",
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        threading.Event().wait(0.025)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
async def page_of(server: str) -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        await browser.close()


async def test_conflicts_are_shown_with_the_figure_highlighted(
    server: str, page_of: object, tmp_path: Path
) -> None:
    from playwright.async_api import Page, expect

    page = page_of
    assert isinstance(page, Page)
    async with httpx.AsyncClient(base_url=server) as http:
        for payload in (PROTEST_POLICE, PROTEST_ORGANISERS, HOSTILE):
            response = await http.post("/sources", json=payload)
            assert response.status_code in {200, 201}, response.text
        conflicts = (await http.get("/conflicts")).json()["items"]
        claims = (await http.get("/claims", params={"limit": 500})).json()["items"]
    named = [e["name"] for c in claims for e in c["entities"] if "protesters" in c["text"]]
    assert named, "the claims behind the conflict name at least one entity"
    assert len(conflicts) == 1
    fact = conflicts[0]["fact"]

    await page.goto(f"{server}/review")
    card = page.locator(f"#fact-{fact['id']}")
    await expect(card.locator("h2")).to_have_text(fact["label"])
    figures = card.locator("article.figure")
    assert await figures.count() == 3
    mark = card.locator("mark", has_text="15,000 protesters").first
    await expect(mark).to_be_visible()
    police = card.locator("article.figure", has=page.locator("mark", has_text="2,000 protesters"))
    await expect(police).to_contain_text("Meridian Wire")
    await expect(police).to_contain_text("2025-03-04")
    await expect(police.locator("blockquote")).to_contain_text(
        "Police in Valdoria said on Tuesday that 2,000 protesters gathered"
    )

    # Markup in stored text is shown as text, never run.
    await expect(card).to_contain_text("<img src=x onerror=alert(1)> Gazette")
    await expect(card).to_contain_text("Crowds <script>window.pwned = 1</script>")
    assert await page.evaluate("window.pwned === undefined")
    assert await page.locator("main img").count() == 0

    # The highlight really is painted: its colour fills the mark in screenshots.
    shot = tmp_path / "review.png"
    await page.screenshot(path=str(shot), full_page=True)
    _, _, page_rows = read_png(shot.read_bytes())
    painted_area = await mark.evaluate(
        "el => Array.from(el.getClientRects()).reduce((s, r) => s + r.width * r.height, 0)"
    )
    assert painted_area > 200
    assert count_color(page_rows, MARK_RGB) >= 0.5 * painted_area
    _, _, mark_rows = read_png(await mark.screenshot())
    # Glyphs cover part of it; most of the mark's own area is its background colour.
    assert count_color(mark_rows, MARK_RGB) >= 0.5 * painted_area

    # The entity filter narrows the page (names are matched case-insensitively).
    await page.goto(f"{server}/review?entity={named[0].upper()}")
    await expect(page.locator(f"#fact-{fact['id']}")).to_be_visible()
    await page.goto(f"{server}/review?entity=Atlantis")
    await expect(page.locator("section.fact")).to_have_count(0)
    await expect(page.locator("p.empty")).to_contain_text("Atlantis")
