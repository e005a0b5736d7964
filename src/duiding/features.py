"""What the story stages read of an article: content lemmas and salient entities.

Pure: made from :class:`~duiding.records.ArticleMaterial` (an article with its sentences and
entity-linked mentions, as ``store.analysis.article_material`` reads them).

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
from collections.abc import Iterable, Iterator

from .cluster import Features
from .lang import Language, of_article
from .nlp.tags import is_, stored
from .records import ArticleMaterial, EntityMention, StoredSentence

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


def article_features(materials: Iterable[ArticleMaterial], lang: Language) -> Iterator[Features]:
    for m in materials:
        yield features_of(m, lang)


def features_of(material: ArticleMaterial, lang: Language) -> Features:
    """``lang`` stands in for an article whose own language has no data; each article reads its own stop words."""
    a = material.article
    lang = of_article(a.language, lang)
    parts = _lemmas(material.sentences, lang) if a.nlp_status == "done" else [(len(a.text), _words(a.text, lang))]
    digest = len(parts) >= DIGEST_MIN_SENTENCES and cohesion([c for _, c in parts]) < DIGEST_COHESION
    used = parts[:LEAD_SENTENCES] if digest else parts
    terms: Counter[str] = Counter()
    for _, counts in used:
        terms.update(counts)
    for w in _WORD.findall(a.title or ""):
        if w.lower() not in lang.STOP_LEMMAS:
            terms[w.lower()] += 2
    upto = used[-1][0] if digest and used else None
    return Features(a.id, a.published_start, a.published_end, a.title, dict(terms),
                    _entities(material.mentions, a.text, upto), digest,
                    a.language if a.nlp_status == "done" else None)


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


def _lemmas(sentences: Iterable[StoredSentence], lang: Language) -> list[tuple[int, Counter[str]]]:
    """Per sentence, in order: where it ends and its content lemmas."""
    out = []
    for sentence in sentences:
        terms: Counter[str] = Counter()
        for row in sentence.tokens:
            low = row[2].lower()
            if is_(stored(row), *lang.FEATURE_TAGS) and len(low) > 2 and low not in lang.STOP_LEMMAS and low.isalpha():
                terms[low] += 1
        out.append((sentence.end, terms))
    return out


def _words(text: str, lang: Language) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text) if w.lower() not in lang.STOP_LEMMAS)


def _entities(mentions: Iterable[EntityMention], text: str, upto: int | None = None) -> dict[str, float]:
    """Entity -> salience; ``upto`` keeps only mentions before that character (a digest's first item)."""
    lead_end = text.find("\n\n") if "\n\n" in text else len(text)
    weights: dict[str, float] = {}
    for m in mentions:
        if upto is not None and m.start >= upto:
            continue
        weight = TYPE_WEIGHT.get(m.type, 1.0) * (LEAD_BONUS if m.start < lead_end else 1.0)
        weights[m.entity_id] = weights.get(m.entity_id, 0.0) + weight
    return weights


def features_json(f: Features) -> str:
    """``f`` as the JSON the store keeps (``story_features``), so an event's members need not be derived again.
    The language and lead embedding only when there is one (a multilingual store, an undated article): floats as
    ``repr``, so the batch path compares exactly what a full run compares."""
    data: dict[str, object] = {"s": f.start, "e": f.end, "t": f.title, "terms": f.terms, "ents": f.entities,
                               "d": f.digest}
    if f.language:
        data["l"] = f.language
    if f.embedding is not None:
        data["v"] = list(f.embedding)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def features_from(article_id: str, data: dict[str, object]) -> Features:
    vector = data.get("v")
    return Features(article_id, data.get("s"), data.get("e"), data.get("t"),  # type: ignore[arg-type]
                    dict(data.get("terms") or {}), dict(data.get("ents") or {}),  # type: ignore[call-overload]
                    bool(data.get("d")), data.get("l"),  # type: ignore[arg-type]
                    tuple(float(x) for x in vector) if isinstance(vector, list) else None)
