"""Store queries for quotes and speaker profiles (who is quoted, where, with which roles)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import QueryError
from .db import Store, like_escaped

MAX_NAME_CHARS = 200  # a speaker filter longer than any name is a mistake (and SQLite caps LIKE patterns)

# How a quote's speaker is named everywhere (lists, speaker pages, search facets): the entity's
# canonical name, else the name in the text, else the role ("een woordvoerder van Defensie").
SPEAKER_NAME = ("coalesce(e.name, q.speaker_name, "
            "trim(coalesce(q.speaker_role, '') || ' ' || coalesce(q.speaker_organisation, '')))")


def quotes(store: Store, *, speaker: str | None = None, outlet: str | None = None,
           article_ids: list[str] | None = None, kinds: tuple[str, ...] = ("direct", "partial", "indirect"),
           limit: int | None = None) -> list[dict[str, Any]]:
    sql = (f"SELECT q.*, {SPEAKER_NAME} AS speaker, e.name AS entity_name, a.outlet, a.outlet_key, a.published, "
           "a.title "
           "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity "
           f"WHERE q.kind IN ({','.join('?' * len(kinds))})")
    params: list[Any] = list(kinds)
    if speaker and len(speaker) > MAX_NAME_CHARS:
        raise QueryError(f"speaker filter of {len(speaker):,} characters is longer than any name "
                         f"(at most {MAX_NAME_CHARS})")
    if speaker:
        like = " LIKE lower(?) ESCAPE '\\'"
        sql += (f" AND (lower(e.name){like} OR lower(q.speaker_name){like} "
                f"OR lower(q.speaker_role){like} OR lower(q.speaker_organisation){like})")
        params += [f"%{like_escaped(speaker)}%"] * 4
    if outlet:
        sql += " AND (lower(a.outlet_key) = lower(?) OR lower(a.outlet) = lower(?))"
        params += [outlet, outlet]
    if article_ids is not None:
        sql += f" AND q.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})"
        params += article_ids
    sql += " " + store.dialect.order("a.published_start", "q.article_id", "q.start")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(r) for r in store.conn.execute(sql, params)]


def speakers(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """One row per speaker: quotes, articles, the outlets that quote them, roles and organisations seen."""
    d = store.dialect
    sql = (f"SELECT {SPEAKER_NAME} AS speaker, {d.any_value('q.speaker_entity')} AS entity, count(*) AS n_quotes, "
           f"count(DISTINCT q.article_id) AS n_articles, {d.group_concat('DISTINCT a.outlet')} AS outlets, "
           f"{d.group_concat('DISTINCT q.speaker_role')} AS roles, "
           f"{d.group_concat('DISTINCT q.speaker_organisation')} AS orgs "
           "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity "
           "WHERE q.kind IN ('direct', 'partial') AND q.speaker_kind != 'unknown' "
           f"GROUP BY {SPEAKER_NAME} {d.order('n_quotes DESC', 'speaker')}")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(r) for r in store.conn.execute(sql)]


def attribution_counts(store: Store) -> tuple[int, int]:
    """(direct and partial quotes, those without a speaker): lists of speakers say how many they leave out."""
    row = store.conn.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN speaker_kind = 'unknown' THEN 1 ELSE 0 END), 0) FROM quotes "
        "WHERE kind IN ('direct', 'partial')").fetchone()
    return int(row[0]), int(row[1])


def export_quotes(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.conn.execute(
            "SELECT q.*, e.name AS entity_name FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity "
            + store.dialect.order("q.article_id", "q.start")):
        yield {"id": r["id"], "article": r["article_id"], "text": r["text"], "start": r["start"], "end": r["end"],
               "kind": r["kind"], "cue": r["cue"], "part": r["part"],
               "speaker": {"name": r["speaker_name"], "entity": r["entity_name"], "entity_id": r["speaker_entity"],
                           "role": r["speaker_role"], "organisation": r["speaker_organisation"],
                           "said_as": r["speaker_text"], "kind": r["speaker_kind"]}}
