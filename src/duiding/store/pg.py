"""PostgreSQL behind the same ``store.conn.execute(sql, params)`` the SQLite store offers.

The store's statements are written once for both stores (:mod:`.dialect` says where they
differ: NULL order, aggregates, locking, full-text search) with ``?`` placeholders, and read
``sqlite3.Row``-like rows. :class:`PgConnection` gives psycopg the same surface:

- ``?`` placeholders become psycopg's ``%s`` (and a literal ``%`` becomes ``%%``): the driver's
  parameter style, the one thing adapted; the SQL is passed on as written;
- rows are :class:`Row`: index and key access, ``dict(row)``, unpacking, like ``sqlite3.Row``.

Text columns are declared ``COLLATE "C"`` in the PostgreSQL schema, so ``ORDER BY`` and
``lower()`` behave as in SQLite (code point order, ASCII-only case folding) whatever the
server's locale.

A lost connection (server restarted, network gone) is a :class:`StoreError` that says so; the
next statement outside a transaction reconnects, and the store retries a whole batch, so no
batch is ever half-written (see ``Store.retrying``).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from ..errors import StoreError

try:  # psycopg is the optional extra `postgres`; the SQLite store never needs it
    import psycopg
    from psycopg import errors as pg_errors
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]
    pg_errors = None  # type: ignore[assignment]

URL_PREFIXES = ("postgresql://", "postgres://")


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def display_url(url: str) -> str:
    """host:port/database, never a password, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:  # a malformed URL: say only what kind of store it is
        return "postgresql://…"
    host = info.get("host") or "localhost"
    return f"postgresql://{host}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


# --- rows ---------------------------------------------------------------------------------


class Row(Sequence[Any]):
    """A result row like ``sqlite3.Row``: ``row[0]``, ``row["name"]``, ``dict(row)``, ``a, b = row``."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self._values[self._index[key.lower()]]
            except KeyError:
                raise IndexError(f"No item with that key: {key!r}") from None
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return self._values == other._values and self._index == other._index
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description] if cursor.description else []
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name.lower(), i)  # like sqlite3.Row: the first column of a name wins

    def make(values: Sequence[Any]) -> Row:
        return Row(values, index)

    return make


# --- parameter style -------------------------------------------------------------------------

_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\w+|\s+|.""", re.DOTALL)


@lru_cache(maxsize=2048)
def paramstyle(sql: str) -> str:
    """A statement in psycopg's parameter style: ``?`` placeholders as ``%s`` and a literal ``%`` as ``%%``.

    Only the driver's parameter syntax differs here; the SQL itself is written for both stores
    (``"end"`` quoted, NULL order through ``Dialect.order``) and is passed on unchanged.
    """
    out: list[str] = []
    for tok in _TOKENS.findall(sql):
        if tok == "?":
            out.append("%s")
        elif tok == "%" or (tok.startswith("'") and "%" in tok):
            out.append(tok.replace("%", "%%"))
        else:
            out.append(tok)
    return "".join(out)


# --- the connection -----------------------------------------------------------------------

CONNECTION_LOST = ("lost the connection to PostgreSQL at {where} ({why}); the transaction in progress was "
                   "rolled back, so nothing of it is stored. Run the same command again to resume: what is "
                   "stored already is recognised and not written twice")


def _is_connection_loss(conn: Any, exc: BaseException) -> bool:
    if psycopg is None or not isinstance(exc, psycopg.OperationalError):
        return False
    return bool(conn is None or conn.closed or conn.broken
                or isinstance(exc, pg_errors.AdminShutdown | pg_errors.CrashShutdown))


class PgConnection:
    """One PostgreSQL connection with the ``sqlite3.Connection`` surface the code base uses.

    Autocommit, like the SQLite store's ``isolation_level=None``: a statement outside
    ``BEGIN``/``COMMIT`` is its own transaction, and ``Store.transaction`` issues ``BEGIN``.
    """

    def __init__(self, url: str, *, readonly: bool = False, reconnect_wait: float = 30.0) -> None:
        if psycopg is None:
            raise StoreError("a postgresql:// store needs psycopg: pip install 'duiding[postgres]'")
        self.url = url
        self.where = display_url(url)
        self.readonly = readonly
        self.reconnect_wait = reconnect_wait
        self._conn: Any = None
        self._in_transaction = False  # after our BEGIN, until COMMIT/ROLLBACK: never reconnect in between
        self._connect(wait=0)

    # connection management

    def _connect(self, wait: float) -> None:
        """Connect, retrying for up to ``wait`` seconds (a restarting server refuses for a moment)."""
        deadline = time.monotonic() + wait
        while True:
            try:
                conn = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory, connect_timeout=10,
                                       application_name="duiding")
                break
            except psycopg.OperationalError as e:
                if time.monotonic() >= deadline:
                    raise StoreError(f"cannot connect to PostgreSQL at {self.where}: {_first_line(e)}") from e
                time.sleep(0.25)
        if self.readonly:
            conn.execute("SET default_transaction_read_only = on")
        conn.execute("SET client_min_messages = warning")  # no NOTICEs about stop-word-only searches
        self._conn = conn

    @property
    def broken(self) -> bool:
        return self._conn is None or self._conn.closed or self._conn.broken

    def reconnect(self, wait: float | None = None) -> None:
        """Drop a broken connection and open a new one, waiting for the server to come back."""
        if self._conn is not None:
            with contextlib.suppress(Exception):  # already gone; nothing to release
                self._conn.close()
        self._conn = None
        self._in_transaction = False
        self._connect(self.reconnect_wait if wait is None else wait)

    def abandon(self) -> None:
        """The transaction died with the connection (the server rolled it back): the next statement may reconnect."""
        self._in_transaction = False

    def _ready(self, sql: str) -> Any:
        """The live connection; reconnects only between transactions, never inside one.

        Reconnecting in the middle of a transaction would run its remaining statements outside
        it, on their own: exactly the partial batch this store promises never to write.
        """
        statement = sql.strip().upper()
        if self.broken:
            if self._in_transaction and not statement.startswith("BEGIN"):
                raise StoreError(CONNECTION_LOST.format(where=self.where, why="connection closed"))
            self.reconnect()
        if statement.startswith("BEGIN"):
            self._in_transaction = True
        elif statement in ("COMMIT", "ROLLBACK"):
            self._in_transaction = False
        return self._conn

    def _lost(self, e: BaseException) -> StoreError:
        return StoreError(CONNECTION_LOST.format(where=self.where, why=_first_line(e)))

    # the sqlite3-like surface

    def execute(self, sql: str, params: Sequence[Any] | None = ()) -> Any:
        conn = self._ready(sql)
        try:
            return conn.execute(paramstyle(sql), tuple(params or ()))
        except psycopg.OperationalError as e:
            if _is_connection_loss(conn, e):
                raise self._lost(e) from e
            raise

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Any:
        conn = self._ready(sql)
        rows = [tuple(p) for p in seq]
        cur = conn.cursor()
        try:
            if rows:
                cur.executemany(paramstyle(sql), rows)
            return cur
        except psycopg.OperationalError as e:
            if _is_connection_loss(conn, e):
                raise self._lost(e) from e
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    @property
    def raw(self) -> Any:
        """The psycopg connection itself, for the store layer's PostgreSQL-only statements."""
        if self.broken and not self._in_transaction:
            self.reconnect()
        return self._conn


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def retryable(exc: BaseException) -> bool:
    """Errors where running the same batch again is the right answer: deadlock, serialization."""
    if pg_errors is None:
        return False
    return isinstance(exc, pg_errors.DeadlockDetected | pg_errors.SerializationFailure)
