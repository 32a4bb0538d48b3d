"""Stores: where processed documents live. SQLite is the embedded default, PostgreSQL the shared one."""
from __future__ import annotations

from pathlib import Path

from .base import EventFilter, SearchHit, Store

__all__ = ["EventFilter", "SearchHit", "Store", "open_store"]


def open_store(target: str | Path = "marsad.db") -> Store:
    """Open (creating and migrating if needed) the store at ``target``: a file
    path for SQLite, a ``postgresql://`` URL for PostgreSQL."""
    target = str(target)
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore
        return PostgresStore(target)
    from .sqlite import SQLiteStore
    return SQLiteStore(target)
