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
