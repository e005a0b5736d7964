"""Spark payloads are JSON records checked field by field: a pickle or a crafted record is refused, never run."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from duiding import codec
from duiding.enrich.numbers import Claim
from duiding.enrich.timex import Timex
from duiding.pipeline import Outcome
from duiding.records import (
    Annotation,
    Article,
    Failure,
    Mention,
    Outlet,
    Published,
    Quote,
    Removed,
    Sentence,
    Speaker,
    Token,
)


class _Exploit:
    """What an attacker puts in a Parquet payload: unpickling it writes a file."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self):
        return (exec, (f"open({self.path!r}, 'w').write('pwned')",))


def _annotation() -> Annotation:
    tok = Token(0, 4, "Piet", "piet", "SPEC(deeleigen)", "B-per")
    m = Mention(0, 4, "Piet", "PER", 0, "Piet Jansen")
    q = Quote(10, 20, "we gaan", "direct", Speaker("Piet Jansen", "Piet", 0, 4, None, None, "person"), "after", 0)
    return Annotation("a1", "nl", "frog", (Sentence(0, 30, (tok,)),), (m,), (m,), (q,),
                      (Claim(0, 3, "3 km", 3.0, "km", "distance", None, "distance | x", ("Piet",), 0),),
                      (Timex(0, 5, "maart", "2024-03-01", "2024-03-31", "month", True),), ("unpaired mark",))


def _outcome() -> Outcome:
    art = Article("id1", "a.txt", "/x/a.txt", "Tekst.", "Titel", None, Outlet("nos.nl", "NOS"),
                  Published("2024-06-19", "day", "+02:00"), "nl", (Removed("caption", "Foto: x", 3),), "binnenland")
    return Outcome(1, art, (Failure("a.txt", "/x/a.txt", "date", "no zone", severity="warning"),))


@pytest.mark.parametrize("record", [_outcome(), Outcome(1, None, (Failure("b", "b", "empty", "leeg"),)),
                                    _annotation(), Failure("s", "a1", "crash", "died", stage="nlp")])
def test_every_record_round_trips(record: object) -> None:
    assert codec.loads(codec.dumps(record), type(record)) == record


@pytest.mark.parametrize("protocol", [0, 2, 5])
def test_a_pickled_payload_is_refused_and_never_run(tmp_path: Path, protocol: int) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Exploit(marker), protocol=protocol)
    with pytest.raises(codec.PayloadError) as e:
        codec.loads(bytearray(payload), Outcome)
    assert not marker.exists()
    if protocol:
        assert str(e.value) == ("a pickled payload (from an older duiding, or crafted): refused, since unpickling "
                                "runs code; rerun `duiding analyze --engine spark` to rewrite it")
    else:  # protocol 0 is ASCII: it is read as (invalid) JSON, never unpickled
        assert str(e.value).startswith("payload is not valid JSON")


@pytest.mark.parametrize(("text", "message"), [
    ('{"__record__": "Popen", "args": "id"}', "expected a Outcome record, got 'Popen'"),
    ('{"__record__": "Outcome", "read": "1", "article": null, "failures": []}', "payload.read: expected int, got str"),
    ('{"__record__": "Outcome", "read": 1, "article": null, "failures": [], "x": 1}', "Outcome has no field 'x'"),
    ('{"__record__": "Outcome", "read": 1, "article": null}', "Outcome.failures is missing"),
    ('{"__record__": "Outcome", "read": 1, "article": null, "failures": [NaN]}', "not valid JSON"),
    ("[" * 5000 + "]" * 5000, "payload is nested deeper than any duiding record"),
])
def test_a_crafted_record_is_refused_with_the_field_named(text: str, message: str) -> None:
    with pytest.raises(codec.PayloadError) as e:
        codec.loads(text, Outcome)
    assert message in str(e.value)


def test_a_precision_outside_the_literal_is_refused() -> None:
    good = codec.dumps(_outcome())
    with pytest.raises(codec.PayloadError, match="'hour' is not one of"):
        codec.loads(good.replace('"precision":"day"', '"precision":"hour"'), Outcome)


def test_no_pickle_is_left_in_the_spark_code() -> None:
    spark = Path(codec.__file__).parent / "spark"
    for path in spark.glob("*.py"):
        assert "pickle.loads" not in path.read_text(encoding="utf-8"), path
    assert os.sep  # the folder exists on every platform
