"""Store queries for numeric claims, claim groups and time expressions (the timeline's raw material)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .db import Store


def claims(store: Store, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT c.*, a.outlet, a.outlet_key, a.published, a.source "
           "FROM claims c JOIN articles a ON a.id = c.article_id")
    params: list[Any] = []
    if article_ids is not None:
        sql += f" WHERE c.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})"
        params = article_ids
    rows = [dict(r) for r in store.conn.execute(sql + " ORDER BY c.about, a.published_start", params)]
    for r in rows:
        r.pop("rowid", None)  # PostgreSQL's explicit insertion order; SQLite's rowid is not in `c.*`
    return rows


def claim_groups(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    sql, params = "SELECT * FROM claim_groups", []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    groups = [dict(r) for r in store.conn.execute(sql + " ORDER BY status DESC, about", params)]
    for g in groups:
        g["claims"] = json.loads(g["claims"])
    return groups


def sentence_text(store: Store, article_id: str, pos: int) -> tuple[str, int, int]:
    row = store.conn.execute("SELECT start, end FROM sentences WHERE article_id = ? AND start <= ? AND end >= ? "
                             "ORDER BY start DESC LIMIT 1", (article_id, pos, pos)).fetchone()
    text = store.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    if row is None:
        return text[max(0, pos - 80):pos + 120], max(0, pos - 80), pos + 120
    return text[row[0]:row[1]], row[0], row[1]


def export_timeline(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute("SELECT * FROM timexes ORDER BY value_start, article_id, start").fetchall():
        what, _, _ = sentence_text(store, r["article_id"], r["start"])
        yield {"start": r["value_start"], "end": r["value_end"], "precision": r["precision"], "what": what,
               "expression": r["text"], "relative": bool(r["relative"]), "article": r["article_id"],
               "start_char": r["start"], "end_char": r["end"]}


def export_claims(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute("SELECT * FROM claims ORDER BY article_id, start"):
        yield {"id": r["id"], "article": r["article_id"], "start": r["start"], "end": r["end"], "text": r["text"],
               "value": r["value"], "unit": r["unit"], "kind": r["kind"], "hedge": r["hedge"], "about": r["about"]}
