"""Sentences of a story's articles as comparable vectors: the shared material of the timeline,
the outlet comparison and the summary (each of which cites sentences back to their article)."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

from .lang import Language, of_article
from .nlp.tags import is_, stored
from .store import Store

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


def story_sentences(store: Store, article_ids: list[str], lang: Language) -> list[Sent]:
    meta = {r[0]: (r[1], r[2], r[3], r[4]) for r in store.conn.execute(
        f"SELECT id, outlet, published, text, language FROM articles "
        f"WHERE id IN ({','.join('?' * len(article_ids)) or 'NULL'})",
        article_ids)}
    out = []
    for aid in article_ids:
        if aid not in meta:
            continue
        outlet, published, text, language = meta[aid]
        stop = of_article(language, lang).STOP_LEMMAS
        for idx, start, end, tokens in store.conn.execute(
                "SELECT idx, start, end, tokens FROM sentences WHERE article_id = ? ORDER BY idx", (aid,)):
            terms = Counter(row[2].lower() for row in json.loads(tokens)
                            if is_(stored(row), *CONTENT_TAGS) and row[2].lower() not in stop
                            and any(c.isalnum() for c in row[2]))
            out.append(Sent(aid, outlet, published, idx, start, end, text[start:end], terms))
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
