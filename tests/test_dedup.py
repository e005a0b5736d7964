"""Near-duplicates on our own articles and synthetic edits of them (deletions, insertions, headlines)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from duiding.dedup import Doc, is_copy, near_duplicates, shingles
from duiding.ingest import ReadOptions, discover, read_source
from duiding.ingest.clean import clean_body
from duiding.records import RawArticle

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    out = {}
    for source in discover([str(CORPUS)]):
        for raw in read_source(source, ReadOptions(fetch=False)):  # type: ignore[arg-type]
            if isinstance(raw, RawArticle):
                out[raw.source] = clean_body(raw.body).text
    return out


def _delete_sentences(text: str, share: float, rng: random.Random) -> str:
    sentences = text.split(". ")
    keep = [s for s in sentences if rng.random() > share]
    return ". ".join(keep or sentences[:1])


def _insert_sentence(text: str) -> str:
    paragraphs = text.split("\n\n")
    paragraphs.insert(1, "Een woordvoerder liet weten dat er later vandaag meer bekend wordt over de situatie.")
    return "\n\n".join(paragraphs)


def test_light_edits_shortening_and_insertions_still_match(bodies: dict[str, str]) -> None:
    rng = random.Random(5)
    for name, text in bodies.items():
        a = shingles(text)
        for variant in (_delete_sentences(text, 0.1, rng), _insert_sentence(text), text[: len(text) // 2],
                        text.replace("zegt", "stelt")):
            copy, score = is_copy(a, shingles(variant))
            assert copy, f"{name}: an edited copy was not recognised (score {score:.2f})"


def test_different_articles_do_not_match_even_sharing_a_paragraph(bodies: dict[str, str]) -> None:
    names = sorted(bodies)
    boilerplate = "\n\n".join(["Lees ook ons liveblog met het laatste nieuws over dit onderwerp en meer."] * 2)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if {a[:2], b[:2]} == {"b2", "b3"}:  # the planted wire copy in the example corpus
                continue
            copy, score = is_copy(shingles(bodies[a] + boilerplate), shingles(bodies[b] + boilerplate))
            assert not copy, f"{a} and {b} are different articles, not copies (score {score:.2f})"


def test_groups_name_the_earliest_as_original(bodies: dict[str, str]) -> None:
    text = bodies[sorted(bodies)[0]]
    docs = [Doc("late", text + " Een extra slotzin.", "2025-02-02"), Doc("early", text, "2025-02-01"),
            Doc("other", bodies[sorted(bodies)[-1]], "2025-02-01")]
    groups = near_duplicates(docs)
    assert len(groups) == 1
    assert groups[0].original == "early" and set(groups[0].articles) == {"early", "late"}
    assert 0.8 < groups[0].similarity <= 1.0


def test_the_planted_wire_copy_in_the_example_corpus_is_found(bodies: dict[str, str]) -> None:
    docs = [Doc(name, text, None) for name, text in bodies.items()]
    groups = near_duplicates(docs)
    assert [sorted(name[:2] for name in g.articles) for g in groups] == [["b2", "b3"]]


def _words(rng: random.Random, n: int, vocabulary: int = 50_000) -> list[str]:
    return [f"w{rng.randrange(vocabulary)}" for _ in range(n)]


def test_the_signature_estimate_keeps_every_copy_whatever_the_sizes() -> None:
    """``plausible`` may only rule out pairs that are not copies: over copies of every kind (light edits,
    shortened to a fifth, half kept inside a text ten times longer) it keeps them all, and it drops unrelated
    texts that share one boilerplate passage (the LSH candidates of a popular bucket)."""
    import numpy as np

    from duiding.dedup import plausible, signature

    rng = random.Random(7)

    def sig(words: list[str]) -> tuple[int, np.ndarray]:
        s = shingles(" ".join(words))
        return len(s), np.asarray(signature(s).hashvalues, dtype="<u4")

    copies, others = 0, 0
    boilerplate = _words(rng, 12)
    for _ in range(150):
        base = _words(rng, rng.randint(60, 400))
        kind = rng.randrange(3)
        if kind == 0:  # light edits: a few words changed
            copy = [w if rng.random() > 0.03 else "x" + w for w in base]
        else:  # just over half of a shorter text taken from a passage of the other (borderline copies)
            k = rng.randint(30, len(base) // 2)
            kept = int(k * rng.uniform(0.53, 0.62))
            start = rng.randrange(len(base) - kept)
            copy = base[start:start + kept] + _words(rng, k - kept)
            if kind == 2:  # ... inside a text ten times longer
                base = base + _words(rng, 9 * len(base))
        a, b = set(shingles(" ".join(base))), set(shingles(" ".join(copy)))
        if len(b) < 20 or not is_copy(a, b)[0]:
            continue
        (na, sa), (nb, sb) = sig(base), sig(copy)
        assert plausible(sa, na, sb[None, :], np.array([nb]))[0], (kind, len(a), len(b))
        copies += 1
        unrelated = _words(rng, 150) + boilerplate + _words(rng, 150)
        other = _words(rng, 200) + boilerplate + _words(rng, 100)
        (nu, su), (no, so) = sig(unrelated), sig(other)
        others += bool(plausible(su, nu, so[None, :], np.array([no]))[0])
    assert copies >= 90
    assert others <= 2  # sharing 8 of ~300 shingles: not a copy, and the estimate says so


def test_the_banded_build_and_datasketch_give_the_same_groups(bodies: dict[str, str]) -> None:
    """The full build (band keys, stored with the signatures) and datasketch's LSH verify the same pairs."""
    from duiding.dedup import near_duplicates_banded, unpacked

    docs = [Doc(k, v, None) for k, v in sorted(bodies.items())]
    rng = random.Random(3)
    docs += [Doc(f"copy-{d.id}", _delete_sentences(d.text, 0.3, rng), None) for d in docs[::3]]
    groups, banded = near_duplicates_banded(docs)
    assert groups == near_duplicates(docs) and groups
    signed = list(banded.signed())
    assert {aid for _, aid in banded.rows()} == {aid for aid, _, _ in signed}
    assert len(list(banded.rows())) == 28 * len(signed)
    assert all(len(unpacked(sig)) == 128 and n >= 20 for _, n, sig in signed)
