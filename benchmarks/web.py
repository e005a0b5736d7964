"""Latency of the web UI under load: story pages and search, 20 concurrent clients, a 100k-article store.

The store holds the analysed stories (the seeds from ../shared when present, and the example
corpus, through Frog) plus N generated articles ingested without language analysis (made like
benchmarks/ingest.py makes them), so search runs over the whole archive while the story pages show
real analysed stories. ``duiding serve`` runs in its own process; the load comes from a second
process on loopback: ``wrk`` (Debian's package; C, so the load itself costs the 2-core machine
little) with a Lua script that walks the request list, or, without wrk, asyncio clients in this
process. Either way each client sends its next request when the last one answered (closed loop).

Run: ``python benchmarks/web.py [--articles 100000] [--clients 20] [--requests 1000]
[--workdir DIR] [--store DB] [--tree DIR]``. The store is built once per workdir and reused;
``--tree`` serves with the code of another checkout (its ``src/``), so a branch can be measured
against the installed one on the same store. Prints the first home page's time, a table per
endpoint (requests/s, p50, p95, p99 and max latency) and the server's memory.

Measured 2026-12-02, asyncio clients, 2 cores shared with other work, 300 requests an endpoint,
after bounding search counts (exact to 10,000) and facets (the newest 2,000 matches) and paging
the home page in SQL; before in brackets:
  100k store: home 0.3 s (4.2 s); p95 story page 0.27 s (0.40), search API 0.38 s (0.55),
  search page 0.44 s (0.66)
  1M store (``scale.py --grow``): home 0.1 s (29 s); p95 story page 0.48 s (0.28: unchanged code,
  the machine's load), search API 1.4 s (47 s), search page 0.99 s (80 s)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import ROOT, generate, query_mix

SEEDS = ROOT.parent / "shared" / "seeds"
EXE = Path(sys.executable).with_name("duiding")


def run(*args: str) -> None:
    subprocess.run([str(EXE), *args], check=True, stdout=subprocess.DEVNULL)


def server_env(tree: str | None) -> dict[str, str]:
    """The server's environment: as is (the venv's installed duiding), or importing the one under ``tree``/src."""
    if not tree:
        return dict(os.environ)
    return os.environ | {"PYTHONPATH": str(Path(tree).resolve() / "src")}


def build(work: Path, n: int) -> Path:
    """The benchmark store: analysed stories first, then the bulk archive without NLP (kept between runs)."""
    db = work / f"web-{n}.db"
    done = work / f"web-{n}.done"
    if done.exists() and db.exists():
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    stories = [*sorted(str(p) for p in SEEDS.glob("*.txt")), str(ROOT / "examples" / "corpus")]
    t = time.perf_counter()
    run("analyze", *stories, "--db", str(db), "-q")
    print(f"analysed {len(stories)} story inputs with Frog in {time.perf_counter() - t:.0f} s", flush=True)
    if n:
        data = generate(n, work / f"data-{n}-jsonl", "jsonl")
        t = time.perf_counter()
        run("analyze", str(data), "--db", str(db), "-q", "--no-nlp")
        print(f"ingested {n:,} generated articles in {time.perf_counter() - t:.0f} s", flush=True)
    done.touch()
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def story_urls(base: str) -> list[str]:
    lines = httpx.get(f"{base}/api/storylines", params={"limit": 500}).json()["items"]
    urls = [f"/story/{line['id']}" for line in lines]
    urls += [f"/story/{e}" for line in lines for e in line["events"] if len(line["events"]) > 1]
    return urls


def search_urls(n: int, seed: int = 5) -> list[tuple[str, dict[str, str]]]:
    """The query mix of benchmarks/ingest.py, as API requests."""
    return [("/api/search", {"q": q, **filters, "limit": "20"}) for q, filters in query_mix(n, seed)]


async def load(base: str, requests: list[tuple[str, dict[str, str]]], clients: int) -> tuple[list[float], float, int]:
    """Latencies (ms) of every request, wall seconds, and how many were not 200."""
    queue: asyncio.Queue[tuple[str, dict[str, str]]] = asyncio.Queue()
    for r in requests:
        queue.put_nowait(r)
    times: list[float] = []
    bad = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal bad
        while not queue.empty():
            path, params = queue.get_nowait()
            t = time.perf_counter()
            response = await http.get(path, params=params)
            times.append((time.perf_counter() - t) * 1000)
            bad += response.status_code != 200

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=600) as http:
        await http.get(requests[0][0], params=requests[0][1])  # warm the connection pool's first socket
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return times, time.perf_counter() - started, bad


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("DUIDING_WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
setup = function(thread) thread:set("offset", math.random(#paths)) end
init = function() i = tonumber(wrk.thread:get("offset") or 0) or 0 end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %.3f %d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.duration / 1e6, e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_load(base: str, requests: list[tuple[str, dict[str, str]]], clients: int, seconds: int,
             work: Path) -> tuple[int, float, float, float, float, float, int]:
    """requests, p50, p95, p99, max (ms), wall seconds, errors: from wrk, a C load generator in its own process."""
    paths = work / "wrk-paths.txt"
    paths.write_text("".join(p + ("?" + urlencode(q) if q else "") + "\n" for p, q in requests), encoding="utf-8")
    script = work / "paths.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
                          "-s", str(script), base], capture_output=True, text=True, check=True,
                         env=os.environ | {"DUIDING_WRK_PATHS": str(paths)}).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, p50, p95, p99, worst, wall, errors = line.split()[1:]
    return int(n), float(p50), float(p95), float(p99), float(worst), float(wall), int(errors)


def memory_mb(pid: int) -> tuple[float, float]:
    """Proportional and private memory (MB) of the server and its worker processes, now.

    Not RSS: every read connection maps the store file, and RSS counts the same page-cache pages
    once per mapping (40 threads x a 600 MB file read as 8.7 GB). PSS shares them out fairly.
    """
    pids = [pid, *(int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    pss = private = 0
    for p in pids:
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1])
            elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                private += int(line.split()[1])
    return pss / 1024, private / 1024


def report(name: str, times: list[float], seconds: float, bad: int) -> None:
    times = sorted(times)
    pct = lambda p: times[min(len(times) - 1, int(p * len(times)))]  # noqa: E731
    print(f"{name:<22} {len(times):>6} {len(times) / seconds:>7.1f} {statistics.median(times):>8.1f} "
          f"{pct(0.95):>8.1f} {pct(0.99):>8.1f} {times[-1]:>8.1f} {bad:>5}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="generated articles besides the stories")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=1000, help="requests per endpoint kind")
    ap.add_argument("--seconds", type=int, default=20, help="duration of each wrk run")
    ap.add_argument("--workers", type=int, default=1, help="server processes (duiding serve --workers)")
    ap.add_argument("--python-client", action="store_true", help="use asyncio clients even when wrk is installed")
    ap.add_argument("--workdir", default="/tmp/duiding-bench-web")
    ap.add_argument("--tree", help="serve with the duiding of this checkout (its src/), e.g. a worktree, "
                                   "instead of the venv's installed one")
    ap.add_argument("--store", help="serve this existing store instead of building one (e.g. the 1M store of "
                                    "`scale.py --grow`: its articles are generated, its stories made without Frog)")
    args = ap.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    db = Path(args.store) if args.store else build(work, args.articles)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(EXE), "serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=server_env(args.tree))
    try:
        deadline = time.time() + 60
        while True:
            try:
                httpx.get(base + "/api/storylines", timeout=2)
                break
            except httpx.TransportError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        t = time.perf_counter()
        home = httpx.get(base + "/", timeout=600).status_code
        print(f"home page (every storyline and its articles, read once): {time.perf_counter() - t:.1f} s ({home})",
              flush=True)
        stories = story_urls(base)
        rng = random.Random(1)
        story_requests: list[tuple[str, dict[str, str]]] = [(rng.choice(stories), {}) for _ in range(args.requests)]
        searches = search_urls(args.requests)
        pages = [("/search", {k: v for k, v in p.items() if k != "limit"}) for _, p in search_urls(args.requests, 9)]
        described = "an existing store" if args.store else f"{args.articles:,} generated articles + stories"
        print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB, {described}; "
              f"{len(stories)} story pages); {args.clients} concurrent clients; {os.cpu_count()} cores")
        print(f"{'endpoint':<22} {'reqs':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
              f"{'non200':>5}")
        asyncio.run(load(base, story_requests[:50] + searches[:50], args.clients))  # warm-up, not reported
        use_wrk = shutil.which("wrk") and not args.python_client
        print(f"load: {'wrk (second process)' if use_wrk else 'asyncio httpx clients in this process'}")
        for name, requests in (("story page", story_requests), ("search API", searches), ("search page", pages)):
            if use_wrk:
                n, p50, p95, p99, worst, wall, bad = wrk_load(base, requests, args.clients, args.seconds, work)
                print(f"{name:<22} {n:>6} {n / wall:>7.1f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {worst:>8.1f} "
                      f"{bad:>5}", flush=True)
            else:
                times, seconds, bad = asyncio.run(load(base, requests, args.clients))
                report(name, times, seconds, bad)
        pss, private = memory_mb(server.pid)
        print(f"server memory after the runs: PSS {pss:.0f} MB, private {private:.0f} MB "
              f"({args.workers} worker process{'es' if args.workers > 1 else ''})")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
