"""PostgreSQL backend (``--db postgresql://user@host/dbname``): the SQLite
store's schema, queries and behaviour on a server that many machines can
write to at once.

Full-text search uses PostgreSQL's own tools over the same variant-aware
terms as SQLite (:mod:`marsad.store.search`): a tsvector per document in the
'simple' configuration (the terms are already folded, so no stemming or stop
words), a GIN index, and a table of every indexed lexeme that query words are
expanded against by edit distance.

Each write is one transaction that first takes advisory locks on the
document's id and content hash, so two machines ingesting the same article
can neither lose nor duplicate it; rows shared between documents (actors,
terms) are inserted in sorted order with ON CONFLICT DO NOTHING, and a
deadlock or serialisation failure is retried.

psycopg (v3) is imported only when a PostgreSQL store is opened:
``pip install 'marsad[postgres]'``.
"""
from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..model import Document
from . import search as fts
from .base import SCHEMA_VERSION
from .sql import POSTGRES, Executor, SQLStore, migration_statements

T = TypeVar("T")
_MIGRATIONS = ["postgres_001_init.sql", "postgres_002_event_type_date.sql"]
_MIGRATION_LOCK = 0x6D61727361640001  # "marsad" + 1: one migrating process at a time
INSTALL_HINT = "PostgreSQL stores need the psycopg driver: pip install 'marsad[postgres]' (or 'psycopg[binary]')"


def _driver() -> Any:
    try:
        import psycopg
    except ImportError:
        raise RuntimeError(INSTALL_HINT) from None
    return psycopg


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _lock_key(kind: str, value: str) -> int:
    return int.from_bytes(hashlib.sha1(f"marsad:{kind}:{value}".encode()).digest()[:8], "big", signed=True)


class _Cursor:
    """A psycopg cursor that takes the shared ``?`` SQL."""

    def __init__(self, cur: Any) -> None:
        self.cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.cur.execute(POSTGRES.sql(sql), params or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.cur.executemany(POSTGRES.sql(sql), rows)


class PostgresStore(SQLStore):
    dialect = POSTGRES

    def __init__(self, url: str, retries: int = 20):
        psycopg = _driver()
        from psycopg.rows import dict_row

        self.url = url
        self.retries = retries
        self._retryable = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.OperationalError as exc:
            raise RuntimeError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from None
        self._vocab: list[str] | None = None
        self._vocab_mark: Any = None
        self._migrate()

    # -- plumbing -----------------------------------------------------------
    def _write(self, fn: Callable[[Executor], T]) -> T:
        delay = 0.05
        for attempt in range(self.retries):
            try:
                with self.conn.transaction(), self.conn.cursor() as cur:
                    return fn(_Cursor(cur))
            except self._retryable:
                if attempt == self.retries - 1:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.conn.execute(POSTGRES.sql(sql), params or None).fetchall()

    def _migrate(self) -> None:
        def step(db: Executor) -> None:
            db.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS marsad_schema (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM marsad_schema").fetchone()
            version = row["version"] if row else 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"store {redact(self.url)} has schema version {version}, "
                                   f"newer than this marsad ({SCHEMA_VERSION})")
            for name in _MIGRATIONS[version:]:
                for statement in migration_statements(name):
                    db.execute(statement)
            if not row:
                db.execute("INSERT INTO marsad_schema (version) VALUES (?)", (SCHEMA_VERSION,))
            elif version < SCHEMA_VERSION:
                db.execute("UPDATE marsad_schema SET version = ?", (SCHEMA_VERSION,))
        if self._schema_version() != SCHEMA_VERSION:
            self._write(step)

    def _schema_version(self) -> int | None:
        if self._value("SELECT to_regclass('marsad_schema') IS NOT NULL") is not True:
            return None
        return self._value("SELECT max(version) FROM marsad_schema")

    def close(self) -> None:
        self.conn.close()

    # -- full-text index ------------------------------------------------------
    def _lock_document(self, db: Executor, doc_id: str, content_hash: str) -> None:
        # Always in ascending key order, so two writers cannot wait on each other.
        for key in sorted((_lock_key("id", doc_id), _lock_key("content", content_hash))):
            db.execute("SELECT pg_advisory_xact_lock(?)", (key,))

    def _index_search(self, db: Executor, doc: Document, inserted: Any) -> None:
        body = fts.index_terms(doc.text, [t for s in doc.sentences for t in s.tokens] or None)
        db.execute("INSERT INTO documents_search (doc_id, terms) VALUES"
                   " (?, setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?))",
                   (doc.id, fts.index_terms(doc.title or ""), body))
        db.execute("INSERT INTO search_terms (term) SELECT t.lexeme FROM"
                   " unnest((SELECT terms FROM documents_search WHERE doc_id = ?)) AS t"
                   " WHERE NOT EXISTS (SELECT 1 FROM search_terms s WHERE s.term = t.lexeme)"
                   " ORDER BY t.lexeme COLLATE \"C\" ON CONFLICT DO NOTHING", (doc.id,))

    def _unindex_search(self, db: Executor, old: Any) -> None:
        pass  # documents_search rows go with their document (ON DELETE CASCADE)

    def _vocabulary(self) -> list[str]:
        # Reloaded when a term was added anywhere since (by this or another writer).
        mark = self._value("SELECT max(seq) FROM search_terms")
        if self._vocab is None or mark != self._vocab_mark:
            self._vocab = [r["term"] for r in self._rows("SELECT term FROM search_terms")]
            self._vocab_mark = mark
        return self._vocab

    def _search_rows(self, groups: list[list[str]], limit: int) -> list[dict[str, Any]]:
        # Each group: any of its terms (a term is a phrase when the parser splits it).
        query = " && ".join("(" + " || ".join("phraseto_tsquery('simple', ?)" for _ in g) + ")" for g in groups if g)
        params = [t for g in groups for t in g]
        return self._rows(
            f"WITH q AS (SELECT {query} AS query)"
            " SELECT d.id, d.title, d.url, d.source_path, d.text FROM q, documents_search s"
            " JOIN documents d ON d.id = s.doc_id WHERE s.terms @@ q.query"
            " ORDER BY ts_rank(s.terms, q.query) DESC, d.seq LIMIT ?", [*params, limit])

    def check(self) -> list[str]:
        problems = []
        version = self._schema_version()
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        problems += self._layer_problems()
        unindexed = self._value("SELECT count(*) FROM documents d"
                                " WHERE NOT EXISTS (SELECT 1 FROM documents_search s WHERE s.doc_id = d.id)")
        if unindexed:
            problems.append(f"{unindexed} documents missing from the search index")
        return problems
