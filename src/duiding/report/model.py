"""Everything a story report shows, as plain data: the one model the Markdown, HTML and JSON
renderers (and later the web pages) draw from, so they cannot disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from ..compare import compare_outlets, outlet_labels
from ..errors import QueryError
from ..lang import Language
from ..store import Store
from ..store.claims import claim_groups, sentence_text
from ..store.quotes import quotes as story_quotes
from ..store.stories import event_articles, events, storylines
from ..summarise import summarise
from ..timeline import story_timeline


def story_report(store: Store, story_id: str, lang: Language, summary_length: int = 6) -> dict[str, Any]:
    line = next((s for s in storylines(store) if s["id"] == story_id), None)
    event = next((e for e in events(store) if e["id"] == story_id), None)
    if line is None and event is None:
        raise QueryError(f"no storyline or event with id {story_id!r}; `duiding stories` lists them")
    evs = events(store, story_id) if line else [event]
    articles = [a for e in evs for a in event_articles(store, e["id"])]
    ids = [a["id"] for a in articles]
    head = line or event
    outlets = compare_outlets(store, ids, lang)
    quotes = story_quotes(store, article_ids=ids, kinds=("direct", "partial"))
    label = outlet_labels(store, ids)
    for q in quotes:
        q["outlet"] = label[q["article_id"]]
    claims = {c["id"]: c for v in outlets for c in v.claims}
    groups = [g for g in claim_groups(store) if any(_in_story(c, claims, ids) for c in g["claims"])]
    return {
        "id": story_id,
        "kind": "storyline" if line else "event",
        "label": head["label"],
        "start": head["start"],
        "end": head["end"],
        "events": [{"id": e["id"], "label": e["label"], "start": e["start"], "end": e["end"],
                    "articles": [a["id"] for a in event_articles(store, e["id"])]} for e in evs],
        "articles": [{k: a[k] for k in ("id", "title", "published", "source")} | {"outlet": label[a["id"]]}
                     for a in articles],
        "summary": [asdict(s) | {"outlet": label[s.article]} for s in summarise(
            store, ids, lang, summary_length, groups=[[a["id"] for a in event_articles(store, e["id"])] for e in evs])],
        "timeline": [_labelled(asdict(t), label) for t in story_timeline(store, ids, lang, head["start"])],
        "outlets": [{"outlet": v.outlet, "articles": v.articles, "words": v.words,
                     "speakers": dict(v.speakers.most_common()), "entities": v.entities,
                     "unique": [{"text": s.text, "article": s.article, "start": s.start, "end": s.end}
                                for s in v.unique],
                     "claims": [{k: c[k] for k in ("id", "text", "value", "unit", "hedge", "about", "article_id")}
                                for c in v.claims]} for v in outlets],
        "speakers": _speaker_matrix(quotes),
        "quotes": [{"id": q["id"], "speaker": q["speaker"], "role": q["speaker_role"],
                    "organisation": q["speaker_organisation"], "outlet": q["outlet"], "article": q["article_id"],
                    "text": q["text"], "kind": q["kind"], "start": q["start"], "end": q["end"]} for q in quotes],
        "claim_groups": [{**g, "members": [_member(store, c, claims) for c in g["claims"]]} for g in groups],
        "entities": _entities(store, ids),
    }


def _labelled(entry: dict[str, Any], label: dict[str, str]) -> dict[str, Any]:
    for c in entry["citations"]:
        c["outlet"] = label.get(c["article"], c["outlet"])
    return entry


def _in_story(ref: str, claims: dict[str, dict[str, Any]], ids: list[str]) -> bool:
    parts = ref.split(":")  # a claim id, or "t:<article>:<start>" for a time expression
    return ref in claims or (len(parts) == 3 and parts[1] in ids)


def _speaker_matrix(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for q in quotes:
        counts[(q["speaker"] or "(unknown)", q["outlet"] or "outlet unknown")] += 1
    speakers = sorted({s for s, _ in counts}, key=lambda s: -sum(c for (sp, _), c in counts.items() if sp == s))
    outlets = sorted({o for _, o in counts})
    return {"speakers": speakers, "outlets": outlets,
            "counts": [[counts[(s, o)] for o in outlets] for s in speakers]}


def _member(store: Store, ref: str, claims: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if ref not in claims and not ref.startswith("t:"):  # a claim of an article outside this story
        row = store.conn.execute("SELECT c.*, a.outlet FROM claims c JOIN articles a ON a.id = c.article_id "
                                 "WHERE c.id = ?", (ref,)).fetchone()
        if row is not None:
            claims = {ref: dict(row)}
    if ref in claims:
        c = claims[ref]
        return {"outlet": c["outlet"] or f"unknown outlet ({c['article_id'][:10]})", "article": c["article_id"],
                "text": c["text"], "value": c["value"], "hedge": c["hedge"],
                "sentence": _sentence(store, c["article_id"], c["start"])}
    _, article, start = ref.split(":")
    row = store.conn.execute("SELECT t.text, a.outlet FROM timexes t JOIN articles a ON a.id = t.article_id "
                             "WHERE t.article_id = ? AND t.start = ?", (article, int(start))).fetchone()
    return {"outlet": row[1] if row else None, "article": article, "text": row[0] if row else ref, "value": None,
            "hedge": None, "sentence": _sentence(store, article, int(start))}


def _sentence(store: Store, article: str, pos: int) -> str:
    return sentence_text(store, article, pos)[0]


def _entities(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(ids)) or "NULL"
    return [dict(r) for r in store.conn.execute(
        "SELECT e.id, e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles "
        f"FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) "
        "GROUP BY e.id ORDER BY articles DESC, mentions DESC LIMIT 40", ids)]
