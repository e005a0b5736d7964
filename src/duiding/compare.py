"""How each outlet covered a story: its articles, whom it quotes, what it stresses, what only it reports.

A fact is unique to an outlet when none of the other outlets' sentences says much the same
(lemma cosine below UNIQUE_SIMILARITY) and the sentence carries content (a name or a number
among enough content words), so that "De spanning liep op." does not count as a scoop.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .lang import Language
from .sentences import Sent, cosine, story_sentences, weigh
from .store import Store

UNIQUE_SIMILARITY = 0.25
MIN_CONTENT_TERMS = 6
MAX_UNIQUE = 5


@dataclass
class OutletView:
    outlet: str
    articles: list[dict] = field(default_factory=list)
    words: int = 0
    speakers: Counter[str] = field(default_factory=Counter)
    entities: list[tuple[str, int]] = field(default_factory=list)
    unique: list[Sent] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)


def compare_outlets(store: Store, article_ids: list[str], lang: Language) -> list[OutletView]:
    marks = ",".join("?" * len(article_ids)) or "NULL"
    views: dict[str, OutletView] = {}
    label = outlet_labels(store, article_ids)
    for r in store.conn.execute(f"SELECT id, title, outlet, published, text FROM articles WHERE id IN ({marks}) "
                                "ORDER BY published_start", article_ids):
        v = views.setdefault(label[r["id"]], OutletView(label[r["id"]]))
        v.articles.append({"id": r["id"], "title": r["title"], "published": r["published"]})
        v.words += len(r["text"].split())
    for article, speaker in store.conn.execute(
            "SELECT q.article_id, coalesce(e.name, q.speaker_name, q.speaker_role || ' ' || "
            "coalesce(q.speaker_organisation, '')) FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id IN ({marks}) "
            "AND q.kind != 'indirect' AND q.speaker_kind != 'unknown'", article_ids):
        views[label[article]].speakers[speaker.strip()] += 1
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    for article, name in store.conn.execute(
            "SELECT m.article_id, e.name FROM mentions m JOIN articles a ON a.id = m.article_id "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) AND e.type != 'MISC'", article_ids):
        per_outlet[label[article]][name] += 1
    for outlet, counts in per_outlet.items():
        views[outlet].entities = counts.most_common(8)
    for r in store.conn.execute(f"SELECT c.*, a.outlet FROM claims c JOIN articles a ON a.id = c.article_id "
                                f"WHERE c.article_id IN ({marks}) ORDER BY c.about", article_ids):
        views[label[r["article_id"]]].claims.append(dict(r))
    _unique_facts(views, store, article_ids, lang, label)
    return sorted(views.values(), key=lambda v: (-len(v.articles), v.outlet))


def _unique_facts(views: dict[str, OutletView], store: Store, article_ids: list[str], lang: Language,
                  label: dict[str, str]) -> None:
    if len(views) < 2:
        return
    sents = story_sentences(store, article_ids, lang)
    vectors = weigh(sents)
    for i, s in enumerate(sents):
        if len(s.terms) < MIN_CONTENT_TERMS or not _has_content(s):
            continue
        outlet = label[s.article]
        others = [vectors[j] for j, o in enumerate(sents) if label[o.article] != outlet]
        if others and max(cosine(vectors[i], v) for v in others) < UNIQUE_SIMILARITY:
            views[outlet].unique.append(s)
    for v in views.values():
        v.unique = sorted(v.unique, key=lambda s: -len(s.terms))[:MAX_UNIQUE]


def outlet_labels(store: Store, article_ids: list[str]) -> dict[str, str]:
    """Article id -> who published it; an unknown outlet is named by its source file, since two
    articles of unknown origin are not known to come from the same outlet."""
    marks = ",".join("?" * len(article_ids)) or "NULL"
    return {r[0]: r[1] or f"unknown outlet ({r[2]})" for r in store.conn.execute(
        f"SELECT id, outlet, source FROM articles WHERE id IN ({marks})", article_ids)}


def _has_content(s: Sent) -> bool:
    return any(ch.isdigit() for ch in s.text) or sum(1 for w in s.text.split()[1:] if w[:1].isupper()) >= 1
