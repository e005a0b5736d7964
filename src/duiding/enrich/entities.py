"""The entity stage: resolve mentions into entities and write them back, batch by batch.

The first run (and ``duiding recluster``, ``rebuild=True``) resolves every stored mention. After that
a batch resolves only what its new mentions (those in no entity yet) touch: each entity is stored with
its name keys (``entity_keys``: transliteration key, fuzzy-match block, the keys of a person's name
parts), the batch's names are looked up by theirs (``resolve.probe_keys``; block hits are kept only
when ``resolve.could_merge`` says the names could merge), and once more by the names of the entities
found (a bare "Kim" touched brings every person it could attach to, so dominance is judged among all
of them). Those entities' mentions and the batch's are resolved again with the same ``resolve`` and
replace them; every other entity is left as it is.

How it may differ from a full resolution of the same mentions, exactly:

1. An entity the batch does not touch keeps its name: a full run may name an entity after the
   commonest spelling of all its mentions; here only touched entities are renamed.
2. Dominance (a bare name joins the commonest full name it fits when that is 3x commoner) and the
   genitive folding are judged among the touched entities, which hold every rival found by the keys;
   an entity reachable only through a third hop (a rival of a rival) is not re-judged.
3. Mentions removed by re-analysing an article leave the counts of an untouched entity as they were
   (the next ``recluster`` recounts).

The test (tests/test_incremental.py) checks that batches and a full run give the same entities on a
corpus of spellings, transliterations, bare names and genitives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..lang import Language, primary
from ..stage import StageContext
from ..store import Store
from ..store.annotations import (
    all_mentions,
    entities_by_keys,
    entity_count,
    entity_variants,
    has_entity_keys,
    link_speakers,
    mentions_of_entities,
    replace_entities,
    replace_some_entities,
    unresolved_mentions,
)
from ..store.claims import mark_claims_stale
from .resolve import Entity, Occurrence, aliased_name, block_key, could_merge, name_keys, probe_keys, resolve

ROUNDS = 3  # re-resolutions when a made entity's id is held by an untouched one (that one joins in)


@dataclass(frozen=True)
class EntityStage:
    """Mentions resolved into entities across articles; quotes' speakers linked to them."""

    name: str = "entities"
    requires: frozenset[str] = frozenset({"mentions", "quotes"})
    provides: frozenset[str] = frozenset({"entities"})

    def run(self, context: StageContext) -> None:
        context.report.entities = resolve_entities(context.store, primary(context.config.languages))


def resolve_entities(store: Store, lang: Language | None = None, *, rebuild: bool = False) -> int:
    """Resolve the mentions in no entity yet (all of them when ``rebuild`` or when the store has no name keys
    yet); return the number of entities.

    Names are compared across articles of every language with one transliteration table (``lang``, the
    corpus's primary language: Dutch spellings of foreign names fold onto English ones, Poetin ~ Putin)."""
    lang = lang or primary(())
    if rebuild or not has_entity_keys(store):
        return _full(store, lang)
    return _batch(store, lang)


def _full(store: Store, lang: Language) -> int:
    rows = list(all_mentions(store))
    occurrences = {(r[1], r[2], r[3]): r[0] for r in rows}
    entities = resolve((Occurrence(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows), lang)
    records, links, keys = _rows(entities, occurrences, lang)
    replace_entities(store, records, links, keys)
    link_speakers(store)
    return len(records)


def _rows(entities: Iterable[Entity], occurrences: dict[tuple[str, int, int], int], lang: Language
          ) -> tuple[list[dict[str, Any]], list[tuple[str, int]], list[tuple[str, str]]]:
    records: list[dict[str, Any]] = []
    links: list[tuple[str, int]] = []
    keys: set[tuple[str, str]] = set()
    for e in entities:
        records.append({"id": e.id, "name": e.name, "type": e.type, "variants": e.variants,
                        "n_mentions": len(e.members), "n_articles": len({o.article for o in e.members})})
        links += [(e.id, occurrences[(o.article, o.start, o.end)]) for o in e.members]
        for name, kind in {(o.name, o.type) for o in e.members} | {(e.name, e.type)}:
            keys |= {(k, e.id) for k in name_keys(name, kind, lang, person=e.type == "PER")}
    return records, links, sorted(keys)


def _touched(store: Store, names: set[tuple[str, str]], lang: Language) -> set[str]:
    """The stored entities the names could join or change (see the module's docstring)."""
    probes = {k for n, t in names for k in probe_keys(n, t, lang)}
    found = {e for es in entities_by_keys(store, sorted(probes)).values() for e in es}
    blocks: dict[str, set[str]] = {}
    for n, t in names:
        blocks.setdefault(block_key(n, t, lang), set()).add(n)
    hits = entities_by_keys(store, sorted(blocks))
    variants = entity_variants(store, sorted({e for es in hits.values() for e in es} - found))
    for key, ids in hits.items():
        for eid in ids:
            if eid not in found and any(could_merge(v, n, lang) for v in variants.get(eid, ("", []))[1]
                                        for n in blocks[key]):
                found.add(eid)
    # the names of what was found, probed once more: every rival of a bare name, every bare name of a person
    second = {(v, t) for t, vs in entity_variants(store, sorted(found)).values() for v in vs}
    more = {k for n, t in second for k in probe_keys(n, t, lang)} - probes
    found |= {e for es in entities_by_keys(store, sorted(more)).values() for e in es}
    return found


def _batch(store: Store, lang: Language) -> int:
    new = unresolved_mentions(store)
    if not new:
        return entity_count(store)
    touched = _touched(store, {(aliased_name(r[5], lang), r[6]) for r in new} | {(r[5], r[6]) for r in new}, lang)
    for _ in range(ROUNDS):
        old = mentions_of_entities(store, sorted(touched))
        rows: Sequence[tuple[Any, ...]] = [*old, *new]
        entities = resolve((Occurrence(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows), lang)
        made = {e.id for e in entities}
        clash = set(entity_variants(store, sorted(made - touched)))
        if not clash:
            break
        touched |= clash  # an untouched entity with the id of a made one: it is the same, resolve it along
    occurrences = {(r[1], r[2], r[3]): r[0] for r in rows}
    records, links, keys = _rows(entities, occurrences, lang)
    replace_some_entities(store, sorted(touched), records, links, keys)
    before = {r[0]: r[7] for r in old}
    now = {m: e for e, m in links}
    changed = sorted({r[1] for r in old if now.get(r[0]) != before[r[0]]})
    link_speakers(store, sorted({r[1] for r in rows}))
    mark_claims_stale(store, changed)  # their claims name other entities now: compared again
    return entity_count(store)
