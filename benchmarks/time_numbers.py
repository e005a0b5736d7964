"""Time per article of time-expression and number extraction on real Dutch news (DPG Media 2019).

Frog runs first (its time is reported apart); then the two extractors are timed on their own,
with each article's date as the anchor. Run: ``python benchmarks/time_numbers.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duiding.enrich.chains import chain  # noqa: E402
from duiding.enrich.mentions import repaired_mentions  # noqa: E402
from duiding.enrich.numbers import find_claims  # noqa: E402
from duiding.enrich.timex import find_timexes  # noqa: E402
from duiding.ingest.clean import clean_body  # noqa: E402
from duiding.lang import nl  # noqa: E402
from duiding.nlp.backend import backend_for  # noqa: E402

DPG = ROOT.parent / "shared" / "data" / "dpgmedia2019_nl" / "dpgMedia2019-articles-byarticle-all.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    rows = [json.loads(line) for line in DPG.read_text("utf-8").splitlines()]
    docs = [(clean_body(r["text"]).text, r["published_at"]) for r in rows if len(r["text"]) >= 40][: args.limit]
    backend = backend_for("nl")
    t0 = time.perf_counter()
    analysed = [(text, day, backend.analyse(text)) for text, day in docs]
    frog = time.perf_counter() - t0
    timex_s = numbers_s = 0.0
    n_timex = n_claims = 0
    for text, day, sentences in analysed:
        anchor = (date.fromisoformat(day[:10]), date.fromisoformat(day[:10]))
        t = time.perf_counter()
        n_timex += len(find_timexes(text, anchor, nl))
        timex_s += time.perf_counter() - t
        mentions = chain(repaired_mentions(sentences, text, nl, backend.first_names), sentences, nl)
        t = time.perf_counter()
        n_claims += len(find_claims(text, sentences, mentions, nl))
        numbers_s += time.perf_counter() - t
    n = len(docs)
    print(f"{n} DPG articles: {n_timex} time expressions ({n_timex / n:.1f}/article), {n_claims} numeric claims "
          f"({n_claims / n:.1f}/article)")
    print(f"per article: time expressions {1000 * timex_s / n:.2f} ms, numbers {1000 * numbers_s / n:.2f} ms "
          f"(Frog itself: {1000 * frog / n:.0f} ms)")


if __name__ == "__main__":
    main()
