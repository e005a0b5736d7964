"""Undated articles: the agreement of their e5 leads is added to the lexical match, against a higher threshold.

Two reports of one happening share the happening's words and their leads agree; a report of another
happening of the same kind shares the words as much, but its lead (other people, another place) does not.
Dated articles are untouched: their window already keeps such happenings apart.
"""

from __future__ import annotations

import math

from duiding.cluster import (
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
