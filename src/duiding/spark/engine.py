"""``SparkEngine``: the pipeline's heavy stages as Spark jobs, results as Parquet, same answers.

Each stage ships plain records to ``mapPartitions`` and runs the local engine's own function
there: ``pipeline.prepare`` for ingest, ``nlp.annotate.work`` for language analysis (the backend
is loaded once per Python worker, which Spark reuses across tasks), ``cluster.cluster_events``
per independent time segment (``segments.py``). Near-copy candidates come from Spark ML's
``MinHashLSH`` and are verified with ``dedup.is_copy`` on the exact shingle sets, then grouped by
``dedup.group_copies`` (Spark's own hash functions, so not ruled out first on datasketch's estimate
as the local engine does: a true copy the local estimate drops, at a chance of the order of 1e-4, is
the one way the two can group copies differently). Every stage writes Parquet under the work directory and
the driver reads it back sorted into the order the local engine produces, so the store receives the same writes.

A killed task is re-run by Spark (``local[N,retries]`` or a cluster's ``spark.task.maxFailures``);
a stage's output is its committed Parquet, so a retried task's rows are never counted twice.

What stays on the driver: discovering inputs, the store writes, entity resolution (global over
all mentions), article features for clustering (read from the store), undated articles, storyline
linking, labels and claim alignment.
"""

from __future__ import annotations

import functools
import math
import os
import signal
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import codec
from ..cluster import Event, Features, cluster_events
from ..dedup import MIN_SHINGLES, Doc, Group, group_copies, is_copy, shingles
from ..ingest import Source
from ..ingest.stage import Outcome, PrepareOptions, prepare
from ..nlp.annotate import Job, init_worker, work
from ..records import Annotation, Failure
from ..stage import batched
from . import session
from .segments import merge, plan

ARTICLES_PER_INGEST_TASK = 2000
ARTICLES_PER_NLP_TASK = 50  # ~15 s of Frog per task: small enough that a retry costs little
STAGE_CHUNK = 10_000  # rows per driver-side write when staging texts as Parquet
HASH_TABLES = 32  # candidate probability 1-(1-J)^32: 0.9992 at Jaccard 0.2, 0.97 at 0.1
HASH_FEATURES = 1 << 24  # shingle hash space; collisions only add candidates, verification is exact
LSH_SEED = 9
KILL_HOOK = "DUIDING_SPARK_TEST_KILL"  # "<stage>:<marker file>[,…]": the first task of <stage> kills its worker

INGEST_SCHEMA = ("item LONG, record LONG, read INT, article_id STRING, origin STRING, source STRING, "
                 "outlet STRING, published STRING, language STRING, title STRING, text STRING, "
                 "failures ARRAY<STRING>, payload STRING")
NLP_SCHEMA = ("seq LONG, article_id STRING, kind STRING, backend STRING, sentences INT, mentions INT, "
              "quotes INT, claims INT, reason STRING, payload STRING")


class SparkEngine:
    """A ``pipeline.Engine`` on Spark; use as a context manager so the session is stopped."""

    def __init__(self, master: str | None = None, work_dir: str | Path = "duiding-spark") -> None:
        self.master = master  # None: spark-submit's master, else local[2]
        where = str(work_dir)
        self.remote = "://" in where  # hdfs://, s3a://: every node reads it; local paths are made absolute
        self.work_dir = where.rstrip("/") if self.remote else str(Path(where).resolve())
        self._spark: Any = None

    @property
    def spark(self) -> Any:
        if self._spark is None:
            scratch = Path(tempfile.gettempdir()) / "duiding-spark" if self.remote else Path(self.work_dir) / "tmp"
            self._spark = session.start(self.master, scratch)
        return self._spark

    def close(self) -> None:
        if self._spark is not None:
            self._spark.stop()
            self._spark = None

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parquet(self, name: str) -> str:
        return f"{self.work_dir}/{name}"

    def has(self, name: str) -> bool:
        """Whether a stage's Parquet exists (a --no-nlp run has no ``nlp``)."""
        try:
            self.spark.read.parquet(self.parquet(name)).schema  # noqa: B018
        except Exception:  # AnalysisException: path does not exist
            return False
        return True

    def stage(self, name: str, rows: Iterable[tuple[Any, ...]], schema: str) -> Any:
        """Rows from the driver as Parquet, written in chunks, read back as a DataFrame.

        ``parallelize`` keeps its whole collection in the driver's JVM heap; article texts for 100k
        articles do not fit in a small driver, so texts go to the executors through Parquet instead.
        """
        mode = "overwrite"
        for chunk in batched(rows, STAGE_CHUNK):
            self.spark.createDataFrame(chunk, schema).write.mode(mode).parquet(self.parquet(name))
            mode = "append"
        return None if mode == "overwrite" else self.spark.read.parquet(self.parquet(name))

    def _slices(self, n: int, per_task: int) -> int:
        cores = self.spark.sparkContext.defaultParallelism
        return max(1, min(n, max(cores, math.ceil(n / per_task))))

    # --- ingest -----------------------------------------------------------------------------

    def prepare(self, items: Sequence[Source | Failure], opts: PrepareOptions,
                batch_size: int) -> Iterator[list[Outcome]]:
        """Read, clean and detect languages on executors; yield outcomes in input order, in store batches."""
        indexed = list(enumerate(items))
        if not indexed:
            return
        rdd = self.spark.sparkContext.parallelize(indexed, self._slices(len(indexed), ARTICLES_PER_INGEST_TASK))
        rows = rdd.mapPartitions(functools.partial(_prepare_partition, opts=opts, batch_size=batch_size))
        self.spark.createDataFrame(rows, INGEST_SCHEMA).write.mode("overwrite").parquet(self.parquet("ingest"))
        yield from batched(read_outcomes(self.spark, self.parquet("ingest")), batch_size)

    # --- language analysis --------------------------------------------------------------------

    def run_jobs(self, jobs: Iterable[Job], workers: int,
                 options: dict[str, str] | None) -> Iterator[Annotation | Failure]:
        """Frog and the enrichments on executors (``workers`` is Spark's cores here); results in job order."""
        n = 0  # counted while staging: jobs may be a one-pass iterator

        def rows() -> Iterator[tuple[Any, ...]]:
            nonlocal n
            for seq, j in enumerate(jobs):
                n += 1
                yield (seq, j.article_id, j.source, j.text, j.language, j.published_start, j.published_end,
                       j.title)

        staged = self.stage("jobs", rows(), "seq LONG, article_id STRING, source STRING, text STRING, "
                                            "language STRING, published_start STRING, published_end STRING, "
                                            "title STRING")
        if staged is None:
            return
        staged = staged.repartitionByRange(self._slices(n, ARTICLES_PER_NLP_TASK), "seq")
        rows_out = staged.rdd.mapPartitions(functools.partial(_analyse_partition, options=options))
        self.spark.createDataFrame(rows_out, NLP_SCHEMA).write.mode("overwrite").parquet(self.parquet("nlp"))
        for row in (self.spark.read.parquet(self.parquet("nlp")).orderBy("seq")
                    .select("article_id", "payload").toLocalIterator()):
            yield nlp_result(row.article_id, row.payload)

    # --- stories ----------------------------------------------------------------------------

    def cluster_events(self, articles: Sequence[Features], idf: dict[str, float],
                       events: list[Event] | None) -> list[Event]:
        """``cluster_events`` per independent time segment on executors, merged into the sequential order."""
        stored = list(events or [])
        cut = plan(articles, stored)
        if cut is None:  # a date that cannot be placed: one sequential pass, on the driver, same function
            return cluster_events(articles, idf, stored)
        if len(cut.segments) < 2:  # nothing to spread: shipping one segment's features would only cost time
            return cluster_events(articles, idf, stored)
        sc = self.spark.sparkContext
        shared = sc.broadcast(idf)
        work = [(k, (seg.events, seg.articles)) for k, seg in enumerate(cut.segments)]
        rdd = sc.parallelize(work, self._slices(len(work), 1))
        results = dict(rdd.mapPartitions(functools.partial(_cluster_partition, idf=shared)).collect())
        merged = merge(stored, [results[k] for k in sorted(results)], {f.id: f for f in articles})
        shared.unpersist()
        return cluster_events(cut.undated, idf, merged) if cut.undated else merged

    def near_duplicates(self, docs: Sequence[Doc]) -> list[Group]:
        """Candidates from Spark ML MinHashLSH over hashed 5-shingles, verified with ``dedup.is_copy``."""
        from pyspark.ml.feature import HashingTF, MinHashLSH
        from pyspark.sql import functions as F

        if not docs:
            return []
        texts = self.stage("texts", ((d.id, d.text) for d in docs), "id STRING, text STRING")
        texts = texts.repartition(self._slices(len(docs), ARTICLES_PER_INGEST_TASK))
        # shingle sets go to Parquet rather than the cache: at 100k articles they outgrow a small heap
        self.spark.createDataFrame(texts.rdd.mapPartitions(_shingle_partition), "id STRING, shingles ARRAY<STRING>"
                                   ).write.mode("overwrite").parquet(self.parquet("shingles"))
        sets = self.spark.read.parquet(self.parquet("shingles"))
        usable = {r.id for r in sets.select("id").collect()}
        if len(usable) < 2:
            return []
        hashed = HashingTF(inputCol="shingles", outputCol="features", numFeatures=HASH_FEATURES,
                           binary=True).transform(sets)
        model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=HASH_TABLES, seed=LSH_SEED)
        hashed = hashed.select("id", "features")
        pairs = (model.fit(hashed).approxSimilarityJoin(hashed, hashed, 1.0, "distance")
                 .select(F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b"))
                 .where(F.col("a") < F.col("b")).distinct())
        left = sets.select(F.col("id").alias("a"), F.col("shingles").alias("sa"))
        right = sets.select(F.col("id").alias("b"), F.col("shingles").alias("sb"))
        candidates = pairs.join(left, "a").join(right, "b").select("a", "b", "sa", "sb")
        verified = candidates.rdd.mapPartitions(_verify_partition)
        edges_df = self.spark.createDataFrame(verified, "a STRING, b STRING, score DOUBLE")
        edges_df.write.mode("overwrite").parquet(self.parquet("duplicate_pairs"))
        edges = [(r.a, r.b, r.score) for r in self.spark.read.parquet(self.parquet("duplicate_pairs")).collect()]
        return group_copies([d for d in docs if d.id in usable], edges)

    # --- results ----------------------------------------------------------------------------

    def write_stories(self, store: Any) -> None:
        """Events, storylines and duplicate groups as Parquet, so a run's results can be loaded elsewhere."""
        from ..store.stories import duplicate_groups, event_articles, events, storylines

        ev = [(e["id"], e["label"], e["start"], e["end"], e["storyline_id"],
               [a["id"] for a in event_articles(store, e["id"])]) for e in events(store)]
        sl = [(s["id"], s["label"], s["start"], s["end"], [e["id"] for e in events(store, s["id"])])
              for s in storylines(store)]
        dup = [(g["id"], g["original"], list(g["articles"]), float(g["similarity"])) for g in duplicate_groups(store)]
        for name, rows, schema in (
                ("events", ev, "id STRING, label STRING, start STRING, end STRING, storyline STRING, "
                               "articles ARRAY<STRING>"),
                ("storylines", sl, "id STRING, label STRING, start STRING, end STRING, events ARRAY<STRING>"),
                ("duplicates", dup, "id STRING, original STRING, articles ARRAY<STRING>, similarity DOUBLE")):
            self.spark.createDataFrame(rows, schema).coalesce(1).write.mode("overwrite").parquet(self.parquet(name))


def read_outcomes(spark: Any, path: str) -> Iterator[Outcome]:
    """The ingest Parquet back as outcomes, in input order (item, then record within it).

    Payloads are JSON records checked field by field (``codec``), never pickles: ``duiding load``
    reads folders other people wrote. A row whose payload is not a valid record becomes that row's
    failure (code ``payload``) and the rest of the run still loads.
    """
    for row in (spark.read.parquet(path).orderBy("item", "record")
                .select("item", "record", "origin", "source", "payload").toLocalIterator()):
        try:
            yield codec.loads(row.payload, Outcome)
        except codec.PayloadError as e:
            origin = row.origin if isinstance(row.origin, str) else f"{path}#item{row.item}.{row.record}"
            source = row.source if isinstance(row.source, str) else path
            yield Outcome(1, None, (Failure(source, origin, e.code, f"{path}: item {row.item} record {row.record}: "
                                                              f"{e}", stage="load"),))


def nlp_result(article_id: str, payload: Any) -> Annotation | Failure:
    """One language-analysis payload back as its record; a bad payload is that article's failure."""
    try:
        result: Annotation | Failure = codec.loads(payload, Annotation | Failure)  # type: ignore[arg-type]
    except codec.PayloadError as e:
        return Failure(source=str(article_id), origin=str(article_id), code=e.code,
                       reason=f"language analysis of {article_id}: {e}", stage="nlp")
    about = result.article_id if isinstance(result, Annotation) else result.origin
    if about != article_id:
        return Failure(source=str(article_id), origin=str(article_id), code="payload",
                       reason=f"language analysis of {article_id}: the payload is for another article", stage="nlp")
    return result


# --- what runs on executors (module-level functions: pickled by reference) --------------------

def _test_kill(stage: str) -> None:
    """Test hook: the first task of ``stage`` to get here SIGKILLs its own Python worker, mid-task."""
    marks = dict(part.split(":", 1) for part in os.environ.get(KILL_HOOK, "").split(",") if ":" in part)
    marker = marks.get(stage)
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)


def _prepare_partition(items: Iterable[tuple[int, Source | Failure]], opts: PrepareOptions,
                       batch_size: int) -> Iterator[tuple[Any, ...]]:
    from ..ingest import read_source

    def keyed() -> Iterator[tuple[tuple[int, int], Any]]:
        for idx, item in items:
            if isinstance(item, Failure):
                yield (idx, 0), item
            else:
                for rec, raw in enumerate(read_source(item, opts.read)):
                    yield (idx, rec), raw

    for batch in batched(keyed(), batch_size):
        outcomes = prepare([raw for _, raw in batch], opts)
        for ((idx, rec), _), o in zip(batch, outcomes, strict=True):
            a = o.article
            yield (idx, rec, o.read, a and a.id, a.origin if a else o.failures[0].origin,
                   a.source if a else o.failures[0].source, a and a.outlet and a.outlet.key,
                   a and a.published and a.published.iso, a and a.language, a and a.title, a and a.text,
                   [f"{f.severity}:{f.code}" for f in o.failures], codec.dumps(o))
        _test_kill("ingest")


def _analyse_partition(rows: Iterable[Any], options: dict[str, str] | None) -> Iterator[tuple[Any, ...]]:
    init_worker()
    for seq, *fields in rows:
        job = Job(*fields)
        r = work(job, options)
        if isinstance(r, Annotation):
            yield (seq, job.article_id, "annotation", r.backend, len(r.sentences), len(r.mentions), len(r.quotes),
                   len(r.claims), None, codec.dumps(r))
        else:
            yield (seq, job.article_id, "failure", None, 0, 0, 0, 0, r.reason, codec.dumps(r))
        _test_kill("nlp")


def _cluster_partition(segments: Iterable[tuple[int, tuple[list[Event], list[Features]]]],
                       idf: Any) -> Iterator[tuple[int, list[Event]]]:
    for k, (events, articles) in segments:
        yield k, cluster_events(articles, idf.value, events)


def _shingle_partition(docs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    for doc_id, text in docs:
        s = shingles(text)
        if len(s) >= MIN_SHINGLES:
            yield doc_id, sorted(s)


def _verify_partition(rows: Iterable[Any]) -> Iterator[tuple[str, str, float]]:
    for r in rows:
        copy, score = is_copy(set(r.sa), set(r.sb))
        if copy:
            yield r.a, r.b, float(score)
