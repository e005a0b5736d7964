"""Which claims are compared: the same quantity of the same thing at the same time, or nothing.

Rows are built by hand (sentence tokens with lemma and tag, mentions, dates) in the shape that
``store.claims.claim_contexts`` returns, so the rules are tested without a language backend.
"""

from __future__ import annotations

import json
from typing import Any

from duiding.claims import _comparable, _view
from duiding.lang import nl

_ids = iter(range(10_000))


def row(words: list[tuple[str, str]], claim: tuple[int, int], *, value: float, unit: str, kind: str,
        names: dict[int, str] | None = None, article: str | None = None, storyline: str | None = "s1",
        day: str = "2024-03-14", dates: list[tuple[int, str, str]] | None = None,
        anchors: list[str] | None = None) -> dict[str, Any]:
    """words: (surface, tag) pairs; claim: first and last word index; names: word index -> "PER:Name"."""
    tokens, pos = [], 0
    for surface, tag in words:
        tokens.append([pos, pos + len(surface), surface.lower() if not tag.startswith("SPEC") else surface, tag])
        pos += len(surface) + 1
    mentions = []
    for i, spec in (names or {}).items():
        typ, name = spec.split(":", 1)
        mentions.append((tokens[i][0], tokens[i][1], typ, name.lower(), name))
    start, end = tokens[claim[0]][0], tokens[claim[1]][1]
    return {"id": f"c{next(_ids)}", "article_id": article or f"a{next(_ids)}", "sentence": 0, "start": start,
            "end": end, "text": " ".join(w for w, _ in words[claim[0]:claim[1] + 1]), "value": value, "unit": unit,
            "kind": kind, "hedge": None, "about": "", "anchors": json.dumps(anchors or []),
            "published_start": day, "s_start": 0, "s_end": pos, "tokens": tokens, "mentions": mentions,
            "timexes": [(tokens[i][0], tokens[i][1], a, b) for i, a, b in (dates or [])], "storyline": storyline,
            "event": None}


N, WW, TW, VZ, LID, SPEC = "N(soort,mv,basis)", "WW(pv,tgw,ev)", "TW(hoofd)", "VZ(init)", "LID(bep)", "SPEC(deeleigen)"


def seats(party: str, n: int, verb: str = "krijgt", **kw: Any) -> dict[str, Any]:
    words = [(party, SPEC), (verb, WW), (str(n), TW), ("zetels", N), ("in", VZ), ("de", LID), ("Staten", SPEC)]
    return row(words, (2, 3), value=n, unit="zetels", kind="count", names={0: f"ORG:{party}"}, **kw)


def compared(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    va, vb = _view(a, nl), _view(b, nl)
    return None if va is None or vb is None else _comparable(va, vb)


def test_the_same_party_the_same_seats_the_same_week_is_compared() -> None:
    why = compared(seats("VVD", 12), seats("VVD", 13, day="2024-03-15"))
    assert why and "VVD" in why and "zetel" in why


def test_another_party_is_another_quantity() -> None:
    assert compared(seats("VVD", 12), seats("PvdA", 8)) is None


def test_a_month_apart_without_dates_is_not_compared() -> None:
    assert compared(seats("VVD", 12), seats("VVD", 9, day="2024-05-01")) is None


def test_a_poll_is_not_a_result() -> None:
    poll = row([("VVD", SPEC), ("krijgt", WW), ("volgens", VZ), ("de", LID), ("peiling", "N(soort,ev)"),
                ("12", TW), ("zetels", N)], (5, 6), value=12, unit="zetels", kind="count", names={0: "ORG:VVD"})
    poll["tokens"][4][2] = "peiling"
    assert compared(poll, seats("VVD", 13)) is None


def test_another_scope_is_another_quantity() -> None:
    local = row([("VVD", SPEC), ("krijgt", WW), ("12", TW), ("zetels", N), ("in", VZ), ("Amsterdam", SPEC)], (2, 3),
                value=12, unit="zetels", kind="count", names={0: "ORG:VVD", 5: "LOC:Amsterdam"})
    national = row([("VVD", SPEC), ("krijgt", WW), ("30", TW), ("zetels", N)], (2, 3), value=30, unit="zetels",
                   kind="count", names={0: "ORG:VVD"})
    assert compared(local, national) is None


def test_a_rate_per_day_is_not_a_price_per_gram() -> None:
    def price(n: int, per: str) -> dict[str, Any]:
        words = [("Jansen", SPEC), ("rekende", WW), (f"€{n}", TW), ("per", VZ), (per, "N(soort,ev)")]
        return row(words, (2, 2), value=n, unit="EUR", kind="money", names={0: "PER:Jansen"})

    assert compared(price(250, "dag"), price(50, "gram")) is None


def test_a_shared_place_name_alone_is_not_a_subject() -> None:
    def people(n: int, noun: str) -> dict[str, Any]:
        words = [("In", VZ), ("Utrecht", SPEC), ("wonen", WW), (str(n), TW), (noun, N)]
        return row(words, (3, 4), value=n, unit=noun, kind="count", names={1: "LOC:Utrecht"})

    assert compared(people(300, "studenten"), people(500, "studenten")) is None


def test_a_change_is_not_a_level() -> None:
    gain = seats("VVD", 3, verb="wint")
    gain["tokens"][1][2] = "winnen"
    assert compared(gain, seats("VVD", 13)) is None


def test_one_article_is_not_compared_with_itself() -> None:
    assert compared(seats("VVD", 12, article="x"), seats("VVD", 13, article="x")) is None


def test_dates_in_both_sentences_must_overlap() -> None:
    then = seats("VVD", 12, dates=[(6, "2019-01-01", "2019-12-31")])
    now = seats("VVD", 13, dates=[(6, "2023-01-01", "2023-12-31")])
    assert compared(then, now) is None
