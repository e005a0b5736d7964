"""Story quality: event/storyline B-cubed on our own corpus (with a threshold sweep that calibrates
cluster.EVENT_THRESHOLD and STORYLINE_THRESHOLD), near-duplicate precision/recall on the hand-labelled
DPG pairs, and (``--mix``) the seeds mixed into the 1,438 DPG articles.

``--dpg STORE`` sweeps the event and storyline thresholds and the entity weight on the hand-grouped DPG
week 2019-W10 (../shared/data/dpgmedia2019_nl/events_w10_dev.json), re-clustering an analysed store of
that week (``../shared/tools/score_events.py`` leaves one as ``WORKDIR/e.db``), with the scorer's B-cubed.

Run: ``python benchmarks/stories.py [--mix] [--dpg STORE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duiding import Store, load_config  # noqa: E402
from duiding.cluster import cluster_events, idf_table, link_storylines  # noqa: E402
from duiding.dedup import Doc, near_duplicates  # noqa: E402
from duiding.evaluate import bcubed, pair_scores  # noqa: E402
from duiding.features import article_features  # noqa: E402
from duiding.lang import nl  # noqa: E402
from duiding.pipeline import analyze  # noqa: E402
from duiding.store.analysis import article_material  # noqa: E402

STORIES = ROOT / "tests" / "fixtures" / "stories"
SHARED = ROOT.parent / "shared"
DPG = SHARED / "data" / "dpgmedia2019_nl" / "dpgMedia2019-articles-byarticle-all.jsonl"
LABELS = ROOT / "benchmarks" / "data" / "dpg_duplicate_labels.json"


def analysed_store(paths: list[str], db: Path) -> Store:
    store = Store(db)
    analyze(paths, store, load_config(env={}))
    return store


def story_sweep() -> None:
    gold = json.loads((STORIES / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = analysed_store(sorted(str(p) for p in STORIES.glob("art*.txt")), Path(tmp) / "s.db")
        source = {r[0]: r[1] for r in store.conn.execute("SELECT id, source FROM articles")}
        features = list(article_features(article_material(store), nl))
        store.close()
    idf = idf_table(f.terms for f in features)
    g_event = {a: v["event"] for a, v in gold["articles"].items()}
    g_line = {a: v["storyline"] for a, v in gold["articles"].items()}
    print(f"{'event θ':>8} {'line θ':>7} {'events':>6} {'ev P':>6} {'ev R':>6} {'ev F1':>6} {'lines':>6} "
          f"{'sl P':>6} {'sl R':>6} {'sl F1':>6}")
    for et in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        events = cluster_events(features, idf, threshold=et)
        p_event = {source[a]: e.id for e in events for a in e.articles}
        for st in (0.2, 0.3, 0.4):
            lines = link_storylines(events, threshold=st)
            p_line = {source[a]: f"l{i}" for i, line in enumerate(lines) for e in line for a in e.articles}
            ep, er, ef = bcubed(p_event, g_event)
            sp, sr, sf = bcubed(p_line, g_line)
            print(f"{et:>8.2f} {st:>7.2f} {len(events):>6} {ep:>6.3f} {er:>6.3f} {ef:>6.3f} {len(lines):>6} "
                  f"{sp:>6.3f} {sr:>6.3f} {sf:>6.3f}")


def dpg_duplicates() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    rows = {json.loads(line)["id"]: json.loads(line) for line in DPG.read_text("utf-8").splitlines()}
    started = time.perf_counter()
    groups = near_duplicates([Doc(str(i), r["text"], r["published_at"]) for i, r in rows.items() if r["text"]])
    seconds = time.perf_counter() - started
    predicted = {frozenset(p) for g in groups for p in combinations(g.articles, 2)}
    labelled = {frozenset((str(x["a"]), str(x["b"]))): x["label"] for x in labels}
    gold = {p for p, label in labelled.items() if label == "copy"}
    judged = {p for p in predicted if p in labelled}
    p, r, f = pair_scores(judged, gold)
    print(f"DPG near-duplicates: {len(rows):,} articles in {seconds:.1f} s; {len(groups)} groups, "
          f"{len(predicted)} pairs; on the {len(labelled)} labelled pairs ({len(gold)} copies): precision {p:.3f}, "
          f"recall {r:.3f}, F1 {f:.3f}; {len(predicted - set(labelled))} predicted pairs were not candidates")


def mixed() -> None:
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store = analysed_store([str(DPG), *seeds], Path(tmp) / "m.db")
        seconds = time.perf_counter() - started
        rows = store.conn.execute(
            "SELECT a.source, ea.event_id, e.storyline_id FROM articles a "
            "JOIN event_articles ea ON ea.article_id = a.id JOIN events e ON e.id = ea.event_id").fetchall()
        store.close()
    event_of = {s: e for s, e, _ in rows}
    line_of = {s: sl for s, _, sl in rows}
    seed_names = [Path(s).name for s in seeds]
    ev23 = {event_of[n] for n in seed_names[:4]}
    together = len(ev23) == 1
    apart = event_of[seed_names[4]] not in ev23
    linked = line_of[seed_names[0]] == line_of[seed_names[4]]
    absorbed = sum(1 for s, e in event_of.items() if e in ev23 | {event_of[seed_names[4]]} and s not in seed_names)
    print(f"seeds mixed into DPG ({seconds:.0f} s): event_2023_together {together}, event_2024_apart {apart}, "
          f"storyline_links_both {linked}, unrelated DPG articles absorbed into the seed events: {absorbed}")


def dpg_sweep(db: Path) -> None:
    import duiding.cluster as cluster

    sys.path.insert(0, str(SHARED / "tools"))
    from score_events import bcubed as score_bcubed
    from score_seeds import norm

    data = SHARED / "data" / "dpgmedia2019_nl"
    gold = json.loads((data / "events_w10_dev.json").read_text(encoding="utf-8"))["articles"]
    rows = {str(r["id"]): r for r in map(json.loads, DPG.read_text(encoding="utf-8").splitlines())}
    with Store(db) as store:
        by_text: dict[str, str] = {}
        for aid, text in store.conn.execute("SELECT id, text FROM articles ORDER BY rowid"):
            by_text.setdefault(norm(text)[:300], aid)
        features = list(article_features(article_material(store), nl))
    ex = {i: by_text.get(norm(rows[i]["text"])[:300]) for i in gold}
    g_event = {i: x["event"] for i, x in gold.items()}
    g_line = {i: x["storyline"] for i, x in gold.items()}
    print(f"2019-W10 ({len(gold)} articles), digests flagged: {sum(f.digest for f in features)}")
    print(f"{'entity w':>8} {'event θ':>8} {'line θ':>7} {'ev P':>6} {'ev R':>6} {'ev F1':>6} {'sl P':>6} {'sl R':>6} "
          f"{'sl F1':>6}")
    for weight in (0.0, 0.5, 1.0):
        cluster.ENTITY_WEIGHT = weight
        idf = cluster.feature_idf(features)
        for et in (0.16, 0.18, 0.2, 0.22, 0.24):
            events = cluster_events(features, idf, threshold=et)
            event_of = {a: e.id for e in events for a in e.articles}
            for st in (0.1, 0.12, 0.14, 0.16):
                lines = link_storylines(events, threshold=st)
                line_of = {e.id: f"l{i}" for i, line in enumerate(lines) for e in line}
                pe = {i: event_of.get(ex[i] or "", "none:" + i) for i in gold}
                ps = {i: line_of.get(event_of.get(ex[i] or "", ""), "none:" + i) for i in gold}
                ep, er, ef = score_bcubed(pe, g_event)
                sp, sr, sf = score_bcubed(ps, g_line)
                print(f"{weight:>8.1f} {et:>8.2f} {st:>7.2f} {ep:>6.3f} {er:>6.3f} {ef:>6.3f} {sp:>6.3f} {sr:>6.3f} "
                      f"{sf:>6.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mix", action="store_true", help="also analyse the seeds mixed into the DPG articles (~10 min)")
    ap.add_argument("--dpg", type=Path, metavar="STORE", help="sweep on an analysed store of DPG week 2019-W10")
    args = ap.parse_args()
    if args.dpg:
        dpg_sweep(args.dpg)
        return
    if (STORIES / "gold.json").is_file():
        story_sweep()
    if LABELS.is_file() and DPG.is_file():
        dpg_duplicates()
    if args.mix and DPG.is_file():
        mixed()


if __name__ == "__main__":
    main()
