"""What every reader shares: limits, the problem record, and document construction."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Document

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep one hostile file from exhausting memory or time."""

    max_file_bytes: int = 20 * MB  # a file read whole (text, HTML, feed), after decompression
    max_text_chars: int = 5_000_000  # decoded text of one document
    max_stream_bytes: int = 2048 * MB  # a streamed file (JSONL, WARC), after decompression
    max_record_bytes: int = 20 * MB  # one JSONL line, one WARC record, one run without a line break
    max_depth: int = 64  # folder nesting below a given path
    max_gzip_ratio: int = 100  # decompressed/compressed; text and HTML stay far below, bombs far above
    ratio_floor_bytes: int = 8 * MB  # the ratio is only checked past this much output


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A file, line or record that was skipped, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class ReadError(Exception):
    """Raised inside a reader; turned into a :class:`ReadProblem` where it is caught."""


# C0 controls other than tab/newline/CR, DEL, and lone surrogates (JSON "\ud800"):
# they break lxml and UTF-8 encoding further down the pipeline.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def scrub(text: str) -> str:
    return _UNSAFE_CHARS.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)


def stable_id(path: Path, key: str | None = None) -> str:
    """An id that is the same each time the same file (and record) is read."""
    ident = str(path.resolve()) + ("" if key is None else "#" + key)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", path.name.split(".")[0]).strip("_")[:40] or "doc"
    return f"{stem}-{hashlib.sha1(ident.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def make_document(
    path: Path,
    raw: str,
    fmt: str,
    limits: Limits,
    *,
    member: str | None = None,
    doc_id: str | None = None,
    meta: dict[str, Any] | None = None,
    **fields: Any,
) -> Document:
    """Build a Document from a reader's decoded text; ReadError when it is empty or too long.

    ``member`` names the part of the file ("line 3", "record 2", "item 1"); with
    the file's path it makes the stable id when the input gives none.
    """
    raw = scrub(raw)
    if not raw.strip():
        raise ReadError("no text")
    if len(raw) > limits.max_text_chars:
        raise ReadError(f"text longer than {limits.max_text_chars:,} characters")
    source_path = str(path) if member is None else f"{path}#{member}"
    doc_id = scrub(doc_id).strip() if doc_id else None  # a JSON id may hold a lone surrogate ("\ud800")
    return Document(
        id=doc_id or stable_id(path, member),
        raw=raw,
        format=fmt,
        source_path=source_path,
        meta=meta or {},
        **{k: scrub(v) if isinstance(v, str) else v for k, v in fields.items()},
    )
