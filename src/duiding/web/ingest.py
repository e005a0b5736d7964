"""Ingest from the browser: uploaded files (or a feed/page URL) are analysed in a background job.

One job writes at a time (SQLite has one writer; readers keep working through WAL). Uploads are
limited in size and saved under a private temporary folder with their base name only, so a
crafted file name cannot write anywhere else. Progress and per-file failures are kept per job,
in memory and in a small JSON file per job (in a folder named for the store), so that with
``duiding serve --workers N`` any worker process can answer "how far is job X", whichever started it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..store import Store

MAX_UPLOAD_BYTES = 20_000_000


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued | running | done | failed
    total: int = 0
    done: int = 0
    stored: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _JobProgress:
    def __init__(self, job: Job, save: Any) -> None:
        self.job, self.save = job, save

    def begin(self, total: int) -> None:
        self.job.total = total
        self.save(self.job)

    def advance(self, n: int, *, stored: int, failed: int) -> None:
        self.job.done += n
        self.job.stored = stored
        self.save(self.job)

    def end(self) -> None:
        pass


class Ingestor:
    def __init__(self, db: str | Path, config: Config) -> None:
        self.db, self.config = str(db), config
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        key = hashlib.sha1(str(Path(self.db).resolve()).encode()).hexdigest()[:12]
        self.folder = Path(tempfile.gettempdir()) / f"duiding-jobs-{key}"

    def job(self, job_id: str) -> Job | None:
        """A job of this process, else one another worker process of the same store started."""
        if job_id in self.jobs:
            return self.jobs[job_id]
        if not job_id.isalnum():  # the id names a file: no separators, no ".."
            return None
        try:
            return Job(**json.loads((self.folder / f"{job_id}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def _save(self, job: Job) -> None:
        self.folder.mkdir(exist_ok=True)
        tmp = self.folder / f".{job.id}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(job.as_dict(), ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.folder / f"{job.id}.json")  # atomic: a reader sees the old state or the new

    def start(self, files: list[tuple[str, bytes]], urls: list[str]) -> Job:
        job = Job(uuid.uuid4().hex[:12])
        self.jobs[job.id] = job
        self._save(job)
        folder = Path(tempfile.mkdtemp(prefix="duiding-upload-"))
        paths = []
        for name, data in files:
            safe = Path(name).name or "upload.txt"  # no folders, no "..": the base name only
            target = folder / safe
            target.write_bytes(data)
            paths.append(str(target))
        threading.Thread(target=self._run, args=(job, [*paths, *urls]), daemon=True).start()
        return job

    def _run(self, job: Job, inputs: list[str]) -> None:
        from ..pipeline import analyze

        with self.lock:
            job.status = "running"
            try:
                with Store(self.db) as store:
                    report = analyze(inputs, store, self.config, progress=_JobProgress(job, self._save))
                job.stored = report.ingest.stored
                job.failures = [{"input": f.source, "code": f.code, "reason": f.reason, "severity": f.severity}
                                for f in report.ingest.failures]
                job.done = max(job.done, job.total)
                job.status = "done"
            except Exception as e:  # the job reports it; the server goes on
                job.status, job.error = "failed", f"{type(e).__name__}: {e}"
            self._save(job)
