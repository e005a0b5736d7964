"""A private, throwaway PostgreSQL cluster for the tests (and for `scripts/postgres-test-server.sh`).

The PostgreSQL-store tests must run against a real server, not a mock, and must not touch any
server a developer already runs. So the session starts its own cluster: ``initdb`` into a temp
folder (owned by the ``postgres`` user when we are root, because initdb refuses root), listening
on 127.0.0.1 on a free port with trust authentication, fsync off (the data is thrown away). It is
started once per test session (~1 s) and every test gets a fresh database in it.

``DUIDING_TEST_POSTGRES=postgresql://…`` uses that server instead of starting one.

    python -m tests.pg start   # prints the URL and the folder; the server keeps running
    python -m tests.pg stop DIR
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    """The folder with initdb/pg_ctl: $PG_BINDIR, Debian's /usr/lib/postgresql/N/bin (newest), or PATH."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[4]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateServer:
    """One throwaway cluster: start, restart (for fault tests), stop and remove."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="duiding-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [*args]
        if self.as_root:  # initdb and postgres refuse to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)
        if check and proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")
        return proc

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        self._pg_ctl("start")
        return self.url

    def _pg_ctl(self, action: str, *extra: str) -> None:
        opts = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w",
                  "-t", "60", action, *extra)

    def restart(self) -> None:
        """Stop (fast: clients are disconnected, open transactions are rolled back) and start again."""
        self._pg_ctl("restart", "-m", "fast")

    def stop_server(self) -> None:
        self._pg_ctl("stop", "-m", "fast")

    def start_server(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def create_database(admin_url: str, prefix: str = "t") -> str:
    """A fresh, empty database on the server at ``admin_url``; returns its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rpartition("/")[2].split("?")[0]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_up(url: str, timeout: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main(argv: list[str]) -> int:
    if argv[:1] == ["start"]:
        bindir = find_bindir()
        if bindir is None:
            print("no PostgreSQL binaries (initdb) found; apt-get install postgresql", file=sys.stderr)
            return 1
        server = PrivateServer(bindir)
        url = server.start()
        print(f"export DUIDING_TEST_POSTGRES={url}")
        print(f"# stop with: python -m tests.pg stop {server.dir}")
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        bindir = find_bindir()
        folder = Path(argv[1])
        if bindir and (folder / "data").exists():
            cmd = [str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]
            if os.geteuid() == 0:
                cmd = ["runuser", "-u", "postgres", "--", *cmd]
            subprocess.run(cmd, check=False)
        shutil.rmtree(folder, ignore_errors=True)
        return 0
    print("usage: python -m tests.pg start | stop DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
