"""A story's timeline: the dated happenings its articles mention, merged across outlets.

Each time expression with its sentence is a candidate entry. Entries with the same dates whose
sentences say the same thing (lemma cosine >= MERGE_SIMILARITY) merge into one, keeping every
article as a citation: two outlets giving ``10-13 september`` for the forum are one entry with
two sources. Happenings well before the story itself (Hanoi 2019 in a 2023 story) are marked as
background.

Pure: computed from the story's sentences and time expressions (records the store read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .records import StoredTimex
from .sentences import Sent, cosine, weigh

MERGE_SIMILARITY = 0.2
BACKGROUND_DAYS = 30


@dataclass
class Entry:
    start: str
    end: str
    precision: str
    what: str
    background: bool
    citations: list[dict[str, Any]] = field(default_factory=list)  # article, outlet, expression, start_char, end_char


def story_timeline(sents: list[Sent], timexes: list[StoredTimex] | tuple[StoredTimex, ...],
                   story_start: str | None) -> list[Entry]:
    """``sents``: the story's sentences; ``timexes``: its time expressions by start date."""
    vectors = weigh(sents)
    where = {(s.article, s.start): i for i, s in enumerate(sents)}
    limit = (date.fromisoformat(story_start[:10]) - timedelta(days=BACKGROUND_DAYS)).isoformat() if story_start else ""
    entries: list[tuple[Entry, dict[str, float]]] = []
    for r in timexes:
        si = _sentence_index(where, sents, r.article_id, r.start)
        vec = vectors[si] if si is not None else {}
        what = sents[si].text if si is not None else r.text
        citation = {"article": r.article_id, "outlet": r.outlet, "expression": r.text,
                    "start_char": r.start, "end_char": r.end}
        match = next((e for e, v in entries if e.start == r.value_start and e.end == r.value_end
                      and (cosine(v, vec) >= MERGE_SIMILARITY or e.what == what)), None)
        if match is not None:
            if all(c["article"] != r.article_id for c in match.citations):
                match.citations.append(citation)
            continue
        entry = Entry(r.value_start, r.value_end, r.precision, what, bool(limit and r.value_end < limit),
                      [citation])
        entries.append((entry, vec))
    return sorted((e for e, _ in entries), key=lambda e: (e.start, e.end))


def _sentence_index(where: dict[tuple[str, int], int], sents: list[Sent], article: str, pos: int) -> int | None:
    best = None
    for (a, start), i in where.items():
        if a == article and start <= pos and (best is None or start > sents[best].start):
            best = i
    return best
