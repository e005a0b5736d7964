"""Numbered, append-only schema migrations, each applied in its own transaction and recorded.

Never edit a migration that has shipped: add the next number. ``migrate`` is idempotent and
runs on every open, so an old store file is upgraded in place the first time a newer duiding
touches it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

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
""" + _FTS_SYNC),
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
    (8, "watch: what each followed feed or folder last answered, and publications by origin", """
CREATE TABLE watch_sources (
    source TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    next_poll REAL,
    last_poll TEXT,
    last_status TEXT,
    files TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX publications_origin ON publications(origin);
"""),
    (9, "incremental stories: state, document frequencies, features, MinHash bands, event keys", """
CREATE TABLE story_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE story_features (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                             data TEXT NOT NULL);
CREATE TABLE minhash_bands (band INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id))
    WITHOUT ROWID;
CREATE TABLE event_keys (key TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (key, event_id)) WITHOUT ROWID;
CREATE INDEX events_start ON events(start);
CREATE INDEX events_end ON events(end);
CREATE INDEX events_storyline ON events(storyline_id);
CREATE INDEX duplicate_members_article ON duplicate_members(article_id);
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


# --- PostgreSQL -----------------------------------------------------------------------------
#
# The same numbers and the same tables as above, in PostgreSQL's dialect: identity columns for
# SQLite's INTEGER PRIMARY KEY, DOUBLE PRECISION for REAL (PostgreSQL's REAL is 4 bytes), a
# quoted "end", and every text column COLLATE "C" so ORDER BY and lower() behave exactly as in
# SQLite whatever the server's locale. Full-text search is a side table with one tsvector per
# article under the built-in `dutch` configuration (title weight A, body B, lemmas C), kept in
# sync by a trigger and searched through a GIN index. ``articles.rowid`` is SQLite's implicit
# rowid made explicit (the order articles were added), so ``ORDER BY rowid`` means the same on
# both stores; ``Store`` leaves it out of the article dicts it returns, as SQLite's ``*`` does.
# ``claims.rowid`` likewise: claim alignment reads claims in the order they were written.
# Version 6 (fts5vocab) has no counterpart: PostgreSQL ranks through the GIN index and needs no
# term table, so it is recorded and creates nothing.

_T = 'TEXT COLLATE "C"'

PG_MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, publications, failures, runs, full-text index", f"""
CREATE TABLE articles (
    id {_T} PRIMARY KEY,
    source {_T} NOT NULL,
    origin {_T} NOT NULL,
    title {_T},
    url {_T},
    outlet_key {_T},
    outlet {_T},
    published {_T},
    published_precision {_T},
    published_tz {_T},
    published_start {_T},
    published_end {_T},
    language {_T},
    section {_T},
    text {_T} NOT NULL,
    removed {_T} NOT NULL DEFAULT '[]',
    run_id BIGINT,
    ingested_at {_T} NOT NULL,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX articles_outlet ON articles(outlet_key);
CREATE INDEX articles_published ON articles(published_start);
CREATE INDEX articles_language ON articles(language);
CREATE TABLE publications (
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    origin {_T} NOT NULL,
    source {_T} NOT NULL,
    outlet_key {_T},
    outlet {_T},
    title {_T},
    url {_T},
    published {_T},
    first_seen {_T} NOT NULL,
    PRIMARY KEY (article_id, origin)
);
CREATE TABLE failures (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    origin {_T} NOT NULL,
    source {_T} NOT NULL,
    stage {_T} NOT NULL,
    code {_T} NOT NULL,
    severity {_T} NOT NULL CHECK (severity IN ('error', 'warning')),
    reason {_T} NOT NULL,
    run_id BIGINT,
    seen_at {_T} NOT NULL,
    UNIQUE (origin, stage, code)
);
CREATE TABLE runs (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    command {_T} NOT NULL,
    started_at {_T} NOT NULL,
    finished_at {_T},
    status {_T} NOT NULL DEFAULT 'running',
    counts {_T} NOT NULL DEFAULT '{{}}'
);
CREATE TABLE articles_fts (
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
"""),
    (2, "language analysis: sentences with tokens, mentions, entities; lemmas in the full-text index", f"""
ALTER TABLE articles ADD COLUMN nlp_status {_T};
ALTER TABLE articles ADD COLUMN nlp_backend {_T};
ALTER TABLE articles ADD COLUMN lemmas {_T};
CREATE INDEX articles_nlp_status ON articles(nlp_status);
CREATE TABLE sentences (
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    tokens {_T} NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE mentions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text {_T} NOT NULL,
    type {_T} NOT NULL,
    sentence INTEGER NOT NULL,
    name {_T} NOT NULL,
    origin {_T} NOT NULL,
    entity_id {_T}
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE entities (
    id {_T} PRIMARY KEY,
    name {_T} NOT NULL,
    type {_T} NOT NULL,
    variants {_T} NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL
);
CREATE OR REPLACE FUNCTION articles_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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
"""),
    (3, "quotes with their speakers", f"""
CREATE TABLE quotes (
    id {_T} PRIMARY KEY,
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text {_T} NOT NULL,
    kind {_T} NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
    cue {_T} NOT NULL,
    sentence INTEGER NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    speaker_name {_T},
    speaker_text {_T},
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_role {_T},
    speaker_organisation {_T},
    speaker_kind {_T} NOT NULL,
    speaker_entity {_T}
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_entity ON quotes(speaker_entity);
"""),
    (4, "stories: near-duplicate groups, events, storylines", f"""
CREATE TABLE duplicate_groups (
    id {_T} PRIMARY KEY,
    original {_T} NOT NULL,
    similarity DOUBLE PRECISION NOT NULL
);
CREATE TABLE duplicate_members (
    group_id {_T} NOT NULL REFERENCES duplicate_groups(id) ON DELETE CASCADE,
    article_id {_T} NOT NULL,
    PRIMARY KEY (group_id, article_id)
);
CREATE TABLE storylines (
    id {_T} PRIMARY KEY,
    label {_T} NOT NULL,
    start {_T},
    "end" {_T},
    n_events INTEGER NOT NULL
);
CREATE TABLE events (
    id {_T} PRIMARY KEY,
    label {_T} NOT NULL,
    start {_T},
    "end" {_T},
    n_articles INTEGER NOT NULL,
    storyline_id {_T} REFERENCES storylines(id)
);
CREATE TABLE event_articles (
    event_id {_T} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id {_T} NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, article_id)
);
"""),
    (5, "time expressions, numeric claims, and claim groups (agreements, discrepancies)", f"""
CREATE TABLE timexes (
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text {_T} NOT NULL,
    value_start {_T} NOT NULL,
    value_end {_T} NOT NULL,
    precision {_T} NOT NULL,
    relative INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
);
CREATE TABLE claims (
    id {_T} PRIMARY KEY,
    article_id {_T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text {_T} NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    unit {_T},
    kind {_T} NOT NULL,
    hedge {_T},
    about {_T} NOT NULL,
    anchors {_T} NOT NULL,
    sentence INTEGER NOT NULL,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX claims_article ON claims(article_id);
CREATE TABLE claim_groups (
    id {_T} PRIMARY KEY,
    about {_T} NOT NULL,
    status {_T} NOT NULL CHECK (status IN ('agreement', 'discrepancy')),
    severity {_T},
    claims {_T} NOT NULL
);
"""),
    (6, "term statistics of the full-text index: not needed, PostgreSQL ranks through the GIN index", ""),
    (7, "prefix indexes in the full-text index: not needed, the GIN index answers `:*` prefixes", ""),
    (8, "watch: what each followed feed or folder last answered, and publications by origin", f"""
CREATE TABLE watch_sources (
    source {_T} PRIMARY KEY,
    etag {_T},
    last_modified {_T},
    errors INTEGER NOT NULL DEFAULT 0,
    next_poll DOUBLE PRECISION,
    last_poll {_T},
    last_status {_T},
    files {_T} NOT NULL DEFAULT '{{}}'
);
CREATE INDEX publications_origin ON publications(origin);
"""),
    (9, "incremental stories: state, document frequencies, features, MinHash bands, event keys", f"""
CREATE TABLE story_state (key {_T} PRIMARY KEY, value {_T} NOT NULL);
CREATE TABLE term_df (term {_T} PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE story_features (article_id {_T} PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                             data {_T} NOT NULL);
CREATE TABLE minhash_bands (band BIGINT NOT NULL, article_id {_T} NOT NULL, PRIMARY KEY (band, article_id));
CREATE TABLE event_keys (key {_T} NOT NULL, event_id {_T} NOT NULL, PRIMARY KEY (key, event_id));
CREATE INDEX events_start ON events(start);
CREATE INDEX events_end ON events("end");
CREATE INDEX events_storyline ON events(storyline_id);
CREATE INDEX duplicate_members_article ON duplicate_members(article_id);
"""),
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
