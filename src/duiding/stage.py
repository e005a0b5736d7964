"""The stage runner's contract: what a stage needs and makes, the order check, progress and batches.

A stage declares the kinds of stored data it ``requires`` and ``provides`` (``articles``,
``sentences``, ``mentions``, ``quotes``, ``claims``, ``timexes``, ``entities``, ``events`` …) and
does its work in ``run``; :func:`run_stages` refuses a misordered list before any work starts and
then runs each stage in turn on one :class:`StageContext`. Nothing here imports a stage, so stage
modules (``ingest.stage``, ``nlp.stage``, ``enrich.entities``, ``stories``) import this freely.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from .errors import ConfigError

if TYPE_CHECKING:
    from .analyze import AnalyzeReport
    from .config import Config
    from .engine import Engine
    from .ingest import Overrides
    from .store import Store

T = TypeVar("T")
# How the run summary names a stage (``duiding analyze`` prints wall time and articles/s of each).
STAGE_LABELS = {"ingest": "read", "nlp": "language analysis"}


class Progress(Protocol):
    def begin(self, total: int) -> None: ...
    def advance(self, n: int, *, stored: int, failed: int) -> None: ...
    def end(self) -> None: ...


class Silent:
    """A progress that shows nothing."""

    def begin(self, total: int) -> None: ...
    def advance(self, n: int, *, stored: int, failed: int) -> None: ...
    def end(self) -> None: ...


@dataclass
class StageContext:
    """What every stage of one ``analyze`` run shares: its inputs, the store, the engine and the report."""

    paths: Iterable[str]
    store: Store
    config: Config
    engine: Engine
    report: AnalyzeReport
    overrides: Overrides | None = None
    progress: Progress | None = None
    nlp_progress: Progress | None = None


class Declared(Protocol):
    """What the order check reads of a stage."""

    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> frozenset[str]: ...
    @property
    def provides(self) -> frozenset[str]: ...


class Stage(Declared, Protocol):
    def run(self, context: StageContext) -> None: ...


def check_order(stages: Sequence[Declared]) -> None:
    """Raise ConfigError when a stage runs before what it needs has been provided."""
    have: set[str] = set()
    for stage in stages:
        missing = stage.requires - have
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage provides")
        have |= stage.provides


def run_stages(stages: Sequence[Stage], context: StageContext) -> None:
    """Check the order, then run every stage in it."""
    check_order(stages)
    timings = getattr(context.report, "stages", None)
    for stage in stages:
        started = time.perf_counter()
        stage.run(context)
        if isinstance(timings, dict):  # wall seconds per stage, for the run summary
            timings[STAGE_LABELS.get(stage.name, stage.name)] = time.perf_counter() - started


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
