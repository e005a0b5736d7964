"""Entry points: ``analyze`` on Spark into a store, and ``load`` a Spark run's Parquet into a store.

Both go through the pipeline's own stage functions: ``analyze`` is ``pipeline.analyze`` with a
``SparkEngine``; ``load`` replays the Parquet through ``pipeline.store_outcomes`` (ingest),
``nlp.stage.analyse_pending`` (annotations, with the Parquet as the "runner"), the same entity
resolution, and the stored stories. Every one of those writes is idempotent, so loading twice
changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..analyze import AnalyzeReport
from ..analyze import analyze as run_pipeline
from ..config import Config
from ..errors import InputError
from ..ingest import Overrides
from ..ingest.stage import IngestReport, store_outcomes
from ..records import Annotation, Failure
from ..stage import Progress, batched
from ..store import Store
from .engine import SparkEngine, nlp_result, read_outcomes


def analyze(paths: Iterable[str], store: Store, config: Config, overrides: Overrides | None = None, *,
            master: str | None = None, parquet: str | Path = "duiding-spark", progress: Progress | None = None,
            nlp_progress: Progress | None = None) -> AnalyzeReport:
    """``pipeline.analyze`` with its heavy stages on Spark; every stage's output is left as Parquet in ``parquet``."""
    with SparkEngine(master, parquet) as engine:
        report = run_pipeline(paths, store, config, overrides, progress, nlp_progress, engine=engine)
        if config.analyse:
            engine.write_stories(store)
    return report


def load(parquet: str | Path, store: Store, config: Config, *, master: str | None = None) -> AnalyzeReport:
    """Write a Spark run's Parquet into ``store`` with the local engine's write functions (idempotent)."""
    from ..enrich.entities import resolve_entities
    from ..lang import primary
    from ..nlp.stage import analyse_pending
    from ..store.stories import replace_stories
    from ..stories import regroup_claims

    with SparkEngine(master, parquet) as engine:
        report = AnalyzeReport(ingest=IngestReport(run_id=store.start_run("load")))
        started = time.perf_counter()
        for chunk in batched(read_outcomes(engine.spark, engine.parquet("ingest")), int(config.batch_size)):
            store_outcomes(chunk, store, report.ingest)
        report.ingest.seconds = time.perf_counter() - started
        store.finish_run(report.ingest.run_id, "done", report.ingest.counts())
        if not engine.has("nlp"):  # a --no-nlp run
            return report
        results = _annotations(engine.spark, engine.parquet("nlp"))
        report.nlp = analyse_pending(store, workers=1, batch_size=int(config.batch_size),
                                     run_id=report.ingest.run_id, run=lambda jobs, _w, _o: _replay(jobs, results))
        report.entities = resolve_entities(store, primary(config.languages))
        stories = {name: _story_rows(engine, name) for name in STORY_COLUMNS}
        replace_stories(store, stories["events"], stories["storylines"], stories["duplicates"])
        regroup_claims(store, primary(config.languages))
    return report


STR, OPT, LIST = "str", "str|None", "list[str]"
STORY_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"id": STR, "label": OPT, "start": OPT, "end": OPT, "storyline": OPT, "articles": LIST},
    "storylines": {"id": STR, "label": OPT, "start": OPT, "end": OPT, "events": LIST},
    "duplicates": {"id": STR, "original": STR, "articles": LIST, "similarity": "float"},
}


def _fits(value: Any, kind: str) -> bool:
    if kind == OPT:
        return value is None or isinstance(value, str)
    if kind == LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "float":
        return isinstance(value, float | int) and not isinstance(value, bool)
    return isinstance(value, str)


def _story_rows(engine: SparkEngine, name: str) -> list[dict[str, Any]]:
    """A run's stories table, every row checked against the columns ``write_stories`` writes.

    The folder may come from anyone: a table with other columns or a value of the wrong type is
    refused with the table, row and column named, before anything of the stories is replaced.
    """
    columns = STORY_COLUMNS[name]
    rows = [r.asDict() for r in engine.spark.read.parquet(engine.parquet(name)).collect()]
    for n, row in enumerate(rows):
        if set(row) != set(columns):
            raise InputError(f"{engine.parquet(name)}: columns {sorted(row)} are not a duiding {name} table "
                             f"(expected {sorted(columns)})")
        for col, kind in columns.items():
            if not _fits(row[col], kind):
                raise InputError(f"{engine.parquet(name)}: row {n}: {col} is {type(row[col]).__name__}, "
                                 f"expected {kind}")
    return rows


def _annotations(spark: Any, path: str) -> dict[str, Any]:
    return {r.article_id: r.payload for r in spark.read.parquet(path).select("article_id", "payload")
            .toLocalIterator()}


def _replay(jobs: Iterable[Any], results: dict[str, Any]) -> Iterator[Annotation | Failure]:
    """The stored result of each pending job, decoded and checked (a job the Parquet does not hold stays pending)."""
    for job in jobs:
        if job.article_id in results:
            yield nlp_result(job.article_id, results[job.article_id])
