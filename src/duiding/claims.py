"""Claim alignment: the same quantity of the same thing, as different articles report it.

Claims are grouped when they measure the same kind of thing (distance, duration, a count of
the same noun) about the same anchors (``Vladivostok`` and ``Noord-Koreaanse grens``); a claim
about other anchors is a different measure (``700 km van Pyongyang`` is not the border distance)
and is never compared. A group whose values differ is a discrepancy — ``small`` when the hedges
(``ongeveer``, ``zo'n``: see ``lang.HEDGES``) could explain the gap, ``large`` when they cannot —
and a group whose values agree is an agreement. Time expressions that several articles give for
the same dates (``10 tot 13 september`` / ``tussen 10 en 13 september``) are agreements too.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .store import Store


@dataclass(frozen=True)
class ClaimGroup:
    id: str
    about: str
    status: str  # agreement | discrepancy
    severity: str | None  # small | large (discrepancies)
    claims: tuple[str, ...]  # claim ids, or "t:<article>:<start>" for time expressions


def _key(row: dict[str, Any]) -> tuple[str, str, frozenset[str]]:
    anchors = frozenset(a.lower() for a in json.loads(row["anchors"]))
    measured = row["unit"].lower() if row["kind"] in ("count", "ordinal") else row["kind"]
    return row["kind"], measured, anchors


def align_claims(store: Store, lang: ModuleType) -> list[ClaimGroup]:
    # Oldest article first, then position: a group's label comes from its first member, so the order
    # must not depend on which analysis worker happened to finish (and write) first.
    rows = [dict(r) for r in store.conn.execute(
        "SELECT c.* FROM claims c JOIN articles a ON a.id = c.article_id "
        "ORDER BY a.published_start IS NULL, a.published_start, c.article_id, c.start, c.id")]
    groups: dict[tuple[str, str, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        key = _key(r)
        if key[2]:  # a claim about nothing named cannot be compared with another
            groups[key].append(r)
    out = []
    for (_kind, _measured, _anchors), members in groups.items():
        if len({m["article_id"] for m in members}) < 2:
            continue
        values = {m["value"] for m in members}
        status = "agreement" if len(values) == 1 else "discrepancy"
        severity = None if status == "agreement" else _severity(members, lang)
        ids = tuple(sorted(m["id"] for m in members))
        out.append(ClaimGroup("g" + hashlib.sha1(":".join(ids).encode()).hexdigest()[:12], members[0]["about"],
                              status, severity, ids))
    return out + _people_counts(store, rows, {i for g in out for i in g.claims}, lang) + _date_agreements(store)


def _people_counts(store: Store, rows: list[dict[str, Any]], grouped: set[str], lang: ModuleType) -> list[ClaimGroup]:
    """Counts of people in one storyline that say how many were hit by the same thing, in other words.

    "ongeveer 2.300 mensen geëvacueerd" in Venlo, Steyl en Arcen (NOS) and "zo'n 2.500 bewoners van Venlo,
    Steyl en Arcen moesten hun huis verlaten" (AD) are one quantity: both count people, and their
    sentences name the same places (two or more) or share two content words. Linked pairs form groups.
    """
    people = [r for r in rows if r["kind"] == "count" and (r["unit"] or "").lower() in lang.PEOPLE_NOUNS
              and r["id"] not in grouped]
    line = dict(store.conn.execute("SELECT ea.article_id, e.storyline_id FROM event_articles ea "
                                   "JOIN events e ON e.id = ea.event_id").fetchall())
    context = {r["id"]: _sentence_context(store, r, lang) for r in people}
    parent = {r["id"]: r["id"] for r in people}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if a["article_id"] == b["article_id"] or line.get(a["article_id"]) != line.get(b["article_id"]):
                continue
            (places_a, words_a), (places_b, words_b) = context[a["id"]], context[b["id"]]
            if len(places_a & places_b) >= 2 or len(words_a & words_b) >= 2:
                parent[find(b["id"])] = find(a["id"])
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in people:
        members[find(r["id"])].append(r)
    out = []
    for group in members.values():
        if len({m["article_id"] for m in group}) < 2:
            continue
        ids = tuple(sorted(m["id"] for m in group))
        status = "agreement" if len({m["value"] for m in group}) == 1 else "discrepancy"
        out.append(ClaimGroup("g" + hashlib.sha1(":".join(ids).encode()).hexdigest()[:12], "count people | "
                              + group[0]["about"].split(" | ", 1)[-1], status,
                              None if status == "agreement" else _severity(group, lang), ids))
    return out


def _sentence_context(store: Store, claim: dict[str, Any], lang: ModuleType) -> tuple[set[str], set[str]]:
    row = store.conn.execute("SELECT start, end, tokens FROM sentences WHERE article_id = ? AND idx = ?",
                             (claim["article_id"], claim["sentence"])).fetchone()
    if row is None:
        return set(), set()
    places = {r[0] for r in store.conn.execute(
        "SELECT coalesce(entity_id, name) FROM mentions WHERE article_id = ? AND start >= ? AND end <= ? "
        "AND type = 'LOC'", (claim["article_id"], row[0], row[1]))}
    words = {lemma.lower() for _, _, lemma, pos in json.loads(row[2])
             if pos.startswith(("N(soort", "WW(")) and lemma.lower() not in lang.STOP_LEMMAS
             and lemma.lower() not in ("moeten", "kunnen", "zullen") and lemma.lower() != (claim["unit"] or "").lower()
             and len(lemma) > 2}
    return places, words


def _severity(members: list[dict[str, Any]], lang: ModuleType) -> str:
    lo = min(m["value"] for m in members)
    hi = max(m["value"] for m in members)
    slack = max(lang.HEDGES.get((m["hedge"] or "").lower().replace("’", "'"), 0.0) for m in members)
    return "small" if hi - lo <= max(slack, 0.05) * hi else "large"


def _date_agreements(store: Store) -> list[ClaimGroup]:
    """Explicit dates (day precision, a range or a day) that several articles of one event give alike."""
    rows = store.conn.execute(
        "SELECT t.article_id, t.start, t.text, t.value_start, t.value_end, ea.event_id FROM timexes t "
        "JOIN event_articles ea ON ea.article_id = t.article_id WHERE t.precision = 'day' AND t.relative = 0 "
        "AND t.value_start != t.value_end").fetchall()
    by_value: dict[tuple[str, str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for article, start, text, v0, v1, event in rows:
        by_value[(event, v0, v1)].append((article, start, text))
    out = []
    for (_, v0, v1), items in by_value.items():
        if len({a for a, _, _ in items}) < 2:
            continue
        ids = tuple(sorted(f"t:{a}:{s}" for a, s, _ in items))
        out.append(ClaimGroup("g" + hashlib.sha1(":".join(ids).encode()).hexdigest()[:12], f"dates {v0}/{v1}",
                              "agreement", None, ids))
    return out


def replace_groups(store: Store, groups: list[ClaimGroup]) -> None:
    with store.transaction(exclusive="claim_groups") as c:
        c.execute("DELETE FROM claim_groups")
        c.executemany("INSERT INTO claim_groups(id, about, status, severity, claims) VALUES (?,?,?,?,?)",
                      [(g.id, g.about, g.status, g.severity, json.dumps(list(g.claims))) for g in groups])
