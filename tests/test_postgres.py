"""The PostgreSQL store end to end, against real servers (tests/pg.py): the same export as SQLite
for the same input, a server restart in the middle of an ingest, and many writers and readers at once.

The store and search suites (test_store.py, test_search.py) already run on both backends; these
are the tests that only make sense with a server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from duiding import Store, search
from duiding.errors import StoreError
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle

from .conftest import DUTCH, ROOT, _postgres_required, run_cli

OUTLETS = ["nos.nl", "nu.nl", "volkskrant.nl", "standaard.be", "hln.be", "trouw.nl"]


def write_jsonl(path: Path, numbers: range) -> Path:
    """Distinct Dutch articles numbered ``numbers`` (the same number gives the same text in any file)."""
    paras = [p for _, body in DUTCH for p in body.split("\n\n")]
    with path.open("w", encoding="utf-8") as f:
        for i in numbers:
            body = "\n\n".join(paras[(i + k) % len(paras)] for k in range(3)) + f"\n\nDit is bericht {i} in de reeks."
            f.write(json.dumps({"title": f"Bericht {i}: {DUTCH[i % 3][0]}", "text": body,
                                "published_at": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}T08:00:00+01:00",
                                "url": f"https://{OUTLETS[i % len(OUTLETS)]}/artikel/{i}"}, ensure_ascii=False) + "\n")
    return path


def _integrity(url: str) -> dict[str, int]:
    """Counts that expose a partial batch: an article without its publication or its index row."""
    with Store(url, readonly=True) as s:
        q = s.conn.execute
        return {
            "articles": s.count("articles"),
            "publications": s.count("publications"),
            "fts": q("SELECT count(*) FROM articles_fts").fetchone()[0],
            "without_publication": q("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                     "(SELECT 1 FROM publications p WHERE p.article_id = a.id)").fetchone()[0],
            "duplicate_texts": q("SELECT count(*) - count(DISTINCT text) FROM articles").fetchone()[0],
            "failures": s.count("failures"),
        }


# --- identity: the same input gives the same export on both stores ---------------------------------


def _normalised(export: dict[str, Any]) -> dict[str, Any]:
    """Drop what legitimately differs between two runs: when things were run and stored."""
    moments = {"ingested_at", "first_seen", "seen_at", "started_at", "finished_at", "run_id"}

    def clean(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if k not in moments}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return clean(export)


@pytest.mark.slow
def test_sqlite_and_postgresql_give_identical_exports(tmp_path: Path, pg_url: str) -> None:
    """The example corpus through Frog, entities, quotes, claims and stories into each store."""
    exports = {}
    for name, db in (("sqlite", str(tmp_path / "s.db")), ("postgresql", pg_url)):
        # Two Frog workers: annotations are written in whichever order the workers finish, and nothing
        # in the results may depend on that order.
        run_cli("analyze", str(ROOT / "examples" / "corpus"), "--db", db, nlp=True, check=True, cwd=tmp_path,
                timeout=600, env={"DUIDING_WORKERS": "2"})
        out = tmp_path / f"{name}.json"
        run_cli("export", "--format", "json", "--db", db, "-o", str(out), check=True, cwd=tmp_path)
        exports[name] = _normalised(json.loads(out.read_text(encoding="utf-8")))
    sqlite, postgres = exports["sqlite"], exports["postgresql"]
    assert len(sqlite["articles"]) == 13 and sqlite["quotes"] and sqlite["entities"] and sqlite["events"]
    for key in sqlite:
        assert postgres[key] == sqlite[key], f"{key} differ between the SQLite and the PostgreSQL store"
    assert postgres == sqlite


def test_cli_reads_the_db_setting_from_the_environment(tmp_path: Path, pg_url: str) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", range(5))
    run_cli("analyze", str(src), cwd=tmp_path, env={"DUIDING_DB": pg_url}, check=True)
    listed = run_cli("articles", cwd=tmp_path, env={"DUIDING_DB": pg_url}, check=True)
    assert "Bericht 3" in listed.stdout
    found = run_cli("search", "inspecteurs", "--db", pg_url, cwd=tmp_path, check=True)
    assert "Bericht" in found.stdout
    assert not (tmp_path / "duiding.db").exists()


# --- faults: the server goes away in the middle of an ingest ------------------------------------------


@pytest.fixture(scope="module")
def own_server():
    """A private server this module may restart at will (never the shared one: others use it)."""
    from .pg import PrivateServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        why = "no PostgreSQL server binaries to start a server that can be restarted"
        if _postgres_required():
            pytest.fail(why)
        pytest.skip(why)
    server = PrivateServer(bindir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_url(own_server) -> str:
    from .pg import create_database

    return create_database(own_server.url)


def _articles(numbers: range, origin: str = "f.jsonl") -> list:
    paras = [p for _, body in DUTCH for p in body.split("\n\n")]
    return [build_article(RawArticle(source=origin, origin=f"{origin}#{i}", title=f"Bericht {i}",
                                     body=f"{paras[i % len(paras)]}\n\nDit is bericht {i}."), OutletTable()).article
            for i in numbers]


def test_connection_killed_inside_a_batch_leaves_nothing_of_it(own_server, own_url: str) -> None:
    """The adapter never reconnects inside a transaction: the rest of the batch cannot land on its own."""
    import psycopg

    store = Store(own_url)
    first, second = _articles(range(2))
    pid = store.conn.raw.info.backend_pid
    def half_a_batch_then_the_connection_dies() -> None:
        with store.transaction() as c:
            store._write_article(c, first, None, "now", _batch())
            with psycopg.connect(own_server.url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            store._write_article(c, second, None, "now", _batch())

    with pytest.raises(StoreError, match="lost the connection to PostgreSQL"):
        half_a_batch_then_the_connection_dies()
    assert store.count("articles") == 0  # reconnected for this read; the half batch was rolled back
    assert store.write_batch([first, second], []).stored == 2  # the same batch again: complete, once
    store.close()


def _batch() -> Any:
    from duiding.store.db import BatchResult

    return BatchResult()


def test_batch_after_a_restart_reconnects_and_is_written(own_server, own_url: str) -> None:
    store = Store(own_url)
    store.write_batch(_articles(range(10)), [])
    own_server.restart()
    result = store.write_batch(_articles(range(5, 20)), [])  # the old connection is dead: reconnect, retry
    assert (result.stored, result.seen_before) == (10, 5)
    assert store.count("articles") == 20
    store.close()


def test_server_that_stays_down_is_a_clear_store_error(own_server, own_url: str) -> None:
    store = Store(own_url)
    store.conn.reconnect_wait = 1.0
    own_server.stop_server()
    try:
        with pytest.raises(StoreError, match=r"did not come back within 1 s.*Run the same command again"):
            store.write_batch(_articles(range(3)), [])
        cli = run_cli("articles", "--db", own_url)
        assert cli.returncode != 0 and "cannot connect to PostgreSQL" in cli.stderr, cli.stderr
        assert "Traceback" not in cli.stderr
    finally:
        own_server.start_server()
    assert store.write_batch(_articles(range(3)), []).stored == 3  # and it resumes once the server is back
    store.close()


@pytest.mark.slow
def test_restart_during_a_cli_ingest_reports_resumes_and_leaves_no_partial_rows(
        own_server, own_url: str, tmp_path: Path) -> None:
    n = 4000
    src = write_jsonl(tmp_path / "many.jsonl", range(n))
    env = {**os.environ, "COLUMNS": "200", "DUIDING_ANALYSE": "0", "DUIDING_REPORTS": "", "DUIDING_BATCH_SIZE": "50"}
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "analyze", str(src), "--db", own_url], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _count_quietly(own_url) < 300:  # well into the ingest, with most of it still to come
        assert proc.poll() is None, f"ingest ended before the restart: {proc.communicate()}"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    own_server.restart()
    restarted_at = _count_quietly(own_url)
    _, err = proc.communicate(timeout=300)
    assert restarted_at < n, "the restart came too late to test anything"
    # Either the ingest reconnected and went on, or it stopped and said why, in one line, no traceback.
    assert proc.returncode == 0 or ("lost the connection to PostgreSQL" in err and "Traceback" not in err), err
    counts = _integrity(own_url)
    assert counts["without_publication"] == 0 and counts["fts"] == counts["articles"]  # whole batches only
    assert counts["articles"] % 50 == 0 or counts["articles"] == n
    again = run_cli("analyze", str(src), "--db", own_url, cwd=tmp_path, check=True)  # resume: idempotent
    assert "Traceback" not in again.stderr
    assert _integrity(own_url) == {"articles": n, "publications": n, "fts": n, "without_publication": 0,
                                   "duplicate_texts": 0, "failures": 0}


def _count_quietly(url: str) -> int:
    try:
        with Store(url, readonly=True) as s:
            return s.count("articles")
    except StoreError:
        return 0


# --- concurrency: several writers with overlapping inputs, readers searching all along ----------------


@pytest.mark.slow
def test_concurrent_writers_and_readers_end_with_exact_counts(pg_url: str, tmp_path: Path) -> None:
    files = [write_jsonl(tmp_path / f"part{k}.jsonl", range(k * 150, k * 150 + 300)) for k in range(4)]
    Store(pg_url).close()  # not needed for correctness (writers migrate under a lock); readers need a schema
    env = {**os.environ, "COLUMNS": "200", "DUIDING_ANALYSE": "0", "DUIDING_REPORTS": "", "DUIDING_BATCH_SIZE": "40"}
    exe = Path(sys.executable).with_name("duiding")
    writers = [subprocess.Popen([str(exe), "analyze", str(files[k]), str(files[(k + 1) % 4]), "--db", pg_url],
                                cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for k in range(4)]
    errors: list[BaseException] = []
    searches = [0]
    done = threading.Event()

    def reader() -> None:
        try:
            with Store(pg_url, readonly=True) as s:
                last = 0
                while not done.is_set():
                    hits = search(s, "dijkgraaf OR staking", limit=5)
                    now = s.count("articles")
                    assert now >= last and len(hits) <= 5
                    last = now
                    searches[0] += 1
        except BaseException as e:  # reported by the test thread
            errors.append(e)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in readers:
        t.start()
    results = [w.communicate(timeout=300) for w in writers]
    done.set()
    for t in readers:
        t.join()
    for w, (_, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
    assert not errors, errors
    assert searches[0] > 0
    # 750 distinct texts in four files of 300 lines; every file read by two writers at once.
    assert _integrity(pg_url) == {"articles": 750, "publications": 1200, "fts": 750, "without_publication": 0,
                                  "duplicate_texts": 0, "failures": 0}
    with Store(pg_url, readonly=True) as s:
        runs = s.conn.execute("SELECT status, counts FROM runs ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["done"] * 4
    stored = sum(json.loads(r[1]).get("stored", 0) for r in runs)
    assert stored == 750  # each new article counted as new by exactly one writer


# --- the web UI's queries on PostgreSQL: search pages and facets, story overview, table exports -----

def test_web_pages_and_exports_run_on_postgresql(pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from duiding.store.tables import TABLES, rows
    from duiding.web import create_app

    with Store(pg_url) as s:
        arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=b, title=t,
                                         published=f"2025-0{i + 1}-10", url=u), OutletTable()).article
                for i, ((t, b), u) in enumerate(zip(DUTCH, ["https://nos.nl/a", None, None], strict=True))]
        s.write_batch(arts, [])
        for table in TABLES:
            assert isinstance(list(rows(s, table)), list)
        assert len(list(rows(s, "articles"))) == 3
    client = TestClient(create_app(pg_url), base_url="http://127.0.0.1")
    html = {"accept": "text/html"}
    for path in ("/", "/articles", "/articles?outlet=unknown", "/search?q=dijk", "/search?q=title:dijk",
                 "/search?q=NEAR(dijk Venlo, 3)", "/search?q=outlet:unknown", "/entities", "/speakers"):
        assert client.get(path, headers=html).status_code == 200, path
    found = client.get("/api/search", params={"q": "dijk OR staking OR gemeenteraad", "limit": 1}).json()
    assert found["total"] == 3 and sum(v["n"] for v in found["facets"]["outlet"]) == 3
    assert {v["value"] for v in found["facets"]["outlet"]} == {"NOS", "unknown"}
    for table in TABLES:
        assert client.get(f"/api/export/{table}", params={"format": "csv"}).status_code == 200
    assert client.get("/api/export/all", params={"format": "xlsx"}).content[:2] == b"PK"
