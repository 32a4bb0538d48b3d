"""Plain-text articles (.txt): decode and hand over; the cleaner finds title and outlet lines."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Document
from .base import make_document
from .encoding import decode_bytes
from .source import Source


def read_text(source: Source) -> Iterator[Document]:
    text, encoding = decode_bytes(source.read_all())
    yield make_document(source.path, text, "text", source.limits, meta={"encoding": encoding})
