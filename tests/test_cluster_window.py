"""Retiring events that ended before the window changes nothing: the same events as comparing with all."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from duiding.cluster import EVENT_THRESHOLD, EVENT_WINDOW_DAYS, Event, Features, _near, cluster_events, similarity
from duiding.cluster import tfidf as weigh

WORDS = ["brug", "staking", "dijk", "trein", "school", "brand", "storm", "verkiezing"]


def _every_event(articles: list[Features], idf: dict[str, float]) -> list[Event]:
    """The one-pass rule written plainly: each article against every event there is."""
    events: list[Event] = []
    for f in sorted(articles, key=lambda a: (a.start or "9999", a.id)):
        vec = weigh(f.terms, idf)
        best, best_sim = None, EVENT_THRESHOLD
        for e in events:
            if _near(f.start, f.end, e.start, e.end, EVENT_WINDOW_DAYS):
                sim = similarity(vec, f.entities, e)
                if sim >= best_sim:
                    best, best_sim = e, sim
        if best is None:
            best = Event(id="ev" + hashlib.sha1(f.id.encode()).hexdigest()[:10], start=f.start, end=f.end)
            events.append(best)
        best.add(f, vec)
    return events


@st.composite
def article(draw: st.DrawFn, i: int) -> Features:
    day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 120)))
    kind = draw(st.sampled_from(["day", "day", "day", "month", "none"]))
    if kind == "none":
        start = end = None
    elif kind == "month":
        start, end = f"{day:%Y-%m}-01T00:00:00", f"{day:%Y-%m}-28T23:59:59"
    else:
        start, end = f"{day}T08:00:00", f"{day}T20:00:00"
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    people = draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), max_size=2))
    return Features(id=f"a{i:03d}", start=start, end=end, title=None, terms={w: float(words.count(w)) for w in words},
                    entities=dict.fromkeys(people, 1.0))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(*(article(i) for i in range(n)))))
def test_same_events_as_comparing_with_every_event(articles: tuple[Features, ...]) -> None:
    idf = {w: 1.0 + i / 10 for i, w in enumerate(WORDS)}
    fast = cluster_events(list(articles), idf)
    plain = _every_event(list(articles), idf)
    assert [(e.id, e.articles) for e in fast] == [(e.id, e.articles) for e in plain]
