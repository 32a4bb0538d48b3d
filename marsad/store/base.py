"""The store interface every backend (SQLite now, PostgreSQL later) implements."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Story

SCHEMA_VERSION = 2


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None  # canonical name or surface text, substring match
    country: str | None = None  # source or target country
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    story: str | None = None
    doc_id: str | None = None
    limit: int = 100
    offset: int = 0


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str | None
    source: str | None  # url or source file
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


class Store(ABC):
    """Documents with their layers, searchable and queryable."""

    @abstractmethod
    def add(self, doc: Document, stages: list[str]) -> str:
        """Store ``doc``; return "added", "updated", "unchanged" or "duplicate".

        The same id with the same content and stages is a no-op; the same
        content under another id is a duplicate and not stored twice."""

    @abstractmethod
    def get(self, doc_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    @abstractmethod
    def iter_layers(self) -> Iterator[dict[str, Any]]:
        """Every stored document as its contract object plus metadata."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    @abstractmethod
    def events(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]: ...

    @abstractmethod
    def actors(self, limit: int = 100) -> list[dict[str, Any]]: ...

    @abstractmethod
    def save_stories(self, stories: list[Story], duplicates: dict[str, str | None]) -> None: ...

    @abstractmethod
    def stories(self, limit: int = 100) -> list[dict[str, Any]]: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def check(self) -> list[str]:
        """Problems found in the store (integrity, schema version, orphan rows); empty when healthy."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
