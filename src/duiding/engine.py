"""Where the heavy stages run: the Engine protocol and the local engine.

The stage logic is the same functions whichever engine runs them; an engine only decides where
they execute (this machine, or Spark executors: ``spark.engine.SparkEngine``) and hands results
back in the order the local engine produces them, which is what keeps the results identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from .stage import batched

if TYPE_CHECKING:
    from .cluster import Event, Features
    from .dedup import Doc, Group
    from .ingest.sources import Source
    from .ingest.stage import Outcome, PrepareOptions
    from .nlp.annotate import Job
    from .records import Annotation, Failure


class Engine(Protocol):
    """Reading and cleaning, language analysis, event clustering and near-duplicate detection."""

    def prepare(self, items: Sequence[Source | Failure], opts: PrepareOptions,
                batch_size: int) -> Iterator[list[Outcome]]: ...
    def run_jobs(self, jobs: Iterable[Job], workers: int,
                 options: dict[str, str] | None) -> Iterator[Annotation | Failure]: ...
    def cluster_events(self, articles: Sequence[Features], idf: dict[str, float],
                       events: list[Event] | None) -> list[Event]: ...
    def near_duplicates(self, docs: Sequence[Doc]) -> list[Group]: ...


class LocalEngine:
    """This machine: a reader loop, a process pool for language analysis, in-process stories."""

    def prepare(self, items: Sequence[Source | Failure], opts: PrepareOptions,
                batch_size: int) -> Iterator[list[Outcome]]:
        from .ingest.stage import prepare, raw_items

        for batch in batched(raw_items(items, opts.read), batch_size):
            yield prepare(batch, opts)

    def run_jobs(self, jobs: Iterable[Job], workers: int,
                 options: dict[str, str] | None) -> Iterator[Annotation | Failure]:
        from .nlp.runner import run_jobs

        return run_jobs(jobs, workers, options)

    def cluster_events(self, articles: Sequence[Features], idf: dict[str, float],
                       events: list[Event] | None) -> list[Event]:
        from .cluster import cluster_events

        return cluster_events(articles, idf, events)

    def near_duplicates(self, docs: Sequence[Doc]) -> list[Group]:
        from .dedup import near_duplicates

        return near_duplicates(docs)
