"""Store access for language analysis: pending articles, annotations, mentions and entities.

Kept apart from ``db.py`` (articles, publications, failures) so each file has one job; both
work on the same :class:`~duiding.store.db.Store` connection and its transactions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..records import Annotation, Failure
from .db import Store, _now

DONE = "done"
FAILED = "failed"


def pending(store: Store) -> list[tuple[str, str, str, str | None, str | None, str | None, str | None]]:
    """(id, source, text, language, published start, end, title) of articles not analysed yet, oldest first."""
    return [tuple(r) for r in store.conn.execute(
        "SELECT id, source, text, language, published_start, published_end, title FROM articles "
        "WHERE nlp_status IS NULL " + store.dialect.order("published_start IS NULL", "published_start", "id"))]


def mark_not_analysed(store: Store, items: Sequence[tuple[str, str]]) -> None:
    """(article id, reason) for articles no backend can analyse: stored, flagged, counted."""
    with store.transaction() as c:
        c.executemany("UPDATE articles SET nlp_status = ? WHERE id = ?", [(reason, i) for i, reason in items])


def write_annotations(store: Store, results: Sequence[Annotation | Failure], run_id: int | None) -> tuple[int, int]:
    """One transaction for the batch (retried whole on PostgreSQL); returns (analysed, failed)."""
    return store.retrying(lambda: _write_annotations(store, results, run_id))


def _write_annotations(store: Store, results: Sequence[Annotation | Failure], run_id: int | None) -> tuple[int, int]:
    ok = failed = 0
    now = _now()
    with store.transaction() as c:
        ids = sorted({r.origin if isinstance(r, Failure) else r.article_id for r in results})
        lock = store.dialect.lock_articles(len(ids))
        if lock:
            c.execute(lock, ids)
        for r in results:
            if isinstance(r, Failure):
                c.execute("UPDATE articles SET nlp_status = ? WHERE id = ?", (FAILED, r.origin))
                c.execute(
                    "INSERT INTO failures(origin, source, stage, code, severity, reason, run_id, seen_at) "
                    "VALUES (?, ?, 'nlp', ?, 'error', ?, ?, ?) ON CONFLICT(origin, stage, code) DO UPDATE SET "
                    "reason = excluded.reason, run_id = excluded.run_id, seen_at = excluded.seen_at",
                    (r.origin, r.source, r.code, r.reason, run_id, now))
                failed += 1
                continue
            _write_one(c, r)
            ok += 1
    return ok, failed


def _write_one(c: Any, a: Annotation) -> None:
    c.execute("DELETE FROM sentences WHERE article_id = ?", (a.article_id,))
    c.execute("DELETE FROM mentions WHERE article_id = ?", (a.article_id,))
    c.executemany('INSERT INTO sentences(article_id, idx, start, "end", tokens) VALUES (?, ?, ?, ?, ?)', [
        (a.article_id, i, s.start, s.end,
         json.dumps([[t.start, t.end, t.lemma, t.pos, t.tag] for t in s.tokens], ensure_ascii=False))
        for i, s in enumerate(a.sentences)])
    c.executemany('INSERT INTO mentions(article_id, start, "end", text, type, sentence, name, origin) '
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [(a.article_id, m.start, m.end, m.text, m.type, m.sentence, m.name, m.origin) for m in a.mentions])
    c.execute("DELETE FROM quotes WHERE article_id = ?", (a.article_id,))
    c.executemany(
        'INSERT INTO quotes(id, article_id, start, "end", text, kind, cue, sentence, part, speaker_name, speaker_text, '
        "speaker_start, speaker_end, speaker_role, speaker_organisation, speaker_kind) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(quote_id(a.article_id, q.start, q.end), a.article_id, q.start, q.end, q.text, q.kind, q.cue, q.sentence,
          q.part, q.speaker.name, q.speaker.text, q.speaker.start, q.speaker.end, q.speaker.role,
          q.speaker.organisation, q.speaker.kind) for q in a.quotes])
    c.execute("DELETE FROM claims WHERE article_id = ?", (a.article_id,))
    c.executemany(
        'INSERT INTO claims(id, article_id, start, "end", text, value, unit, kind, hedge, about, anchors, sentence) '
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [("c" + hashlib.sha1(f"{a.article_id}:{k.start}".encode()).hexdigest()[:12], a.article_id, k.start, k.end,
          k.text, k.value, k.unit, k.kind, k.hedge, k.about, json.dumps(list(k.anchors), ensure_ascii=False),
          k.sentence) for k in a.claims])
    c.execute("DELETE FROM timexes WHERE article_id = ?", (a.article_id,))
    c.executemany(
        'INSERT INTO timexes(article_id, start, "end", text, value_start, value_end, precision, relative) '
        'VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(article_id, start) DO UPDATE SET "end" = excluded."end", '
        "text = excluded.text, value_start = excluded.value_start, value_end = excluded.value_end, "
        "precision = excluded.precision, relative = excluded.relative",
        [(a.article_id, t.start, t.end, t.text, t.value_start, t.value_end, t.precision, int(t.relative))
         for t in a.timexes])
    c.execute("DELETE FROM failures WHERE origin = ? AND stage = 'quotes'", (a.article_id,))
    if a.issues:
        c.execute("INSERT INTO failures(origin, source, stage, code, severity, reason, seen_at) "
                  "VALUES (?, ?, 'quotes', 'unpaired', 'warning', ?, ?)",
                  (a.article_id, a.article_id, "; ".join(a.issues), _now()))
    lemmas = " ".join(t.lemma for s in a.sentences for t in s.tokens if t.lemma and t.lemma[0].isalnum())
    c.execute("UPDATE articles SET nlp_status = ?, nlp_backend = ?, lemmas = ? WHERE id = ?",
              (DONE, a.backend, lemmas, a.article_id))
    c.execute("DELETE FROM failures WHERE origin = ? AND stage = 'nlp'", (a.article_id,))


def quote_id(article_id: str, start: int, end: int) -> str:
    return "q" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]


def link_speakers(store: Store, article_ids: Sequence[str] | None = None) -> None:
    """Point each quote's speaker at the entity of the mention that named them (or any mention of that name);
    only the quotes of ``article_ids`` when given (a batch's resolution changed only their mentions)."""
    first = store.dialect.order("m.start")
    sql = f"""
            UPDATE quotes SET speaker_entity = coalesce(
                (SELECT m.entity_id FROM mentions m WHERE m.article_id = quotes.article_id
                   AND m.start = quotes.speaker_start AND m."end" = quotes.speaker_end
                   AND m.name = quotes.speaker_name),
                (SELECT m.entity_id FROM mentions m WHERE m.article_id = quotes.article_id
                   AND m.name = quotes.speaker_name AND m.entity_id IS NOT NULL {first} LIMIT 1))
            WHERE speaker_name IS NOT NULL"""
    with store.transaction(exclusive="speakers") as c:
        if article_ids is None:
            c.execute(sql)
            return
        ids = sorted(set(article_ids))
        for k in range(0, len(ids), 500):
            part = ids[k:k + 500]
            c.execute(sql + f" AND article_id IN ({','.join('?' * len(part))})", part)


def all_mentions(store: Store) -> Iterator[tuple[int, str, int, int, str, str, str]]:
    """(mention id, article, start, end, text, name, type) for resolution."""
    yield from store.conn.execute('SELECT id, article_id, start, "end", text, name, type FROM mentions '
                                  + store.dialect.order("id"))


def replace_entities(store: Store, entities: Sequence[dict[str, Any]], links: Sequence[tuple[str, int]],
                     keys: Sequence[tuple[str, str]] = ()) -> None:
    """Swap in a fresh resolution: all entities, every mention's entity id and the entities' name keys
    (``entity_keys``, what a later batch looks its mentions' entities up by), in one transaction."""
    with store.transaction(exclusive="entities") as c:
        c.execute("DELETE FROM entities")
        c.execute("DELETE FROM entity_keys")
        _insert_entities(c, entities, keys)
        c.execute("UPDATE mentions SET entity_id = NULL")
        c.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", links)


def _insert_entities(c: Any, entities: Sequence[dict[str, Any]], keys: Sequence[tuple[str, str]]) -> None:
    c.executemany("INSERT INTO entities(id, name, type, variants, n_mentions, n_articles) VALUES (?,?,?,?,?,?)",
                  [(e["id"], e["name"], e["type"], json.dumps(e["variants"], ensure_ascii=False),
                    e["n_mentions"], e["n_articles"]) for e in entities])
    c.executemany("INSERT INTO entity_keys(key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", keys)


def replace_some_entities(store: Store, removed: Sequence[str], entities: Sequence[dict[str, Any]],
                          links: Sequence[tuple[str, int]], keys: Sequence[tuple[str, str]]) -> None:
    """One batch's resolution: the entities it touched (``removed``) replaced by those it made, their mentions
    (and the batch's) pointed at them, in one transaction."""
    with store.transaction(exclusive="entities") as c:
        for part in _parts(sorted(set(removed))):
            marks = ",".join("?" * len(part))
            c.execute(f"DELETE FROM entities WHERE id IN ({marks})", part)
            c.execute(f"DELETE FROM entity_keys WHERE entity_id IN ({marks})", part)
            c.execute(f"UPDATE mentions SET entity_id = NULL WHERE entity_id IN ({marks})", part)
        _insert_entities(c, entities, keys)
        c.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", links)


def _parts(items: Sequence[Any], n: int = 500) -> Iterator[list[Any]]:
    for k in range(0, len(items), n):
        yield list(items[k:k + n])


def has_entity_keys(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM entity_keys LIMIT 1").fetchone() is not None


def entity_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM entities").fetchone()[0])


def unresolved_mentions(store: Store) -> list[tuple[int, str, int, int, str, str, str]]:
    """(mention id, article, start, end, text, name, type) of the mentions in no entity yet (a batch's)."""
    return [tuple(r) for r in store.conn.execute(  # type: ignore[misc]
        'SELECT id, article_id, start, "end", text, name, type FROM mentions WHERE entity_id IS NULL '
        + store.dialect.order("id"))]


def mentions_of_entities(store: Store, ids: Sequence[str]) -> list[tuple[int, str, int, int, str, str, str, str]]:
    """(mention id, article, start, end, text, name, type, entity id) of the entities' mentions."""
    out: list[tuple[int, str, int, int, str, str, str, str]] = []
    for part in _parts(sorted(set(ids))):
        out += [tuple(r) for r in store.conn.execute(  # type: ignore[misc]
            'SELECT id, article_id, start, "end", text, name, type, entity_id FROM mentions '
            f"WHERE entity_id IN ({','.join('?' * len(part))})", part)]
    return sorted(out)


def entities_by_keys(store: Store, keys: Sequence[str]) -> dict[str, list[str]]:
    """Name key -> the entities holding it (``entity_keys``)."""
    out: dict[str, list[str]] = {}
    for part in _parts(sorted(set(keys))):
        for key, eid in store.conn.execute(
                f"SELECT key, entity_id FROM entity_keys WHERE key IN ({','.join('?' * len(part))})", part):
            out.setdefault(key, []).append(eid)
    return out


def entity_variants(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """Entity id -> (type, the names it is known by)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for part in _parts(sorted(set(ids))):
        for eid, type_, variants in store.conn.execute(
                f"SELECT id, type, variants FROM entities WHERE id IN ({','.join('?' * len(part))})", part):
            out[eid] = (type_, json.loads(variants))
    return out


def entities(store: Store, *, type_: str | None = None, article_ids: Sequence[str] | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT e.* FROM entities e"
    params: list[Any] = []
    clauses = []
    if type_:
        clauses.append("e.type = ?")
        params.append(type_.upper())
    if article_ids is not None:
        marks = ",".join("?" * len(article_ids)) or "NULL"
        clauses.append(f"e.id IN (SELECT entity_id FROM mentions WHERE article_id IN ({marks}))")
        params += list(article_ids)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " " + store.dialect.order("e.n_articles DESC", "e.n_mentions DESC", "e.name")
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = [dict(r) for r in store.conn.execute(sql, params)]
    for r in rows:
        r["variants"] = json.loads(r["variants"])
    return rows


def entity_mentions(store: Store, entity_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.conn.execute(
        'SELECT article_id AS article, start, "end", text FROM mentions WHERE entity_id = ? '
        + store.dialect.order("article_id", "start"),
        (entity_id,))]


def article_mentions(store: Store, article_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.conn.execute(
        "SELECT m.*, e.name AS entity_name FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_id = ? " + store.dialect.order("m.start"), (article_id,))]


def nlp_counts(store: Store) -> dict[str, int]:
    return {r[0] or "pending": r[1] for r in store.conn.execute(
        "SELECT nlp_status, count(*) FROM articles GROUP BY nlp_status")}


def export_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Entities with every mention (the JSON export's shape), read in one pass ordered by entity."""
    rows = store.conn.execute(
        'SELECT e.id, e.name, e.type, e.variants, m.article_id, m.start, m."end", m.text FROM entities e '
        "JOIN mentions m ON m.entity_id = e.id "
        + store.dialect.order("e.n_articles DESC", "e.n_mentions DESC", "e.id", "m.article_id", "m.start"))
    current: dict[str, Any] | None = None
    for r in rows:
        if current is None or current["id"] != r[0]:
            if current is not None:
                yield current
            current = {"id": r[0], "name": r[1], "type": r[2], "variants": json.loads(r[3]), "mentions": []}
        current["mentions"].append({"article": r[4], "start": r[5], "end": r[6], "text": r[7]})
    if current is not None:
        yield current


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["variants"] = json.loads(out["variants"])
    return out


def entity_articles(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The articles naming an entity, oldest first, with how often each names it."""
    return [dict(r) for r in store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, count(*) AS n FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY a.id, a.title, a.outlet, a.published, a.published_start "
        + store.dialect.order("a.published_start", "a.id"), (entity_id,))]
