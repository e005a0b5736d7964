"""Quotes on real Dutch news: how many per 1,000 DPG articles, time per article, and a sample to check.

Frog runs once per article (in-process); the quote extractor is then timed on its own, so the
figure is the cost duiding adds. ``--sample 30`` prints that many random direct/partial quotes with
their sentence, for a person to judge whether the speaker is right (the closing note reports it).

Run: ``python benchmarks/quotes.py [--limit N] [--sample 30] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duiding.enrich.chains import chain  # noqa: E402
from duiding.enrich.mentions import repaired_mentions  # noqa: E402
from duiding.enrich.quotes import extract_quotes  # noqa: E402
from duiding.ingest.clean import clean_body  # noqa: E402
from duiding.lang import nl  # noqa: E402
from duiding.nlp.backend import backend_for  # noqa: E402

DPG = ROOT.parent / "shared" / "data" / "dpgmedia2019_nl" / "dpgMedia2019-articles-byarticle-all.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not DPG.is_file():
        raise SystemExit(f"{DPG} is not here (../shared/data is needed for this benchmark)")
    rows = [json.loads(line) for line in DPG.read_text("utf-8").splitlines()]
    pairs = [(clean_body(r["text"]).text, r.get("title")) for r in rows]
    pairs = [(t, title) for t, title in pairs if len(t) >= 40][: args.limit]
    texts = [t for t, _ in pairs]
    backend = backend_for("nl")
    found, frog_s, quote_s = [], 0.0, 0.0
    kinds = {"direct": 0, "partial": 0, "indirect": 0}
    attributed = 0
    first_names = getattr(backend, "first_names", frozenset())
    for i, (text, title) in enumerate(pairs):
        t0 = time.perf_counter()
        sentences = backend.analyse(text)
        t1 = time.perf_counter()
        mentions = chain(repaired_mentions(sentences, text, nl, first_names), sentences, nl, first_names)
        quotes, _ = extract_quotes(text, sentences, mentions, nl, title, first_names)
        t2 = time.perf_counter()
        frog_s += t1 - t0
        quote_s += t2 - t1
        for q in quotes:
            kinds[q.kind] += 1
            if q.kind != "indirect":
                attributed += q.speaker.kind != "unknown"
                found.append((i, q, text))
    n = len(texts)
    quoted = kinds["direct"] + kinds["partial"]
    print(f"{n} articles: {quoted} direct/partial quotes ({1000 * quoted / n:.0f} per 1,000 articles), "
          f"{kinds['indirect']} indirect ({1000 * kinds['indirect'] / n:.0f} per 1,000); "
          f"{attributed / max(quoted, 1):.0%} of quotes attributed to a speaker")
    print(f"time per article: Frog {1000 * frog_s / n:.1f} ms, mention repair + chains + quotes "
          f"{1000 * quote_s / n:.1f} ms ({quote_s / max(frog_s, 1e-9):.1%} of Frog's time; the budget is 30%)")
    rng = random.Random(args.seed)
    for i, q, text in rng.sample(found, min(args.sample, len(found))):
        lo = max(0, text.rfind("\n", 0, q.start) + 1, q.start - 250)
        hi = min(len(text), q.end + 150)
        context = " ".join(text[lo:hi].split())
        sp = q.speaker
        who = sp.name or (f"{sp.role or ''} {sp.organisation or ''}".strip() or "(unknown)")
        print(f"\n[{i}] {q.kind}/{q.cue} -> {who} (as {sp.text!r})\n    {context}")


if __name__ == "__main__":
    main()
