"""Story reports are cached per store state: served from memory until a commit changes the store."""

from __future__ import annotations

from pathlib import Path

from duiding import Store
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle
from duiding.web.cache import ReportCache, store_stamp


def _article(n: int):
    raw = RawArticle(source=f"{n}.txt", origin=f"{n}.txt", published="2025-02-01",
                     body=f"Bericht {n}: de gemeenteraad van Zwolle vergaderde dinsdag over de nieuwe brug.")
    return build_article(raw, OutletTable()).article


def test_a_commit_invalidates_and_a_read_does_not(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    calls = []
    with Store(db) as writer:
        writer.write_batch([_article(1)], [])
        cache = ReportCache(db)
        compute = lambda: calls.append(1) or len(calls)  # noqa: E731
        assert cache.get(("model", "sl1"), compute) == 1
        with Store(db, readonly=True) as reader:
            reader.articles()
        assert cache.get(("model", "sl1"), compute) == 1  # reading changed nothing: served from memory
        assert cache.get(("model", "sl2"), compute) == 2  # another story is its own entry
        writer.write_batch([_article(2)], [])
        assert cache.get(("model", "sl1"), compute) == 3  # the store changed: computed again


def test_not_a_local_file_is_never_cached(tmp_path: Path) -> None:
    assert store_stamp("postgresql://localhost/duiding") is None
    cache = ReportCache("postgresql://localhost/duiding")
    calls = []
    for _ in range(2):
        cache.get(("model", "x"), lambda: calls.append(1))
    assert len(calls) == 2


def test_the_cache_keeps_at_most_its_size(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    cache = ReportCache(db, size=3)
    for i in range(5):
        cache.get(("model", i), lambda i=i: i)
    calls = []
    cache.get(("model", 0), lambda: calls.append(1))  # evicted, so computed again
    cache.get(("model", 4), lambda: calls.append(1))  # still there
    assert len(calls) == 1
