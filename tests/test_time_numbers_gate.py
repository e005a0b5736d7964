"""Quality gates for time expressions and numeric claims on our own annotated Dutch sentences
(tests/fixtures/timex, tests/fixtures/numbers). Floors in each folder's baseline.json may be raised;
MIN_FLOORS keeps them from being lowered silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duiding.enrich.chains import chain
from duiding.enrich.mentions import repaired_mentions
from duiding.enrich.numbers import find_claims
from duiding.enrich.timex import find_timexes
from duiding.ingest.dates import date_range, parse_published
from duiding.lang import nl
from duiding.nlp.backend import backend_for

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MIN_TIMEX = {"found": 0.80, "exact": 0.70}
MIN_NUMBERS = {"found": 0.80, "exact": 0.75, "no_false_claims": 0.80}


def _anchor(article_date: str):
    from datetime import date

    start, end = date_range(parse_published(article_date))
    return date.fromisoformat(start[:10]), date.fromisoformat(end[:10])


def timex_scores() -> tuple[dict[str, float], list[str]]:
    items = json.loads((FIXTURES / "timex" / "expressions.json").read_text(encoding="utf-8"))["items"]
    found = exact = 0
    misses = []
    for it in items:
        got = [t for t in find_timexes(it["sentence"], _anchor(it["article_date"]), nl)
               if it["expression"].lower() in t.text.lower() or t.text.lower() in it["expression"].lower()]
        if not got:
            misses.append(f"not found: {it['expression']!r} in {it['sentence']!r}")
            continue
        found += 1
        t = got[0]
        if (t.value_start, t.value_end) == (it["start"], it["end"]):
            exact += 1
        else:
            misses.append(f"{it['expression']!r} ({it['article_date']}): {t.value_start}/{t.value_end} "
                          f"want {it['start']}/{it['end']}")
    return {"found": found / len(items), "exact": exact / len(items)}, misses


@pytest.fixture(scope="module")
def backend():
    return backend_for("nl")


def number_scores(backend) -> tuple[dict[str, float], list[str]]:
    items = json.loads((FIXTURES / "numbers" / "claims.json").read_text(encoding="utf-8"))["items"]
    positive = [i for i in items if i["value"] is not None]
    negative = [i for i in items if i["value"] is None]
    found = exact = clean = 0
    misses = []
    for it in items:
        sentences = backend.analyse(it["sentence"])
        mentions = chain(repaired_mentions(sentences, it["sentence"], nl, backend.first_names), sentences, nl)
        claims = find_claims(it["sentence"], sentences, mentions, nl)
        if it["value"] is None:
            clean += not claims
            if claims:
                misses.append(f"false claim {claims[0].text!r} in {it['sentence']!r}")
            continue
        hit = next((c for c in claims if abs(c.value - it["value"]) < 1e-6), None)
        if hit is None:
            misses.append(f"missed {it['value']} {it['unit']} in {it['sentence']!r}: {[c.text for c in claims]}")
            continue
        found += 1
        hedge_ok = (hit.hedge or "").lower().replace("’", "'") == (it["hedge"] or "").lower().replace("’", "'")
        if hit.unit == it["unit"] and hedge_ok:
            exact += 1
        else:
            misses.append(f"{it['text_contains']!r}: unit {hit.unit!r} hedge {hit.hedge!r}, want {it['unit']!r} "
                          f"{it['hedge']!r}")
    return {"found": found / len(positive), "exact": exact / len(positive),
            "no_false_claims": clean / max(len(negative), 1)}, misses


def _gate(scores: dict[str, float], baseline_file: Path, minimum: dict[str, float], misses: list[str]) -> None:
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    for key, floor in minimum.items():
        assert baseline[key] >= floor, f"baseline {key} lowered below {floor}"
    print(baseline_file.parent.name, {k: round(v, 3) for k, v in scores.items()})
    for key, floor in baseline.items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} < floor {floor}; misses: " + "; ".join(misses[:15])


def test_time_expressions_meet_the_baseline() -> None:
    scores, misses = timex_scores()
    _gate(scores, FIXTURES / "timex" / "baseline.json", MIN_TIMEX, misses)


def test_numbers_meet_the_baseline(backend) -> None:
    scores, misses = number_scores(backend)
    _gate(scores, FIXTURES / "numbers" / "baseline.json", MIN_NUMBERS, misses)
