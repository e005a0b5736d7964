"""Property-based fuzz of the readers (issue 16): whatever bytes or JSON a file holds, reading it never raises.

Every input becomes articles and/or failure rows; every string that comes out is storable (valid
Unicode, no NUL, which PostgreSQL refuses), and the whole batch then goes through ``prepare`` (cleaning,
dates, outlets, language detection) without an exception. Real files in a temporary folder, the real
readers; hypothesis shrinks any counterexample to a small file. It found two crashes when written: a
record whose url is ``[`` (``urlsplit`` raised ValueError) and a carriage return in a CSV header.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duiding.ingest import OutletTable, Overrides, ReadOptions, Source, read_source
from duiding.pipeline import PrepareOptions, prepare
from duiding.records import Failure, RawArticle

EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ""]
OPTIONS = ReadOptions(fetch=False, max_bytes=5_000_000)
PREPARE = PrepareOptions(OPTIONS, OutletTable(), Overrides(), ("de", "en", "nl"), 40)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# Fragments real inputs are made of, so that the fuzz reaches past the first parse error.
PIECES = st.sampled_from([b"<html>", b"<body>", b"<p>", b"</p>", b"<?xml version='1.0'?>", b"<rss><channel><item>",
                          b"<title>", b"<![CDATA[", b"{", b"}", b"[", b"]", b'"text":', b'"title":', b",", b"\n",
                          b'"', b"text,title\n", b";", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9",
                          b"\xc3\xa9", b"2024-06-19T10:00+99:99", b"Het waterschap sluit de dijk bij Venlo. ",
                          b"&amp;", b"&#0;", b"\r\n", b"\\u0000", b"\\ud800"])
BYTES = st.one_of(st.binary(max_size=400),
                  st.lists(st.one_of(PIECES, st.binary(max_size=8)), max_size=60).map(b"".join))

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=60), st.sampled_from(["", "Het waterschap sluit de dijk bij Venlo af.",
                                                                "2024-06-19", "nos.nl", "nl", "\x00", "\ud7ff"]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["text", "title", "published", "url", "outlet", "language", "id", "x"]),
                    inner, max_size=5)), max_leaves=20)


def _storable(value: Any) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # no lone surrogates
        assert "\x00" not in value
    elif isinstance(value, dict):
        for k, v in value.items():
            _storable(k)
            _storable(v)


def _read_all(data: bytes, ext: str) -> list[RawArticle | Failure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{ext}"
        path.write_bytes(data)
        items = list(read_source(Source(str(path)), OPTIONS))
    assert items, "every input yields at least an article or a failure"
    for item in items:
        assert isinstance(item, RawArticle | Failure)
        for f in fields(item):
            _storable(getattr(item, f.name))
    outcomes = prepare(items, PREPARE)
    assert len(outcomes) == len(items)
    for o in outcomes:
        for failure in o.failures:
            assert failure.reason and failure.code
        if o.article is not None:
            _storable(o.article.text)
            _storable(o.article.title or "")
    return items


@FUZZ
@given(data=BYTES, ext=st.sampled_from(EXTENSIONS))
def test_any_bytes_in_any_kind_of_file_is_read_without_an_exception(data: bytes, ext: str) -> None:
    _read_all(data, ext)


@FUZZ
@given(value=JSON_VALUES, lines=st.booleans())
def test_any_json_is_articles_or_failure_rows(value: Any, lines: bool) -> None:
    if lines:
        data = (json.dumps(value) + "\n" + json.dumps({"text": "Een tweede regel met genoeg tekst erin."}) + "\n")
        items = _read_all(data.encode("utf-8", "surrogatepass"), ".jsonl")
        assert any(isinstance(i, RawArticle) and i.body.startswith("Een tweede regel") for i in items)  # goes on
    else:
        _read_all(json.dumps(value).encode("utf-8", "surrogatepass"), ".json")


@FUZZ
@given(depth=st.integers(1, 3000), ext=st.sampled_from([".json", ".jsonl"]))
def test_json_nested_at_any_depth_is_read_without_an_exception(depth: int, ext: str) -> None:
    _read_all(('{"text": ' + "[" * depth + "]" * depth + "}\n").encode(), ext)


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_any_csv_is_articles_or_failure_rows(rows: list[list[str]], delimiter: str) -> None:
    text = "text" + delimiter + "title\n" + "".join(delimiter.join(r) + "\n" for r in rows)
    _read_all(text.encode("utf-8", "surrogatepass"), ".csv")
