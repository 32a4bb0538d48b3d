"""The Spark job: read articles, code them with the default pipeline, write Parquet.

    marsad spark run INPUT... --output DIR [--master local[*]]
    spark-submit .../marsad/spark/__main__.py INPUT... --output DIR      # on a cluster

Inputs are files and folders (walked as ``marsad run`` walks them) or
Hadoop URIs (hdfs://, s3a://, file://).  Files are read where they are
listed from, the documents are spread over ``partitions`` tasks, and each
task codes its documents with :func:`marsad.pipeline.default_pipeline`, built
once per Python worker and reused by every task it runs.  A document is
coded exactly as ``marsad code`` / ``marsad run`` codes it.

The output folder gets one Parquet table per folder (see :mod:`marsad.spark.rows`):

    documents/      partitioned by pub_month
    mentions/       partitioned by pub_month
    events/         partitioned by month (of the event date)
    merged_events/  partitioned by month: one canonical event per real-world event
    problems/       files, lines and documents that could not be read or coded, and why

As in ``marsad run``, bad input never stops the job: it becomes a row of
``problems``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..ingest import ReadProblem
from ..model import Document
from .inputs import InputFile, file_number, hadoop_glob, is_uri, list_inputs, read_local, read_remote
from .rows import document_tables, merged_row, schemas
from .session import get_session

TABLES = ("documents", "mentions", "events", "merged_events", "problems")
_pipeline: Any = None


@dataclass
class JobSummary:
    output: str
    documents: int = 0
    mentions: int = 0
    events: int = 0
    merged_events: int | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        merged = "" if self.merged_events is None else f", {self.merged_events} merged events"
        return (f"{self.documents} documents, {self.mentions} entity mentions, {self.events} events{merged}; "
                f"{len(self.problems)} skipped; written to {self.output} in {self.seconds:.1f} s")


# -- on the executors ----------------------------------------------------------------
def _problem(item: ReadProblem) -> tuple[str, str, str]:
    where = str(item.path) + (f" line {item.line}" if item.line else "")
    return "problem", where, item.reason


def _numbered(number: int, items: Iterable[Document | ReadProblem]) -> Iterator[tuple[Any, ...]]:
    for pos, item in enumerate(items):
        yield _problem(item) if isinstance(item, ReadProblem) else ("doc", (number, pos), item)


def code_documents(items: Iterable[tuple[Any, ...]], merge: bool) -> Iterator[tuple[Any, ...]]:
    """Code one partition: ("doc", key, document row, mention rows, event rows, merge input) per
    document, problems passed on.  The pipeline is built on the worker's first task."""
    global _pipeline
    if _pipeline is None:
        from ..pipeline import default_pipeline
        _pipeline = default_pipeline()
    from .merge import merge_input
    for item in items:
        if item[0] == "problem":
            yield item
            continue
        _, key, doc = item
        where = doc.source_path or doc.id
        try:
            doc = _pipeline(doc)
            if not doc.text.strip():
                coded: tuple[Any, ...] = ("problem", where, "no article text found")
            else:
                row, mentions, events = document_tables(doc, _pipeline.names)
                coded = ("doc", key, row, mentions, events, merge_input(doc) if merge else None)
        except Exception as exc:  # one document failing must not stop the job
            coded = ("problem", where, f"processing failed: {type(exc).__name__}: {exc}")
        yield coded


# -- on the driver ----------------------------------------------------------------------
def _read(sc: Any, files: list[InputFile], partitions: int) -> Any:
    local = [f for f in files if not f.remote]
    remote = {f.location: f.number for f in files if f.remote}
    parts = []
    if local:
        parts.append(sc.parallelize(local, min(len(local), partitions))
                     .flatMap(lambda f: _numbered(f.number, read_local(f))))
    if remote:
        numbers = sc.broadcast(remote)
        parts.append(sc.binaryFiles(hadoop_glob(list(remote)), min(len(remote), partitions))
                     .flatMap(lambda kv: _numbered(file_number(numbers.value, kv[0]), read_remote(kv[0], kv[1]))))
    return sc.union(parts) if parts else sc.emptyRDD()


def _tally(records: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    out: dict[str, Any] = {"documents": 0, "mentions": 0, "events": 0, "problems": []}
    for r in records:
        if r[0] == "problem":
            out["problems"].append((r[1], r[2]))
        else:
            out["documents"] += 1
            out["mentions"] += len(r[3])
            out["events"] += len(r[4])
    return [out]


def _output_exists(spark: Any, output: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(output)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.exists(path) and len(fs.listStatus(path)) > 0)


def run_job(paths: list[str], output: str, master: str | None = None, partitions: int | None = None,
            merge: bool = True, overwrite: bool = False, spark: Any = None) -> JobSummary:
    """Code ``paths`` on Spark and write the tables under ``output``."""
    started = time.perf_counter()
    spark = spark or get_session(master)
    from pyspark import StorageLevel

    sc = spark.sparkContext
    output = output if is_uri(output) else os.path.abspath(output)
    if not overwrite and _output_exists(spark, output):
        raise FileExistsError(f"{output} exists and is not empty; choose another --output or pass --overwrite")
    mode = "overwrite" if overwrite else "errorifexists"
    n_parts = partitions or max(1, sc.defaultParallelism * 4)
    files, listing_problems = list_inputs(spark, paths)
    coded = _read(sc, files, n_parts).repartition(n_parts).mapPartitions(lambda items: code_documents(items, merge))
    coded.persist(StorageLevel.MEMORY_AND_DISK)
    cached = [coded]
    docs = coded.filter(lambda r: r[0] == "doc")
    schema = schemas()

    def write(table: str, rows: Any, partition_by: str | None) -> None:
        names = schema[table].names
        frame = spark.createDataFrame(rows.map(lambda r: tuple(r[c] for c in names)), schema[table])
        writer = frame.write.mode(mode)
        if partition_by:
            writer = writer.partitionBy(partition_by)
        writer.parquet(f"{output}/{table}")

    write("documents", docs.map(lambda r: r[2]), "pub_month")
    write("mentions", docs.flatMap(lambda r: r[3]), "pub_month")
    write("events", docs.flatMap(lambda r: r[4]), "month")
    summary = JobSummary(output)
    for part in coded.mapPartitions(_tally).collect():
        summary.documents += part["documents"]
        summary.mentions += part["mentions"]
        summary.events += part["events"]
        summary.problems += part["problems"]
    if merge:
        from .merge import merged_events

        merged = merged_events(sc, docs.map(lambda r: (r[1], *r[5])), n_parts, cached).map(merged_row)
        cached.append(merged.persist(StorageLevel.MEMORY_AND_DISK))
        write("merged_events", merged, "month")
        summary.merged_events = merged.count()
    summary.problems = [_problem(p)[1:] for p in listing_problems] + sorted(summary.problems)
    problems = spark.createDataFrame(summary.problems, schema["problems"]).coalesce(1)
    problems.write.mode(mode).parquet(f"{output}/problems")
    for rdd in cached:
        rdd.unpersist()
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    """Entry point for spark-submit and ``python -m marsad.spark``."""
    parser = argparse.ArgumentParser(prog="marsad-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files, folders or Hadoop URIs (hdfs://, s3a://, file://)")
    parser.add_argument("--output", required=True, help="output folder or URI (Parquet tables)")
    parser.add_argument("--master", default=None, help="Spark master, e.g. local[*] (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, default=None, help="coding tasks (default: 4 per core)")
    parser.add_argument("--no-merge", action="store_true", help="skip cross-document event merging")
    parser.add_argument("--overwrite", action="store_true", help="replace the tables in an existing output folder")
    args = parser.parse_args(argv)
    summary = run_job(args.inputs, args.output, args.master, args.partitions, not args.no_merge, args.overwrite)
    for where, reason in summary.problems:
        print(f"skipped {where}: {reason}", file=sys.stderr)
    print(summary.line())
    return 1 if summary.problems else 0
