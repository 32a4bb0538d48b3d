"""The contract's ``marsad cluster``: JSON lines in, one line out per input.

Input lines: ``{"id", "text", "pub_date", "title", "outlet", "url", "format"}``
(``id`` and ``text`` required; ``text`` is raw HTML when ``"format": "html"``).
Output lines, in input order: ``{"id", "story", "duplicate_of"}``.

Articles are clustered in publication order (input order breaking ties), so
``duplicate_of`` always names an earlier article and the same input always
gives the same story ids.

A line that is not such a record (not UTF-8, not JSON, not an object, no
usable ``id`` or ``text``, an ``id`` given twice) is reported as a
:class:`LineProblem` and left out; the other lines are clustered all the same.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from ..model import Document
from ..text.clean import clean_document
from .cluster import StoryClusterer, paused_gc
from .dedup import sorted_by_date


OPTIONAL_TEXT_FIELDS = ("pub_date", "title", "outlet", "url", "format")


class LineProblem(NamedTuple):
    """An input line left out, and why."""

    path: str
    line: int  # 1-based
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def parse_record(line: bytes) -> dict[str, Any] | None:
    """The record on one input line (None for a blank line); ValueError saying
    what is wrong with it otherwise."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start + 1})") from None
    if not text.strip():
        return None
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(rec, dict):
        kind = {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(rec), "number")
        raise ValueError(f"a JSON {kind} where an object {{\"id\", \"text\", ...}} was expected")
    ident = rec.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise ValueError("no \"id\" (a string or an integer)" if ident is None else
                         f"\"id\" must be a string or an integer, not {type(ident).__name__}")
    if not isinstance(rec.get("text"), str):
        raise ValueError("no \"text\" string")
    for name in OPTIONAL_TEXT_FIELDS:
        if rec.get(name) is not None and not isinstance(rec[name], str):
            raise ValueError(f"\"{name}\" must be a string or null, not {type(rec[name]).__name__}")
    return rec


def read_records(path: str | Path) -> tuple[list[dict[str, Any]], list[LineProblem]]:
    """The usable records of a JSONL file, and the lines left out."""
    records: list[dict[str, Any]] = []
    problems: list[LineProblem] = []
    first_line: dict[str, int] = {}  # id -> the line that gave it
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                rec = parse_record(line)
                if rec is None:
                    continue
                key = str(rec["id"])
                if key in first_line:
                    raise ValueError(f"id {rec['id']!r} was already given on line {first_line[key]}")
            except ValueError as exc:
                problems.append(LineProblem(str(path), lineno, str(exc)))
                continue
            first_line[key] = lineno
            records.append(rec)
    return records, problems


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


def cluster_jsonl(in_path: str | Path, out_path: str | Path, problems: list[LineProblem] | None = None) -> int:
    """Run ``marsad cluster``; return the number of lines written.

    Lines left out are appended to ``problems`` when given."""
    records, skipped = read_records(in_path)
    if problems is not None:
        problems.extend(skipped)
    out = cluster_records(records)
    # backslashreplace: an id with a lone surrogate (valid JSON) is written as
    # the escape it was read from instead of failing the run
    with open(out_path, "w", encoding="utf-8", errors="backslashreplace") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(out)
