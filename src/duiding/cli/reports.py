"""``duiding report ID``: one story explained, as a self-contained HTML page, Markdown or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..lang import primary
from ..report.model import story_report
from ..report.render import to_html, to_json, to_markdown
from .common import config, db_option, open_store, out

RENDER = {"html": to_html, "md": to_markdown, "json": to_json}


@click.command()
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(sorted(RENDER)), default="html", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (default: standard output).")
@click.option("--summary-length", type=click.IntRange(1, 50), default=6, show_default=True,
              help="Sentences in the summary.")
@click.pass_context
def report(ctx: click.Context, story_id: str, db: str | None, fmt: str, output: str | None,
           summary_length: int) -> None:
    """A storyline or event explained: summary, timeline, who is quoted where, numbers, outlets, names."""
    with open_store(ctx, db, readonly=True) as store:
        text = RENDER[fmt](story_report(store, story_id, primary(config(ctx).languages), summary_length))
    if output:
        Path(output).write_text(text, encoding="utf-8")
        out.print(f"report written to {output}", markup=False)
    else:
        sys.stdout.write(text)


COMMANDS = [report]
