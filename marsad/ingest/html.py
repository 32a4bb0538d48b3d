"""HTML: pages are only decoded here (the cleaner runs trafilatura on them);
HTML fragments from feeds, which are article bodies without page chrome and
too short for trafilatura, are flattened to text with their paragraph breaks."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

from ..model import Document
from .base import make_document, scrub
from .encoding import declared_charset, decode_bytes
from .source import Source

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_DROPPED_TAGS = ("script", "style", "noscript", "iframe", "object", "template")
_BLANK_RUNS = re.compile(r"[ \t]*\n\s*")


def read_html(source: Source) -> Iterator[Document]:
    data = source.read_all()
    text, encoding = decode_bytes(data, declared=declared_charset(data))
    yield make_document(source.path, text, "html", source.limits, meta={"encoding": encoding})


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        return unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(lxml.etree.Element):
        if element.tag in _BLOCK_TAGS:
            # lxml parses "&#11;" into a text node but refuses to set such text back (ValueError)
            element.text = "\n" + scrub(element.text or "")
            element.tail = "\n" + scrub(element.tail or "")
    return _BLANK_RUNS.sub("\n", root.text_content()).strip()
