"""Event clustering on English news: ECB+ topics 1-35 (../shared/data/ecbplus_dev, CC BY 3.0, not ours),
scored by the shared ``score_ecb.py`` through the real console script: documents of one sub-topic should
share an event. Floors may be raised, never lowered silently (FLOORS_MINIMUM). Skips when ../shared is absent."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

SCORER = SHARED / "tools" / "score_ecb.py"
DATA = SHARED / "data" / "ecbplus_dev"
# Measured 2026-12-02 (spaCy en_core_web_sm, lemmas of nouns, verbs and names + resolved entities): dev
# topics 0.836 (word features only, before English analysis: 0.871), all of 1-35 0.858 (before: 0.851).
# With the e5 lead of an undated article added to the lexical match (cluster.UNDATED_MARGIN): dev 0.921
# (P 0.947, R 0.897), all of 1-35 0.914 (P 0.920, R 0.907). With cores of undated articles placed first
# (cluster.CORE_MARGIN): dev 0.965 (P 1.000, R 0.932), all of 1-35 0.943 (P 0.949, R 0.938); the rest then
# joining closest first: dev 0.965 (P 1.000, R 0.932), all of 1-35 0.951 (P 0.953, R 0.949).
FLOORS = {"dev": 0.96, "all": 0.945}
FLOORS_MINIMUM = {"dev": 0.96, "all": 0.945}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (SCORER.is_file() and DATA.is_dir()), reason="../shared ECB+ data absent")]


def _f1(tmp: Path, *extra: str) -> float:
    exe = Path(sys.executable).with_name("duiding")
    out = subprocess.run([sys.executable, str(SCORER), str(exe), str(tmp), *extra], capture_output=True,
                         text=True, timeout=1500, check=True).stdout
    m = re.search(r"F1=([0-9.]+)", out.strip().splitlines()[-1])
    assert m, out
    return float(m.group(1))


def test_floors_cannot_be_lowered_silently() -> None:
    assert all(FLOORS[k] >= v for k, v in FLOORS_MINIMUM.items())


@pytest.mark.timeout(1800)
def test_ecb_dev_topics_meet_the_floor(tmp_path: Path) -> None:
    assert _f1(tmp_path) >= FLOORS["dev"]


@pytest.mark.timeout(3000)
def test_ecb_all_topics_meet_the_floor(tmp_path: Path) -> None:
    assert _f1(tmp_path, "--topics", "all") >= FLOORS["all"]
