"""Find the inputs a user named and hand each to the reader its content calls for.

Paths may be files, folders (walked recursively, hidden files and sidecars skipped) or URLs.
The reader is chosen by extension and confirmed by content (an ``.xml`` file may be a feed or a
page; a file without extension is sniffed). Whatever goes wrong with one input becomes one
:class:`Failure` and the walk goes on.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import (
    EmptyArticleError,
    InputError,
    MalformedRecordError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from ..records import Failure, RawArticle
from .decode import MIXED, decode
from .feed import looks_like_feed, read_feed
from .fetch import fetch_bytes
from .html import read_html
from .tabular import MAX_NESTING, read_csv, read_json, read_jsonl
from .text import read_text

SIDECAR = ".meta.json"
_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text", "": "sniff",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "sniff", ".rss": "feed", ".atom": "feed",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
}  # fmt: skip
_SINGLE_BYTE = ("cp1252", "latin_1", "iso8859_15", "windows-1252", "iso-8859-1", "iso-8859-15", "ascii")
_SKIP_SUFFIXES = {".db", ".db-wal", ".db-shm", ".sqlite", ".pyc"}


@dataclass(frozen=True)
class Source:
    location: str  # a path or URL
    is_url: bool = False

    @property
    def name(self) -> str:
        return self.location if self.is_url else Path(self.location).name


@dataclass(frozen=True)
class ReadOptions:
    fetch: bool = True
    fetch_timeout: float = 15.0
    max_bytes: int = 200_000_000
    columns: Mapping[str, str] | None = None
    public_only: bool = False  # the web server's fetches: no loopback, private or link-local addresses


def discover(paths: Iterable[str]) -> Iterator[Source | Failure]:
    """The inputs named: URLs, files, and the files of folders (walked in name order).

    Whatever is skipped is said: an empty argument (``analyze ""`` used to read the current
    folder), a dangling link, a link loop, a linked folder (not followed, so a walk can neither
    loop nor leave the folder given), a FIFO or device.
    """
    for given in paths:
        if urlsplit(given).scheme in ("http", "https"):
            yield Source(given, is_url=True)
            continue
        if not given.strip():
            yield Failure(source="(empty)", origin=repr(given), code=UnreadableFileError.code,
                          reason=f"{given!r}: an empty path names nothing (give . for the current folder)")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_symlink() and not path.exists():
            yield _link_failure(path)
        elif path.exists():
            yield Source(str(path))
        else:
            yield Failure(source=shown(path.name or given), origin=shown(given), code=UnreadableFileError.code,
                          reason=f"{shown(given)}: no such file or folder")


def _walk(folder: Path) -> Iterator[Source | Failure]:
    for child in sorted(folder.rglob("*")):  # rglob does not descend into linked folders
        rel = child.relative_to(folder).parts
        if any(p.startswith(".") for p in rel) or not _wanted(child):
            continue
        if child.is_symlink():
            if not child.exists():
                yield _link_failure(child)
                continue
            if child.is_dir():
                yield Failure(source=shown(child.name), origin=shown(str(child)), code="skipped",
                              reason=f"{shown(str(child))}: a link to a folder, not followed (name the folder "
                                     "itself to read it)", severity="warning")
                continue
        if child.is_file():
            yield Source(str(child))
        elif not child.is_dir():
            yield Failure(source=shown(child.name), origin=shown(str(child)), code=UnreadableFileError.code,
                          reason=f"{shown(str(child))}: not a regular file (a FIFO, socket or device); skipped")


def _link_failure(path: Path) -> Failure:
    try:
        path.stat()
        why = "a link to nothing"
    except OSError as e:
        why = "a link loop" if e.errno == 40 else "a link to nothing"  # ELOOP
    target = shown(str(path.readlink())) if path.is_symlink() else "?"
    return Failure(source=shown(path.name), origin=shown(str(path)), code=UnreadableFileError.code,
                   reason=f"{shown(str(path))}: {why} (-> {target}); skipped")


def shown(text: str) -> str:
    """``text`` as valid Unicode without NUL: a name's undecodable bytes (surrogate escapes) as ``\\xNN``.

    A file name on Linux is bytes; Python hands bytes that are not UTF-8 over as lone surrogates,
    which no store can encode (``UnicodeEncodeError`` ended the whole batch). PostgreSQL refuses
    NUL in text (``psycopg.DataError``). Both are cleaned where an input's strings are made.
    """
    if text.isprintable() or ("\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)):
        return text
    fixed = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return fixed.replace("\x00", "")


def _safe(item: RawArticle | Failure) -> tuple[RawArticle | Failure, int]:
    """Every string of a reader's item through :func:`shown`; also how many NULs the body lost."""
    changes: dict[str, object] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, str):
            clean = shown(value)
            if clean != value:
                changes[f.name] = clean
        elif isinstance(value, dict):
            clean_map = {shown(k): shown(v) for k, v in value.items()}
            if clean_map != value:
                changes[f.name] = clean_map
    nuls = item.body.count("\x00") if isinstance(item, RawArticle) and "body" in changes else 0
    return (replace(item, **changes) if changes else item), nuls  # type: ignore[arg-type]


_NOT_ARTICLES = ("readme", "license", "licence", "copying", "changelog", "manifest")


def _wanted(path: Path) -> bool:
    """Files a folder walk reads; a folder's README or LICENSE is about the folder, not news (name it to read it)."""
    name = path.name.lower()
    return (not name.endswith(SIDECAR) and path.suffix.lower() not in _SKIP_SUFFIXES
            and not name.startswith(_NOT_ARTICLES))


def read_source(source: Source, options: ReadOptions) -> Iterator[RawArticle | Failure]:
    """Every article (or per-record failure) in one input; a whole-input problem is one Failure."""
    try:
        sidecar = _sidecar(source)
        count = 0
        for item in _read(source, options):
            count += 1
            item, nuls = _safe(_apply_sidecar(item, sidecar) if sidecar and isinstance(item, RawArticle) else item)
            yield item
            if nuls:
                yield Failure(item.source, item.origin, "nul", f"{item.source}: {nuls:,} NUL characters removed "
                              "from the text (a damaged or partly binary file?)", severity="warning")
        if count == 0:
            raise EmptyArticleError(f"{shown(source.name)}: holds no articles (no records, or a header only)")
    except InputError as e:
        yield Failure(source=shown(source.name), origin=shown(source.location), code=e.code, reason=shown(str(e)))
    except RecursionError:  # a reader's structure nested beyond Python's stack (JSON 1,500 deep)
        yield Failure(source=shown(source.name), origin=shown(source.location), code=MalformedRecordError.code,
                      reason=f"{shown(source.name)}: nested too deep to read (over {MAX_NESTING} levels)")


def _read(source: Source, options: ReadOptions) -> Iterator[RawArticle | Failure]:
    kw = {"source": source.name, "origin": source.location}
    if source.is_url:
        data, content_type = fetch_bytes(source.location, timeout=options.fetch_timeout,
                                                   public_only=options.public_only) if options.fetch \
            else _offline(source.location)
        kind = "feed" if any(t in content_type for t in ("rss", "atom")) else "sniff"
    else:
        path = Path(source.location)
        _check_regular(path, options.max_bytes)
        kind = _KINDS.get(path.suffix.lower(), "sniff")
        head, encoding = _head(path)
        if kind == "sniff":
            kind = _sniff(head)
        if kind in ("jsonl", "csv") and encoding in ("utf-8", "utf-8-sig", *_SINGLE_BYTE):  # streamed
            lines = _decoded_lines(path, encoding, source.name)
            if kind == "jsonl":
                yield from read_jsonl(lines, columns=options.columns, **kw)
            else:
                yield from read_csv(_fail_on_bad_line(lines), columns=options.columns, **kw)
            return
        data = _read_bytes(path, options.max_bytes)
    text, encoding = decode(data, name=source.name)
    if kind == "sniff":
        kind = _sniff(text)
    if encoding == MIXED:
        yield Failure(source.name, source.location, "encoding", f"{source.name}: UTF-8 with some Windows-1252 "
                      "bytes mixed in; each part decoded as what it is (check the accents)", severity="warning")
    fetch = _fetcher(options) if options.fetch else None
    url = source.location if source.is_url else None
    match kind:
        case "text":
            yield from read_text(text, **kw)
        case "html":
            yield from read_html(text, url=url, **kw)
        case "feed":
            yield from read_feed(text.encode("utf-8"), source=source.name, origin=source.location, fetch=fetch)
        case "json":
            yield from read_json(text, columns=options.columns, **kw)
        case "jsonl":
            yield from read_jsonl(text.splitlines(), columns=options.columns, **kw)
        case "csv":
            yield from read_csv(text.splitlines(keepends=True), columns=options.columns, **kw)
        case _:
            raise UnsupportedFormatError(f"{source.name}: unsupported kind of input {kind!r}")


def _offline(url: str) -> tuple[bytes, str]:
    from ..errors import FetchError

    raise FetchError(f"{url}: downloading is switched off (setting fetch = false)")


def _check_regular(path: Path, max_bytes: int) -> None:
    """A regular file within the size limit, before anything opens it.

    Opening a FIFO blocks until someone writes to it (``analyze`` hung); ``max_file_mb`` used to be
    checked only for files read whole, not for the streamed ``.jsonl``/``.csv``.
    """
    try:
        st = path.stat()
    except OSError as e:
        raise UnreadableFileError(f"{shown(path.name)}: cannot be read ({e.strerror or e})") from e
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFileError(f"{shown(path.name)}: is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFileError(f"{shown(path.name)}: not a regular file (a FIFO, socket or device)")
    if st.st_size > max_bytes:
        raise UnreadableFileError(f"{shown(path.name)}: {st.st_size:,} bytes is over the {max_bytes:,}-byte limit "
                                  "(max_file_mb)")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFileError(f"{path.name}: {size:,} bytes is over the {max_bytes:,}-byte limit (max_file_mb)")
        return path.read_bytes()
    except PermissionError as e:
        raise UnreadableFileError(f"{path.name}: permission denied") from e
    except IsADirectoryError as e:
        raise UnreadableFileError(f"{path.name}: is a folder") from e
    except OSError as e:
        raise UnreadableFileError(f"{path.name}: cannot be read ({e.strerror or e})") from e


_HEAD_BYTES = 65536


def _head(path: Path) -> tuple[str, str]:
    """The first 64 KiB decoded (cut at a line end), and the encoding that decoded it."""
    try:
        with path.open("rb") as f:
            data = f.read(_HEAD_BYTES)
    except OSError as e:
        raise UnreadableFileError(f"{path.name}: cannot be read ({e.strerror or e})") from e
    if len(data) == _HEAD_BYTES and b"\n" in data:
        data = data[: data.rindex(b"\n") + 1]
    text, encoding = decode(data, name=path.name)
    return text, encoding


def _decoded_lines(path: Path, encoding: str, name: str) -> Iterator[str | Failure]:
    """Lines decoded one by one: a bad line becomes a Failure instead of ending the file."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        with path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield raw.decode(codec)
                except UnicodeDecodeError as e:
                    yield Failure(source=name, origin=f"{path}#{n}", code="encoding",
                                  reason=f"{name} line {n}: not {encoding} ({e.reason} at byte {e.start})")
    except OSError as e:
        raise UnreadableFileError(f"{name}: read error ({e.strerror or e})") from e


def _fail_on_bad_line(lines: Iterator[str | Failure]) -> Iterator[str]:
    from ..errors import EncodingError

    for line in lines:
        if isinstance(line, Failure):  # a CSV row may span lines: a bad one cannot be skipped safely
            raise EncodingError(line.reason)
        yield line


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000]
    if head.startswith("<"):
        if looks_like_feed(head):
            return "feed"
        return "html"
    if head.startswith(("{", "[")):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.startswith("{") and first.endswith("}") and "\n{" in text[:20000] else "json"
    return "text"


def _fetcher(options: ReadOptions):
    def fetch(url: str) -> str:
        data, _ = fetch_bytes(url, timeout=options.fetch_timeout, public_only=options.public_only)
        return decode(data, name=url)[0]

    return fetch


_SIDECAR_FIELDS = {"title": "title", "outlet": "outlet", "published": "published", "date": "published",
                   "url": "url", "language": "language", "lang": "language", "section": "section"}


def _sidecar(source: Source) -> dict[str, str] | None:
    if source.is_url:
        return None
    path = Path(source.location)
    side = path.with_name(path.stem + SIDECAR) if path.suffix else path.with_name(path.name + SIDECAR)
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise MalformedRecordError(f"{side.name}: sidecar is not readable JSON ({e})") from e
    if not isinstance(data, dict):
        raise MalformedRecordError(f"{side.name}: sidecar must be a JSON object")
    unknown = set(data) - set(_SIDECAR_FIELDS)
    if unknown:
        raise MalformedRecordError(f"{side.name}: unknown sidecar fields {sorted(unknown)}; "
                                   f"known: {sorted(_SIDECAR_FIELDS)}")
    return {_SIDECAR_FIELDS[k]: str(v) for k, v in data.items() if v is not None}


def _apply_sidecar(raw: RawArticle, meta: dict[str, str]) -> RawArticle:
    return replace(raw, **meta)  # type: ignore[arg-type]

