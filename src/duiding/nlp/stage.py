"""The language-analysis stage: every article not analysed yet goes through its backend.

Articles in a language without a backend (or whose language could not be told) are stored
and flagged ``not analysed: …`` and counted, never analysed with the wrong language's models.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from ..records import Annotation, Failure
from ..stage import Progress, StageContext, batched
from ..store import Store
from ..store.annotations import mark_not_analysed, pending, write_annotations
from .annotate import Job
from .backend import has_backend
from .langid import parse_codes
from .runner import run_jobs


@dataclass(frozen=True)
class NlpStage:
    """Language analysis of every pending article: sentences, tokens and mentions from the backend, and what
    duiding finds in them (quotes, numeric claims, time expressions), written together per article."""

    name: str = "nlp"
    requires: frozenset[str] = frozenset({"articles"})
    provides: frozenset[str] = frozenset({"sentences", "tokens", "mentions", "quotes", "claims", "timexes"})

    def run(self, context: StageContext) -> None:
        config = context.config
        workers = int(config.workers) or os.cpu_count() or 1
        options = {"ner": str(config.ner), **({"frogdata": config.frogdata} if config.frogdata else {})}
        context.report.nlp = analyse_pending(context.store, workers=workers, batch_size=int(config.batch_size),
                                             run_id=context.report.ingest.run_id, options=options,
                                             progress=context.nlp_progress, run=context.engine.run_jobs,
                                             languages=parse_codes(config.languages))


@dataclass
class NlpReport:
    analysed: int = 0
    failed: int = 0
    not_analysed: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


Runner = Callable[[Iterable[Job], int, "dict[str, str] | None"], Iterator[Annotation | Failure]]


def analyse_pending(store: Store, *, workers: int, batch_size: int, run_id: int | None = None,
                    options: dict[str, str] | None = None, progress: Progress | None = None,
                    run: Runner = run_jobs,
                    languages: Collection[str] | None = None) -> NlpReport:
    """Analyse every pending article. ``run`` executes the jobs (a local process pool by default, Spark
    executors with ``--engine spark``); whatever runs them, results are written here, in one way.
    ``languages`` (the ``languages`` setting) decides which backends may load: an article declared in
    another language is flagged, not analysed, so a Dutch-only setting never loads the English model.
    """
    report = NlpReport()
    jobs: list[Job] = []
    skipped: list[tuple[str, str]] = []
    for article_id, source, text, language, start, end, title in pending(store):
        if not language:
            skipped.append((article_id, "not analysed: language unknown"))
        elif not has_backend(language):
            skipped.append((article_id, f"not analysed: no backend for {language}"))
        elif languages is not None and language not in languages:
            skipped.append((article_id, f"not analysed: {language} is not in the languages setting"))
        else:
            jobs.append(Job(article_id, source, text, language, start, end, title))
    if skipped:
        mark_not_analysed(store, skipped)
        for _, reason in skipped:
            report.not_analysed[reason] = report.not_analysed.get(reason, 0) + 1
    if not jobs:
        return report
    if progress is not None:
        progress.begin(len(jobs))
    workers = max(1, min(workers, len(jobs)))
    for batch in batched(run(jobs, workers, options), batch_size):
        ok, failed = write_annotations(store, batch, run_id)
        report.analysed += ok
        report.failed += failed
        report.failures += [r for r in batch if isinstance(r, Failure)]
        if progress is not None:
            progress.advance(len(batch), stored=report.analysed, failed=report.failed)
    if progress is not None:
        progress.end()
    return report
