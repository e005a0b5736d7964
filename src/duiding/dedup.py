"""Near-duplicates: the same (wire) text printed by several outlets, found with MinHash LSH.

Each article's cleaned body becomes a set of word 5-shingles; MinHash signatures (datasketch)
find candidate pairs through LSH at a low Jaccard threshold, and each candidate is verified on
the exact shingle sets. A pair is a near-copy when its Jaccard similarity is high (light edits,
a changed headline) or when most of the shorter text is contained in the longer one (a shortened
copy: Jaccard alone misses those, containment does not). Articles with identical text are
already one article with several publications (``store.publications``); near-copies are grouped
with union-find, the earliest published being the original.

Thresholds (measured in benchmarks/dedup.py on synthetic edits of our own articles and on the
DPG Media 2019 cross-outlet copies): see JACCARD and CONTAINMENT below.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
PERMUTATIONS = 128
# Measured on the 60 hand-labelled DPG candidate pairs (benchmarks/stories.py): copies have a
# containment of 0.42-1.0, separately written articles on the same news at most 0.40. At 0.6/0.8
# recall was 0.74 with precision 1.0; at 0.5/0.5 it is 0.91 with precision 1.0.
LSH_THRESHOLD = 0.2  # candidate recall: shortened copies can have a Jaccard of only ~0.25
JACCARD = 0.5  # light edits keep Jaccard high
CONTAINMENT = 0.5  # a shortened or partly rewritten copy: half of its shingles are in the other
MIN_SHINGLES = 20  # shorter texts are too short to call copies
# An LSH candidate is verified on its exact shingle sets unless its MinHash estimate rules a copy out: the
# upper end of the Jaccard estimate (this many standard deviations above it) is below what a copy needs.
# Common shingles (boilerplate, or a few very frequent words) make popular LSH buckets whose candidates
# share one band and nothing else; the estimate drops those without reading their texts, which is what
# keeps a batch's near-copy look-up bounded in a store of millions. At 4 deviations a true copy is
# dropped with a probability of the order of 1e-4 (a normal tail; measured on the DPG copies: none).
ESTIMATE_SIGMAS = 4.0
# Shingle sets kept while verifying the full build's pairs: a bounded cache, since in a store where every
# text has copies, keeping them all would hold every article's shingles at once (~10 GB at 1M).
EXACT_CACHE = 8192

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    published: str | None  # sortable start of the publication date, for picking the original


@dataclass(frozen=True)
class Group:
    id: str
    original: str
    articles: tuple[str, ...]
    similarity: float  # the lowest verified pair score in the group


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i:i + k]) for i in range(max(0, len(words) - k + 1))}


_SEED = MinHash(num_perm=PERMUTATIONS)  # seed 1, as every MinHash here: its permutations made once
# LSH bands as datasketch's MinHashLSH chooses them for LSH_THRESHOLD (28 bands of 2 rows at 0.2 / 128).
BAND_RANGES: tuple[tuple[int, int], ...] = tuple(MinHashLSH(threshold=LSH_THRESHOLD,
                                                            num_perm=PERMUTATIONS).hashranges)


def signature(shingle_set: Iterable[str]) -> MinHash:
    m = MinHash(num_perm=PERMUTATIONS, permutations=_SEED.permutations, scheme=_SEED.scheme)
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return m


def values(m: MinHash) -> np.ndarray:
    """The signature's 128 hash values (each below 2**32 in datasketch) as little-endian uint32."""
    return np.asarray(m.hashvalues, dtype="<u4")


def packed(m: MinHash) -> bytes:
    """The signature as stored."""
    return values(m).tobytes()


def unpacked(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def plausible(sig: np.ndarray, size: int, others: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Which of ``others`` (signatures, one per row, with their shingle counts) may be a copy of ``sig``.

    False only where the MinHash estimate of the Jaccard similarity, raised by ``ESTIMATE_SIGMAS`` standard
    deviations, still gives neither the Jaccard nor the containment a copy needs (containment from Jaccard
    and the two sizes: |A & B| = J (|A| + |B|) / (1 + J)). Shared by the full build and the batch path, so
    both verify the same pairs.
    """
    if not len(others):
        return np.zeros(0, dtype=bool)
    j = (others == sig).mean(axis=1)
    high = np.minimum(1.0, j + ESTIMATE_SIGMAS * np.sqrt(np.maximum(j, 1.0 / PERMUTATIONS) * (1 - j) / PERMUTATIONS))
    inter = high * (size + sizes) / (1 + high)
    return (high >= JACCARD) | (inter >= CONTAINMENT * np.minimum(size, sizes))


def band_keys(m: MinHash) -> list[int]:
    """One key per LSH band (band number and its hash values, hashed to a signed 64-bit integer).

    Two articles are LSH candidates exactly when they share a key, as in datasketch's MinHashLSH
    (a bucket per band); stored in the store, a new article's near-copies are found by looking
    its keys up instead of hashing the whole store again.
    """
    keys = []
    for band, (start, end) in enumerate(BAND_RANGES):
        digest = hashlib.blake2b(band.to_bytes(2, "big") + m.hashvalues[start:end].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def estimated(candidates: dict[str, set[str]], signed: dict[str, tuple[int, np.ndarray]]) -> dict[str, list[str]]:
    """Each doc's candidates that ``plausible`` keeps (``signed``: shingle count and signature of all of them)."""
    out: dict[str, list[str]] = {}
    for a, others in candidates.items():
        ids = sorted(x for x in others if x != a)
        if not ids:
            continue
        size, sig = signed[a]
        keep = plausible(sig, size, np.stack([signed[x][1] for x in ids]), np.array([signed[x][0] for x in ids]))
        out[a] = [x for x, k in zip(ids, keep, strict=True) if k]
    return out


def copy_edges(new: Sequence[Doc], candidates: dict[str, list[str]], sets: dict[str, set[str]]
               ) -> list[tuple[str, str, float]]:
    """Verified copy pairs between each new doc and its candidates (``sets``: shingles of all of them)."""
    edges = []
    for d in new:
        for other in candidates.get(d.id, ()):
            if other == d.id:
                continue
            copy, score = is_copy(sets[d.id], sets[other])
            if copy:
                edges.append((min(d.id, other), max(d.id, other), score))
    return sorted(set(edges))


Signed = tuple[str, int, bytes]  # an article's shingle count and packed signature, as the store keeps them


@dataclass
class Banded:
    """What the full build keeps for the batch path: each usable article's shingle count, signature and band
    keys, as arrays (a million articles' signatures are 0.5 GB this way; as Python objects they were many
    times that)."""
    ids: list[str]
    sizes: np.ndarray  # (n,) shingle counts
    signatures: np.ndarray  # (n, PERMUTATIONS) uint32
    keys: np.ndarray  # (n, bands) int64

    def rows(self) -> Iterator[tuple[int, str]]:
        """(band key, article) rows, one per band of each article."""
        for aid, ks in zip(self.ids, self.keys.tolist(), strict=True):
            for k in ks:
                yield k, aid

    def signed(self) -> Iterator[Signed]:
        for aid, n, sig in zip(self.ids, self.sizes.tolist(), self.signatures, strict=True):
            yield aid, n, sig.tobytes()


def near_duplicates_banded(docs: Sequence[Doc]) -> tuple[list[Group], Banded]:
    """``near_duplicates`` by band keys, also returning the band keys and signatures the store keeps.

    Same candidates as datasketch's LSH (same signatures, same bands), the same estimate, so the same groups.
    One pass signs each text and keeps no shingles; candidate pairs come from the band keys sorted (a bucket
    is a run of one key), each article against the later ones in its buckets, all of them weighed against the
    signatures at once; only the pairs the estimate keeps are shingled again and verified.
    """
    ids: list[str] = []
    sizes: list[int] = []
    sigs: list[np.ndarray] = []
    keys: list[list[int]] = []
    for d in docs:
        sh = shingles(d.text)
        if len(sh) < MIN_SHINGLES:
            continue
        m = signature(sh)
        ids.append(d.id)
        sizes.append(len(sh))
        sigs.append(values(m))
        keys.append(band_keys(m))
    n = len(ids)
    banded = Banded(ids, np.array(sizes, dtype=np.int64),
                    np.stack(sigs) if sigs else np.zeros((0, PERMUTATIONS), dtype="<u4"),
                    np.array(keys, dtype=np.int64).reshape(n, len(BAND_RANGES)))
    bands = len(BAND_RANGES)
    flat, owner = banded.keys.ravel(), np.repeat(np.arange(n), bands)
    order = np.lexsort((owner, flat))  # a bucket is a run of one key, its articles in order
    sorted_keys, owners = flat[order], owner[order]
    cuts = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    starts, ends = np.r_[0, cuts], np.r_[cuts, len(sorted_keys)]
    bucket_end = np.repeat(ends, ends - starts)  # for each sorted row: where its bucket ends
    rows = np.empty(n * bands, dtype=np.int64)
    rows[order] = np.arange(n * bands)
    position = rows.reshape(n, bands)  # each article's rows in the sorted order
    followed = bucket_end[position] - position > 1  # a later article shares that bucket
    del flat, owner, order, sorted_keys, cuts, starts, ends, rows
    by_id = {d.id: d for d in docs}

    @lru_cache(maxsize=EXACT_CACHE)
    def exact(i: int) -> frozenset[str]:
        return frozenset(shingles(by_id[ids[i]].text))

    edges = []
    for i in np.flatnonzero(followed.any(axis=1)).tolist():
        others = np.unique(np.concatenate([owners[p + 1:bucket_end[p]] for p in position[i][followed[i]].tolist()]))
        others = others[others != i]
        keep = others[plausible(banded.signatures[i], sizes[i], banded.signatures[others], banded.sizes[others])]
        for j in keep.tolist():
            copy, score = is_copy(exact(i), exact(j))
            if copy:
                edges.append((min(ids[i], ids[j]), max(ids[i], ids[j]), score))
    usable = [by_id[aid] for aid in ids]
    return group_copies(usable, sorted(set(edges))), banded


def pair_score(a: Set[str], b: Set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger)."""
    inter = len(a & b)
    if not inter:
        return 0.0, 0.0
    return inter / len(a | b), inter / min(len(a), len(b))


def is_copy(a: Set[str], b: Set[str]) -> tuple[bool, float]:
    jaccard, containment = pair_score(a, b)
    return jaccard >= JACCARD or containment >= CONTAINMENT, max(jaccard, containment)


def near_duplicates(docs: Sequence[Doc]) -> list[Group]:
    sets = {d.id: shingles(d.text) for d in docs}
    usable = [d for d in docs if len(sets[d.id]) >= MIN_SHINGLES]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    signatures = {}
    for d in usable:
        signatures[d.id] = signature(sets[d.id])
        lsh.insert(d.id, signatures[d.id])
    signed = {d.id: (len(sets[d.id]), values(signatures[d.id])) for d in usable}
    candidates = {d.id: {x for x in lsh.query(signatures[d.id]) if x > d.id} for d in usable}
    return group_copies(usable, copy_edges(usable, estimated(candidates, signed), sets))


def group_copies(usable: Sequence[Doc], edges: Iterable[tuple[str, str, float]]) -> list[Group]:
    """Groups from verified copy pairs (union-find); the earliest published is the original.

    Separate from candidate finding so the Spark engine (Spark ML MinHashLSH, verified with
    ``is_copy``) builds its groups with exactly this code; the result does not depend on edge order.
    """
    parent = {d.id: d.id for d in usable}
    edges = list(edges)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        parent[find(b)] = find(a)
    members: dict[str, list[Doc]] = {}
    for d in usable:
        members.setdefault(find(d.id), []).append(d)
    scores: dict[str, float] = {}
    for a, _, score in edges:
        root = find(a)
        scores[root] = min(scores.get(root, 1.0), score)
    groups = []
    for root, docs_in in members.items():
        if len(docs_in) < 2:
            continue
        ordered = sorted(docs_in, key=lambda d: (d.published or "9999", d.id))
        groups.append(Group(id="d" + ordered[0].id[:12], original=ordered[0].id,
                            articles=tuple(d.id for d in ordered), similarity=round(scores.get(root, 1.0), 3)))
    return sorted(groups, key=lambda g: g.original)
