"""Start a Spark session for duiding, or say clearly why it cannot be started.

pyspark is imported here and only here, lazily, so duiding works without the ``spark`` extra;
asking for ``--engine spark`` without pyspark or without Java is a ConfigError (one line, exit 2).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError

LOCAL_MASTER = "local[2]"
# The driver holds one batch of results at a time, not the corpus; in local mode the executors live in
# the driver's JVM too, so large local runs want more (SPARK_DRIVER_MEMORY=2g; measured in benchmarks/scale.py).
DRIVER_MEMORY = "1g"


def start(master: str | None, scratch: Path, app: str = "duiding") -> Any:
    """A SparkSession on ``master`` (``local[2]``, ``spark://host:7077``, ``yarn``…) with quiet, local settings.

    Without ``master``: what ``spark-submit`` chose when it launched us (it sets PYSPARK_GATEWAY_PORT),
    else ``local[2]``.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise ConfigError("--engine spark needs pyspark: pip install 'duiding[spark]' (and Java 17)") from e
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise ConfigError("--engine spark needs Java 17 (apt install openjdk-17-jre-headless, or set JAVA_HOME)")
    # executors must run this interpreter (the venv with duiding and Frog), unless spark-submit says otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    scratch.mkdir(parents=True, exist_ok=True)
    if master is None and not os.environ.get("PYSPARK_GATEWAY_PORT"):
        master = LOCAL_MASTER
    builder = SparkSession.builder.master(master) if master else SparkSession.builder
    builder = (builder.appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", DRIVER_MEMORY))
               .config("spark.local.dir", str(scratch))
               .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
               .config("spark.python.worker.reuse", "true")  # Frog stays loaded across tasks
               .config("spark.sql.shuffle.partitions", "8"))
    for name, value in os.environ.items():  # backend registry and test hooks are read in the workers
        if name.startswith("DUIDING_"):
            builder = builder.config(f"spark.executorEnv.{name}", value)
    try:
        session = builder.getOrCreate()
    except Exception as e:  # the JVM did not start: no Java, no memory, a bad master URL
        raise ConfigError(f"Spark could not start on {master or 'the spark-submit master'}: {e}") from e
    session.sparkContext.setLogLevel("ERROR")
    return session
