"""What the API serves from: one store, the write policy and the pipeline.

Every store call goes through one lock: the SQLite connection is shared by
the server's worker threads, and one lock keeps a reader from interleaving
with a writer's transaction (SQLite answers these queries in milliseconds,
so serialising them costs little).  The pipeline runs outside the store lock
so a slow article does not stall the dashboard.
"""
from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ..store import Store, open_store

T = TypeVar("T")

ENABLE_WRITES = ("start the server with an API token to enable writes: `marsad serve --token TOKEN` "
                 "or set $MARSAD_API_TOKEN, then send it as `Authorization: Bearer TOKEN`")


class Backend:
    def __init__(self, db: str, token: str | None, read_only: bool):
        self.db = db
        self.store: Store = open_store(db)
        self.token = token or None
        self.read_only = read_only
        self._store_lock = threading.Lock()
        self._pipeline_lock = threading.Lock()
        self._pipeline: Any = None

    @property
    def writes_enabled(self) -> bool:
        return not self.read_only and self.token is not None

    def locked(self, fn: Callable[[Store], T]) -> T:
        with self._store_lock:
            return fn(self.store)

    def write_refusal(self) -> str | None:
        """Why writes are refused on this server, or None when they are allowed."""
        if self.read_only:
            return "this server is read-only; " + ENABLE_WRITES
        if self.token is None:
            return "no API token is configured, so writes are refused; " + ENABLE_WRITES
        return None

    def token_matches(self, given: str | None) -> bool:
        if self.token is None or not given:
            return False
        # compare_digest on bytes: constant time, and non-ASCII input cannot raise
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def process(self, doc: Any) -> Any:
        """Run the default pipeline on ``doc`` (loaded on first use; one article at a time)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import default_pipeline
                self._pipeline = default_pipeline()
            return self._pipeline(doc)

    @property
    def stage_names(self) -> list[str]:
        return list(self._pipeline.names) if self._pipeline is not None else []

    def close(self) -> None:
        with self._store_lock:
            self.store.close()
