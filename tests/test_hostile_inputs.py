"""Issue 16: inputs an attacker or a careless user gives, each refused or handled with a specific message.

Every test runs the real console script on real files into a real store (SQLite; PostgreSQL where
the finding was PostgreSQL's) and checks that the bad input is one failure row while the good
articles of the same batch are stored.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from duiding import Store

from .conftest import DUTCH, run_cli


def _good(folder: Path, n: int = 2) -> None:
    for i, (title, body) in enumerate(DUTCH[:n]):
        (folder / f"goed{i}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")


def _failures(db: Path | str) -> dict[str, tuple[str, str, str]]:
    with Store(db) as store:
        return {Path(f["origin"].split("#")[0]).name + ("#" + f["origin"].split("#")[1] if "#" in f["origin"] else ""):
                (f["code"], f["severity"], f["reason"]) for f in store.failures()}


def _count(db: Path | str) -> int:
    with Store(db) as store:
        return store.count("articles")


def test_json_nested_1500_deep_is_that_records_failure(tmp_path: Path) -> None:
    """Finding 3: a 3 KB JSON line nested 1,500 deep raised RecursionError and aborted the batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    deep = "[" * 1500 + "]" * 1500
    good = json.dumps({"title": "t", "text": DUTCH[2][1]})
    (folder / "diep.jsonl").write_text(f'{{"text": {deep}}}\n{good}\n', encoding="utf-8")
    (folder / "diep.json").write_text(f'{{"text": "x", "meta": {deep}}}', encoding="utf-8")
    (folder / "middel.json").write_text('{"text": ' + "[" * 300 + "]" * 300 + "}", encoding="utf-8")
    db = tmp_path / "x.db"
    proc = run_cli("analyze", str(folder), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _count(db) == 3  # two .txt and the second line of diep.jsonl
    f = _failures(db)
    assert f["diep.jsonl#1"][:2] == ("record", "error")
    assert f["diep.jsonl#1"][2] == "diep.jsonl line 1: JSON nested too deeply (over 100 levels); not an article record"
    assert f["diep.json"][2] == "diep.json: JSON nested too deeply (over 100 levels); not an article record"
    assert f["middel.json"][2].startswith("middel.json: JSON nested too deeply")


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(tmp_path: Path) -> None:
    """Finding 3: a name with non-UTF-8 bytes raised UnicodeEncodeError in the store write."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    bad = os.fsencode(folder) + b"/caf\xe9.txt"
    fd = os.open(bad, os.O_CREAT | os.O_WRONLY)
    os.write(fd, f"{DUTCH[1][0]}\n\n{DUTCH[1][1]}".encode())
    os.close(fd)
    os.close(os.open(os.fsencode(folder) + b"/leeg\xff.txt", os.O_CREAT | os.O_WRONLY))
    db = tmp_path / "x.db"
    proc = run_cli("analyze", str(folder), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    with Store(db) as store:
        sources = sorted(r[0] for r in store.conn.execute("SELECT source FROM publications"))
    assert "caf\\xe9.txt" in sources and len(sources) == 2
    assert _failures(db)["leeg\\xff.txt"][2] == "leeg\\xff.txt: article body is empty"


def _nul_file(folder: Path) -> Path:
    path = folder / "nul.txt"
    text = f"{DUTCH[2][0]}\n\n{DUTCH[2][1]}\n\n" + "Meer tekst over de zone. " * 400
    path.write_bytes(text.encode() + b"\x00\x00 staart van het bestand.")  # NUL past the first 8 KB
    return path


def test_a_nul_past_the_first_8_kb_is_removed_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _nul_file(folder)
    db = tmp_path / "x.db"
    run_cli("analyze", str(folder), "--db", str(db), "-q", check=True)
    with Store(db) as store:
        [text] = [r[0] for r in store.conn.execute("SELECT text FROM articles")]
    assert "\x00" not in text and text.endswith("staart van het bestand.")
    assert _failures(db)["nul.txt"] == ("nul", "warning", "nul.txt: 2 NUL characters removed from the text "
                                                          "(a damaged or partly binary file?)")


def test_a_nul_byte_does_not_abort_a_postgresql_batch(tmp_path: Path, pg_url: str) -> None:
    """Finding 3: on PostgreSQL a NUL past the first 8 KB raised psycopg.DataError and lost the batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    _nul_file(folder)
    (folder / "titel.jsonl").write_text('{"title": "a\\u0000b", "text": "Een tekst met een NUL in de titel, '
                                        'lang genoeg om als artikel te gelden."}\n', encoding="utf-8")
    proc = run_cli("analyze", str(folder), "--db", pg_url, "-q")
    assert proc.returncode == 0, proc.stderr
    assert _count(pg_url) == 4
    with Store(pg_url) as store:
        titles = {r[0] for r in store.conn.execute("SELECT title FROM articles")}
    assert "ab" in titles


# --- finding 5: the environment fails: one line, exit 2 ---------------------------------------------

def _limited(limit: int):
    """A child whose files may not grow past ``limit`` bytes: the write fails as on a full disk."""
    import resource
    import signal

    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return pre


def _cli(*args: str, preexec=None, env: dict | None = None):
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("duiding")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, preexec_fn=preexec, timeout=120,
                          env={**os.environ, "COLUMNS": "200", "DUIDING_ANALYSE": "0", "DUIDING_REPORTS": "",
                               **(env or {})})


def _one_line_exit_2(proc, needle: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("duiding: error:")]
    assert len(lines) == 1 and needle in lines[0], proc.stderr[-2000:]


def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 3)
    db = tmp_path / "vol.db"
    proc = _cli("analyze", str(folder), "--db", str(db), "-q", preexec=_limited(40_000))
    _one_line_exit_2(proc, "cannot write to the store")
    assert "is the disk full? Nothing of the unfinished batch was stored; free space and rerun" in proc.stderr
    ok = _cli("analyze", str(folder), "--db", str(tmp_path / "ruim.db"), "-q")  # with room, the same input is fine
    assert ok.returncode == 0 and _count(tmp_path / "ruim.db") == 3


def test_a_read_only_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import shutil
    import subprocess

    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    db = tmp_path / "ro.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    _good(folder, 3)
    if os.geteuid() == 0:  # root writes through chmod: make the file immutable instead
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(db)]).returncode != 0:
            pytest.skip("cannot make a read-only file as root here")
    else:
        db.chmod(0o444)
        tmp_path.chmod(0o555)
    try:
        proc = _cli("analyze", str(folder), "--db", str(db), "-q")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        else:
            tmp_path.chmod(0o755)
            db.chmod(0o644)
    _one_line_exit_2(proc, "the store cannot be written (a read-only file, folder or mount)")
    assert "not a usable duiding store" not in proc.stderr
    assert _count(db) == 1  # nothing lost


def test_an_unwritable_reports_folder_still_prints_the_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 2)
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    proc = _cli("analyze", str(folder), "--db", str(tmp_path / "x.db"), "-q",
                env={"DUIDING_ANALYSE": "1", "DUIDING_WORKERS": "1",
                     "DUIDING_REPORTS": str(tmp_path / "bestand" / "r")})
    _one_line_exit_2(proc, "reports not written")
    assert "stored (new articles)" in proc.stdout  # the summary came first
    assert "everything above is stored" in proc.stderr
    assert _count(tmp_path / "x.db") == 2


def test_a_50000_character_id_is_a_plain_not_found(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    db = tmp_path / "x.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    proc = _cli("article", "a" * 50_000, "--db", str(db))
    _one_line_exit_2(proc, "no article with id 'aaaa")
    assert len(proc.stderr) < 300 and "pattern too complex" not in proc.stderr


# --- nothing stored: exit 1 ----------------------------------------------------------------------

def test_exit_1_when_every_input_failed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "leeg.txt").write_text("", encoding="utf-8")
    (folder / "ook-leeg.txt").write_text("   ", encoding="utf-8")
    db = tmp_path / "x.db"
    proc = _cli("analyze", str(folder), "--db", str(db), "-q")
    assert proc.returncode == 1
    assert "duiding: nothing stored: all 2 inputs failed (`duiding failures` lists why)" in proc.stderr
    _good(folder, 1)
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0  # one stored: success
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0  # a rerun stores nothing new: fine


# --- finding 8: the rest, each with its own message -------------------------------------------------

def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_frog_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """A kill -9 of analyze left its Frog workers running for up to two minutes."""
    import signal
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 3)
    exe = Path(sys.executable).with_name("duiding")
    proc = subprocess.Popen([str(exe), "analyze", str(folder), "--db", str(tmp_path / "x.db"), "-q", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "DUIDING_ANALYSE": "1", "DUIDING_REPORTS": ""})
    workers: set[int] = set()
    deadline = time.time() + 60
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = {c for c in _children(proc.pid)
                   if b"multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes()} if _children(proc.pid) else set()
        time.sleep(0.2)
    assert workers, "no language-analysis workers started"
    time.sleep(2)  # the workers are past their start-up (loading Frog)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if _alive(w)]
    for w in alive:  # do not leave them behind for the rest of the suite
        os.kill(w, signal.SIGKILL)
    assert not alive, f"workers {alive} outlived their killed parent"


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_fifo_and_an_oversized_stream_are_refused_not_waited_for(tmp_path: Path) -> None:
    """Finding 7: a FIFO hung analyze; max_file_mb was not checked for the streamed .jsonl/.csv."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    os.mkfifo(folder / "pijp.txt")
    os.mkfifo(tmp_path / "pijp.jsonl")
    big = tmp_path / "groot.jsonl"
    big.write_text(json.dumps({"text": DUTCH[1][1]}) + "\n" + json.dumps({"text": "x" * 1_100_000}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "x.db"
    proc = _cli("analyze", str(folder), str(tmp_path / "pijp.jsonl"), str(big), "--db", str(db), "-q",
                env={"DUIDING_MAX_FILE_MB": "1"})
    assert proc.returncode == 0, proc.stderr
    f = _failures(db)
    assert f["pijp.txt"][2].endswith("pijp.txt: not a regular file (a FIFO, socket or device); skipped")
    assert f["pijp.jsonl"][2] == "pijp.jsonl: not a regular file (a FIFO, socket or device)"
    assert f["groot.jsonl"][2] == (f"groot.jsonl: {big.stat().st_size:,} bytes is over the 1,000,000-byte limit "
                                   "(max_file_mb)")
    assert _count(db) == 1


def test_links_that_are_skipped_are_said(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    (folder / "dood.txt").symlink_to(tmp_path / "nergens.txt")
    (folder / "lus.txt").symlink_to(folder / "lus.txt")
    other = tmp_path / "elders"
    other.mkdir()
    _good(other, 2)
    (folder / "map").symlink_to(other)
    db = tmp_path / "x.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    f = _failures(db)
    assert f["dood.txt"][2].endswith("dood.txt: a link to nothing (-> " + str(tmp_path / "nergens.txt") + "); skipped")
    assert "a link loop" in f["lus.txt"][2]
    assert f["map"][:2] == ("skipped", "warning") and "a link to a folder, not followed" in f["map"][2]
    assert _count(db) == 1


def test_an_empty_path_is_an_error_not_the_current_folder(tmp_path: Path) -> None:
    _good(tmp_path, 2)  # what `analyze ""` used to read
    db = tmp_path / "sub" / "x.db"
    db.parent.mkdir()
    proc = _cli("analyze", "", "--db", str(db), "-q")
    assert proc.returncode == 1
    with Store(db) as store:
        [reason] = [f["reason"] for f in store.failures()]
        assert store.count("articles") == 0
    assert reason == "'': an empty path names nothing (give . for the current folder)"


def test_mixed_utf8_and_cp1252_is_decoded_part_by_part_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mix.txt").write_bytes("Café open\n\nHet café van Zoë is weer open. ".encode()
                                     + "De crème brûlée was op, zei de kok in Venlo.".encode("cp1252"))
    db = tmp_path / "x.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    with Store(db) as store:
        [text] = [r[0] for r in store.conn.execute("SELECT text FROM articles")]
    assert "café van Zoë" in text and "crème brûlée" in text and "Ã" not in text
    assert _failures(db)["mix.txt"] == ("encoding", "warning", "mix.txt: UTF-8 with some Windows-1252 bytes "
                                                                "mixed in; each part decoded as what it is "
                                                                "(check the accents)")


def test_utf16_without_a_bom_is_text_not_binary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    title, body = DUTCH[0]
    (folder / "le.txt").write_bytes(f"{title}\n\n{body}".encode("utf-16-le"))
    (folder / "be.txt").write_bytes(f"{DUTCH[1][0]}\n\n{DUTCH[1][1]}".encode("utf-16-be"))
    db = tmp_path / "x.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    assert _count(db) == 2 and _failures(db) == {}


def test_time_zones_out_of_range_or_named_are_handled(tmp_path: Path) -> None:
    from duiding.errors import MalformedDateError
    from duiding.ingest.dates import parse_published

    with pytest.raises(MalformedDateError, match=r"time zone \+99:99 is not a UTC offset"):
        parse_published("2024-06-19T10:00:00+99:99")
    assert parse_published("19 juni 2024 10:00 CEST").iso == "2024-06-19T10:00+02:00"
    assert parse_published("Wed, 19 Jun 2024 10:00:00 CEST").timezone == "+02:00"
    with pytest.raises(MalformedDateError, match="unknown time zone 'XYZ'"):
        parse_published("2024-06-19 10:00 XYZ")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": DUTCH[0][1], "date": "2024-06-19T10:00+99:99"}) + "\n",
                                    encoding="utf-8")
    db = tmp_path / "x.db"
    assert _cli("analyze", str(folder), "--db", str(db), "-q").returncode == 0
    assert _count(db) == 1  # stored, without a date, with the reason
    [(code, severity, reason)] = _failures(db).values()
    assert (code, severity) == ("date", "warning") and "time zone +99:99 is not a UTC offset" in reason


def test_csv_one_bad_row_does_not_drop_the_rest_and_an_unclosed_quote_is_said(tmp_path: Path) -> None:
    from duiding.ingest import tabular

    lines = ["text,title\n", "kort artikel,een\n", "x" * 60 + ",twee\n", "nog een artikel,drie\n"]
    old = tabular.FIELD_LIMIT
    tabular.FIELD_LIMIT = 40
    try:
        out = list(tabular.read_csv(lines, source="a.csv", origin="/a.csv"))
    finally:
        tabular.FIELD_LIMIT = old
    assert [getattr(r, "body", None) for r in out] == ["kort artikel", None, "nog een artikel"]
    assert out[1].reason == "a.csv row 3 (line 3): broken CSV (field larger than field limit (40)); skipped"
    quoted = ["text,title\n", "kort,een\n", '"open quote,twee\n', "nog een,drie\n", "laatste,vier\n"]
    out = list(tabular.read_csv(quoted, source="b.csv", origin="/b.csv"))
    assert out[0].body == "kort"
    assert out[1].reason == ("b.csv row 3: an unclosed quote merges lines 3-5 into one row of 1 of 2 fields; "
                             "not stored (close the quote)")


@pytest.mark.parametrize(("args", "message"), [
    (["--batch-size", "0"], "0 is not in the range 1<=x<=100000"),
    (["--lang", "xx"], "'xx' is not an ISO 639-1 language code"),
])
def test_nonsense_flags_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    _good(tmp_path, 1)
    proc = _cli("analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "-q", *args)
    assert proc.returncode == 2 and message in proc.stderr
    assert not (tmp_path / "x.db").exists() or _count(tmp_path / "x.db") == 0


def test_markdown_reports_escape_html_from_titles() -> None:
    from duiding.report.render import to_markdown

    evil = '<img src=x onerror=alert(1)> & <script>alert(2)</script>'
    report = {"label": evil, "kind": "storyline", "id": "sl1", "start": "2024-06-19", "end": "2024-06-20",
              "articles": [], "outlets": [{"outlet": evil, "articles": [], "words": 3, "speakers": {evil: 1},
                                            "unique": [{"text": evil}]}],
              "summary": [{"text": evil, "outlet": "nos.nl", "published": "2024-06-19", "article": "abc"}],
              "timeline": [], "speakers": {"outlets": [evil], "speakers": [evil], "counts": [[1]]},
              "claim_groups": [], "entities": [{"name": evil, "type": "PER", "articles": 1, "mentions": 1}]}
    md = to_markdown(report)
    assert "<img" not in md and "<script" not in md
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in md
