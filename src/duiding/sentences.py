"""Sentences of a story's articles as comparable vectors: the shared material of the timeline,
the outlet comparison and the summary (each of which cites sentences back to their article).

Pure: made from the story's stored articles and sentences (``store.analysis.story_material`` reads
them once for all three).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .lang import Language, of_article
from .nlp.tags import is_, stored
from .records import StoredArticle, StoredSentence

CONTENT_TAGS = ("NOUN", "PROPN", "VERB", "ADJ", "NAME", "NUM")


@dataclass(frozen=True)
class Sent:
    article: str
    outlet: str | None
    published: str | None
    index: int  # position in its article
    start: int
    end: int
    text: str
    terms: Counter[str]


def story_sentences(articles: Iterable[StoredArticle], sentences: Iterable[StoredSentence],
                    lang: Language) -> list[Sent]:
    """Each sentence of ``sentences`` (in their order) whose article is among ``articles``, with its content
    lemmas as terms."""
    meta = {a.id: a for a in articles}
    out = []
    for s in sentences:
        a = meta.get(s.article_id)
        if a is None:
            continue
        stop = of_article(a.language, lang).STOP_LEMMAS
        terms = Counter(row[2].lower() for row in s.tokens
                        if is_(stored(row), *CONTENT_TAGS) and row[2].lower() not in stop
                        and any(c.isalnum() for c in row[2]))
        out.append(Sent(a.id, a.outlet, a.published, s.index, s.start, s.end, a.text[s.start:s.end], terms))
    return out


def weigh(sents: list[Sent]) -> list[dict[str, float]]:
    """TF-IDF unit vectors of the sentences, with IDF over the sentences themselves."""
    df: Counter[str] = Counter()
    for s in sents:
        df.update(s.terms.keys())
    n = len(sents) or 1
    vectors = []
    for s in sents:
        v = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in s.terms.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        vectors.append({t: x / norm for t, x in v.items()} if norm else {})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
