"""Acceptance on the reference seeds in ../shared, scored by the shared scorer; skipped when absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from duiding import Store

from .conftest import SHARED, run_cli

SEEDS = SHARED / "seeds"
SCORER = SHARED / "tools" / "score_seeds.py"
DPG = SHARED / "data" / "dpgmedia2019_nl" / "dpgMedia2019-articles-byarticle-all.jsonl"

pytestmark = pytest.mark.acceptance


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SEEDS / "gold.json").is_file() or not SCORER.is_file():
        pytest.skip("../shared/seeds is not here")
    tmp = tmp_path_factory.mktemp("seeds")
    db = tmp / "seeds.db"
    run_cli("analyze", *map(str, sorted(SEEDS.glob("*.txt"))), "--db", str(db), "-q", check=True, nlp=True)
    export = tmp / "export.json"
    run_cli("export", "--db", str(db), "--format", "json", "-o", str(export), check=True)
    return export


@pytest.fixture(scope="module")
def scores(exported: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCORER), str(exported), "--json"], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


def test_seed_article_metadata_is_perfect(scores: dict) -> None:
    assert scores["article_metadata"] == 1.0


def test_seed_entities(scores: dict) -> None:
    assert scores["entities_recall"] >= 0.95
    assert scores["merge_sjojgoe_shoigu"] is True
    assert scores["merge_poetin"] is True
    assert scores["kim_jong_il_kept_apart"] is True


def test_seed_quotes(scores: dict) -> None:
    assert scores["quotes_recall"] >= 0.95
    assert scores["quotes_speaker_correct"] >= 0.95
    assert scores["quotes_precision"] >= 0.95


def test_seed_stories_numbers_and_timeline(scores: dict) -> None:
    for key in ("event_2023_together", "event_2024_apart", "storyline_links_both", "discrepancy_130_132_flagged",
                "no_false_700_discrepancy"):
        assert scores[key] is True, key
    assert scores["timeline_recall"] >= 0.8


UNIT_ALIASES = {"km/h": {"km/h"}, "km": {"km"}, "uur": {"uur"}, "jaar": {"jaar"}}


def test_every_gold_numeric_claim_is_found_with_value_unit_and_hedge(exported: Path) -> None:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    export = json.loads(exported.read_text(encoding="utf-8"))
    source = {a["id"]: Path(a["source"]).name for a in export["articles"]}
    claims = [c | {"file": source[c["article"]]} for c in export["claims"]]
    checked = 0
    for group in gold["numeric_claims"]:
        for v in group["values"]:
            if not isinstance(v.get("value"), (int, float)):
                continue  # dates are checked as agreements, below
            checked += 1
            hits = [c for c in claims if c["file"] == v["article"] and abs(c["value"] - v["value"]) < 1e-6]
            assert hits, f"{group['id']}: {v['value']} not found in {v['article']}"
            assert any(c["unit"] == v["unit"] for c in hits), f"{group['id']}: unit {[c['unit'] for c in hits]}"
            want = (v.get("hedge") or "").lower().replace("’", "'")
            assert any((c["hedge"] or "").lower().replace("’", "'") == want for c in hits), f"{group['id']}: hedge"
    assert checked >= 8
    dates = [a for a in export["agreements"] if a["about"].startswith("dates 2023-09-10/2023-09-13")]
    assert dates and len(dates[0]["claims"]) == 2, "the forum dates agree across two outlets"


@pytest.mark.slow
def test_dpg_jsonl_ingests_every_record(tmp_path: Path) -> None:
    if not DPG.is_file():
        pytest.skip("../shared/data/dpgmedia2019_nl is not here")
    db = tmp_path / "dpg.db"
    run_cli("analyze", str(DPG), "--db", str(db), "-q", check=True, timeout=600)
    listing = run_cli("failures", "--json", "--db", str(db), check=True).stdout
    errors = [f for f in map(json.loads, listing.splitlines()) if f["severity"] == "error"]
    assert len(errors) == 40 and {f["code"] for f in errors} == {"empty"}
    with Store(db) as s:
        stored, pubs = s.count("articles"), s.count("publications")
    assert pubs == 1438 - 40, "every non-empty record is stored or kept as a publication of identical text"
    assert stored < pubs  # the dataset has identical copies under different ids
