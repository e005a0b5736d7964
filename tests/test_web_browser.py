"""The web UI in a real browser: Debian chromium driven by Playwright against ``duiding serve``'s app
on a free port. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from duiding import Store, load_config
from duiding.pipeline import analyze
from duiding.web import create_app

from .conftest import ROOT, SHARED

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TOKEN = "browser-test-token-0123456789"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    inputs = seeds or [str(ROOT / "examples" / "corpus")]
    db = tmp_path_factory.mktemp("browser") / "b.db"
    with Store(db) as s:
        analyze(inputs, s, load_config(env={}).with_overrides(workers=2))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: `make setup` installs it")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        yield pg
        browser.close()


def test_story_quote_speaker_and_article(server: str, page) -> None:
    page.goto(server + "/")
    page.locator("main a").first.click()
    page.wait_for_selector("#quotes")
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    speaker_card = page.locator(".card.speaker").first
    speaker = speaker_card.locator("h3 a").inner_text()
    quote_text = speaker_card.locator("a.quote").first.inner_text().strip("“”")
    speaker_card.locator("h3 a").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == speaker
    page.go_back()
    page.locator(".card.speaker").first.locator("a.quote").first.click()
    marked = page.locator("mark#quote")
    marked.wait_for()
    assert marked.inner_text() == quote_text
    page.screenshot(path=str(ARTIFACTS / "article-quote.png"), full_page=True)


def _visible(page, selector: str) -> int:
    return page.locator(selector).evaluate_all("els => els.filter(e => e.offsetParent !== null).length")


def test_story_page_filters_by_outlet_and_hides_background(server: str, page) -> None:
    page.goto(server + "/")
    page.locator("main a").first.click()
    page.wait_for_selector("#story-filter")
    rows = "#sources tr[data-articles]"
    total = _visible(page, rows)
    boxes = page.locator("#story-filter input[name=outlet]")
    first = boxes.first.get_attribute("value")
    own = page.locator("#story-outlets").inner_text().count(f'"{first}"')  # articles of that outlet
    boxes.first.uncheck()
    assert _visible(page, rows) == total - own
    assert page.locator("#story-count").inner_text() == f"{total - own} of {total} articles"
    boxes.first.check()
    background = _visible(page, "#timeline tr.bg")
    lanes = _visible(page, "#timeline-svg g.lane")
    page.uncheck("#show-background")
    assert _visible(page, "#timeline tr.bg") == 0
    if background:  # a storyline with background dates: their lanes go and the rest close up
        assert page.locator("#timeline-svg g.lane.bg").evaluate_all(
            "els => els.every(e => e.style.display === 'none')")
        height = int(page.locator("#timeline-svg").get_attribute("viewBox").split()[3])
        assert height == 30 + 18 * (lanes - page.locator("#timeline-svg g.lane.bg").count())
    page.screenshot(path=str(ARTIFACTS / "story-filtered.png"), full_page=True)
    page.locator("#timeline").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "story-filtered-timeline.png"))
    page.check("#show-background")
    assert _visible(page, "#timeline tr.bg") == background


def test_search_in_the_browser(server: str, page) -> None:
    page.goto(server + "/search")
    page.fill("input[name=q]", "Poetin" if (SHARED / "seeds").is_dir() else "staking")
    page.click("form button")
    page.wait_for_selector("#hits li")
    assert page.locator("#hits mark").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.locator("#hits li a").first.click()
    page.wait_for_selector("article")
    assert page.locator("article a.PER, article a.LOC, article a.ORG").count() >= 1


def test_upload_a_file_and_see_it_appear(server: str, page, tmp_path: Path) -> None:
    article = tmp_path / "zeehond.txt"
    article.write_text("Zeehond zwemt Zwolle binnen\n2025-04-02T10:00:00+02:00\nhttps://nos.nl/artikel/zeehond\n\n"
                       "Een verdwaalde zeehond is dinsdag de IJssel op gezwommen tot in Zwolle. Medewerkers van "
                       "zeehondencentrum Pieterburen volgen het dier met een boot.\n\n“Hij lijkt gezond en eet "
                       "goed”, zegt dierverzorger Lotte Brink.", encoding="utf-8")
    page.goto(server + "/ingest")
    assert page.locator("form#upload").count() == 0  # no form without the token
    page.goto(server + f"/ingest?token={TOKEN}")  # the link `duiding serve` prints: a cookie, then the form
    assert "token=" not in page.url
    page.set_input_files("input[name=files]", str(article))
    page.click("form button")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('done')", timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "ingest.png"), full_page=True)
    page.goto(server + "/search?q=zeehond")
    assert "Zeehond zwemt Zwolle binnen" in page.locator("#hits").inner_text()
