"""Reports on our own multi-outlet corpus: timeline merging, unique facts, summary citations, and an
HTML page that is well-formed and loads nothing from the network."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html

from duiding import Store, load_config
from duiding.lang import nl
from duiding.pipeline import analyze
from duiding.report.model import story_report
from duiding.report.render import to_html, to_json, to_markdown

HERE = Path(__file__).resolve().parent / "fixtures" / "stories"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("reports") / "r.db"
    s = Store(db)
    analyze(sorted(str(p) for p in HERE.glob("art*.txt")), s, load_config(env={}).with_overrides(workers=2))
    yield s
    s.close()


@pytest.fixture(scope="module")
def reports(store: Store) -> list[dict]:
    ids = [r[0] for r in store.conn.execute("SELECT id FROM storylines")]
    return [story_report(store, i, nl) for i in ids]


def test_summary_sentences_cite_their_article_and_come_from_it(store: Store, reports: list[dict]) -> None:
    for r in reports:
        assert r["summary"], f"{r['id']} has no summary"
        story_articles = {a["id"] for a in r["articles"]}
        for s in r["summary"]:
            assert s["article"] in story_articles
            text = store.conn.execute("SELECT text FROM articles WHERE id = ?", (s["article"],)).fetchone()[0]
            assert text[s["start"]:s["end"]] == s["text"]
            assert s["outlet"]


def test_summary_has_no_two_sentences_saying_the_same(reports: list[dict]) -> None:
    for r in reports:
        texts = [s["text"] for s in r["summary"]]
        assert len(texts) == len(set(texts))


def test_timeline_merges_the_same_dates_across_outlets(reports: list[dict]) -> None:
    merged = [t for r in reports for t in r["timeline"] if len({c["outlet"] for c in t["citations"]}) > 1]
    assert merged, "some happening is reported by two outlets with the same dates; it must be one entry"
    for r in reports:
        starts = [t["start"] for t in r["timeline"]]
        assert starts == sorted(starts)


def test_unique_facts_are_not_reported_elsewhere(store: Store, reports: list[dict]) -> None:
    multi = [r for r in reports if len(r["outlets"]) > 1]
    assert multi
    found = 0
    for r in multi:
        for o in r["outlets"]:
            for u in o["unique"]:
                found += 1
                others = [x for x in r["outlets"] if x["outlet"] != o["outlet"]]
                other_text = " ".join(store.conn.execute("SELECT text FROM articles WHERE id = ?", (a["id"],))
                                      .fetchone()[0] for x in others for a in x["articles"])
                assert u["text"] not in other_text
    assert found, "a corpus with several outlets per story has some facts only one outlet reports"


def test_html_is_well_formed_and_self_contained(reports: list[dict]) -> None:
    page = to_html(reports[0])
    tree = html.document_fromstring(page)
    assert tree.find(".//title") is not None
    etree.fromstring(page.encode("utf-8"), etree.HTMLParser(recover=False))
    for el in tree.iter():
        for attr in ("src", "href"):
            value = el.get(attr) or ""
            assert not re.match(r"(https?:)?//", value), f"external resource {value!r}"
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    assert 'id="timeline"' in page and 'id="coverage"' in page
    # A file report links within itself: every citation and source reaches the article's row.
    anchors = {el.get("id") for el in tree.iter() if el.get("id")}
    cites = [el.get("href") for el in tree.iter("a") if (el.get("href") or "").startswith("#a-")]
    assert cites and all(c[1:] in anchors for c in cites)


def test_timeline_is_focused_on_the_story_span(reports: list[dict]) -> None:
    from duiding.report.render import timeline_focus

    for r in reports:
        focus = timeline_focus(r)
        if focus["lo"] is None:
            continue
        assert focus["lo"] <= r["start"][:10] and focus["hi"] >= r["end"][:10]
        assert all(focus["lo"] <= e["start"] <= focus["hi"] for e in focus["inside"])
        assert all(e["background"] or e["start"] < focus["lo"] for e in focus["before"])
        assert all(0 <= e["left"] <= 100 and 0 < e["width"] <= 100 for e in focus["inside"])
        placed = len(focus["inside"]) + len(focus["before"]) + len(focus["after"])
        assert placed == len(r["timeline"])


def test_html_escapes_article_text(store: Store, reports: list[dict]) -> None:
    r = json.loads(to_json(reports[0]))
    r["summary"][0]["text"] = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    page = to_html(r)
    assert "<script>alert(1)" not in page and "<img src=x" not in page


def test_markdown_and_json_carry_the_same_story(reports: list[dict]) -> None:
    r = reports[0]
    md = to_markdown(r)
    assert md.startswith(f"# {r['label']}")
    assert all(s["text"] in md for s in r["summary"])
    assert json.loads(to_json(r))["id"] == r["id"]
