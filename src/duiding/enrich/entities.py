"""The entity stage: resolve every stored mention into entities and write them back.

Resolution is global (a new article can merge two spellings seen before), cheap next to the
language analysis, and written in one transaction, so it is simply redone after each analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import Language, primary
from ..stage import StageContext
from ..store import Store
from ..store.annotations import all_mentions, link_speakers, replace_entities
from .resolve import Occurrence, resolve


@dataclass(frozen=True)
class EntityStage:
    """Mentions resolved into entities across articles; quotes' speakers linked to them."""

    name: str = "entities"
    requires: frozenset[str] = frozenset({"mentions", "quotes"})
    provides: frozenset[str] = frozenset({"entities"})

    def run(self, context: StageContext) -> None:
        context.report.entities = resolve_entities(context.store, primary(context.config.languages))


def resolve_entities(store: Store, lang: Language | None = None) -> int:
    """Rebuild the entities table from all mentions; return the number of entities.

    Names are compared across articles of every language with one transliteration table (``lang``, the
    corpus's primary language: Dutch spellings of foreign names fold onto English ones, Poetin ~ Putin)."""
    rows = list(all_mentions(store))
    occurrences = {(r[1], r[2], r[3]): r[0] for r in rows}
    entities = resolve((Occurrence(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows), lang or primary(()))
    records, links = [], []
    for e in entities:
        records.append({"id": e.id, "name": e.name, "type": e.type, "variants": e.variants,
                        "n_mentions": len(e.members), "n_articles": len({o.article for o in e.members})})
        links += [(e.id, occurrences[(o.article, o.start, o.end)]) for o in e.members]
    replace_entities(store, records, links)
    link_speakers(store)
    return len(records)
