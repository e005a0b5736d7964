"""``duiding export``: everything in the store as one JSON document, or its tables as CSV / XLSX."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..report.export import write_json
from ..report.tables import write_csv, write_folder, write_xlsx
from ..store.tables import TABLES
from .common import db_option, open_store, out


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True,
              help="json: one document with everything; csv: one table (or a folder of all four); "
                   "xlsx: a workbook with a sheet per table.")
@click.option("--table", type=click.Choice(TABLES), default=None,
              help="For csv/xlsx: only this table (articles, quotes, claims, entities; each row has the "
                   "article id, outlet and date).")
@click.option("-o", "--output", type=click.Path(writable=True), default=None,
              help="Write to this file (for csv without --table: this folder) instead of standard output.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, table: str | None, output: str | None) -> None:
    """Export articles, entities, quotes, claims, timeline and stories (JSON), or flat tables (CSV, XLSX)."""
    if fmt == "xlsx" and not output:
        raise click.BadParameter("an XLSX workbook is binary: give a file with -o, e.g. -o duiding.xlsx",
                                 param_hint="--output")
    if fmt == "csv" and table is None and not output:
        raise click.BadParameter("CSV holds one table: give --table, or a folder with -o for all four",
                                 param_hint="--table")
    if fmt == "json" and table:
        raise click.BadParameter("--table is for csv and xlsx", param_hint="--table")
    with open_store(ctx, db, readonly=True) as store:
        if fmt == "json":
            if output:
                with Path(output).open("w", encoding="utf-8") as f:
                    write_json(store, f)
            else:
                write_json(store, sys.stdout)
        elif fmt == "xlsx":
            assert output is not None
            counts = write_xlsx(store, output, [table] if table else TABLES)
            out.print(f"{output}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()), markup=False)
        elif table is None:
            assert output is not None
            for name, path in write_folder(store, Path(output)).items():
                out.print(f"{name}: {path}", markup=False)
        elif output:
            with Path(output).open("w", encoding="utf-8-sig", newline="") as f:
                write_csv(store, table, f)
        else:
            write_csv(store, table, sys.stdout)


COMMANDS = [export]
