"""Ingest from the browser: uploaded files (or a feed/page URL) are analysed in a background job.

One job writes at a time (SQLite has one writer; readers keep working through WAL). Uploads are
limited in size per request and saved under a private temporary folder (removed when the job
ends), each in its own numbered subfolder under a cleaned base name, so a crafted file name cannot
write anywhere else and two parts with the same name are two inputs, not one overwriting the other.
Progress and per-file failures are kept per job,
in memory and in a small JSON file per job (in a folder named for the store), so that with
``duiding serve --workers N`` any worker process can answer "how far is job X", whichever started it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..store import Store

MAX_UPLOAD_BYTES = 20_000_000  # per request, all files together
MAX_FILES = 200  # files in one request
MAX_NAME_BYTES = 200  # longer names are cut (most file systems stop at 255 bytes)


class UploadError(InputError):
    """An upload that cannot be saved (its name or the server's temporary folder)."""

    code = "upload"


def safe_name(name: str) -> str:
    """The base name of an uploaded file, safe to create in a private folder.

    No folders (``/`` or ``\\``), no ``.``/``..``, no NUL or other control characters (``a\0b.txt``
    was a 500 and a job stuck at "queued"), at most MAX_NAME_BYTES bytes in UTF-8 with the
    extension kept (a 300-character name was ``File name too long``).
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if base.strip(".") == "":
        return "upload.txt"
    stem, dot, ext = base.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = base, ""
    ext_part = f".{ext}" if ext else ""
    room = MAX_NAME_BYTES - len(ext_part.encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore") or "upload"
    return stem + ext_part


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
        """Save the uploads, then queue the job: a file that cannot be saved is an UploadError (400)
        and leaves neither a job nor a temporary file behind."""
        folder = Path(tempfile.mkdtemp(prefix="duiding-upload-")) if files else None
        paths = []
        try:
            for n, (name, data) in enumerate(files):
                assert folder is not None
                target = folder / str(n) / safe_name(name)
                target.parent.mkdir()
                target.write_bytes(data)
                paths.append(str(target))
        except OSError as e:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            raise UploadError(f"upload could not be saved ({e.strerror or e})") from e
        job = Job(uuid.uuid4().hex[:12])
        self.jobs[job.id] = job
        self._save(job)
        threading.Thread(target=self._run, args=(job, [*paths, *urls], folder), daemon=True).start()
        return job

    def _run(self, job: Job, inputs: list[str], folder: Path | None = None) -> None:
        try:
            self._analyse(job, inputs)
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)  # the uploads are in the store now, or failed

    def _analyse(self, job: Job, inputs: list[str]) -> None:
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
