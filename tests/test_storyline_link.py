"""Storyline links: a close pair of articles is not enough when the two events are about different things.

The case it guards against (seen on real news): a reportage inside a five-article event on one country's
crisis also compares its president with another country's; its closest partner is a column on that other
country's politics. The pair is close, the events as wholes are not, so they stay two storylines; an
event made of that reportage alone, or of articles all on both subjects, is linked.
"""

from __future__ import annotations

from duiding.cluster import (
    ENTITY_PREFIX,
    STORYLINE_PROFILE_MIN,
    STORYLINE_THRESHOLD,
    Event,
    _unit,
    event_similarity,
    link_storylines,
    profile,
    storyline_link,
)


def _event(eid: str, *members: dict[str, float], day: str = "2019-03-05") -> Event:
    e = Event(eid, day, day)
    for i, m in enumerate(members):
        e.articles.append(f"{eid}-{i}")
        e.members.append(_unit(m))
    return e


CRISIS = dict.fromkeys(("oppositie", "stroomuitval", "leger", "hulpgoederen", "grens", "parlement",
                        ENTITY_PREFIX + "leider-a", ENTITY_PREFIX + "land-a"), 1.0)
OTHER = {"verkiezing": 1.0, "campagne": 1.0, ENTITY_PREFIX + "president-b": 1.0, "kandidaat": 1.0}
BOTH = {**CRISIS, **OTHER}  # the reportage: one crisis, compared with the other country's president


def test_a_close_pair_does_not_link_events_about_different_things() -> None:
    crisis = _event("ev1", CRISIS, CRISIS, {**CRISIS, "ambassadeur": 1.0}, CRISIS, CRISIS, BOTH)
    column = _event("ev2", OTHER, day="2019-03-06")
    assert event_similarity(crisis, column, 1.0) >= STORYLINE_THRESHOLD  # the reportage is close to it
    assert not storyline_link(crisis, column)
    assert [len(line) for line in link_storylines([crisis, column])] == [1, 1]


def test_events_close_as_wholes_are_linked() -> None:
    reportage = _event("ev1", BOTH)
    column = _event("ev2", OTHER, day="2019-03-06")
    assert storyline_link(reportage, column)
    follow_up = _event("ev3", {**CRISIS, "herstel": 1.0}, CRISIS, day="2019-03-08")
    crisis = _event("ev1", CRISIS, {**CRISIS, "ambassadeur": 1.0})
    assert storyline_link(crisis, follow_up)
    assert [len(line) for line in link_storylines([crisis, follow_up])] == [2]


def test_stored_links_are_kept_when_profiles_drift_apart() -> None:
    crisis = _event("ev1", CRISIS, CRISIS, CRISIS, CRISIS, CRISIS, BOTH)
    column = _event("ev2", OTHER, day="2019-03-06")
    assert not storyline_link(crisis, column)
    kept = link_storylines([crisis, column], stored={"ev1": "sl1", "ev2": "sl1"})
    assert [[e.id for e in line] for line in kept] == [["ev1", "ev2"]]


def test_profile_is_the_unit_sum_of_members() -> None:
    e = _event("ev1", {"a": 1.0}, {"b": 1.0})
    p = profile(e)
    assert abs(p["a"] - p["b"]) < 1e-12 and abs(sum(x * x for x in p.values()) - 1.0) < 1e-12
    assert 0 < STORYLINE_PROFILE_MIN < STORYLINE_THRESHOLD
