"""``duiding watch`` against a real feed server on 127.0.0.1 (a threaded ``http.server`` in the test).

The server's feed changes between polls, answers 304 to a matching ``If-None-Match``, breaks
(HTTP 500, then a body that is no feed) and recovers. No test depends on timing: the watcher
polls at a tiny interval and each step waits for a condition (with a generous timeout).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from duiding import Store, load_config
from duiding.errors import InputError
from duiding.watch import Watcher, parse_interval, parse_sources

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60.0  # generous: the machine is shared; every wait ends as soon as its condition holds

SUBJECTS = ["het waterschap", "de gemeenteraad", "de provincie", "het ministerie", "de veiligheidsregio",
            "de rechtbank", "het museum", "de haven"]
VERBS = ["besluit", "onderzoekt", "bespreekt", "meldt", "presenteert", "verwerpt"]
THINGS = ["een nieuw plan voor de dijken", "de kosten van de brug", "een rapport over de luchtkwaliteit",
          "de bouw van woningen", "een tentoonstelling over de zee", "de uitbreiding van de kade"]


def body(n: int, long: bool = True) -> str:
    """A made-up Dutch article, different for each ``n`` (long enough not to be taken for a teaser)."""
    parts = []
    for k in range(12 if long else 1):
        i = n * 7 + k
        parts.append(f"Op dag {n} {VERBS[i % len(VERBS)]} {SUBJECTS[i % len(SUBJECTS)]} "
                     f"{THINGS[(i // 3) % len(THINGS)]}, meldt verslaggever nummer {n}-{k}.")
    return " ".join(parts)


class FeedServer:
    """A feed at /feed.xml and article pages at /page/N; what it serves is changed by the test."""

    def __init__(self) -> None:
        self.items: list[tuple[int, bool]] = []  # (n, whole text in the feed?) newest first
        self.mode = "ok"  # ok | 500 | malformed
        self.hits: Counter[str] = Counter()
        self.not_modified = 0
        self.block_page: int | None = None  # a request for this page waits until `release` is set
        self.release = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None: ...

            def do_GET(self) -> None:
                with server.lock:
                    server.hits[self.path] += 1
                if self.path == "/feed.xml":
                    server._feed(self)
                elif self.path.startswith("/page/"):
                    n = int(self.path.rsplit("/", 1)[1])
                    if n == server.block_page:
                        server.release.wait(WAIT)
                    page = (f"<html><head><title>Bericht {n}</title></head><body><article><h1>Bericht {n}</h1>"
                            f"<p>{body(n)}</p></article></body></html>").encode()
                    server._send(self, 200, page, "text/html; charset=utf-8")
                else:
                    server._send(self, 404, b"not here", "text/plain")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def rss(self) -> bytes:
        entries = []
        for n, whole in self.items:
            text = body(n) if whole else f"Kort: bericht {n}."
            entries.append(f"<item><guid>urn:test:{n}</guid><title>Bericht {n} uit de regio</title>"
                           f"<link>{self.url}/page/{n}</link><pubDate>Tue, 0{1 + n % 9} Jul 2025 08:00:00 +0200"
                           f"</pubDate><description>{text}</description></item>")
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Testkrant</title>'
                f'<language>nl</language>{"".join(entries)}</channel></rss>').encode()

    def _feed(self, h: BaseHTTPRequestHandler) -> None:
        if self.mode == "500":
            self._send(h, 500, b"kapot", "text/plain")
            return
        if self.mode == "malformed":
            self._send(h, 200, b"<<< dit is geen feed &&& <rss", "application/rss+xml")
            return
        data = self.rss()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if h.headers.get("If-None-Match") == etag:
            with self.lock:
                self.not_modified += 1
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        self._send(h, 200, data, "application/rss+xml; charset=utf-8", etag)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, code: int, data: bytes, kind: str, etag: str | None = None) -> None:
        h.send_response(code)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(data)))
        if etag:
            h.send_header("ETag", etag)
        h.end_headers()
        h.wfile.write(data)

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for: {what}")


def counts(db: Path) -> tuple[int, int]:
    """(articles, publications), read through a connection of its own (the watcher writes meanwhile)."""
    if not db.exists():
        return 0, 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                conn.execute("SELECT count(*) FROM publications").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0, 0
    finally:
        conn.close()


def test_intervals_and_sources_are_parsed_or_refused(tmp_path: Path) -> None:
    assert parse_interval("90") == 90 and parse_interval("5m") == 300 and parse_interval("2h") == 7200
    with pytest.raises(InputError):
        parse_interval("soms")
    (feed, folder) = parse_sources(["https://example.org/rss@10m", str(tmp_path)], 60)
    assert (feed.location, feed.interval, feed.is_url) == ("https://example.org/rss", 600, True)
    assert (folder.interval, folder.is_url) == (60, False)
    with pytest.raises(InputError, match="neither"):
        parse_sources([str(tmp_path / "nergens")], 60)


@pytest.fixture
def fake_backend(monkeypatch):
    """The test backend of tests/nlp_fakes.py: the analysis is real code, the tagger a fast stand-in."""
    monkeypatch.setenv("DUIDING_BACKEND_NL", "tests.nlp_fakes:FakeBackend")
    monkeypatch.delenv("DUIDING_BACKEND_EN", raising=False)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))


def test_watch_follows_a_feed_that_changes_breaks_and_recovers(tmp_path: Path, server: FeedServer,
                                                               fake_backend) -> None:
    db = tmp_path / "watch.db"
    server.items = [(2, True), (1, True)]
    lines: list[str] = []
    stop = threading.Event()
    config = load_config(env={}).with_overrides(workers=1)
    with Store(db) as store:
        (source,) = parse_sources([f"{server.url}/feed.xml@0.05"], 60)
        watcher = Watcher(store, config, [source], batch_size=2, host_delay=0, max_backoff=0.2, stop=stop,
                          log=lines.append)
        thread = threading.Thread(target=watcher.run, daemon=True)
        thread.start()
        try:
            wait_until(lambda: counts(db)[0] == 2, "the first two entries stored")
            wait_until(lambda: server.not_modified >= 2, "an unchanged feed answered with 304")
            server.items.insert(0, (3, True))  # a new entry on top: the older ones shift down
            wait_until(lambda: counts(db)[0] == 3, "the new entry stored")
            server.mode = "500"
            wait_until(lambda: any(" error: " in line for line in lines), "the HTTP 500 logged as an error")
            server.mode = "malformed"
            wait_until(lambda: any("not a readable RSS/Atom feed" in line for line in lines),
                       "the malformed feed logged as an error")
            server.items.insert(0, (4, True))
            server.mode = "ok"
            wait_until(lambda: counts(db)[0] == 4, "the entry that came while the feed was broken")
            wait_until(lambda: server.not_modified >= 3, "304 again once recovered")
        finally:
            stop.set()
            thread.join(WAIT)
        assert not thread.is_alive()
    assert counts(db) == (4, 4)  # each article once, under one origin: nothing doubled by the shifting feed
    with Store(db) as store:
        origins = sorted(p["origin"] for a in store.articles() for p in store.publications(a["id"]))
        assert origins == [f"{server.url}/feed.xml#urn:test:{n}" for n in (1, 2, 3, 4)]
        analysed = store.conn.execute("SELECT count(*) FROM articles WHERE nlp_status = 'done'").fetchone()[0]
        placed = store.conn.execute("SELECT count(*) FROM event_articles").fetchone()[0]
        assert (analysed, placed) == (4, 4)  # analysed batch by batch, each article in an event
        state = store.conn.execute("SELECT errors, etag FROM watch_sources").fetchone()
        assert state[0] == 0 and state[1]  # back-off reset by the good poll, its validator kept
    assert all(" poll " in line for line in lines)
    assert any(" 304 not modified " in line for line in lines)
    assert any("backing off" in line for line in lines)
    assert server.hits["/page/1"] == 0  # whole entries are not followed to their pages


def test_a_watched_folder_reads_new_and_changed_files_once(tmp_path: Path, config, store_target: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Bericht een\n2025-07-01\n\n{body(1)}\n", encoding="utf-8")
    lines: list[str] = []
    with Store(store_target) as store:
        (source,) = parse_sources([str(folder)], 60)

        def poll_once() -> None:
            Watcher(store, config, [source], settle=0, analyse=False, log=lines.append).run(once=True)

        poll_once()
        assert store.count("articles") == 1
        poll_once()  # nothing changed: the file is not read again
        assert "new=0 seen=1" in lines[-1]
        (folder / "b.txt").write_text(f"Bericht twee\n2025-07-02\n\n{body(2)}\n", encoding="utf-8")
        poll_once()
        assert store.count("articles") == 2 and "new=1 seen=1" in lines[-1]
        assert store.count("publications") == 2
    with Store(store_target) as store:  # the state survives a restart: a new watcher reads nothing again
        Watcher(store, config, [source], settle=0, analyse=False, log=lines.append).run(once=True)
        assert "new=0 seen=2" in lines[-1]


def _watch_process(db: Path, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), str(ROOT)) if p),
           "DUIDING_REPORTS": ""}
    return subprocess.Popen(
        [sys.executable, "-c", "from duiding.cli import main; main()", "watch", f"{url}/feed.xml@0.05",
         "--db", str(db), "--batch-size", "1", "--host-delay", "0", "--no-nlp"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_in_the_middle_of_a_poll_loses_and_doubles_nothing(tmp_path: Path, server: FeedServer) -> None:
    db = tmp_path / "watch.db"
    server.items = [(n, False) for n in (5, 4, 3, 2, 1)]  # teasers: each followed to its page
    server.block_page = 3  # the first run hangs on this page, after two entries are committed
    first = _watch_process(db, server.url)
    try:
        wait_until(lambda: server.hits["/page/3"] >= 1 and counts(db)[0] >= 2, "two entries in, the third hanging")
        first.send_signal(signal.SIGKILL)
        first.wait(WAIT)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    assert counts(db)[0] == 2
    server.block_page = None
    server.release.set()
    second = _watch_process(db, server.url)
    try:
        wait_until(lambda: counts(db)[0] == 5, "the restarted watch stores the rest")
        wait_until(lambda: server.not_modified >= 1, "the completed poll's ETag reused")
        second.send_signal(signal.SIGTERM)
        out, errors = second.communicate(timeout=WAIT)
    finally:
        if second.poll() is None:
            second.kill()
    assert second.returncode == 0, errors  # SIGTERM stops cleanly
    assert "SIGTERM" in errors
    assert counts(db) == (5, 5)
    assert server.hits["/page/5"] == 1 and server.hits["/page/4"] == 1  # stored before the kill: not fetched again
    assert server.hits["/page/3"] == 2  # the one in flight when killed: fetched again
    assert all(" poll " in line for line in out.splitlines())
    with Store(db) as store:
        assert store.conn.execute("SELECT count(DISTINCT origin) FROM publications").fetchone()[0] == 5
