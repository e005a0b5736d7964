"""The SQL differences between the SQLite and PostgreSQL stores, said where each statement is built.

Every statement in ``store/`` is written once, in the SQL both read, and asks ``store.dialect``
where they differ: the NULL order of ``ORDER BY`` (:meth:`Dialect.order`: SQLite puts NULLs
first ascending and last descending, PostgreSQL the other way round), aggregates SQLite has and
PostgreSQL spells differently, how a write transaction starts, and row locks SQLite does not
need because it has one writer at a time. The column ``end`` (a reserved word in PostgreSQL) is
written ``"end"``, which both read. What :mod:`.pg` still adapts is the driver's parameter style
alone (``?`` to psycopg's ``%s``), never the SQL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str
    begin: str  # how a write transaction starts

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgresql"

    def order(self, *items: str) -> str:
        """``ORDER BY items`` with SQLite's NULL order on both stores (NULLs first ascending, last descending).

        On SQLite the clause is exactly as written, so its query plans are those it always had.
        """
        if not self.is_postgres:
            return "ORDER BY " + ", ".join(items)
        return "ORDER BY " + ", ".join(
            f"{i} NULLS LAST" if i.split()[-1].upper() == "DESC" else f"{i} NULLS FIRST" for i in items)

    def group_concat(self, expr: str) -> str:
        """Comma-joined values of ``expr`` (which may start with DISTINCT)."""
        return f"string_agg({expr}, ',')" if self.is_postgres else f"group_concat({expr})"

    def any_value(self, expr: str) -> str:
        """A column neither grouped nor aggregated: SQLite takes one row's value, PostgreSQL wants an aggregate."""
        return f"min({expr})" if self.is_postgres else expr

    def id_list(self) -> str:
        """A subquery of the ids in one parameter (made by :meth:`id_list_param`): a long list as one value.

        Facets look up the same few thousand article ids in several statements; one parameter
        keeps each statement short and under SQLite's limit of bound variables.
        """
        return "SELECT unnest(CAST(? AS text[]))" if self.is_postgres else "SELECT value FROM json_each(?)"

    def id_list_param(self, ids: list[str]) -> object:
        if self.is_postgres:
            return list(ids)
        import json

        return json.dumps(ids)

    def lock_articles(self, n: int) -> str | None:
        """A statement locking ``n`` article rows (ids as parameters) for the rest of the transaction.

        SQLite's BEGIN IMMEDIATE already makes the writer exclusive; PostgreSQL writers run side
        by side, so two processes rewriting the annotations of one article must take turns, or both
        delete nothing and both insert (duplicates). Ordered by id so that batches never deadlock.
        """
        if not self.is_postgres or n == 0:
            return None
        return f"SELECT id FROM articles WHERE id IN ({','.join('?' * n)}) {self.order('id')} FOR UPDATE"

    def exclusive(self, name: str) -> str | None:
        """A statement that makes whole-table replacements (entities, stories, claim groups) take turns."""
        if not self.is_postgres:
            return None
        return f"SELECT pg_advisory_xact_lock(hashtext('duiding:{name}'))"


SQLITE = Dialect("sqlite", "BEGIN IMMEDIATE")
POSTGRES = Dialect("postgresql", "BEGIN")
