"""Scale: articles/s and peak memory of the local engine and Spark ``local[2]`` at 10k, 100k (, 1M) articles.

Two measurements, because full Frog analysis of 100k articles takes hours on two cores:

- **scale curve** — ingest (read, clean, language id, store) and the story stage without Frog
  (near-copies, events and storylines over word features, which is what an unanalysed article
  clusters on) for each size;
- **full pipeline** — ingest, Frog and enrichments, entities, stories on a small n.

Articles come from the example corpus' paragraphs (``benchmarks/ingest.paragraphs``, as in the
ingest benchmark), with the words inside each paragraph shuffled so articles are not accidental
near-copies of each other, plus 5 % real near-copies (an earlier article with one paragraph
dropped) so the duplicate stage has work. Dates are spread over 2025, one file per article.

Each run is a child process; peak memory is the largest sum of RSS over that process and all its
descendants (JVM, Python workers, Frog), sampled every 0.2 s from /proc. The machine's cores may
be shared with other work: treat the figures as lower bounds on throughput.

Run: ``python benchmarks/scale.py [--sizes 10000 100000] [--frog 300] [--engines local spark]``;
``--clusters 10000 100000 1000000`` prints only the clustering curve (events and storylines on features
made in memory, time and peak memory per size). Measured 2026-12-01 on this shared 2-core machine:

           n  events s  lines s    art/s    events     lines  peak MB
      10,000       7.9      1.7     1043     3,039        30      128
     100,000      43.7     22.1     1520    35,971        96      826
     300,000     152.4    104.2     1169   108,623       737     2352

1M was not run (its features alone would need ~8 GB here); from 300k: events ~0.5 ms an article
(~9 min), storylines growing faster than linearly (their index is not cut by time), ~8 GB.

``--batches 1000 10000 100000`` adds one batch of ``--batch`` (1,000) new articles — the next day's
news, 1,000 a day — to a store of each size whose stories were built in full, and prints each stage
of that batch (ingest: clean, detect language, store; entities; stories by part) and the full build,
as wall / CPU seconds (the machine is shared: wall times vary several-fold with the others' load, CPU
times less). ``--add STORE`` adds one more batch to a kept store; ``--grow BASE COPIES OUT`` makes a
store of COPIES x BASE's articles (copies shifted in time, with their stories and batch state) and
adds a batch to it: building 1M articles' stories in full did not fit the time on this machine.
Figures (2026-12-02, 1k to 1M): the README, Stories, batch by batch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import OUTLETS, paragraphs  # noqa: E402

COPY_SHARE = 0.05
EVENTS_MAX = 2_000_000  # clustering compares each article with a few indexed candidates: no size limit needed


def generate(n: int, folder: Path, seed: int = 11) -> Path:
    rng = random.Random(seed)
    paras = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    bodies: list[list[str]] = []
    for i in range(n):
        if bodies and rng.random() < COPY_SHARE:  # a near-copy: an earlier article minus one paragraph
            parts = list(rng.choice(bodies[-500:]))
            if len(parts) > 3:
                parts.pop(rng.randrange(len(parts)))
        else:
            parts = []
            for p in rng.sample(paras, rng.randint(3, 7)):
                words = p.split()
                rng.shuffle(words)
                parts.append(" ".join(words))
        bodies.append(parts)
        body = "\n\n".join(parts) + f"\n\nDit is bericht nummer {i} in de reeks."
        title = " ".join(rng.choice(paras).split()[:8])
        day = (f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
               f"T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00+01:00")
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(f"{title}\n{day}\nhttps://{rng.choice(OUTLETS)}/artikel/{i}\n\n{body}\n",
                                          encoding="utf-8")
    return folder


# --- the child: one engine, one size, one mode --------------------------------------------------

def child(engine_name: str, mode: str, folder: Path, work: Path) -> dict[str, float]:
    from duiding import Store, load_config
    from duiding.lang import for_language
    from duiding.pipeline import LocalEngine, analyze, ingest
    from duiding.stories import update_stories

    config = load_config(env={"DUIDING_REPORTS": "", "DUIDING_ANALYSE": "1" if mode == "frog" else "0"})
    times: dict[str, float] = {}
    engine: object = LocalEngine()
    if engine_name == "spark":
        from duiding.spark.engine import SparkEngine

        engine = SparkEngine("local[2]", work / "parquet")
        started = time.perf_counter()
        _ = engine.spark  # type: ignore[attr-defined]
        times["session"] = time.perf_counter() - started
    with Store(work / "store.db") as store:
        started = time.perf_counter()
        if mode == "frog":
            report = analyze([str(folder)], store, config, engine=engine)  # type: ignore[arg-type]
            times["total"] = time.perf_counter() - started
            times["analysed"] = report.nlp.analysed
        else:
            ingest([str(folder)], store, config, engine=engine)  # type: ignore[arg-type]
            times["ingest"] = time.perf_counter() - started
            timed = {}

            def clock(name: str, fn):  # type: ignore[no-untyped-def]
                def run(*args):  # type: ignore[no-untyped-def]
                    t = time.perf_counter()
                    result = fn(*args)
                    timed[name] = time.perf_counter() - t
                    return result
                return run

            if store.count("articles") > EVENTS_MAX:  # one-pass clustering is O(n x events): hours at 100k
                from duiding.dedup import Doc
                from duiding.store.analysis import article_texts

                t = time.perf_counter()
                engine.near_duplicates([Doc(*r) for r in article_texts(store)])  # type: ignore[attr-defined]
                times["duplicates"] = time.perf_counter() - t
                times["total"] = time.perf_counter() - started
                times["articles"] = store.count("articles")
                if engine_name == "spark":
                    engine.close()  # type: ignore[attr-defined]
                return times
            t = time.perf_counter()
            update_stories(store, for_language("nl"), cluster=clock("events", engine.cluster_events),  # type: ignore[attr-defined]
                           duplicates=clock("duplicates", engine.near_duplicates))  # type: ignore[attr-defined]
            times["stories"] = time.perf_counter() - t
            times.update(timed)
            times["total"] = time.perf_counter() - started
        times["articles"] = store.count("articles")
    if engine_name == "spark":
        engine.close()  # type: ignore[attr-defined]
    return times


# --- the clustering curve: events and storylines alone, on features made in memory ----------------

def synthetic_features(n: int, seed: int = 11) -> list:
    """Word features as an unanalysed article gets them (``features._words``): one or two paragraphs of the
    example corpus, 40-120 words of a Zipf-like vocabulary, four words of its story (stories of a few
    articles each), dates over 2025, 5 % near-copies, and a few entities drawn from a long tail. Shuffled
    paragraphs of one small corpus alone made every article resemble every other: one event of all."""
    from collections import Counter

    from duiding.cluster import Features
    from duiding.features import _words
    from duiding.lang import nl

    rng = random.Random(seed)
    bags = [_words(p, nl) for p in paragraphs()]
    out: list[Features] = []
    for i in range(n):
        if out and rng.random() < COPY_SHARE:
            base = rng.choice(out[-500:])
            terms, ents = dict(base.terms), dict(base.entities)
        else:
            c: Counter[str] = Counter()
            for b in rng.sample(bags, 1):  # a paragraph's worth of real Dutch, its words kept at random
                c.update(w for w in b if rng.random() < 0.3)
            for _ in range(rng.randint(40, 120)):  # the rest from a Zipf-like vocabulary, as in real news
                c[f"w{int(rng.paretovariate(0.8)) % 200_000}"] += 1
            story = int(rng.paretovariate(1.2)) + i // 50  # stories come and go: a few articles each
            for k in range(4):
                c[f"story{story}w{k}"] += 3
            terms = dict(c)
            ents = {f"e{int(rng.paretovariate(1.0) * 10) % 50_000}": 1.0 for _ in range(rng.randint(0, 4))}
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(Features(f"a{i:07d}", f"{day}T08:00:00", f"{day}T08:00:59", None, terms, ents))
    return out


def cluster_child(n: int) -> dict[str, float]:
    import resource

    from duiding.cluster import cluster_events, feature_idf, link_storylines

    t = time.perf_counter()
    feats = synthetic_features(n)
    times: dict[str, float] = {"generate": time.perf_counter() - t}
    t = time.perf_counter()
    idf = feature_idf(feats)
    times["idf"] = time.perf_counter() - t
    t = time.perf_counter()
    events = cluster_events(feats, idf)
    times["events"] = time.perf_counter() - t
    t = time.perf_counter()
    lines = link_storylines(events)
    times["storylines"] = time.perf_counter() - t
    times.update(articles=n, n_events=len(events), n_storylines=len(lines),
                 maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return times


def cluster_curve(sizes: list[int]) -> None:
    print(f"{'n':>10} {'events s':>9} {'lines s':>8} {'art/s':>8} {'events':>9} {'lines':>9} {'peak MB':>8}")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--cluster-child", str(n)], capture_output=True, text=True,
                             check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rate = n / (r["events"] + r["storylines"])
        print(f"{n:>10,} {r['events']:>9.1f} {r['storylines']:>8.1f} {rate:>8.0f} {r['n_events']:>9,} "
              f"{r['n_storylines']:>9,} {r['maxrss_mb']:>8.0f}", flush=True)
    print("events s / lines s: cluster_events / link_storylines alone (features made in memory, without Frog);"
          " peak MB: the child's max RSS, features included")


# --- the batch curve: one batch of new articles added to stores of growing size --------------------

def _letters(k: int) -> str:
    """A made-up word for number ``k`` (letters only: the word features skip words with digits)."""
    out = ""
    k += 26 ** 3
    while k:
        k, r = divmod(k, 26)
        out = "bcdfghjklmnpqrstvwxzaeiouy"[r] + out
    return "q" + out


def synthetic_raw(first: int, n: int, *, declared: bool, seed: int = 11) -> list:
    """Articles ``first`` .. ``first + n``, as a reader hands them over: a Zipf-like vocabulary around some
    real Dutch words (as ``synthetic_features``), four words of their story (stories of a few articles each,
    coming and going), 5 % near-copies of a recent article; 1,000 articles a day from 2020-01-01 on, so a
    store of n articles covers n / 1,000 days and a new batch is the next day's news. ``declared``: the
    language is given (the base of a curve), else detected as for any input."""
    from datetime import date, timedelta

    from duiding.records import RawArticle

    rng = random.Random(seed * 1_000_003 + first)
    paras = paragraphs()
    bodies: list[list[str]] = []
    out = []
    for i in range(first, first + n):
        if bodies and rng.random() < COPY_SHARE:
            parts = list(rng.choice(bodies[-500:]))
            if len(parts) > 3:
                parts.pop(rng.randrange(len(parts)))
        else:  # the words of ``synthetic_features``, as sentences
            story = int(rng.paretovariate(1.2)) + i // 4  # a story of a few articles, near in time
            bag = [w for w in rng.choice(paras).split() if rng.random() < 0.3]
            bag += [_letters(int(rng.paretovariate(0.8)) % 200_000) for _ in range(rng.randint(40, 120))]
            bag += [_letters(300_000 + story * 4 + k) for k in range(4) for _ in range(3)]
            rng.shuffle(bag)
            parts = [" ".join(bag[k:k + 12]).capitalize() + "." for k in range(0, len(bag), 12)]
        bodies.append(parts)
        day = date(2020, 1, 1) + timedelta(days=i // 1000)
        title = " ".join(rng.choice(paras).split()[:6])
        out.append(RawArticle(source=f"{i:07d}.txt", origin=f"/synthetic/{i:07d}.txt", body="\n\n".join(parts),
                              title=title, url=f"https://{rng.choice(OUTLETS)}/artikel/{i}",
                              published=f"{day.isoformat()}T{rng.randint(6, 22):02d}:00:00+01:00",
                              language="nl" if declared else None))
    return out


def _store_raw(store, raws, config, chunk: int = 2000) -> None:  # type: ignore[no-untyped-def]
    from duiding.ingest import OutletTable, Overrides, ReadOptions
    from duiding.nlp.langid import parse_codes
    from duiding.pipeline import IngestReport, PrepareOptions, prepare, store_outcomes

    opts = PrepareOptions(ReadOptions(fetch=False), OutletTable(config.outlets), Overrides(),
                          parse_codes(config.languages), int(config.min_language_chars))
    report = IngestReport(run_id=store.start_run("benchmark"))
    for k in range(0, len(raws), chunk):
        store_outcomes(prepare(raws[k:k + chunk], opts), store, report)


def batch_child(n: int, batch: int, work: Path) -> dict[str, float]:
    """A store of ``n`` articles with its stories built in full, then one batch added, stage by stage
    (wall seconds under each name, this process's CPU seconds under ``<name>.cpu``)."""
    import resource

    from duiding import Store, load_config
    from duiding.enrich.entities import resolve_entities
    from duiding.lang import for_language
    from duiding.stories import update_stories

    config = load_config(env={"DUIDING_REPORTS": "", "DUIDING_ANALYSE": "0"})
    nl = for_language("nl")
    times: dict[str, float] = {}

    timed = _timer(times)

    with Store(work / "store.db") as store:
        timed("base_ingest", lambda: _store_raw(store, synthetic_raw(0, n, declared=True), config))
        timed("full_build", lambda: (resolve_entities(store), update_stories(store, nl, rebuild=True)))
        times["full_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"progress": "built", **times}), file=sys.stderr, flush=True)
        _add_batch(store, n, batch, times)
    return times


def _timer(times: dict[str, float]):  # type: ignore[no-untyped-def]
    """``timed(name, fn, *args)``: run ``fn`` and put its wall seconds under ``name`` and its CPU seconds
    under ``name.cpu`` (on a shared machine the wall time is noisy)."""
    def timed(name: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.process_time()
        result = fn(*args, **kwargs)
        times[name] = time.perf_counter() - t
        times[name + ".cpu"] = time.process_time() - c
        return result

    return timed


def _add_batch(store, n: int, batch: int, times: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    """Add articles ``n`` .. ``n + batch`` (the next day's news) to ``store`` and time each stage."""
    import resource

    from duiding import load_config
    from duiding.enrich.entities import resolve_entities
    from duiding.lang import for_language
    from duiding.stories import update_stories

    config = load_config(env={"DUIDING_REPORTS": "", "DUIDING_ANALYSE": "0"})
    nl = for_language("nl")

    timed = _timer(times)

    raws = synthetic_raw(n, batch, declared=False)
    timed("ingest", _store_raw, store, raws, config)
    timed("entities", resolve_entities, store)
    stages: dict[str, float] = {}
    report = timed("stories", update_stories, store, nl, **_timings_arg(stages))
    times.update({f"stories.{k}": v for k, v in stages.items()})
    times["new"] = report.new_articles
    times["articles"] = store.count("articles")
    times["batch_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times.update(_reads(store, nl))


# --- a store of millions from a built one: copies shifted in time -----------------------------------

def _shift(value: str | None, days: int) -> str | None:
    from datetime import date, timedelta

    if not value or len(value) < 10:
        return value
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]


def replicate(base: Path, copies: int, out: Path) -> dict[str, float]:
    """A store of ``copies`` x the base's articles: the base (built in full by ``--batches``, 1,000 articles a
    day) and ``copies - 1`` copies of it, each shifted by the base's span in days, with its stories, features,
    document frequencies (x copies), MinHash bands and signatures and event keys, so that the store's next day
    follows the last copy. Building 1M articles' stories in full needs hours on this shared machine; the copies give the
    tables, indexes and full-text index of a 1M store in which the batch path, the reads and the web pages are
    measured. Text and features repeat every span (a real 1M store's vocabulary would be larger)."""
    import sqlite3

    t, c = time.perf_counter(), time.process_time()
    out.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    src.execute(f"VACUUM INTO '{out}'")
    src.close()
    db = sqlite3.connect(out)
    db.create_function("shift", 2, _shift, deterministic=True)
    n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    first, last = db.execute("SELECT min(published_start), max(published_start) FROM articles").fetchone()
    span = (date_of(last) - date_of(first)).days + 1
    db.execute("DELETE FROM articles WHERE rowid > (SELECT CAST(value AS INTEGER) FROM story_state "
               "WHERE key = 'rowid')")  # a batch's articles stored after the build (none, normally)
    db.commit()
    top = db.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    cols = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
    dated = {"published", "published_start", "published_end"}
    for k in range(1, copies):
        d, sfx = k * span, f".{k}"
        sel = ", ".join(f"id || '{sfx}'" if col == "id" else f"{col} || '{sfx}'" if col in ("source", "origin")
                        else f"shift({col}, {d})" if col in dated else col for col in cols)
        db.execute("BEGIN")
        db.execute(f"INSERT INTO articles({', '.join(cols)}) SELECT {sel} FROM articles WHERE rowid <= ?", (top,))
        db.execute(f"INSERT INTO story_features(article_id, data) SELECT article_id || '{sfx}', json_set(data, "
                   f"'$.s', shift(json_extract(data, '$.s'), {d}), '$.e', shift(json_extract(data, '$.e'), {d})) "
                   "FROM story_features WHERE article_id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO minhash_bands(band, article_id) SELECT band, article_id || '{sfx}' "
                   "FROM minhash_bands WHERE article_id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO minhash_signatures(article_id, shingles, signature) SELECT article_id || '{sfx}', "
                   "shingles, signature FROM minhash_signatures WHERE article_id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO storylines(id, label, start, \"end\", n_events) SELECT id || '{sfx}', label, "
                   f"shift(start, {d}), shift(\"end\", {d}), n_events FROM storylines WHERE id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO events(id, label, start, \"end\", n_articles, storyline_id) SELECT id || '{sfx}', "
                   f"label, shift(start, {d}), shift(\"end\", {d}), n_articles, storyline_id || '{sfx}' FROM events "
                   "WHERE id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO event_articles(event_id, article_id) SELECT event_id || '{sfx}', "
                   f"article_id || '{sfx}' FROM event_articles WHERE event_id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO event_keys(key, event_id) SELECT key, event_id || '{sfx}' FROM event_keys "
                   "WHERE event_id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO duplicate_groups(id, original, similarity) SELECT id || '{sfx}', original || "
                   f"'{sfx}', similarity FROM duplicate_groups WHERE id NOT LIKE '%.%'")
        db.execute(f"INSERT INTO duplicate_members(group_id, article_id) SELECT group_id || '{sfx}', "
                   f"article_id || '{sfx}' FROM duplicate_members WHERE group_id NOT LIKE '%.%'")
        db.execute("COMMIT")
        print(json.dumps({"progress": f"copy {k}", "s": time.perf_counter() - t}), file=sys.stderr, flush=True)
    db.execute("UPDATE term_df SET df = df * ?", (copies,))
    db.execute("UPDATE story_state SET value = ? WHERE key = 'n_docs'", (str(n * copies),))
    db.execute("UPDATE story_state SET value = (SELECT max(rowid) FROM articles) WHERE key = 'rowid'")
    db.execute("ANALYZE")
    db.commit()
    db.close()
    return {"replicate": time.perf_counter() - t, "replicate.cpu": time.process_time() - c,
            "articles": n * copies, "span_days": span}


def date_of(iso: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(iso[:10])


def add_child(db: Path, batch: int) -> dict[str, float]:
    """One more batch added to an existing store (of ``--batches`` or ``--grow``), with the modules the
    stages use imported first (in a fresh process, importing datasketch and scipy alone costs seconds)."""
    import duiding.enrich.entities
    import duiding.pipeline
    import duiding.stories  # noqa: F401
    from duiding import Store

    times: dict[str, float] = {}
    with Store(db) as store:
        n = int(store.conn.execute("SELECT max(rowid) FROM articles").fetchone()[0])
        _add_batch(store, n, batch, times)
    times["store_mb"] = db.stat().st_size / 1e6
    return times


def grown_child(base: Path, copies: int, out: Path, batch: int) -> dict[str, float]:
    from duiding import Store

    times = replicate(base, copies, out)
    with Store(out) as store:
        n = store.count("articles")
        _add_batch(store, n, batch, times)
    times["store_mb"] = out.stat().st_size / 1e6
    return times


def _reads(store, nl) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """What readers do at this size: the storyline list, a search, the largest storyline's page (its report:
    members, sentences, summary, timeline), its events; and whether their queries use indexes."""
    from duiding.report.model import story_report
    from duiding.store.search import search
    from duiding.store.stories import events, storylines

    out: dict[str, float] = {}
    t = time.perf_counter()
    lines = storylines(store)
    out["read.stories"] = time.perf_counter() - t
    t = time.perf_counter()
    search(store, "bericht", limit=20)
    out["read.search"] = time.perf_counter() - t
    biggest = max(lines, key=lambda r: (r["n_events"], r["id"]))["id"] if lines else None
    if biggest:
        t = time.perf_counter()
        events(store, biggest)
        story_report(store, biggest, nl)
        out["read.story_page"] = time.perf_counter() - t
    if not store.dialect.is_postgres:
        plans = [" ".join(str(r[-1]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, args))
                 for sql, args in (("SELECT * FROM events WHERE storyline_id = ?", ("x",)),
                                   ("SELECT article_id FROM event_articles WHERE event_id = ?", ("x",)),
                                   ('SELECT id FROM events WHERE "end" >= ? AND start <= ?', ("a", "b")))]
        out["read.full_scans"] = sum("SCAN" in p and "USING" not in p for p in plans)
    return out


def _timings_arg(stages: dict[str, float]) -> dict[str, object]:
    """``timings=`` when this duiding's story stage reports its parts (else the total only)."""
    import inspect

    from duiding.stories import update_stories

    return {"timings": stages} if "timings" in inspect.signature(update_stories).parameters else {}


def batch_curve(sizes: list[int], batch: int) -> None:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="duiding-batch-") as tmp:
            proc = subprocess.run([sys.executable, __file__, "--batch-child", str(n), str(batch), tmp],
                                  stdout=subprocess.PIPE, text=True)
            if proc.returncode != 0:
                print(f"{n:>10,}  failed ({proc.returncode}): see the child's stderr above", flush=True)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
        parts = "  ".join(f"{k.split('.', 1)[1]} {v:.2f}/{r.get(k + '.cpu', float('nan')):.2f}"
                          for k, v in r.items() if k.startswith("stories.") and not k.endswith(".cpu"))
        parts += " | reads: " + "  ".join(f"{k.split('.', 1)[1]} {v:.3f}" for k, v in r.items()
                                          if k.startswith("read."))
        rows.append(r)

        def both(k: str, r: dict[str, float] = r) -> str:
            return f"{r[k]:.2f}/{r[k + '.cpu']:.2f} s"

        print(f"store {n:>9,} + {batch:,} (wall/CPU): ingest {both('ingest')}  entities {both('entities')}  "
              f"stories {both('stories')}  peak {r['batch_peak_mb']:.0f} MB | full build {both('full_build')} "
              f"peak {r['full_peak_mb']:.0f} MB (base ingest {both('base_ingest')}) | {parts}", flush=True)
    print("ingest: clean, detect language, store; entities: resolution; stories: near-copies, features, IDF, "
          "events, storylines, labels, claims (no Frog: word features). full build: entities + `recluster` "
          "of the base store; peak: the child's max RSS")


# --- the parent: generate, run children, sample memory, print the table --------------------------

def _tree_rss_kib(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            vm = next((line for line in (entry / "status").read_text().splitlines() if line.startswith("VmRSS:")),
                      "VmRSS: 0 kB")
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = int(vm.split()[1])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def measure(engine: str, mode: str, folder: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="duiding-scale-") as tmp:
        proc = subprocess.Popen([sys.executable, __file__, "--child", engine, mode, str(folder), tmp],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(proc.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, _ = proc.communicate()
        done.set()
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"{engine} {mode} failed ({proc.returncode})")
        result = json.loads(out.strip().splitlines()[-1])
        result["peak_mb"] = peak / 1024
        return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=4, metavar=("ENGINE", "MODE", "FOLDER", "WORK"))
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--frog", type=int, default=300, help="articles for the full pipeline with Frog (0: skip)")
    ap.add_argument("--engines", nargs="*", default=["local", "spark"])
    ap.add_argument("--clusters", type=int, nargs="*", help="only the clustering curve at these sizes")
    ap.add_argument("--cluster-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--batches", type=int, nargs="*",
                    help="only the batch curve: add one batch (--batch) to stores of these sizes")
    ap.add_argument("--batch", type=int, default=1000, help="articles in the batch of --batches")
    ap.add_argument("--batch-child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--grow", nargs=3, metavar=("BASE", "COPIES", "OUT"),
                    help="a store of COPIES x BASE's articles (BASE: a store built by --batches; copies shifted in "
                         "time), then one batch added to it, stage by stage, and its reads")
    ap.add_argument("--add", metavar="STORE", help="add one batch (--batch) to this existing store, stage by stage")
    args = ap.parse_args()
    if args.add:
        print(json.dumps(add_child(Path(args.add), args.batch)))
        return
    if args.grow:
        base, copies, out = args.grow
        print(json.dumps(grown_child(Path(base), int(copies), Path(out), args.batch)))
        return
    if args.batch_child:
        n, batch, work = args.batch_child
        print(json.dumps(batch_child(int(n), int(batch), Path(work))))
        return
    if args.batches:
        batch_curve(args.batches, args.batch)
        return
    if args.cluster_child:
        print(json.dumps(cluster_child(args.cluster_child)))
        return
    if args.clusters:
        cluster_curve(args.clusters)
        return
    if args.child:
        engine, mode, folder, work = args.child
        print(json.dumps(child(engine, mode, Path(folder), Path(work))))
        return
    print(f"cores: {os.cpu_count()} (shared with other work on this machine)")
    header = (f"{'mode':<7}{'n':>9}  {'engine':<8}{'ingest s':>9}{'dups s':>8}{'events s':>9}{'total s':>9}"
              f"{'art/s':>8}{'peak MB':>9}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="duiding-scale-data-") as data:
        runs = [("frog", args.frog)] if args.frog else []
        runs += [("scale", n) for n in args.sizes]
        for mode, n in runs:
            folder = generate(n, Path(data) / f"n{n}")
            for engine in args.engines:
                r = measure(engine, mode, folder)
                rate = r["articles"] / r["total"] if r["total"] else 0.0
                rows.append(f"{mode:<7}{n:>9,}  {engine:<8}{r.get('ingest', float('nan')):>9.1f}"
                            f"{r.get('duplicates', float('nan')):>8.1f}{r.get('events', float('nan')):>9.1f}"
                            f"{r['total']:>9.1f}{rate:>8.1f}{r['peak_mb']:>9.0f}")
                print(rows[-1], flush=True)
    print("\n" + header)
    print("\n".join(rows))
    print("total s excludes the Spark session start (~5 s); frog rows: ingest + Frog + entities + stories")


if __name__ == "__main__":
    main()
