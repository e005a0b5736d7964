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
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not (SEEDS / "gold.json").is_file() or not SCORER.is_file():
        pytest.skip("../shared/seeds is not here")
    tmp = tmp_path_factory.mktemp("seeds")
    db = tmp / "seeds.db"
    run_cli("analyze", *map(str, sorted(SEEDS.glob("*.txt"))), "--db", str(db), "-q", check=True, nlp=True)
    export = tmp / "export.json"
    run_cli("export", "--db", str(db), "--format", "json", "-o", str(export), check=True)
    proc = subprocess.run([sys.executable, str(SCORER), str(export), "--json"], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


def test_seed_article_metadata_is_perfect(scores: dict) -> None:
    assert scores["article_metadata"] == 1.0


def test_seed_entities(scores: dict) -> None:
    assert scores["entities_recall"] >= 0.95
    assert scores["merge_sjojgoe_shoigu"] is True
    assert scores["merge_poetin"] is True
    assert scores["kim_jong_il_kept_apart"] is True


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
