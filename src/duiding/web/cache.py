"""Story reports are computed once per store state and then served from memory.

A report (the summary's sentence ranking, unique-fact comparison, timeline) costs 10–100 ms of
Python per storyline, which under 20 concurrent readers queues into seconds; yet it changes only
when the store does. The store's state is read from the SQLite file and its write-ahead log: every
commit touches the log, every checkpoint the file, so their sizes and modification times change
whenever a reader could see something new. A store that is not a local file (a server URL) has no
such stamp and is not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any


def store_stamp(db: str | Path) -> tuple[int, ...] | None:
    """What changes whenever a commit could change what readers see; None when it cannot be told."""
    path = Path(db)
    if not path.is_file():
        return None
    stamp: list[int] = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = p.stat()
            stamp += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            stamp += [0, 0]
    return tuple(stamp)


class ReportCache:
    """A small LRU of computed values keyed by (what, store stamp); safe across request threads."""

    def __init__(self, db: str | Path, size: int = 128) -> None:
        self.db = db
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        stamp = store_stamp(self.db)
        if stamp is None:
            return compute()
        full = (*key, stamp)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
            computing = self._computing.setdefault(full, threading.Lock())
        # One thread computes, the others wait for it: 20 readers arriving together at a cold page
        # would otherwise each compute it, and each take 20 times as long on a shared core.
        with computing:
            with self._lock:
                if full in self._items:
                    return self._items[full]
            value = compute()
            with self._lock:
                self._items[full] = value
                self._computing.pop(full, None)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value
