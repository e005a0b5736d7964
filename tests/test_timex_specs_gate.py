"""Quality gate for time expressions on outside material: Microsoft Recognizers-Text's Dutch date specs
(MIT; ../shared/data/recognizers_nl_dates, read at run time and never copied here). Skips when absent.

Scored as ../shared/tools/score_timex.py scores the CLI (each case one article dated at its reference
time), but in process: ``find_timexes`` is what ``analyze`` runs on the text. Floors in
fixtures/timex_specs/baseline.json may only be raised (MIN_FLOORS keeps them from being lowered);
``false_on_negatives`` is a ceiling that may only be lowered. Of the five sentences without a gold date,
two hold an ``over N weken`` or ``over N jaar``, which the same specs' MergedParser resolves as dates (the
scorer keeps the first file's empty answer): a timeline must report them, so the ceiling stays at 0.4.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from duiding.enrich.timex import find_timexes
from duiding.lang import nl

HERE = Path(__file__).resolve().parent
SPECS = HERE.parent.parent / "shared" / "data" / "recognizers_nl_dates"
FILES = ("DateParser", "DatePeriodParser", "MergedParser")
KINDS = {"date", "daterange", "datetimeV2.date", "datetimeV2.daterange"}
MIN_FLOORS = {"found": 0.92, "exact": 0.85}
MAX_CEILINGS = {"false_on_negatives": 0.4}


def _kind(r: dict) -> str | None:
    return r.get("TypeName") or r.get("Type")


def _span(r: dict) -> tuple[int, int]:
    return r["Start"], (r["End"] + 1 if "End" in r else r["Start"] + r["Length"])


def _readings(r: dict) -> list[tuple[str, set[str]]]:
    """(first day, accepted last days) for each reading the gold allows; a range end may be exclusive."""
    out: list[tuple[str, set[str]]] = []

    def add(start: str | None, end: str | None) -> None:
        if start and end:
            try:
                before = (date.fromisoformat(end[:10]) - timedelta(days=1)).isoformat()
            except ValueError:
                before = end[:10]
            out.append((start[:10], {end[:10], before}))

    res = r.get("Resolution") or r.get("Value") or {}
    for v in res.get("values", []):
        if v.get("type") == "date" and v.get("value", "")[:1].isdigit():
            out.append((v["value"][:10], {v["value"][:10]}))
        elif v.get("type") == "daterange":
            add(v.get("start"), v.get("end"))
    for side in ("FutureResolution", "PastResolution"):
        x = res.get(side) or {}
        if x.get("date"):
            out.append((x["date"][:10], {x["date"][:10]}))
        add(x.get("startDate"), x.get("endDate"))
    return out


def spec_scores() -> tuple[dict[str, float], list[str]]:
    cases, seen = [], set()
    for name in FILES:
        for c in json.loads((SPECS / f"{name}.json").read_text(encoding="utf-8-sig")):
            ref = (c.get("Context") or {}).get("ReferenceDateTime")
            res = c.get("Results") or []
            if not ref or c["Input"].strip() in seen or (res and not all(_kind(r) in KINDS for r in res)):
                continue
            seen.add(c["Input"].strip())
            cases.append(c)
    n = found = exact = valued = neg = neg_false = 0
    misses = []
    for c in cases:
        day = date.fromisoformat(c["Context"]["ReferenceDateTime"][:10])
        got = find_timexes(c["Input"], (day, day), nl)
        if not c.get("Results"):
            neg += 1
            neg_false += bool(got)
            continue
        for g in c["Results"]:
            n += 1
            readings = _readings(g)
            valued += bool(readings)
            s, e = _span(g)
            hit = [t for t in got if t.start < e and t.end > s]
            if not hit:
                misses.append(f"missed {g['Text']!r}")
                continue
            found += 1
            if any(t.value_start == d0 and t.value_end in ends for t in hit for d0, ends in readings):
                exact += 1
            elif readings:
                misses.append(f"{g['Text']!r}: got {hit[0].value_start}..{hit[0].value_end}")
    return {"found": found / n, "exact": exact / valued, "false_on_negatives": neg_false / max(neg, 1)}, misses


@pytest.mark.skipif(not SPECS.is_dir(), reason="../shared/data/recognizers_nl_dates is not here")
def test_recognizers_date_specs_meet_the_baseline() -> None:
    baseline = json.loads((HERE / "fixtures" / "timex_specs" / "baseline.json").read_text(encoding="utf-8"))
    for key, floor in MIN_FLOORS.items():
        assert baseline[key] >= floor, f"baseline {key} lowered below {floor}"
    for key, ceiling in MAX_CEILINGS.items():
        assert baseline[key] <= ceiling, f"baseline {key} raised above {ceiling}"
    scores, misses = spec_scores()
    print({k: round(v, 3) for k, v in scores.items()})
    for key in MIN_FLOORS:
        assert scores[key] >= baseline[key], f"{key} {scores[key]:.3f} < {baseline[key]}: " + "; ".join(misses[:15])
    for key in MAX_CEILINGS:
        assert scores[key] <= baseline[key], f"{key} {scores[key]:.3f} > {baseline[key]}"
