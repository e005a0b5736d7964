"""What the story stages read of an article: content lemmas and salient entities, from the store.

Names count through resolved entities (so ``Poetin`` and ``Putin`` are one feature); lemmas
through the nouns and verbs Frog tagged (so ``wapens`` and ``wapen`` are one). An article the
language backend did not analyse falls back to its lower-cased words, so it still clusters.

A digest (letters to the editor, "kort nieuws") strings several unrelated short items together;
read whole, it resembles each of their events a little and glues them into one. Its opening and
the rest of its text share almost no content words, which a single story never does (a story
keeps naming its people and its subject), so that is how one is told: ``cohesion`` below
``DIGEST_COHESION``. A digest is then described by its first item only (``LEAD_SENTENCES``), and
``Features.digest`` tells clustering never to compare other articles with it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator

from .cluster import Features
from .lang import Language, of_article
from .nlp.tags import is_, stored
from .store import Store

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
LEAD_BONUS = 2.0  # a name in the first paragraph says more about the story than one in the tenth
TYPE_WEIGHT = {"PER": 1.0, "ORG": 1.0, "LOC": 1.0, "MISC": 0.5}
# Digests, measured on 2019-W10: of the articles of 9+ sentences, the 4 lowest cohesions (0.000-0.030) are
# gold digests (letters, "kort nieuws"); next come a feature and a column (0.030, 0.032: flagged too, which
# only means they are matched on their opening), and then digests and opinion pieces mix (0.055-0.16).
# Flagging changes no event on that week: it is a guard against the merge a digest causes, not a gain.
DIGEST_MIN_SENTENCES = 9  # shorter texts are one item however little their parts share
DIGEST_COHESION = 0.05
LEAD_SENTENCES = 4  # a digest's first item, by which it is matched


def article_features(store: Store, lang: Language, ids: list[str] | None = None) -> Iterator[Features]:
    sql = "SELECT id, title, text, published_start, published_end, nlp_status, language FROM articles"
    params: list[str] = []
    if ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(ids)) or 'NULL'}) ORDER BY id"
        params = ids
    else:
        sql += " ORDER BY rowid"  # the order articles were added, on either store
    for row in store.conn.execute(sql, params).fetchall():
        aid, title, text, start, end, status, language = row
        lang_a = of_article(language, lang)  # each article's own stop words; ``lang`` where it has none
        parts = _lemmas(store, aid, lang_a) if status == "done" else [(len(text), _words(text, lang_a))]
        digest = len(parts) >= DIGEST_MIN_SENTENCES and cohesion([c for _, c in parts]) < DIGEST_COHESION
        used = parts[:LEAD_SENTENCES] if digest else parts
        terms: Counter[str] = Counter()
        for _, counts in used:
            terms.update(counts)
        for w in _WORD.findall(title or ""):
            if w.lower() not in lang_a.STOP_LEMMAS:
                terms[w.lower()] += 2
        upto = used[-1][0] if digest and used else None
        yield Features(aid, start, end, title, dict(terms), _entities(store, aid, text, upto), digest,
                       language if status == "done" else None)


def cohesion(sentences: list[Counter[str]]) -> float:
    """Cosine of the content words of the first third of the sentences and those of the rest."""
    cut = max(1, len(sentences) // 3)
    head: Counter[str] = Counter()
    tail: Counter[str] = Counter()
    for i, c in enumerate(sentences):
        (head if i < cut else tail).update(c)
    a = {k: 1 + math.log(v) for k, v in head.items()}
    b = {k: 1 + math.log(v) for k, v in tail.items()}
    dot = sum(x * b.get(k, 0.0) for k, x in a.items())
    na, nb = math.sqrt(sum(x * x for x in a.values())), math.sqrt(sum(x * x for x in b.values()))
    return dot / (na * nb) if na and nb else 1.0


def _lemmas(store: Store, article_id: str, lang: Language) -> list[tuple[int, Counter[str]]]:
    """Per sentence, in order: where it ends and its content lemmas."""
    out = []
    for end, tokens in store.conn.execute(
            "SELECT end, tokens FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,)):
        terms: Counter[str] = Counter()
        for row in json.loads(tokens):
            low = row[2].lower()
            if is_(stored(row), *lang.FEATURE_TAGS) and len(low) > 2 and low not in lang.STOP_LEMMAS and low.isalpha():
                terms[low] += 1
        out.append((int(end), terms))
    return out


def _words(text: str, lang: Language) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text) if w.lower() not in lang.STOP_LEMMAS)


def _entities(store: Store, article_id: str, text: str, upto: int | None = None) -> dict[str, float]:
    """Entity -> salience; ``upto`` keeps only mentions before that character (a digest's first item)."""
    lead_end = text.find("\n\n") if "\n\n" in text else len(text)
    weights: dict[str, float] = {}
    rows = store.conn.execute(
        "SELECT entity_id, start, type FROM mentions WHERE article_id = ? AND entity_id IS NOT NULL ORDER BY id",
        (article_id,))
    for entity_id, start, kind in rows:
        if upto is not None and start >= upto:
            continue
        weight = TYPE_WEIGHT.get(kind, 1.0) * (LEAD_BONUS if start < lead_end else 1.0)
        weights[entity_id] = weights.get(entity_id, 0.0) + weight
    return weights
