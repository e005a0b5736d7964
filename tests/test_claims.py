"""Claim alignment on our example corpus, where two outlets give different evacuee counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duiding import Store, load_config
from duiding.pipeline import analyze
from duiding.store.claims import claim_groups
from duiding.store.claims import claims as all_claims

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
MANIFEST = Path(__file__).resolve().parent.parent / "examples" / "MANIFEST.json"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    s = Store(tmp_path_factory.mktemp("claims") / "c.db")
    analyze([str(CORPUS)], s, load_config(env={}).with_overrides(workers=2))
    yield s
    s.close()


def test_the_planted_evacuee_disagreement_is_a_discrepancy(store: Store) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    planted = [m["file"] for m in manifest if m.get("disagreement")]
    assert len(planted) == 2
    claims = {c["id"]: c for c in all_claims(store)}
    found = False
    for g in claim_groups(store, "discrepancy"):
        sources = {claims[c]["source"] for c in g["claims"] if c in claims}
        if set(planted) <= sources:
            found = True
            values = {claims[c]["value"] for c in g["claims"] if claims[c]["source"] in planted}
            assert values == {2300.0, 2500.0}
    assert found, "NOS (about 2.300) and AD (about 2.500) disagree on the number of evacuees"


def test_different_measures_are_not_compared(store: Store) -> None:
    claims = {c["id"]: c for c in all_claims(store)}
    groups = [g for g in claim_groups(store) if any(c in claims for c in g["claims"])]
    assert groups
    for g in groups:
        members = [claims[c] for c in g["claims"] if c in claims]
        assert len({m["kind"] for m in members}) == 1, g["about"]
        assert len({m["article_id"] for m in members}) >= 2
