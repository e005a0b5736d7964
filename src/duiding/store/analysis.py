"""What the analysis stages read back: articles with their sentences and entities, and a story's material.

The analysis modules (features, stories, sentences, compare, timeline, summarise, claims,
report.model) never see SQL: they are pure functions over the records of :mod:`duiding.records`
that these queries return. A report's material is read here in one go, so the story's sentences
are fetched once and shared by the outlet comparison, the summary and the timeline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import NotFoundError
from ..nlp.tags import stored
from ..records import (
    ArticleMaterial,
    EntityMention,
    StoredArticle,
    StoredClaim,
    StoredSentence,
    StoredTimex,
    StoryMaterial,
    StoryRef,
)
from .claims import sentence_text
from .db import Store
from .quotes import quotes as stored_quotes

_ARTICLE = "id, source, title, outlet, published, published_start, published_end, text, nlp_status, language"
_CLAIM = ('c.id, c.article_id, c.start, c."end", c.text, c.value, c.unit, c.kind, c.hedge, c.about, c.anchors, '
          'c.sentence, a.outlet')
_TIMEX = 't.article_id, t.start, t."end", t.text, t.value_start, t.value_end, t.precision, t.relative, a.outlet'
TOP_ENTITIES = 40


def _marks(n: int) -> str:
    return ",".join("?" * n) or "NULL"


def _article(r: Any) -> StoredArticle:
    return StoredArticle(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])


def _sentence(article_id: str, idx: int, start: int, end: int, tokens: str) -> StoredSentence:
    return StoredSentence(article_id, int(idx), int(start), int(end),
                          tuple((int(t[0]), int(t[1]), str(t[2]), str(t[3]), stored(t)) for t in json.loads(tokens)))


def _claim(r: Any) -> StoredClaim:
    return StoredClaim(r[0], r[1], int(r[2]), int(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10], int(r[11]), r[12])


def _timex(r: Any) -> StoredTimex:
    return StoredTimex(r[0], int(r[1]), int(r[2]), r[3], r[4], r[5], r[6], bool(r[7]), r[8])


def _claim_row(r: Any) -> StoredClaim:
    return StoredClaim(r["id"], r["article_id"], int(r["start"]), int(r["end"]), r["text"], r["value"], r["unit"],
                       r["kind"], r["hedge"], r["about"], r["anchors"], int(r["sentence"]), r["outlet"])


def _timex_row(r: Any) -> StoredTimex:
    return StoredTimex(r["article_id"], int(r["start"]), int(r["end"]), r["text"], r["value_start"], r["value_end"],
                       r["precision"], bool(r["relative"]), r["outlet"])


# --- the story stage's input ------------------------------------------------------------------

def article_material(store: Store, ids: list[str] | None = None) -> Iterator[ArticleMaterial]:
    """Each article (as added, or ``ids`` by id) with its sentences and its entity-linked mentions."""
    d = store.dialect
    sql = f"SELECT {_ARTICLE} FROM articles"
    params: list[str] = []
    if ids is not None:
        sql += f" WHERE id IN ({_marks(len(ids))}) {d.order('id')}"
        params = ids
    else:
        sql += f" {d.order('rowid')}"  # the order articles were added, on either store
    for row in store.conn.execute(sql, params).fetchall():
        article = _article(row)
        sentences: tuple[StoredSentence, ...] = ()
        if article.nlp_status == "done":
            sentences = tuple(_sentence(article.id, *r) for r in store.conn.execute(
                f'SELECT idx, start, "end", tokens FROM sentences WHERE article_id = ? {d.order("idx")}',
                (article.id,)))
        mentions = tuple(EntityMention(article.id, r[0], int(r[1]), r[2]) for r in store.conn.execute(
            "SELECT entity_id, start, type FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL "
            + d.order("id"),
            (article.id,)))
        yield ArticleMaterial(article, sentences, mentions)


def article_texts(store: Store) -> list[tuple[str, str, str | None]]:
    """(id, text, publication start) of every article, in the order they were added: near-duplicates' input."""
    return [(r[0], r[1], r[2]) for r in store.conn.execute(
        f"SELECT id, text, published_start FROM articles {store.dialect.order('rowid')}")]


def entity_names(store: Store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT id, name FROM entities")}


# --- a story's report ---------------------------------------------------------------------------

def story_ref(store: Store, story_id: str) -> StoryRef:
    """The storyline or event with this id; NotFoundError when it is neither."""
    row = store.conn.execute('SELECT id, label, start, "end" FROM storylines WHERE id = ?', (story_id,)).fetchone()
    if row is not None:
        return StoryRef(row[0], "storyline", row[1], row[2], row[3])
    row = store.conn.execute('SELECT id, label, start, "end", storyline_id FROM events WHERE id = ?',
                             (story_id,)).fetchone()
    if row is not None:
        return StoryRef(row[0], "event", row[1], row[2], row[3], row[4])
    raise NotFoundError(f"no storyline or event with id {story_id!r}; `duiding stories` lists them")


def _story_events(store: Store, head: StoryRef) -> list[tuple[StoryRef, tuple[str, ...]]]:
    d = store.dialect
    if head.kind == "event":
        events = [head]
    else:
        events = [StoryRef(r[0], "event", r[1], r[2], r[3], r[4]) for r in store.conn.execute(
            f'SELECT id, label, start, "end", storyline_id FROM events WHERE storyline_id = ? {d.order("start", "id")}',
            (head.id,))]
    members: dict[str, list[str]] = {e.id: [] for e in events}
    for event_id, article_id in store.conn.execute(
            "SELECT ea.event_id, a.id FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            f"WHERE ea.event_id IN ({_marks(len(events))}) {d.order('a.published_start', 'a.id')}",
            [e.id for e in events]):
        members[event_id].append(article_id)
    return [(e, tuple(members[e.id])) for e in events]


def story_material(store: Store, story_id: str) -> StoryMaterial:
    """Everything the report of a storyline or event is computed from (NotFoundError for an unknown id)."""
    d = store.dialect
    head = story_ref(store, story_id)
    events = _story_events(store, head)
    ids = [a for _, members in events for a in members]
    marks = _marks(len(ids))
    articles = tuple(_article(r) for r in store.conn.execute(
        f"SELECT {_ARTICLE} FROM articles WHERE id IN ({marks}) {d.order('published_start')}", ids))
    by_article: dict[str, list[StoredSentence]] = {}
    for r in store.conn.execute(f'SELECT article_id, idx, start, "end", tokens FROM sentences '
                                f"WHERE article_id IN ({marks}) {d.order('article_id', 'idx')}", ids):
        by_article.setdefault(r[0], []).append(_sentence(*r))
    sentences = tuple(s for a in ids for s in by_article.get(a, ()))
    speakers = tuple((r[0], r[1]) for r in store.conn.execute(
        "SELECT q.article_id, coalesce(e.name, q.speaker_name, q.speaker_role || ' ' || "
        "coalesce(q.speaker_organisation, '')) FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id IN ({marks}) "
        "AND q.kind != 'indirect' AND q.speaker_kind != 'unknown'", ids))
    names = tuple((r[0], r[1]) for r in store.conn.execute(
        "SELECT m.article_id, e.name FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) AND e.type != 'MISC'", ids))
    # ``c.*`` and ``t.*`` as the report always read them: PostgreSQL breaks ties of the order by the plan
    claims = tuple(_claim_row(r) for r in store.conn.execute(
        f"SELECT c.*, a.outlet FROM claims c JOIN articles a ON a.id = c.article_id "
        f"WHERE c.article_id IN ({marks}) {d.order('c.about')}", ids))
    timexes = tuple(_timex_row(r) for r in store.conn.execute(
        f"SELECT t.*, a.outlet FROM timexes t JOIN articles a ON a.id = t.article_id "
        f"WHERE t.article_id IN ({marks}) {d.order('t.value_start')}", ids))
    groups, group_claims, group_timexes, contexts = _claim_groups(store, ids, {c.id: c for c in claims})
    return StoryMaterial(
        head=head, events=tuple(events), articles=articles, sentences=sentences, speakers=speakers,
        entity_names=names, claims=claims, timexes=timexes,
        quotes=tuple(stored_quotes(store, article_ids=ids, kinds=("direct", "partial"))),
        claim_groups=groups, group_claims=group_claims, group_timexes=group_timexes, contexts=contexts,
        entities=tuple(story_entities(store, ids)))


def _claim_groups(store: Store, ids: Sequence[str], claims: dict[str, StoredClaim]) -> tuple[
        tuple[dict[str, Any], ...], dict[str, StoredClaim], dict[tuple[str, int], StoredTimex],
        dict[tuple[str, int], str]]:
    """The claim groups with a member in the story, and what each of their members refers to."""
    from .claims import claim_groups

    inside = set(ids)

    def in_story(ref: str) -> bool:
        parts = ref.split(":")  # a claim id, or "t:<article>:<start>" for a time expression
        return ref in claims or (len(parts) == 3 and parts[1] in inside)

    groups = tuple(g for g in claim_groups(store) if any(in_story(c) for c in g["claims"]))
    found: dict[str, StoredClaim] = {}
    timexes: dict[tuple[str, int], StoredTimex] = {}
    contexts: dict[tuple[str, int], str] = {}
    for ref in (c for g in groups for c in g["claims"]):
        if ref.startswith("t:"):
            _, article, start = ref.split(":")
            row = store.conn.execute(f"SELECT {_TIMEX} FROM timexes t JOIN articles a ON a.id = t.article_id "
                                     "WHERE t.article_id = ? AND t.start = ?", (article, int(start))).fetchone()
            if row is not None:
                timexes[(article, int(start))] = _timex(row)
            where = (article, int(start))
        else:
            claim = claims.get(ref)
            if claim is None:  # a claim of an article outside this story
                row = store.conn.execute(f"SELECT {_CLAIM} FROM claims c JOIN articles a ON a.id = c.article_id "
                                         "WHERE c.id = ?", (ref,)).fetchone()
                claim = _claim(row) if row is not None else None
            if claim is None:
                continue
            found[ref] = claim
            where = (claim.article_id, claim.start)
        if where not in contexts:
            contexts[where] = sentence_text(store, *where)[0]
    return groups, found, timexes, contexts


def story_entities(store: Store, ids: Sequence[str], limit: int = TOP_ENTITIES) -> list[dict[str, Any]]:
    """The entities mentioned in these articles, those in the most articles first."""
    return [dict(r) for r in store.conn.execute(
        "SELECT e.id, e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles "
        f"FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({_marks(len(ids))}) "
        f"GROUP BY e.id {store.dialect.order('articles DESC', 'mentions DESC')} LIMIT {int(limit)}", list(ids))]
