"""Issue 16, findings 2, 4, 6 and 7: the web server as an attacker meets it.

Real app, real SQLite store, real HTTP servers on loopback for the server-side fetch; each test
first makes the attack, then checks it was refused with a specific message and that nothing was
stored or left behind.
"""

from __future__ import annotations

import http.server
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from duiding import Store, load_config
from duiding.errors import FetchError
from duiding.ingest.fetch import BlockedAddressError, check_public, fetch_bytes
from duiding.web import create_app
from duiding.web.ingest import MAX_UPLOAD_BYTES, safe_name

from .conftest import DUTCH, wait_for_job

TOKEN = "security-test-token-0123456789"
BASE = "http://127.0.0.1"


def _article(i: int) -> bytes:
    title, body = DUTCH[i]
    return f"{title}\n\n{body}".encode()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    Store(path).close()
    return path


def _app(db: Path, **kw):
    return create_app(db, load_config(env={}).with_overrides(analyse=False), token=TOKEN, **kw)


@pytest.fixture
def anonymous(db: Path) -> TestClient:
    return TestClient(_app(db), base_url=BASE)


@pytest.fixture
def writer(db: Path) -> TestClient:
    return TestClient(_app(db), base_url=BASE, headers={"Authorization": f"Bearer {TOKEN}"})


def _wait(client: TestClient, job_id: str) -> dict:
    return wait_for_job(client, job_id)


def _stored(db: Path) -> int:
    with Store(db) as s:
        return s.count("articles")


# --- finding 2: unauthenticated writes, CSRF, Origin, Host ----------------------------------------

def test_a_write_without_the_token_is_refused_and_stores_nothing(anonymous: TestClient, db: Path) -> None:
    r = anonymous.post("/api/ingest", files=[("files", ("a.txt", _article(0), "text/plain"))])
    assert r.status_code == 401
    assert r.json()["error"].startswith("writing needs the server's token: send Authorization: Bearer TOKEN")
    wrong = anonymous.post("/api/ingest", files=[("files", ("a.txt", _article(0)))],
                           headers={"Authorization": "Bearer guessed"})
    assert wrong.status_code == 401 and wrong.json()["error"].startswith("wrong token")
    time.sleep(0.3)
    assert _stored(db) == 0


def test_a_form_on_another_site_cannot_add_articles(anonymous: TestClient, db: Path) -> None:
    """The browser of someone who opened the token link carries the cookie; another site's form does not
    know the CSRF token and is refused by Origin before that."""
    link = anonymous.get(f"/ingest?token={TOKEN}", follow_redirects=False)
    assert link.status_code == 303 and link.headers["location"] == "/ingest"
    assert "httponly" in link.headers["set-cookie"].lower() and "samesite=strict" in link.headers["set-cookie"].lower()
    page = anonymous.get("/ingest").text  # the cookie is now in the client's jar
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    files = [("files", ("a.txt", _article(0), "text/plain"))]
    cross = anonymous.post("/api/ingest", files=files, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    assert cross.json()["error"] == "cross-site request refused: Origin 'https://evil.example' is not this server"
    no_csrf = anonymous.post("/api/ingest", files=files)
    assert no_csrf.status_code == 403
    assert no_csrf.json()["error"].startswith("missing or wrong CSRF token")
    time.sleep(0.3)
    assert _stored(db) == 0
    ok = anonymous.post("/api/ingest", files=files, data={"csrf": csrf}, headers={"Origin": BASE})
    assert ok.status_code == 200, ok.text
    assert _wait(anonymous, ok.json()["job"]["id"])["stored"] == 1
    assert anonymous.get("/ingest?token=nope", follow_redirects=False).status_code == 403


def test_the_ingest_page_shows_no_form_without_the_token(anonymous: TestClient) -> None:
    page = anonymous.get("/ingest").text
    assert 'name="csrf"' not in page and "needs this server's token" in page


def test_a_foreign_host_header_is_refused(anonymous: TestClient, db: Path) -> None:
    """DNS rebinding: evil.example re-pointed at 127.0.0.1 reaches the server with its own Host."""
    r = anonymous.get("/api/articles", headers={"Host": "evil.example"})
    assert r.status_code == 400
    assert r.json()["error"].startswith("Host 'evil.example' is not a name this server answers to")
    assert anonymous.get("/api/articles", headers={"Host": "localhost:8000"}).status_code == 200
    named = TestClient(_app(db, allowed_hosts=["news.example"]), base_url="http://news.example:8000")
    assert named.get("/api/articles").status_code == 200


def test_read_only_mode_has_no_write_routes(db: Path) -> None:
    client = TestClient(_app(db, read_only=True), base_url=BASE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert client.post("/api/ingest", files=[("files", ("a.txt", _article(0)))]).status_code in (404, 405)
    assert client.get("/ingest").status_code == 404
    assert "/api/ingest" not in client.get("/openapi.json").json()["paths"]
    assert client.get("/api/articles").status_code == 200
    assert 'href="/ingest"' not in client.get("/search").text
    assert 'href="/ingest"' in TestClient(_app(db), base_url=BASE).get("/search").text


def test_a_private_server_needs_the_token_to_read(db: Path) -> None:
    client = TestClient(_app(db, private=True), base_url=BASE)
    r = client.get("/api/articles")
    assert r.status_code == 401 and r.json()["error"].startswith("this server is private (--private)")
    assert client.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
    assert client.get("/api/articles").status_code == 200  # the link's cookie


# --- finding 2: server-side fetches ------------------------------------------------------------

class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/x" if "ftp" in self.path else "file:///etc/passwd")
            self.end_headers()
            return
        if self.path.startswith("/slow"):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        body = b"Geheim intern document met genoeg woorden om een artikel te zijn, voor niemand bedoeld."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def internal() -> Iterator[str]:
    _Counting.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_server_does_not_fetch_an_internal_address(writer: TestClient, internal: str, db: Path) -> None:
    job = _wait(writer, writer.post("/api/ingest", data={"url": internal + "/intern.txt"}).json()["job"]["id"])
    assert job["stored"] == 0 and _Counting.hits == []  # not one request reached the internal server
    [failure] = job["failures"]
    assert failure["code"] == "blocked"
    assert failure["reason"] == ("127.0.0.1 resolves to 127.0.0.1, a loopback, private or link-local address: "
                                 "the server does not fetch internal addresses")
    job = _wait(writer, writer.post("/api/ingest", data={"url": "http://localhost:9/x"}).json()["job"]["id"])
    assert job["failures"][0]["code"] == "blocked"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.1.1", "172.16.0.1",
                                  "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::ffff:127.0.0.1", "fe80::1",
                                  "224.0.0.1"])
def test_every_internal_address_is_refused_after_resolution(host: str) -> None:
    with pytest.raises(BlockedAddressError, match="a loopback, private or link-local address"):
        check_public(host, 80)


def test_a_redirect_to_a_non_http_scheme_is_refused(internal: str) -> None:
    with pytest.raises(BlockedAddressError, match=r"redirects to ftp://127.0.0.1/x, which is not http\(s\)"):
        fetch_bytes(internal + "/redirect-ftp")
    with pytest.raises(FetchError, match=r"Redirection to url 'file:///etc/passwd' is not allowed"):
        fetch_bytes(internal + "/redirect")


def test_the_fetch_timeout_bounds_the_whole_download(internal: str) -> None:
    """Finding 7: a server trickling one byte at a time held `analyze` for 83 s with a 15 s timeout."""
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"download took longer than 1 s \(setting fetch_timeout\)"):
        fetch_bytes(internal + "/slow", timeout=1.0)
    assert time.monotonic() - started < 2.5


# --- finding 4 and 6: upload names ------------------------------------------------------------

def test_two_uploads_with_the_same_name_are_both_stored(writer: TestClient, db: Path) -> None:
    files = [("files", ("bericht.txt", _article(0), "text/plain")),
             ("files", ("bericht.txt", _article(1), "text/plain"))]
    job = _wait(writer, writer.post("/api/ingest", files=files).json()["job"]["id"])
    assert job["status"] == "done" and job["stored"] == 2 and job["failures"] == []
    assert _stored(db) == 2


@pytest.mark.parametrize("name", ["..", "a\x00b.txt", "x" * 300 + ".txt", ".", "\\..\\..\\win.txt", "a\nb.txt"])
def test_hostile_upload_names_are_stored_under_a_safe_name(writer: TestClient, db: Path, name: str) -> None:
    r = writer.post("/api/ingest", files=[("files", (name, _article(2), "text/plain"))])
    assert r.status_code == 200, r.text
    job = _wait(writer, r.json()["job"]["id"])
    assert job["status"] == "done" and job["stored"] == 1, job
    with Store(db) as s:
        [source] = [row[0] for row in s.conn.execute("SELECT source FROM publications")]
    assert source.isprintable() and "/" not in source and "\\" not in source and source not in (".", "..")
    assert len(source.encode()) <= 200


def test_safe_name_keeps_ordinary_names() -> None:
    assert safe_name("nieuws.jsonl") == "nieuws.jsonl"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..") == "upload.txt"
    assert safe_name("a\x00b.txt") == "ab.txt" and safe_name("a\nb.txt") == "ab.txt"
    assert safe_name("é" * 300 + ".txt").endswith(".txt") and len(safe_name("é" * 300 + ".txt").encode()) <= 200


# --- finding 7: limits per request, temp files --------------------------------------------------

def test_the_upload_limit_is_per_request(writer: TestClient, db: Path) -> None:
    part = b"a" * (MAX_UPLOAD_BYTES // 2 + 1)  # each under the limit, together over it
    r = writer.post("/api/ingest", files=[("files", ("a.txt", part)), ("files", ("b.txt", part))])
    assert r.status_code == 413
    assert r.json()["error"] in (f"the files of one request add up to more than {MAX_UPLOAD_BYTES:,} bytes; "
                                 "send them in several requests",
                                 f"request body of {len(part) * 2 + 400} bytes is over the limit")
    huge = writer.post("/api/ingest", content=b"x", headers={"Content-Length": str(10 * MAX_UPLOAD_BYTES),
                                                             "Content-Type": "multipart/form-data; boundary=x"})
    assert huge.status_code == 413 and huge.json()["error"].endswith("-byte limit per request")
    assert _stored(db) == 0


def test_upload_temp_folders_are_removed_when_the_job_ends(writer: TestClient) -> None:
    before = set(Path(tempfile.gettempdir()).glob("duiding-upload-*"))
    files = [("files", ("a.txt", _article(0))), ("files", ("leeg.txt", b"  "))]
    _wait(writer, writer.post("/api/ingest", files=files).json()["job"]["id"])
    time.sleep(0.2)
    assert set(Path(tempfile.gettempdir()).glob("duiding-upload-*")) - before == set()


# --- finding 6: bad ids are 4xx with the JSON error shape ----------------------------------------

@pytest.mark.parametrize(("path", "status", "message"), [
    ("/api/articles/_", 404, "no article with id '_'"),
    ("/api/articles/%25", 404, "no article with id '%'"),
    ("/api/articles/" + "a" * 60_000, 404, "no article with id"),
    ("/article/_", 404, "no article with id '_'"),
])
def test_bad_ids_are_4xx_not_5xx(writer: TestClient, db: Path, path: str, status: int, message: str) -> None:
    for n in range(3):  # several articles, so that a wildcard prefix used to match more than one
        _wait(writer, writer.post("/api/ingest", files=[("files", (f"{n}.txt", _article(n)))]).json()["job"]["id"])
    r = writer.get(path)
    assert r.status_code == status
    assert r.json()["ok"] is False and r.json()["error"].startswith(message)


def test_an_ambiguous_id_prefix_is_a_400_that_says_so(writer: TestClient, db: Path) -> None:
    """Finding 6: a prefix of two ids was a 503; 17 articles, so two share a first hex digit."""
    from duiding.ingest import OutletTable, build_article
    from duiding.records import RawArticle

    with Store(db) as s:
        s.write_batch([build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=f"Artikel nummer {i} "
                                                "over de dijk bij Venlo en het hoge water in de Maas."),
                                     OutletTable()).article for i in range(17)], [])
        ids = sorted(row[0] for row in s.conn.execute("SELECT id FROM articles"))
    first = next(a[0] for a, b in itertools.pairwise(ids) if a[0] == b[0])
    r = writer.get(f"/api/articles/{first}")
    assert r.status_code == 400
    assert r.json()["error"] == (f"article id {first!r} is ambiguous: more than one article starts with it; "
                                 "give more characters")
    assert writer.get("/api/articles/" + ids[0][:12]).json()["article"]["id"] == ids[0]


def test_an_overlong_speaker_filter_is_a_4xx(writer: TestClient) -> None:
    r = writer.get("/api/quotes", params={"speaker": "x" * 60_000})
    assert r.status_code in (400, 422) and r.json()["ok"] is False
    r = writer.get("/speaker", params={"name": "%"})
    assert r.status_code == 404 and r.json()["error"] == "no quotes of a speaker called '%'"


# --- finding 2: serve beyond loopback --------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_beyond_loopback_warns_and_prints_the_token(db: Path) -> None:
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--host", "0.0.0.0", "--port", str(_free_port())],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "300", "DUIDING_TOKEN": ""})
    try:
        time.sleep(4)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert "warning: listening on 0.0.0.0: every machine that can reach this one can read the whole store" in err
    assert "writes need the token" in err and "--allowed-host" in err
    token = re.search(r"/ingest\?token=(\S+)", out)
    assert token and len(token.group(1)) >= 24, out


def test_serve_refuses_a_short_token(db: Path) -> None:
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.run([str(exe), "serve", "--db", str(db), "--token", "abc"], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 2 and "a token of fewer than 16 characters is too easy to guess" in proc.stderr


def test_duiding_config_does_not_print_the_token() -> None:
    from duiding.config import describe

    rows = {name: value for name, value, _, _ in describe(load_config(env={"DUIDING_TOKEN": TOKEN}))}
    assert rows["token"] == "(set)" and TOKEN not in str(rows)
