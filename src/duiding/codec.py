"""The pipeline's records as JSON and back, checked field by field: data that can never be code.

Spark stages hand their results to the driver (and ``duiding load`` reads them from a folder that
may come from anyone) as Parquet. Those payloads used to be pickles, and unpickling runs whatever
the file says. Here a payload is JSON whose objects name one of a fixed set of record classes;
decoding builds exactly those dataclasses, checks every field against its type hint and refuses
anything else with a :class:`PayloadError` that says which field was wrong. Nothing in a payload
chooses what code runs.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Literal

from .enrich.numbers import Claim
from .enrich.timex import Timex
from .errors import InputError
from .ingest.stage import Outcome
from .records import Annotation, Article, Failure, Mention, Outlet, Published, Quote, Removed, Sentence, Speaker, Token

TYPE = "__record__"  # the key naming an object's record class
CLASSES: dict[str, type] = {c.__name__: c for c in (
    Outcome, Article, Outlet, Published, Removed, Failure, Annotation, Sentence, Token, Mention, Quote, Speaker,
    Claim, Timex)}
# fields typed ``Any`` in the records, with the class they really hold
ANY_FIELDS: dict[tuple[str, str], type] = {("Annotation", "claims"): Claim, ("Annotation", "timexes"): Timex}
MAX_DEPTH = 12  # the deepest record (Outcome > Article > removed tuple > Removed) is far less


class PayloadError(InputError):
    """A stored payload that is not one of duiding's records (tampered, truncated, or another program's)."""

    code = "payload"


def dumps(record: Any) -> str:
    """One record as compact JSON (tuples as lists, each dataclass tagged with its class name)."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if CLASSES.get(name) is not type(value):
            raise TypeError(f"{name} is not a record the codec knows")
        out: dict[str, Any] = {TYPE: name}
        for f in dataclasses.fields(value):
            out[f.name] = _plain(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def loads(text: str | bytes | bytearray, expected: type) -> Any:
    """Decode a payload that must be an ``expected`` record; a :class:`PayloadError` for anything else."""
    if isinstance(text, bytes | bytearray):
        if bytes(text[:1]) == b"\x80":
            raise PayloadError("a pickled payload (from an older duiding, or crafted): refused, since "
                               "unpickling runs code; rerun `duiding analyze --engine spark` to rewrite it")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise PayloadError(f"payload is not UTF-8 JSON ({e.reason} at byte {e.start})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise PayloadError("payload is nested deeper than any duiding record") from None
    except ValueError as e:
        raise PayloadError(f"payload is not valid JSON: {str(e)[:120]}") from None
    return _build(data, expected, "payload", 0)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(data: Any, hint: Any, where: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise PayloadError(f"{where}: nested deeper than any duiding record")
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        raise PayloadError(f"{where}: untyped value")  # every Any field has an entry in ANY_FIELDS
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        arms = [a for a in args if a is not type(None)]
        tagged = [a for a in arms if isinstance(data, dict) and getattr(a, "__name__", None) == data.get(TYPE)]
        errors = []
        for arm in tagged or arms:
            try:
                return _build(data, arm, where, depth)
            except PayloadError as e:
                errors.append(str(e))
        raise PayloadError(errors[0] if len(errors) == 1 else f"{where}: none of {hint} fits")
    if origin is Literal:
        if data not in args:
            raise PayloadError(f"{where}: {data!r} is not one of {', '.join(map(repr, args))}")
        return data
    if origin is tuple:
        if not isinstance(data, list):
            raise PayloadError(f"{where}: expected a list, got {type(data).__name__}")
        item = args[0]
        return tuple(_build(v, item, f"{where}[{i}]", depth + 1) for i, v in enumerate(data))
    if origin is dict:
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise PayloadError(f"{where}: expected an object of strings")
        return dict(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(data, hint, where, depth)
    check = _SCALARS.get(hint)
    if check is None:
        raise PayloadError(f"{where}: type {hint} is not decodable")
    if not check(data):
        raise PayloadError(f"{where}: expected {hint.__name__}, got {type(data).__name__}")
    return float(data) if hint is float else data


_SCALARS: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: isinstance(v, str),
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    bool: lambda v: isinstance(v, bool),
}


def _record(data: Any, cls: type, where: str, depth: int) -> Any:
    if not isinstance(data, dict):
        raise PayloadError(f"{where}: expected a {cls.__name__} object, got {type(data).__name__}")
    name = data.get(TYPE)
    if name != cls.__name__:
        raise PayloadError(f"{where}: expected a {cls.__name__} record, got {name!r}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = set(data) - set(fields) - {TYPE}
    if unknown:
        raise PayloadError(f"{where}: {cls.__name__} has no field {sorted(unknown)[0]!r}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for fname, f in fields.items():
        if fname not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise PayloadError(f"{where}: {cls.__name__}.{fname} is missing")
            continue
        hint = hints[fname]
        special = ANY_FIELDS.get((cls.__name__, fname))
        if special is not None:
            hint = tuple[special, ...]  # type: ignore[valid-type]
        values[fname] = _build(data[fname], hint, f"{where}.{fname}", depth + 1)
    return cls(**values)
