"""Finding the files under the given paths.

Folders are walked recursively in name order, following symbolic links but
remembering real paths, so a link loop is reported instead of followed
forever and a file reachable twice is read once.  Inside folders, hidden
entries (".git", ".DS_Store") and files the caller's ``ignore`` predicate
names (a saved page's images and scripts) are passed over silently; anything that is not a regular file
(FIFO, device, socket) is reported, never opened, since reading it could block.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Limits, ReadProblem


def iter_files(
    paths: Iterable[str | os.PathLike[str]], limits: Limits, ignore: Callable[[Path], bool] = lambda path: False
) -> Iterator[Path | ReadProblem]:
    walker = _Walker(limits, ignore)
    for given in paths:
        yield from walker.walk(Path(given), ancestors=(), depth=0)


class _Walker:
    def __init__(self, limits: Limits, ignore: Callable[[Path], bool]) -> None:
        self.limits = limits
        self.ignore = ignore
        self.seen_files: dict[str, Path] = {}  # real path -> the path it was first read as

    def walk(self, path: Path, ancestors: tuple[str, ...], depth: int) -> Iterator[Path | ReadProblem]:
        try:
            info = path.stat()  # follows links; a loop of links raises ELOOP here
            real = os.path.realpath(path)
        except OSError as exc:
            yield ReadProblem(str(path), _os_reason(exc, path))
            return
        if stat.S_ISDIR(info.st_mode):
            if real in ancestors:
                yield ReadProblem(str(path), f"symbolic link loop: {real} is already being walked")
                return
            if depth > self.limits.max_depth:
                yield ReadProblem(str(path), f"folder nested more than {self.limits.max_depth} levels deep")
                return
            try:
                names = sorted(entry.name for entry in os.scandir(path))
            except OSError as exc:
                yield ReadProblem(str(path), _os_reason(exc, path))
                return
            for name in names:
                child = path / name
                if not name.startswith(".") and not (child.is_file() and self.ignore(child)):
                    yield from self.walk(child, ancestors + (real,), depth + 1)
        elif not stat.S_ISREG(info.st_mode):
            yield ReadProblem(str(path), "not a regular file (device, FIFO or socket); not opened")
        elif real in self.seen_files:
            yield ReadProblem(str(path), f"same file as {self.seen_files[real]}, already read")
        else:
            self.seen_files[real] = path
            yield path


def _os_reason(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of links)"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link"
    return f"cannot open: {exc.strerror or exc}"
