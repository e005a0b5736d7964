"""The few SQL differences between the SQLite and PostgreSQL stores that are about meaning, not syntax.

Placeholders, the reserved word ``end`` and NULL ordering are translated mechanically for
PostgreSQL (:mod:`.pg`). What remains is here, so a query that must differ says so at the call
site through ``store.dialect`` instead of hiding a string hack: aggregates SQLite has and
PostgreSQL spells differently, how a write transaction starts, and row locks SQLite does not
need because it has one writer at a time.
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

    def group_concat(self, expr: str) -> str:
        """Comma-joined values of ``expr`` (which may start with DISTINCT)."""
        return f"string_agg({expr}, ',')" if self.is_postgres else f"group_concat({expr})"

    def any_value(self, expr: str) -> str:
        """A column neither grouped nor aggregated: SQLite takes one row's value, PostgreSQL wants an aggregate."""
        return f"min({expr})" if self.is_postgres else expr

    def lock_articles(self, n: int) -> str | None:
        """A statement locking ``n`` article rows (ids as parameters) for the rest of the transaction.

        SQLite's BEGIN IMMEDIATE already makes the writer exclusive; PostgreSQL writers run side
        by side, so two processes rewriting the annotations of one article must take turns, or both
        delete nothing and both insert (duplicates). Ordered by id so that batches never deadlock.
        """
        if not self.is_postgres or n == 0:
            return None
        return f"SELECT id FROM articles WHERE id IN ({','.join('?' * n)}) ORDER BY id FOR UPDATE"

    def exclusive(self, name: str) -> str | None:
        """A statement that makes whole-table replacements (entities, stories, claim groups) take turns."""
        if not self.is_postgres:
            return None
        return f"SELECT pg_advisory_xact_lock(hashtext('duiding:{name}'))"


SQLITE = Dialect("sqlite", "BEGIN IMMEDIATE")
POSTGRES = Dialect("postgresql", "BEGIN")
