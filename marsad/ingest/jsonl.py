"""JSON Lines dumps: one article object per line (the `marsad code` input format).

Fields: ``id``, ``text`` or ``html``, ``title``, ``pub_date``, ``url``,
``outlet``, ``author``, and ``format: "html"`` when ``text`` holds a page.
Other fields are kept in ``Document.meta``.  A bad line is reported with its
number and the rest of the file is read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Document
from .base import ReadError, ReadProblem, make_document
from .pubdate import normalize_pub_date
from .source import Source, raise_failure

_TEXT_FIELDS = ("title", "url", "outlet", "author", "credited_source")
_BODY_FIELDS = ("id", "text", "html", "format", "pub_date") + _TEXT_FIELDS
# Keys marsad's readers and stages write into Document.meta and later read back
# (the cleaner takes crawl_date as a pub date, the store binds focus_country):
# an input field of that name is kept as "input_<name>" so it cannot stand in
# for marsad's own value (a dict there once stopped a whole batch in the store).
_OWN_META = frozenset({"encoding", "crawl_date", "warc_date", "focus_country", "actor_focus", "pub_date_source",
                       "pub_date_raw", "guid", "published_raw", "default_pub_date"})


def read_jsonl(source: Source) -> Iterator[Document | ReadProblem]:
    limits = source.limits
    first_line_of: dict[str, int] = {}
    with source.open(cap=limits.max_stream_bytes) as stream:
        line_no = 0
        while line := stream.readline(limits.max_record_bytes + 1):
            line_no += 1
            if not line.endswith(b"\n"):
                raise_failure(stream)  # a last line cut short by a read failure is not parsed
            if len(line) > limits.max_record_bytes:
                _skip_rest_of_line(stream)
                yield ReadProblem(str(source.path), f"line longer than {limits.max_record_bytes:,} bytes", line=line_no)
                continue
            if line_no == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            try:
                doc = _line_document(source, line, line_no)
                if doc.id in first_line_of:
                    raise ReadError(f"duplicate id {doc.id!r} (first on line {first_line_of[doc.id]})")
            except ReadError as exc:
                yield ReadProblem(str(source.path), str(exc), line=line_no)
                continue
            first_line_of[doc.id] = line_no
            yield doc
        raise_failure(stream)


def _skip_rest_of_line(stream) -> None:
    while chunk := stream.readline(1 << 16):
        if chunk.endswith(b"\n"):
            return


def _line_document(source: Source, line: bytes, line_no: int) -> Document:
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ReadError("JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise ReadError(f"a JSON {type(obj).__name__}, not an object")
    raw, fmt = _body(obj)
    doc_id = obj.get("id")
    if isinstance(doc_id, (int, float)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is not None and not (isinstance(doc_id, str) and doc_id.strip()):
        raise ReadError("'id' is not a non-empty string or number")
    meta: dict[str, Any] = {f"input_{k}" if k in _OWN_META else k: v for k, v in obj.items() if k not in _BODY_FIELDS}
    pub_date = normalize_pub_date(obj.get("pub_date"))
    if pub_date is None and obj.get("pub_date"):
        meta["pub_date_raw"] = obj["pub_date"]
    fields = {k: obj[k] for k in _TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()}
    return make_document(
        source.path, raw, fmt, source.limits, member=f"line {line_no}",
        doc_id=doc_id.strip() if doc_id else None, pub_date=pub_date, meta=meta, **fields,
    )


def _body(obj: dict[str, Any]) -> tuple[str, str]:
    html, text = obj.get("html"), obj.get("text")
    if isinstance(html, str) and html.strip():
        return html, "html"
    if isinstance(text, str):
        return text, "html" if str(obj.get("format", "")).lower() == "html" else "text"
    raise ReadError("no 'text' or 'html' string")
