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


def claim_contexts(store: Store) -> list[dict[str, Any]]:
    """Every claim with what alignment needs to judge it: its sentence's tokens and span, the mentions and
    time expressions inside that sentence (mentions: start, end, type, entity key, name), its article's date,
    its storyline and its event (None when the article is in none). Oldest article first, then position, so
    that groups do not depend on write order."""
    conn = store.conn
    rows = [dict(r) for r in conn.execute(
        "SELECT c.*, a.published_start, a.outlet, a.language, "
        's.start AS s_start, s."end" AS s_end, s.tokens AS s_tokens '
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence "
        + store.dialect.order("a.published_start IS NULL", "a.published_start", "c.article_id", "c.start", "c.id"))]
    ids = sorted({r["article_id"] for r in rows})
    mentions: dict[str, list[tuple[int, int, str, str, str]]] = {}
    timexes: dict[str, list[tuple[int, int, str, str]]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for m in conn.execute(f'SELECT article_id, start, "end", type, coalesce(entity_id, name), name FROM mentions '
                              f"WHERE article_id IN ({marks})", chunk):
            mentions.setdefault(m[0], []).append((m[1], m[2], m[3], m[4], m[5]))
        for t in conn.execute(f'SELECT article_id, start, "end", value_start, value_end FROM timexes '
                              f"WHERE article_id IN ({marks})", chunk):
            timexes.setdefault(t[0], []).append((t[1], t[2], t[3], t[4]))
    story = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT ea.article_id, e.storyline_id, e.id FROM event_articles ea JOIN events e ON e.id = ea.event_id")}
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


def day_timexes_by_event(store: Store) -> list[tuple[str, int, str, str, str, str]]:
    """Explicit day-precision date ranges with the event of their article: (article, start, text, from, to, event)."""
    return [tuple(r) for r in store.conn.execute(  # type: ignore[misc]
        "SELECT t.article_id, t.start, t.text, t.value_start, t.value_end, ea.event_id FROM timexes t "
        "JOIN event_articles ea ON ea.article_id = t.article_id WHERE t.precision = 'day' AND t.relative = 0 "
        "AND t.value_start != t.value_end").fetchall()]


def replace_groups(store: Store, groups: Sequence[ClaimGroup]) -> None:
    """Swap in the new claim groups (agreements and discrepancies) in one transaction."""
    with store.transaction(exclusive="claim_groups") as c:
        c.execute("DELETE FROM claim_groups")
        c.executemany("INSERT INTO claim_groups(id, about, status, severity, claims) VALUES (?,?,?,?,?)",
                      [(g.id, g.about, g.status, g.severity, json.dumps(list(g.claims))) for g in groups])
