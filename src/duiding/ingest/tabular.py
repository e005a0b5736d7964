"""JSON, JSON Lines and CSV/TSV files holding many articles, with configurable column names.

Each record becomes one article; a record that cannot be used becomes one :class:`Failure`
(its line or index in ``origin``) and the rest of the file goes on. A file whose header lacks
the body column fails as a whole with the columns it does have, since every record would fail.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..errors import MalformedRecordError, MissingColumnError
from ..records import Failure, RawArticle

# Field -> column names tried in order (case-insensitive). Override per field with --column FIELD=NAME.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "tekst", "inhoud", "bericht"),
    "title": ("title", "headline", "titel", "kop"),
    "published": ("published", "published_at", "date", "datum", "pubdate", "publication_date",
                  "timestamp", "created_at"),
    "url": ("url", "link", "href", "canonical_url"),
    "outlet": ("outlet", "publisher", "source", "site", "medium", "krant", "sitename"),
    "language": ("language", "lang", "taal"),
    "id": ("id", "article_id", "uuid", "guid"),
}

Record = Mapping[str, Any]
MAX_NESTING = 100  # levels of JSON arrays/objects; an article record needs two or three
FIELD_LIMIT = 50_000_000  # the csv module's default (131,072 chars) is shorter than some long reads


def resolve_columns(available: Sequence[str], overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each field to a column present in ``available`` (overrides first, then the defaults)."""
    by_lower = {c.lower().strip(): c for c in available}
    mapping: dict[str, str] = {}
    for field, names in DEFAULT_COLUMNS.items():
        wanted = [overrides[field]] if overrides and field in overrides else list(names)
        for name in wanted:
            if name.lower() in by_lower:
                mapping[field] = by_lower[name.lower()]
                break
    return mapping


def read_json(text: str, *, source: str, origin: str,
              columns: Mapping[str, str] | None = None) -> Iterator[RawArticle | Failure]:
    try:
        data = json.loads(text)
        if _nesting(data) > MAX_NESTING:
            raise _too_deep(source)
    except RecursionError:
        raise _too_deep(source) from None
    except json.JSONDecodeError as e:
        raise MalformedRecordError(f"{source}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        records = lists[0] if lists and not _has_text(data, columns) else [data]
    elif isinstance(data, list):
        records = data
    else:
        raise MalformedRecordError(f"{source}: JSON holds a {type(data).__name__}, not articles (objects)")
    for i, record in enumerate(records, 1):
        yield _record(record, source=source, where=f"{origin}#{i}", label=f"record {i}", columns=columns)


def read_jsonl(lines: Iterable[str | Failure], *, source: str, origin: str,
               columns: Mapping[str, str] | None = None) -> Iterator[RawArticle | Failure]:
    """One record per line; ``lines`` may be a stream, so a file of any size is read in flat memory."""
    for n, line in enumerate(lines, 1):
        if isinstance(line, Failure):  # a line the decoder could not read
            yield line
            continue
        if not line.strip():
            continue
        where = f"{origin}#{n}"
        try:
            record = json.loads(line)
            if _nesting(record) > MAX_NESTING:
                raise _too_deep(f"{source} line {n}")
        except (RecursionError, MalformedRecordError) as e:
            reason = str(e) if isinstance(e, MalformedRecordError) else str(_too_deep(f"{source} line {n}"))
            yield Failure(source=source, origin=where, code=MalformedRecordError.code, reason=reason)
            continue
        except json.JSONDecodeError as e:
            yield Failure(source=source, origin=where, code=MalformedRecordError.code,
                          reason=f"{source} line {n}: not valid JSON ({e.msg} at column {e.colno})")
            continue
        yield _record(record, source=source, where=where, label=f"line {n}", columns=columns)


def read_csv(lines: Iterable[str], *, source: str, origin: str,
             columns: Mapping[str, str] | None = None) -> Iterator[RawArticle | Failure]:
    """Rows of a CSV/TSV stream; the dialect is sniffed from the first lines."""
    csv.field_size_limit(FIELD_LIMIT)
    stream = iter(lines)
    head = list(itertools.islice(stream, 50))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff("".join(head)[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if source.lower().endswith(".tsv") else csv.excel
    reader = csv.DictReader(itertools.chain(head, stream), dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as e:  # found by the readers' fuzz: a stray carriage return in the header line
        raise MalformedRecordError(f"{source}: broken CSV header ({e})") from None
    mapping = resolve_columns(header, columns)
    if "text" not in mapping:
        wanted = columns.get("text") if columns else None
        hint = f"column {wanted!r} is not there" if wanted else "no body column (text, body, content, …)"
        raise MissingColumnError(f"{source}: {hint}; columns found: {', '.join(header) or 'none'}; "
                                 f"name the body column with --column text=NAME")
    n = 1  # records are numbered as rows of a spreadsheet: the header is row 1
    start = reader.line_num + 1  # first line of the next row (a row may span lines)
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:  # one bad row (a field over the limit): that row's failure, the rest goes on
            yield Failure(source=source, origin=f"{origin}#{n}", code=MalformedRecordError.code,
                          reason=f"{source} row {n} (line {start}): broken CSV ({e}); skipped")
            start = reader.line_num + 1
            continue
        first, end = start, reader.line_num
        start = end + 1
        if end > first and None in row.values():
            # fewer fields than the header over several lines: a quote opened and never closed
            yield Failure(source=source, origin=f"{origin}#{n}", code=MalformedRecordError.code,
                          reason=f"{source} row {n}: an unclosed quote merges lines {first}-{end} into one row "
                                 f"of {sum(v is not None for v in row.values())} of {len(header)} fields; "
                                 "not stored (close the quote)")
            continue
        yield _record(row, source=source, where=f"{origin}#{n}", label=f"row {n}", columns=columns,
                      mapping=mapping)


def _too_deep(label: str) -> MalformedRecordError:
    """``json.loads`` recurses once per level: a 3 KB line of 1,500 ``[`` raised ``RecursionError``,
    which is no ``InputError`` and ended the whole batch; now it is that record's failure."""
    return MalformedRecordError(f"{label}: JSON nested too deeply (over {MAX_NESTING} levels); not an article record")


def _nesting(value: Any) -> int:
    """Depth of a parsed JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict | list):
            deepest = max(deepest, d)
            if d <= MAX_NESTING:
                stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return deepest


def _has_text(record: Record, columns: Mapping[str, str] | None) -> bool:
    return "text" in resolve_columns(list(record), columns)


def _record(record: Any, *, source: str, where: str, label: str, columns: Mapping[str, str] | None,
            mapping: dict[str, str] | None = None) -> RawArticle | Failure:
    if not isinstance(record, Mapping):
        return Failure(source=source, origin=where, code=MalformedRecordError.code,
                       reason=f"{source} {label}: a {type(record).__name__}, not an object with article fields")
    mapping = mapping or resolve_columns([str(k) for k in record], columns)
    if "text" not in mapping:
        return Failure(source=source, origin=where, code=MissingColumnError.code,
                       reason=f"{source} {label}: no body field (have: {', '.join(map(str, record)) or 'none'})")

    def get(field: str) -> str | None:
        value = record.get(mapping[field]) if field in mapping else None
        return None if value is None or str(value).strip() == "" else str(value)

    record_id = get("id")
    return RawArticle(
        source=f"{source}#{record_id}" if record_id else f"{source}#{where.rsplit('#', 1)[1]}",
        origin=where,
        body=get("text") or "",
        title=get("title"),
        url=get("url"),
        published=get("published"),
        outlet=get("outlet"),
        language=get("language"),
        extra={"record": label} | ({"record_id": record_id} if record_id else {}),
    )
