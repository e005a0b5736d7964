"""``duiding analyze``: read inputs into the store with a progress bar and a summary table."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..analyze import AnalyzeReport
from ..analyze import analyze as run_analyze
from ..ingest import Overrides
from ..lang import primary
from ..report.files import reports_folder, write_reports
from .common import config, db_option, err, open_store, out

MAX_FAILURE_LINES = 15


class _Bar:
    """The pipeline's Progress protocol drawn with rich: counts, rate and elapsed time."""

    def __init__(self, label: str = "read") -> None:
        self.progress = Progress(
            TextColumn(f"[bold]{label:<8}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]:>7.0f} art/s  stored {task.fields[stored]}  failed {task.fields[failed]}"),
            TimeElapsedColumn(), console=err, transient=False)
        self.task = self.progress.add_task(label, total=None, rate=0.0, stored=0, failed=0)
        self.started = time.perf_counter()
        self.done = 0

    def begin(self, total: int) -> None:
        self.started = time.perf_counter()
        self.progress.start()
        self.progress.update(self.task, total=total)

    def advance(self, n: int, *, stored: int, failed: int) -> None:
        self.done += n
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        total = self.progress.tasks[0].total or 0
        self.progress.update(self.task, completed=self.done, total=max(total, self.done), rate=rate,
                             stored=stored, failed=failed)

    def end(self) -> None:
        self.progress.update(self.task, total=self.done)
        self.progress.stop()


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, s = divmod(round(seconds), 60)
    return f"{minutes} min {s} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


def _timing(full: AnalyzeReport, wall: float | None) -> str:
    """The whole run's wall time, then each stage's time and rate (articles read, or analysed, per second)."""
    report = full.ingest
    stages = dict(full.stages) or {"read": report.seconds}
    parts = []
    for stage, seconds in stages.items():
        n = report.read if stage == "read" else full.nlp.analysed if stage == "language analysis" and full.nlp else 0
        rate = f", {n / seconds:,.1f} articles/s" if n and seconds > 0 else ""
        parts.append(f"{stage} {_duration(seconds)}{rate}")
    total = wall if wall is not None else sum(stages.values())
    return f"whole run {_duration(total)} · " + " · ".join(parts)


def _summary(full: AnalyzeReport, db: str, wall: float | None = None) -> None:
    report = full.ingest
    table = Table(title=f"duiding analyze → {db}", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [("read", report.read), ("stored (new articles)", report.stored),
            ("duplicates skipped: already stored", report.seen_before),
            ("duplicates skipped: same text, new source", report.copies),
            ("failed (not stored)", report.failed), ("warnings (stored)", report.warnings)]
    for label, n in rows:
        table.add_row(label, f"{n:,}")
    for lang, n in sorted(report.languages.items(), key=lambda kv: -kv[1]):
        table.add_row(f"language {lang}", f"{n:,}")
    if full.nlp is not None:
        table.add_row("language analysis: analysed", f"{full.nlp.analysed:,}")
        table.add_row("language analysis: failed", f"{full.nlp.failed:,}")
        for reason, n in sorted(full.nlp.not_analysed.items()):
            table.add_row(reason, f"{n:,}")
        table.add_row("entities in the store", f"{full.entities:,}")
    if full.stories is not None:
        table.add_row("storylines / events in the store",
                      f"{full.stories.storylines:,} / {full.stories.events:,}")
        table.add_row("near-duplicate groups", f"{full.stories.duplicate_groups:,}")
    out.print(table)
    out.print(_timing(full, wall), markup=False, highlight=False)
    problems = report.failures + (full.nlp.failures if full.nlp is not None else [])
    for f in problems[:MAX_FAILURE_LINES]:
        line = Text("  ").append(f.severity, style="red" if f.severity == "error" else "yellow")
        out.print(line.append(f" {f.code}: {f.reason}"), overflow="ellipsis", no_wrap=True)
    if len(problems) > MAX_FAILURE_LINES:
        out.print(f"  … and {len(problems) - MAX_FAILURE_LINES} more: `duiding failures` lists them all")


def _exit_if_nothing_stored(full: AnalyzeReport) -> None:
    """Exit 1 when inputs were read but not one could be stored: a script must not take that for success.

    Articles already in the store (a rerun) count as stored: re-ingesting is a no-op, not a failure.
    """
    r = full.ingest
    if r.read and r.failed and not (r.stored or r.seen_before or r.copies):
        err.print(f"duiding: nothing stored: all {r.read:,} inputs failed (`duiding failures` lists why)",
                  highlight=False, soft_wrap=True)
        raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet of every article read (overrides what the input says).")
@click.option("--date", "published", help="Publication date of every article read (2024-06-19, 2023-09, …).")
@click.option("--lang", help="Language of every article read (ISO 639-1; skips detection).")
@click.option("--title", help="Title of the article (for a single file without one).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="JSON/CSV column for a field (text, title, published, url, outlet, language, id); repeatable.")
@click.option("--no-fetch", is_flag=True, help="Never download: URLs and feed links are reported, not followed.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Articles per transaction (setting batch_size).")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Language-analysis processes (setting workers; 0 = one per core).")
@click.option("--no-nlp", is_flag=True, help="Store articles only; skip language analysis (setting analyse).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where the analysis runs: this machine, or Apache Spark (needs the spark extra and Java 17).")
@click.option("--master", default=None, metavar="URL",
              help="Spark master for --engine spark (default local[2]; e.g. spark://host:7077, yarn).")
@click.option("--parquet", "parquet", default="duiding-spark", show_default=True, metavar="DIR",
              help="Folder where --engine spark writes each stage's results as Parquet.")
@click.pass_context
def analyze(ctx: click.Context, paths: tuple[str, ...], db: str | None, outlet: str | None,
            published: str | None, lang: str | None, title: str | None, columns: tuple[str, ...],
            no_fetch: bool, batch_size: int | None, workers: int | None, no_nlp: bool, quiet: bool,
            engine: str, master: str | None, parquet: str) -> None:
    """Read articles from files, folders, feeds or URLs into the store (PATH... may mix them)."""
    if master and engine != "spark":
        raise click.BadParameter("--master needs --engine spark", param_hint="--master")
    cfg = config(ctx, db=db, batch_size=batch_size, fetch=False if no_fetch else None, workers=workers,
                 analyse=False if no_nlp else None)
    for spec in columns:
        field, sep, name = spec.partition("=")
        if not sep or not field or not name:
            raise click.BadParameter(f"{spec!r}: expected FIELD=NAME, e.g. text=body", param_hint="--column")
        cfg.columns[field.strip()] = name.strip()
    if lang is not None:
        from ..nlp.langid import known_code

        if not known_code(lang.strip().lower()):
            raise click.BadParameter(f"{lang!r} is not an ISO 639-1 language code (nl, en, de, fr, …)",
                                     param_hint="--lang")
    if int(cfg.batch_size) < 1:
        raise click.BadParameter(f"batch_size {cfg.batch_size} must be at least 1", param_hint="batch_size")
    overrides = Overrides(outlet=outlet, published=published, language=lang.strip().lower() if lang else None,
                          title=title)
    if published:
        from ..ingest.dates import parse_published

        parse_published(published)  # a bad --date is the user's error: say so before reading anything
    started = time.perf_counter()
    with open_store(ctx, cfg.db) as store:
        if engine == "spark":
            from ..spark.run import analyze as spark_analyze

            report = spark_analyze(paths, store, cfg, overrides, master=master, parquet=parquet,
                                   progress=None if quiet else _Bar("read"),
                                   nlp_progress=None if quiet else _Bar("analyse"))
        else:
            report = run_analyze(paths, store, cfg, overrides, progress=None if quiet else _Bar("read"),
                                 nlp_progress=None if quiet else _Bar("analyse"))
        folder = reports_folder(str(cfg.db), str(cfg.reports or "")) if cfg.analyse else None
        try:
            reports_started = time.perf_counter()
            written = write_reports(store, folder, str(cfg.db), primary(cfg.languages)) if folder is not None else []
            if written:
                report.stages["reports"] = time.perf_counter() - reports_started
            report_error = None
        except OSError as e:  # everything is stored: say so first, then why the reports are missing
            written, report_error = [], f"{e.filename or folder}: {e.strerror or e}"
    _summary(report, cfg.db, time.perf_counter() - started)
    if report_error:
        err.print(f"duiding: error: reports not written ({report_error}); everything above is stored: "
                  "set reports to a writable folder and rerun (storing again changes nothing)",
                  markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2)
    if written:
        table = Table(title="stories found (duiding stories shows the tree)", header_style="bold", expand=True)
        table.add_column("storyline", no_wrap=True)
        table.add_column("label", ratio=2, overflow="fold")
        table.add_column("report", ratio=2, overflow="fold")
        for story_id, label, path in written:
            table.add_row(story_id, label, str(path))
        out.print(table)
    _exit_if_nothing_stored(report)


@click.command("load")
@click.argument("parquet", metavar="DIR")
@db_option
@click.option("--master", default=None, metavar="URL", help="Spark master to read with (default local[2]).")
@click.pass_context
def load_parquet(ctx: click.Context, parquet: str, db: str | None, master: str | None) -> None:
    """Load the Parquet of an `analyze --engine spark` run (its --parquet DIR) into the store; loading twice changes
    nothing. For runs whose driver could not reach the store, or to fill a second store from one run."""
    from ..spark.run import load

    cfg = config(ctx, db=db)
    if "://" not in parquet and not Path(parquet, "ingest").is_dir():
        raise click.BadParameter(f"{parquet}: no Spark run here (expected {parquet}/ingest/*.parquet)",
                                 param_hint="DIR")
    with open_store(ctx, cfg.db) as store:
        report = load(parquet, store, cfg, master=master)
    _summary(report, cfg.db)
    _exit_if_nothing_stored(report)


COMMANDS = [analyze, load_parquet]
