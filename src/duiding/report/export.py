"""The JSON export: one document with every answer duiding has, in the shape of design.md.

Written as a stream (one article at a time) so that exporting a 100k-article store does not
hold it in memory. Keys whose stage does not exist yet are present as empty lists, so
consumers can rely on the shape from the first release.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from ..store import Store
from ..store.annotations import export_entities
from ..store.claims import claim_groups, export_claims, export_timeline
from ..store.quotes import export_quotes
from ..store.stories import duplicate_groups, event_articles, events, storylines

KEYS = ("articles", "entities", "quotes", "claims", "timeline", "duplicates", "events", "storylines",
        "discrepancies", "agreements")


def export_article(row: dict[str, Any]) -> dict[str, Any]:
    """One article in export form: ``outlet`` is the stable key (the domain where known)."""
    return {
        "id": row["id"],
        "source": row["source"],
        "outlet": row["outlet_key"],
        "outlet_name": row["outlet"],
        "title": row["title"],
        "url": row["url"],
        "published": row["published"],
        "published_precision": row["published_precision"],
        "published_timezone": row["published_tz"],
        "language": row["language"],
        "section": row["section"],
        "text": row["text"],
        "removed": row["removed"],
    }


def _sections(store: Store) -> dict[str, Iterator[dict[str, Any]]]:
    sections: dict[str, Iterator[dict[str, Any]]] = {key: iter(()) for key in KEYS}
    sections["articles"] = (export_article(r) for r in store.iter_articles())
    sections["entities"] = export_entities(store)
    sections["quotes"] = export_quotes(store)
    sections["claims"] = export_claims(store)
    sections["timeline"] = export_timeline(store)
    sections["discrepancies"] = iter([{"id": g["id"], "about": g["about"], "severity": g["severity"],
                                       "claims": g["claims"]} for g in claim_groups(store, "discrepancy")])
    sections["agreements"] = iter([{"id": g["id"], "about": g["about"], "claims": g["claims"]}
                                   for g in claim_groups(store, "agreement")])
    sections["duplicates"] = iter([{k: g[k] for k in ("id", "original", "articles", "similarity")}
                                   for g in duplicate_groups(store)])
    sections["events"] = iter([{"id": e["id"], "label": e["label"], "start": e["start"], "end": e["end"],
                                "storyline": e["storyline_id"],
                                "articles": [a["id"] for a in event_articles(store, e["id"])]} for e in events(store)])
    sections["storylines"] = iter([{"id": s["id"], "label": s["label"], "start": s["start"], "end": s["end"],
                                    "events": [e["id"] for e in events(store, s["id"])]} for s in storylines(store)])
    return sections


def write_json(store: Store, out: TextIO) -> int:
    """Stream the export to ``out``; return the number of articles written."""
    n = 0
    out.write("{")
    for i, (key, items) in enumerate(_sections(store).items()):
        out.write(("," if i else "") + f"\n{json.dumps(key)}: [")
        for j, item in enumerate(items):
            out.write(("," if j else "") + "\n  " + json.dumps(item, ensure_ascii=False))
            n += key == "articles"
        out.write("\n]")
    out.write("\n}\n")
    return n
