"""Events and storylines: incremental clustering of articles in time order.

An article is described by TF-IDF weights of its content lemmas (nouns and verbs, title words
counted double) and by its resolved entities weighted by salience (lead and title mentions
count more, and repetition). It joins the most similar event whose dates lie within
``EVENT_WINDOW_DAYS`` of its own — a month-precision date is a range, so ``2023-09`` is near
any day of September — when the similarity reaches ``EVENT_THRESHOLD``; otherwise it starts a
new event. There is no fixed number of clusters, and a new article is compared only with events
near it in time, so analysing more files updates events in place.

Events whose core entities and topic agree within ``STORYLINE_WINDOW_DAYS`` are linked into
storylines (union-find: every event is in exactly one storyline).

The vectors are plain sparse dicts rather than a fitted scikit-learn model because events are
updated one article at a time; thresholds were calibrated on tests/fixtures/stories (B-cubed,
see benchmarks/stories.py), documented next to each constant.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

# Calibrated on tests/fixtures/stories (52 articles, 15 events; benchmarks/stories.py): event
# B-cubed F1 0.970 at 0.15 (precision 0.94), 0.954 at 0.25 (precision 1.0), 0.925 at 0.30. We take
# 0.25: merging two stories misleads a reader more than splitting one does.
EVENT_THRESHOLD = 0.25
EVENT_WINDOW_DAYS = 7
STORYLINE_THRESHOLD = 0.20  # storyline B-cubed F1 0.966 at 0.20 vs 0.908 at 0.30 (same sweep)
STORYLINE_WINDOW_DAYS = 540
ENTITY_WEIGHT = 0.5  # share of the entity vector in the similarity (the rest: lemmas)
TOP_TERMS = 150


@dataclass(frozen=True)
class Features:
    """What clustering knows of an article (built by ``features.py`` from the store)."""

    id: str
    start: str | None  # published range, ISO
    end: str | None
    title: str | None
    terms: dict[str, float]  # term -> count (before IDF)
    entities: dict[str, float]  # entity id -> salience


@dataclass
class Event:
    id: str
    start: str | None
    end: str | None
    articles: list[str] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)  # summed TF-IDF of members
    entities: Counter[str] = field(default_factory=Counter)

    def add(self, f: Features, tfidf: dict[str, float]) -> None:
        self.articles.append(f.id)
        self.terms.update(tfidf)
        self.entities.update(_unit(f.entities))
        if f.start and (self.start is None or f.start < self.start):
            self.start = f.start
        if f.end and (self.end is None or f.end > self.end):
            self.end = f.end
        if len(self.terms) > TOP_TERMS * 2:
            self.terms = Counter(dict(self.terms.most_common(TOP_TERMS)))


def idf_table(all_terms: Iterable[dict[str, float]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for terms in all_terms:
        n += 1
        df.update(terms.keys())
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def tfidf(terms: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in terms.items() if c > 0}
    return _unit(weights)


def cluster_events(articles: Sequence[Features], idf: dict[str, float], events: list[Event] | None = None,
                   threshold: float = EVENT_THRESHOLD) -> list[Event]:
    """Assign ``articles`` (in time order) to ``events``, creating new ones; returns all events."""
    events = list(events or [])
    # Articles come in time order, so an event that ended more than the window before this article
    # began can take no later article either: it leaves the candidates for good. Without this every
    # article was compared with every event ever made (hours at 100k articles); now with the events
    # of its last weeks. The candidates keep their order, so ties resolve as before.
    active = list(events)
    for f in sorted(articles, key=lambda a: (a.start or "9999", a.id)):
        vec = tfidf(f.terms, idf)
        begin, dated = _day(f.start), f.start is not None and f.end is not None
        if dated and begin is not None:
            active = [e for e in active if not _ended_before(e, begin)]
        best, best_sim = None, threshold
        for e in active if dated else events:  # an undated article is near every event
            if not _near(f.start, f.end, e.start, e.end, EVENT_WINDOW_DAYS):
                continue
            sim = similarity(vec, f.entities, e)
            if sim >= best_sim:
                best, best_sim = e, sim
        if best is None:
            best = Event(id="ev" + hashlib.sha1(f.id.encode()).hexdigest()[:10], start=f.start, end=f.end)
            events.append(best)
            active.append(best)
        best.add(f, vec)
    return events


def _ended_before(e: Event, day: datetime) -> bool:
    end = _day(e.end)
    if e.start is None or end is None:  # an undated event is near anything: it stays
        return False
    return (day - end).total_seconds() > EVENT_WINDOW_DAYS * 86400


def similarity(vec: dict[str, float], entities: dict[str, float], e: Event) -> float:
    term_sim = _cosine(vec, e.terms)
    if not entities or not e.entities:
        return term_sim
    return (1 - ENTITY_WEIGHT) * term_sim + ENTITY_WEIGHT * _cosine(_unit(entities), e.entities)


def link_storylines(events: Sequence[Event], threshold: float = STORYLINE_THRESHOLD) -> list[list[Event]]:
    """Events linked by shared core entities and topic over a long window; each in exactly one storyline."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(events):
        for j in range(i + 1, len(events)):
            b = events[j]
            if not _near(a.start, a.end, b.start, b.end, STORYLINE_WINDOW_DAYS):
                continue
            sim = (1 - ENTITY_WEIGHT) * _cosine(a.terms, b.terms) + ENTITY_WEIGHT * _cosine(
                _top(a.entities), _top(b.entities))
            if sim >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, e in enumerate(events):
        groups.setdefault(find(i), []).append(e)
    return sorted(groups.values(), key=lambda g: min(e.start or "9999" for e in g))


def _top(entities: Counter[str], n: int = 8) -> dict[str, float]:
    return _unit(dict(entities.most_common(n)))


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / norm for k, x in v.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(k, 0.0) for k, x in a.items())
    nb = math.sqrt(sum(x * x for x in b.values()))
    na = math.sqrt(sum(x * x for x in a.values()))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=65536)  # the same few thousand dates are compared millions of times
def _day(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso[:19])
    except ValueError:
        return None


def _near(a_start: str | None, a_end: str | None, b_start: str | None, b_end: str | None, days: int) -> bool:
    """Whether two date ranges come within ``days`` of each other (unknown dates are near anything)."""
    a0, a1, b0, b1 = _day(a_start), _day(a_end), _day(b_start), _day(b_end)
    if None in (a0, a1, b0, b1):
        return True
    gap = max((b0 - a1).total_seconds(), (a0 - b1).total_seconds(), 0.0)  # type: ignore[operator]
    return gap <= days * 86400
