"""The ingest stage: inputs -> articles -> store, one transaction per batch, failures as data.

One bad input never aborts the batch: it becomes a row in ``failures`` with its specific
reason. A crash loses at most the batch being written (SQLite rolls it back), and re-running
is idempotent, so the cure for an interrupted run is to run it again. ``prepare`` (cleaning,
building, language detection) touches no store, so an engine may run it elsewhere (Spark) and
hand the outcomes back in input order to ``store_outcomes``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import InputError
from ..nlp.langid import detect_languages, parse_codes
from ..records import Article, Failure, RawArticle
from ..stage import Progress, Silent, StageContext, check_order
from ..store import Store
from .build import Built, Overrides, build_article
from .outlets import OutletTable
from .sources import ReadOptions, Source, discover, read_source

if TYPE_CHECKING:
    from ..engine import Engine


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


@dataclass(frozen=True)
class IngestStage:
    name: str = "ingest"
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset({"articles"})

    def run(self, context: StageContext) -> None:
        context.report.ingest = ingest(context.paths, context.store, context.config, context.overrides,
                                       context.progress, context.engine)


def estimate_records(source: Source) -> int:
    """How many articles an input probably holds, for the progress bar (lines of JSONL/CSV, else 1)."""
    if source.is_url:
        return 1
    path = Path(source.location)
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".csv", ".tsv") or not path.is_file():
        return 1  # not path.is_file(): opening a FIFO would block until someone writes to it
    try:
        with path.open("rb") as f:
            lines = sum(1 for line in f if line.strip())
    except OSError:
        return 1
    return max(1, lines - (1 if path.suffix.lower() in (".csv", ".tsv") else 0))


def ingest(paths: Iterable[str], store: Store, config: Config, overrides: Overrides | None = None,
           progress: Progress | None = None, engine: Engine | None = None) -> IngestReport:
    """Read every input under ``paths`` into ``store``; return what happened, failures included.

    ``engine`` decides where reading, cleaning and language detection run (here, or on Spark
    executors); what it returns is written here, in input order, by the same code either way.
    """
    check_order([IngestStage()])
    if engine is None:
        from ..engine import LocalEngine

        engine = LocalEngine()
    overrides = overrides or Overrides()
    progress = progress or Silent()
    started = time.perf_counter()
    report = IngestReport(run_id=store.start_run("analyze"))
    items = list(discover(paths))
    progress.begin(sum(estimate_records(s) if isinstance(s, Source) else 1 for s in items))
    options = ReadOptions(fetch=config.fetch, fetch_timeout=config.fetch_timeout,
                          max_bytes=int(config.max_file_mb) * 1_000_000, columns=config.columns or None,
                          public_only=not config.fetch_private)
    outlets = OutletTable(config.outlets)
    codes = parse_codes(config.languages)
    status = "failed"
    try:
        for outcomes in engine.prepare(items, PrepareOptions(options, outlets, overrides, codes,
                                                             int(config.min_language_chars)),
                                       int(config.batch_size)):
            store_outcomes(outcomes, store, report)
            progress.advance(len(outcomes), stored=report.stored, failed=report.failed)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        report.seconds = time.perf_counter() - started
        store.finish_run(report.run_id, status, report.counts())
        progress.end()
    return report


def raw_items(items: Iterable[Source | Failure], options: ReadOptions) -> Iterator[RawArticle | Failure]:
    """What the readers find in each input, in input order (a failure stands for an input it could not read)."""
    for item in items:
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_source(item, options)


@dataclass(frozen=True)
class PrepareOptions:
    """Everything turning a raw item into an article needs; plain values, so it can be shipped to workers."""

    read: ReadOptions
    outlets: OutletTable
    overrides: Overrides
    codes: tuple[str, ...]
    min_chars: int


@dataclass(frozen=True)
class Outcome:
    """What one raw item became: whether it counts as read, its article (or none) and its failure rows.

    Kept per item, in input order, so that an engine which prepares items elsewhere (Spark) can
    hand them back in the same order and the store sees exactly the writes the local engine makes.
    """

    read: int
    article: Article | None
    failures: tuple[Failure, ...]


def prepare(batch: Sequence[RawArticle | Failure], opts: PrepareOptions) -> list[Outcome]:
    """Clean and build each raw item and detect languages for the batch; no store access (runs anywhere)."""
    outcomes: list[Outcome | None] = []
    built: list[Built] = []
    slots: list[int] = []
    for item in batch:
        if isinstance(item, Failure):  # an input or record the readers could not use
            outcomes.append(Outcome(int(item.severity == "error"), None, (item,)))
            continue
        try:
            b = build_article(item, opts.outlets, opts.overrides)
        except InputError as e:
            outcomes.append(Outcome(1, None, (Failure(item.source, item.origin, e.code, str(e)),)))
            continue
        built.append(b)
        slots.append(len(outcomes))
        outcomes.append(None)
    articles = _with_languages(built, opts.codes, opts.min_chars)
    for slot, b, article in zip(slots, built, articles, strict=True):
        outcomes[slot] = Outcome(1, article, tuple(b.warnings))
    return [o for o in outcomes if o is not None]


def store_outcomes(outcomes: Sequence[Outcome], store: Store, report: IngestReport) -> None:
    """Write one batch of outcomes in one transaction and count what happened."""
    articles = [o.article for o in outcomes if o.article is not None]
    failures = [f for o in outcomes for f in o.failures]
    report.read += sum(o.read for o in outcomes)
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
