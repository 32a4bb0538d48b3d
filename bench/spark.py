"""Spark job throughput in local mode (1 and 2 cores), and what it implies for a cluster.

    python bench/spark.py                       # 2000 articles, local[1] and local[2]
    python bench/spark.py --articles 5000 --cores 1 2 4

Corpus: the first N articles of ../shared/data/unlabeled/jawhara_fm.jsonl
(Tunisian radio news, Apache-2.0), split over 8 JSONL files; where ../shared
is absent, the bundled examples repeated under new ids.  Each core count
runs in a fresh process (one SparkSession per JVM) doing the whole job:
read, code, write documents/mentions/events, merge events across documents.

Reported per core count: Spark start-up, the job's wall time and articles
per second (start-up excluded), and the CPU seconds of every process
involved (driver, JVM, Python workers, read from /proc: what to compare
when the machine is shared).  The smallest core count runs again on half
the articles, which separates the job's fixed CPU (JVM warm-up, one Spark
job per step, Parquet writers) from its CPU per additional article.  The
per-partition cost is measured inside Spark's Python workers by timing
``code_documents`` on each partition (CPU per article once the pipeline
is loaded, and the load on a worker's first partition), and the driver's
serial near-duplicate pass in this process.  From these the script prints
its estimate for clusters of a few sizes.  Linux only (/proc).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "data" / "unlabeled" / "jawhara_fm.jsonl"
FILES = 8


def write_corpus(folder: Path, n: int) -> str:
    """N articles as FILES JSONL files; returns where they came from."""
    if CORPUS.exists():
        lines = list(islice(CORPUS.open(encoding="utf-8"), n))
        source = f"{CORPUS.name}, first {len(lines)} articles"
    else:
        base = [json.loads(x) for x in (REPO / "examples" / "dump.jsonl").read_text("utf-8").splitlines() if x.strip()]
        lines = [json.dumps(base[i % len(base)] | {"id": f"ex-{i}"}, ensure_ascii=False) + "\n" for i in range(n)]
        source = f"examples/dump.jsonl repeated ({n} articles; ../shared absent)"
    for k in range(FILES):
        (folder / f"part-{k}.jsonl").write_text("".join(lines[k::FILES]), "utf-8")
    return source


# -- one core count, in its own process ---------------------------------------------------
def tree_cpu_seconds(root: int) -> float:
    """CPU seconds used so far by ``root`` and its live descendants (Linux /proc): the
    driver, the JVM it started and the JVM's Python workers."""
    parents, times = {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(times.get(pid, 0.0) for pid in tree)


def measure(cores: int, corpus: Path, out: Path, partition_costs: bool) -> dict:
    from marsad.spark import get_session, run_job
    from marsad.spark.inputs import list_inputs
    from marsad.spark.job import _read, code_documents

    started = time.perf_counter()
    spark = get_session(f"local[{cores}]", "marsad-bench")
    session_s = time.perf_counter() - started
    cpu_before = tree_cpu_seconds(os.getpid())
    summary = run_job([str(corpus)], str(out), spark=spark)
    job_cpu = tree_cpu_seconds(os.getpid()) - cpu_before
    costs = []
    if partition_costs:  # the coding step alone, timed inside the Python workers
        def timed(items):
            items = list(items)
            wall, cpu = time.perf_counter(), time.process_time()
            n = sum(1 for r in code_documents(items, merge=True) if r[0] == "doc")
            return [(n, time.perf_counter() - wall, time.process_time() - cpu, os.getpid())]

        sc = spark.sparkContext
        files, _ = list_inputs(spark, [str(corpus)])
        parts = cores * 4
        costs = _read(sc, files, parts).repartition(parts).mapPartitions(timed).collect()
    spark.stop()
    return {"cores": cores, "session_s": session_s, "job_s": summary.seconds, "job_cpu_s": job_cpu,
            "articles": summary.documents, "events": summary.events, "merged": summary.merged_events,
            "partitions": costs}


def driver_dedup_rate(corpus: Path) -> float:
    """Articles per second of the serial near-duplicate pass on the driver (the shingles come
    from the executors; only DuplicateIndex.add runs there)."""
    from marsad.ingest import ReadProblem, iter_documents
    from marsad.pipeline import reading_pipeline
    from marsad.spark.merge import merge_input
    from marsad.stories.dedup import DuplicateIndex

    pipeline = reading_pipeline()
    shingled = [(d.id, d.pub_date, merge_input(pipeline(d))[1]) for d in iter_documents([corpus])
                if not isinstance(d, ReadProblem)]
    index = DuplicateIndex()
    started = time.perf_counter()
    for doc_id, pub_date, shingles in shingled:
        index.add(doc_id, shingles, pub_date)
    return len(shingled) / (time.perf_counter() - started)


def run(cores: int, corpus: Path, partition_costs: bool = False) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", str(cores), "--corpus", str(corpus)]
                          + (["--partition-costs"] if partition_costs else []), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-3000:])
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"local[{cores}], {r['articles']} articles: start-up {r['session_s']:.1f} s, job {r['job_s']:.1f} s "
          f"= {r['articles'] / r['job_s']:.1f} articles/s ({r['events']} events, {r['merged']} merged); job CPU "
          f"(all processes) {r['job_cpu_s']:.1f} s = {1000 * r['job_cpu_s'] / r['articles']:.0f} ms per article",
          flush=True)
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--partition-costs", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(measure(args.worker, args.corpus, Path(tmp) / "out", args.partition_costs)))
        return

    from marsad.spark import missing

    if missing():
        sys.exit(f"cannot run: {missing()}")
    with tempfile.TemporaryDirectory() as tmp:
        full, half = Path(tmp) / "full", Path(tmp) / "half"
        full.mkdir()
        half.mkdir()
        source = write_corpus(full, args.articles)
        write_corpus(half, args.articles // 2)
        print(f"corpus: {source}, {FILES} files; load average before: {os.getloadavg()[0]:.1f}")
        results = [run(cores, full, partition_costs=(i == 0)) for i, cores in enumerate(args.cores)]
        small = run(min(args.cores), half)
        dedup = driver_dedup_rate(full)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    report(results, small, dedup)


def report(results: list[dict], small: dict, dedup_rate: float) -> None:
    # A worker's first partition also loads the pipeline; its later ones are the running cost.
    warm, loads = [], []
    seen: set[int] = set()
    for n, _, cpu, pid in results[0]["partitions"]:
        if n:
            (warm if pid in seen else loads).append((n, cpu))
            seen.add(pid)
    coding = statistics.median(cpu / n for n, cpu in warm or loads)
    load = statistics.median(cpu - n * coding for n, cpu in loads) if loads else 0.0
    first = next(r for r in results if r["cores"] == small["cores"])
    marginal = (first["job_cpu_s"] - small["job_cpu_s"]) / max(1, first["articles"] - small["articles"])
    fixed = first["job_cpu_s"] - marginal * first["articles"]
    print(f"per-partition cost (coding inside the workers): {1000 * coding:.1f} ms CPU per article; "
          f"pipeline load on a worker's first partition: {load:.1f} s CPU")
    print(f"whole job, local[{small['cores']}] at {small['articles']} and {first['articles']} articles: "
          f"{1000 * marginal:.1f} ms CPU per additional article, {fixed:.0f} s CPU fixed "
          "(JVM warm-up, Spark jobs, Parquet writers)")
    print(f"driver near-duplicate pass: {dedup_rate:,.0f} articles/s (serial)")
    print("estimate for a cluster (CPU-bound: cores / marginal CPU per article; the serial driver pass added; "
          "plus about a minute of start-up and warm-up):")
    for executors, cores in ((4, 4), (10, 8), (50, 8)):
        parallel = executors * cores / marginal
        total = 1 / (1 / parallel + 1 / dedup_rate)
        print(f"  {executors} executors x {cores} cores: {parallel:,.0f} articles/s coded; with merging "
              f"{total:,.0f} articles/s ({total * 86400 / 1e6:.1f} M articles/day)")


if __name__ == "__main__":
    main()
