"""Cleaning: from a reader's raw input to the article body.

HTML pages go through trafilatura (boilerplate removal, title/author/date
metadata, with htmldate for the publication date).  Trafilatura keeps
"read also" links, share widgets and comment prompts that Arabic sites put
inside the article container, so every body (HTML or plain text) then goes
through a line filter driven by ``resources/boilerplate_ar.txt``.  A
"المصدر: …" line is not body either, but it says whom the outlet credits, so
it is kept as ``Document.credited_source``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources

from ..ingest.base import scrub
from ..model import Document
from .normalize import normalize, squeeze_spaces

_SOURCE_LINE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصدر الأصلي)\s*[:：/]\s*(?P<who>.{2,80}?)\s*$")
_MAX_WIDGET_LINE = 40  # "line:" patterns only match short lines
_MIN_FAST_BODY = 250  # characters; below this the full trafilatura comparison runs


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prefixes: list[str] = []
    lines: list[str] = []
    text = resources.files("marsad.resources").joinpath("boilerplate_ar.txt").read_text("utf-8")
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        kind, _, pat = raw.partition(":")
        (prefixes if kind == "prefix" else lines).append(pat.strip())
    prefix_re = re.compile(r"^[\W_]*(?:" + "|".join(prefixes) + r")", re.IGNORECASE)
    line_re = re.compile(r"^[\W_]*(?:" + "|".join(lines) + r")[\W_]*$", re.IGNORECASE)
    return prefix_re, line_re


def is_boilerplate(line: str) -> bool:
    folded = normalize(line).strip()
    prefix_re, line_re = _patterns()
    if prefix_re.match(folded):
        return True
    return len(folded) <= _MAX_WIDGET_LINE and bool(line_re.match(folded))


def clean_lines(body: str) -> tuple[str, list[str], str | None]:
    """Return ``(clean_body, removed_lines, credited_source)``."""
    kept: list[str] = []
    removed: list[str] = []
    credited: str | None = None
    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = squeeze_spaces(raw)
        if not line:
            continue
        m = _SOURCE_LINE.match(line)
        if m:
            credited = m.group("who").strip(" .")
            removed.append(line)
        elif is_boilerplate(line):
            removed.append(line)
        else:
            kept.append(line)
    return "\n".join(kept), removed, credited


def extract_html(html: str) -> dict[str, str | None]:
    """Body and metadata of an HTML page (trafilatura; its metadata step
    uses htmldate for the publication date), with fallbacks for pages it
    cannot parse."""
    import trafilatura

    options = dict(with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    # trafilatura's own extractor is enough for ordinary article pages; its
    # comparison with the fallback extractors costs a third of the time and
    # only pays off when the main pass finds little, so run it only then.
    result = trafilatura.bare_extraction(html, fast=True, **options)
    if result is None or len(result.text or "") < _MIN_FAST_BODY:
        result = trafilatura.bare_extraction(html, **options) or result
    if result is None or not (result.text or "").strip():
        deep = _parse_deep(html)  # libxml2's default parser stops ~255 levels down
        if deep is not None:
            result = trafilatura.bare_extraction(deep, **options) or result
        if result is None or not (result.text or "").strip():
            return _empty_metadata(result) | {"text": visible_text(html)}
    body = result.text or ""
    title = result.title
    if title:  # the headline is metadata, not the first body paragraph
        first, _, rest = body.partition("\n")
        if normalize(first).strip() == normalize(title).strip():
            body = rest
    return {"text": body, "title": title, "author": result.author, "date": result.date,
            "sitename": result.sitename, "url": result.url}


def _empty_metadata(result: object) -> dict[str, str | None]:
    keys = ("title", "author", "date", "sitename", "url")
    return {"text": ""} | {k: getattr(result, k, None) for k in keys}


def _parse_deep(html: str):  # -> lxml element or None
    import lxml.html

    try:
        return lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True, remove_comments=True))
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None


class _TextCollector(HTMLParser):
    """Streams text out of HTML of any depth (no tree is built)."""

    _SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Last resort for pages no extractor can parse (e.g. nested thousands of
    levels deep): the text outside scripts, styles and navigation, one line
    per block; the boilerplate line filter runs on it afterwards."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "\n".join(line.strip() for line in "".join(collector.parts).split("\n") if line.strip())


def clean_document(doc: Document) -> Document:
    # Readers scrub what they read, but a Document can also come from the
    # Python API, `marsad code` or the REST API: a lone surrogate or a NUL
    # there must not reach sentencex, lxml or the store's UTF-8 encoding.
    doc.raw = body = scrub(doc.raw)
    for name in ("title", "author", "outlet", "url", "credited_source"):
        value = getattr(doc, name)
        if isinstance(value, str):
            setattr(doc, name, scrub(value))
    if doc.format == "html":
        info = extract_html(doc.raw)
        body = info["text"] or ""
        doc.title = doc.title or info["title"]
        doc.author = doc.author or info["author"]
        doc.pub_date = doc.pub_date or info["date"] or doc.meta.get("crawl_date")
        doc.outlet = doc.outlet or info["sitename"]
        doc.url = doc.url or info["url"]
    text, doc.removed_lines, credited = clean_lines(body)
    if doc.format == "text":
        text = _lift_header_lines(doc, text)
    doc.text = text
    doc.credited_source = doc.credited_source or credited
    return doc


def _lift_header_lines(doc: Document, text: str) -> str:
    """Plain-text articles often start with the outlet's name ("ترك برس") and/or
    the headline; they are metadata, not body sentences to code events from."""
    lines = text.split("\n")
    if len(lines) > 1 and len(lines[0].split()) <= 3 and len(lines[0]) <= 30 and not lines[0].endswith((".", "!", "؟")):
        doc.outlet = doc.outlet or lines[0]
        doc.removed_lines.append(lines.pop(0))
    if len(lines) > 1 and len(lines[0]) <= 160 and not lines[0].rstrip().endswith((".", "!", "؟", "”", '"')) and len(lines[1]) > len(lines[0]):
        if doc.title is None:
            doc.title = lines[0]
        if doc.title == lines[0]:
            lines.pop(0)
    return "\n".join(lines)
