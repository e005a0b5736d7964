"""Full-text search over the store, with user text made safe for FTS5 in one place.

Users type what they would into a search box, not FTS5 syntax. ``fts_query`` keeps the few
operators people mean on purpose and that are well-formed — ``"a phrase"``, a trailing ``*``
for a prefix, ``OR`` between words, a leading ``-`` to exclude — and quotes everything else, so
``"unbalanced`` or ``AND OR (`` is searched as words, never passed to the parser raw.

On PostgreSQL the same user syntax becomes a ``tsquery`` under the built-in ``dutch`` text
search configuration (stemming, Dutch stop words), ranked with ``ts_rank`` (title above body
above lemmas) and highlighted with ``ts_headline``; the hits, filters and errors are the same.
A query of stop words only ("de het") finds nothing there, as PostgreSQL does not index them.

Beyond words, a query may hold fields — ``title:brexit`` (the title only), ``outlet:trouw``,
``speaker:rutte``, ``entity:rutte`` (filters, with quotes for several words: ``speaker:"Mark
Rutte"``) — and proximity, ``NEAR(rutte brexit, 5)``: both words at most 5 words apart (FTS5's
NEAR; on PostgreSQL a distance disjunction for two words, every word for more). A query of
fields only lists every article that passes them, newest first. A name filter finds an entity by
its canonical name, any spelling it was seen under, or its surname alone.

``search_all`` adds the total and facets, both bounded (COUNT_LIMIT, FACET_SCAN) so that a word
in half of a million articles costs what a rare word costs: the total is exact up to 10,000 and
otherwise a lower bound the caller shows as "10,000+"; facets count the newest 2,000 matches.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError
from .db import UNKNOWN_OUTLET, Store, article_filters, like_escaped
from .quotes import SPEAKER_NAME

MARK_START, MARK_END = "\x02", "\x03"  # snippet highlight markers, rendered by each front end
_TOKEN = re.compile(r'NEAR\(([^()]*)\)|(-?)(title:)?"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_FIELD = re.compile(r'(?<!\S)(outlet|speaker|entity):(?:"([^"]*)"|(\S+))', re.IGNORECASE)
_NEAR_DISTANCE = re.compile(r",\s*(\d{1,3})\s*$")
FIELDS = ("outlet", "speaker", "entity")  # filters a query may name; title: is a column of the text search
NEAR_DEFAULT, NEAR_MAX = 10, 50


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
    title: bool = False  # title:word — in the title only
    near: int | None = None  # NEAR(a b, n): each word a term of its own, at most n words apart


def split_fields(text: str) -> tuple[str, dict[str, str]]:
    """``outlet:``, ``speaker:`` and ``entity:`` out of the query text, as filters; the rest is searched."""
    fields: dict[str, str] = {}

    def take(m: re.Match[str]) -> str:
        value = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
        if value:
            fields[m.group(1).lower()] = value
        return " "

    rest = _FIELD.sub(take, text.replace("\u201c", '"').replace("\u201d", '"'))
    return " ".join(rest.split()), fields


def _terms(text: str) -> list[_Term]:
    """User text as terms, for both stores; raise QueryError when nothing searchable is left."""
    terms: list[_Term] = []
    pending_or = False
    for m in _TOKEN.finditer(text.replace("\u201c", '"').replace("\u201d", '"')):
        near, minus, title, phrase, word = m.groups()
        if near is not None:
            distance = _NEAR_DISTANCE.search(near)
            words = _WORD.findall(near[:distance.start()] if distance else near)
            if len(words) >= 2:
                n = min(int(distance.group(1)), NEAR_MAX) if distance else NEAR_DEFAULT
                terms.append(_Term(tuple(words), near=n, or_before=pending_or and bool(terms)))
                pending_or = False
            elif words:
                terms.append(_Term(tuple(words), or_before=pending_or and bool(terms)))
                pending_or = False
            continue
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words and minus:
                if terms:
                    terms.append(_Term(tuple(words), negate=True, title=bool(title)))
            elif words:
                terms.append(_Term(tuple(words), or_before=pending_or and bool(terms), title=bool(title)))
                pending_or = False
            continue
        if word == "OR" and terms:
            pending_or = True
            continue
        negate = word.startswith("-") and len(word) > 1
        in_title = word.lower().removeprefix("-").startswith("title:")
        if in_title:
            word = word[word.index(":") + 1:]
        prefix = word.endswith("*")
        words = _WORD.findall(word)
        if not words:
            continue
        if negate:
            if terms:  # NOT needs something on its left
                terms.append(_Term(tuple(words), prefix=prefix, negate=True, title=in_title))
            continue
        terms.append(_Term(tuple(words), prefix=prefix, or_before=pending_or and bool(terms), title=in_title))
        pending_or = False
    if not terms:
        raise QueryError(f"nothing to search for in {text!r}: give at least one word")
    return terms


def fts_query(text: str) -> str:
    """Turn user text into an FTS5 MATCH expression; raise QueryError when nothing searchable is left."""
    parts = []
    for t in _terms(text):
        if t.near is not None:
            term = f"NEAR({' '.join(_quote(w) for w in t.words)}, {t.near})"
        else:
            term = _quote(" ".join(t.words)) + ("*" if t.prefix else "")
        if t.title:
            term = "title : " + term
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
        weight = "A" if t.title else ""  # the title is weight A of the indexed document
        quoted = ["'" + w.replace("'", "''") + "'" + (":" + weight if weight else "") for w in t.words]
        if t.prefix:
            quoted[-1] = quoted[-1].removesuffix(":" + weight) + ":*" + weight if weight else quoted[-1] + ":*"
        term = " <-> ".join(quoted)
        if t.near is not None:
            term = _ts_near(quoted, t.near)
        if not alternatives or t.or_before:
            alternatives.append([[term]])
        elif t.negate:
            alternatives[-1].append([term])
        else:
            alternatives[-1][-1].append(term)
    return " | ".join(
        "(" + " & ".join([f"({' & '.join(alt[0])})"] + [f"!({' & '.join(chunk)})" for chunk in alt[1:]]) + ")"
        for alt in alternatives)


def _ts_near(quoted: list[str], n: int) -> str:
    """NEAR for a tsquery: two words within ``n`` words of each other, in either order; more words: all of them."""
    if len(quoted) != 2:
        return " & ".join(quoted)
    a, b = quoted
    return "(" + " | ".join(f"{x} <{k}> {y}" for k in range(1, n + 2) for x, y in ((a, b), (b, a))) + ")"


@dataclass(frozen=True)
class Query:
    """A search as the store runs it: the text part (None: fields only) and the SQL filters over ``a``."""

    text: str | None
    where: str
    params: list[Any]


def prepare(query: str, *, outlet: str | None = None, language: str | None = None, since: str | None = None,
            until: str | None = None, entity: str | None = None, speaker: str | None = None) -> Query:
    """Fields in the text join the filters (a filter given apart wins); a bad date or empty query is a QueryError."""
    text, fields = split_fields(query)
    outlet = outlet or fields.get("outlet")
    entity = entity or fields.get("entity")
    speaker = speaker or fields.get("speaker")
    if text:
        fts_query(text)  # raises when nothing searchable is left
    elif not fields:
        raise QueryError(f"nothing to search for in {query!r}: give at least one word")
    where, params = article_filters(outlet=outlet, language=language, since=since, until=until)
    where, params = _with_people(where, params, entity=entity, speaker=speaker)
    return Query(text or None, where, params)


def search(store: Store, query: str, *, outlet: str | None = None, language: str | None = None,
           since: str | None = None, until: str | None = None, entity: str | None = None,
           speaker: str | None = None, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Articles matching ``query``, best first, each with a highlighted snippet of the body.

    ``entity`` (an entity id or any of its names) keeps articles that name it; ``speaker`` keeps
    articles that quote someone of that name, so "what did Breuker say about sanctions" is one search.
    """
    q = prepare(query, outlet=outlet, language=language, since=since, until=until, entity=entity, speaker=speaker)
    return _hits(store, q, limit, offset)


def _hits(store: Store, q: Query, limit: int, offset: int) -> list[Hit]:
    where, params = q.where, q.params
    if q.text is None:
        return _filtered(store, where, params, limit, offset)
    query = q.text
    match = fts_query(query)
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


def _filtered(store: Store, where: str, params: list[Any], limit: int, offset: int) -> list[Hit]:
    """A query of fields only: every article passing the filters, newest first, the lead as snippet."""
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.language, substr(a.text, 1, 180) AS snip FROM articles a "
        f"{where} ORDER BY a.published_start DESC, a.rowid DESC LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [Hit(r["id"], r["title"], r["outlet"], r["published"], r["language"],
                r["snip"] + ("…" if len(r["snip"]) >= 180 else ""), 0.0) for r in rows]


def _matches(store: Store, q: Query) -> tuple[str, str, list[Any]]:
    """SQL of every match's key (SQLite rowids, PostgreSQL ids), the ORDER BY of the most recently added
    first, and the parameters: counting needs no order, facets take the newest.

    On SQLite an unfiltered query reads the full-text index alone, in its own rowid order, never
    the articles: counting 10,000 matches so takes ~1 ms, against ~30 ms through the table.
    """
    and_where = q.where.replace("WHERE", "AND", 1)
    if store.dialect.is_postgres:
        if q.text is None:
            return f"SELECT a.id FROM articles a {q.where}", "ORDER BY a.rowid DESC", list(q.params)
        return ("SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.id "
                f"WHERE f.doc @@ to_tsquery('dutch', ?) {and_where}", "ORDER BY a.rowid DESC",
                [ts_query(q.text), *q.params])
    if q.text is None:
        return f"SELECT a.rowid FROM articles a {q.where}", "ORDER BY a.rowid DESC", list(q.params)
    join = "JOIN articles a ON a.rowid = f.rowid " if q.where else ""
    return (f"SELECT f.rowid FROM articles_fts f {join}WHERE articles_fts MATCH ? {and_where}", "ORDER BY f.rowid DESC",
            [fts_query(q.text), *q.params])


# Counting and facets look at a bounded number of matches, as search engines do (Elasticsearch
# counts hits exactly up to 10,000 and says "at least" beyond): a word in half of a million
# articles would otherwise be counted and faceted in full on every search. At 1M articles under
# 20 clients that was a p95 of 59 s; bounded, every search costs what its first page costs.
COUNT_LIMIT = 10_000  # the total is exact up to this many matches; beyond, it is this, a lower bound ("10,000+")
FACET_SCAN = 2_000  # facets count the most recently added this many matches


@dataclass(frozen=True)
class Result:
    """One page of hits, how many match (exactly, or at least ``total``), and facets over the newest matches."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[dict[str, Any]]]
    facets_over: int  # how many matches the facets count: every one, or the FACET_SCAN most recently added
    total_exact: bool = True  # False: more than COUNT_LIMIT match, and ``total`` is that lower bound


def search_all(store: Store, query: str, *, outlet: str | None = None, language: str | None = None,
               since: str | None = None, until: str | None = None, entity: str | None = None,
               speaker: str | None = None, limit: int = 20, offset: int = 0, with_facets: bool = True) -> Result:
    """A page of hits with the total and facets (outlets, months or days, people, organisations, speakers)
    over the matches rather than the page, so a researcher sees the shape of what matched.

    The total counts up to COUNT_LIMIT matches and the facets the FACET_SCAN most recently added
    (``facets_over`` says how many), so the cost of a search is bounded whatever the word.
    """
    q = prepare(query, outlet=outlet, language=language, since=since, until=until, entity=entity, speaker=speaker)
    try:
        hits = _hits(store, q, limit, offset)
        if offset == 0 and len(hits) < limit:  # the page holds every match: nothing more to count
            key, keys = "a.id", [h.id for h in hits]
            total, exact = len(hits), True
        else:
            key = "a.id" if store.dialect.is_postgres else "a.rowid"  # what _matches selects
            sql, newest, params = _matches(store, q)
            n = store.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?) AS m", [*params, COUNT_LIMIT + 1])
            counted = int(n.fetchone()[0])
            total, exact = min(counted, COUNT_LIMIT), counted <= COUNT_LIMIT
            keys = [r[0] for r in store.conn.execute(f"{sql} {newest} LIMIT ?", [*params, FACET_SCAN])
                    ] if with_facets else []
        if not with_facets or total == 0:
            return Result(hits, total, _no_facets(), 0, exact)
        return Result(hits, total, _facets_over(store, key, keys), len(keys), exact)
    except sqlite3.OperationalError as e:
        raise QueryError(f"cannot search for {query!r}: {e}") from e


def _no_facets() -> dict[str, list[dict[str, Any]]]:
    return {"outlet": [], "date": [], "person": [], "organisation": [], "entity": [], "speaker": []}


def _facets_over(store: Store, key: str, keys: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Facets over the articles whose ``key`` (``a.id``, or ``a.rowid`` on SQLite) is one of ``keys``.

    Outlets and dates come from one read of those articles, counted here; people, organisations
    and speakers from the mentions and quotes of their ids.
    """
    c = store.conn
    rows = c.execute(f"SELECT a.id, coalesce(a.outlet, '{UNKNOWN_OUTLET}') AS outlet, a.published_start AS day "
                     f"FROM articles a WHERE {key} IN ({store.dialect.id_list()})",
                     [store.dialect.id_list_param(keys)]).fetchall()
    outlets = Counter(r["outlet"] for r in rows)
    outlet = sorted(({"value": v, "n": n} for v, n in outlets.items()), key=lambda d: (-d["n"], d["value"]))
    days = [r["day"] for r in rows if r["day"]]
    by_day = bool(days) and min(days)[:7] >= _months_before(max(days)[:7], 2)
    width = 10 if by_day else 7
    date = sorted(({"value": v, "n": n} for v, n in Counter(d[:width] for d in days).items()),
                  key=lambda d: d["value"])
    ids = f"IN ({store.dialect.id_list()})"
    params = [store.dialect.id_list_param([r["id"] for r in rows])]

    # People, organisations and every name from one grouping of the mentions: one pass, not three.
    named = [dict(r) for r in c.execute(
        "SELECT e.id, e.name AS value, e.type, count(DISTINCT m.article_id) AS n, e.n_mentions FROM mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id {ids} GROUP BY e.id, e.name, e.type, e.n_mentions",
        params)]
    named.sort(key=lambda r: (-r["n"], -r["n_mentions"], r["value"]))
    for r in named:
        del r["n_mentions"]

    def top(kind: str | None) -> list[dict[str, Any]]:
        return [r for r in named if kind is None or r["type"] == kind][:FACET_SIZE]

    speaker = c.execute(
        f"SELECT {SPEAKER_NAME} AS value, count(DISTINCT q.article_id) AS n FROM quotes q "
        "LEFT JOIN entities e ON e.id = q.speaker_entity "
        f"WHERE q.article_id {ids} AND q.kind IN ('direct', 'partial') AND q.speaker_kind != 'unknown' "
        f"GROUP BY {SPEAKER_NAME} HAVING {SPEAKER_NAME} != '' ORDER BY n DESC, value LIMIT ?",
        [*params, FACET_SIZE]).fetchall()
    return {"outlet": outlet[:FACET_SIZE * 2], "date": date,
            "person": top("PER"), "organisation": top("ORG"), "entity": top(None),
            "speaker": [dict(r) for r in speaker]}


def _months_before(month: str, n: int) -> str:
    y, m = int(month[:4]), int(month[5:7]) - n
    while m < 1:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}"


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
        names, name_params = entity_name_clause(entity)
        clauses.append("a.id IN (SELECT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
                       f"WHERE e.id = ? OR {names})")
        params = [*params, entity, *name_params]
    if speaker:
        names, name_params = entity_name_clause(speaker)
        clauses.append("a.id IN (SELECT q.article_id FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity "
                       f"WHERE q.kind IN ('direct', 'partial') AND (lower({SPEAKER_NAME}) = lower(?) "
                       f"OR (e.id IS NOT NULL AND {names})))")
        params = [*params, speaker, *name_params]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def entity_name_clause(name: str) -> tuple[str, list[Any]]:
    """SQL over alias ``e`` (entities): ``name`` is the canonical name, one of its spellings, or its surname.

    ``Rutte`` finds "Mark Rutte"; the variants column is a JSON list, searched as text on both stores.
    """
    low = name.strip().lower()
    return ("(lower(e.name) = ? OR lower(e.name) LIKE ? ESCAPE '\\' OR lower(e.variants) LIKE ? ESCAPE '\\')",
            [low, "% " + like_escaped(low), '%"' + like_escaped(low) + '"%'])


def find_entities(store: Store, key: str, limit: int = 5) -> list[dict[str, Any]]:
    """Entities of id ``key`` or named ``key`` in any spelling, the most mentioned first."""
    names, params = entity_name_clause(key)
    return [dict(r) for r in store.conn.execute(
        f"SELECT e.id, e.name, e.type, e.n_mentions, e.n_articles FROM entities e WHERE e.id = ? OR {names} "
        "ORDER BY e.id = ? DESC, e.n_articles DESC, e.n_mentions DESC LIMIT ?", [key, *params, key, limit])]


def choices(store: Store) -> dict[str, list[str]]:
    """The outlets and languages present, for a search form's menus (the unknown outlet as one choice)."""
    outlets = _distinct(store, "outlet")
    if store.conn.execute("SELECT 1 FROM articles WHERE outlet IS NULL LIMIT 1").fetchone():
        outlets.append(UNKNOWN_OUTLET)
    languages = _distinct(store, "language")
    return {"outlets": outlets, "languages": languages}


FACET_SIZE = 8


def _distinct(store: Store, column: str) -> list[str]:
    """The distinct values of an indexed column of articles, in order, by one index seek per value.

    ``SELECT DISTINCT`` reads every row (0.7 s at 1M articles for ten outlets); stepping from each
    value to the next one above it is a handful of look-ups (a "loose index scan", on both stores).
    """
    return [r[0] for r in store.conn.execute(
        f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM articles UNION ALL "
        f"SELECT (SELECT min({column}) FROM articles WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL) "
        "SELECT x FROM v WHERE x IS NOT NULL")]


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
