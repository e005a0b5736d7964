"""The store: a SQLite file (WAL mode) or a PostgreSQL database; migrations on open, one transaction per batch.

Writes are idempotent: an article's id is the hash of its text, so writing it again only adds
a publication row when it was seen somewhere new. A failure row is keyed on (origin, stage,
code) and is removed when that origin later succeeds. ``Store`` is the repository interface
the CLI, the exporter and the web app use.

``Store("duiding.db")`` opens a SQLite file, ``Store("postgresql://…")`` a PostgreSQL database
(:mod:`.pg`): the same methods, the same ``store.conn.execute(sql, params)`` with ``?``
placeholders and row objects, so no caller needs to know which one it has. ``store.dialect``
holds the few statements that differ in meaning (:mod:`.dialect`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import MalformedDateError, QueryError, StoreError
from ..ingest.dates import date_range, parse_published
from ..records import Article, Failure
from .dialect import POSTGRES, SQLITE, Dialect
from .migrations import migrate, migrate_postgres
from .pg import PgConnection, is_postgres_url, retryable

R = TypeVar("R")
RETRIES = 5  # a batch that hit a deadlock or a lost connection is tried again this often


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class BatchResult:
    stored: int = 0  # new articles
    seen_before: int = 0  # the same text from the same origin: nothing changed
    copies: int = 0  # the same text from a new origin: recorded as another publication
    errors: int = 0
    warnings: int = 0


class Store:
    conn: Any  # sqlite3.Connection, or PgConnection with the same surface
    dialect: Dialect

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if is_postgres_url(self.path):
            self._open_postgres(readonly)
            return
        self.dialect = SQLITE
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"no store at {self.path}; run `duiding analyze PATH` first")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if readonly:
                # Readers map the file: every connection of a server shares the OS's page cache instead
                # of each filling a private one (40 request threads x 64 MB of cache reached 1.5 GB).
                self.conn.execute("PRAGMA mmap_size = 2147483648")
                self.conn.execute("PRAGMA cache_size = -8192")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                migrate(self.conn)
        except sqlite3.DatabaseError as e:
            raise sqlite_error(self.path, e) from e

    def _open_postgres(self, readonly: bool) -> None:
        import psycopg

        self.dialect = POSTGRES
        self.conn = PgConnection(self.path, readonly=readonly)
        try:
            if readonly:
                if self.conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None:  # not migrated (yet)
                    raise StoreError(f"no store in {self.conn.where}; run `duiding analyze PATH --db URL` first")
            else:
                migrate_postgres(self.conn.raw)
        except psycopg.Error as e:
            self.conn.close()
            raise StoreError(f"{self.conn.where}: not a usable duiding store ({e})") from e
        except StoreError:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, exclusive: str | None = None) -> Iterator[Any]:
        """One write transaction: all of it or none of it.

        ``exclusive`` names a whole-table replacement (entities, stories): on PostgreSQL, where
        writers run side by side, two such replacements of the same name take turns, as every
        writer does on SQLite.
        """
        self.conn.execute(self.dialect.begin)
        try:
            lock = self.dialect.exclusive(exclusive) if exclusive else None
            if lock:
                self.conn.execute(lock)
            yield self.conn
        except BaseException:
            if getattr(self.conn, "broken", False):  # a lost connection has rolled back already
                self.conn.abandon()
            else:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def retrying(self, write: Callable[[], R]) -> R:
        """Run ``write`` (one whole transaction) again when PostgreSQL asks for it.

        A deadlock between concurrent writers, or a connection lost because the server
        restarted, rolls the whole transaction back; running it again is then correct because
        every write is idempotent. On SQLite (one writer, no server) it runs once.
        """
        if not self.dialect.is_postgres:
            return write()
        for attempt in range(RETRIES):
            try:
                return write()
            except StoreError:
                if attempt == RETRIES - 1 or not self.conn.broken:
                    raise
                try:
                    self.conn.reconnect()  # waits for a restarting server, up to reconnect_wait seconds
                except StoreError:
                    raise StoreError(f"{self.conn.where}: the connection was lost and the server did not come "
                                     f"back within {self.conn.reconnect_wait:.0f} s; nothing of the batch in "
                                     "progress is stored. Run the same command again to resume") from None
            except Exception as e:
                if attempt == RETRIES - 1 or not retryable(e):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    # --- runs -----------------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction() as c:
            row = c.execute("INSERT INTO runs(command, started_at) VALUES (?, ?) RETURNING id",
                            (command, _now())).fetchone()
            return int(row[0])

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        def write() -> None:
            with self.transaction() as c:
                c.execute("UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                          (_now(), status, json.dumps(counts), run_id))

        self.retrying(write)

    # --- writing --------------------------------------------------------------------------

    def write_batch(self, articles: Sequence[Article], failures: Sequence[Failure],
                    run_id: int | None = None) -> BatchResult:
        """Write articles and failure rows in one transaction: all of it or none (retried whole on PostgreSQL)."""
        return self.retrying(lambda: self._write_batch(articles, failures, run_id))

    def _write_batch(self, articles: Sequence[Article], failures: Sequence[Failure],
                     run_id: int | None) -> BatchResult:
        result = BatchResult()
        now = _now()
        with self.transaction() as c:
            for article in articles:
                self._write_article(c, article, run_id, now, result)
            for failure in failures:
                severity = failure.severity
                c.execute(
                    "INSERT INTO failures(origin, source, stage, code, severity, reason, run_id, seen_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(origin, stage, code) DO UPDATE SET "
                    "reason = excluded.reason, severity = excluded.severity, run_id = excluded.run_id, "
                    "seen_at = excluded.seen_at",
                    (failure.origin, failure.source, failure.stage, failure.code, severity, failure.reason,
                     run_id, now))
                if severity == "error":
                    result.errors += 1
                else:
                    result.warnings += 1
        return result

    def _write_article(self, c: Any, a: Article, run_id: int | None, now: str,
                       result: BatchResult) -> None:
        start, end = date_range(a.published) if a.published else (None, None)
        cur = c.execute(
            "INSERT INTO articles(id, source, origin, title, url, outlet_key, outlet, published, "
            "published_precision, published_tz, published_start, published_end, language, section, text, "
            "removed, run_id, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO NOTHING",
            (a.id, a.source, a.origin, a.title, a.url, a.outlet.key if a.outlet else None,
             a.outlet.name if a.outlet else None, a.published.iso if a.published else None,
             a.published.precision if a.published else None, a.published.timezone if a.published else None,
             start, end, a.language, a.section, a.text,
             json.dumps([r.__dict__ for r in a.removed], ensure_ascii=False), run_id, now))
        pub = c.execute(
            "INSERT INTO publications(article_id, origin, source, outlet_key, outlet, title, url, published, "
            "first_seen) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(article_id, origin) DO NOTHING",
            (a.id, a.origin, a.source, a.outlet.key if a.outlet else None, a.outlet.name if a.outlet else None,
             a.title, a.url, a.published.iso if a.published else None, now))
        # An origin that now yields an article is no longer an ingest error.
        c.execute("DELETE FROM failures WHERE origin = ? AND stage = 'ingest' AND severity = 'error'", (a.origin,))
        if cur.rowcount:
            result.stored += 1
        elif pub.rowcount:
            result.copies += 1
        else:
            result.seen_before += 1

    # --- reading --------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in {"articles", "publications", "failures", "runs"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def articles(self, *, outlet: str | None = None, language: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        where, params = article_filters(outlet=outlet, language=language, since=since, until=until)
        order = self.dialect.order("published_start IS NULL", "published_start", "id")
        sql = f"SELECT * FROM articles a {where} {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_article_row(r) for r in self.conn.execute(sql, params)]

    def count_articles(self, *, outlet: str | None = None, language: str | None = None, since: str | None = None,
                       until: str | None = None) -> int:
        """How many articles pass the same filters as :meth:`articles` (the total of a paged list)."""
        where, params = article_filters(outlet=outlet, language=language, since=since, until=until)
        return int(self.conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0])

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        order = self.dialect.order("published_start IS NULL", "published_start", "id")
        for r in self.conn.execute(f"SELECT * FROM articles {order}"):
            yield _article_row(r)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article with this id or unique id prefix; None for no match.

        ``%`` and ``_`` in the prefix are literal characters, not LIKE wildcards (``_`` matched every
        article and was called ambiguous), and an id longer than any real one is simply not there
        (a 50,000-character one made SQLite refuse the pattern as "too complex").
        """
        if not article_id or len(article_id) > MAX_ID_CHARS:
            return None
        rows = self.conn.execute("SELECT * FROM articles WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
                                 (article_id, like_prefix(article_id))).fetchall()
        exact = [r for r in rows if r["id"] == article_id]
        if len(rows) > 1 and not exact:
            raise QueryError(f"article id {article_id!r} is ambiguous: more than one article starts with it; "
                             "give more characters")
        return _article_row((exact or rows)[0]) if rows else None

    def publications(self, article_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM publications WHERE article_id = ? " + self.dialect.order("first_seen", "origin"),
            (article_id,))]

    def failures(self, *, run_id: int | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM failures", []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        return [dict(r) for r in self.conn.execute(sql + " " + self.dialect.order("id"), params)]


def sqlite_error(path: str | None, e: sqlite3.Error) -> StoreError:
    """A SQLite failure as the environment problem it is, in words that say what to do.

    A read-only file or mount was called "not a usable duiding store"; a full disk surfaced as
    "cannot rollback - no transaction is active" or a traceback. Both are the machine's state, not
    the store's: nothing stored is lost, and rerunning after the fix is safe (writes are idempotent).
    """
    text = str(e)
    low = text.lower()
    where = f"{path}: " if path else ""
    if "readonly" in low or "read-only" in low:
        return StoreError(f"{where}the store cannot be written (a read-only file, folder or mount): {text}; "
                          "the read commands and `duiding serve` still work on it")
    if "disk is full" in low or "disk i/o" in low or "cannot rollback" in low or "no space" in low:
        return StoreError(f"{where}cannot write to the store ({text}): is the disk full? Nothing of the "
                          "unfinished batch was stored; free space and rerun (rerunning is safe)")
    if "pattern too complex" in low:
        return StoreError(f"a search pattern is longer than SQLite accepts ({text})")
    if "locked" in low or "busy" in low:
        return StoreError(f"{where}the store is locked by another writer ({text}); try again when it is done")
    return StoreError(f"{where}not a usable duiding store ({text})")


UNKNOWN_OUTLET = "unknown"  # every article without an outlet: one group in counts, filters and tables
MAX_ID_CHARS = 64  # article ids are 16 hex characters; entity and story ids are shorter


def like_escaped(text: str) -> str:
    """``text`` with LIKE's wildcards as literals (for ``LIKE ? ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_prefix(text: str) -> str:
    return like_escaped(text) + "%"


def article_filters(*, outlet: str | None, language: str | None, since: str | None,
                    until: str | None) -> tuple[str, list[Any]]:
    """SQL WHERE over alias ``a`` shared by listing and search; a bad date is a QueryError."""
    clauses: list[str] = []
    params: list[Any] = []
    since, until = _day(since, end=False), _day(until, end=True)
    if outlet and outlet.strip().lower() == UNKNOWN_OUTLET:
        clauses.append("a.outlet IS NULL")
    elif outlet:
        clauses.append("(lower(a.outlet_key) = lower(?) OR lower(a.outlet) = lower(?))")
        params += [outlet, outlet]
    if language:
        clauses.append("a.language = ?")
        params.append(language.lower())
    if since:
        clauses.append("a.published_end >= ?")  # overlaps: a month-precision date counts as the month
        params.append(since)
    if until:
        clauses.append("a.published_start <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _article_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    d.pop("rowid", None)  # PostgreSQL's explicit insertion order; SQLite's rowid is not in `*`
    d["removed"] = json.loads(d.get("removed") or "[]")
    return d


def _day(value: str | None, *, end: bool) -> str | None:
    if not value:
        return None
    try:
        published = parse_published(value)
    except MalformedDateError as e:
        raise QueryError(f"bad date filter: {e}") from e
    if published is None:
        return None
    start, stop = date_range(published)
    return stop if end else start
