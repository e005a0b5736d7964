"""What the story stage keeps between runs so that a batch costs its own articles plus look-ups.

- ``story_state``: how far the stage has got (the last article rowid placed in an event) and how
  many articles the document frequencies count;
- ``term_df``: document frequency of every lemma and entity feature (IDF without a pass over the store);
- ``story_features``: each article's features as JSON (restoring an event's members reads these
  instead of re-deriving them from sentences and mentions);
- ``minhash_bands``: the LSH band keys of each article's MinHash signature (near-copies by look-up);
- ``minhash_signatures``: each article's signature and shingle count (a candidate that cannot be a copy
  is ruled out on these, without reading its text);
- ``event_keys``: the features each event's members hold, for finding storyline candidates.

All SQL here runs on SQLite and PostgreSQL alike (``"end"`` is quoted explicitly).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .db import Store

CHUNK = 500  # parameters per IN (...) list
# The layout of the kept state: a store whose state has another (or none) is built in full once.
STATE_FORMAT = "3"
# Entity features are marked by a NUL in memory (cluster.ENTITY_PREFIX); PostgreSQL text cannot hold NUL,
# so the state keeps U+001F (a control character no lemma holds) in its place.
_NUL, _KEPT_NUL = "\x00", "\x1f"


def _kept(term: str) -> str:
    return term.replace(_NUL, _KEPT_NUL)


def _read(term: str) -> str:
    return term.replace(_KEPT_NUL, _NUL)


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterable[Sequence[Any]]:
    for k in range(0, len(items), n):
        yield items[k:k + n]


def _marks(n: int) -> str:
    return ",".join("?" * n)


# --- state ----------------------------------------------------------------------------------

def state(store: Store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT key, value FROM story_state")}


def has_stories(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None


def new_article_ids(store: Store, after_rowid: int, upto_rowid: int) -> list[str]:
    """Articles added after ``after_rowid`` (up to ``upto_rowid``) and not in an event, in the order added."""
    return [r[0] for r in store.conn.execute(
        "SELECT a.id FROM articles a WHERE a.rowid > ? AND a.rowid <= ? AND NOT EXISTS "
        "(SELECT 1 FROM event_articles ea WHERE ea.article_id = a.id) ORDER BY a.rowid", (after_rowid, upto_rowid))]


def max_rowid(store: Store) -> int:
    return int(store.conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])


# --- document frequencies -----------------------------------------------------------------------

def document_frequencies(store: Store, keys: Iterable[str]) -> dict[str, int]:
    wanted = sorted({_kept(k) for k in keys})
    out: dict[str, int] = {}
    for part in _chunks(wanted):
        out.update({_read(r[0]): int(r[1]) for r in store.conn.execute(
            f"SELECT term, df FROM term_df WHERE term IN ({_marks(len(part))})", list(part))})
    return out


# --- features -------------------------------------------------------------------------------

def stored_features(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(ids)):
        for aid, data in store.conn.execute(
                f"SELECT article_id, data FROM story_features WHERE article_id IN ({_marks(len(part))})", list(part)):
            out[aid] = json.loads(data)
    return out


# --- near-copies ----------------------------------------------------------------------------

def band_matches(store: Store, bands: Sequence[int]) -> dict[int, list[str]]:
    """Band key -> the stored articles with that key."""
    out: dict[int, list[str]] = {}
    for part in _chunks(sorted(set(bands))):
        for band, aid in store.conn.execute(
                f"SELECT band, article_id FROM minhash_bands WHERE band IN ({_marks(len(part))})", list(part)):
            out.setdefault(int(band), []).append(aid)
    return out


def signatures(store: Store, ids: Sequence[str]) -> dict[str, tuple[int, bytes]]:
    """Article -> (shingle count, packed MinHash signature), for those of ``ids`` that have one."""
    out: dict[str, tuple[int, bytes]] = {}
    for part in _chunks(sorted(set(ids))):
        for aid, n, sig in store.conn.execute(
                f"SELECT article_id, shingles, signature FROM minhash_signatures WHERE article_id IN "
                f"({_marks(len(part))})", list(part)):
            out[aid] = (int(n), bytes(sig))
    return out


def texts(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for part in _chunks(list(ids)):
        for aid, text, start in store.conn.execute(
                f"SELECT id, text, published_start FROM articles WHERE id IN ({_marks(len(part))})", list(part)):
            out[aid] = (text, start)
    return out


def analysed_languages(store: Store) -> set[str]:
    """The languages of the analysed articles (two or more: the story stage embeds leads)."""
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT language FROM articles WHERE nlp_status = 'done' AND language IS NOT NULL")}


def groups_of(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, float, list[str]]]:
    """Duplicate group id -> (original, similarity, members) for the groups holding any of ``ids``."""
    group_ids: set[str] = set()
    for part in _chunks(list(ids)):
        group_ids |= {r[0] for r in store.conn.execute(
            f"SELECT group_id FROM duplicate_members WHERE article_id IN ({_marks(len(part))})", list(part))}
    out: dict[str, tuple[str, float, list[str]]] = {}
    for part in _chunks(sorted(group_ids)):
        for gid, original, sim in store.conn.execute(
                f"SELECT id, original, similarity FROM duplicate_groups WHERE id IN ({_marks(len(part))})", list(part)):
            out[gid] = (original, float(sim), [])
        for gid, aid in store.conn.execute(
                f"SELECT group_id, article_id FROM duplicate_members WHERE group_id IN ({_marks(len(part))})",
                list(part)):
            out[gid][2].append(aid)
    return out


# --- events ---------------------------------------------------------------------------------

def events_near(store: Store, lo: str | None, hi: str | None) -> dict[str, list[str]]:
    """Event id -> member ids, for the events whose dates reach [lo, hi] (and the undated ones)."""
    if lo is None or hi is None:
        rows = store.conn.execute("SELECT id FROM events").fetchall()
    else:  # three indexed look-ups (an OR of them would scan the table)
        rows = store.conn.execute('SELECT id FROM events WHERE "end" >= ? AND start <= ? UNION '
                                  'SELECT id FROM events WHERE start IS NULL UNION '
                                  'SELECT id FROM events WHERE "end" IS NULL', (lo, hi)).fetchall()
    return members_of(store, sorted(r[0] for r in rows))


def members_of(store: Store, event_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {e: [] for e in event_ids}
    for part in _chunks(list(event_ids)):
        for eid, aid in store.conn.execute(
                f"SELECT event_id, article_id FROM event_articles WHERE event_id IN ({_marks(len(part))})", list(part)):
            out[eid].append(aid)
    return out


def event_rows(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(event_ids)):
        for r in store.conn.execute(
                'SELECT id, label, start, "end", n_articles, storyline_id FROM events '
                f'WHERE id IN ({_marks(len(part))})', list(part)):
            out[r[0]] = {"id": r[0], "label": r[1], "start": r[2], "end": r[3], "n_articles": int(r[4]),
                         "storyline": r[5]}
    return out


def storyline_events(store: Store, line_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in line_ids}
    for part in _chunks(list(line_ids)):
        for r in store.conn.execute(
                f'SELECT id, label, start, "end", n_articles, storyline_id FROM events '
                f'WHERE storyline_id IN ({_marks(len(part))})', list(part)):
            out[r[5]].append({"id": r[0], "label": r[1], "start": r[2], "end": r[3], "n_articles": int(r[4]),
                              "storyline": r[5]})
    return out


def events_holding(store: Store, keys: Sequence[str], limit: int | None = None) -> dict[str, list[str]]:
    """Feature -> events whose members hold it (``event_keys``); at most ``limit`` of them per feature when
    given (a caller that skips features held by more than ``limit - 1`` events needs no more: the common
    words of a store of millions are held by tens of thousands of events)."""
    out: dict[str, list[str]] = {}
    wanted = sorted({_kept(k) for k in keys})
    if limit is None:
        for part in _chunks(wanted):
            for key, eid in store.conn.execute(
                    f"SELECT key, event_id FROM event_keys WHERE key IN ({_marks(len(part))})", list(part)):
                out.setdefault(_read(key), []).append(eid)
        return out
    for part in _chunks(wanted, 200):  # one index seek per key, each cut at the limit
        sql = " UNION ALL ".join(f"SELECT key, event_id FROM (SELECT key, event_id FROM event_keys WHERE key = ? "
                                 f"LIMIT {int(limit)}) AS k{i}" for i in range(len(part)))
        for key, eid in store.conn.execute(sql, list(part)):
            out.setdefault(_read(key), []).append(eid)
    return out


# --- writing --------------------------------------------------------------------------------

def clear_state(store: Store) -> None:
    """Forget the batch state (stories were rebuilt elsewhere, e.g. by Spark): the next batch builds in full."""
    with store.transaction(exclusive="stories") as c:
        c.execute("DELETE FROM story_state")


_SIGNED = ("INSERT INTO minhash_signatures(article_id, shingles, signature) VALUES (?, ?, ?) "
           "ON CONFLICT(article_id) DO UPDATE SET shingles = excluded.shingles, signature = excluded.signature")


def save_full(store: Store, *, features: Sequence[tuple[str, str]], df: dict[str, int], n_docs: int,
              bands: Iterable[tuple[int, str]], signed: Iterable[tuple[str, int, bytes]],
              keys: Sequence[tuple[str, str]], rowid: int) -> None:
    """Replace the whole incremental state (after a full build)."""
    with store.transaction(exclusive="stories") as c:
        for table in ("story_state", "term_df", "story_features", "minhash_bands", "minhash_signatures",
                      "event_keys"):
            c.execute(f"DELETE FROM {table}")
        c.executemany("INSERT INTO story_features(article_id, data) VALUES (?, ?)", features)
        c.executemany("INSERT INTO term_df(term, df) VALUES (?, ?)", sorted((_kept(k), n) for k, n in df.items()))
        c.executemany("INSERT INTO minhash_bands(band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", bands)
        c.executemany(_SIGNED, signed)
        c.executemany("INSERT INTO event_keys(key, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(_kept(k), e) for k, e in keys])
        c.executemany("INSERT INTO story_state(key, value) VALUES (?, ?)",
                      [("rowid", str(rowid)), ("n_docs", str(n_docs)), ("format", STATE_FORMAT)])


def save_batch(store: Store, *, features: Sequence[tuple[str, str]], df: dict[str, int], n_docs: int,
               bands: Sequence[tuple[int, str]], signed: Sequence[tuple[str, int, bytes]],
               keys: Sequence[tuple[str, str]], rowid: int,
               events: Sequence[dict[str, Any]], removed_lines: Sequence[str], storylines: Sequence[dict[str, Any]],
               removed_groups: Sequence[str], groups: Sequence[dict[str, Any]], expect_rowid: int) -> bool:
    """One batch's changes, in one transaction: new features, frequencies, bands, signatures and event keys; the events
    it touched (upserted, with their new members), the storylines they now form (merged ones removed), and
    its near-copy groups (the groups they absorbed removed).

    False (nothing written) when another writer placed a batch since this one read the state
    (``expect_rowid`` is no longer the stored one): the caller reads again and retries.
    """
    with store.transaction(exclusive="stories") as c:
        row = c.execute("SELECT value FROM story_state WHERE key = 'rowid'").fetchone()
        if row is None or int(row[0]) != expect_rowid:
            return False
        c.executemany("INSERT INTO story_features(article_id, data) VALUES (?, ?) ON CONFLICT(article_id) "
                      "DO UPDATE SET data = excluded.data", features)
        c.executemany("INSERT INTO term_df(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET "
                      "df = term_df.df + excluded.df", sorted((_kept(k), n) for k, n in df.items()))
        c.executemany("INSERT INTO minhash_bands(band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", bands)
        c.executemany(_SIGNED, signed)
        c.executemany("INSERT INTO event_keys(key, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(_kept(k), e) for k, e in keys])
        c.executemany("INSERT INTO story_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                      "value = excluded.value", [("rowid", str(rowid)), ("n_docs", str(n_docs))])
        for s in storylines:
            c.execute('INSERT INTO storylines(id, label, start, "end", n_events) VALUES (?,?,?,?,?) '
                      'ON CONFLICT(id) DO UPDATE SET label = excluded.label, start = excluded.start, '
                      '"end" = excluded."end", n_events = excluded.n_events',
                      (s["id"], s["label"], s["start"], s["end"], s["n_events"]))
        for e in events:
            c.execute('INSERT INTO events(id, label, start, "end", n_articles, storyline_id) VALUES (?,?,?,?,?,?) '
                      'ON CONFLICT(id) DO UPDATE SET label = excluded.label, start = excluded.start, '
                      '"end" = excluded."end", n_articles = excluded.n_articles, storyline_id = excluded.storyline_id',
                      (e["id"], e["label"], e["start"], e["end"], e["n_articles"], e["storyline"]))
            c.executemany("INSERT INTO event_articles(event_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          [(e["id"], a) for a in e.get("new", ())])
        for line_id in removed_lines:
            c.execute("DELETE FROM storylines WHERE id = ? AND NOT EXISTS "
                      "(SELECT 1 FROM events WHERE storyline_id = ?)", (line_id, line_id))
        for gid in removed_groups:
            c.execute("DELETE FROM duplicate_groups WHERE id = ?", (gid,))  # members go with it (cascade)
            c.execute("DELETE FROM duplicate_members WHERE group_id = ?", (gid,))
        for g in groups:
            c.execute("DELETE FROM duplicate_members WHERE group_id = ?", (g["id"],))
            c.execute("INSERT INTO duplicate_groups(id, original, similarity) VALUES (?,?,?) ON CONFLICT(id) "
                      "DO UPDATE SET original = excluded.original, similarity = excluded.similarity",
                      (g["id"], g["original"], g["similarity"]))
            c.executemany("INSERT INTO duplicate_members(group_id, article_id) VALUES (?, ?)",
                          [(g["id"], a) for a in g["articles"]])
    return True


def entity_names_for(store: Store, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    for part in _chunks(wanted):
        out.update({r[0]: r[1] for r in store.conn.execute(
            f"SELECT id, name FROM entities WHERE id IN ({_marks(len(part))})", list(part))})
    return out


def counts(store: Store) -> tuple[int, int, int]:
    """(events, storylines, duplicate groups) in the store."""
    return tuple(int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[return-value]
                 for t in ("events", "storylines", "duplicate_groups"))
