"""Quality gate for quotes on our own annotated Dutch articles (tests/fixtures/quotes).

Floors live in tests/fixtures/quotes/baseline.json. They may be raised when the extractor gets
better; they cannot be lowered silently: MIN_FLOORS below is the lowest any baseline may say,
so lowering a floor means editing this file too, in plain sight of review.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from duiding.enrich.chains import chain
from duiding.enrich.mentions import repaired_mentions
from duiding.enrich.quotes import extract_quotes
from duiding.ingest.clean import clean_body
from duiding.ingest.text import read_text
from duiding.lang import nl
from duiding.nlp.backend import backend_for

HERE = Path(__file__).resolve().parent / "fixtures" / "quotes"
MIN_FLOORS = {"recall": 0.80, "precision": 0.80, "speaker": 0.75, "indirect_recall": 0.40}
STOP = {"van", "het", "de", "der", "den", "the", "aan", "bij", "een"}


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s).strip().lower()


def speaker_key(gold: str) -> list[str]:
    words = [w for w in norm(gold).split() if w not in STOP]
    if len(gold.split()) >= 2 and gold[0].isupper() and all(w[:1].isupper() or w in STOP for w in gold.split()):
        return words[-1:]  # a person's name: the surname must be there
    return words


def speaker_text(q) -> str:
    sp = q.speaker
    return norm(" ".join(str(x or "") for x in (sp.name, sp.role, sp.organisation, sp.text)))


@pytest.fixture(scope="module")
def results() -> dict:
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    backend = backend_for("nl")
    out = {}
    for art in expected["articles"]:
        raw = next(read_text((HERE / art["file"]).read_text(encoding="utf-8"), source=art["file"], origin=art["file"]))
        text = clean_body(raw.body).text
        sentences = backend.analyse(text)
        mentions = chain(repaired_mentions(sentences, text, nl, backend.first_names), sentences, nl,
                         backend.first_names)
        quotes, issues = extract_quotes(text, sentences, mentions, nl)
        out[art["file"]] = (art, quotes, issues)
    return out


def score(results: dict) -> dict[str, float]:
    found = right = total = predicted = false = ind_total = ind_found = 0
    for art, quotes, _ in results.values():
        marked = [q for q in quotes if q.kind != "indirect"]
        used: set[int] = set()
        for g in art["quotes"]:
            start = norm(g["starts"])
            pool = marked if g["kind"] != "indirect" else [q for q in quotes if q.kind == "indirect"]
            hit = next((i for i, q in enumerate(pool) if norm(q.text)[: len(start) + 12].find(start) != -1), None)
            if g["kind"] == "indirect":
                ind_total += 1
                ind_found += hit is not None
                continue
            total += 1
            if hit is None:
                continue
            used.add(hit)
            found += 1
            right += all(k in speaker_text(pool[hit]) for k in speaker_key(g["speaker"]))
        predicted += len(marked)
        false += sum(1 for i in range(len(marked)) if i not in used)
    return {"recall": found / total, "speaker": right / total, "precision": (predicted - false) / max(predicted, 1),
            "indirect_recall": ind_found / max(ind_total, 1)}


def test_floors_cannot_be_lowered_silently() -> None:
    baseline = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
    for key, minimum in MIN_FLOORS.items():
        assert baseline[key] >= minimum, f"baseline {key} {baseline[key]} is below the minimum {minimum}"


def test_quotes_meet_the_baseline(results: dict) -> None:
    baseline = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
    scores = score(results)
    print("quote scores:", {k: round(v, 3) for k, v in scores.items()})
    for key, floor in baseline.items():
        if key in scores:
            assert scores[key] >= floor, f"{key} {scores[key]:.3f} fell below its floor {floor}"


def test_scare_quotes_and_titles_are_not_quotes(results: dict) -> None:
    for art, quotes, _ in results.values():
        texts = [norm(q.text) for q in quotes if q.kind != "indirect"]
        for not_quote in art.get("not_quotes", []):
            assert norm(not_quote) not in texts, f"{art['file']}: {not_quote!r} was taken for a quote"


def test_an_unpaired_mark_skips_only_its_quote(results: dict) -> None:
    checked = 0
    for art, quotes, issues in results.values():
        if not art.get("unpaired"):
            continue
        checked += 1
        assert issues, f"{art['file']}: the unpaired mark was not recorded"
        direct = [g for g in art["quotes"] if g["kind"] != "indirect"]
        texts = [norm(q.text) for q in quotes]
        assert any(norm(g["starts"]) in t for g in direct for t in texts), "the other quotes must still be found"
    assert checked, "the test set must hold an article with an unpaired quotation mark"
