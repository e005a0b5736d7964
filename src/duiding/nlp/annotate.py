"""One article through its language's backend and duiding's repairs; runs inside worker processes.

The worker keeps its backend for its whole life (Frog loads in ~7 s and ~650 MB), so articles
are sent to long-lived processes rather than a backend being built per article. A backend that
cannot load makes every article a recorded failure with the reason, never a crashed batch.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from ..enrich.chains import chain
from ..enrich.mentions import raw_mentions, repaired_mentions
from ..enrich.numbers import find_claims
from ..enrich.quotes import extract_quotes
from ..enrich.timex import find_timexes
from ..errors import DuidingError
from ..lang import for_language
from ..records import Annotation, Failure
from .backend import backend_for
from .tags import has


@dataclass(frozen=True)
class Job:
    article_id: str
    source: str
    text: str
    language: str
    published_start: str | None = None  # the article's date range: time expressions resolve against it
    published_end: str | None = None
    title: str | None = None  # who an interview is with is often only in its title


_LOAD_ERROR: dict[str, str] = {}


def annotate(job: Job, options: dict[str, str] | None = None) -> Annotation:
    """Sentences, tokens and repaired, chained mentions for one article; raises on backend failure."""
    backend = backend_for(job.language, options)
    sentences = backend.analyse(job.text)
    lang = for_language(job.language)
    first_names: frozenset[str] = getattr(backend, "first_names", frozenset())
    tagger = getattr(backend, "tagger", "frog")  # whose IOB tags: the repairs differ (enrich/mentions.py)
    mentions = chain(repaired_mentions(sentences, job.text, lang, first_names, tagger), sentences, lang,
                     first_names, tagger)
    quotes, issues = extract_quotes(job.text, sentences, mentions, lang, job.title, first_names)
    claims = find_claims(job.text, sentences, mentions, lang)
    past = [(s.start, s.end) for s in sentences if any(has(t.tag, "past") for t in s.tokens)]
    timexes = find_timexes(job.text, _anchor(job), lang, past)
    return Annotation(job.article_id, job.language, backend.name, sentences, tuple(mentions),
                      raw_mentions=tuple(raw_mentions(sentences, job.text)), quotes=tuple(quotes),
                      claims=tuple(claims), timexes=tuple(timexes),
                      issues=tuple(f"at character {i.position}: {i.reason}" for i in issues))


def _anchor(job: Job) -> tuple[date, date] | None:
    if not job.published_start or not job.published_end:
        return None
    return date.fromisoformat(job.published_start[:10]), date.fromisoformat(job.published_end[:10])


def work(job: Job, options: dict[str, str] | None = None) -> Annotation | Failure:
    """The worker's task: an Annotation, or a Failure that says why (never an exception)."""
    if job.language in _LOAD_ERROR:
        return _failure(job, "backend", _LOAD_ERROR[job.language])
    try:
        return annotate(job, options)
    except DuidingError as e:
        _LOAD_ERROR[job.language] = f"the {job.language} backend is not available: {e}"
        return _failure(job, "backend", _LOAD_ERROR[job.language])
    except Exception as e:  # a backend bug on one input must not end the batch
        return _failure(job, "nlp", f"{job.source}: the language backend failed on this article "
                                    f"({type(e).__name__}: {e})")


def init_worker() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    die_with_parent()


def die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (``PR_SET_PDEATHSIG``).

    A ``kill -9`` of ``duiding analyze`` left its Frog workers running their current article for
    up to two minutes (each holds ~650 MB). Elsewhere this does nothing: the pool still ends its
    workers when the parent exits normally.
    """
    import multiprocessing
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # the parent died before the request took effect
        os._exit(1)


def _failure(job: Job, code: str, reason: str) -> Failure:
    return Failure(source=job.source, origin=job.article_id, code=code, reason=reason, stage="nlp")
