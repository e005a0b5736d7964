"""Ingest throughput, peak memory and FTS search latency on generated corpora.

Articles are made by recombining the paragraphs of the example corpus (examples/corpus) with a
numbered sentence each, so every article is distinct and Dutch. Each ingest runs the real CLI
in a child process, so its peak RSS is that process's own. Run: ``python benchmarks/ingest.py
[--sizes 10000 100000] [--format txt|jsonl]``. Prints a table; figures go in the closing note.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
OUTLETS = ["nos.nl", "nu.nl", "volkskrant.nl", "trouw.nl", "ad.nl", "nrc.nl", "standaard.be", "hln.be",
           "vrt.be/vrtnws", "rtlnieuws.nl"]


def paragraphs() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from duiding.ingest import ReadOptions, discover, read_source
    from duiding.ingest.clean import clean_body
    from duiding.records import RawArticle

    out: list[str] = []
    for source in discover([str(CORPUS)]):
        for raw in read_source(source, ReadOptions(fetch=False)):  # type: ignore[arg-type]
            if isinstance(raw, RawArticle):
                out += [p for p in clean_body(raw.body).text.split("\n\n") if len(p) > 80]
    return out


def generate(n: int, folder: Path, fmt: str, seed: int = 7) -> Path:
    rng = random.Random(seed)
    paras = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = folder / "articles.jsonl"
    f = jsonl.open("w", encoding="utf-8") if fmt == "jsonl" else None
    for i in range(n):
        body = "\n\n".join(rng.sample(paras, rng.randint(3, 7))) + f"\n\nDit is bericht nummer {i} in de reeks."
        title = re.sub(r"[.!?].*", "", rng.choice(paras))[:90]
        day = (f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
               f"T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00+01:00")
        url = f"https://{rng.choice(OUTLETS)}/artikel/{i}"
        if f:
            f.write(json.dumps({"id": i, "title": title, "text": body, "published_at": day, "url": url},
                               ensure_ascii=False) + "\n")
        else:
            sub = folder / f"{i // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{i:07d}.txt").write_text(f"{title}\n{day}\n{url}\n\n{body}\n", encoding="utf-8")
    if f:
        f.close()
        return jsonl
    return folder


def ingest(path: Path, db: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of `duiding analyze --no-nlp` (reading and storing only) in its own process."""
    exe = Path(sys.executable).with_name("duiding")
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "analyze", str(path), "--db", str(db), "-q", "--no-nlp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"analyze failed: {proc.stderr.read().decode() if proc.stderr else status}")
    return seconds, usage.ru_maxrss


def query_mix(n: int, seed: int) -> list[tuple[str, dict[str, str]]]:
    """Queries like a newsroom's: single words (rare to very common), pairs, prefixes, filtered searches."""
    rng = random.Random(seed)
    words = sorted({w.lower() for p in paragraphs() for w in re.findall(r"[A-Za-zÀ-ÿ]{5,}", p)})
    queries = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.5:
            queries.append((rng.choice(words), {}))
        elif kind < 0.7:
            queries.append((f"{rng.choice(words)} {rng.choice(words)}", {}))
        elif kind < 0.8:
            queries.append((f"{rng.choice(words)[:4]}*", {}))
        else:
            queries.append((rng.choice(words), {"outlet": "nos.nl", "since": "2025-03", "until": "2025-09"}))
    return queries


def search_latency(db: Path, n: int = 400, seed: int = 3) -> tuple[float, float, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from duiding import Store, search

    queries = query_mix(n, seed)
    times = []
    with Store(db, readonly=True) as store:
        for q, filters in queries:
            t = time.perf_counter()
            search(store, q, limit=20, **filters)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1], times[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--format", choices=["txt", "jsonl"], default="jsonl")
    ap.add_argument("--workdir", default=None, help="keep generated data here (default: a temp folder)")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="duiding-bench-"))
    print(f"{'articles':>9} {'format':>6} {'seconds':>8} {'art/s':>7} {'peak MB':>8} "
          f"{'db MB':>7} {'search p50 ms':>13} {'p95 ms':>7} {'max ms':>7}")
    for n in args.sizes:
        data = generate(n, work / f"data-{n}-{args.format}", args.format)
        db = work / f"bench-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        seconds, rss = ingest(data, db)
        p50, p95, worst = search_latency(db)
        print(f"{n:>9,} {args.format:>6} {seconds:>8.1f} {n / seconds:>7.0f} {rss / 1024:>8.0f} "
              f"{db.stat().st_size / 1e6:>7.0f} {p50:>13.2f} {p95:>7.2f} {worst:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
