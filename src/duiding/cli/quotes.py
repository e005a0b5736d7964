"""``duiding quotes`` and ``duiding speakers``: who said what, and whose voices each outlet carries."""

from __future__ import annotations

import json

import click
from rich.table import Table

from ..store.quotes import attribution_counts
from ..store.quotes import quotes as list_quotes
from ..store.quotes import speakers as list_speakers
from .common import db_option, open_store, out, story_ids


@click.command()
@db_option
@click.option("--speaker", help="Only quotes of this speaker (part of a name, role or organisation).")
@click.option("--outlet", help="Only quotes in this outlet's articles (domain or name).")
@click.option("--article", "article_ids", multiple=True, help="Only quotes in this article (repeatable).")
@click.option("--story", help="Only quotes in this storyline or event.")
@click.option("--indirect/--no-indirect", default=False, show_default=True, help="Include indirect speech.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def quotes(ctx: click.Context, db: str | None, speaker: str | None, outlet: str | None, article_ids: tuple[str, ...],
           story: str | None, indirect: bool, limit: int, as_json: bool) -> None:
    """Quotes with their speaker, role and organisation, oldest article first."""
    kinds = ("direct", "partial", "indirect") if indirect else ("direct", "partial")
    with open_store(ctx, db, readonly=True) as store:
        ids = list(article_ids) + (story_ids(store, story) if story else [])
        rows = list_quotes(store, speaker=speaker, outlet=outlet, article_ids=ids or None, kinds=kinds, limit=limit)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} quotes", header_style="bold", expand=True, show_lines=True)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("role / organisation", ratio=2, overflow="fold")
    table.add_column("outlet", no_wrap=True, max_width=14, overflow="ellipsis")
    table.add_column("kind", no_wrap=True)
    table.add_column("quote", ratio=6, overflow="fold")
    for r in rows:
        who = r["speaker"] or "(unknown)"
        said_as = r["speaker_text"] if r["speaker_text"] and r["speaker_text"] not in (who,) else ""
        role = ", ".join(x for x in (r["speaker_role"], r["speaker_organisation"]) if x)
        table.add_row(who + (f"\n[dim]as “{said_as}”[/]" if said_as else ""), role, r["outlet"] or "—", r["kind"],
                      "“" + r["text"] + "”")
    out.print(table)


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def speakers(ctx: click.Context, db: str | None, limit: int, as_json: bool) -> None:
    """Everyone quoted: how often, in how many articles, by which outlets, with which roles."""
    with open_store(ctx, db, readonly=True) as store:
        rows = list_speakers(store, limit=limit)
        total, unattributed = attribution_counts(store)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} speakers", header_style="bold", expand=True,
                  caption=f"{unattributed} of {total} quotes have no known speaker and are not counted above"
                  if unattributed else None)
    table.add_column("speaker", ratio=2, overflow="fold")
    table.add_column("quotes", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("outlets", ratio=2, overflow="fold")
    table.add_column("roles / organisations", ratio=3, overflow="fold")
    for r in rows:
        roles = ", ".join(x for x in ((r["roles"] or "") + "," + (r["orgs"] or "")).split(",") if x)
        table.add_row(r["speaker"] or "(unknown)", str(r["n_quotes"]), str(r["n_articles"]), r["outlets"] or "—", roles)
    out.print(table)


COMMANDS = [quotes, speakers]
