"""CSV and XLSX exports of the store's flat tables (articles, quotes, claims, entities).

CSV is one table per file (UTF-8 with a byte-order mark, which spreadsheet programs need to read
Dutch letters right); XLSX is one workbook with a sheet per table, written by XlsxWriter in its
constant-memory mode so a large store streams row by row. Cells that a spreadsheet would run as a
formula (text starting with ``=``, ``+``, ``-``, ``@``) are written as text, never as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from ..store import Store
from ..store.tables import COLUMNS, TABLES, rows

FORMATS = ("csv", "xlsx", "json")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """A text cell that would start a formula gets a leading apostrophe (OWASP's CSV-injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_csv(store: Store, table: str, out: IO[str], article_ids: Sequence[str] | None = None) -> int:
    """``table`` as CSV to ``out`` (a text stream); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS[table], extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows(store, table, article_ids):
        writer.writerow({k: _safe(v) for k, v in row.items()})
        n += 1
    return n


def csv_text(store: Store, table: str, article_ids: Sequence[str] | None = None) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")
    write_csv(store, table, buf, article_ids)
    return buf.getvalue()


def write_xlsx(store: Store, target: str | Path | IO[bytes], tables: Iterable[str] = TABLES,
               article_ids: Sequence[str] | None = None) -> dict[str, int]:
    """A workbook with one sheet per table at ``target`` (a path or a binary stream); rows per sheet."""
    import xlsxwriter

    options: dict[str, Any] = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    if not isinstance(target, str | Path):
        options["in_memory"] = True
    book = xlsxwriter.Workbook(target, options)
    bold = book.add_format({"bold": True})
    counts: dict[str, int] = {}
    try:
        for table in tables:
            sheet = book.add_worksheet(table)
            columns = COLUMNS[table]
            sheet.write_row(0, 0, columns, bold)
            sheet.freeze_panes(1, 0)
            n = 0
            for n, row in enumerate(rows(store, table, article_ids), 1):
                sheet.write_row(n, 0, [_cell(row.get(c)) for c in columns])
            counts[table] = n
            sheet.autofilter(0, 0, max(n, 1), len(columns) - 1)
    finally:
        book.close()
    return counts


def xlsx_bytes(store: Store, tables: Iterable[str] = TABLES, article_ids: Sequence[str] | None = None) -> bytes:
    buf = io.BytesIO()
    write_xlsx(store, buf, tables, article_ids)
    return buf.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and len(value) > 32_000:  # Excel's limit is 32,767 characters per cell
        return value[:32_000] + "…"
    return value


def json_rows(store: Store, table: str, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    return list(rows(store, table, article_ids))


def write_folder(store: Store, folder: Path, tables: Iterable[str] = TABLES) -> dict[str, Path]:
    """One CSV per table into ``folder`` (created); returns table -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in tables:
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            write_csv(store, table, f)
        written[table] = path
    return written
