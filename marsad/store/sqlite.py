"""SQLite backend: one file, WAL mode, FTS5 search, safe for several writers.

Writers take the write lock up front (BEGIN IMMEDIATE) and check for the
document inside that transaction, so two processes ingesting the same
article can neither lose nor duplicate it; a busy database is retried with
backoff instead of surfacing "database is locked" to the user.  The queries
themselves are shared with the other SQL backends (:mod:`marsad.store.sql`).
"""
from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..model import Document
from . import search as fts
from .base import SCHEMA_VERSION
from .sql import Executor, SQLStore, migration_statements

T = TypeVar("T")
_MIGRATIONS = ["sqlite_001_init.sql", "sqlite_002_event_type_date.sql"]


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path, retries: int = 60):
        self.path = str(path)
        self.retries = retries
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self._retry(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._migrate()
        self._vocab: list[str] | None = None

    # -- plumbing -----------------------------------------------------------
    def _retry(self, fn: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(self.retries):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == self.retries - 1:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[Executor], T]) -> T:
        def tx() -> T:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                out = fn(self.db)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return out
        return self._retry(tx)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(sql, params).fetchall()]

    def _migrate(self) -> None:
        def step(db: Executor) -> None:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"store {self.path} has schema version {version}, newer than this marsad ({SCHEMA_VERSION})")
            for n, name in enumerate(_MIGRATIONS[version:], start=version + 1):
                for statement in migration_statements(name):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={n}")
        if self.db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            self._write(step)

    def close(self) -> None:
        self.db.close()

    # -- full-text index ------------------------------------------------------
    def _lock_document(self, db: Executor, doc_id: str, content_hash: str) -> None:
        pass  # BEGIN IMMEDIATE already holds the one write lock

    def _index_search(self, db: Executor, doc: Document, inserted: Any) -> None:
        db.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?,?,?)",
                   (inserted.lastrowid, fts.index_terms(doc.title or ""),
                    fts.index_terms(doc.text, [t for s in doc.sentences for t in s.tokens] or None)))
        self._vocab = None

    def _unindex_search(self, db: Executor, old: Any) -> None:
        db.execute("DELETE FROM documents_fts WHERE rowid=?", (old["row_order"],))

    def _vocabulary(self) -> list[str]:
        if self._vocab is None:
            self._vocab = [r[0] for r in self.db.execute("SELECT term FROM documents_fts_vocab")]
        return self._vocab

    def _search_rows(self, groups: list[list[str]], limit: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT d.id, d.title, d.url, d.source_path, d.text FROM documents_fts f"
            " JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts.fts_query(groups), limit))

    def check(self) -> list[str]:
        problems = []
        result = self.db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity check: {result}")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        problems += self._layer_problems()
        n_fts = self.db.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        n_docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        if n_fts != n_docs:
            problems.append(f"search index has {n_fts} rows for {n_docs} documents")
        unindexed = self.db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                    " (SELECT 1 FROM documents_fts f WHERE f.rowid = d.rowid)").fetchone()[0]
        if unindexed and n_fts == n_docs:  # as many index rows, but some belong to no document
            problems.append(f"{unindexed} documents missing from the search index")
        try:  # FTS5's own check that its index matches its stored terms
            self.db.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index is damaged ({exc})")
        broken = self.db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            tables = sorted({r[0] for r in broken})
            problems.append(f"{len(broken)} rows point at missing rows (foreign keys) in {', '.join(tables)}")
        return problems
