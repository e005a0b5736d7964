"""The HTML report files ``analyze`` writes: one per storyline, in a folder that belongs to one store.

By default the folder sits next to the store file (``news.db`` -> ``news.db.reports/``), so two
stores analysed in the same working directory never mix their reports. A folder given with
``--reports`` / the ``reports`` setting is claimed by the first store that writes there (a
``.duiding-store`` file names it); another store writing to the same folder gets a subfolder of its
own instead of overwriting. Reports of storylines that no longer exist are removed, so the folder
shows the store as it is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..lang import Language, primary
from ..store import Store
from ..store.stories import storylines
from .model import story_report
from .render import to_html

MARKER = ".duiding-store"
AUTO = "auto"


def store_name(db: str) -> str:
    """How a store is named in a marker: its resolved file path, or its URL without the password."""
    if "://" in db:
        scheme, _, rest = db.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"
    return str(Path(db).resolve())


def reports_folder(db: str, setting: str) -> Path | None:
    """Where the reports of store ``db`` go: ``setting`` ("auto" = next to the store; empty = nowhere)."""
    if not setting:
        return None
    if setting == AUTO:
        if "://" in db:  # a server store: a folder in the working directory named for the database
            name = db.rstrip("/").rpartition("/")[2].partition("?")[0] or "store"
            return Path(f"duiding-reports-{name}")
        return Path(f"{db}.reports")
    return Path(setting)


def claim(folder: Path, db: str) -> Path:
    """``folder`` if it is free or already this store's; else a subfolder of this store's own (created)."""
    me = store_name(db)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.exists() and not any(folder.glob("*.html")):
        marker.write_text(me + "\n", encoding="utf-8")
        return folder
    if marker.exists() and marker.read_text(encoding="utf-8").strip() == me:
        return folder
    own = folder / f"{Path(me).name[:40] or 'store'}-{hashlib.sha1(me.encode()).hexdigest()[:8]}"
    own.mkdir(exist_ok=True)
    (own / MARKER).write_text(me + "\n", encoding="utf-8")
    return own


def write_reports(store: Store, folder: Path, db: str | None = None,
                  lang: Language | None = None) -> list[tuple[str, str, Path]]:
    """An HTML report per storyline into ``folder`` (or this store's subfolder of it); (id, label, path) each.
    ``lang``: the configured languages' first (``primary``), for what a report shows across its articles."""
    if db is not None:
        folder = claim(folder, db)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for line in storylines(store):
        path = folder / f"{line['id']}.html"
        path.write_text(to_html(story_report(store, line["id"], lang or primary(()))), encoding="utf-8")
        written.append((line["id"], line["label"], path))
    if db is not None:  # a folder this store owns: drop reports of storylines that are gone
        current = {p.name for _, _, p in written}
        for old in folder.glob("sl*.html"):
            if old.name not in current:
                old.unlink()
    return written
