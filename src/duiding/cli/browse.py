"""Looking at the store: ``articles``, ``article``, ``search``, ``failures``."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from ..errors import QueryError
from ..store import search as run_search
from ..store.annotations import article_mentions
from ..store.search import MARK_END, MARK_START, hit_dict
from .common import db_option, open_store, out


def _filters(f):
    f = click.option("--outlet", help="Only this outlet (domain such as nos.nl, or its name).")(f)
    f = click.option("--since", help="Only articles published on or after this date (2023-09-01, 2023-09).")(f)
    f = click.option("--until", help="Only articles published on or before this date.")(f)
    f = click.option("--lang", help="Only this language (ISO 639-1).")(f)
    return click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True,
                        help="At most this many rows.")(f)


@click.command()
@db_option
@_filters
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def articles(ctx: click.Context, db: str | None, outlet: str | None, since: str | None, until: str | None,
             lang: str | None, limit: int, as_json: bool) -> None:
    """List stored articles, oldest first."""
    with open_store(ctx, db, readonly=True) as store:
        rows = store.articles(outlet=outlet, language=lang, since=since, until=until, limit=limit)
        total = store.count("articles")
    if as_json:
        for r in rows:
            click.echo(json.dumps({k: v for k, v in r.items() if k != "text"}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} of {total:,} articles", header_style="bold", expand=True)
    table.add_column("id", no_wrap=True, min_width=10)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column("lang", no_wrap=True)
    table.add_column("title (or first words)", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("chars", justify="right", no_wrap=True)
    for r in rows:
        when = (r["published"] or "—")[:16].replace("T", " ")
        table.add_row(r["id"][:10], when, r["outlet"] or "—", r["language"] or "—",
                      r["title"] or " ".join(r["text"][:90].split()) + "…", f"{len(r['text']):,}")
    out.print(table)


@click.command("show-article")
@click.argument("article_id")
@db_option
@click.pass_context
def article(ctx: click.Context, article_id: str, db: str | None) -> None:
    """One article (id or id prefix): metadata, removed furniture, and the text with its entities marked."""
    with open_store(ctx, db, readonly=True) as store:
        row = store.article(article_id)
        if row is None:
            raise QueryError(f"no article with id {article_id[:80]!r}; `duiding articles` lists them")
        pubs = store.publications(row["id"])
        mentions = article_mentions(store, row["id"])
    out.print(f"[bold]{row['title'] or '(no title)'}[/]")
    meta = [("id", row["id"]), ("outlet", f"{row['outlet']} ({row['outlet_key']})" if row["outlet"] else None),
            ("published", f"{row['published']} (precision {row['published_precision']})" if row["published"] else None),
            ("language", row["language"]), ("url", row["url"]), ("source", row["source"]), ("section", row["section"])]
    for k, v in meta:
        out.print(f"  {k:10} {v or '—'}", markup=False)
    if len(pubs) > 1:
        others = ", ".join(p["source"] + (f" ({p['outlet']})" if p["outlet"] else "") for p in pubs[1:])
        out.print(f"  also published as: {others}", markup=False)
    for r in row["removed"]:
        out.print(f"  removed {r['kind']}: {r['text'][:100]}", style="dim", markup=False)
    out.print(f"  analysis   {row['nlp_status'] or 'pending'}", markup=False)
    out.print()
    out.print(marked_text(row["text"], mentions))


TYPE_STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "MISC": "bold yellow"}


def marked_text(text: str, mentions: list[dict]) -> Text:
    """The article with each mention highlighted and labelled ``[name|TYPE]`` when it stands for a longer name."""
    out = Text()
    pos = 0
    for m in mentions:
        if m["start"] < pos:
            continue
        out.append(text[pos:m["start"]])
        out.append(text[m["start"]:m["end"]], style=TYPE_STYLES.get(m["type"], "bold"))
        label = m["type"] if (m.get("entity_name") or m["name"]) == m["text"] else \
            f"{m.get('entity_name') or m['name']}|{m['type']}"
        out.append(f"[{label}]", style="dim")
        pos = m["end"]
    out.append(text[pos:])
    return out


@click.command()
@click.argument("query")
@db_option
@_filters
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, outlet: str | None, since: str | None,
           until: str | None, lang: str | None, limit: int, as_json: bool) -> None:
    """Full-text search: words (all must occur), "a phrase", prefix*, a OR b, -exclude."""
    with open_store(ctx, db, readonly=True) as store:
        hits = run_search(store, query, outlet=outlet, language=lang, since=since, until=until, limit=limit)
    if as_json:
        for h in hits:
            click.echo(json.dumps(hit_dict(h), ensure_ascii=False))
        return
    if not hits:
        out.print(f"no articles match {query!r}", markup=False)
        return
    for h in hits:
        out.print(Text.assemble((h.id[:10], "cyan"), "  ", (h.published or "—", "green"), "  ",
                                (h.outlet or "—", "magenta"), "  ", (h.title or "", "bold")))
        out.print(Text("    ").append_text(_highlight(h.snippet)))


def _highlight(snippet: str) -> Text:
    text = Text()
    for i, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        text.append(part.replace("\n", " "), style="bold yellow" if i % 2 else "")
    return text


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def failures(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Inputs that could not be used (errors) or were stored with something missing (warnings)."""
    with open_store(ctx, db, readonly=True) as store:
        rows = store.failures()
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} failures and warnings", header_style="bold")
    for col in ("severity", "code", "input", "reason"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["severity"], r["code"], r["origin"], r["reason"])
    out.print(table)


COMMANDS = [articles, article, search, failures]
# `duiding article ID` is the short form of `duiding show-article ID`
ARTICLE_ALIAS = "article"
