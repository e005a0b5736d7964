"""``duiding stories``, ``duiding show ID`` and ``duiding recluster``: what the stories are."""

from __future__ import annotations

import click
from rich.tree import Tree

from ..errors import NotFoundError
from ..lang import primary
from ..store.analysis import story_ref
from ..store.db import UNKNOWN_OUTLET
from ..store.stories import duplicate_groups, event_articles, events, storylines
from ..stories import update_stories
from .common import config, db_option, open_store, out


def _when(start: str | None, end: str | None) -> str:
    a, b = (start or "")[:10], (end or "")[:10]
    return a if a == b else f"{a} – {b}"


@click.command("stories")
@db_option
@click.pass_context
def stories_command(ctx: click.Context, db: str | None) -> None:
    """Storylines > events > articles, with dates and outlets."""
    with open_store(ctx, db, readonly=True) as store:
        lines = storylines(store)
        copies = {a: g["original"] for g in duplicate_groups(store) for a in g["articles"] if a != g["original"]}
        root = Tree(f"[bold]{len(lines)} storylines[/]")
        for line in lines:
            evs = events(store, line["id"])
            node = root.add(f"[bold cyan]{line['id']}[/] {line['label']}  [green]{_when(line['start'], line['end'])}[/]"
                            f"  ({len(evs)} events)")
            for e in evs:
                arts = event_articles(store, e["id"])
                outlets = sorted({a["outlet"] or UNKNOWN_OUTLET for a in arts})
                enode = node.add(f"[bold magenta]{e['id']}[/] {e['label']}  [green]{_when(e['start'], e['end'])}[/]"
                                 f"  [dim]{len(arts)} articles · {', '.join(outlets)}[/]")
                for a in arts:
                    copy = f"  [yellow](copy of {copies[a['id']][:10]})[/]" if a["id"] in copies else ""
                    title = a["title"] or " ".join(a["lead"].split())[:70] + "…"
                    enode.add(f"[cyan]{a['id'][:10]}[/] {(a['published'] or '—')[:10]} [magenta]{a['outlet'] or '—'}[/]"
                              f"  {title}{copy}")
    out.print(root)


@click.command("show")
@click.argument("story_id")
@db_option
@click.pass_context
def show(ctx: click.Context, story_id: str, db: str | None) -> None:
    """One storyline or event: its events, articles, dates and outlets (an article id shows the article)."""
    with open_store(ctx, db, readonly=True) as store:
        try:
            head = story_ref(store, story_id)
        except NotFoundError:
            group = ctx.parent.command if ctx.parent else None
            if store.article(story_id) is not None and isinstance(group, click.Group):
                ctx.invoke(group.commands["show-article"], article_id=story_id, db=db)
                return
            raise NotFoundError(f"no storyline, event or article with id {story_id!r}; "
                                "`duiding stories` lists them") from None
        if head.kind == "storyline":
            evs = events(store, story_id)
            out.print(f"[bold]{head.label}[/]  {_when(head.start, head.end)}  ({head.id})")
        else:
            evs = [{"id": head.id, "label": head.label, "start": head.start, "end": head.end}]
        for e in evs:
            arts = event_articles(store, e["id"])
            out.print(f"\n[bold magenta]{e['label']}[/]  {_when(e['start'], e['end'])}  "
                      f"({e['id']}, {len(arts)} articles)")
            for a in arts:
                out.print(f"  {a['id'][:10]}  {(a['published'] or '—')[:16]}  {a['outlet'] or '—':14}  "
                          f"{a['title'] or ' '.join(a['lead'].split())[:80]}", markup=False)


@click.command("recluster")
@db_option
@click.pass_context
def recluster(ctx: click.Context, db: str | None) -> None:
    """Rebuild entities, events, storylines and claim groups from scratch (analyze updates them batch by batch)."""
    from ..enrich.entities import resolve_entities

    with open_store(ctx, db) as store:
        lang = primary(config(ctx).languages)
        resolve_entities(store, lang, rebuild=True)
        report = update_stories(store, lang, rebuild=True)
    out.print(f"{report.storylines} storylines, {report.events} events, "
              f"{report.duplicate_groups} near-duplicate groups")


COMMANDS = [stories_command, show, recluster]
