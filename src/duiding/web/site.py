"""What the API and page routers share: the store connection per thread, the report cache, the templates.

One :class:`Site` per app. The routers (``api.py``, ``pages.py``) take it as their only argument, so
neither reaches into the other and ``create_app`` only wires them together.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..config import Config
from ..errors import NotFoundError
from ..lang import primary
from ..report.model import story_report
from ..store import Store
from ..store.stories import story_article_ids
from .cache import ReportCache
from .ingest import Ingestor
from .security import Guard

NAV = (("/", "Stories"), ("/articles", "Articles"), ("/search", "Search"), ("/speakers", "Speakers"),
       ("/entities", "Entities"), ("/ingest", "Add articles"), ("/docs", "API"))


def templates(read_only: bool) -> Environment:
    """The page templates of one app (read-only mode shows no "add articles" link)."""
    env = Environment(loader=PackageLoader("duiding.web", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.globals["read_only"] = read_only
    env.globals["nav"] = [(href, label) for href, label in NAV if not (read_only and href == "/ingest")]
    return env


class Site:
    """The state of one app over one store."""

    def __init__(self, db: str | Path, cfg: Config, guard: Guard, *, read_only: bool) -> None:
        self.db = db
        self.cfg = cfg
        self.guard = guard
        self.read_only = read_only
        self.pages = templates(read_only)
        self.nav: list[tuple[str, str]] = self.pages.globals["nav"]  # type: ignore[assignment]
        self.reports = ReportCache(db)
        self.ingestor = Ingestor(db, cfg.with_overrides(fetch_private=False))
        self._local = threading.local()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only connection per request thread, kept open: opening one per request costs a schema
        parse each time and throws away its page cache. Each statement still sees the latest commit."""
        s = getattr(self._local, "store", None)
        if s is None:
            s = self._local.store = Store(self.db, readonly=True)
        yield s

    def report(self, s: Store, story_id: str) -> dict[str, Any]:
        """The report model of a storyline or event (cached per store state); NotFoundError for an unknown id."""
        def compute() -> dict[str, Any]:
            if story_article_ids(s, story_id) is None:
                raise NotFoundError(f"no storyline or event with id {story_id[:80]!r}")
            return story_report(s, story_id, primary(self.cfg.languages))

        return self.reports.get(("model", story_id), compute)

    def render(self, template: str, **values: Any) -> str:
        return self.pages.get_template(template).render(**values)
