"""The batch runner: bad inputs are recorded and skipped, re-runs are idempotent, crashes leave a consistent store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from duiding import Store, ingest
from duiding.ingest import Overrides
from duiding.pipeline import check_order

from .conftest import DUTCH, write_article


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one input per kind of trouble; return file name -> the failure code expected."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "leeg.txt").write_text("   \n\n  ", encoding="utf-8")
    (folder / "foto.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "kapot.html").write_text("<html><body><div><span></span></div></body></html>", encoding="utf-8")
    (folder / "geen-tekst.csv").write_text("titel,datum\nEen kop,2025-01-01\n", encoding="utf-8")
    (folder / "kapot.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (folder / "archief.jsonl").write_text(
        '{"title": "Goed", "text": "De gemeenteraad stemde gisteren in met het nieuwe plan voor de haven."}\n'
        "{kapot\n"
        '{"title": "Leeg", "text": ""}\n', encoding="utf-8")
    return {"leeg.txt": "empty", "foto.txt": "binary", "kapot.html": "html", "geen-tekst.csv": "column",
            "kapot.json": "record", "archief.jsonl#2": "record", "archief.jsonl#3": "empty"}


def test_bad_inputs_are_recorded_one_by_one_and_the_rest_is_stored(tmp_path, store: Store, config) -> None:
    corpus = tmp_path / "in"
    for i, (title, body) in enumerate(DUTCH):
        write_article(corpus, f"goed{i}.txt", title, body)
    text = "Café “De Ster” sluit na veertig jaar de deuren, meldt de eigenaar."
    (corpus / "cp1252.txt").write_bytes(text.encode("cp1252"))
    write_article(corpus, "datum.txt", "Kop", DUTCH[0][1] + " Extra zin.", published="2025-02-31")
    expected = _bad_inputs(corpus)
    report = ingest([str(corpus)], store, config)
    codes = {Path(f.origin).name: f.code for f in report.failures if f.severity == "error"}
    assert codes == expected
    assert report.stored == len(DUTCH) + 3  # three good files, the cp1252 file, the dated one, one JSONL record
    stored = {r["source"]: r for r in store.articles()}
    assert "“De Ster”" in stored["cp1252.txt"]["text"]
    assert stored["datum.txt"]["published"] is None
    warnings = [f for f in store.failures() if f["severity"] == "warning"]
    assert [w["code"] for w in warnings] == ["date"] and "2025-02-31" in warnings[0]["reason"]
    assert report.failed == len(expected)
    assert report.read == report.stored + report.failed


def test_reingesting_is_idempotent(corpus: Path, store: Store, config) -> None:
    first = ingest([str(corpus)], store, config)
    snapshot = store.conn.execute("SELECT id, text, title, published FROM articles ORDER BY id").fetchall()
    second = ingest([str(corpus)], store, config)
    assert first.stored == len(DUTCH)
    assert (second.stored, second.seen_before, second.copies) == (0, len(DUTCH), 0)
    assert store.conn.execute("SELECT id, text, title, published FROM articles ORDER BY id").fetchall() == snapshot
    assert store.count("publications") == len(DUTCH)


def test_same_article_via_another_path_is_not_stored_twice(corpus: Path, tmp_path: Path, store: Store, config) -> None:
    ingest([str(corpus)], store, config)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "kopie.txt").write_bytes((corpus / "00.txt").read_bytes())
    report = ingest([str(other)], store, config)
    assert (report.stored, report.copies) == (0, 1)
    assert store.count("articles") == len(DUTCH)


def test_overrides_apply_to_every_article(corpus: Path, store: Store, config) -> None:
    ingest([str(corpus)], store, config, Overrides(outlet="Trouw", published="2024-06", language="nl"))
    rows = store.articles()
    assert {(r["outlet"], r["published"], r["published_precision"], r["language"]) for r in rows} == {
        ("Trouw", "2024-06", "month", "nl")}


def test_languages_are_detected_per_article(tmp_path: Path, store: Store, config) -> None:
    write_article(tmp_path / "in", "nl.txt", "Kop", DUTCH[1][1])
    write_article(tmp_path / "in", "en.txt", "Title", "The rail unions and the operator reached an agreement on "
                  "Wednesday evening, and trains will run normally again from Thursday morning.")
    ingest([str(tmp_path / "in")], store, config)
    assert {r["source"]: r["language"] for r in store.articles()} == {"nl.txt": "nl", "en.txt": "en"}


def test_misordered_stages_are_refused() -> None:
    from dataclasses import dataclass

    from duiding.errors import ConfigError

    @dataclass(frozen=True)
    class S:
        name: str
        requires: frozenset
        provides: frozenset

    check_order([S("ingest", frozenset(), frozenset({"articles"})), S("nlp", frozenset({"articles"}), frozenset())])
    with pytest.raises(ConfigError, match="needs"):
        check_order([S("nlp", frozenset({"articles"}), frozenset()), S("ingest", frozenset(), frozenset({"articles"}))])


@pytest.mark.slow
def test_killed_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "groot"
    n = 3000
    lines = []
    for i in range(n):
        title, body = DUTCH[i % len(DUTCH)]
        lines.append(f'{{"id": {i}, "title": "{title} ({i})", "text": "{body.replace(chr(10), " ")} Bericht {i}."}}')
    corpus.mkdir()
    (corpus / "archief.jsonl").write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "crash.db"
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "analyze", str(corpus), "--db", str(db), "--batch-size", "25", "-q", "--no-nlp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    committed = 0
    while time.time() < deadline and committed < 100:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    committed = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < committed < n, "the kill must land mid-run for this test to mean anything"
    with Store(db) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        s.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        stored = s.count("articles")
        assert stored % 25 == 0, "only whole batches are committed"
        assert s.count("publications") == stored
        assert s.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == stored
        run = s.conn.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert run == "running"  # the killed run is visible as never finished
    rerun = subprocess.run([str(exe), "analyze", str(corpus), "--db", str(db), "-q", "--no-nlp"], capture_output=True,
                           text=True, timeout=300, check=True)
    assert "failed" in rerun.stdout
    with Store(db) as s:
        assert s.count("articles") == n
        assert s.count("publications") == n


def test_the_analysis_stages_declare_what_they_need_and_make() -> None:
    from duiding.analyze import analysis_stages
    from duiding.errors import ConfigError

    stages = analysis_stages(True)
    check_order(stages)  # the real order passes
    names = [s.name for s in stages]
    assert names == ["ingest", "nlp", "entities", "stories"]
    nlp, entities, stories = stages[1], stages[2], stages[3]
    assert {"quotes", "claims", "timexes"} <= nlp.provides  # the language stage writes these with the sentences
    assert {"claims", "timexes", "entities"} <= stories.requires  # claim groups are made after the events
    with pytest.raises(ConfigError, match="stories"):
        check_order([stages[0], stories, nlp, entities])
    assert [s.name for s in analysis_stages(False)] == ["ingest"]


def test_stage_modules_import_without_the_pipeline_facade() -> None:
    """nlp.stage and pipeline used to import each other; now every stage imports only ``duiding.stage``."""
    code = ("import sys, duiding.nlp.stage, duiding.stories, duiding.enrich.entities, duiding.ingest.stage; "
            "assert 'duiding.pipeline' not in sys.modules, 'a stage module imports the pipeline facade'")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})
