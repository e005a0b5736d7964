"""``duiding serve`` shows new stories as they arrive: a running server, a watched folder, no restart.

A real ``duiding serve`` process on 127.0.0.1 reads a real SQLite store while ``duiding watch``'s own
code (``Watcher``, as the command runs it, here once per step and without Frog) stores and analyses
new files in the same store from this process. After the batch, the server's storyline list, its home
page and the new storyline's page show the new story; the process is the same one throughout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from duiding import Store, load_config
from duiding.watch import Watcher, parse_sources

from .test_incremental import stream
from .test_web_workers import _free_port

pytestmark = pytest.mark.slow


def _write(folder: Path, articles: list) -> None:  # type: ignore[type-arg]
    for a in articles:
        (folder / a.source).write_text(f"{a.title}\n{a.published}\n\n{a.body}\n", encoding="utf-8")


def test_serve_shows_the_stories_a_watched_batch_adds(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "live.db"
    inbox.mkdir()
    articles = stream(160)
    config = load_config(env={"DUIDING_ANALYSE": "0", "DUIDING_REPORTS": ""})
    (source,) = parse_sources([str(inbox)], 60)
    lines: list[str] = []

    def watch_once(store: Store) -> None:
        Watcher(store, config, [source], settle=0, analyse=True, log=lines.append, batch_size=40).run(once=True)

    _write(inbox, articles[:120])
    with Store(db) as store:
        watch_once(store)
        assert store.count("articles") == 120
        assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    port = _free_port()
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            env=os.environ | {"DUIDING_ANALYSE": "0"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                before = httpx.get(base + "/api/storylines", params={"limit": 500}, timeout=5).json()
                break
            except httpx.TransportError:
                assert time.time() < deadline and proc.poll() is None, proc.stderr and proc.stderr.read().decode()
                time.sleep(0.2)
        home_before = httpx.get(base + "/", timeout=10).text
        old_events = {e for line in before["items"] for e in line["events"]}

        _write(inbox, articles[120:])  # the next days' news, with stories of its own
        with Store(db) as store:
            watch_once(store)
            assert store.count("articles") == 160
            new_ids = {r[0] for r in store.conn.execute(
                "SELECT id FROM articles WHERE origin LIKE ?", (f"%{articles[150].source}",))}
        assert "new=40" in lines[-1]

        after = httpx.get(base + "/api/storylines", params={"limit": 500}, timeout=10).json()
        new_events = {e for line in after["items"] for e in line["events"]} - old_events
        assert new_events, "the server lists no event the batch made"
        holding = [e for e in new_events
                   if new_ids & {a["id"] for a in httpx.get(f"{base}/api/events/{e}", timeout=10).json()["articles"]}]
        assert len(holding) == 1  # the new article is in one new event, served without a restart
        line = next(x for x in after["items"] if holding[0] in x["events"])
        assert line["id"] not in {x["id"] for x in before["items"]} or line["n_events"] > next(
            x["n_events"] for x in before["items"] if x["id"] == line["id"])
        home = httpx.get(base + "/", params={"sort": "recent"}, timeout=10).text
        assert home != home_before and line["label"] in home
        page = httpx.get(f"{base}/story/{line['id']}", timeout=30)
        assert page.status_code == 200 and articles[150].title in page.text
        assert proc.poll() is None  # the same server process throughout
    finally:
        proc.terminate()
        proc.wait(timeout=20)
