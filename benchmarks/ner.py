"""Entity-level F1 (conlleval style) of duiding's entity pipeline on CoNLL-2002 Dutch, beside raw Frog.

The data (../shared/data/conll2002_nl/ned.testa, research use only) is read from ../shared and
never copied. Each document's sentences are joined into a text (tokens separated by spaces,
sentences by a blank line) whose gold token spans are known; duiding's mentions (character
spans) count as right when they start and end on the gold entity's tokens with the same type.

"raw backend" is the tagger's own mentions (Frog's with ``--ner frog``, duiding's e5 model by
default), "duiding" the mentions after duiding's repairs and name chains.

Tag mapping from Frog's classes: per -> PER, org -> ORG, loc -> LOC, misc/pro/eve -> MISC
(CoNLL-2002 has no product or event class; its MISC holds both, and nationality adjectives).

Run: ``python benchmarks/ner.py [--file ned.testa] [--workers 2] [--limit-docs N] [--ner e5|frog]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duiding.nlp.annotate import Job  # noqa: E402
from duiding.nlp.runner import run_jobs  # noqa: E402
from duiding.records import Annotation, Mention  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "conll2002_nl"
TYPES = ("PER", "ORG", "LOC", "MISC")

Doc = list[list[tuple[str, str]]]  # sentences of (word, tag)


def read_conll(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            docs.append([])
            continue
        if not line.strip():
            if sentence:
                if not docs:
                    docs.append([])
                docs[-1].append(sentence)
                sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    return [d for d in docs if d]


def layout(doc: Doc) -> tuple[str, list[list[tuple[int, int]]]]:
    """The document as text, and each gold token's character span."""
    text, spans = "", []
    for si, sentence in enumerate(doc):
        if si:
            text += "\n\n"
        row = []
        for ti, (word, _) in enumerate(sentence):
            if ti:
                text += " "
            row.append((len(text), len(text) + len(word)))
            text += word
        spans.append(row)
    return text, spans


def gold_entities(doc: Doc) -> set[tuple[int, int, int, str]]:
    out = set()
    for si, sentence in enumerate(doc):
        start, kind = None, None
        for ti, (_, tag) in enumerate([*sentence, ("", "O")]):
            if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
                out.add((si, start, ti - 1, kind))
                start = None
            if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                start, kind = ti, tag[2:]
    return out


def predicted(mentions: tuple[Mention, ...], spans: list[list[tuple[int, int]]]) -> set[tuple[int, int, int, str]]:
    starts = {s: (si, ti) for si, row in enumerate(spans) for ti, (s, _) in enumerate(row)}
    ends = {e: (si, ti) for si, row in enumerate(spans) for ti, (_, e) in enumerate(row)}
    out = set()
    for m in mentions:
        a, b = starts.get(m.start), ends.get(m.end)
        if a and b and a[0] == b[0]:
            out.add((a[0], a[1], b[1], m.type))
        else:
            out.add((-1, m.start, m.end, m.type))  # boundaries off the gold tokens: always wrong
    return out


def score(gold: Counter, pred: Counter, right: Counter) -> dict[str, tuple[float, float, float]]:
    out = {}
    for kind in (*TYPES, "ALL"):
        g = sum(gold.values()) if kind == "ALL" else gold[kind]
        p = sum(pred.values()) if kind == "ALL" else pred[kind]
        r = sum(right.values()) if kind == "ALL" else right[kind]
        precision, recall = (r / p if p else 0.0), (r / g if g else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[kind] = (precision, recall, f1)
    return out


def evaluate(path: Path, workers: int = 2, limit_docs: int | None = None,
             options: dict[str, str] | None = None) -> dict:
    """Scores per system ("raw backend", "duiding") and type: (precision, recall, F1), plus counts and speed."""
    docs = read_conll(path)[:limit_docs]
    layouts = [layout(d) for d in docs]
    jobs = [Job(f"doc{i}", f"doc{i}", text, "nl") for i, (text, _) in enumerate(layouts)]
    started = time.perf_counter()
    results = {r.article_id: r for r in run_jobs(jobs, workers, options) if isinstance(r, Annotation)}
    seconds = time.perf_counter() - started
    counts = {name: (Counter(), Counter(), Counter()) for name in ("raw backend", "duiding")}
    for i, doc in enumerate(docs):
        gold = gold_entities(doc)
        ann = results.get(f"doc{i}")
        for name, mentions in (("raw backend", ann.raw_mentions if ann else ()),
                               ("duiding", ann.mentions if ann else ())):
            g, p, r = counts[name]
            pred = predicted(mentions, layouts[i][1])
            g.update(k for *_, k in gold)
            p.update(k for *_, k in pred)
            r.update(k for *_, k in pred & gold)
    out: dict = {name: score(*c) for name, c in counts.items()}
    out["counts"] = counts
    out["docs"], out["analysed"], out["seconds"] = len(docs), len(results), seconds
    out["tokens"] = sum(len(s) for d in docs for s in d)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default="ned.testa")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit-docs", type=int, default=None)
    ap.add_argument("--ner", choices=("e5", "frog"), default="e5", help="which Dutch NER the backend uses")
    args = ap.parse_args()
    path = DATA / args.file
    if not path.is_file():
        raise SystemExit(f"{path} is not here (../shared/data is needed for this benchmark)")
    res = evaluate(path, args.workers, args.limit_docs, {"ner": args.ner})
    tokens, seconds = res["tokens"], res["seconds"]
    print(f"{path.name}: {res['docs']} documents, {tokens:,} tokens, {res['analysed']} analysed in {seconds:.0f} s "
          f"({tokens / seconds:.0f} tokens/s, {args.workers} workers, ner = {args.ner})")
    print(f"{'system':11} {'type':5} {'P':>6} {'R':>6} {'F1':>6}   gold  predicted  right")
    for name, (g, p, r) in res["counts"].items():
        for kind, (prec, rec, f1) in res[name].items():
            gk = sum(g.values()) if kind == "ALL" else g[kind]
            pk = sum(p.values()) if kind == "ALL" else p[kind]
            rk = sum(r.values()) if kind == "ALL" else r[kind]
            print(f"{name:11} {kind:5} {prec:6.3f} {rec:6.3f} {f1:6.3f} {gk:6} {pk:10} {rk:6}")


if __name__ == "__main__":
    main()
