"""Everything a story report shows, as plain data: the one model the Markdown, HTML and JSON
renderers (and later the web pages) draw from, so they cannot disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from ..compare import compare_outlets, outlet_labels
from ..lang import Language
from ..records import StoredClaim, StoryMaterial
from ..sentences import story_sentences
from ..store import Store
from ..store.analysis import story_material
from ..store.db import UNKNOWN_OUTLET
from ..summarise import summarise
from ..timeline import story_timeline


def story_report(store: Store, story_id: str, lang: Language, summary_length: int = 6) -> dict[str, Any]:
    """The report of the storyline or event ``story_id`` (NotFoundError when there is none)."""
    return build_report(story_material(store, story_id), lang, summary_length)


def build_report(material: StoryMaterial, lang: Language, summary_length: int = 6) -> dict[str, Any]:
    """The report model from a story's material (``store.analysis.story_material``). Pure: the story's
    sentences are made once and shared by the outlet comparison, the summary and the timeline."""
    head = material.head
    ids = material.article_ids
    by_id = {a.id: a for a in material.articles}
    sents = story_sentences(material.articles, material.sentences, lang)
    outlets = compare_outlets(material, sents)
    label = outlet_labels(material.articles)
    quotes = [dict(q) | {"outlet": label[q["article_id"]]} for q in material.quotes]
    return {
        "id": head.id,
        "kind": head.kind,
        "label": head.label,
        "start": head.start,
        "end": head.end,
        "events": [{"id": e.id, "label": e.label, "start": e.start, "end": e.end, "articles": list(members)}
                   for e, members in material.events],
        "articles": [{"id": a, "title": by_id[a].title, "published": by_id[a].published,
                      "source": by_id[a].source, "outlet": label[a]} for a in ids],
        "summary": [asdict(s) | {"outlet": label[s.article]} for s in summarise(
            sents, summary_length, groups=[list(members) for _, members in material.events])],
        "timeline": [_labelled(asdict(t), label) for t in story_timeline(sents, material.timexes, head.start)],
        "outlets": [{"outlet": v.outlet, "articles": v.articles, "words": v.words,
                     "speakers": dict(v.speakers.most_common()), "entities": v.entities,
                     "unique": [{"text": s.text, "article": s.article, "start": s.start, "end": s.end}
                                for s in v.unique],
                     "claims": [_claim(c) for c in v.claims]} for v in outlets],
        "speakers": _speaker_matrix(quotes),
        "quotes": [{"id": q["id"], "speaker": q["speaker"], "role": q["speaker_role"],
                    "organisation": q["speaker_organisation"], "outlet": q["outlet"], "article": q["article_id"],
                    "text": q["text"], "kind": q["kind"], "start": q["start"], "end": q["end"]} for q in quotes],
        "claim_groups": [{**g, "members": [_member(material, c) for c in g["claims"]]}
                         for g in material.claim_groups],
        "entities": [dict(e) for e in material.entities],
    }


def _claim(c: StoredClaim) -> dict[str, Any]:
    return {"id": c.id, "text": c.text, "value": c.value, "unit": c.unit, "hedge": c.hedge, "about": c.about,
            "article_id": c.article_id}


def _labelled(entry: dict[str, Any], label: dict[str, str]) -> dict[str, Any]:
    for c in entry["citations"]:
        c["outlet"] = label.get(c["article"], c["outlet"])
    return entry


def _speaker_matrix(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for q in quotes:
        counts[(q["speaker"] or "(unknown)", q["outlet"] or UNKNOWN_OUTLET)] += 1
    speakers = sorted({s for s, _ in counts}, key=lambda s: -sum(c for (sp, _), c in counts.items() if sp == s))
    outlets = sorted({o for _, o in counts})
    return {"speakers": speakers, "outlets": outlets,
            "counts": [[counts[(s, o)] for o in outlets] for s in speakers]}


def _member(material: StoryMaterial, ref: str) -> dict[str, Any]:
    """One member of a claim group: a claim (maybe of an article outside the story) or a time expression."""
    claim = material.group_claims.get(ref)
    if claim is not None:
        return {"outlet": claim.outlet or UNKNOWN_OUTLET, "article": claim.article_id,
                "text": claim.text, "value": claim.value, "hedge": claim.hedge,
                "sentence": material.contexts.get((claim.article_id, claim.start), "")}
    _, article, start = ref.split(":")
    t = material.group_timexes.get((article, int(start)))
    return {"outlet": t.outlet if t else None, "article": article, "text": t.text if t else ref, "value": None,
            "hedge": None, "sentence": material.contexts.get((article, int(start)), "")}
