"""What the story stages read of an article: content lemmas and salient entities, from the store.

Names count through resolved entities (so ``Poetin`` and ``Putin`` are one feature); lemmas
through the nouns and verbs Frog tagged (so ``wapens`` and ``wapen`` are one). An article the
language backend did not analyse falls back to its lower-cased words, so it still clusters.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from types import ModuleType

from .cluster import Features
from .store import Store

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
CONTENT_POS = ("N(soort", "WW(")
LEAD_BONUS = 2.0  # a name in the first paragraph says more about the story than one in the tenth
TYPE_WEIGHT = {"PER": 1.0, "ORG": 1.0, "LOC": 1.0, "MISC": 0.5}


def article_features(store: Store, lang: ModuleType, ids: list[str] | None = None) -> Iterator[Features]:
    sql = "SELECT id, title, text, published_start, published_end, nlp_status FROM articles"
    params: list[str] = []
    if ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(ids)) or 'NULL'}) ORDER BY id"
        params = ids
    else:
        sql += " ORDER BY rowid"  # the order articles were added, on either store
    for row in store.conn.execute(sql, params).fetchall():
        aid, title, text, start, end, status = row
        terms = _lemmas(store, aid, lang) if status == "done" else _words(text, lang)
        for w in _WORD.findall(title or ""):
            if w.lower() not in lang.STOP_LEMMAS:
                terms[w.lower()] += 2
        yield Features(aid, start, end, title, dict(terms), _entities(store, aid, text))


def _lemmas(store: Store, article_id: str, lang: ModuleType) -> Counter[str]:
    terms: Counter[str] = Counter()
    for (tokens,) in store.conn.execute("SELECT tokens FROM sentences WHERE article_id = ?", (article_id,)):
        for _, _, lemma, pos in json.loads(tokens):
            low = lemma.lower()
            if pos.startswith(CONTENT_POS) and len(low) > 2 and low not in lang.STOP_LEMMAS and low.isalpha():
                terms[low] += 1
    return terms


def _words(text: str, lang: ModuleType) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text) if w.lower() not in lang.STOP_LEMMAS)


def _entities(store: Store, article_id: str, text: str) -> dict[str, float]:
    lead_end = text.find("\n\n") if "\n\n" in text else len(text)
    weights: Counter[str] = Counter()
    rows = store.conn.execute(
        "SELECT entity_id, start, type FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL ORDER BY id",
        (article_id,))
    for entity_id, start, kind in rows:
        weights[entity_id] += TYPE_WEIGHT.get(kind, 1.0) * (LEAD_BONUS if start < lead_end else 1.0)
    return dict(weights)
