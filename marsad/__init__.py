"""marsad (مرصد): Arabic news to structured, sourced political event data.

    >>> import marsad
    >>> doc = marsad.process("وقال وزير الخارجية ...", pub_date="2022-01-11")
    >>> store = marsad.open_store("marsad.db")
"""
from __future__ import annotations

import hashlib

from .model import Actor, DateExpr, Document, Event, Location, Mention, Quote, Sentence, Span, Story, Token
from .store import open_store

__version__ = "0.1.0"
__all__ = [
    "Actor", "DateExpr", "Document", "Event", "Location", "Mention", "Quote", "Sentence", "Span", "Story",
    "Token", "open_store", "process", "__version__",
]


def process(text: str, pub_date: str | None = None, *, title: str | None = None, url: str | None = None,
            outlet: str | None = None, format: str = "text", id: str | None = None) -> Document:
    """Run the full pipeline on one article (plain text, or HTML with ``format="html"``)."""
    from .pipeline import default_pipeline

    doc_id = id or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # any str, even a lone surrogate
    doc = Document(id=doc_id, raw=text, pub_date=pub_date, title=title, url=url, outlet=outlet, format=format)
    return default_pipeline()(doc)
