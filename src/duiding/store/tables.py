"""Flat tables of the store for spreadsheets: one row per article, quote, claim or entity-in-article.

Every row carries the article id, outlet and date, so a quote or a number can be sorted, filtered
and counted in a spreadsheet without joining anything. Rows are streamed (a cursor), so a large
store is never held in memory. The unknown outlet is one value, ``unknown``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .db import UNKNOWN_OUTLET, Store
from .quotes import SPEAKER_NAME

OUTLET = f"coalesce(a.outlet, '{UNKNOWN_OUTLET}') AS outlet"
DAY = "substr(a.published_start, 1, 10) AS date"

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "outlet", "date", "published", "title", "url", "language", "source", "words"),
    "quotes": ("quote_id", "article_id", "outlet", "date", "speaker", "role", "organisation", "kind", "cue",
               "text", "start", "end"),
    "claims": ("claim_id", "article_id", "outlet", "date", "about", "text", "value", "unit", "kind", "hedge",
               "start", "end"),
    "entities": ("entity_id", "name", "type", "article_id", "outlet", "date", "mentions", "as_written"),
}
TABLES = tuple(COLUMNS)

_SQL = {
    "articles": (f"SELECT a.id AS article_id, {OUTLET}, {DAY}, a.published, a.title, a.url, a.language, a.source, "
                 "a.text AS words FROM articles a {where} ORDER BY a.published_start, a.id"),
    "quotes": (f"SELECT q.id AS quote_id, q.article_id, {OUTLET}, {DAY}, {SPEAKER_NAME} AS speaker, "
               "q.speaker_role AS role, q.speaker_organisation AS organisation, q.kind, q.cue, q.text, q.start, "
               "q.\"end\" FROM quotes q JOIN articles a ON a.id = q.article_id "
               "LEFT JOIN entities e ON e.id = q.speaker_entity {where} ORDER BY a.published_start, q.article_id, "
               "q.start"),
    "claims": (f"SELECT c.id AS claim_id, c.article_id, {OUTLET}, {DAY}, c.about, c.text, c.value, c.unit, c.kind, "
               "c.hedge, c.start, c.\"end\" FROM claims c JOIN articles a ON a.id = c.article_id {where} "
               "ORDER BY a.published_start, c.article_id, c.start"),
    "entities": (f"SELECT e.id AS entity_id, e.name, e.type, m.article_id, {OUTLET}, {DAY}, count(*) AS mentions, "
                 "min(m.text) AS as_written FROM mentions m JOIN entities e ON e.id = m.entity_id "
                 "JOIN articles a ON a.id = m.article_id {where} "
                 "GROUP BY e.id, e.name, e.type, e.n_articles, m.article_id, a.outlet, a.published_start "
                 "ORDER BY e.n_articles DESC, e.id, a.published_start, m.article_id"),
}


def rows(store: Store, table: str, article_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` (one of TABLES), all of them or those of ``article_ids``."""
    if table not in _SQL:
        raise ValueError(f"no table {table!r}; one of {', '.join(TABLES)}")
    params: list[Any] = []
    where = ""
    if article_ids is not None:
        where = f"WHERE a.id IN ({','.join('?' * len(article_ids)) or 'NULL'})"
        params = list(article_ids)
    for r in store.conn.execute(_SQL[table].format(where=where), params):
        d = dict(r)
        if table == "articles":
            d["words"] = len((d["words"] or "").split())
        yield d
