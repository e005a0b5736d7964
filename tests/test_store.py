"""The store on a real SQLite file and a real PostgreSQL database: migrations, idempotent writes,
publications, failures, FTS sync. Every test runs on both backends unless it is about one of them."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from duiding import Store
from duiding.errors import StoreError
from duiding.ingest import OutletTable, build_article
from duiding.records import Failure, RawArticle
from duiding.store.migrations import MIGRATIONS, current_version

from .conftest import DUTCH


@pytest.fixture
def store(store_target: str):
    with Store(store_target) as s:
        yield s


def _tables(store: Store) -> set[str]:
    if store.dialect.is_postgres:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {r[0] for r in store.conn.execute(sql)}


def _fts_count(store: Store, word: str) -> int:
    if store.dialect.is_postgres:
        sql = "SELECT count(*) FROM articles_fts WHERE doc @@ to_tsquery('dutch', ?)"
    else:
        sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(store.conn.execute(sql, (word,)).fetchone()[0])


def _article(i: int = 0, origin: str = "a.txt", outlet: str | None = None):
    raw = RawArticle(source=origin, origin=origin, body=DUTCH[i][1], title=DUTCH[i][0],
                     published="2025-01-14", outlet=outlet)
    return build_article(raw, OutletTable()).article


def test_new_store_is_migrated_to_latest(store: Store) -> None:
    assert current_version(store.conn) == MIGRATIONS[-1][0]
    assert {"articles", "publications", "failures", "runs", "articles_fts", "schema_migrations"} <= _tables(store)
    if not store.dialect.is_postgres:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_reapply_migrations(store_target: str) -> None:
    with Store(store_target) as s:
        s.write_batch([_article()], [])
    with Store(store_target) as s:
        assert s.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
        assert s.count("articles") == 1


def test_writing_the_same_article_twice_changes_nothing(store: Store) -> None:
    a = _article()
    first = store.write_batch([a], [])
    before = store.conn.execute("SELECT * FROM articles").fetchall()
    second = store.write_batch([a], [])
    assert (first.stored, second.stored, second.seen_before) == (1, 0, 1)
    assert store.conn.execute("SELECT * FROM articles").fetchall() == before
    assert store.count("publications") == 1


def test_same_text_from_another_origin_is_one_article_with_two_publications(store: Store) -> None:
    a = _article(origin="nos/a.txt", outlet="NOS")
    b = replace(_article(origin="nu/a.txt", outlet="nu.nl"))
    assert a.id == b.id
    store.write_batch([a], [])
    result = store.write_batch([b], [])
    assert result.copies == 1 and store.count("articles") == 1
    assert {p["outlet"] for p in store.publications(a.id)} == {"NOS", "NU.nl"}


def test_fts_index_follows_inserts_and_deletes(store: Store) -> None:
    store.write_batch([_article(0), _article(1, "b.txt")], [])
    assert _fts_count(store, "dijkgraaf") == 1
    with store.transaction() as c:
        c.execute("DELETE FROM articles WHERE title LIKE 'Waterschap%'")
    assert _fts_count(store, "dijkgraaf") == 0
    if store.dialect.is_postgres:
        assert store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == store.count("articles")
    else:
        store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_failure_rows_are_upserted_and_cleared_when_the_input_later_succeeds(store: Store) -> None:
    a = _article(origin="x.txt")
    fail = Failure(source="x.txt", origin="x.txt", code="encoding", reason="first reason")
    store.write_batch([], [fail])
    store.write_batch([], [replace(fail, reason="second reason")])
    rows = store.failures()
    assert len(rows) == 1 and rows[0]["reason"] == "second reason"
    store.write_batch([a], [])
    assert store.failures() == []


def test_a_batch_is_all_or_nothing(store: Store) -> None:
    good = _article(0)
    bad = replace(_article(1, "b.txt"), text=None)  # violates NOT NULL half-way through the batch
    with pytest.raises((sqlite3.IntegrityError, _pg_integrity_error())):
        store.write_batch([good, bad], [])
    assert store.count("articles") == 0
    assert store.count("publications") == 0


def test_month_precision_date_is_stored_as_a_range(store: Store) -> None:
    raw = RawArticle(source="m.txt", origin="m.txt", body=DUTCH[0][1], published="2024-02")
    store.write_batch([build_article(raw, OutletTable()).article], [])
    row = store.articles()[0]
    assert (row["published"], row["published_precision"]) == ("2024-02", "month")
    assert row["published_start"].startswith("2024-02-01") and row["published_end"].startswith("2024-02-29")


def test_filters_use_date_overlap_outlet_and_language(store: Store) -> None:
    store.write_batch([_article(0, "a.txt", outlet="NOS"), _article(1, "b.txt", outlet="de Volkskrant")], [])
    assert [r["outlet_key"] for r in store.articles(outlet="volkskrant.nl")] == ["volkskrant.nl"]
    assert [r["outlet"] for r in store.articles(outlet="nos")] == ["NOS"]
    assert store.articles(since="2025-01-15") == []
    assert len(store.articles(since="2025-01", until="2025-01")) == 2


def _pg_integrity_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:
        return sqlite3.IntegrityError
    return psycopg.IntegrityError


def test_not_a_database_is_a_store_error(tmp_path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a usable duiding store"):
        Store(bogus)


def test_readonly_open_of_a_missing_store_says_what_to_do(tmp_path) -> None:
    with pytest.raises(StoreError, match="duiding analyze"):
        Store(tmp_path / "absent.db", readonly=True)


def test_postgres_readonly_open_of_an_empty_database_says_what_to_do(pg_url: str) -> None:
    with pytest.raises(StoreError, match="duiding analyze"):
        Store(pg_url, readonly=True)


def test_postgres_server_not_there_is_a_store_error_without_password() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as e:
        Store("postgresql://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(e.value)


def test_postgres_readonly_store_refuses_writes(pg_url: str) -> None:
    with Store(pg_url) as s:
        s.write_batch([_article()], [])
    with Store(pg_url, readonly=True) as s:
        assert s.count("articles") == 1
        with pytest.raises(Exception, match="read-only"):
            s.write_batch([_article(1, "b.txt")], [])


def test_postgres_text_sorts_and_folds_case_as_sqlite_does(store: Store) -> None:
    """COLLATE "C": code point order and ASCII-only lower(), whatever the server's locale."""
    names = ["Émile", "apple", "Zebra", "éclair", "ÉMILE Zebra"]
    with store.transaction() as c:
        c.executemany("INSERT INTO runs(command, started_at) VALUES (?, 'now')", [(n,) for n in names])
    assert [r[0] for r in store.conn.execute("SELECT command FROM runs ORDER BY command")] == sorted(names)
    assert store.conn.execute("SELECT lower(command) FROM runs WHERE command = 'ÉMILE Zebra'").fetchone()[0] == (
        "Émile zebra")


def test_storylines_page_in_sql_in_each_order_with_filters(store: Store) -> None:
    """The home page's storyline pages, on both stores: latest coverage first, oldest first, most articles
    first; a date range or an outlet keeps the storylines with such an article; the count is of those kept;
    the outlet menu lists each outlet once."""
    from duiding.store.search import choices
    from duiding.store.stories import count_storylines, replace_stories, storyline_page, storylines

    urls = ["https://nos.nl/a", "https://nu.nl/b", "https://nos.nl/c", "https://trouw.nl/d", "https://nu.nl/e"]
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", title=f"Bericht {i}", url=u,
                                     body=f"Bericht {i} over de dijk.", published=f"2025-0{i + 1}-10"),
                          OutletTable()).article for i, u in enumerate(urls)]
    store.write_batch(arts, [])
    ids = [a.id for a in arts]
    # three storylines: A = articles 0 and 1 (Jan-Feb), B = 2 and 3 (Mar-Apr), C = 4 (May)
    spans = {"slA": (ids[:2], "2025-01-10", "2025-02-10"), "slB": (ids[2:4], "2025-03-10", "2025-04-10"),
             "slC": (ids[4:], "2025-05-10", "2025-05-10")}
    events = [{"id": "ev" + k[2:], "label": k, "start": s, "end": e, "articles": a, "storyline": k}
              for k, (a, s, e) in spans.items()]
    lines = [{"id": k, "label": k, "start": s, "end": e, "events": ["ev" + k[2:]]} for k, (_, s, e) in spans.items()]
    replace_stories(store, events, lines, [])
    assert count_storylines(store) == 3
    assert [r["id"] for r in storyline_page(store)[0]] == ["slC", "slB", "slA"]  # latest coverage first
    assert [r["id"] for r in storyline_page(store, sort="start")[0]] == ["slA", "slB", "slC"]
    by_size, total = storyline_page(store, sort="size")
    assert [(r["id"], r["n_articles"]) for r in by_size] == [("slB", 2), ("slA", 2), ("slC", 1)]  # ties: latest
    assert total == 3
    page2, total = storyline_page(store, limit=1, offset=1)
    assert [r["id"] for r in page2] == ["slB"] and total == 3
    assert [r["id"] for r in storylines(store, 2, 1)] == ["slB", "slC"]
    nu, total = storyline_page(store, outlet="NU.nl")  # a name or key, in any case
    assert {r["id"] for r in nu} == {"slA", "slC"} and total == 2
    spring, total = storyline_page(store, since="2025-04-01", until="2025-05-31")
    assert [r["id"] for r in spring] == ["slC", "slB"] and total == 2
    assert storyline_page(store, since="2025-02-11", until="2025-03-09") == ([], 0)  # between two storylines
    menu = choices(store)
    assert sorted(menu["outlets"]) == menu["outlets"] and len(set(menu["outlets"])) == len(menu["outlets"]) == 3
