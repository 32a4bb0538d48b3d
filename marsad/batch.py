"""Batch processing: read inputs, run the pipeline, store, and count what happened.

Nothing here raises for a bad input: a file that cannot be read, or a
document a stage fails on, becomes a :class:`Problem` reported to the caller,
and the rest of the batch goes on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Document
from .pipeline import Pipeline
from .store.base import Store


@dataclass(slots=True)
class Problem:
    where: str
    reason: str


@dataclass(slots=True)
class BatchSummary:
    outcomes: Counter[str] = field(default_factory=Counter)  # added / updated / unchanged / duplicate
    problems: list[Problem] = field(default_factory=list)
    sentences: int = 0
    mentions: int = 0
    dates: int = 0
    events: Counter[str] = field(default_factory=Counter)
    quotes: int = 0

    @property
    def kept(self) -> int:
        return sum(self.outcomes.values())

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def line(self) -> str:
        o = self.outcomes
        return (f"{self.kept} documents kept ({o['added']} new, {o['updated']} updated, {o['unchanged']} unchanged, "
                f"{o['duplicate']} duplicates), {self.skipped} skipped")


def process_paths(
    paths: Iterable[str | Path],
    pipeline: Pipeline,
    store: Store | None,
    on_document: Callable[[Document, str], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    default_pub_date: str | None = None,
) -> BatchSummary:
    """Read every input, run ``pipeline`` on each document and store it.
    ``default_pub_date`` dates the articles that carry no publication date of
    their own and have no dateline (plain-text files, mostly)."""
    from .ingest import ReadProblem, iter_documents

    summary = BatchSummary()

    def problem(p: Problem) -> None:
        summary.problems.append(p)
        if on_problem:
            on_problem(p)

    for item in iter_documents([Path(p) for p in paths]):
        if isinstance(item, ReadProblem):
            where = str(item.path) + (f" line {item.line}" if getattr(item, "line", None) else "")
            problem(Problem(where, item.reason))
            continue
        if default_pub_date and not item.pub_date:
            item.meta["default_pub_date"] = default_pub_date
        try:
            doc = pipeline(item)
        except Exception as exc:  # a stage failing on one document must not stop the batch
            problem(Problem(item.source_path or item.id, f"processing failed: {type(exc).__name__}: {exc}"))
            continue
        if not doc.text.strip():
            problem(Problem(item.source_path or item.id, "no article text found"))
            continue
        outcome = store.add(doc, pipeline.names) if store is not None else "added"
        summary.outcomes[outcome] += 1
        if outcome in ("added", "updated"):
            summary.sentences += len(doc.sentences)
            summary.mentions += len(doc.mentions)
            summary.dates += len(doc.dates)
            summary.quotes += len(doc.quotes)
            summary.events.update(e.type for e in doc.events)
        if on_document:
            on_document(doc, outcome)
    return summary


def stored_documents(store: Store) -> list[Document]:
    from .contract import document_from_obj

    return [document_from_obj(obj) for obj in store.iter_layers()]


def update_stories(store: Store) -> int:
    """Re-link near-duplicates and re-group the whole store into stories
    (stories are cross-document, so they follow the pipeline, not inside it).
    Returns the number of stories."""
    from .stories import cluster_documents

    clusterer = cluster_documents(stored_documents(store))
    stories = clusterer.stories()
    store.save_stories(stories, dict(clusterer.duplicate_of))
    return len(stories)


def merged_events(store: Store) -> list[dict]:
    """One record per real-world event across the store's articles, with
    article/outlet counts and every evidence span (copies count once)."""
    from .stories import cluster_documents, merge_events

    docs = stored_documents(store)
    clusterer = cluster_documents(docs)
    return merge_events(docs, duplicates=clusterer.duplicate_of, stories=clusterer.story_of)
