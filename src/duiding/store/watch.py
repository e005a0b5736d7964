"""Store access for ``duiding watch``: each followed source's last answer, and "is this entry stored?".

The state of a source (its HTTP validators, its error count, when it is next due, and for a
folder the size and modification time of each file already read) is written only after the
articles of that poll are committed. A crash in between costs one repeated poll, never an
article: the repeated poll finds the same entries under the same origins, and storing them
again is a no-op.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .db import Store, _now


@dataclass
class SourceState:
    source: str
    etag: str | None = None
    last_modified: str | None = None
    errors: int = 0
    next_poll: float | None = None  # Unix seconds
    last_poll: str | None = None
    last_status: str | None = None
    files: dict[str, list[int]] = field(default_factory=dict)  # folder: path -> [size, mtime_ns]


def load_state(store: Store, source: str) -> SourceState:
    row = store.conn.execute("SELECT source, etag, last_modified, errors, next_poll, last_poll, last_status, files "
                             "FROM watch_sources WHERE source = ?", (source,)).fetchone()
    if row is None:
        return SourceState(source)
    return SourceState(row[0], row[1], row[2], int(row[3]), row[4], row[5], row[6], json.loads(row[7] or "{}"))


def save_state(store: Store, state: SourceState) -> None:
    def write() -> None:
        with store.transaction() as c:
            c.execute(
                "INSERT INTO watch_sources(source, etag, last_modified, errors, next_poll, last_poll, last_status, "
                "files) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(source) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, errors = excluded.errors, next_poll = excluded.next_poll, "
                "last_poll = excluded.last_poll, last_status = excluded.last_status, files = excluded.files",
                (state.source, state.etag, state.last_modified, state.errors, state.next_poll,
                 state.last_poll or _now(), state.last_status, json.dumps(state.files, separators=(",", ":"))))

    store.retrying(write)


def watched(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.conn.execute(
        "SELECT source, errors, next_poll, last_poll, last_status FROM watch_sources ORDER BY source")]


def origin_stored(store: Store, origin: str) -> bool:
    """Whether an article was stored from ``origin`` (indexed: a look-up per feed entry)."""
    return store.conn.execute("SELECT 1 FROM publications WHERE origin = ? LIMIT 1", (origin,)).fetchone() is not None
