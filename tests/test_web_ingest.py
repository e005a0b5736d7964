"""Ingest through the web API: uploads are analysed in a job, limited in size, and safe in name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from duiding import Store, load_config
from duiding.web import create_app
from duiding.web.ingest import MAX_UPLOAD_BYTES

from .conftest import DUTCH, wait_for_job

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def client(tmp_path) -> TestClient:
    db = tmp_path / "i.db"
    Store(db).close()
    app = create_app(db, load_config(env={}).with_overrides(analyse=False), token=TOKEN)
    return TestClient(app, base_url="http://127.0.0.1", headers={"Authorization": f"Bearer {TOKEN}"})


def _wait(client: TestClient, job_id: str) -> dict:
    return wait_for_job(client, job_id)


def test_uploaded_files_are_stored_and_failures_reported(client: TestClient) -> None:
    title, body = DUTCH[0]
    article = f"{title}\n2025-01-14\nhttps://nos.nl/x\n\n{body}".encode()
    files = [("files", ("../../stiekem.txt", article, "text/plain")), ("files", ("leeg.txt", b"   ", "text/plain"))]
    job = _wait(client, client.post("/api/ingest", files=files).json()["job"]["id"])
    assert job["status"] == "done" and job["stored"] == 1
    assert [f["code"] for f in job["failures"]] == ["empty"]
    articles = client.get("/api/articles").json()["items"]
    assert [a["source"] for a in articles] == ["stiekem.txt"]  # the base name only: no path from the client


def test_upload_limits_and_bad_requests(client: TestClient) -> None:
    big = ("files", ("groot.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "text/plain"))
    response = client.post("/api/ingest", files=[big])
    assert response.status_code == 413 and response.json()["ok"] is False
    assert client.post("/api/ingest", data={"url": "ftp://x"}).status_code == 422
    assert client.post("/api/ingest").status_code == 400
    assert client.get("/api/ingest/nope").status_code == 404
    assert "Add articles" in client.get("/ingest").text
