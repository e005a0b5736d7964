"""An extractive summary of a story in which every sentence cites its article and outlet.

Sentences are ranked by how central they are to the story (lemma cosine to the story's
centroid, with a bonus for an article's opening sentences, where news puts the essentials) and
chosen greedily with maximal marginal relevance: a sentence too close to one already chosen
(cosine >= REDUNDANCY) says the same thing and is skipped. The chosen sentences are told in the
order of their articles' dates and their place in the article.

Pure: computed from the story's sentences (``sentences.story_sentences``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .sentences import Sent, cosine, weigh

REDUNDANCY = 0.35
LEAD_BONUS = 0.15
MIN_WORDS = 8


@dataclass(frozen=True)
class SummarySentence:
    text: str
    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int


def summarise(sents: list[Sent], length: int = 5, groups: list[list[str]] | None = None) -> list[SummarySentence]:
    """``groups`` (a storyline's events) each get at least one sentence, so a later event is not drowned
    out by an earlier one with more articles."""
    vectors = weigh(sents)
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    total = sum(x * x for x in centroid.values()) ** 0.5 or 1.0
    centre = {t: x / total for t, x in centroid.items()}
    candidates = []
    for i, s in enumerate(sents):
        words = s.text.split()
        if len(words) < MIN_WORDS or s.text.rstrip()[-1:] not in ".!?”\"'’" or s.text.lstrip()[:1] in "“„\"'‘«":
            continue  # headings, fragments and bare quotes do not summarise
        score = cosine(vectors[i], centre) + (LEAD_BONUS if s.index < 2 else 0.0)
        candidates.append((score, i))
    ranked = sorted(candidates, reverse=True)
    chosen: list[int] = []
    for group in groups or []:
        members = set(group)
        best = next((i for _, i in ranked if sents[i].article in members), None)
        if best is not None and best not in chosen and len(chosen) < length:
            chosen.append(best)
    for _, i in ranked:
        if len(chosen) >= length:
            break
        if i not in chosen and all(cosine(vectors[i], vectors[j]) < REDUNDANCY for j in chosen):
            chosen.append(i)
    ordered = sorted(chosen, key=lambda i: (sents[i].published or "", sents[i].article, sents[i].index))
    return [SummarySentence(sents[i].text, sents[i].article, sents[i].outlet, sents[i].published, sents[i].start,
                            sents[i].end) for i in ordered]
