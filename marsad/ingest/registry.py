"""Choosing a reader for a file: by extension, else by sniffing its first bytes."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import Document
from .base import Limits, ReadError, ReadProblem
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .source import Source
from .text import read_text
from .warc import read_warc

Reader = Callable[[Source], Iterator["Document | ReadProblem"]]

READERS_BY_EXTENSION: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
}

# Inside folders these are passed over without a report: a saved web page's
# assets, documentation and code are not articles, nor is a store (marsad.db
# and its -wal/-shm files) or an export sitting in the folder being read.
# Named explicitly, they are reported.
NOT_ARTICLE_EXTENSIONS = frozenset(
    ".css .js .mjs .map .png .jpg .jpeg .gif .webp .svg .ico .bmp .woff .woff2 .ttf .otf .eot "
    ".mp3 .mp4 .webm .md .rst .py .pyc .toml .cfg .ini .lock "
    ".db .db-wal .db-shm .db-journal .sqlite .sqlite3 .sqlite-wal .sqlite-shm .parquet".split()
)

# Lower-cased start of the content (after a BOM and blank space) -> reader.
_SIGNATURES: tuple[tuple[bytes, Reader], ...] = (
    (b"warc/1.", read_warc),
    (b"<rss", read_feed),
    (b"<feed", read_feed),
    (b"<rdf:rdf", read_feed),
    (b"<html", read_html),
    (b"<!doctype html", read_html),
)


# What may precede the root element: XML declaration, processing instructions,
# comments, and a doctype other than HTML's (with its internal subset).
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)[^>\[]*(?:\[.*?\])?\s*>)", re.S)


def extension(path: Path) -> str:
    """The format extension, looking through a final ".gz" (``a.warc.gz`` -> ``.warc``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def is_not_article(path: Path) -> bool:
    return extension(path) in NOT_ARTICLE_EXTENSIONS


def sniff(head: bytes) -> Reader | None:
    start = head.removeprefix(b"\xef\xbb\xbf").lower()
    while prolog := _PROLOG.match(start):
        start = start[prolog.end():]
    start = start.lstrip()
    for signature, reader in _SIGNATURES:
        if start.startswith(signature):
            return reader
    return None


def read_file(path: Path, limits: Limits = Limits()) -> Iterator[Document | ReadProblem]:
    """Every document in one file, and a ReadProblem for each part that could not be read.

    Never raises for bad input: whatever a reader stops on becomes a problem,
    after the documents it read before it.
    """
    source = Source(path, limits)
    try:
        reader = READERS_BY_EXTENSION.get(extension(path)) or sniff(source.head())
        if reader is None:
            yield ReadProblem(str(path), f"unsupported file type ({extension(path) or 'no extension'}; content not recognised)")
            return
        yield from reader(source)
    except ReadError as exc:
        yield ReadProblem(str(path), str(exc))
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")
    except (RecursionError, MemoryError) as exc:
        yield ReadProblem(str(path), f"too complex to read ({type(exc).__name__})")
    except Exception as exc:  # a reader bug must cost one file, not the batch
        yield ReadProblem(str(path), f"unexpected {type(exc).__name__}: {exc}")
