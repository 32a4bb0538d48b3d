"""Apache Spark batch pipeline: ``marsad run`` beyond one machine.

    from marsad.spark import run_job
    summary = run_job(["hdfs://nn/crawl/2022/"], "hdfs://nn/marsad/out", master="yarn")

Reads text, HTML, JSONL, WARC and feeds from local paths or Hadoop URIs,
codes every document with the default pipeline (loaded once per executor
process), and writes Parquet tables of documents, mentions, events and
merged events (:mod:`marsad.spark.job`).  A document is coded exactly as
``marsad code`` codes it, and the merged events equal
:func:`marsad.stories.merge_events` over the same documents
(:mod:`marsad.spark.merge`).

PySpark (and Java 17+) are optional: ``pip install 'marsad[spark]'``; they are
imported only when a job starts.
"""
from __future__ import annotations

from .job import JobSummary, run_job
from .session import get_session, missing

__all__ = ["JobSummary", "get_session", "missing", "run_job"]
