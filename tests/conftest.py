"""Shared fixtures: a real SQLite file per test, small Dutch articles written for these tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duiding import Store, load_config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

DUTCH = [
    ("Waterschap sluit dijk bij Venlo af",
     "Het waterschap heeft dinsdag de dijk bij Venlo afgesloten voor verkeer. De Maas staat zo hoog dat "
     "inspecteurs elke drie uur langs de kade lopen.\n\n“We nemen geen enkel risico”, zegt dijkgraaf "
     "Anouk Smeets. Volgens haar zakt het water pas na het weekend."),
    ("Treinen rijden weer na staking",
     "Na een staking van twee dagen rijden de treinen vanaf donderdagochtend weer volgens de normale "
     "dienstregeling. De vakbonden en de NS bereikten woensdagavond een akkoord over de cao.\n\n"
     "Reizigers moeten wel rekening houden met drukte in de eerste uren."),
    ("Gent breidt lage-emissiezone uit",
     "De Gentse gemeenteraad heeft maandag beslist dat de lage-emissiezone vanaf volgend jaar ook de "
     "havenwijken omvat. Oudere dieselwagens mogen daar dan niet meer komen.\n\nDe oppositie noemt de "
     "maatregel asociaal, schepen Karel Declercq spreekt van een noodzakelijke stap."),
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def _postgres_required() -> bool:
    """In CI the PostgreSQL tests must run, so a missing server is a failure there, not a skip."""
    return bool(os.environ.get("CI") or os.environ.get("DUIDING_REQUIRE_POSTGRES"))


@pytest.fixture(scope="session")
def pg_server():
    """Admin URL of a PostgreSQL server for this session: $DUIDING_TEST_POSTGRES, else a private cluster.

    The private cluster (tests/pg.py) is started once per session and removed at the end.
    """
    from .pg import PrivateServer, find_bindir

    why = None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        why = "psycopg is not installed (pip install -e '.[postgres]')"
    if why is None and os.environ.get("DUIDING_TEST_POSTGRES"):
        yield None, os.environ["DUIDING_TEST_POSTGRES"]
        return
    bindir = find_bindir() if why is None else None
    if why is None and bindir is None:
        why = "no PostgreSQL server binaries (initdb, pg_ctl) found: apt-get install postgresql, or set PG_BINDIR"
    if why is not None:
        if _postgres_required():
            pytest.fail(f"PostgreSQL store tests cannot run: {why}")
        pytest.skip(why)
    server = PrivateServer(bindir)
    try:
        url = server.start()
        yield server, url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the session's PostgreSQL server, dropped afterwards."""
    from .pg import create_database, drop_database

    _, admin = pg_server
    url = create_database(admin)
    yield url
    drop_database(admin, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path: Path) -> str:
    """Where a store lives, once per backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as s:
        yield s


@pytest.fixture
def config():
    return load_config(env={})


def write_article(folder: Path, name: str, title: str, body: str, published: str = "2025-01-14T08:00:00+01:00",
                  url: str = "https://nos.nl/artikel/1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n{published}\n{url}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    for i, (title, body) in enumerate(DUTCH):
        write_article(folder, f"{i:02d}.txt", title, body, url=f"https://nos.nl/artikel/{i}")
    return folder


def run_cli(*args: str, cwd: Path | None = None, check: bool = False, env: dict | None = None,
            timeout: float = 300, nlp: bool = False) -> subprocess.CompletedProcess:
    """Run the real console script in a subprocess, as a user would.

    Language analysis (Frog, ~7 s to load per worker) is off unless a test asks for it.
    """
    exe = Path(sys.executable).with_name("duiding")
    full_env = {**os.environ, "COLUMNS": "200", "DUIDING_ANALYSE": "1" if nlp else "0", "DUIDING_REPORTS": "",
                **(env or {})}
    proc = subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=full_env,
                          timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"duiding {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def wait_for_job(client, job_id: str) -> dict:
    """Poll a background ingest job of the web app until it ends (60 s at most)."""
    import time
    deadline = time.time() + 60
    while time.time() < deadline:
        job = client.get(f"/api/ingest/{job_id}").json()["job"]
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError("the ingest job did not finish")
