"""The Spark engine gives the local engine's answers: identity, a killed worker, bad input, loading Parquet.

Real pyspark in local mode and real Frog, through the real CLI. Each ``duiding analyze --engine
spark`` starts its own session (~5 s) and its workers load Frog once each; the module runs four
Spark analyses and one load, about two and a half minutes on two cores.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from duiding import Store

from .conftest import ROOT, SHARED, run_cli

pytest.importorskip("pyspark", reason="the spark extra is not installed")
if not shutil.which("java"):
    pytest.skip("Java is not installed (openjdk-17-jre-headless)", allow_module_level=True)

pytestmark = pytest.mark.slow

CORPUS = ROOT / "examples" / "corpus"
SEEDS = SHARED / "seeds"
SPARK_TIMEOUT = 400


def _inputs() -> list[str]:
    seeds = sorted(str(p) for p in SEEDS.glob("*") if p.suffix in (".txt", ".html")) if SEEDS.is_dir() else []
    return [str(CORPUS), *seeds]


def _analyze(tmp: Path, name: str, *extra: str, env: dict | None = None, nlp: bool = True) -> Path:
    """Analyse the inputs into tmp/name.db and return its JSON export."""
    db = tmp / f"{name}.db"
    run_cli("analyze", *_inputs(), "--db", str(db), "-q", *extra, cwd=tmp, check=True, nlp=nlp, env=env,
            timeout=SPARK_TIMEOUT)
    return _export(db)


def _export(db: Path) -> Path:
    out = db.with_suffix(".json")
    run_cli("export", "--db", str(db), "--format", "json", "-o", str(out), check=True)
    return out


def _doc(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="module")
def local_export(work: Path) -> Path:
    return _analyze(work, "local")


@pytest.fixture(scope="module")
def spark_export(work: Path) -> Path:
    return _analyze(work, "spark", "--engine", "spark", "--parquet", str(work / "parquet"))


def test_spark_engine_gives_the_local_engines_export(local_export: Path, spark_export: Path) -> None:
    local, spark = _doc(local_export), _doc(spark_export)
    assert len(local["articles"]) >= 13 and local["events"] and local["duplicates"] and local["quotes"]
    for key in local:  # nothing in the export differs between runs (no run ids or timestamps), so no normalising
        assert spark[key] == local[key], key


def test_the_seeds_were_part_of_the_comparison(local_export: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here: the identity test ran on the example corpus only")
    sources = {Path(a["source"]).name for a in _doc(local_export)["articles"]}
    assert {"a1-1limburg-maas-stijgt.txt", "b4-rtlnieuws-spoorstaking-verloop.html"} <= sources


def test_every_stage_left_parquet(spark_export: Path, work: Path) -> None:
    for stage in ("ingest", "nlp", "duplicate_pairs", "events", "storylines", "duplicates"):
        assert list((work / "parquet" / stage).glob("*.parquet")), stage


def test_loading_the_parquet_into_a_fresh_store_twice_gives_the_same_export(spark_export: Path, work: Path) -> None:
    db = work / "loaded.db"
    first = run_cli("load", str(work / "parquet"), "--db", str(db), check=True, timeout=SPARK_TIMEOUT)
    stored = re.search(r"stored \(new articles\)\D+(\d+)", first.stdout)
    assert stored and int(stored.group(1)) == len(_doc(spark_export)["articles"]), first.stdout
    with Store(db) as store:
        counts = [store.count(t) for t in ("articles", "publications", "failures")]
    run_cli("load", str(work / "parquet"), "--db", str(db), check=True, timeout=SPARK_TIMEOUT)
    with Store(db) as store:
        assert [store.count(t) for t in ("articles", "publications", "failures")] == counts
    assert _doc(_export(db)) == _doc(spark_export)
    missing = run_cli("load", str(work / "nothing-here"), "--db", str(db))
    assert missing.returncode == 2 and "no Spark run here" in missing.stderr


def test_a_worker_killed_mid_task_is_retried_with_nothing_lost_or_doubled(local_export: Path, work: Path) -> None:
    ingest_mark, nlp_mark = work / "killed-ingest", work / "killed-nlp"
    env = {"DUIDING_SPARK_TEST_KILL": f"ingest:{ingest_mark},nlp:{nlp_mark}"}
    export = _analyze(work, "killed", "--engine", "spark", "--master", "local[2,3]",
                      "--parquet", str(work / "parquet-killed"), env=env)
    assert ingest_mark.is_file() and nlp_mark.is_file()  # a Python worker really died in each stage
    assert _doc(export) == _doc(local_export)
    with Store(work / "killed.db") as store:
        rows = store.conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        mentions = store.conn.execute(
            "SELECT count(*), count(DISTINCT article_id || ':' || start || ':' || end) FROM mentions").fetchone()
        pending = store.conn.execute("SELECT count(*) FROM articles WHERE nlp_status IS NULL").fetchone()[0]
    assert rows[0] == rows[1] == len(_doc(local_export)["articles"])
    assert mentions[0] == mentions[1] > 0
    assert pending == 0


def test_bad_input_is_a_failure_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[0], folder / "good.txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    found = {}
    for engine in ("local", "spark"):
        db = tmp_path / f"{engine}.db"
        run_cli("analyze", str(folder), "--db", str(db), "-q", "--engine", engine,
                "--parquet", str(tmp_path / "parquet"), cwd=tmp_path, check=True, timeout=SPARK_TIMEOUT)
        with Store(db) as store:
            found[engine] = (store.count("articles"),
                             sorted((Path(f["origin"]).name, f["stage"], f["code"], f["severity"], f["reason"])
                                    for f in store.failures()))
    assert found["spark"] == found["local"]
    assert found["spark"][0] == 1
    assert {(name, code) for name, _, code, _, _ in found["spark"][1]} == {("empty.txt", "empty"),
                                                                           ("plaatje.txt", "binary")}


def test_spark_without_a_java_says_so_in_one_line(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(CORPUS), "--db", str(tmp_path / "x.db"), "--engine", "spark", "-q",
                   env={"PATH": "/nonexistent", "JAVA_HOME": ""}, cwd=tmp_path)
    assert proc.returncode == 2
    assert "needs Java 17" in proc.stderr


def test_a_crafted_run_is_never_unpickled_and_its_bad_rows_are_failures(tmp_path: Path) -> None:
    """Finding 1: ``load`` of a folder whose payloads are pickles ran their code; now each is a ``payload`` failure."""
    import pickle

    from duiding import codec
    from duiding.pipeline import Outcome
    from duiding.records import Article
    from duiding.spark.engine import INGEST_SCHEMA, SparkEngine

    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (exec, (f"open({str(marker)!r}, 'w').write('pwned')",))

    good = Outcome(1, Article("a" * 16, "good.txt", "/in/good.txt", "Een goed artikel over de dijk bij Venlo.",
                              "Dijk", None, None, None, "nl"), ())
    row = (0, 0, 1, None, "/in/evil.txt", "evil.txt", None, None, None, None, None, [])
    with SparkEngine("local[1]", tmp_path / "craft") as engine:
        engine.spark.createDataFrame(
            [(*row[:-1], [], codec.dumps(good)), (1, 0, *row[2:], pickle.dumps(Exploit(), protocol=0).decode())],
            INGEST_SCHEMA).write.parquet(str(tmp_path / "run" / "ingest"))
        engine.spark.createDataFrame([(*row, bytearray(pickle.dumps(Exploit(), protocol=4)))],
                                     INGEST_SCHEMA.replace("payload STRING", "payload BINARY")
                                     ).write.parquet(str(tmp_path / "old" / "ingest"))
    db = tmp_path / "x.db"
    proc = run_cli("load", str(tmp_path / "run"), "--db", str(db), timeout=SPARK_TIMEOUT)
    assert not marker.exists()
    with Store(db) as store:
        assert store.count("articles") == 1
        failures = [(f["code"], f["reason"]) for f in store.failures()]
    assert len(failures) == 1 and failures[0][0] == "payload", failures
    assert "item 1 record 0: payload is not valid JSON" in failures[0][1]
    assert proc.returncode == 0, proc.stderr
    old = run_cli("load", str(tmp_path / "old"), "--db", str(tmp_path / "y.db"), timeout=SPARK_TIMEOUT)
    assert not marker.exists()
    with Store(tmp_path / "y.db") as store:
        [reason] = [f["reason"] for f in store.failures()]
    assert "a pickled payload (from an older duiding, or crafted): refused, since unpickling runs" in reason
    assert old.returncode == 1 and "nothing stored: all 1 inputs failed" in old.stderr, old.stderr
