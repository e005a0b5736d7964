"""Store access for stories: event membership, events, storylines and near-duplicate groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .db import UNKNOWN_OUTLET, Store, article_filters


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


def storylines(store: Store, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Storylines, oldest first; ``limit`` and ``offset`` page them in SQL (the start index makes a page a look-up)."""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return [dict(r) for r in store.conn.execute(
        f"SELECT * FROM storylines {store.dialect.order('start', 'id')}{page}",
        [limit, offset] if limit is not None else [])]


def count_storylines(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM storylines").fetchone()[0])


# The home page's orders, each the order of an index of migration 11 (size excepted: see storyline_page).
STORYLINE_ORDERS = {
    "recent": ('s."end" DESC', "s.n_events DESC", "s.id DESC"),  # the latest coverage first
    "start": ("s.start", "s.id"),
    "size": ("n_articles DESC", 's."end" DESC', "s.id DESC"),
}


def storyline_page(store: Store, *, sort: str = "recent", since: str | None = None, until: str | None = None,
                   outlet: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of storylines in the home page's order, and how many pass the filters.

    A store of a million articles holds a quarter of a million storylines: the page is read in
    SQL, never the whole list. The latest coverage first (the storyline's end) and oldest first
    walk an index; most articles first sums each storyline's stored event sizes (no article is
    read). A date range keeps the storylines with an article inside it, an outlet those it
    covered (the articles page's filters, over the storylines' articles).
    """
    if sort not in STORYLINE_ORDERS:
        raise ValueError(f"unknown storyline order {sort!r}")
    where, params = "", list[Any]()
    if since or until or outlet:
        f_where, params = article_filters(outlet=outlet, language=None, since=since, until=until)
        where = ("WHERE s.id IN (SELECT e.storyline_id FROM articles a JOIN event_articles ea ON ea.article_id = a.id "
                 f"JOIN events e ON e.id = ea.event_id {f_where})")
    size = ("(SELECT coalesce(sum(e.n_articles), 0) FROM events e WHERE e.storyline_id = s.id)"
            if sort == "size" else "NULL")
    rows = [dict(r) for r in store.conn.execute(
        f"SELECT s.*, {size} AS n_articles FROM storylines s {where} "
        f"{store.dialect.order(*STORYLINE_ORDERS[sort])} LIMIT ? OFFSET ?", [*params, limit, offset])]
    total = store.conn.execute(f"SELECT count(*) FROM storylines s {where}", params).fetchone()[0]
    return rows, int(total)


def storyline_span(store: Store) -> tuple[str | None, str | None]:
    """The first and last date of any storyline (two index look-ups): the shared axis of the home page's charts."""
    row = store.conn.execute(
        'SELECT (SELECT min(start) FROM storylines), (SELECT max("end") FROM storylines)').fetchone()
    return row[0], row[1]


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


def storyline_articles(store: Store, storyline_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """(storyline, article) pairs with the article's outlet and day: what the story overview counts.

    Of the given storylines (a page of them), or of every one; the unknown outlet is the one value ``unknown``.
    """
    only, params = "", []
    if storyline_ids is not None:
        only, params = f" AND e.storyline_id IN ({store.dialect.id_list()})", [store.dialect.id_list_param(
            list(storyline_ids))]
    return [dict(r) for r in store.conn.execute(
        f"SELECT e.storyline_id AS storyline, a.id AS article, coalesce(a.outlet, '{UNKNOWN_OUTLET}') AS outlet, "
        "substr(a.published_start, 1, 10) AS day FROM events e JOIN event_articles ea ON ea.event_id = e.id "
        "JOIN articles a ON a.id = ea.article_id WHERE e.storyline_id IS NOT NULL" + only, params)]

