"""How each outlet covered a story: its articles, whom it quotes, what it stresses, what only it reports.

A fact is unique to an outlet when none of the other outlets' sentences says much the same
(lemma cosine below UNIQUE_SIMILARITY) and the sentence carries content (a name or a number
among enough content words), so that "De spanning liep op." does not count as a scoop.

Pure: computed from a story's :class:`~duiding.records.StoryMaterial` and its sentences.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .records import StoredArticle, StoredClaim, StoryMaterial
from .sentences import Sent, cosine, weigh
from .store.db import UNKNOWN_OUTLET

UNIQUE_SIMILARITY = 0.25
MIN_CONTENT_TERMS = 6
MAX_UNIQUE = 5


@dataclass
class OutletView:
    outlet: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0
    speakers: Counter[str] = field(default_factory=Counter)
    entities: list[tuple[str, int]] = field(default_factory=list)
    unique: list[Sent] = field(default_factory=list)
    claims: list[StoredClaim] = field(default_factory=list)


def compare_outlets(material: StoryMaterial, sents: list[Sent]) -> list[OutletView]:
    """``sents``: the story's sentences (``sentences.story_sentences``), shared with the summary and timeline."""
    views: dict[str, OutletView] = {}
    label = outlet_labels(material.articles)
    for a in material.articles:
        v = views.setdefault(label[a.id], OutletView(label[a.id]))
        v.articles.append({"id": a.id, "title": a.title, "published": a.published})
        v.words += len(a.text.split())
    for article, speaker in material.speakers:
        views[label[article]].speakers[speaker.strip()] += 1
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    for article, name in material.entity_names:
        per_outlet[label[article]][name] += 1
    for outlet, counts in per_outlet.items():
        views[outlet].entities = counts.most_common(8)
    for c in material.claims:
        views[label[c.article_id]].claims.append(c)
    _unique_facts(views, sents, label)
    return sorted(views.values(), key=lambda v: (-len(v.articles), v.outlet))


def _unique_facts(views: dict[str, OutletView], sents: list[Sent], label: dict[str, str]) -> None:
    if len(views) < 2:
        return
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


def outlet_labels(articles: list[StoredArticle] | tuple[StoredArticle, ...]) -> dict[str, str]:
    """Article id -> who published it; every article without an outlet is in the one group ``unknown``
    (named per source file, 63 files made "63 outlets", 63 filter boxes and a quote table 11,000 px wide)."""
    return {a.id: a.outlet or UNKNOWN_OUTLET for a in articles}


def _has_content(s: Sent) -> bool:
    return any(ch.isdigit() for ch in s.text) or sum(1 for w in s.text.split()[1:] if w[:1].isupper()) >= 1
