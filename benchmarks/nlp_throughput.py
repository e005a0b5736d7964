"""Language-analysis throughput on real Dutch news: duiding (1 and 2 workers) beside raw Frog.

Reads the DPG Media 2019 articles from ../shared (internal evaluation only, never copied).
"raw Frog" is the binding's ``process_raw`` alone on the same cleaned texts in one process;
"duiding" is the whole analysis stage (Frog + alignment + mention repair + name chains + SQLite
writes) followed by entity resolution, with its worker pool. Each configuration runs in its own
child process; peak memory per worker is the largest RSS among that run's worker processes.

Run: ``python benchmarks/nlp_throughput.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DPG = ROOT.parent / "shared" / "data" / "dpgmedia2019_nl" / "dpgMedia2019-articles-byarticle-all.jsonl"


def texts(limit: int | None) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from duiding.ingest.clean import clean_body

    out = []
    for line in DPG.read_text(encoding="utf-8").splitlines():
        body = clean_body(json.loads(line)["text"]).text
        if len(body) >= 40:
            out.append(body)
    return out[:limit]


def run_raw(limit: int | None, ner: str) -> dict:
    """Raw Frog, then duiding's per-article analysis (Frog + repairs + chains + quotes) in the same process."""
    from duiding.nlp.annotate import Job, annotate
    from duiding.nlp.backend import backend_for

    docs = texts(limit)
    started = time.perf_counter()
    backend = backend_for("nl", {"ner": ner})
    loaded = time.perf_counter() - started
    tokens = 0
    started = time.perf_counter()
    for text in docs:
        raw = backend._frog.process_raw(text)
        tokens += sum(1 for line in raw.split("\n") if line.strip())
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    for i, text in enumerate(docs):
        annotate(Job(str(i), "bench", text, "nl"), {"ner": ner})
    annotated = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": "raw Frog", "workers": 1, "articles": len(docs), "tokens": tokens, "seconds": seconds,
            "load": loaded, "peak_mb": rss, "annotate_seconds": annotated}


def run_duiding(limit: int | None, workers: int, ner: str) -> dict:
    from duiding import Store, load_config
    from duiding.enrich.entities import resolve_entities
    from duiding.nlp.stage import analyse_pending
    from duiding.pipeline import ingest

    docs = texts(limit)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "dpg.jsonl"
        data.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate(docs)), encoding="utf-8")
        with Store(Path(tmp) / "b.db") as store:
            ingest([str(data)], store, load_config(env={}))
            started = time.perf_counter()
            report = analyse_pending(store, workers=workers, batch_size=200, options={"ner": ner})
            entities = resolve_entities(store)
            seconds = time.perf_counter() - started
            tokens = sum(len(json.loads(r[0])) for r in store.conn.execute("SELECT tokens FROM sentences"))
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mode": "duiding", "workers": workers, "articles": report.analysed, "tokens": tokens,
            "seconds": seconds, "load": 0.0, "peak_mb": rss, "entities": entities, "failed": report.failed}


def child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--ner", choices=("e5", "frog"), default="e5",
                    help="Dutch NER: duiding's e5 model (Frog's NER off) or Frog's own")
    ap.add_argument("--one-worker", action="store_true", help="skip the 2-worker run (a shared machine)")
    ap.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        mode, workers = args.child[0], int(args.child[1])
        result = run_raw(args.limit, args.ner) if mode == "raw" else run_duiding(args.limit, workers, args.ner)
        print(json.dumps(result))
        return
    if not DPG.is_file():
        raise SystemExit(f"{DPG} is not here (../shared/data is needed for this benchmark)")
    limit = ["--ner", args.ner, *([] if args.limit is None else ["--limit", str(args.limit)])]
    rows = [child(["raw", "1", *limit]), child(["duiding", "1", *limit])]
    if not args.one_worker:
        rows.append(child(["duiding", "2", *limit]))
    print(f"ner = {args.ner}")
    print(f"{'run':10} {'workers':>7} {'articles':>8} {'tokens':>9} {'seconds':>8} {'art/s':>6} {'tok/s':>7} "
          f"{'peak MB/worker':>15}")
    for r in rows:
        print(f"{r['mode']:10} {r['workers']:>7} {r['articles']:>8,} {r['tokens']:>9,} {r['seconds']:>8.1f} "
              f"{r['articles'] / r['seconds']:>6.1f} {r['tokens'] / r['seconds']:>7.0f} {r['peak_mb']:>15.0f}")
    raw, one = rows[0], rows[1]
    analysis = (raw["annotate_seconds"] - raw["seconds"]) / raw["seconds"]
    print(f"per-article analysis (Frog + repairs + chains + quotes) vs raw Frog, same process, same texts: "
          f"{raw['annotate_seconds']:.1f} s vs {raw['seconds']:.1f} s = {analysis:+.0%}")
    per_token_raw = raw["seconds"] / raw["tokens"]
    per_token_one = one["seconds"] / one["tokens"]
    print(f"end to end, 1 worker (worker start-up with Frog's ~{raw['load']:.0f} s load, SQLite writes, entity "
          f"resolution) vs raw Frog, per token: {per_token_one / per_token_raw - 1:+.0%}")


if __name__ == "__main__":
    main()
