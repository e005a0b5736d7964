"""Storage: the SQLite repository, its migrations and full-text search."""

from .db import BatchResult, Store
from .search import Hit, fts_query, search

__all__ = ["BatchResult", "Hit", "Store", "fts_query", "search"]
