"""The real console script, run as a user would: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duiding.report.export import KEYS

from .conftest import DUTCH, run_cli


@pytest.fixture
def analysed(corpus: Path, tmp_path: Path) -> Path:
    db = tmp_path / "cli.db"
    run_cli("analyze", str(corpus), "--db", str(db), "-q", check=True)
    return db


def test_analyze_prints_a_summary_with_counts(corpus: Path, tmp_path: Path) -> None:
    (corpus / "leeg.txt").write_text("", encoding="utf-8")
    proc = run_cli("analyze", str(corpus), "--db", str(tmp_path / "x.db"), check=True)
    assert "stored (new articles)" in proc.stdout
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in proc.stdout.splitlines()
            if line.count("│") == 3}
    assert rows["stored (new articles)"] == str(len(DUTCH))
    assert rows["failed (not stored)"] == "1"
    assert "empty: leeg.txt: article body is empty" in proc.stdout
    assert "art/s" in proc.stderr  # the progress bar with its rate


def test_export_has_the_design_shape(analysed: Path) -> None:
    doc = json.loads(run_cli("export", "--db", str(analysed), "--format", "json", check=True).stdout)
    assert set(KEYS) <= set(doc)
    assert len(doc["articles"]) == len(DUTCH)
    a = doc["articles"][0]
    for key in ("id", "source", "outlet", "title", "url", "published", "published_precision", "language", "text"):
        assert key in a
    assert a["outlet"] == "nos.nl" and a["outlet_name"] == "NOS"
    assert a["published_precision"] == "second" and a["published"].endswith("+01:00")


def test_export_to_file(analysed: Path, tmp_path: Path) -> None:
    target = tmp_path / "e.json"
    run_cli("export", "--db", str(analysed), "-o", str(target), check=True)
    assert len(json.loads(target.read_text(encoding="utf-8"))["articles"]) == len(DUTCH)


def test_search_prints_hits_and_survives_hostile_queries(analysed: Path) -> None:
    proc = run_cli("search", "dijkgraaf", "--db", str(analysed), check=True)
    assert "Waterschap sluit dijk bij Venlo af" in proc.stdout
    for query in ['"unbalanced', "AND OR (", "NEAR(", "*", "a:b", "'; DROP TABLE articles; --"]:
        proc = run_cli("search", query, "--db", str(analysed))
        assert proc.returncode in (0, 2), proc.stderr
        assert "Traceback" not in proc.stderr
        if proc.returncode == 2:
            assert proc.stderr.startswith("duiding: error:") and proc.stderr.count("\n") == 1


def test_search_json_lines(analysed: Path) -> None:
    proc = run_cli("search", "staking", "--json", "--db", str(analysed), check=True)
    hits = [json.loads(line) for line in proc.stdout.splitlines()]
    assert hits and "[staking]" in hits[0]["snippet"].lower()


@pytest.mark.parametrize(("args", "message"), [
    (["search", "dijk", "--since", "2025-13-45"], "bad date filter"),
    (["article", "ffffffff"], "no article with id"),
    (["show", "ffffffff"], "no storyline, event or article with id"),
    (["analyze", "x.txt", "--date", "morgen ofzo"], "cannot read the date"),
    (["analyze", "x.txt", "--column", "text"], "expected FIELD=NAME"),
])
def test_errors_are_one_line_and_exit_2(analysed: Path, args: list[str], message: str) -> None:
    proc = run_cli(*args, "--db", str(analysed))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_reading_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    proc = run_cli("articles", "--db", str(tmp_path / "nothing.db"))
    assert proc.returncode == 2 and "duiding analyze" in proc.stderr
    assert not (tmp_path / "nothing.db").exists(), "reading must not create a store"


def test_articles_article_failures_and_config(analysed: Path, tmp_path: Path) -> None:
    listing = run_cli("articles", "--db", str(analysed), check=True).stdout
    assert f"{len(DUTCH)} of {len(DUTCH)} articles" in listing
    first_id = json.loads(run_cli("articles", "--json", "--db", str(analysed), check=True).stdout.splitlines()[0])["id"]
    shown = run_cli("article", first_id[:8], "--db", str(analysed), check=True).stdout
    assert "precision second" in shown
    assert "precision second" in run_cli("show", first_id[:8], "--db", str(analysed), check=True).stdout
    assert "0 failures" in run_cli("failures", "--db", str(analysed), check=True).stdout
    cfg = run_cli("config", env={"DUIDING_BATCH_SIZE": "7"}, check=True).stdout
    assert "env DUIDING_BATCH_SIZE" in cfg


def test_a_missing_path_is_a_failure_not_a_crash(tmp_path: Path, corpus: Path) -> None:
    proc = run_cli("analyze", str(corpus), str(tmp_path / "bestaat-niet"), "--db", str(tmp_path / "m.db"))
    assert proc.returncode == 0
    assert "no such file or folder" in proc.stdout


def test_speakers_say_how_many_quotes_have_no_speaker(analysed: Path) -> None:
    doc = json.loads(run_cli("export", "--db", str(analysed), "--format", "json", check=True).stdout)
    marked = [q for q in doc["quotes"] if q["kind"] in ("direct", "partial")]
    unknown = [q for q in marked if q["speaker"]["kind"] == "unknown"]
    listed = [json.loads(line) for line in
              run_cli("speakers", "--db", str(analysed), "--json", check=True).stdout.splitlines()]
    assert sum(r["n_quotes"] for r in listed) == len(marked) - len(unknown)
    table = run_cli("speakers", "--db", str(analysed), check=True).stdout
    if unknown:
        assert f"{len(unknown)} of {len(marked)} quotes have no known speaker" in " ".join(table.split())
    else:
        assert "no known speaker" not in table


def test_analyze_summary_gives_the_whole_run_and_each_stage(corpus: Path, tmp_path: Path) -> None:
    proc = run_cli("analyze", str(corpus), "--db", str(tmp_path / "t.db"), "-q", check=True)
    caption = next(line for line in proc.stdout.splitlines() if "whole run" in line)
    assert "read " in caption and "articles/s" in caption


def test_export_csv_and_xlsx_tables(analysed: Path, tmp_path: Path) -> None:
    import csv
    import io
    import zipfile

    proc = run_cli("export", "--db", str(analysed), "--format", "csv", "--table", "articles", check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == len(DUTCH) and {"article_id", "outlet", "date", "title"} <= set(rows[0])
    folder = tmp_path / "tables"
    run_cli("export", "--db", str(analysed), "--format", "csv", "-o", str(folder), check=True)
    assert sorted(p.name for p in folder.iterdir()) == ["articles.csv", "claims.csv", "entities.csv", "quotes.csv"]
    book = tmp_path / "all.xlsx"
    run_cli("export", "--db", str(analysed), "--format", "xlsx", "-o", str(book), check=True)
    with zipfile.ZipFile(book) as z:
        assert sum(n.startswith("xl/worksheets/sheet") for n in z.namelist()) == 4
    refused = run_cli("export", "--db", str(analysed), "--format", "xlsx")
    assert refused.returncode == 2 and "-o" in refused.stderr


def test_reports_go_next_to_their_store_and_never_mix(tmp_path: Path) -> None:
    from duiding.report.files import MARKER, claim, reports_folder

    assert reports_folder(str(tmp_path / "news.db"), "auto") == Path(f"{tmp_path / 'news.db'}.reports")
    assert reports_folder(str(tmp_path / "news.db"), "") is None
    assert reports_folder("postgresql://u:secret@host/kranten", "auto") == Path("duiding-reports-kranten")
    shared = tmp_path / "shared-reports"
    a = claim(shared, str(tmp_path / "a.db"))
    assert a == shared and (shared / MARKER).read_text().strip() == str((tmp_path / "a.db").resolve())
    assert claim(shared, str(tmp_path / "a.db")) == shared  # the same store again: the same folder
    b = claim(shared, str(tmp_path / "b.db"))
    assert b != a and b.parent == shared and (b / MARKER).read_text().strip().endswith("b.db")
    assert claim(shared, str(tmp_path / "b.db")) == b
