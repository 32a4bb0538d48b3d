"""Opening a file for a reader: transparent gzip, and hard caps on what is read.

A gzip bomb or an endless WARC stops at the cap with a ReadError instead of
filling memory: every byte a reader sees passes through :class:`_CappedStream`.
A failure (cap reached, truncated gzip) first shows as the end of the data, so
that the bytes decoded before it still reach the reader; the reader then calls
:func:`raise_failure` where a record or the file ends and reports it.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .base import Limits, ReadError

GZIP_MAGIC = b"\x1f\x8b"


class _CappedStream(io.RawIOBase):
    def __init__(self, inner: BinaryIO, cap: int, max_run: int | None, compressed: BinaryIO | None, limits: Limits) -> None:
        self._inner = inner
        self._cap = cap
        self._max_run = max_run  # longest run of bytes without a line break
        self._compressed = compressed  # the gzip file underneath, to watch the expansion ratio
        self._limits = limits
        self._total = 0
        self._run = 0
        self.failure: ReadError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        """Bytes up to the point of failure are delivered; the failure then reads as end of data."""
        if self.failure is not None:
            return 0
        try:
            n = self._inner.readinto1(buffer)  # one step at a time, so a failure loses no decoded bytes
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            self.failure = ReadError(f"corrupt or truncated gzip data ({exc})")
            return 0
        if not n:
            return 0
        if self._total + n > self._cap:
            self.failure = ReadError(f"more than {self._cap:,} bytes (after decompression); stopped reading")
            n = self._cap - self._total
        self._total += n
        if self._compressed is not None and self._total > self._limits.ratio_floor_bytes:
            if self._total / max(1, self._compressed.tell()) > self._limits.max_gzip_ratio:
                self.failure = ReadError(
                    f"gzip expands more than {self._limits.max_gzip_ratio}:1 (a decompression bomb?); stopped reading"
                )
        if self._max_run is not None:
            last_break = bytes(memoryview(buffer)[:n]).rfind(b"\n")
            self._run = self._run + n if last_break < 0 else n - last_break - 1
            if self._run > self._max_run:
                self.failure = ReadError(f"more than {self._max_run:,} bytes without a line break; stopped reading")
        return n

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
        super().close()


def raise_failure(stream: io.BufferedReader) -> None:
    """Raise the ReadError that ended ``stream`` early, if one did."""
    failure = stream.raw.failure  # type: ignore[attr-defined]
    if failure is not None:
        raise failure


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, as the walker found it (``path`` is what reports show)."""

    path: Path
    limits: Limits

    def head(self, size: int = 4096) -> bytes:
        """The first bytes of the (decompressed) content, for sniffing the format."""
        with self.open(cap=max(size, self.limits.max_file_bytes)) as stream:
            return stream.read(size)

    def is_gzip(self) -> bool:
        with open(self.path, "rb") as f:
            return f.read(2) == GZIP_MAGIC

    @contextmanager
    def open(self, cap: int, max_run: int | None = None) -> Iterator[io.BufferedReader]:
        """A buffered binary stream of the content, decompressed when gzip, capped at ``cap`` bytes."""
        gz = self.is_gzip()
        raw = open(self.path, "rb")
        inner: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw  # type: ignore[assignment]
        stream = io.BufferedReader(_CappedStream(inner, cap, max_run, raw if gz else None, self.limits))
        try:
            yield stream
        finally:
            stream.close()
            raw.close()

    def read_all(self) -> bytes:
        """The whole (decompressed) content, at most ``max_file_bytes``."""
        cap = self.limits.max_file_bytes
        size = self.path.stat().st_size
        if size > cap:
            raise ReadError(f"file is {size:,} bytes, over the {cap:,}-byte limit")
        with self.open(cap) as stream:
            data = stream.read()
            raise_failure(stream)
            return data
