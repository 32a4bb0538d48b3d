"""RSS / Atom feeds: each item becomes a document from its content or summary.

Entity declarations are refused before feedparser sees the bytes: defusedxml
stops at the first <!ENTITY …>, so no external file is read (XXE) and no
nested entity is expanded (billion laughs).  feedparser gets bytes, never a
string that could be taken for a URL to fetch.
"""
from __future__ import annotations

import time
from collections.abc import Iterator

from ..model import Document
from .base import ReadError, ReadProblem, make_document
from .html import fragment_to_text
from .pubdate import normalize_pub_date
from .source import Source

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(source: Source) -> Iterator[Document | ReadProblem]:
    import feedparser

    data = source.read_all()
    refuse_xml_entities(data)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        raise ReadError("no feed items" + (f" (parse error: {why})" if why else ""))
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        member = f"item {n}"
        try:
            yield _item_document(source, entry, member, outlet)
        except ReadError as exc:
            yield ReadProblem(f"{source.path}#{member}", str(exc))


def refuse_xml_entities(data: bytes) -> None:
    """ReadError when the XML declares entities; malformed XML is left to feedparser's lenient parser."""
    import defusedxml
    import defusedxml.ElementTree as safe_tree

    try:
        safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise ReadError(f"XML declares entities ({type(exc).__name__}); refused, not expanded") from None
    except safe_tree.ParseError:
        pass


def _item_document(source: Source, entry, member: str, outlet: str | None) -> Document:
    body = _item_body(entry)
    published = entry.get("published") or entry.get("updated")
    pub_date = normalize_pub_date(published)
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    if pub_date is None and parsed_time:
        pub_date = time.strftime("%Y-%m-%d", parsed_time)
    return make_document(
        source.path, body, "text", source.limits, member=member,
        title=entry.get("title") or None, url=entry.get("link") or None, pub_date=pub_date,
        author=entry.get("author") or None, outlet=outlet,
        meta={"guid": entry.get("id"), "published_raw": published},
    )


def _item_body(entry) -> str:
    """The fullest text of an item: the longest content block, else the summary."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if not any(value.strip() for value, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return fragment_to_text(value) if kind.lower() in _HTML_TYPES else value
