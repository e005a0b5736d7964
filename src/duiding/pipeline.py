"""The batch runner's public names in one place, for callers that import them from here.

The parts live in modules named for them: the stage contract and the order check in
:mod:`.stage`, the ingest stage in :mod:`.ingest.stage`, the engines in :mod:`.engine`, and the
whole run in :mod:`.analyze`. This module only re-exports them (and imports no stage module at
import time beyond ingest, so nothing imports it back).
"""

from __future__ import annotations

from .analyze import AnalyzeReport, analysis_stages, analyze
from .engine import Engine, LocalEngine
from .ingest.stage import (
    IngestReport,
    IngestStage,
    Outcome,
    PrepareOptions,
    estimate_records,
    ingest,
    prepare,
    raw_items,
    store_outcomes,
)
from .stage import Progress, Silent, Stage, StageContext, batched, check_order, run_stages

__all__ = ["AnalyzeReport", "Engine", "IngestReport", "IngestStage", "LocalEngine", "Outcome", "PrepareOptions",
           "Progress", "Silent", "Stage", "StageContext", "analysis_stages", "analyze", "batched", "check_order",
           "estimate_records", "ingest", "prepare", "raw_items", "run_stages", "store_outcomes"]
