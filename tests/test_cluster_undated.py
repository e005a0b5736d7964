"""Undated articles: the agreement of their e5 leads is added to the lexical match, against a higher threshold.

Two reports of one happening share the happening's words and their leads agree; a report of another
happening of the same kind shares the words as much, but its lead (other people, another place) does not.
Dated articles are untouched: their window already keeps such happenings apart.
"""

from __future__ import annotations

import math

from duiding.cluster import (
    CORE_MARGIN,
    CORE_MIN,
    EVENT_THRESHOLD,
    LEAD_FLOOR,
    UNDATED_MARGIN,
    Features,
    _dot,
    cluster_events,
    feature_idf,
    lead_bonus,
    vector,
)


def _lead(angle: float) -> tuple[float, ...]:
    """A unit vector at ``angle`` from the first axis: cosines between leads are chosen exactly."""
    return (math.cos(angle), math.sin(angle), 0.0)


def _article(aid: str, lead: tuple[float, ...] | None, dated: bool = False) -> Features:
    day = "2025-03-01T08:00:00" if dated else None
    return Features(id=aid, start=day, end=day, title=None, language="en", embedding=lead,
                    terms={"earthquake": 2.0, "magnitude": 1.0, "tremor": 1.0, aid: 5.0, aid + "x": 5.0}, entities={})


SAME = math.acos(0.95)  # leads of one happening
OTHER = math.acos(0.80)  # leads of two happenings of one kind


def test_lead_bonus_is_zero_below_the_floor_and_grows_above_it() -> None:
    assert lead_bonus(_lead(0.0), _lead(math.acos(LEAD_FLOOR - 0.01))) == 0.0
    assert lead_bonus(_lead(0.0), _lead(SAME)) > UNDATED_MARGIN


def _events(articles: list[Features]) -> list[list[str]]:
    return sorted(sorted(e.articles) for e in cluster_events(articles, feature_idf(articles)))


def test_undated_reports_join_when_their_leads_agree_and_stay_apart_when_not() -> None:
    a, b = _article("a1", _lead(0.0)), _article("a2", _lead(SAME))
    c = _article("a3", _lead(-OTHER))  # the same words, another happening's lead
    idf = feature_idf([a, b, c])
    lexical = _dot(vector(a, idf), vector(c, idf))
    assert EVENT_THRESHOLD <= lexical < EVENT_THRESHOLD + UNDATED_MARGIN  # enough alone without leads
    assert _events([a, b, c]) == [["a1", "a2"], ["a3"]]


def test_without_leads_undated_articles_keep_the_lexical_threshold() -> None:
    arts = [_article(f"a{i}", None) for i in range(3)]
    assert _events(arts) == [["a0", "a1", "a2"]]  # the shared words alone reach EVENT_THRESHOLD


def test_dated_articles_ignore_the_leads() -> None:
    arts = [_article("a1", _lead(0.0), dated=True), _article("a2", _lead(SAME), dated=True),
            _article("a3", _lead(-OTHER), dated=True)]
    assert _events(arts) == _events([_article(f.id, None, dated=True) for f in arts])


def test_which_articles_get_a_lead() -> None:
    from duiding.stories import needs_lead

    undated, dated = _article("u", None), _article("d", None, dated=True)
    assert needs_lead(undated, multilingual=False)
    assert not needs_lead(dated, multilingual=False)  # one language, dated: the window separates happenings
    assert needs_lead(dated, multilingual=True)
    assert not needs_lead(_article("e", _lead(0.0)), multilingual=False)  # kept from an earlier batch
    unanalysed = Features(id="x", start=None, end=None, title=None, terms={"word": 1.0}, entities={})
    assert not needs_lead(unanalysed, multilingual=True)


def _report(aid: str, terms: dict[str, float]) -> Features:
    return Features(id=aid, start=None, end=None, title=None, language="en", embedding=None, terms=terms, entities={})


def _two_floods_and_a_bridge() -> list[Features]:
    """Six reports of a river flood in the north, five of a dam failure in the south, and one dam report
    ("a1") that also names the river: it comes second in visiting order, right after the first river report."""
    north = [_report(f"a{i}", {"flood": 1.0, "river": 2.0, "north": 2.0, f"u{i}": 2.0}) for i in (0, 2, 3, 4, 5, 6)]
    south = [_report(f"b{i}", {"flood": 1.0, "dam": 2.0, "south": 2.0, f"v{i}": 2.0}) for i in range(CORE_MIN)]
    return [*north, *south, _report("a1", {"flood": 1.0, "dam": 2.0, "south": 2.0, "river": 1.0, "v9": 2.0})]


def test_an_early_bridging_report_does_not_merge_two_undated_happenings() -> None:
    arts = _two_floods_and_a_bridge()
    idf = feature_idf(arts)
    vec = {f.id: vector(f, idf) for f in arts}
    bridge = _dot(vec["a0"], vec["a1"])
    assert EVENT_THRESHOLD <= bridge < EVENT_THRESHOLD + CORE_MARGIN  # enough for one pair, not for a core
    assert _dot(vec["a1"], vec["b0"]) >= EVENT_THRESHOLD + CORE_MARGIN
    # visited one by one, the bridge joins the first river report and every dam report follows it there
    merged = cluster_events(arts, idf, cores=False)
    assert [sorted(e.articles) for e in merged] == [sorted(f.id for f in arts)]
    # the cores are formed first: the bridge goes with the dam reports it resembles most
    assert _events(arts) == [["a0", "a2", "a3", "a4", "a5", "a6"], ["a1", "b0", "b1", "b2", "b3", "b4"]]


def test_cores_of_a_later_batch_join_the_events_of_an_earlier_one() -> None:
    arts = _two_floods_and_a_bridge()
    idf = feature_idf(arts)
    first = cluster_events([f for f in arts if f.id in {"a0", "b0"}], idf)
    rest = [f for f in arts if f.id not in {"a0", "b0"}]
    assert len(rest) >= 2 * CORE_MIN  # a core of each happening in the later batch
    later = cluster_events(rest, idf, events=first)
    assert sorted(sorted(e.articles) for e in later) == _events(arts)
    assert {e.id for e in later} == {e.id for e in first}  # no new event: each core found its earlier one
