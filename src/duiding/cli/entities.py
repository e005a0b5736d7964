"""``duiding entities``: who and what the store names, as one entity across spellings."""

from __future__ import annotations

import json

import click
from rich.table import Table

from ..store.annotations import entities as list_entities
from .common import db_option, open_store, out, story_ids


@click.command()
@db_option
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False),
              help="Only entities of this type.")
@click.option("--article", "article_ids", multiple=True, help="Only entities named in this article (repeatable).")
@click.option("--story", help="Only entities named in this storyline or event.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def entities(ctx: click.Context, db: str | None, type_: str | None, article_ids: tuple[str, ...], story: str | None,
             limit: int, as_json: bool) -> None:
    """Entities with their type, spelling variants, and how many articles and mentions name them."""
    with open_store(ctx, db, readonly=True) as store:
        ids = list(article_ids) + (story_ids(store, story) if story else [])
        rows = list_entities(store, type_=type_, article_ids=ids or None, limit=limit)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} entities", header_style="bold", expand=True)
    table.add_column("entity", no_wrap=True, overflow="ellipsis", ratio=2)
    table.add_column("type", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("variants", overflow="fold", ratio=3)
    for r in rows:
        others = [v for v in r["variants"] if v != r["name"]]
        table.add_row(r["name"], r["type"], str(r["n_articles"]), str(r["n_mentions"]), ", ".join(others[:8]))
    out.print(table)


COMMANDS = [entities]
