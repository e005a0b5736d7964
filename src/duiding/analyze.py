"""``analyze``: ingest, language analysis, entity resolution and stories, as one checked run of stages.

Each stage says what it needs and makes (:mod:`.stage`); the list is checked before any work
starts and then run in order on one context. ``engine`` (default: this machine) runs the heavy
parts; the stages and the store writes are the same whichever engine runs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .config import Config
from .engine import Engine, LocalEngine
from .ingest import Overrides
from .ingest.stage import IngestReport, IngestStage
from .stage import Progress, Stage, StageContext, check_order, run_stages
from .store import Store

if TYPE_CHECKING:
    from .nlp.stage import NlpReport
    from .stories import StoryReport


@dataclass
class AnalyzeReport:
    ingest: IngestReport
    nlp: NlpReport | None = None
    entities: int = 0
    stories: StoryReport | None = None
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds per stage, in the order run


def analysis_stages(analyse: bool) -> list[Stage]:
    """The stages of a run: ingest alone, or ingest, language analysis, entities and stories."""
    if not analyse:
        return [IngestStage()]
    from .enrich.entities import EntityStage
    from .nlp.stage import NlpStage
    from .stories import StoryStage

    return [IngestStage(), NlpStage(), EntityStage(), StoryStage()]


def analyze(paths: Iterable[str], store: Store, config: Config, overrides: Overrides | None = None,
            progress: Progress | None = None, nlp_progress: Progress | None = None,
            engine: Engine | None = None) -> AnalyzeReport:
    """Ingest, then language analysis of what is new, then entity resolution and stories over the whole store."""
    report = AnalyzeReport(ingest=IngestReport(run_id=0))
    context = StageContext(paths, store, config, engine or LocalEngine(), report, overrides, progress, nlp_progress)
    run_stages(analysis_stages(bool(config.analyse)), context)
    return report


def analyse_stored(store: Store, config: Config, report: AnalyzeReport, *, nlp_progress: Progress | None = None,
                   engine: Engine | None = None) -> AnalyzeReport:
    """The stages after ingest, for whatever the store holds that they have not seen yet (``report`` gets
    their counts). ``analyze`` runs them after reading; ``watch`` after each small batch it stored."""
    stages = analysis_stages(True)
    check_order(stages)
    context = StageContext((), store, config, engine or LocalEngine(), report, None, None, nlp_progress)
    for stage in stages[1:]:  # everything but ingest, which the caller did
        stage.run(context)
    return report
