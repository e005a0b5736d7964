"""The web app through its ASGI client: JSON API shape, pagination, one error shape, escaped pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from duiding import Store, load_config
from duiding.ingest import OutletTable, build_article
from duiding.pipeline import analyze
from duiding.records import RawArticle
from duiding.web import create_app

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> Dit artikel test of tekst ontsnapt wordt.'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("web") / "w.db"
    with Store(db) as s:
        analyze([str(CORPUS)], s, load_config(env={}).with_overrides(workers=2))
        raw = RawArticle(source="x.txt", origin="x.txt", body=HOSTILE, title='<b>kop</b>"', published="2025-02-01")
        s.write_batch([build_article(raw, OutletTable()).article], [])
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def test_storylines_and_events(client: TestClient) -> None:
    body = client.get("/api/storylines").json()
    assert body["ok"] is True and body["total"] == 3 and len(body["items"]) == 3
    event = body["items"][0]["events"][0]
    detail = client.get(f"/api/events/{event}").json()
    assert detail["event"]["id"] == event and detail["articles"]


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 5}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert len(first["items"]) == 5 and first["total"] == 14
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])


def test_search_quotes_speakers_entities(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "staking"}).json()["items"]
    assert hits and "[" in hits[0]["snippet"]
    assert client.get("/api/quotes", params={"speaker": "Brouwer"}).json()["items"]
    assert client.get("/api/speakers").json()["items"][0]["n_quotes"] >= 2
    people = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert people and all(p["type"] == "PER" for p in people)


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/api/articles", {"limit": 0}, 422),
    ("/api/articles", {"limit": "veel"}, 422),
    ("/api/articles", {"since": "2025-13-45"}, 422),
    ("/api/articles", {"since": "2025-02-31"}, 200),
    ("/api/search", {"q": ""}, 422),
    ("/api/search", {"q": "((( )))"}, 200),
    ("/api/entities", {"type": "XYZ"}, 422),
    ("/api/events/nope", {}, 404),
    ("/api/articles/ffffffffffff", {}, 404),
    ("/api/reports/nope", {}, 404),
    ("/no/such/page", {}, 404),
])
def test_one_error_shape_never_500(client: TestClient, path: str, params: dict, status: int) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    body = response.json()
    if status == 200:  # an impossible day in a date filter is clamped to the month's end, not refused
        assert body["ok"] is True
        return
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]


def test_pages_render_and_escape_article_text(client: TestClient) -> None:
    assert "Stories" in client.get("/").text
    story = client.get("/api/storylines").json()["items"][0]["id"]
    page = client.get(f"/story/{story}").text
    assert 'id="timeline"' in page and 'id="coverage"' in page
    hostile = client.get("/api/search", params={"q": "ontsnapt"}).json()["items"][0]["id"]
    page = client.get(f"/article/{hostile}").text
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
    assert "<b>kop</b>" not in page


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/storylines", "/api/articles", "/api/search", "/api/quotes", "/api/entities"} <= set(paths)


def test_search_page_marks_hits_and_filters(client: TestClient) -> None:
    page = client.get("/search", params={"q": "staking", "outlet": "Trouw"}).text
    assert "<mark>staking</mark>" in page.lower() or "<mark>Staking</mark>" in page
    assert page.count('<li><a href="/article/') == 1


def test_speaker_page(client: TestClient) -> None:
    page = client.get("/speaker", params={"name": "Thijs Brouwer"}).text
    assert "Thijs Brouwer" in page and "quoted by" in page
    assert client.get("/speaker", params={"name": "Niemand Bestaat"}).status_code == 404


def test_article_links_names_to_entity_pages(client: TestClient) -> None:
    person = client.get("/api/entities", params={"type": "PER", "limit": 1}).json()["items"][0]
    page = client.get(f"/entity/{person['id']}").text
    assert person["name"] in page
    article = page.split('href="/article/')[1].split('"')[0]
    assert f'href="/entity/{person["id"]}"' in client.get(f"/article/{article}").text


def test_search_facets_narrow_by_speaker_and_entity(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "staking", "limit": 100}).json()
    speaker = everything["facets"]["speaker"][0]
    quoting = {q["article_id"] for q in client.get("/api/quotes", params={"speaker": speaker["value"],
                                                                           "limit": 200}).json()["items"]}
    narrowed = client.get("/api/search", params={"q": "staking", "speaker": speaker["value"], "limit": 100}).json()
    ids = {h["id"] for h in narrowed["items"]}
    assert ids and ids <= quoting and len(ids) == speaker["n"]

    entity = min(everything["facets"]["entity"], key=lambda e: e["n"])  # one not named in every hit
    by_entity = client.get("/api/search", params={"q": "staking", "entity": entity["id"], "limit": 100}).json()
    assert len(by_entity["items"]) == entity["n"] < len(everything["items"])
    by_name = client.get("/api/search", params={"q": "staking", "entity": entity["value"], "limit": 100}).json()
    assert [h["id"] for h in by_name["items"]] == [h["id"] for h in by_entity["items"]]
    nobody = client.get("/api/search", params={"q": "staking", "speaker": "Niemand Bestaat"}).json()
    assert nobody["items"] == []


def test_search_page_facet_links_keep_the_other_filters(client: TestClient) -> None:
    page = client.get("/search", params={"q": "staking", "lang": "nl"}).text
    link = page.split('id="facet-speaker"')[1].split('href="')[1].split('"')[0]
    assert "q=staking" in link and "lang=nl" in link and "speaker=" in link
    narrowed = client.get(link.replace("&amp;", "&")).text
    assert "quoting <strong>" in narrowed
    assert 0 < narrowed.count('<li><a href="/article/') <= page.count('<li><a href="/article/')


HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.mark.parametrize("path", ["/", "/articles", "/search", "/search?q=staking", "/speakers", "/entities",
                                  "/ingest"])
def test_every_page_has_navigation_a_skip_link_and_one_h1(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML).text
    assert '<nav aria-label="site">' in page and 'class="skip" href="#main"' in page and 'id="main"' in page
    assert page.count("<h1") == 1
    for href in ("/", "/articles", "/search", "/speakers", "/entities", "/ingest", "/docs"):
        assert f'href="{href}"' in page


def test_story_page_links_articles_citations_events_and_sources(client: TestClient) -> None:
    story = client.get("/api/storylines").json()["items"][0]["id"]
    page = client.get(f"/story/{story}", headers=HTML).text
    report = client.get(f"/api/reports/{story}").json()["report"]
    assert '<nav class="site" aria-label="site">' in page
    for a in report["articles"]:
        assert f'href="/article/{a["id"]}"' in page
    summary = page.split('id="summary"')[1].split("</section>")[0]
    assert summary.count('class="cite" href="/article/') == len(report["summary"])
    article = report["articles"][0]["id"]
    back = client.get(f"/article/{article}", headers=HTML).text
    assert 'id="story-links"' in back and "href=\"/story/" in back


def test_errors_are_pages_for_browsers_and_json_for_the_api(client: TestClient) -> None:
    missing = client.get("/no/such/page", headers=HTML)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Not found" in missing.text and "/no/such/page" in missing.text and '<nav aria-label="site">' in missing.text
    article = client.get("/article/ffffffffffff", headers=HTML)
    assert article.status_code == 404 and "no article with id" in article.text.lower()
    api = client.get("/api/articles/ffffffffffff", headers=HTML)
    assert api.status_code == 404 and api.json()["ok"] is False
    assert client.get("/api/reports/nope").status_code == 404  # missing is 404 (NotFoundError), not 400
    assert client.get("/api/search", params={"q": "staking", "since": "2025-02"}).status_code == 200


def test_search_says_a_bad_date_in_words_on_the_page(client: TestClient) -> None:
    page = client.get("/search", params={"q": "staking", "since": "gisteren"}, headers=HTML)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "is not a date" in page.text and "gisteren" in page.text and '"ok"' not in page.text
    home = client.get("/", params={"since": "morgen"}, headers=HTML)
    assert home.status_code == 400 and "is not a date" in home.text


def test_search_counts_every_match_and_pages_through_them(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "de", "limit": 2}).json()
    assert first["total"] > 2 and len(first["items"]) == 2
    rest = client.get("/api/search", params={"q": "de", "limit": 100, "offset": 2}).json()
    ids = [h["id"] for h in first["items"]] + [h["id"] for h in rest["items"]]
    assert len(ids) == len(set(ids)) == first["total"]
    # Facets count every match, not the page shown.
    assert sum(v["n"] for v in first["facets"]["outlet"]) == first["total"]
    assert sum(v["n"] for v in first["facets"]["date"]) <= first["total"]
    assert {"person", "organisation", "speaker", "date"} <= set(first["facets"])
    page = client.get("/search", params={"q": "de"}, headers=HTML).text
    assert f"{first['total']} articles match" in page
    if first["total"] > 20:
        assert 'rel="next"' in page


def test_unknown_outlet_is_one_group(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "ontsnapt"}).json()
    assert [v["value"] for v in found["facets"]["outlet"]] == ["unknown"]
    unknown = client.get("/api/articles", params={"outlet": "unknown"}).json()
    assert unknown["total"] >= 1 and all(a["outlet"] is None for a in unknown["items"])
    page = client.get("/search", params={"q": "staking"}, headers=HTML).text
    assert page.count(">unknown</option>") <= 1


def test_names_match_by_any_spelling_or_surname(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "PER", "limit": 200}).json()["items"]
    person = next(p for p in people if " " in p["name"])
    surname = person["name"].split()[-1]
    by_id = client.get("/api/search", params={"q": "de", "entity": person["id"], "limit": 100}).json()
    by_surname = client.get("/api/search", params={"q": "de", "entity": surname, "limit": 100}).json()
    assert by_id["total"] >= 1 and {h["id"] for h in by_id["items"]} <= {h["id"] for h in by_surname["items"]}
    fields_only = client.get("/api/search", params={"q": f'entity:"{person["name"]}"', "limit": 100}).json()
    assert {h["id"] for h in fields_only["items"]} >= {h["id"] for h in by_id["items"]}


def test_field_queries_and_proximity(client: TestClient) -> None:
    article = client.get("/api/search", params={"q": "staking", "limit": 1}).json()["items"][0]
    word = max((w for w in article["title"].split() if w.isalpha()), key=len)
    in_title = client.get("/api/search", params={"q": f"title:{word}", "limit": 100}).json()
    assert in_title["items"] and all(word.lower() in (h["title"] or "").lower() for h in in_title["items"])
    outlet = client.get("/api/search", params={"q": "staking outlet:Trouw", "limit": 100}).json()
    assert outlet["items"] and all(h["outlet"] == "Trouw" for h in outlet["items"])
    text = client.get(f"/api/articles/{article['id']}").json()["article"]["text"]
    words = [w for w in text.split() if w.isalpha() and len(w) > 5]
    a, b = words[0], words[3]  # a few words apart in this article
    both = client.get("/api/search", params={"q": f"{a} {b}", "limit": 100}).json()
    near = client.get("/api/search", params={"q": f"NEAR({a} {b}, 40)", "limit": 100}).json()
    adjacent = client.get("/api/search", params={"q": f"NEAR({a} {b}, 0)", "limit": 100}).json()
    assert {h["id"] for h in adjacent["items"]} <= {h["id"] for h in near["items"]} <= {h["id"] for h in both["items"]}
    assert article["id"] in {h["id"] for h in near["items"]}


def test_exports_csv_xlsx_json_with_article_outlet_and_date(client: TestClient) -> None:
    import csv
    import io
    import zipfile

    for table in ("articles", "quotes", "claims", "entities"):
        got = client.get(f"/api/export/{table}", params={"format": "csv"})
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(got.text.lstrip("\ufeff"))))
        assert rows, table
        assert {"article_id", "outlet", "date"} <= set(rows[0])
        assert all(r["outlet"] for r in rows)  # the unknown outlet is "unknown", never blank
    book = client.get("/api/export/all", params={"format": "xlsx"})
    assert book.status_code == 200
    with zipfile.ZipFile(io.BytesIO(book.content)) as z:
        names = z.namelist()
        assert sum(n.startswith("xl/worksheets/sheet") for n in names) == 4
        assert b"article_id" in z.read("xl/sharedStrings.xml")
    story = client.get("/api/storylines").json()["items"][0]["id"]
    mine = client.get("/api/export/articles", params={"format": "json", "story": story}).json()["items"]
    report = client.get(f"/api/reports/{story}").json()["report"]
    assert sorted(r["article_id"] for r in mine) == sorted(a["id"] for a in report["articles"])
    assert client.get("/api/export/nope").status_code == 404


def test_api_docs_are_served_offline(client: TestClient) -> None:
    page = client.get("/docs", headers=HTML).text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert "http://" not in page and "https://" not in page
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
    assert client.get("/redoc").status_code == 404


def test_article_names_are_one_tab_stop_each(client: TestClient) -> None:
    import re

    entity = client.get("/api/entities", params={"limit": 1}).json()["items"][0]
    article = client.get(f"/entity/{entity['id']}").text.split('href="/article/')[1].split('"')[0]
    page = client.get(f"/article/{article}").text
    body = page.split("<article")[1].split("</article>")[0]
    links = re.findall(r'<a class="\w+" href="/entity/(\w+)"( tabindex="-1")?', body)
    in_tab_order = [e for e, skip in links if not skip]
    assert in_tab_order and len(in_tab_order) == len(set(in_tab_order)) == len({e for e, _ in links})


def test_search_past_the_count_bound_says_at_least(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module = importlib.import_module("duiding.store.search")
    every = client.get("/api/search", params={"q": "de", "limit": 1}).json()
    assert every["total_exact"] is True and every["total"] > 3
    monkeypatch.setattr(module, "COUNT_LIMIT", 3)
    monkeypatch.setattr(module, "FACET_SCAN", 2)
    bounded = client.get("/api/search", params={"q": "de", "limit": 1}).json()
    assert (bounded["total"], bounded["total_exact"], bounded["facets_over"]) == (3, False, 2)
    assert sum(v["n"] for v in bounded["facets"]["outlet"]) == 2
    monkeypatch.setattr(importlib.import_module("duiding.web.pages"), "PAGE_HITS", 1)  # else the page holds all
    page = client.get("/search", params={"q": "de"}, headers=HTML).text
    assert "3+ articles match" in page and "the 2 most recently added of 3+ matches" in page


def test_home_pages_storylines_latest_first(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import re

    monkeypatch.setattr(importlib.import_module("duiding.web.pages"), "PAGE_ROWS", 1)
    lines = {line["id"]: line for line in client.get("/api/storylines").json()["items"]}
    shown = []
    for n in (1, 2, 3):
        html = client.get("/", params={"page": n}, headers=HTML).text
        shown += re.findall(r'class="title" href="/story/([^"]+)"', html)
        assert f"page {n} of 3" in html and ('rel="next"' in html) == (n < 3)
    assert sorted(shown) == sorted(lines)  # every storyline once, one a page
    ends = [lines[i]["end"] or "" for i in shown]
    assert ends == sorted(ends, reverse=True)  # the latest coverage first
    assert "page 3 of 3" in client.get("/", params={"page": 99}, headers=HTML).text  # past the end: the last page
    by_size = [re.search(r'class="stories-meta muted">(\d+) article', client.get(
        "/", params={"sort": "size", "page": n}, headers=HTML).text).group(1) for n in (1, 2, 3)]  # type: ignore[union-attr]
    assert [int(x) for x in by_size] == sorted((int(x) for x in by_size), reverse=True)
    second = client.get("/api/storylines", params={"limit": 1, "offset": 1}).json()
    assert second["total"] == 3 and [i["id"] for i in second["items"]] == [sorted(
        lines.values(), key=lambda x: (x["start"] or "", x["id"]))[1]["id"]]
