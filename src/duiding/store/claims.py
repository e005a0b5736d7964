"""Store queries for numeric claims, claim groups and time expressions (the timeline's raw material)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .db import Store

if TYPE_CHECKING:
    from ..claims import ClaimGroup


def claims(store: Store, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT c.*, a.outlet, a.outlet_key, a.published, a.source "
           "FROM claims c JOIN articles a ON a.id = c.article_id")
    params: list[Any] = []
    if article_ids is not None:
        sql += f" WHERE c.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})"
        params = article_ids
    rows = [dict(r) for r in store.conn.execute(sql + " " + store.dialect.order("c.about", "a.published_start"),
                                                params)]
    for r in rows:
        r.pop("rowid", None)  # PostgreSQL's explicit insertion order; SQLite's rowid is not in `c.*`
    return rows


def claim_groups(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    sql, params = "SELECT * FROM claim_groups", []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    groups = [dict(r) for r in store.conn.execute(sql + " " + store.dialect.order("status DESC", "about"), params)]
    for g in groups:
        g["claims"] = json.loads(g["claims"])
    return groups


def sentence_text(store: Store, article_id: str, pos: int) -> tuple[str, int, int]:
    row = store.conn.execute('SELECT start, "end" FROM sentences WHERE article_id = ? AND start <= ? AND "end" >= ? '
                             f"{store.dialect.order('start DESC')} LIMIT 1", (article_id, pos, pos)).fetchone()
    text = store.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    if row is None:
        return text[max(0, pos - 80):pos + 120], max(0, pos - 80), pos + 120
    return text[row[0]:row[1]], row[0], row[1]


def export_timeline(store: Store) -> Iterator[dict[str, Any]]:
    order = store.dialect.order("value_start", "article_id", "start")
    for r in store.conn.execute(f"SELECT * FROM timexes {order}").fetchall():
        what, _, _ = sentence_text(store, r["article_id"], r["start"])
        yield {"start": r["value_start"], "end": r["value_end"], "precision": r["precision"], "what": what,
               "expression": r["text"], "relative": bool(r["relative"]), "article": r["article_id"],
               "start_char": r["start"], "end_char": r["end"]}


def export_claims(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute(f"SELECT * FROM claims {store.dialect.order('article_id', 'start')}"):
        yield {"id": r["id"], "article": r["article_id"], "start": r["start"], "end": r["end"], "text": r["text"],
               "value": r["value"], "unit": r["unit"], "kind": r["kind"], "hedge": r["hedge"], "about": r["about"]}


def claim_contexts(store: Store, *, claim_ids: Sequence[str] | None = None,
                   article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every claim (or those of ``claim_ids`` and of ``article_ids``) with what alignment needs to judge it:
    its sentence's tokens and span, the mentions and time expressions inside that sentence (mentions: start,
    end, type, entity key, name), its article's date, its storyline and its event (None when the article is
    in none). Oldest article first, then position, so that groups do not depend on write order."""
    conn = store.conn
    sql = ('SELECT c.*, a.published_start, a.outlet, a.language, '
           's.start AS s_start, s."end" AS s_end, s.tokens AS s_tokens '
           "FROM claims c JOIN articles a ON a.id = c.article_id "
           "LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence ")
    order = store.dialect.order("a.published_start IS NULL", "a.published_start", "c.article_id", "c.start", "c.id")
    if claim_ids is None and article_ids is None:
        rows = [dict(r) for r in conn.execute(sql + order)]
    else:
        found: dict[str, dict[str, Any]] = {}
        for column, values in (("c.id", claim_ids or ()), ("c.article_id", article_ids or ())):
            for part in _parts(sorted(set(values))):
                found.update({r["id"]: dict(r) for r in conn.execute(
                    sql + f"WHERE {column} IN ({','.join('?' * len(part))})", part)})
        rows = sorted(found.values(), key=lambda r: (r["published_start"] is None, r["published_start"] or "",
                                                     r["article_id"], r["start"], r["id"]))
    ids = sorted({r["article_id"] for r in rows})
    mentions: dict[str, list[tuple[int, int, str, str, str]]] = {}
    timexes: dict[str, list[tuple[int, int, str, str]]] = {}
    story: dict[str, tuple[str, str]] = {}
    for chunk in _parts(ids):
        marks = ",".join("?" * len(chunk))
        for m in conn.execute(f'SELECT article_id, start, "end", type, coalesce(entity_id, name), name FROM mentions '
                              f"WHERE article_id IN ({marks})", chunk):
            mentions.setdefault(m[0], []).append((m[1], m[2], m[3], m[4], m[5]))
        for t in conn.execute(f'SELECT article_id, start, "end", value_start, value_end FROM timexes '
                              f"WHERE article_id IN ({marks})", chunk):
            timexes.setdefault(t[0], []).append((t[1], t[2], t[3], t[4]))
        story.update({r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT ea.article_id, e.storyline_id, e.id FROM event_articles ea JOIN events e ON e.id = ea.event_id "
            f"WHERE ea.article_id IN ({marks})", chunk)})
    for r in rows:
        r.pop("rowid", None)
        lo, hi = r["s_start"], r["s_end"]
        if lo is None:
            lo, hi = r["start"], r["end"]
        r["tokens"] = json.loads(r.pop("s_tokens") or "[]")
        r["mentions"] = [m for m in mentions.get(r["article_id"], []) if lo <= m[0] and m[1] <= hi]
        r["timexes"] = [t for t in timexes.get(r["article_id"], []) if lo <= t[0] and t[1] <= hi]
        r["storyline"], r["event"] = story.get(r["article_id"], (None, None))
    return rows


def _parts(items: Sequence[Any], n: int = 500) -> Iterator[list[Any]]:
    for k in range(0, len(items), n):
        yield list(items[k:k + n])


def day_timexes_by_event(store: Store, event_ids: Sequence[str] | None = None
                         ) -> list[tuple[str, int, str, str, str, str]]:
    """Explicit day-precision date ranges with the event of their article: (article, start, text, from, to, event);
    only those of ``event_ids`` when given."""
    sql = ("SELECT t.article_id, t.start, t.text, t.value_start, t.value_end, ea.event_id FROM timexes t "
           "JOIN event_articles ea ON ea.article_id = t.article_id WHERE t.precision = 'day' AND t.relative = 0 "
           "AND t.value_start != t.value_end")
    if event_ids is None:
        return [tuple(r) for r in store.conn.execute(sql).fetchall()]  # type: ignore[misc]
    out: list[tuple[str, int, str, str, str, str]] = []
    for part in _parts(sorted(set(event_ids))):
        out += [tuple(r) for r in store.conn.execute(  # type: ignore[misc]
            sql + f" AND ea.event_id IN ({','.join('?' * len(part))})", part).fetchall()]
    return out


def _insert_groups(c: Any, groups: Sequence[tuple[str, ClaimGroup]]) -> None:
    c.executemany("INSERT INTO claim_groups(id, about, status, severity, claims, bucket) VALUES (?,?,?,?,?,?) "
                  "ON CONFLICT(id) DO UPDATE SET about = excluded.about, status = excluded.status, "
                  "severity = excluded.severity, claims = excluded.claims, bucket = excluded.bucket",
                  [(g.id, g.about, g.status, g.severity, json.dumps(list(g.claims)), b) for b, g in groups])


def _upsert_keys(c: Any, keys: Sequence[tuple[str, str, str | None]]) -> None:
    c.executemany("INSERT INTO claim_keys(claim_id, article_id, bucket, stale) VALUES (?, ?, ?, 0) "
                  "ON CONFLICT(claim_id) DO UPDATE SET article_id = excluded.article_id, bucket = excluded.bucket, "
                  "stale = 0", keys)


def replace_groups(store: Store, groups: Sequence[tuple[str, ClaimGroup]],
                   keys: Sequence[tuple[str, str, str | None]] = (), rowid: int | None = None) -> None:
    """Swap in the new claim groups (agreements and discrepancies, each with its bucket) in one transaction;
    with ``keys`` (claim, article, bucket) and ``rowid`` (the last claim counted), the state a batch regroups by."""
    with store.transaction(exclusive="claim_groups") as c:
        c.execute("DELETE FROM claim_groups")
        c.execute("DELETE FROM claim_keys")
        _insert_groups(c, groups)
        _upsert_keys(c, keys)
        if rowid is None:
            c.execute("DELETE FROM stage_state WHERE key = 'claims_rowid'")
        else:
            _set_rowid(c, rowid)


def _set_rowid(c: Any, rowid: int) -> None:
    c.execute("INSERT INTO stage_state(key, value) VALUES ('claims_rowid', ?) ON CONFLICT(key) DO UPDATE SET "
              "value = excluded.value", (str(rowid),))


def replace_buckets(store: Store, buckets: Sequence[str], groups: Sequence[tuple[str, ClaimGroup]],
                    keys: Sequence[tuple[str, str, str | None]], rowid: int, expect_rowid: int) -> bool:
    """One batch's regrouping: the groups of ``buckets`` replaced, its claims' buckets recorded, in one
    transaction. False (nothing written) when another writer regrouped meanwhile."""
    with store.transaction(exclusive="claim_groups") as c:
        row = c.execute("SELECT value FROM stage_state WHERE key = 'claims_rowid'").fetchone()
        if row is None or int(row[0]) != expect_rowid:
            return False
        for part in _parts(sorted(set(buckets))):
            c.execute(f"DELETE FROM claim_groups WHERE bucket IN ({','.join('?' * len(part))})", part)
        _insert_groups(c, groups)
        _upsert_keys(c, keys)
        _set_rowid(c, rowid)
    return True


def claims_rowid(store: Store) -> int | None:
    """The last claim a regrouping counted (None: no batch state, regroup in full)."""
    row = store.conn.execute("SELECT value FROM stage_state WHERE key = 'claims_rowid'").fetchone()
    return None if row is None else int(row[0])


def max_claims_rowid(store: Store) -> int:
    return int(store.conn.execute("SELECT coalesce(max(rowid), 0) FROM claims").fetchone()[0])


def dirty_claims(store: Store, after_rowid: int, upto_rowid: int) -> tuple[list[str], dict[str, str | None]]:
    """(articles of the claims added since ``after_rowid`` or marked stale, claim id -> the bucket stored for
    each of those articles' claims so far)."""
    articles = {r[0] for r in store.conn.execute("SELECT DISTINCT article_id FROM claims WHERE rowid > ? AND "
                                                 "rowid <= ?", (after_rowid, upto_rowid))}
    articles |= {r[0] for r in store.conn.execute("SELECT DISTINCT article_id FROM claim_keys WHERE stale = 1")}
    old: dict[str, str | None] = {}
    for part in _parts(sorted(articles)):
        old.update({r[0]: r[1] for r in store.conn.execute(
            f"SELECT claim_id, bucket FROM claim_keys WHERE article_id IN ({','.join('?' * len(part))})", part)})
    return sorted(articles), old


def claims_in_buckets(store: Store, buckets: Sequence[str]) -> list[str]:
    out: list[str] = []
    for part in _parts(sorted(set(buckets))):
        out += [r[0] for r in store.conn.execute(
            f"SELECT claim_id FROM claim_keys WHERE bucket IN ({','.join('?' * len(part))})", part)]
    return out


def mark_claims_stale(store: Store, article_ids: Sequence[str]) -> None:
    """The articles' claims are compared again by the next regrouping (their entities or storyline changed)."""
    if not article_ids:
        return
    with store.transaction() as c:
        for part in _parts(sorted(set(article_ids))):
            c.execute(f"UPDATE claim_keys SET stale = 1 WHERE article_id IN ({','.join('?' * len(part))})", part)


def events_articles(store: Store, event_ids: Sequence[str]) -> list[str]:
    out: set[str] = set()
    for part in _parts(sorted(set(event_ids))):
        out |= {r[0] for r in store.conn.execute(
            f"SELECT article_id FROM event_articles WHERE event_id IN ({','.join('?' * len(part))})", part)}
    return sorted(out)


def events_of_articles(store: Store, article_ids: Sequence[str]) -> list[str]:
    out: set[str] = set()
    for part in _parts(sorted(set(article_ids))):
        out |= {r[0] for r in store.conn.execute(
            f"SELECT event_id FROM event_articles WHERE article_id IN ({','.join('?' * len(part))})", part)}
    return sorted(out)
