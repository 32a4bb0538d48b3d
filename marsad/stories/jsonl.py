"""The contract's ``marsad cluster``: JSON lines in, one line out per input.

Input lines: ``{"id", "text", "pub_date", "title", "outlet", "url", "format"}``
(``id`` and ``text`` required; ``text`` is raw HTML when ``"format": "html"``).
Output lines, in input order: ``{"id", "story", "duplicate_of"}``.

Articles are clustered in publication order (input order breaking ties), so
``duplicate_of`` always names an earlier article and the same input always
gives the same story ids.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Document
from ..text.clean import clean_document
from .cluster import StoryClusterer, paused_gc
from .dedup import sorted_by_date


def record_to_document(rec: dict[str, Any]) -> Document:
    doc = Document(id=str(rec["id"]), raw=rec.get("text") or "", title=rec.get("title"), pub_date=rec.get("pub_date"),
                   url=rec.get("url"), outlet=rec.get("outlet"), format=rec.get("format") or "text")
    return clean_document(doc)


def cluster_documents(docs: list[Document], clusterer: StoryClusterer | None = None) -> StoryClusterer:
    """Add ``docs`` to a clusterer (a new one by default) in publication order."""
    clusterer = clusterer or StoryClusterer()
    with paused_gc():
        for doc in sorted_by_date(docs):
            clusterer.add(doc)
    return clusterer


def cluster_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Contract output for input records, in their order (ids echoed as given)."""
    records = list(records)
    docs = [record_to_document(r) for r in records]
    clusterer = cluster_documents(docs)
    given = {d.id: r["id"] for r, d in zip(records, docs)}
    out = []
    for r, d in zip(records, docs):
        dup = clusterer.duplicate_of[d.id]
        out.append({"id": r["id"], "story": clusterer.story_of[d.id], "duplicate_of": given[dup] if dup else None})
    return out


def cluster_jsonl(in_path: str | Path, out_path: str | Path) -> int:
    """Run ``marsad cluster``; return the number of lines written."""
    with open(in_path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    out = cluster_records(records)
    with open(out_path, "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(out)
