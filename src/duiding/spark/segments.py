"""Cut event clustering into independent time segments, and put the results back in local order.

``cluster.cluster_events`` is greedy in time order and compares an article only with events
within ``EVENT_WINDOW_DAYS`` of it. Two groups of articles (and already stored events) whose date
ranges are separated by a gap wider than the window can therefore never interact, so each group
can be clustered on its own — on a different executor — with the same function and the same
global idf, and the union is exactly what one sequential pass gives. Putting the events back in
the order the sequential pass creates them (stored events first, then new ones in the time order
of the article that founded them) keeps the later, order-sensitive steps (storyline linking,
tie-breaking in incremental runs) identical too.

Undated articles are near every event, so they are clustered last, on the driver, against all
events — which is also where the sequential pass puts them (it sorts them after every date).
No pyspark here: the plan is plain Python and is tested without a Spark session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..cluster import EVENT_WINDOW_DAYS, Event, Features, _day


@dataclass
class Segment:
    events: list[Event] = field(default_factory=list)  # stored events in this time range, in stored order
    articles: list[Features] = field(default_factory=list)


@dataclass
class Plan:
    segments: list[Segment]
    undated: list[Features]  # clustered last, on the driver, against every event


def order_key(f: Features) -> tuple[str, str]:
    """The order ``cluster_events`` visits articles in."""
    return (f.start or "9999", f.id)


def plan(articles: Sequence[Features], events: Sequence[Event], window_days: int = EVENT_WINDOW_DAYS) -> Plan | None:
    """Independent segments, or None when some date cannot be placed (then cluster in one pass)."""
    spans: list[tuple[datetime, datetime, int, int]] = []  # (start, end, 0 = event | 1 = article, index)
    undated: list[Features] = []
    for i, e in enumerate(events):
        s, t = _day(e.start), _day(e.end)
        if s is None or t is None:
            return None  # a stored event without dates is near everything
        spans.append((s, t, 0, i))
    for i, f in enumerate(articles):
        if not f.start:
            undated.append(f)
            continue
        s, t = _day(f.start), _day(f.end)
        if s is None or t is None:
            return None  # sorted among the dated ones but near everything: no safe cut
        spans.append((s, t, 1, i))
    spans.sort(key=lambda x: x[0])
    window = timedelta(days=window_days)
    segment_of: dict[tuple[int, int], int] = {}
    count = 0
    reach: datetime | None = None
    for s, t, kind, i in spans:
        if reach is None or s - reach > window:  # the same test as cluster._near: a gap over the window
            count += 1
            reach = t
        reach = max(reach, t)
        segment_of[(kind, i)] = count - 1
    segments = [Segment() for _ in range(count)]
    for i, e in enumerate(events):  # stored events keep their given order within a segment
        segments[segment_of[(0, i)]].events.append(e)
    for i, f in enumerate(articles):
        if (1, i) in segment_of:
            segments[segment_of[(1, i)]].articles.append(f)
    return Plan(segments, undated)


def merge(stored: Sequence[Event], results: Sequence[Sequence[Event]],
          first_article: dict[str, Features]) -> list[Event]:
    """All events in the order one sequential pass leaves them: stored ones as given, then new ones in
    the time order of their founding article. ``first_article`` maps article id -> features."""
    by_id = {e.id: e for events in results for e in events}
    stored_ids = [e.id for e in stored]
    old = set(stored_ids)
    new = [e for e in by_id.values() if e.id not in old]
    new.sort(key=lambda e: order_key(first_article[e.articles[0]]))
    return [by_id.get(i, e) for i, e in zip(stored_ids, stored, strict=True)] + new
