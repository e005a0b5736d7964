"""The Spark engine (``duiding analyze --engine spark``): the same stages, run as Spark jobs.

Nothing here re-implements analysis. ``engine.SparkEngine`` is a ``pipeline.Engine``: it runs
``pipeline.prepare`` (reading, cleaning, language detection), ``nlp.annotate.work`` (Frog and the
enrichments) and ``cluster.cluster_events`` inside ``mapPartitions``, finds near-copy candidates
with Spark ML's ``MinHashLSH`` and verifies them with ``dedup.is_copy``, writes every stage's
results as Parquet, and hands them back to the driver in the order the local engine produces
them, where the store writes are the same functions the local engine calls.

pyspark is an optional extra and is imported only when this engine is used.
"""
