"""Full-text search over the store, with user text made safe for FTS5 in one place.

Users type what they would into a search box, not FTS5 syntax. ``fts_query`` keeps the few
operators people mean on purpose and that are well-formed — ``"a phrase"``, a trailing ``*``
for a prefix, ``OR`` between words, a leading ``-`` to exclude — and quotes everything else, so
``"unbalanced`` or ``AND OR (`` is searched as words, never passed to the parser raw.

On PostgreSQL the same user syntax becomes a ``tsquery`` under the built-in ``dutch`` text
search configuration (stemming, Dutch stop words), ranked with ``ts_rank`` (title above body
above lemmas) and highlighted with ``ts_headline``; the hits, filters and errors are the same.
A query of stop words only ("de het") finds nothing there, as PostgreSQL does not index them.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError
from .db import Store, article_filters
from .quotes import SPEAKER_NAME

MARK_START, MARK_END = "\x02", "\x03"  # snippet highlight markers, rendered by each front end
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    snippet: str
    score: float


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Term:
    """One searchable unit of user text: a word or phrase, maybe a prefix, excluded, or OR-ed to the last."""

    words: tuple[str, ...]
    prefix: bool = False
    negate: bool = False
    or_before: bool = False


def _terms(text: str) -> list[_Term]:
    """User text as terms, for both stores; raise QueryError when nothing searchable is left."""
    terms: list[_Term] = []
    pending_or = False
    for m in _TOKEN.finditer(text.replace("\u201c", '"').replace("\u201d", '"')):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append(_Term(tuple(words), or_before=pending_or and bool(terms)))
                pending_or = False
            continue
        if word == "OR" and terms:
            pending_or = True
            continue
        negate = word.startswith("-") and len(word) > 1
        prefix = word.endswith("*")
        words = _WORD.findall(word)
        if not words:
            continue
        if negate:
            if terms:  # NOT needs something on its left
                terms.append(_Term(tuple(words), prefix=prefix, negate=True))
            continue
        terms.append(_Term(tuple(words), prefix=prefix, or_before=pending_or and bool(terms)))
        pending_or = False
    if not terms:
        raise QueryError(f"nothing to search for in {text!r}: give at least one word")
    return terms


def fts_query(text: str) -> str:
    """Turn user text into an FTS5 MATCH expression; raise QueryError when nothing searchable is left."""
    parts = []
    for t in _terms(text):
        term = _quote(" ".join(t.words)) + ("*" if t.prefix else "")
        parts.append(("NOT " if t.negate else "OR " if t.or_before else "") + term)
    return " ".join(parts)


def ts_query(text: str) -> str:
    """The same user text as a PostgreSQL ``to_tsquery`` expression (words quoted, so never a syntax error).

    It keeps FTS5's precedence, so both stores find the same articles: adjacent words bind
    tightest, then NOT, then OR. ``dijk Venlo NOT Maas OR staking`` is
    ``(('dijk' & 'Venlo') & !('Maas')) | (('staking'))``.
    """
    alternatives: list[list[list[str]]] = []  # OR-ed alternatives; in each, chunk 0 must match, the rest must not
    for t in _terms(text):
        quoted = ["'" + w.replace("'", "''") + "'" for w in t.words]
        if t.prefix:
            quoted[-1] += ":*"
        term = " <-> ".join(quoted)
        if not alternatives or t.or_before:
            alternatives.append([[term]])
        elif t.negate:
            alternatives[-1].append([term])
        else:
            alternatives[-1][-1].append(term)
    return " | ".join(
        "(" + " & ".join([f"({' & '.join(alt[0])})"] + [f"!({' & '.join(chunk)})" for chunk in alt[1:]]) + ")"
        for alt in alternatives)


def search(store: Store, query: str, *, outlet: str | None = None, language: str | None = None,
           since: str | None = None, until: str | None = None, entity: str | None = None,
           speaker: str | None = None, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Articles matching ``query``, best first, each with a highlighted snippet of the body.

    ``entity`` (an entity id or its name) keeps articles that name it; ``speaker`` keeps articles
    that quote someone of that name, so "what did Breuker say about sanctions" is one search.
    """
    match = fts_query(query)
    where, params = article_filters(outlet=outlet, language=language, since=since, until=until)
    where, params = _with_people(where, params, entity=entity, speaker=speaker)
    if store.dialect.is_postgres:
        return _search_postgres(store, query, where, params, limit, offset)
    # Two phases: rank first (bm25 must score every match, so keep that query lean), then build
    # snippets for the page only. On a 100k store this halves the latency of common words.
    args = [match, *params, limit, offset]
    try:
        key = (store.path, match, where, *map(str, params))
        ranked = None if key in _TOO_MANY else _within(store.conn, RANK_BUDGET_S, _rank_sql(where, "score"), args)
        if ranked is None:  # too many matches to rank in time: the newest first, which costs ~1 ms
            _TOO_MANY[key] = None
            if len(_TOO_MANY) > 10_000:
                _TOO_MANY.pop(next(iter(_TOO_MANY)))
            ranked = store.conn.execute(_rank_sql(where, "f.rowid DESC"), args).fetchall()
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = {r["rowid"]: r for r in store.conn.execute(
            "SELECT f.rowid AS rowid, a.id, a.title, a.outlet, a.published, a.language, "
            f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', 16) AS snip "
            "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            f"WHERE articles_fts MATCH ? AND f.rowid IN ({marks})", [match, *[r[0] for r in ranked]])}
    except sqlite3.OperationalError as e:  # should not happen after quoting; never show a traceback
        raise QueryError(f"cannot search for {query!r}: {e}") from e
    hits = []
    for rowid, score in ranked:
        r = rows[rowid]
        hits.append(Hit(r["id"], r["title"], r["outlet"], r["published"], r["language"], r["snip"], score))
    return hits


TS_WEIGHTS = "{0.05, 0.17, 0.33, 1.0}"  # D, C (lemmas), B (body), A (title): as bm25's 3 : 1 : 0.5
HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=16, MinWords=8, ShortWord=2, MaxFragments=1"


def _search_postgres(store: Store, query: str, where: str, params: list[Any], limit: int,
                     offset: int) -> list[Hit]:
    """Search on PostgreSQL: GIN-indexed ``@@`` and ``ts_rank``, then ``ts_headline`` for the page only.

    Ties (a word every article has) go newest-added first, which is what SQLite's common-word
    rule gives too. The score is the negated rank, so lower is better on both stores.
    """
    import psycopg

    tsq = ts_query(query)
    rank_sql = (f"SELECT f.id, ts_rank('{TS_WEIGHTS}', f.doc, q) AS rank FROM articles_fts f "
                "JOIN articles a ON a.id = f.id CROSS JOIN to_tsquery('dutch', ?) AS q WHERE f.doc @@ q "
                f"{where.replace('WHERE', 'AND', 1)} {store.dialect.order('rank DESC', 'a.rowid DESC')} "
                "LIMIT ? OFFSET ?")
    try:
        ranked = store.conn.execute(rank_sql, [tsq, *params, limit, offset]).fetchall()
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = {r["id"]: r for r in store.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.language, a.text, "
            "ts_headline('dutch', a.text, to_tsquery('dutch', ?), ?) AS snip "
            f"FROM articles a WHERE a.id IN ({marks})", [tsq, HEADLINE, *[r[0] for r in ranked]])}
    except (psycopg.DataError, psycopg.ProgrammingError) as e:  # should not happen after quoting
        raise QueryError(f"cannot search for {query!r}: {e}") from e
    hits = []
    for article_id, rank in ranked:
        r = rows[article_id]
        hits.append(Hit(r["id"], r["title"], r["outlet"], r["published"], r["language"],
                        _ellipsis(r["snip"], r["text"]), -float(rank)))
    return hits


def _ellipsis(snippet: str, text: str) -> str:
    """Mark a headline cut from the middle of the text with '…' where it was cut, as SQLite's snippet does."""
    plain = snippet.replace(MARK_START, "").replace(MARK_END, "")
    if not plain:
        return snippet
    at = text.find(plain)
    if at < 0:
        return snippet
    return ("…" if at > 0 else "") + snippet + ("…" if at + len(plain) < len(text.rstrip()) else "")


def _with_people(where: str, params: list[Any], *, entity: str | None,
                 speaker: str | None) -> tuple[str, list[Any]]:
    clauses = [where.removeprefix("WHERE ")] if where else []
    if entity:
        clauses.append("a.id IN (SELECT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
                       "WHERE e.id = ? OR lower(e.name) = lower(?))")
        params = [*params, entity, entity]
    if speaker:
        clauses.append("a.id IN (SELECT q.article_id FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity "
                       f"WHERE q.kind IN ('direct', 'partial') AND lower({SPEAKER_NAME}) = lower(?))")
        params = [*params, speaker]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


FACET_SIZE = 8


def facets(store: Store, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The outlets, entities and speakers most present in a page of hits, with counts of articles.

    Counted over the hits shown, not every match: a common word matches most of a large store, and
    counting people over all of it would cost more than the search itself.
    """
    if not article_ids:
        return {"outlet": [], "entity": [], "speaker": []}
    d = store.dialect
    marks = ",".join("?" * len(article_ids))
    outlet = store.conn.execute(
        f"SELECT coalesce(outlet, outlet_key) AS value, count(*) AS n FROM articles WHERE id IN ({marks}) "
        f"AND coalesce(outlet, outlet_key) IS NOT NULL GROUP BY 1 {d.order('n DESC', 'value')} LIMIT ?",
        [*article_ids, FACET_SIZE]).fetchall()
    entity = store.conn.execute(
        "SELECT e.id, e.name AS value, e.type, count(DISTINCT m.article_id) AS n FROM mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) "
        f"GROUP BY e.id {d.order('n DESC', 'e.n_mentions DESC', 'value')} LIMIT ?",
        [*article_ids, FACET_SIZE]).fetchall()
    speaker = store.conn.execute(
        f"SELECT {SPEAKER_NAME} AS value, count(DISTINCT q.article_id) AS n FROM quotes q "
        "LEFT JOIN entities e ON e.id = q.speaker_entity "
        f"WHERE q.article_id IN ({marks}) AND q.kind IN ('direct', 'partial') AND q.speaker_kind != 'unknown' "
        f"GROUP BY 1 HAVING {SPEAKER_NAME} != '' {d.order('n DESC', 'value')} LIMIT ?",
        [*article_ids, FACET_SIZE]).fetchall()
    return {"outlet": [dict(r) for r in outlet], "entity": [dict(r) for r in entity],
            "speaker": [dict(r) for r in speaker]}


RANK_BUDGET_S = 0.010  # ~15k matches here; 20 concurrent searches on 100k: p95 185 ms at 25 ms, 151 at 10
# Searches that ran out of budget, so the next time goes straight to newest-first. A store mostly
# grows, and a query with too many matches keeps having too many, so entries need no expiry.
_TOO_MANY: dict[tuple[str, ...], None] = {}


def _rank_sql(where: str, order: str) -> str:
    join = "JOIN articles a ON a.rowid = f.rowid " if where else ""
    return ("SELECT f.rowid, bm25(articles_fts, 3.0, 1.0, 0.5) AS score FROM articles_fts f "
            f"{join}WHERE articles_fts MATCH ? {where.replace('WHERE', 'AND', 1)} ORDER BY {order} LIMIT ? OFFSET ?")


def _within(conn: sqlite3.Connection, seconds: float, sql: str, args: list[Any]) -> list[Any] | None:
    """Rows of ``sql``, or None when it runs longer than ``seconds``.

    bm25 must score every match before it can return the best few: a word in half of a 100k
    archive ("hebben", "wate*") took 50–490 ms, and under 20 concurrent readers such queries
    queue everyone behind them. Ranking that many matches says little anyway, so past the budget
    the search shows the newest matches instead. (Asking the FTS vocabulary for a word's document
    count first, as an earlier version did, reads the word's whole posting list: 10–15 ms itself.)
    """
    deadline = time.perf_counter() + seconds
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as e:
        if "interrupt" in str(e):
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def hit_dict(hit: Hit) -> dict[str, Any]:
    return hit.__dict__ | {"snippet": hit.snippet.replace(MARK_START, "[").replace(MARK_END, "]")}
