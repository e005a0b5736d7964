"""``duiding export``: everything in the store as one JSON document."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..report.export import write_json
from .common import db_option, open_store


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, output: str | None) -> None:
    """Print articles, entities, quotes, claims, timeline and stories as one JSON document."""
    with open_store(ctx, db, readonly=True) as store:
        if output:
            with Path(output).open("w", encoding="utf-8") as f:
                write_json(store, f)
        else:
            write_json(store, sys.stdout)


COMMANDS = [export]
