"""What the command modules share: the store option, config loading, consoles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from ..config import Config, load_config
from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def db_option(f: F) -> F:
    return click.option("--db", default=None, metavar="FILE|URL",
                        help="SQLite file or postgresql:// URL (default: setting db, i.e. ./duiding.db).")(f)


def config(ctx: click.Context, **flags: Any) -> Config:
    return load_config(ctx.obj.get("config_path") if ctx.obj else None).with_overrides(**flags)


def story_ids(store: Store, story: str) -> list[str]:
    """Article ids of a storyline or event, or a clear error."""
    from ..errors import QueryError
    from ..store.stories import story_article_ids

    ids = story_article_ids(store, story)
    if ids is None:
        raise QueryError(f"no storyline or event with id {story!r}; `duiding stories` lists them")
    return ids


def open_store(ctx: click.Context, db: str | None, *, readonly: bool = False) -> Store:
    return Store(config(ctx, db=db).db, readonly=readonly)
