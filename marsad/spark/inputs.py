"""Input files for the Spark job: listed on the driver, read on the executors.

Plain paths are walked on the driver as ``marsad run`` walks them
(:func:`marsad.ingest.walk.iter_files`), and each executor opens its files
itself, so on a cluster they must be on a filesystem every node mounts.
URIs (``hdfs://``, ``s3a://``, ``file://``, any Hadoop filesystem) are listed
with Hadoop's FileSystem API and their bytes reach the executors through
Spark (``binaryFiles``); each file is read there by the same readers, from a
temporary copy, and its documents get the ids and source paths they would
get from a local read of the same path.

A document's place in the input is ``(file number, position in file)``: the
order ``marsad.ingest.iter_documents`` yields them in.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..ingest import Limits, ReadProblem, read_file
from ..ingest.base import stable_id
from ..ingest.registry import is_not_article
from ..ingest.walk import iter_files
from ..model import Document

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[A-Za-z][A-Za-z0-9+.-]*:/")


@dataclass(frozen=True, slots=True)
class InputFile:
    number: int  # position in the listing: the input order
    location: str  # a local path, or a URI read through Hadoop
    remote: bool


def is_uri(path: str) -> bool:
    return bool(_URI.match(path)) and not re.match(r"^[A-Za-z]:[\\/]", path)  # not a Windows drive


def list_inputs(spark: Any, paths: list[str], limits: Limits = Limits()) -> tuple[list[InputFile], list[ReadProblem]]:
    """Every input file in reading order, and the paths that could not be listed."""
    files: list[InputFile] = []
    problems: list[ReadProblem] = []
    for given in paths:
        if is_uri(given):
            found, trouble = _hadoop_files(spark, given)
            problems += trouble
            files += [InputFile(len(files) + i, uri, True) for i, uri in enumerate(found)]
            continue
        for item in iter_files([given], limits, ignore=is_not_article):
            if isinstance(item, ReadProblem):
                problems.append(item)
            else:
                files.append(InputFile(len(files), str(item), False))
    return files, problems


def _hadoop_files(spark: Any, uri: str) -> tuple[list[str], list[ReadProblem]]:
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    try:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            return [], [ReadProblem(uri, "no such file or folder")]
        listing = fs.listFiles(path, True)
        found = []
        while listing.hasNext():
            found.append(listing.next().getPath().toString())
    except Exception as exc:  # py4j wraps Hadoop's IOExceptions
        return [], [ReadProblem(uri, f"cannot list: {str(exc).splitlines()[0]}")]
    root = jvm.org.apache.hadoop.fs.Path(uri).toUri().getPath().rstrip("/")
    keep = []
    for f in sorted(found):
        inside = urlparse(f).path[len(root):] if urlparse(f).path.startswith(root) else urlparse(f).path
        # Like the local walk: hidden entries and non-article files inside folders are passed over.
        if any(part.startswith((".", "_")) for part in inside.split("/") if part):
            continue
        if f.rstrip("/") != uri.rstrip("/") and is_not_article(Path(urlparse(f).path)):
            continue
        keep.append(f)
    return keep, []


def file_number(numbers: dict[str, int], uri: str) -> int:
    """The listing number of a file ``binaryFiles`` names, whichever way it spells the URI."""
    if uri in numbers:
        return numbers[uri]
    path = urlparse(uri).path
    return next(n for listed, n in numbers.items() if urlparse(listed).path == path)


def hadoop_glob(uris: list[str]) -> str:
    """The comma-separated path list ``binaryFiles`` takes (commas in names escaped)."""
    return ",".join(u.replace(",", "\\,") for u in uris)


def read_local(file: InputFile, limits: Limits = Limits()) -> Iterator[Document | ReadProblem]:
    return read_file(Path(file.location), limits)


def read_remote(uri: str, content: bytes, limits: Limits = Limits()) -> Iterator[Document | ReadProblem]:
    """The documents of a file fetched through Hadoop, as if read from ``uri``."""
    name = Path(unquote(urlparse(uri).path)).name or "input"
    with tempfile.TemporaryDirectory(prefix="marsad-spark-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(content)
        for item in read_file(local, limits):
            yield _as_read_from(item, local, uri)


def _identity_path(uri: str) -> Path:
    """The path whose stable ids a file at ``uri`` gets: its own path for file: URIs."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    return Path("/", parsed.scheme, parsed.netloc, unquote(parsed.path).lstrip("/"))


def _as_read_from(item: Document | ReadProblem, local: Path, uri: str) -> Document | ReadProblem:
    if isinstance(item, ReadProblem):
        return replace(item, path=uri if item.path == str(local) else item.path)
    member = None
    if item.source_path and item.source_path.startswith(f"{local}#"):
        member = item.source_path[len(f"{local}#"):]
    item.source_path = uri if member is None else f"{uri}#{member}"
    if item.id == stable_id(local, member):
        item.id = stable_id(_identity_path(uri), member)
    return item
