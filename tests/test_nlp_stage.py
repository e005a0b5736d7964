"""The language-analysis stage inside ``duiding.pipeline.analyze``, with a real SQLite store.

A fake backend (tests/nlp_fakes.py, plugged in through ``DUIDING_BACKEND_NL``) fails on purpose:
one article makes it raise, one kills its worker process. The run must record both, analyse the
rest and lose nothing already stored. With the real Frog: a missing data folder, lemma search,
and entities written back to the store.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from duiding import Store, load_config
from duiding.enrich.entities import resolve_entities
from duiding.pipeline import analyze
from duiding.store import search
from duiding.store.annotations import article_mentions, entities

from .conftest import ROOT, run_cli, write_article

NORMAL = [
    ("Bibliotheek Assen krijgt nieuw dak",
     "De bibliotheek in Assen krijgt volgend jaar een nieuw dak. De gemeente trekt daar twee miljoen euro "
     "voor uit. Tijdens de werkzaamheden verhuist de uitleenbalie naar het stadhuis."),
    ("Veerpont Zeeland vaart weer",
     "De veerpont tussen Vlissingen en Breskens vaart sinds vanochtend weer volgens de dienstregeling. "
     "Een storing aan de motor hield het schip drie dagen aan de kade."),
    ("Schaatsbaan Heerenveen langer open",
     "De ijsbaan in Heerenveen blijft dit seizoen twee weken langer open dan gepland. Volgens de directie "
     "is de belangstelling van recreanten groter dan ooit tevoren."),
]
EXPLODES = ("Proef met ONTPLOF",
            "De gemeente Zwolle start een proef met slimme lantaarnpalen. Het woord ONTPLOF laat de "
            "nepanalyse met opzet mislukken, maar het artikel zelf moet bewaard blijven.")
CRASHES = ("Proef met CRASH",
           "De provincie Drenthe test nieuwe borden langs de snelweg. Het woord CRASH laat het "
           "werkproces van de nepanalyse met opzet sterven, maar het artikel blijft in de opslag.")
GERMAN = ("Sturm schließt den Hafen",  # a language without a backend (English has one: spaCy)
          "Der Hafen von Rotterdam wurde am Dienstag geschlossen, nachdem ein schwerer Sturm zwei Kräne "
          "beschädigt hatte. Die Reedereien erwarten Verspätungen für den Rest der Woche.")


def _write(folder: Path, name: str, article: tuple[str, str], n: int) -> None:
    write_article(folder, name, article[0], article[1], url=f"https://example.nl/nieuws/{n}")


def _by_source(store: Store) -> dict[str, dict]:
    return {r["source"]: r for r in store.articles()}


def _nlp_failures(store: Store) -> dict[str, dict]:
    return {f["origin"]: f for f in store.failures() if f["stage"] == "nlp"}


def _count(store: Store, table: str, article_id: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (article_id,)).fetchone()[0]


@pytest.fixture
def fake_backend(monkeypatch):
    monkeypatch.setenv("DUIDING_BACKEND_NL", "tests.nlp_fakes:FakeBackend")
    monkeypatch.delenv("DUIDING_BACKEND_EN", raising=False)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))


@pytest.fixture
def real_backend(monkeypatch):
    monkeypatch.delenv("DUIDING_BACKEND_NL", raising=False)
    monkeypatch.delenv("DUIDING_BACKEND_EN", raising=False)


def test_a_failing_and_a_crashing_article_are_recorded_and_the_rest_is_analysed(
        tmp_path: Path, store: Store, fake_backend) -> None:
    config = load_config(env={}).with_overrides(workers=2, batch_size=2)
    folder = tmp_path / "in"
    _write(folder, "normaal0.txt", NORMAL[0], 0)
    _write(folder, "normaal1.txt", NORMAL[1], 1)
    first = analyze([str(folder)], store, config)
    assert first.nlp.analysed == 2 and first.nlp.failed == 0
    before = _by_source(store)
    earlier = {before[s]["id"]: (_count(store, "sentences", before[s]["id"]), before[s]["text"])
               for s in ("normaal0.txt", "normaal1.txt")}
    assert all(n > 0 for n, _ in earlier.values())

    _write(folder, "ontplof.txt", EXPLODES, 2)
    _write(folder, "crash.txt", CRASHES, 3)
    _write(folder, "normaal2.txt", NORMAL[2], 4)
    _write(folder, "german.txt", GERMAN, 5)
    report = analyze([str(folder)], store, config)

    rows = _by_source(store)
    assert len(rows) == 6 and store.count("articles") == 6
    assert {r["language"] for s, r in rows.items() if s != "german.txt"} == {"nl"}
    for name in ("normaal0.txt", "normaal1.txt", "normaal2.txt"):
        assert rows[name]["nlp_status"] == "done", name
        assert rows[name]["nlp_backend"] == "fake"
        assert _count(store, "sentences", rows[name]["id"]) > 0
    for article_id, (n_sentences, text) in earlier.items():  # what was stored before is still there
        assert _count(store, "sentences", article_id) == n_sentences
        assert store.article(article_id)["text"] == text

    failures = _nlp_failures(store)
    explodes, crashes = rows["ontplof.txt"], rows["crash.txt"]
    assert set(failures) == {explodes["id"], crashes["id"]}
    assert failures[explodes["id"]]["code"] == "nlp"
    assert "RuntimeError" in failures[explodes["id"]]["reason"]
    assert failures[crashes["id"]]["code"] == "crash"
    assert all(f["stage"] == "nlp" and f["severity"] == "error" for f in failures.values())
    for r in (explodes, crashes):
        assert r["nlp_status"] == "failed"
        assert r["text"]  # the article itself is kept
        assert _count(store, "sentences", r["id"]) == 0

    assert rows["german.txt"]["nlp_status"] == "not analysed: no backend for de"
    assert report.nlp.not_analysed == {"not analysed: no backend for de": 1}
    assert report.nlp.analysed == 1 and report.nlp.failed == 2
    assert sorted(f.code for f in report.nlp.failures) == ["crash", "nlp"]
    assert report.ingest.stored == 4


def test_a_second_run_does_not_redo_finished_articles(tmp_path: Path, store: Store, fake_backend) -> None:
    config = load_config(env={}).with_overrides(workers=1)
    folder = tmp_path / "in"
    for i, article in enumerate(NORMAL):
        _write(folder, f"n{i}.txt", article, i)
    assert analyze([str(folder)], store, config).nlp.analysed == 3
    again = analyze([str(folder)], store, config)
    assert again.nlp.analysed == 0 and again.nlp.failed == 0
    assert {r["nlp_status"] for r in store.articles()} == {"done"}


@pytest.mark.slow
def test_missing_frog_data_is_a_recorded_failure_for_every_article(
        tmp_path: Path, store: Store, real_backend) -> None:
    empty = tmp_path / "frogdata-leeg"
    empty.mkdir()
    config = load_config(env={}).with_overrides(workers=1, frogdata=str(empty))
    folder = tmp_path / "in"
    for i, article in enumerate(NORMAL[:2]):
        _write(folder, f"n{i}.txt", article, i)
    report = analyze([str(folder)], store, config)
    rows = _by_source(store)
    assert len(rows) == 2
    failures = _nlp_failures(store)
    assert set(failures) == {r["id"] for r in rows.values()}
    for f in failures.values():
        assert "not available" in f["reason"], f["reason"]
    assert {r["nlp_status"] for r in rows.values()} == {"failed"}
    assert report.nlp.failed == 2 and report.nlp.analysed == 0


# --- the real Frog, once for the tests below ----------------------------------------------------

WEAPONS = ("Douane onderschept wapens in Rotterdam",
           "De douane heeft in de haven van Rotterdam een container met wapens onderschept. Volgens de "
           "officier van justitie waren de geweren verstopt tussen pallets met tegels. Twee mannen zijn "
           "aangehouden.")
PERSON = ("Waterschap waarschuwt voor droogte",
          "Hydroloog Wendelien Terpstra van het waterschap Drents Overijsselse Delta waarschuwt voor een droge "
          "zomer. “De grondwaterstand is nu al laag”, zegt Terpstra. Volgens Terpstra moeten boeren zuinig zijn "
          "met beregenen.\n\nIn Zwolle en Meppel gelden al beperkingen.")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("frog-corpus")
    _write(folder, "wapens.txt", WEAPONS, 1)
    _write(folder, "droogte.txt", PERSON, 2)
    _write(folder, "german.txt", GERMAN, 3)
    db = folder / "store.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DUIDING_BACKEND_NL", raising=False)
        mp.delenv("DUIDING_BACKEND_EN", raising=False)
        with Store(db) as store:
            report = analyze([str(folder)], store, load_config(env={}).with_overrides(workers=1))
    with Store(db) as store:
        yield store, report


@pytest.mark.slow
def test_real_frog_analyses_the_dutch_articles(analysed) -> None:
    store, report = analysed
    rows = _by_source(store)
    assert report.nlp.analysed == 2 and report.nlp.failed == 0
    assert rows["wapens.txt"]["nlp_status"] == "done" and rows["droogte.txt"]["nlp_status"] == "done"
    assert rows["wapens.txt"]["nlp_backend"] == "frog"
    assert rows["german.txt"]["nlp_status"] == "not analysed: no backend for de"
    assert report.nlp.not_analysed == {"not analysed: no backend for de": 1}
    for r in rows.values():
        for s, e, lemma, *_ in (t for row in store.conn.execute(
                "SELECT tokens FROM sentences WHERE article_id = ?", (r["id"],)) for t in json.loads(row[0])):
            assert 0 <= s < e <= len(r["text"]) and lemma


@pytest.mark.slow
def test_search_finds_an_article_by_lemma(analysed) -> None:
    store, _ = analysed
    article = _by_source(store)["wapens.txt"]
    assert "wapens" in article["text"]
    assert not re.search(r"\bwapen\b", article["text"])
    hits = search(store, "wapen")
    assert article["id"] in [h.id for h in hits]


@pytest.mark.slow
def test_entities_and_mentions_are_written_back(analysed) -> None:
    store, report = analysed
    rows = _by_source(store)
    mentions = article_mentions(store, rows["droogte.txt"]["id"])
    text = rows["droogte.txt"]["text"]
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    people = [m for m in mentions if m["type"] == "PER"]
    assert [m["text"] for m in people] == ["Wendelien Terpstra", "Terpstra", "Terpstra"]
    assert {m["entity_name"] for m in people} == {"Wendelien Terpstra"}
    found = {e["name"]: e for e in entities(store, type_="PER")}
    assert found["Wendelien Terpstra"]["n_mentions"] == 3
    assert set(found["Wendelien Terpstra"]["variants"]) == {"Wendelien Terpstra", "Terpstra"}
    places = {e["name"] for e in entities(store, type_="LOC")}
    assert {"Zwolle", "Meppel", "Rotterdam"} <= places
    assert report.entities == len(entities(store, limit=100_000))


@pytest.mark.slow
def test_entity_ids_are_stable_when_resolved_again(analysed) -> None:
    store, _ = analysed
    before = {(e["id"], e["name"], e["n_mentions"]) for e in entities(store, limit=100_000)}
    links = store.conn.execute("SELECT id, entity_id FROM mentions ORDER BY id").fetchall()
    resolve_entities(store)
    assert {(e["id"], e["name"], e["n_mentions"]) for e in entities(store, limit=100_000)} == before
    assert store.conn.execute("SELECT id, entity_id FROM mentions ORDER BY id").fetchall() == links


# --- the command line, as a user runs it -------------------------------------------------------

@pytest.mark.slow
def test_cli_analyze_then_entities_and_show_article(tmp_path: Path, real_backend) -> None:
    folder = tmp_path / "corpus"
    _write(folder, "wapens.txt", WEAPONS, 1)
    _write(folder, "droogte.txt", PERSON, 2)
    _write(folder, "assen.txt", NORMAL[0], 3)
    db = tmp_path / "cli.db"
    run_cli("analyze", str(folder), "--db", str(db), "--workers", "1", "-q", nlp=True, check=True)

    listed = [json.loads(line) for line in
              run_cli("entities", "--json", "--db", str(db), check=True).stdout.splitlines()]
    person = [e for e in listed if e["name"] == "Wendelien Terpstra"]
    assert len(person) == 1
    assert person[0]["type"] == "PER"
    assert set(person[0]["variants"]) == {"Wendelien Terpstra", "Terpstra"}
    assert person[0]["n_mentions"] == 3 and person[0]["n_articles"] == 1
    assert any(e["name"] == "Rotterdam" and e["type"] == "LOC" for e in listed)

    articles = [json.loads(line) for line in
                run_cli("articles", "--json", "--db", str(db), check=True).stdout.splitlines()]
    (droogte,) = [a for a in articles if a["source"] == "droogte.txt"]
    shown = run_cli("show-article", droogte["id"], "--db", str(db), check=True).stdout
    flat = " ".join(shown.split())
    assert PERSON[0] in flat
    assert "analysis done" in flat
    assert "De grondwaterstand is nu al laag" in flat
    assert "moeten boeren zuinig zijn met beregenen." in flat
    assert "Terpstra[Wendelien Terpstra|PER]" in flat
