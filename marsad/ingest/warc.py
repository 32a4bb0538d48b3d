"""WARC / WARC.gz crawls: each HTML response record becomes an HTML document.

The crawl time (WARC-Date) goes to ``meta["crawl_date"]``, not ``pub_date``:
a page is often crawled long after it was published, and the cleaner reads
the real publication date from the page itself.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Document
from .base import ReadError, ReadProblem, make_document
from .encoding import declared_charset, decode_bytes
from .pubdate import normalize_pub_date
from .source import Source, raise_failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: Source) -> Iterator[Document | ReadProblem]:
    from warcio.archiveiterator import ArchiveIterator

    limits = source.limits
    index = 0
    with source.open(cap=limits.max_stream_bytes, max_run=limits.max_record_bytes) as stream:
        if not stream.peek(8).startswith(b"WARC/"):
            raise ReadError("not a WARC file (does not start with a WARC/1.x record)")
        try:
            for record in ArchiveIterator(stream):
                index += 1
                content_type = _html_content_type(record)
                if content_type is None:
                    continue
                member = f"record {index}"
                body = record.content_stream().read(limits.max_record_bytes + 1)  # also undoes HTTP gzip/chunking
                if len(body) <= limits.max_record_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                    raise_failure(stream)  # the record was cut short by a read failure: not kept
                    raise ReadError(f"{member} is cut short (truncated WARC)")
                try:
                    yield _record_document(source, record, body, content_type, member)
                except ReadError as exc:
                    yield ReadProblem(f"{source.path}#{member}", str(exc))
        except ReadError:
            raise
        except Exception as exc:  # warcio fails in several ways on damaged records (ArchiveLoadFailed, AttributeError …)
            raise_failure(stream)  # a truncated or capped stream is the better explanation
            raise ReadError(f"broken WARC after record {index}: {type(exc).__name__}: {exc}") from None
        raise_failure(stream)


def _html_content_type(record) -> str | None:
    """The Content-Type of a successful HTML response, else None (requests, images, redirects …)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if not record.http_headers.get_statuscode().startswith("2"):
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type if content_type.startswith(_HTML_TYPES) else None


def _record_document(source: Source, record, body: bytes, content_type: str, member: str) -> Document:
    cap = source.limits.max_record_bytes
    if len(body) > cap:
        raise ReadError(f"record body larger than {cap:,} bytes")
    charset = content_type.partition("charset=")[2].strip(' "\';') or declared_charset(body)
    text, encoding = decode_bytes(body, declared=charset)
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = record.rec_headers.get_header("WARC-Date")
    return make_document(
        source.path, text, "html", source.limits, member=member, url=url,
        meta={"encoding": encoding, "crawl_date": normalize_pub_date(warc_date), "warc_date": warc_date},
    )
