"""``duiding config``: every setting, its value, where the value came from, and what it does."""

from __future__ import annotations

import click
from rich.table import Table

from ..config import describe
from .common import config, out


@click.command("config")
@click.pass_context
def config_command(ctx: click.Context) -> None:
    """Show every setting with its value and origin (default, file, env DUIDING_*, flag)."""
    cfg = config(ctx)
    table = Table(title="settings", header_style="bold")
    for col in ("setting", "value", "from", "what it does"):
        table.add_column(col, overflow="fold")
    for row in describe(cfg):
        table.add_row(*row)
    out.print(table)
    if cfg.columns:
        out.print(f"[columns] {cfg.columns}", markup=False)
    if cfg.outlets:
        out.print(f"[outlets] {len(cfg.outlets)} extra outlets", markup=False)


COMMANDS = [config_command]
