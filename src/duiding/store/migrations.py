"""Numbered, append-only schema migrations, each applied in its own transaction and recorded.

Never edit a migration that has shipped: add the next number. ``migrate`` is idempotent and
runs on every open, so an old store file is upgraded in place the first time a newer duiding
touches it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, publications, failures, runs, full-text index", """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    origin TEXT NOT NULL,
    title TEXT,
    url TEXT,
    outlet_key TEXT,
    outlet TEXT,
    published TEXT,
    published_precision TEXT,
    published_tz TEXT,
    published_start TEXT,
    published_end TEXT,
    language TEXT,
    section TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',
    run_id INTEGER,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet_key);
CREATE INDEX articles_published ON articles(published_start);
CREATE INDEX articles_language ON articles(language);

-- Every place an article's text was seen: the same wire copy in two outlets is one article
-- with two publications, and re-reading the same file is recognised as such.
CREATE TABLE publications (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    outlet_key TEXT,
    outlet TEXT,
    title TEXT,
    url TEXT,
    published TEXT,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (article_id, origin)
);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    reason TEXT NOT NULL,
    run_id INTEGER,
    seen_at TEXT NOT NULL,
    UNIQUE (origin, stage, code)
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}'
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
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
"""),
    (2, "language analysis: sentences with tokens, mentions, entities; lemmas in the full-text index", """
ALTER TABLE articles ADD COLUMN nlp_status TEXT;
ALTER TABLE articles ADD COLUMN nlp_backend TEXT;
ALTER TABLE articles ADD COLUMN lemmas TEXT;
CREATE INDEX articles_nlp_status ON articles(nlp_status);

-- tokens as JSON [[start, end, lemma, pos], ...] per sentence: compact, and always read per article
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    tokens TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    name TEXT NOT NULL,
    origin TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    variants TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL
);

DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, lemmas, content='articles', content_rowid='rowid',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
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
"""),
    (3, "quotes with their speakers", """
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
    cue TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    speaker_name TEXT,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_role TEXT,
    speaker_organisation TEXT,
    speaker_kind TEXT NOT NULL,
    speaker_entity TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_entity ON quotes(speaker_entity);
"""),
    (4, "stories: near-duplicate groups, events, storylines", """
CREATE TABLE duplicate_groups (
    id TEXT PRIMARY KEY,
    original TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE TABLE duplicate_members (
    group_id TEXT NOT NULL REFERENCES duplicate_groups(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (group_id, article_id)
);
CREATE TABLE storylines (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    start TEXT,
    end TEXT,
    n_events INTEGER NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    start TEXT,
    end TEXT,
    n_articles INTEGER NOT NULL,
    storyline_id TEXT REFERENCES storylines(id)
);
CREATE TABLE event_articles (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, article_id)
);
"""),
    (5, "time expressions, numeric claims, and claim groups (agreements, discrepancies)", """
CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value_start TEXT NOT NULL,
    value_end TEXT NOT NULL,
    precision TEXT NOT NULL,
    relative INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    kind TEXT NOT NULL,
    hedge TEXT,
    about TEXT NOT NULL,
    anchors TEXT NOT NULL,
    sentence INTEGER NOT NULL
);
CREATE INDEX claims_article ON claims(article_id);
CREATE TABLE claim_groups (
    id TEXT PRIMARY KEY,
    about TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('agreement', 'discrepancy')),
    severity TEXT,
    claims TEXT NOT NULL
);
"""),
    (6, "term statistics of the full-text index, for ranking queries of very common words", """
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
"""),
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
