"""Store access for stories: event membership, events, storylines and near-duplicate groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .db import UNKNOWN_OUTLET, Store


def event_members(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for event_id, article_id in store.conn.execute("SELECT event_id, article_id FROM event_articles"):
        out.setdefault(event_id, []).append(article_id)
    return out


def event_storylines(store: Store) -> dict[str, str]:
    """Event id -> the storyline it is stored in."""
    return dict(store.conn.execute("SELECT id, storyline_id FROM events").fetchall())


def replace_stories(store: Store, events: Sequence[dict[str, Any]], storylines: Sequence[dict[str, Any]],
                    groups: Sequence[dict[str, Any]]) -> None:
    """Swap in the new events, storylines and duplicate groups in one transaction."""
    with store.transaction(exclusive="stories") as c:
        for table in ("event_articles", "events", "storylines", "duplicate_members", "duplicate_groups"):
            c.execute(f"DELETE FROM {table}")
        c.executemany('INSERT INTO storylines(id, label, start, "end", n_events) VALUES (?,?,?,?,?)',
                      [(s["id"], s["label"], s["start"], s["end"], len(s["events"])) for s in storylines])
        c.executemany('INSERT INTO events(id, label, start, "end", n_articles, storyline_id) VALUES (?,?,?,?,?,?)',
                      [(e["id"], e["label"], e["start"], e["end"], len(e["articles"]), e["storyline"]) for e in events])
        c.executemany("INSERT INTO event_articles(event_id, article_id) VALUES (?, ?)",
                      [(e["id"], a) for e in events for a in e["articles"]])
        c.executemany("INSERT INTO duplicate_groups(id, original, similarity) VALUES (?,?,?)",
                      [(g["id"], g["original"], g["similarity"]) for g in groups])
        c.executemany("INSERT INTO duplicate_members(group_id, article_id) VALUES (?, ?)",
                      [(g["id"], a) for g in groups for a in g["articles"]])


def storylines(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.conn.execute(f"SELECT * FROM storylines {store.dialect.order('start', 'id')}")]


def events(store: Store, storyline_id: str | None = None) -> list[dict[str, Any]]:
    sql, params = "SELECT * FROM events", []
    if storyline_id:
        sql += " WHERE storyline_id = ?"
        params.append(storyline_id)
    return [dict(r) for r in store.conn.execute(sql + " " + store.dialect.order("start", "id"), params)]


def event_articles(store: Store, event_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.outlet_key, a.published, a.source, substr(a.text, 1, 200) AS lead "
        "FROM event_articles ea JOIN articles a ON a.id = ea.article_id WHERE ea.event_id = ? "
        + store.dialect.order("a.published_start", "a.id"), (event_id,))]


def story_article_ids(store: Store, story_id: str) -> list[str] | None:
    """Article ids of an event or storyline id (None when the id is neither)."""
    rows = store.conn.execute("SELECT article_id FROM event_articles WHERE event_id = ?", (story_id,)).fetchall()
    if rows:
        return [r[0] for r in rows]
    rows = store.conn.execute(
        "SELECT ea.article_id FROM event_articles ea JOIN events e ON e.id = ea.event_id WHERE e.storyline_id = ?",
        (story_id,)).fetchall()
    return [r[0] for r in rows] if rows else None


def duplicate_groups(store: Store) -> list[dict[str, Any]]:
    groups = [dict(r) for r in store.conn.execute(f"SELECT * FROM duplicate_groups {store.dialect.order('id')}")]
    for g in groups:
        g["articles"] = [r[0] for r in store.conn.execute(
            "SELECT dm.article_id FROM duplicate_members dm JOIN articles a ON a.id = dm.article_id "
            "WHERE dm.group_id = ? " + store.dialect.order("a.published_start", "a.id"), (g["id"],))]
    return groups


def article_stories(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The events an article belongs to, each with its storyline (id and label), for "part of this story"."""
    return [dict(r) for r in store.conn.execute(
        "SELECT e.id AS event_id, e.label AS event_label, s.id AS storyline_id, s.label AS storyline_label, "
        "s.n_events FROM event_articles ea JOIN events e ON e.id = ea.event_id "
        "LEFT JOIN storylines s ON s.id = e.storyline_id WHERE ea.article_id = ? ORDER BY e.start, e.id",
        (article_id,))]


def storyline_articles(store: Store) -> list[dict[str, Any]]:
    """Every (storyline, article) pair with the article's outlet and day: what the story overview counts.

    One pass over event membership; the unknown outlet is the one value ``unknown``.
    """
    return [dict(r) for r in store.conn.execute(
        f"SELECT e.storyline_id AS storyline, a.id AS article, coalesce(a.outlet, '{UNKNOWN_OUTLET}') AS outlet, "
        "substr(a.published_start, 1, 10) AS day FROM events e JOIN event_articles ea ON ea.event_id = e.id "
        "JOIN articles a ON a.id = ea.article_id WHERE e.storyline_id IS NOT NULL")]
