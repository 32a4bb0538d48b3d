"""Health checks behind `marsad doctor`: the installation and a store.

Installation: the versions of Python, SQLite (with FTS5) and every package
marsad requires; every shipped resource file readable; every pipeline stage
loading its resources and coding a short built-in article, timed one by one
(the first call is the one that loads gazetteers and models), with the
offsets of what it produced checked against the text.  Store: the backend's
own check (integrity, schema version, orphan rows, search index, duplicates).

Each check returns what it found and the problems; the command prints both.
"""
from __future__ import annotations

import gzip
import platform
import re
import sqlite3
import time
from dataclasses import dataclass, field
from importlib import metadata, resources
from typing import Any

from . import __version__

# Written for this check (no outlet's text): a date, actors, a place and an event to code.
SAMPLE = ("قال وزير الخارجية التركي مولود تشاووش أوغلو يوم الثلاثاء 11 يناير 2022 إن بلاده تقف إلى جانب "
          "كازاخستان، وبحث في اتصال هاتفي مع نظيره الأذربيجاني الأوضاع في مدينة ألماتي.")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)  # what was found, one line each
    problems: list[str] = field(default_factory=list)


def _requirement_name(spec: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0]


def versions() -> Report:
    """Python, SQLite and every package marsad's metadata requires (extras left out)."""
    report = Report()
    report.lines.append(f"marsad {__version__}, Python {platform.python_version()} ({platform.platform(terse=True)})")
    fts5 = True
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.Error:
        fts5 = False
        report.problems.append("SQLite has no FTS5: full-text search will not work")
    report.lines.append(f"SQLite {sqlite3.sqlite_version}{' with FTS5' if fts5 else ' WITHOUT FTS5'}")
    try:
        required = [r for r in metadata.requires("marsad") or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        report.lines.append("packages: marsad is not installed as a package (running from a source tree)")
        return report
    found = []
    for spec in required:
        name = _requirement_name(spec)
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            report.problems.append(f"required package {name} is not installed ({spec})")
    report.lines.append("packages: " + ", ".join(found))
    return report


def shipped_resources() -> Report:
    """Every file under marsad/resources opens and (when it is text) decodes as UTF-8."""
    report = Report()
    count = size = 0

    def walk(folder: Any) -> None:
        nonlocal count, size
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    walk(entry)
                continue
            if entry.name.endswith((".py", ".pyc")):
                continue
            try:
                data = entry.read_bytes()
                if entry.name.endswith(".gz"):
                    data = gzip.decompress(data)
                if entry.name.endswith((".gz", ".txt", ".tsv", ".json", ".geojson", ".md")):
                    data.decode("utf-8")
            except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
                report.problems.append(f"resource {entry.name} cannot be read: {type(exc).__name__}: {exc}")
                continue
            count += 1
            size += len(data)
    walk(resources.files("marsad.resources"))
    report.lines.append(f"resources: {count} files, {size / 1e6:.1f} MB uncompressed, all readable")
    if count == 0:
        report.problems.append("no resource files found under marsad/resources")
    return report


def stages() -> Report:
    """Build the default pipeline and run it stage by stage on :data:`SAMPLE`, timing each."""
    from .model import Document

    report = Report()
    started = time.perf_counter()
    try:
        from .pipeline import default_pipeline  # imports every stage's module

        pipeline = default_pipeline()
    except Exception as exc:  # an unloadable stage must be reported, not raised
        report.problems.append(f"the pipeline does not load: {type(exc).__name__}: {exc}")
        return report
    report.lines.append(f"pipeline imported and built in {_ms(time.perf_counter() - started)}: "
                        f"{' → '.join(pipeline.names)}; each stage's first call (loading its resources) on a sample:")
    doc = Document(id="doctor", raw=SAMPLE, pub_date="2022-01-11")
    for component, name in zip(pipeline.components, pipeline.names):
        started = time.perf_counter()
        try:
            doc = component(doc)
        except Exception as exc:
            report.problems.append(f"stage {name} failed on the sample article: {type(exc).__name__}: {exc}")
            return report
        report.lines.append(f"  {name:10} ok  {_ms(time.perf_counter() - started):>9}")
    report.problems += [f"stage output: {p}" for p in offset_problems(doc)]
    report.lines.append(f"sample article: {len(doc.sentences)} sentences, {len(doc.mentions)} mentions, "
                        f"{len(doc.dates)} dates, {len(doc.events)} events, {len(doc.quotes)} quotes")
    return report


def offset_problems(doc: Any) -> list[str]:
    """Layers whose offsets do not cover the characters they claim (every offset indexes doc.text)."""
    text = doc.text
    problems = []
    spans = [("sentence", s.start, s.end, s.text) for s in doc.sentences]
    spans += [("mention", m.start, m.end, m.text) for m in doc.mentions]
    spans += [("date", d.start, d.end, d.text) for d in doc.dates]
    spans += [("evidence", e.start, e.end, e.text) for ev in doc.events for e in ev.evidence]
    for kind, start, end, words in spans:
        if not (0 <= start <= end <= len(text)) or text[start:end] != words:
            problems.append(f"{kind} [{start}, {end}) {words!r} does not match the text there")
    problems += [f"quote [{q.start}, {q.end}) outside the text" for q in doc.quotes if not 0 <= q.start <= q.end <= len(text)]
    return problems


def store(target: str) -> Report:
    """The store's own check, with what it holds and how long the check took."""
    from .store import open_store

    report = Report()
    started = time.perf_counter()
    try:
        with open_store(target) as st:
            found = st.check()
            stats = st.stats()
    except Exception as exc:  # a newer schema, a file that is not a store, a server that refuses
        report.problems.append(f"{target}: cannot be opened as a store: {type(exc).__name__}: {exc}")
        return report
    report.lines.append(f"store {target}: {stats['documents']} documents, {stats['events']} events, "
                        f"{stats['stories']} stories; checked in {_ms(time.perf_counter() - started)}")
    report.problems += [f"{target}: {p}" for p in found]
    return report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"
