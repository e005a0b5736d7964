"""Numbered, append-only schema migrations, each applied in its own transaction and recorded.

The tables are described once (:mod:`.schema`) and rendered for each store; only the full-text
index, a different feature on each, is written per dialect here.

Never edit a migration that has shipped: add the next number. ``migrate`` is idempotent and
runs on every open, so an old store file is upgraded in place the first time a newer duiding
touches it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from .schema import LATER_STEPS, TABLE_STEPS, TYPES, render

# Keeps the full-text index (title, text, lemmas) in step with articles, then fills it: used by each
# migration that recreates the index.
_FTS_SYNC = """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, lemmas) VALUES (new.rowid, new.title, new.text, new.lemmas);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, lemmas)
    VALUES ('delete', old.rowid, old.title, old.text, old.lemmas);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text, lemmas ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, lemmas)
    VALUES ('delete', old.rowid, old.title, old.text, old.lemmas);
    INSERT INTO articles_fts(rowid, title, text, lemmas) VALUES (new.rowid, new.title, new.text, new.lemmas);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

# Each migration: the tables it creates (rendered from .schema) and its full-text index, per dialect.
_NAMES = {
    1: "articles, publications, failures, runs, full-text index",
    2: "language analysis: sentences with tokens, mentions, entities; lemmas in the full-text index",
    3: "quotes with their speakers",
    4: "stories: near-duplicate groups, events, storylines",
    5: "time expressions, numeric claims, and claim groups (agreements, discrepancies)",
}

_SQLITE_FTS: dict[int, str] = {
    1: """CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
""",
    2: """DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, lemmas, content='articles', content_rowid='rowid',
    tokenize = "unicode61 remove_diacritics 2"
);
""" + _FTS_SYNC,
}

MIGRATIONS: list[tuple[int, str, str]] = [
    *[(v, _NAMES[v], render(TABLE_STEPS[v], "sqlite") + _SQLITE_FTS.get(v, "")) for v in sorted(TABLE_STEPS)],
    (6, "term statistics of the full-text index, for ranking queries of very common words", """
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
"""),
    # Without prefix indexes "wate*" merges the posting lists of every word starting so, in the
    # ranking and again for the snippets: 400 ms on 100k articles, 6 ms with them (+50% index size).
    # The term statistics of 6 go: reading them cost as much as the ranking they were to avoid.
    (7, "prefix indexes (3 to 5 letters) in the full-text index", """
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_vocab;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, lemmas, content='articles', content_rowid='rowid',
    tokenize = "unicode61 remove_diacritics 2", prefix = '3 4 5'
);
""" + _FTS_SYNC),
    *[(v, name, render(steps, "sqlite")) for v, (name, steps) in sorted(LATER_STEPS.items())],
]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; return the numbers applied now (autocommit connection)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                 "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")  # one transaction: a migration is applied whole or not at all
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                conn.execute("ROLLBACK")  # another process migrated while we waited for the lock
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    out, buf = [], ""
    for line in sql.strip().splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


# --- PostgreSQL -----------------------------------------------------------------------------
#
# The same numbers and the same tables as above (both rendered from .schema, which says how each
# type is spelled). Full-text search is a side table with one tsvector per article under the
# built-in `dutch` configuration (title weight A, body B, lemmas C), kept in sync by a trigger and
# searched through a GIN index. ``Store`` leaves the explicit ``rowid`` of articles out of the
# article dicts it returns, as SQLite's ``*`` does. Versions 6 and 7 (fts5vocab, prefix indexes)
# have no counterpart: PostgreSQL ranks through the GIN index, which also answers `:*` prefixes,
# so they are recorded and create nothing.

_T = TYPES["text"]["postgresql"]

_PG_FTS: dict[int, str] = {
    1: f"""CREATE TABLE articles_fts (
    id {_T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc tsvector NOT NULL
);
CREATE INDEX articles_fts_doc ON articles_fts USING gin (doc);
CREATE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_fts(id, doc) VALUES (NEW.id,
        setweight(to_tsvector('dutch', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('dutch', left(NEW.text, 400000)), 'B'))
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_fts_sync AFTER INSERT OR UPDATE OF title, text ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_fts_sync();
""",
    2: """CREATE OR REPLACE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_fts(id, doc) VALUES (NEW.id,
        setweight(to_tsvector('dutch', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('dutch', left(NEW.text, 400000)), 'B')
        || setweight(to_tsvector('dutch', left(coalesce(NEW.lemmas, ''), 400000)), 'C'))
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc;
    RETURN NULL;
END $$;
DROP TRIGGER articles_fts_sync ON articles;
CREATE TRIGGER articles_fts_sync AFTER INSERT OR UPDATE OF title, text, lemmas ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_fts_sync();
""",
}

PG_MIGRATIONS: list[tuple[int, str, str]] = [
    *[(v, _NAMES[v], render(TABLE_STEPS[v], "postgresql") + _PG_FTS.get(v, "")) for v in sorted(TABLE_STEPS)],
    (6, "term statistics of the full-text index: not needed, PostgreSQL ranks through the GIN index", ""),
    (7, "prefix indexes in the full-text index: not needed, the GIN index answers `:*` prefixes", ""),
    *[(v, name, render(steps, "postgresql")) for v, (name, steps) in sorted(LATER_STEPS.items())],
]

# pg_advisory_xact_lock key: one migrator at a time per database ("duiding" in ASCII).
_PG_MIGRATE_LOCK = 0x6475696469
_pg_check = [v for v, _, _ in PG_MIGRATIONS] == [v for v, _, _ in MIGRATIONS]
assert _pg_check, "PostgreSQL migrations must use the same numbers as SQLite's"


def migrate_postgres(raw: object) -> list[int]:
    """Apply every PostgreSQL migration not yet recorded, each in its own transaction.

    ``raw`` is an autocommit psycopg connection. An advisory lock makes concurrent first opens
    (several writer processes on an empty database) wait for one migrator instead of racing.
    """
    conn: Any = raw
    applied: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATE_LOCK,))
        conn.execute(f"CREATE TABLE IF NOT EXISTS schema_migrations "
                     f"(version INTEGER PRIMARY KEY, name {_T} NOT NULL, applied_at {_T} NOT NULL)")
    for version, name, sql in PG_MIGRATIONS:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATE_LOCK,))
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = %s", (version,)).fetchone():
                continue
            if sql.strip():
                conn.execute(sql)  # no parameters: several statements in one go
            conn.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                         (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
        applied.append(version)
    return applied
