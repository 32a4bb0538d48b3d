"""Ingestion: files and folders in, Documents out.

    from marsad.ingest import iter_documents, ReadProblem
    for item in iter_documents(["examples/"]):
        if isinstance(item, ReadProblem):
            print("skipped", item)
        else:
            store(item)

Formats: plain text (.txt), HTML pages (.html/.htm, decoded only; the cleaner
extracts the body), JSON Lines (.jsonl), WARC (.warc/.warc.gz), RSS/Atom
(.rss/.atom/.xml), each also gzip-compressed; unknown extensions are sniffed.
Inside folders, hidden files and non-article files (images, scripts, .md)
are passed over; any other file, line or record that cannot be read is yielded as a
:class:`ReadProblem` and the batch goes on.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..model import Document
from .base import Limits, ReadProblem
from .pubdate import normalize_pub_date
from .registry import is_not_article, read_file
from .walk import iter_files

__all__ = ["Limits", "ReadProblem", "iter_documents", "read_file", "normalize_pub_date"]


def iter_documents(paths: Iterable[str | os.PathLike[str]], limits: Limits = Limits()) -> Iterator[Document | ReadProblem]:
    """Documents from files and folders (walked recursively), with a ReadProblem for each skip."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for found in iter_files(paths, limits, ignore=is_not_article):
        if isinstance(found, ReadProblem):
            yield found
        else:
            yield from read_file(found, limits)
