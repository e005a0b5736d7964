"""Train duiding's Dutch NER (``ner.py``) from CoNLL-2002: ``duiding train-ner DATA_DIR``.

Why it is part of the project: the shipped model files must be reproducible from the data, and the
data may not be shipped (CoNLL-2002 is for research use only). Steps, on ~2 CPU cores ~25 minutes:

1. e5 vectors (layers 4 and 8) of every word of ned.train and ned.testa, cached as .npy in
   ``--cache`` (the slow part: ~240k words through 8 transformer layers);
2. the classifier on all of ned.train, and twice more on half the articles each, so that the CRF
   learns from probabilities on articles the classifier has not seen (as at run time);
3. the CRF on ned.train with those held-out probabilities;
4. entity F1 on ned.testa (conlleval style) of the classifier alone and of the CRF.

testa is used for the report only (and for choosing settings by hand); it never trains anything.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .ner import LABELS, LAYERS, Gazetteer, Head, crf_features, head_inputs, names_folder

Sentence = list[tuple[str, str]]
Article = list[Sentence]


def read_conll(path: Path) -> list[Article]:
    """CoNLL-2002 file -> articles of sentences of (word, IOB2 tag); ``-DOCSTART-`` separates articles."""
    docs: list[Article] = []
    sentence: Sentence = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                if not docs:
                    docs.append([])
                docs[-1].append(sentence)
                sentence = []
            if line.startswith("-DOCSTART-"):
                docs.append([])
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    return [d for d in docs if d]


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB2 tags of one sentence -> (first, last, type) spans, conlleval's reading (a stray I- starts one)."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            out.add((start, i - 1, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return out


def f1_by_type(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    counts = {k: [0, 0, 0] for k in ("PER", "ORG", "LOC", "MISC", "ALL")}
    for g, p in zip(gold, pred, strict=True):
        ge, pe = entities(g), entities(p)
        for spans, slot in ((ge, 0), (pe, 1), (ge & pe, 2)):
            for *_, kind in spans:
                counts[str(kind)][slot] += 1
                counts["ALL"][slot] += 1
    out = {}
    for kind, (g_n, p_n, r_n) in counts.items():
        prec, rec = (r_n / p_n if p_n else 0.0), (r_n / g_n if g_n else 0.0)
        out[kind] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    return out


def word_vectors(docs: list[Article], cache: Path | None, name: str,
                 log: Callable[[str], None]) -> np.ndarray:
    """[words, 2, 384] float16, words in file order; read from / written to ``cache``."""
    target = cache / f"{name}.e5-l{'-'.join(map(str, LAYERS))}.npy" if cache else None
    words = sum(len(s) for d in docs for s in d)
    if target is not None and target.is_file():
        arr = np.load(target)
        if len(arr) == words:
            return arr
    from .encoder import Encoder

    encoder = Encoder(layers=max(LAYERS))
    sentences = [[w for w, _ in s] for d in docs for s in d]
    parts, started = [], time.perf_counter()
    for i in range(0, len(sentences), 500):
        parts.extend(encoder.word_vectors(sentences[i:i + 500], LAYERS))
        log(f"{name}: {min(i + 500, len(sentences))}/{len(sentences)} sentences encoded "
            f"({time.perf_counter() - started:.0f} s)")
    arr = np.concatenate(parts).astype(np.float16)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        np.save(target, arr)
    return arr


def _inputs(docs: list[Article], vectors: np.ndarray) -> np.ndarray:
    rows, at = [], 0
    for d in docs:
        for s in d:
            rows.append(head_inputs(vectors[at:at + len(s)]))
            at += len(s)
    return np.concatenate(rows)


def train_head(x: np.ndarray, y: np.ndarray, *, hidden: int = 384, epochs: int = 8, seed: int = 0,
               batch: int = 256, lr: float = 1e-3, dropout: float = 0.25) -> Head:
    """Softmax classifier with one ReLU layer, Adam, input dropout; plain numpy (no torch)."""
    rng = np.random.default_rng(seed)
    mean = x.mean(0, dtype=np.float64).astype(np.float32)
    inv_std = (1.0 / (x.std(0, dtype=np.float64) + 1e-4)).astype(np.float32)
    n_in, n_out = x.shape[1], len(LABELS)
    p = {"w1": rng.normal(0, np.sqrt(2 / n_in), (n_in, hidden)).astype(np.float32),
         "b1": np.zeros(hidden, np.float32),
         "w2": rng.normal(0, np.sqrt(1 / hidden), (hidden, n_out)).astype(np.float32),
         "b2": np.zeros(n_out, np.float32)}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v2 = {k: np.zeros_like(v) for k, v in p.items()}
    step = 0
    steps = epochs * ((len(x) + batch - 1) // batch)
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for s in range(0, len(x), batch):
            idx = order[s:s + batch]
            xb = (x[idx].astype(np.float32) - mean) * inv_std
            if dropout:
                xb *= (rng.random(xb.shape, np.float32) >= dropout) / (1 - dropout)
            yb = y[idx]
            pre = xb @ p["w1"] + p["b1"]
            h = np.maximum(pre, 0)
            z = h @ p["w2"] + p["b2"]
            z = np.exp(z - z.max(1, keepdims=True))
            prob = z / z.sum(1, keepdims=True)
            prob[np.arange(len(idx)), yb] -= 1
            dz = prob / len(idx)
            grads = {"w2": h.T @ dz, "b2": dz.sum(0)}
            dh = (dz @ p["w2"].T) * (pre > 0)
            grads["w1"], grads["b1"] = xb.T @ dh, dh.sum(0)
            step += 1
            rate = lr * (1 - step / steps) + lr * 0.05
            for k in p:
                grads[k] += 1e-5 * p[k] if k.startswith("w") else 0
                m[k] = 0.9 * m[k] + 0.1 * grads[k]
                v2[k] = 0.999 * v2[k] + 0.001 * grads[k] ** 2
                mh, vh = m[k] / (1 - 0.9 ** step), v2[k] / (1 - 0.999 ** step)
                p[k] -= rate * mh / (np.sqrt(vh) + 1e-8)
    return Head({**p, "mean": mean, "inv_std": inv_std})


def _by_sentence(docs: list[Article], rows: np.ndarray) -> list[list[np.ndarray]]:
    out, at = [], 0
    for d in docs:
        doc = []
        for s in d:
            doc.append(rows[at:at + len(s)])
            at += len(s)
        out.append(doc)
    return out


def _classifiers(x: np.ndarray, y: np.ndarray, doc_of_row: np.ndarray, cache: Path | None,
                 log: Callable[[str], None]) -> tuple[Head, np.ndarray]:
    """The classifier on all of train, and each row's probabilities from the classifier not trained on it.

    Training is seeded, so the results are a function of the vectors: with ``cache`` they are kept
    (.npz/.npy, no pickle) and a second run that only changes the CRF skips ~40 CPU-minutes.
    """
    head_file, held_file = (cache / "ner-head-all.npz", cache / "ner-heldout.npy") if cache else (None, None)
    if head_file is not None and held_file is not None and head_file.is_file() and held_file.is_file():
        held = np.load(held_file)
        if len(held) == len(x):
            return Head.load(head_file), held
    started = time.perf_counter()
    head = train_head(x, y)
    log(f"classifier on all of ned.train ({time.perf_counter() - started:.0f} s)")
    held_out = np.zeros((len(x), len(LABELS)), np.float32)
    for fold in (0, 1):
        rows = doc_of_row % 2 == fold
        part = train_head(x[~rows], y[~rows], seed=fold + 1)
        held_out[rows] = part.probabilities(x[rows])
        log(f"classifier fold {fold} ({time.perf_counter() - started:.0f} s)")
    if head_file is not None and held_file is not None:
        params: dict[str, Any] = dict(head.p)
        np.savez(head_file, **params)
        np.save(held_file, held_out)
    return head, held_out


def train(data: Path, out_dir: Path, cache: Path | None = None, log: Callable[[str], None] = print,
          *, c1: float = 0.05, c2: float = 0.02, iterations: int = 150) -> dict:
    """Train the classifier and the CRF; write them to ``out_dir``; return the testa scores."""
    import pycrfsuite

    from .frog import find_frogdata

    gazetteer = Gazetteer.load(names_folder(find_frogdata()))
    train_docs, testa_docs = read_conll(data / "ned.train"), read_conll(data / "ned.testa")
    x_train = _inputs(train_docs, word_vectors(train_docs, cache, "ned.train", log))
    x_testa = _inputs(testa_docs, word_vectors(testa_docs, cache, "ned.testa", log))
    index = {label: i for i, label in enumerate(LABELS)}
    y_train = np.array([index[t] for d in train_docs for s in d for _, t in s])
    doc_of_row = np.concatenate([np.full(sum(len(s) for s in d), i) for i, d in enumerate(train_docs)])

    started = time.perf_counter()
    head, held_out = _classifiers(x_train, y_train, doc_of_row, cache, log)
    log(f"classifiers ready ({time.perf_counter() - started:.0f} s)")

    gold_testa = [[t for _, t in s] for d in testa_docs for s in d]
    testa_probs = head.probabilities(x_testa)
    head_only = [[LABELS[k] for k in row.argmax(1)] for d in _by_sentence(testa_docs, testa_probs) for row in d]

    trainer = pycrfsuite.Trainer(verbose=False)
    for d, probs in zip(train_docs, _by_sentence(train_docs, held_out), strict=True):
        words = [[w for w, _ in s] for s in d]
        for feats, s in zip(crf_features(words, probs, gazetteer), d, strict=True):
            trainer.append(feats, [t for _, t in s])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    out_dir.mkdir(parents=True, exist_ok=True)
    crf_path = out_dir / "ner-nl.crfsuite"
    trainer.train(str(crf_path))
    log(f"CRF trained ({time.perf_counter() - started:.0f} s)")
    arrays: dict[str, Any] = {k: v.astype(np.float16) if k.startswith("w") else v for k, v in head.p.items()}
    np.savez_compressed(out_dir / "ner-nl-head.npz", **arrays)
    shipped = Head.load(out_dir / "ner-nl-head.npz")  # score what is shipped (float16 weights)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    crf_pred: list[list[str]] = []
    for d, probs in zip(testa_docs, _by_sentence(testa_docs, shipped.probabilities(x_testa)), strict=True):
        words = [[w for w, _ in s] for s in d]
        crf_pred.extend(list(tagger.tag(f)) for f in crf_features(words, probs, gazetteer))
    report = {"testa_head_only": f1_by_type(gold_testa, head_only), "testa_crf": f1_by_type(gold_testa, crf_pred),
              "c1": c1, "c2": c2, "iterations": iterations}
    (out_dir / "ner-nl-training.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(json.dumps(report))
    return report
