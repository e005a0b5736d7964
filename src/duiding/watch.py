"""``duiding watch``: follow RSS/Atom feeds and folders, analyse what is new in small batches.

Each source is polled at its own interval. A feed is fetched with a conditional GET (the
``ETag`` and ``Last-Modified`` it last sent go back as ``If-None-Match``/``If-Modified-Since``,
so an unchanged feed costs one 304), its entries are named by their id rather than their
position (``read_feed(keyed=True)``), and an entry whose origin is already stored is skipped
before its link is followed. A folder is walked each poll and a file is read again only when
its size or modification time changed (and not while it is still being written: it must be
``settle`` seconds old).

Why nothing is lost or doubled: articles are committed batch by batch (``pipeline.store_outcomes``,
one transaction each), and the source's state (validators, files seen, next poll) is written
only after the whole poll is committed. A crash, a kill -9 or a power cut in between means the
next start polls that source again from its old state; the entries already committed are found
under the same origin and skipped (and even when not skipped, an article's id is the hash of its
text and a publication is keyed on (article, origin): storing it again changes nothing).

Errors (a network error, an HTTP 500, a malformed feed) back off exponentially: the next poll
waits ``interval * 2**errors``, at most ``max_backoff``; the first good poll resets it. Requests
to one host are spaced ``host_delay`` seconds apart (feed and followed links alike). One log line
per poll says what happened.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .analyze import AnalyzeReport, analyse_stored
from .config import Config
from .engine import LocalEngine
from .errors import FetchError, InputError, MalformedRecordError
from .ingest import OutletTable, Overrides, ReadOptions, Source, discover, read_source
from .ingest.decode import decode
from .ingest.feed import read_feed
from .ingest.fetch import fetch_conditional
from .ingest.stage import IngestReport, PrepareOptions, prepare, store_outcomes
from .nlp.langid import parse_codes
from .records import Failure, RawArticle
from .stage import batched
from .store import Store
from .store.watch import SourceState, load_state, origin_stored, save_state

_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """``90``, ``90s``, ``5m``, ``2h``, ``1d`` -> seconds; anything else is an InputError."""
    m = _INTERVAL.match(text.strip().lower())
    if not m or float(m.group(1)) <= 0:
        raise InputError(f"{text!r} is not an interval (seconds, or a number with s, m, h or d: 90, 5m, 2h)")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass(frozen=True)
class WatchSource:
    location: str  # the URL, or the folder's path as given
    interval: float  # seconds between polls when all is well
    is_url: bool


def parse_sources(specs: Iterable[str], default_interval: float) -> list[WatchSource]:
    """``URL``, ``URL@5m``, ``FOLDER`` or ``FOLDER@30s``: one source each (a bad one is an InputError)."""
    out: list[WatchSource] = []
    for spec in specs:
        location, interval = spec, default_interval
        head, sep, tail = spec.rpartition("@")
        if sep and head and _INTERVAL.match(tail.strip().lower()):
            location, interval = head, parse_interval(tail)
        if urlsplit(location).scheme in ("http", "https"):
            out.append(WatchSource(location, interval, True))
        elif Path(location).is_dir():
            out.append(WatchSource(str(Path(location)), interval, False))
        else:
            raise InputError(f"{location}: neither an http(s) feed URL nor a folder (watch follows feeds and "
                             "folders; `duiding analyze` reads single files)")
    if not out:
        raise InputError("nothing to watch: give feed URLs or folders")
    return out


@dataclass
class PollResult:
    source: str
    status: str  # "200", "304 not modified", "error: ...", "folder"
    new: int = 0  # articles stored that were not in the store
    seen: int = 0  # entries or files skipped as already stored / unchanged
    failed: int = 0
    seconds: float = 0.0
    next_in: float = 0.0
    ok: bool = True

    def line(self) -> str:
        when = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return (f"{when} poll {self.source} {self.status} new={self.new} seen={self.seen} failed={self.failed} "
                f"{self.seconds:.1f}s next in {_human(self.next_in)}")


def _human(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f}h"
    if seconds >= 60:
        return f"{seconds / 60:.1f}m"
    return f"{seconds:.1f}s" if seconds < 10 else f"{seconds:.0f}s"


class Interrupted(Exception):
    """A stop was asked for in the middle of a poll: what is committed stays, the state is not advanced."""


class Watcher:
    """Polls its sources until ``stop`` is set (or once each, with ``run(once=True)``)."""

    def __init__(self, store: Store, config: Config, sources: Sequence[WatchSource], *, batch_size: int = 20,
                 host_delay: float = 2.0, max_backoff: float = 3600.0, settle: float = 2.0, follow: bool = True,
                 analyse: bool | None = None, log: Callable[[str], None] = print,
                 stop: threading.Event | None = None, overrides: Overrides | None = None) -> None:
        self.store, self.config, self.sources = store, config, list(sources)
        self.batch_size, self.host_delay, self.max_backoff, self.settle = batch_size, host_delay, max_backoff, settle
        self.follow = follow and bool(config.fetch)
        self.analyse = bool(config.analyse) if analyse is None else analyse
        self.log, self.stop = log, stop or threading.Event()
        self.states = {s.location: load_state(store, s.location) for s in self.sources}
        self._last_request: dict[str, float] = {}
        self.polls = 0
        self.engine = LocalEngine()
        self.read = ReadOptions(fetch=self.follow, fetch_timeout=float(config.fetch_timeout),
                                max_bytes=int(config.max_file_mb) * 1_000_000, columns=config.columns or None,
                                public_only=not config.fetch_private)
        self.prepare_options = PrepareOptions(self.read, OutletTable(config.outlets), overrides or Overrides(),
                                              parse_codes(config.languages), int(config.min_language_chars))

    # --- the loop -------------------------------------------------------------------------

    def run(self, *, once: bool = False) -> None:
        polled: set[str] = set()
        while not self.stop.is_set():
            now = time.time()
            for src in self.sources:
                if self.stop.is_set():
                    return
                if once and src.location in polled:
                    continue
                due = self.states[src.location].next_poll
                if once or due is None or due <= now:
                    self.poll(src)
                    polled.add(src.location)
            if once:
                return
            upcoming = min((self.states[s.location].next_poll or 0.0) for s in self.sources)
            self.stop.wait(max(0.0, upcoming - time.time()))

    def poll(self, src: WatchSource) -> PollResult:
        """One poll of one source, logged; the source's state is saved when the poll completed."""
        state = self.states[src.location]
        started = time.perf_counter()
        result = PollResult(src.location, "")
        try:
            if src.is_url:
                self._poll_feed(src, state, result)
            else:
                self._poll_folder(src, state, result)
        except Interrupted:
            result.seconds = time.perf_counter() - started
            result.status, result.ok = "interrupted (what was stored stays; polled again at the next start)", False
            self.log(result.line())
            return result
        except (FetchError, InputError) as e:
            result.ok = False
            result.status = f"error: {e}"
        result.seconds = time.perf_counter() - started
        if result.ok:
            state.errors, wait = 0, src.interval
        else:
            state.errors += 1
            wait = min(src.interval * 2 ** state.errors, max(self.max_backoff, src.interval))
            result.status += f" (error {state.errors} in a row, backing off)"
        state.next_poll = time.time() + wait
        state.last_status = result.status[:500]
        state.last_poll = datetime.now(UTC).isoformat(timespec="seconds")
        result.next_in = wait
        save_state(self.store, state)
        self.polls += 1
        self.log(result.line())
        return result

    # --- feeds ----------------------------------------------------------------------------

    def _poll_feed(self, src: WatchSource, state: SourceState, result: PollResult) -> None:
        self._polite(src.location)
        got = fetch_conditional(src.location, etag=state.etag, last_modified=state.last_modified,
                                timeout=float(self.config.fetch_timeout), public_only=not self.config.fetch_private)
        if got.status == 304:
            result.status = "304 not modified"
            return
        result.status = str(got.status)
        skipped = 0

        def skip(origin: str) -> bool:
            nonlocal skipped
            if origin_stored(self.store, origin):
                skipped += 1
                return True
            return False

        items = read_feed(got.body, source=src.location, origin=src.location, keyed=True, skip=skip,
                          fetch=self._fetcher() if self.follow else None)
        try:
            self._store_items(items, result)
        except MalformedRecordError:
            if not _empty_feed(got.body):
                raise
        result.seen += skipped
        state.etag, state.last_modified = got.etag, got.last_modified  # only now: every entry is committed

    def _fetcher(self) -> Callable[[str], str]:
        def fetch(url: str) -> str:
            self._polite(url)
            got = fetch_conditional(url, timeout=float(self.config.fetch_timeout),
                                    public_only=not self.config.fetch_private)
            return decode(got.body, name=url)[0]

        return fetch

    def _polite(self, url: str) -> None:
        """Wait until ``host_delay`` has passed since the last request to this host (a stop cuts it short)."""
        host = urlsplit(url).hostname or ""
        last = self._last_request.get(host)
        if last is not None:
            left = last + self.host_delay - time.monotonic()
            if left > 0 and self.stop.wait(left):
                raise Interrupted()
        self._last_request[host] = time.monotonic()

    # --- folders --------------------------------------------------------------------------

    def _poll_folder(self, src: WatchSource, state: SourceState, result: PollResult) -> None:
        result.status = "folder"
        now = time.time()
        current: dict[str, list[int]] = {}
        todo: list[Source | Failure] = []
        for item in discover([src.location]):
            if isinstance(item, Failure):
                continue  # a dangling link or a FIFO: analyze reports those; watch would report it every poll
            try:
                st = Path(item.location).stat()
            except OSError:
                continue
            sig = [st.st_size, st.st_mtime_ns]
            if state.files.get(item.location) == sig:
                current[item.location] = sig
                result.seen += 1
            elif now - st.st_mtime >= self.settle:
                current[item.location] = sig
                todo.append(item)
            elif item.location in state.files:  # changed and still being written: keep the old signature
                current[item.location] = state.files[item.location]

        def raw() -> Iterator[RawArticle | Failure]:
            for source in todo:
                yield from read_source(source, self.read)  # type: ignore[arg-type]

        self._store_items(raw(), result)
        state.files = current

    # --- storing and analysing ------------------------------------------------------------

    def _store_items(self, items: Iterable[RawArticle | Failure], result: PollResult) -> None:
        report: IngestReport | None = None
        try:
            for batch in batched(items, self.batch_size):
                if report is None:
                    report = IngestReport(run_id=self.store.start_run("watch"))
                outcomes = prepare(batch, self.prepare_options)
                before = report.stored
                store_outcomes(outcomes, self.store, report)
                result.new += report.stored - before
                result.seen += sum(1 for o in outcomes if o.article is not None) - (report.stored - before)
                result.failed += sum(1 for o in outcomes for f in o.failures if f.severity == "error")
                if self.analyse and report.stored > before:
                    analyse_stored(self.store, self.config, AnalyzeReport(ingest=report), engine=self.engine)
                if self.stop.is_set():
                    raise Interrupted()
        finally:
            if report is not None:
                self.store.finish_run(report.run_id, "done" if not self.stop.is_set() else "interrupted",
                                      report.counts())


def _empty_feed(body: bytes) -> bool:
    """A well-formed feed with no entries (nothing new), as opposed to one that is not a feed at all."""
    import feedparser

    parsed = feedparser.parse(body)
    return bool(parsed.get("version")) and not parsed.entries and not parsed.get("bozo")
