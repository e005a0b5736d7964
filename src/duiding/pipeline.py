"""The batch runner: inputs -> articles -> store, one transaction per batch, failures as data.

A stage declares what it ``requires`` and what it ``provides``; ``check_order`` refuses a
misordered run before any work starts. Ingest is the first stage and provides ``articles``;
later stages (language analysis, quotes, stories) plug in behind the same protocol.

One bad input never aborts the batch: it becomes a row in ``failures`` with its specific
reason. A crash loses at most the batch being written (SQLite rolls it back), and re-running
is idempotent, so the cure for an interrupted run is to run it again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .config import Config
from .errors import ConfigError, InputError
from .ingest import Built, OutletTable, Overrides, ReadOptions, Source, build_article, discover, read_source
from .nlp.langid import detect_languages, parse_codes
from .records import Article, Failure, RawArticle
from .store import Store

T = TypeVar("T")


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ConfigError when a stage runs before what it needs has been provided."""
    have: set[str] = set()
    for stage in stages:
        missing = stage.requires - have
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage provides")
        have |= stage.provides


class Progress(Protocol):
    def begin(self, total: int) -> None: ...
    def advance(self, n: int, *, stored: int, failed: int) -> None: ...
    def end(self) -> None: ...


class _Silent:
    def begin(self, total: int) -> None: ...
    def advance(self, n: int, *, stored: int, failed: int) -> None: ...
    def end(self) -> None: ...


@dataclass
class IngestReport:
    run_id: int
    read: int = 0
    stored: int = 0
    copies: int = 0
    seen_before: int = 0
    failed: int = 0
    warnings: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "stored": self.stored, "copies": self.copies,
                "seen_before": self.seen_before, "failed": self.failed, "warnings": self.warnings}


@dataclass
class AnalyzeReport:
    ingest: IngestReport
    nlp: Any = None  # nlp.stage.NlpReport, imported lazily with the stage
    entities: int = 0
    stories: Any = None  # stories.StoryReport


@dataclass(frozen=True)
class IngestStage:
    name: str = "ingest"
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset({"articles"})


def estimate_records(source: Source) -> int:
    """How many articles an input probably holds, for the progress bar (lines of JSONL/CSV, else 1)."""
    if source.is_url:
        return 1
    path = Path(source.location)
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".csv", ".tsv"):
        return 1
    try:
        with path.open("rb") as f:
            lines = sum(1 for line in f if line.strip())
    except OSError:
        return 1
    return max(1, lines - (1 if path.suffix.lower() in (".csv", ".tsv") else 0))


def ingest(paths: Iterable[str], store: Store, config: Config, overrides: Overrides | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Read every input under ``paths`` into ``store``; return what happened, failures included."""
    check_order([IngestStage()])
    overrides = overrides or Overrides()
    progress = progress or _Silent()
    started = time.perf_counter()
    report = IngestReport(run_id=store.start_run("analyze"))
    items = list(discover(paths))
    progress.begin(sum(estimate_records(s) if isinstance(s, Source) else 1 for s in items))
    options = ReadOptions(fetch=config.fetch, fetch_timeout=config.fetch_timeout,
                          max_bytes=int(config.max_file_mb) * 1_000_000, columns=config.columns or None)
    outlets = OutletTable(config.outlets)
    codes = parse_codes(config.languages)
    status = "failed"
    try:
        for batch in batched(_raw_items(items, options), int(config.batch_size)):
            _write(batch, store, report, outlets, overrides, codes, int(config.min_language_chars))
            progress.advance(len(batch), stored=report.stored, failed=report.failed)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        report.seconds = time.perf_counter() - started
        store.finish_run(report.run_id, status, report.counts())
        progress.end()
    return report


def _raw_items(items: list[Source | Failure], options: ReadOptions) -> Iterator[RawArticle | Failure]:
    for item in items:
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_source(item, options)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items from a stream (the last may be shorter): one transaction each."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(batch: list[RawArticle | Failure], store: Store, report: IngestReport, outlets: OutletTable,
           overrides: Overrides, codes: tuple[str, ...], min_chars: int) -> None:
    built: list[Built] = []
    failures: list[Failure] = []
    for item in batch:
        if isinstance(item, Failure):  # an input or record the readers could not use
            failures.append(item)
            report.read += item.severity == "error"
            continue
        report.read += 1
        try:
            b = build_article(item, outlets, overrides)
        except InputError as e:
            failures.append(Failure(item.source, item.origin, e.code, str(e)))
            continue
        built.append(b)
        failures.extend(b.warnings)
    articles = _with_languages(built, codes, min_chars)
    result = store.write_batch(articles, failures, run_id=report.run_id)
    report.stored += result.stored
    report.copies += result.copies
    report.seen_before += result.seen_before
    report.failed += result.errors
    report.warnings += result.warnings
    report.failures.extend(failures)
    for a in articles:
        key = a.language or "unknown"
        report.languages[key] = report.languages.get(key, 0) + 1


def _with_languages(built: list[Built], codes: tuple[str, ...], min_chars: int) -> list[Article]:
    """Detect the language of each article not forced by the user; short texts keep what was declared."""
    todo = [i for i, b in enumerate(built) if b.article.language is None and len(b.article.text) >= min_chars]
    found = detect_languages([built[i].article.text for i in todo], codes) if todo else []
    detected = dict(zip(todo, found, strict=True))
    out = []
    for i, b in enumerate(built):
        lang = b.article.language or detected.get(i) or (b.declared_language or None)
        out.append(replace(b.article, language=lang) if lang != b.article.language else b.article)
    return out


def analyze(paths: Iterable[str], store: Store, config: Config, overrides: Overrides | None = None,
            progress: Progress | None = None, nlp_progress: Progress | None = None) -> AnalyzeReport:
    """Ingest, then language analysis of what is new, then entity resolution over the whole store."""
    from .enrich.entities import EntityStage, resolve_entities
    from .lang import for_language
    from .nlp.stage import NlpStage, analyse_pending
    from .stories import StoryStage, update_stories

    stages = [IngestStage(), NlpStage(), EntityStage(), StoryStage()] if config.analyse else [IngestStage()]
    check_order(stages)
    report = AnalyzeReport(ingest=ingest(paths, store, config, overrides, progress))
    if config.analyse:
        workers = int(config.workers) or os.cpu_count() or 1
        options = {"frogdata": config.frogdata} if config.frogdata else None
        report.nlp = analyse_pending(store, workers=workers, batch_size=int(config.batch_size),
                                     run_id=report.ingest.run_id, options=options, progress=nlp_progress)
        report.entities = resolve_entities(store)
        report.stories = update_stories(store, for_language("nl"))
    return report
