"""Stores: where processed documents live. SQLite is the embedded default."""
from __future__ import annotations

from pathlib import Path

from .base import EventFilter, SearchHit, Store

__all__ = ["EventFilter", "SearchHit", "Store", "open_store"]


def open_store(target: str | Path = "marsad.db") -> Store:
    """Open (creating and migrating if needed) the store at ``target``: a file
    path for SQLite."""
    target = str(target)
    if target.startswith(("postgresql://", "postgres://")):
        raise ValueError("PostgreSQL stores are not supported by this version of marsad; use a SQLite file path")
    from .sqlite import SQLiteStore
    return SQLiteStore(target)
