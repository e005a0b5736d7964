"""Run the analysis of many articles over a pool of long-lived worker processes.

Results stream back in completion order with a bounded number in flight, so memory stays flat
in corpus size. If a worker process dies (a backend crash in C code kills the process, not just
the call), the articles that were in flight are retried one at a time in a fresh process; the
one that kills it again is recorded as a failure and the run goes on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..records import Annotation, Failure
from .annotate import Job, init_worker, work

IN_FLIGHT_PER_WORKER = 4


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork would copy the parent's open SQLite handle and threads; spawn starts clean
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker)


def run_jobs(jobs: Iterable[Job], workers: int, options: dict[str, str] | None = None
             ) -> Iterator[Annotation | Failure]:
    pending = iter(jobs)
    pool = _pool(workers)
    running: dict[Future, Job] = {}
    try:
        while True:
            while len(running) < workers * IN_FLIGHT_PER_WORKER:
                job = next(pending, None)
                if job is None:
                    break
                running[pool.submit(work, job, options)] = job
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            crashed: list[Job] = []
            for future in done:
                job = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    crashed.append(job)
            if crashed:
                crashed += list(running.values())
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                yield from _isolate(crashed, options)
                pool = _pool(workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolate(jobs: list[Job], options: dict[str, str] | None) -> Iterator[Annotation | Failure]:
    """Retry each job alone in a fresh process, so the one that kills its worker is identified."""
    for job in jobs:
        with _pool(1) as pool:
            try:
                yield pool.submit(work, job, options).result()
            except BrokenProcessPool:
                yield Failure(source=job.source, origin=job.article_id, code="crash", stage="nlp",
                              reason=f"{job.source}: the language backend crashed its process on this article")
