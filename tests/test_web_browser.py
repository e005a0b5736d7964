"""The web UI in a real browser: Debian chromium driven by Playwright against ``duiding serve``'s app
on a free port, on a desktop window and at 390 px (a phone). Screenshots go to test-artifacts/ for a
person to look at; axe-core (bundled in the axe-playwright-python package, never fetched from a CDN)
checks every page for accessibility violations."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
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
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


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
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: `make setup` installs it")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser):
    pg = browser.new_page(viewport=SIZES["desktop"])
    yield pg
    pg.close()


@pytest.fixture(scope="module", params=list(SIZES))
def sized(browser, request):
    """A page at each size, offline: any request that is not to this machine is refused and recorded."""
    pg = browser.new_page(viewport=SIZES[request.param])
    pg.outside = []

    def route(r) -> None:
        if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.size = request.param
    yield pg
    pg.close()


def _get(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + path) as r:
        return json.load(r)


def _story(server: str) -> str:
    lines = _get(server, "/api/storylines?limit=500")["items"]
    return max(lines, key=lambda line: len(line["events"]))["id"]


def _axe_source() -> str:
    """axe-core's script from the installed axe-playwright-python wheel (MPL-2.0); nothing is downloaded."""
    import importlib.resources

    return (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def _axe(pg) -> list[dict]:
    """Serious and critical axe-core violations of the page as loaded."""
    pg.add_script_tag(content=_axe_source())
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _visible(page, selector: str) -> int:
    return page.locator(selector).evaluate_all("els => els.filter(e => e.offsetParent !== null).length")


PAGES = {"home": "/", "articles": "/articles", "search": "/search?q={word}", "speakers": "/speakers",
         "entities": "/entities", "ingest": "/ingest", "docs": "/docs", "not-found": "/no/such/page",
         "search-bad-date": "/search?q={word}&since=gisteren"}


def _word() -> str:
    return "Poetin" if (SHARED / "seeds").is_dir() else "staking"


def test_every_page_readable_accessible_and_offline_at_each_size(server: str, sized) -> None:
    story = _story(server)
    article = _get(server, f"/api/reports/{story}")["report"]["articles"][0]["id"]
    entity = _get(server, "/api/entities?limit=1")["items"][0]["id"]
    speaker = _get(server, "/api/speakers?limit=1")["items"][0]["speaker"]
    pages = PAGES | {"story": f"/story/{story}", "article": f"/article/{article}", "entity": f"/entity/{entity}",
                     "speaker": "/speaker?" + urllib.parse.urlencode({"name": speaker})}
    problems = {}
    for name, path in pages.items():
        sized.goto(server + path.format(word=_word()))
        sized.wait_for_load_state("networkidle")
        if name == "docs":
            sized.wait_for_selector(".swagger-ui .info", timeout=20_000)  # Swagger UI ran, from local files
        sized.screenshot(path=str(ARTIFACTS / f"{name}-{sized.size}.png"), full_page=True)
        width = sized.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[sized.size]["width"], f"{name} is {width}px wide at {sized.size}"
        assert sized.locator("nav[aria-label=site]").count() == 1, name
        assert sized.locator("h1").count() == 1, name
        found = _axe(sized)
        if found:
            problems[name] = found
    assert not sized.outside, f"requests beyond this machine: {sized.outside[:5]}"
    assert not problems, json.dumps(problems, indent=1)


def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(server: str, page) -> None:
    for path in ("/", f"/story/{_story(server)}", "/search"):
        page.goto(server + path)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def test_search_inputs_have_labels(server: str, page) -> None:
    page.goto(server + "/search")
    for field in ("q", "outlet", "since", "until", "lang", "entity", "speaker"):
        label = page.locator(f"#search-form [name={field}]").evaluate("e => e.labels.length")
        assert label == 1, field


def test_story_quote_speaker_and_article(server: str, page) -> None:
    page.goto(server + f"/story/{_story(server)}")
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


def test_story_links_lead_to_articles_and_articles_back_to_the_story(server: str, page) -> None:
    story = _story(server)
    page.goto(server + f"/story/{story}")
    assert page.locator("#summary a.cite").count() == page.locator("#summary li[data-articles]").count()
    page.locator("#sources a[href^='/article/']").first.click()
    page.wait_for_selector("#story-links a")
    hrefs = page.locator("#story-links a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert f"/story/{story}" in hrefs
    page.locator(f"#story-links a[href='/story/{story}']").first.click()
    page.wait_for_selector("#timeline")
    assert page.url.endswith(f"/story/{story}")
    page.locator("#timeline a.cite").first.click()  # a timeline source opens its article
    page.wait_for_selector("article")


def test_story_page_filters_by_outlet_and_hides_background(server: str, page) -> None:
    page.goto(server + f"/story/{_story(server)}")
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
    page.locator("#timeline details summary").evaluate_all("els => els.forEach(e => e.click())")
    background = _visible(page, "#timeline li.bg")
    page.uncheck("#show-background")
    assert _visible(page, "#timeline li.bg") == 0
    page.screenshot(path=str(ARTIFACTS / "story-filtered.png"), full_page=True)
    page.check("#show-background")
    assert _visible(page, "#timeline li.bg") == background


def test_story_timeline_stays_on_the_story_span_and_has_a_coverage_chart(server: str, page) -> None:
    story = _story(server)
    report = _get(server, f"/api/reports/{story}")["report"]
    page.goto(server + f"/story/{story}")
    lanes = page.locator("#timeline-chart li.lane")
    if lanes.count():
        whens = lanes.locator(".when").all_inner_texts()
        assert all(w[:10] >= report["start"][:4] for w in whens)  # nothing from years before the story
        assert lanes.first.locator(".what").inner_text().strip()  # labelled with what happened, not a date
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "story-timeline.png"))
    cover = page.locator("#coverage table.cov")
    assert cover.count() == 1
    outlets = {a["outlet"] or "unknown" for a in report["articles"] if a["published"]}
    assert cover.locator("tr th[scope=row]").count() == len(outlets)
    cover.screenshot(path=str(ARTIFACTS / "story-coverage.png"))


def test_search_pages_facets_and_errors_in_the_browser(server: str, page) -> None:
    page.goto(server + "/search")
    page.fill("input[name=q]", _word())
    page.click("#search-form button")
    page.wait_for_selector("#hits li")
    assert page.locator("#hits mark").count() >= 1
    total = _get(server, f"/api/search?q={_word()}&limit=1")["total"]
    assert page.locator("#total").inner_text().startswith(f"{total} article")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    if total > 20:
        page.click("a[rel=next]")
        page.wait_for_selector("#hits li")
        assert page.locator("#hits").get_attribute("start") == "21"
        page.go_back()
    first_outlet = page.locator("#facet-outlet a").first
    n = int(page.locator("#facet-outlet .n").first.inner_text())
    first_outlet.click()
    page.wait_for_selector("#total")
    assert page.locator("#total").inner_text().startswith(f"{n} article")
    page.goto(server + f"/search?q={_word()}&since=gisteren")
    assert "is not a date" in page.locator(".error").inner_text()
    page.screenshot(path=str(ARTIFACTS / "search-bad-date.png"), full_page=True)
    page.goto(server + "/search")
    page.fill("input[name=q]", _word())
    page.click("#search-form button")
    page.locator("#hits li a").first.click()
    page.wait_for_selector("article")
    assert page.locator("article a.PER, article a.LOC, article a.ORG").count() >= 1


def test_home_filters_sorts_and_draws_coverage(server: str, page) -> None:
    page.goto(server + "/")
    items = page.locator("ul.stories > li.storyline")
    n = items.count()
    assert n >= 1 and page.locator("ul.stories svg.spark").count() >= 1
    page.select_option("#f-sort", "size")
    page.click("form.filters button")
    page.wait_for_selector("ul.stories")
    sizes = [int(t.split()[0]) for t in page.locator(".stories-meta").all_inner_texts()]
    assert sizes == sorted(sizes, reverse=True)
    outlet = page.locator("#f-outlet option").nth(1).get_attribute("value") or \
        page.locator("#f-outlet option").nth(1).inner_text()
    page.select_option("#f-outlet", outlet)
    page.click("form.filters button")
    page.wait_for_selector("ul.stories")
    assert 1 <= page.locator("ul.stories > li.storyline").count() <= n
    page.screenshot(path=str(ARTIFACTS / "home-filtered.png"), full_page=True)


def test_export_links_download_csv_and_xlsx(server: str, page) -> None:
    page.goto(server + "/articles")
    with page.expect_download() as got:
        page.click("a[href='/api/export/quotes?format=csv']")
    path = got.value.path()
    header = Path(path).read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("quote_id,article_id,outlet,date,speaker")
    with page.expect_download() as got:
        page.click("a[href='/api/export/all?format=xlsx']")
    assert Path(got.value.path()).read_bytes()[:2] == b"PK"


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
