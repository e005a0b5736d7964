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
    assert "<svg" in client.get(f"/story/{story}").text
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
