"""English attribution on PolNeAR (Newell, Margolin & Ruths, LREC 2018): direct quotes and their speakers.

Reads ../shared/data/polnear_dev (never copied into the repo). PolNeAR annotates every attribution
(Source, Cue, Content): direct quotes, indirect speech, beliefs. duiding's direct quotes are scored
against the gold *direct* attributions, those whose Content is a quotation in marks:

- content recall: a gold direct quote counts as found when a predicted direct or partial quote
  overlaps half of it or more;
- speaker accuracy: found AND the predicted speaker (name, words at the quote, role, organisation)
  shares a capitalised word with the gold Source span, or, for a pronoun or description Source,
  the predicted speaker's words overlap it;
- precision: predicted direct/partial quotes that overlap any gold Content (direct or not) by half,
  over all predicted.

Usage: python benchmarks/polnear.py [--split dev] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data" / "polnear_dev"
QUOTES = "“”\"‘’"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    source: str
    direct: bool


def read_gold(ann: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, int, int, str]] = {}
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, *offsets = parts[1].replace(";", " ").split()
            nums = [int(x) for x in offsets]
            spans[parts[0]] = (kind, min(nums), max(nums), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split()[1:] if ":" in a)
            content, source = spans.get(args.get("Content", "")), spans.get(args.get("Source", ""))
            if content is None:
                continue
            _, s, e, _ = content
            out.append(Gold(s, e, source[3] if source else "", _is_direct(text, s, e)))
    return out


def _is_direct(text: str, s: int, e: int) -> bool:
    """A Content that is a quotation: in marks (the marks inside the span or just around it)."""
    inner = text[s:e].strip()
    before, after = text[max(0, s - 2):s], text[e:e + 2]
    opens = inner[:1] in QUOTES or any(c in QUOTES for c in before)
    closes = inner[-1:] in QUOTES or inner[-2:-1] in QUOTES or any(c in QUOTES for c in after)
    return opens and closes and len(inner.split()) >= 3


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _speaker_ok(pred: dict, source: str) -> bool:
    said = " ".join(str(pred.get(k) or "") for k in ("speaker_name", "speaker_text", "speaker_role",
                                                     "speaker_organisation"))
    caps = {w.strip(".,'’s").lower() for w in re.findall(r"[A-Z][\w.'’-]+", source)}
    caps -= {"the", "a", "an", "he", "she", "they", "it", "we", "i"}
    words = set(re.findall(r"\w+", said.lower()))
    if caps:
        return bool(caps & words)
    return bool(set(re.findall(r"\w+", source.lower())) & words)


def score(split: str = "dev", limit: int | None = None, show: int = 0) -> dict[str, float]:
    from duiding import Store, load_config
    from duiding.pipeline import analyze

    folder = DATA / split
    anns = sorted((folder / "attributions").glob("*.ann"))[:limit]
    texts = {}
    for ann in anns:
        stem = ann.stem
        candidates = [folder / "text" / f"{stem}.txt", folder / "text" / f"{stem.rsplit('_', 1)[0]}.txt"]
        path = next((c for c in candidates if c.is_file()), None)
        if path is not None:
            texts[ann] = path
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = []
        for i, (ann, path) in enumerate(texts.items()):
            f = work / f"{i:04d}.txt"
            f.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            files.append((ann, path, f))
        cfg = load_config(env={}).with_overrides(workers=1, languages="en,nl", reports="")
        with Store(work / "p.db") as store:
            analyze([str(f) for _, _, f in files], store, cfg)
            by_source = {Path(r[0]).name: (r[1], r[2]) for r in store.conn.execute(
                "SELECT source, id, text FROM articles")}
            quotes: dict[str, list[dict]] = {}
            for row in store.conn.execute(
                    "SELECT article_id, start, end, text, kind, speaker_name, speaker_text, speaker_role, "
                    "speaker_organisation FROM quotes WHERE kind IN ('direct', 'partial')"):
                quotes.setdefault(row[0], []).append(dict(zip(
                    ("article", "start", "end", "text", "kind", "speaker_name", "speaker_text", "speaker_role",
                     "speaker_organisation"), row, strict=True)))
    n_gold = found = right = n_pred = matched = 0
    misses: list[str] = []
    for ann, path, f in files:
        original = path.read_text(encoding="utf-8")
        aid, stored = by_source.get(f.name, (None, ""))
        shift = stored.find(original.strip()[:80]) - original.find(original.strip()[:80]) if stored else 0
        gold = read_gold(ann, original)
        preds = [{**q, "start": q["start"] - shift, "end": q["end"] - shift} for q in quotes.get(aid or "", [])]
        for g in (g for g in gold if g.direct):
            n_gold += 1
            hit = [p for p in preds if _overlap(p["start"], p["end"], g.start, g.end) * 2 >= (g.end - g.start) * 0.9
                   or _overlap(p["start"], p["end"], g.start, g.end) * 2 >= (p["end"] - p["start"])]
            if hit:
                found += 1
                if _speaker_ok(hit[0], g.source):
                    right += 1
                elif len(misses) < show:
                    said = original[g.start:g.end][:60]
                    misses.append(f"speaker {hit[0]['speaker_name']!r} for {g.source!r}: {said}")
            elif len(misses) < show:
                misses.append(f"missed ({g.source}): {original[g.start:g.end][:80]}")
        for p in preds:
            n_pred += 1
            if any(_overlap(p["start"], p["end"], g.start, g.end) * 2 >= (p["end"] - p["start"]) for g in gold):
                matched += 1
    for m in misses:
        print(" ", m)
    return {"articles": len(files), "gold_direct": n_gold, "predicted": n_pred,
            "recall": found / n_gold if n_gold else 0.0, "speaker": right / n_gold if n_gold else 0.0,
            "precision": matched / n_pred if n_pred else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    if not (DATA / a.split).is_dir():
        sys.exit(f"{DATA / a.split} is not here")
    s = score(a.split, a.limit, a.show)
    print(f"polnear {a.split}: articles={s['articles']} gold_direct={s['gold_direct']} predicted={s['predicted']} "
          f"recall={s['recall']:.3f} speaker={s['speaker']:.3f} precision={s['precision']:.3f}")


if __name__ == "__main__":
    main()
