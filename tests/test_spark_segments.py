"""Clustering cut into time segments and merged gives exactly the one-pass result (no Spark needed)."""

from __future__ import annotations

import random

from duiding.cluster import Event, Features, cluster_events, idf_table, link_storylines
from duiding.spark.segments import merge, plan

WORDS = ["dijk", "maas", "staking", "trein", "gent", "zone", "wapen", "top", "raket", "school", "griep", "brand"]


def _corpus(seed: int, n: int = 160) -> list[Features]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        month = rng.choice([1, 1, 2, 4, 4, 9])  # bursts with gaps wider than the event window between them
        day = f"2024-{month:02d}-{rng.randint(1, 20):02d}"
        undated = rng.random() < 0.05
        month_only = rng.random() < 0.1
        start = None if undated else (f"2024-{month:02d}-01T00:00:00" if month_only else f"{day}T08:00:00")
        end = None if undated else (f"2024-{month:02d}-28T23:59:59" if month_only else f"{day}T08:00:59")
        topic = rng.sample(WORDS, 3)
        out.append(Features(f"a{i:03d}", start, end, None, {w: rng.randint(1, 4) for w in topic},
                            {f"e{rng.randint(0, 5)}": 1.0}))
    return out


def _segmented(articles: list[Features], idf: dict[str, float], stored: list[Event]) -> list[Event]:
    cut = plan(articles, stored)
    assert cut is not None and len(cut.segments) > 1
    results = [cluster_events(seg.articles, idf, seg.events) for seg in cut.segments]
    merged = merge(stored, results, {f.id: f for f in articles})
    return cluster_events(cut.undated, idf, merged)


def _shape(events: list[Event]) -> list[tuple[str, tuple[str, ...], str | None, str | None]]:
    return [(e.id, tuple(e.articles), e.start, e.end) for e in events]


def test_segments_then_merge_equals_one_pass() -> None:
    for seed in range(5):
        articles = _corpus(seed)
        idf = idf_table(f.terms for f in articles)
        one = cluster_events(articles, idf)
        split = _segmented(articles, idf, [])
        assert _shape(split) == _shape(one)
        assert [[e.id for e in g] for g in link_storylines(split)] == [[e.id for e in g] for g in link_storylines(one)]


def test_incremental_runs_with_stored_events_also_match() -> None:
    articles = _corpus(11)
    idf = idf_table(f.terms for f in articles)
    dated = [f for f in articles if f.start]
    first, later = dated[::2], [f for f in articles if f not in dated[::2]]
    stored_a = cluster_events(first, idf)
    stored_b = cluster_events(first, idf)  # a second, independent copy: cluster_events mutates events
    assert _shape(_segmented(later, idf, stored_a)) == _shape(cluster_events(later, idf, stored_b))


def test_an_unplaceable_date_means_one_pass() -> None:
    bad = Features("x", "not a date", "not a date", None, {"dijk": 1}, {})
    assert plan([bad], []) is None
