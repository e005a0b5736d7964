"""``duiding serve --workers 2``: two real server processes share one store and its ingest jobs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from duiding import Store

from .conftest import DUTCH

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TOKEN = "workers-test-token-0123456789"


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "w.db"
    Store(db).close()
    port = _free_port()
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), "--workers", "2",
                             "--token", TOKEN],
                            env=os.environ | {"DUIDING_ANALYSE": "0"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            httpx.get(base + "/api/storylines", timeout=2)
            break
        except httpx.TransportError:
            assert time.time() < deadline and proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=20)


def test_any_worker_answers_for_a_job_and_sees_what_it_stored(server: str) -> None:
    title, body = DUTCH[1]
    article = f"{title}\n2025-01-14\nhttps://nos.nl/y\n\n{body}".encode()
    files = [("files", ("a.txt", article, "text/plain"))]
    assert httpx.post(server + "/api/ingest", files=files).status_code == 401  # every worker wants the token
    job = httpx.post(server + "/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"}).json()["job"]
    workers, status = set(), None
    deadline = time.time() + 60
    while time.time() < deadline:
        # a new connection each time, so the kernel spreads the requests over both processes
        response = httpx.get(f"{server}/api/ingest/{job['id']}", headers={"Connection": "close"})
        assert response.status_code == 200, response.text  # whichever worker answers knows the job
        status = response.json()["job"]
        workers.add(response.headers["x-duiding-worker"])
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert status is not None and status["status"] == "done" and status["stored"] == 1
    for _ in range(40):
        response = httpx.get(f"{server}/api/ingest/{job['id']}", headers={"Connection": "close"})
        assert response.json()["job"]["status"] == "done"
        workers.add(response.headers["x-duiding-worker"])
        hits = httpx.get(server + "/api/search", params={"q": title.split()[0]},
                         headers={"Connection": "close"}).json()["items"]
        assert [h["title"] for h in hits] == [title]  # every worker reads the store the job wrote
    assert len(workers) == 2  # both processes answered, so the job state really crossed processes
    assert httpx.get(f"{server}/api/ingest/..%2Fetc", headers={"Connection": "close"}).status_code == 404
