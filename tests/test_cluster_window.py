"""Event clustering, stated against plain rules it must equal.

- The inverted index and retiring events that ended before the window change nothing: the result
  is that of comparing every article with every event in its window (when no feature is so common
  that the index stops looking it up, which these small vocabularies never reach), undated cores
  placed first.
- Incremental equals all at once when the later batch comes later in time: clustering the first
  batch, storing it, and clustering the second against the stored events gives exactly the events
  of clustering everything in one pass. When the later batch reaches back in time, earlier articles
  keep their events (nothing stored moves) and every article still ends in exactly one event.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import date, timedelta
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from duiding import cluster
from duiding.cluster import (
    CORE_MARGIN,
    CORE_MIN,
    EVENT_THRESHOLD,
    EVENT_WINDOW_DAYS,
    Event,
    Features,
    _near,
    best_member,
    cluster_events,
    feature_idf,
    vector,
)

WORDS = ["brug", "staking", "dijk", "trein", "school", "brand", "storm", "verkiezing"]


def _every_event(articles: list[Features], idf: dict[str, float], threshold: float = EVENT_THRESHOLD,
                 cores: bool = True) -> list[Event]:
    """The one-pass rule written plainly: each article against every event there is; the undated ones
    after the cores among them (clustered alone at a bar ``CORE_MARGIN`` higher, ``CORE_MIN`` or more)
    are placed whole, each where its first article would go among the events before them, and the rest
    closest first."""
    events: list[Event] = []

    def nearest(f: Features, vec: dict[str, float], among: list[Event]) -> Event | None:
        return _closest(f, vec, among, threshold)[0]

    def place(f: Features, e: Event | None) -> Event:
        if e is None:
            e = Event(id="ev" + hashlib.sha1(f.id.encode()).hexdigest()[:10], start=f.start, end=f.end)
            events.append(e)
        e.add(f, vector(f, idf))
        return e

    dated = [f for f in articles if f.start and f.end]
    undated = sorted((f for f in articles if not (f.start and f.end)), key=lambda a: a.id)
    for f in sorted(dated, key=lambda a: (a.start or "", a.id)):
        place(f, nearest(f, vector(f, idf), events))
    if cores and undated:
        by_id, before = {f.id: f for f in undated}, list(events)
        for core in _every_event(undated, idf, threshold + CORE_MARGIN, cores=False):
            if len(core.articles) >= CORE_MIN:
                first = by_id.pop(core.articles[0])
                e = place(first, nearest(first, vector(first, idf), before))
                for a in core.articles[1:]:
                    place(by_id.pop(a), e)
        undated = [f for f in undated if f.id in by_id]
        closest = {f.id: _closest(f, vector(f, idf), events, threshold)[1] for f in undated}
        undated.sort(key=lambda f: (-closest[f.id], f.id))
    for f in undated:
        place(f, nearest(f, vector(f, idf), events))
    return events


def _closest(f: Features, vec: dict[str, float], among: list[Event], threshold: float) -> tuple[Event | None, float]:
    """The event in ``f``'s window it joins (None: a new one), and its highest similarity to any such event."""
    best, best_sim, top = None, threshold, 0.0
    for e in among:
        if _near(f.start, f.end, e.start, e.end, EVENT_WINDOW_DAYS):
            sim = best_member(vec, e)
            top = max(top, sim)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = e, sim
    return best, top


@st.composite
def article(draw: st.DrawFn, i: int, dated_only: bool = False) -> Features:
    day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 120)))
    kind = draw(st.sampled_from(["day", "day", "day", "month"] + ([] if dated_only else ["none"])))
    if kind == "none":
        start = end = None
    elif kind == "month":
        start, end = f"{day:%Y-%m}-01T00:00:00", f"{day:%Y-%m}-28T23:59:59"
    else:
        start, end = f"{day}T08:00:00", f"{day}T20:00:00"
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    people = draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), max_size=2))
    return Features(id=f"a{i:03d}", start=start, end=end, title=None, terms={w: float(words.count(w)) for w in words},
                    entities=dict.fromkeys(people, 1.0), digest=draw(st.booleans()) and draw(st.booleans()))


def _shape(events: list[Event]) -> list[tuple[str, list[str]]]:
    return [(e.id, e.articles) for e in events]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(*(article(i) for i in range(n)))))
def test_same_events_as_comparing_with_every_event(articles: tuple[Features, ...]) -> None:
    """Exact while no candidate limit binds (CANDIDATES_MAX, POSTINGS_MAX): lifted here, since a small
    vocabulary can reach them; on real news they bind only where a feature is shared by very many events."""
    idf = feature_idf(articles)
    with patch.multiple(cluster, CANDIDATES_MAX=10**6, POSTINGS_MAX=10**6):
        assert _shape(cluster_events(list(articles), idf)) == _shape(_every_event(list(articles), idf))


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 40).flatmap(lambda n: st.tuples(*(article(i, dated_only=True) for i in range(n)))),
       st.floats(0.1, 0.9))
def test_incremental_equals_all_at_once_when_later_articles_come_later(articles: tuple[Features, ...],
                                                                       share: float) -> None:
    ordered = sorted(articles, key=lambda f: (f.start or "", f.id))
    cut = max(1, int(len(ordered) * share))
    first, later = ordered[:cut], ordered[cut:]
    idf = feature_idf(articles)
    stored = cluster_events(first, idf)
    assert _shape(cluster_events(later, idf, stored)) == _shape(cluster_events(ordered, idf))


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 40).flatmap(lambda n: st.tuples(*(article(i) for i in range(n)))), st.randoms())
def test_incremental_in_any_order_keeps_earlier_events(articles: tuple[Features, ...], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    first, later = shuffled[: len(shuffled) // 2], shuffled[len(shuffled) // 2:]
    idf = feature_idf(articles)
    stored = cluster_events(first, idf)
    before = {a: e.id for e in stored for a in e.articles}
    after_events = cluster_events(later, idf, copy.deepcopy(stored))
    after = {a: e.id for e in after_events for a in e.articles}
    assert all(after[a] == e for a, e in before.items())
    assert sorted(a for e in after_events for a in e.articles) == sorted(f.id for f in articles)
