"""Load test of `marsad serve` on 127.0.0.1: many concurrent clients mixing queries and submissions.

    python bench/load.py                                   # 50 clients for 60 s on 4,000 articles (20,000 events)
    python bench/load.py --clients 10 --seconds 5 --events 2000    # the short run tests/test_concurrency.py does
    python bench/load.py --json                            # figures as one JSON object (for scripts)
    python bench/load.py --heap-check 3000                 # leak check: the same mix in-process under tracemalloc

Builds a store of synthetic coded articles (bench/api.py), starts the real
command `marsad serve --token T` in a subprocess, and runs N clients, each
sending requests back to back for the given time: event queries with every
filter, dashboard summaries, full-text search, single documents and pages,
stats and actors, and (one request in ten) a new article POSTed with the
token, which the server codes with the full pipeline and stores.  The
server's resident memory is sampled every second.

Prints the request count, error count and rate (any status other than
200/201, or a failed connection), latency percentiles per request kind and
overall, server memory after warm-up, at half time, at the end and at its
peak, and checks afterwards that every accepted submission is in the store
exactly once and that the store passes its own check.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

import api as api_bench  # noqa: E402  (bench/api.py: the synthetic coded store)
import crash as crash_bench  # noqa: E402  (bench/crash.py: generated article texts)
from marsad.store import open_store  # noqa: E402


TOKEN = "load-test-token"
SEARCH_WORDS = ["كازاخستان", "المتظاهرون", "عقوبات", "وزير الخارجية", "ألماتي", "الأمم المتحدة", "كازخستان",
                "الرئيس التركي", "مساعدات", "انسحب"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


class Load:
    def __init__(self, base: str, n_docs: int, seed: int):
        self.base = base
        self.n_docs = n_docs
        self.rng = random.Random(seed)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.accepted: set[str] = set()
        self.submitted = 0

    def request(self) -> tuple[str, str, str, dict | None]:
        """(kind, method, path, json body) of the next request in the mix."""
        r, rng = self.rng.random(), self.rng
        if r < 0.30:
            kind = rng.choice(list(api_bench.QUERIES))
            return "events: " + kind, "GET", api_bench.QUERIES[kind], None
        if r < 0.45:
            return "search", "GET", "/api/search?q=" + rng.choice(SEARCH_WORDS), None
        if r < 0.55:
            return "document", "GET", f"/api/documents/bench-{rng.randrange(self.n_docs):06d}", None
        if r < 0.62:
            return "documents page", "GET", f"/api/documents?limit=50&offset={rng.randrange(self.n_docs)}", None
        if r < 0.70:
            return "stats/actors", "GET", rng.choice(["/api/stats", "/api/actors", "/api/stories"]), None
        if r < 0.80:
            return "summary", "GET", rng.choice(["/api/events/summary?type=AID", "/api/events/summary?country=KAZ",
                                                 "/api/events/summary?from=2021-06-01&to=2021-06-30"]), None
        if r < 0.90:
            return "download", "GET", "/api/events/download?format=jsonl&type=SANCTION&max_rows=200", None
        self.submitted += 1
        title, body = crash_bench.article_text(1_000_000 + self.submitted, rng)
        return "submit", "POST", "/api/documents", {"id": f"load-{self.submitted}", "title": title, "text": body,
                                                    "pub_date": "2022-01-12"}

    async def client(self, http: httpx.AsyncClient, deadline: float) -> None:
        while time.monotonic() < deadline:
            kind, method, path, body = self.request()
            started = time.perf_counter()
            try:
                r = await http.request(method, path, json=body)
                status, text = r.status_code, r.text[:200] if r.status_code >= 300 else ""
            except httpx.HTTPError as exc:
                status, text = 0, f"{type(exc).__name__}: {exc}"
            self.latency[kind].append(time.perf_counter() - started)
            if status not in (200, 201):
                self.errors.append(f"{method} {path}: {status} {text}")
            elif body is not None:
                self.accepted.add(body["id"])


async def run_clients(load: Load, clients: int, seconds: float, pid: int) -> list[tuple[float, float]]:
    memory: list[tuple[float, float]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=load.base, timeout=120, limits=limits, headers=headers) as http:
        started = time.monotonic()
        deadline = started + seconds

        async def sample() -> None:
            while time.monotonic() < deadline:
                mb = rss_mb(pid)
                if mb is not None:
                    memory.append((time.monotonic() - started, mb))
                await asyncio.sleep(1)

        await asyncio.gather(sample(), *(load.client(http, deadline) for _ in range(clients)))
    return memory


def start_server(db: str, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (the server process holds it)
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--port", str(port),
                             "--token", TOKEN], stdout=out, stderr=out, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("marsad serve did not start")


def run(db: Path, events: int, clients: int, seconds: float, seed: int = 5, log: Path | None = None) -> dict:
    api_bench.build_store(db, events)
    n_docs = events // 5  # the synthetic articles bench-000000 … (a reused store also holds earlier submissions)
    server, base = start_server(str(db), log)
    try:
        # warm-up: the pipeline loads on the first submission, query plans on first use
        warm = Load(base, n_docs, seed + 1)
        warm.submitted = 10_000_000
        asyncio.run(run_clients(warm, 2, 2.0, server.pid))
        load = Load(base, n_docs, seed)
        memory = asyncio.run(run_clients(load, clients, seconds, server.pid))
    finally:
        server.terminate()
        server.wait(30)
    every = [x for xs in load.latency.values() for x in xs]
    with open_store(db) as store:
        problems = store.check()
        missing = [i for i in sorted(load.accepted) if store.get(i) is None]
    half = [mb for t, mb in memory if t >= seconds / 2]
    return {
        "clients": clients, "seconds": seconds, "store_documents": n_docs, "requests": len(every),
        "requests_per_s": round(len(every) / seconds, 1), "errors": len(load.errors),
        "error_rate": len(load.errors) / max(1, len(every)), "error_examples": load.errors[:5],
        "submitted": len(load.accepted), "submissions_missing": missing, "store_problems": problems,
        "latency_ms": {kind: {"n": len(xs), "p50": round(statistics.median(xs) * 1000, 1),
                              "p95": round(percentile(xs, 95) * 1000, 1), "p99": round(percentile(xs, 99) * 1000, 1),
                              "max": round(max(xs) * 1000, 1)}
                       for kind, xs in sorted(load.latency.items()) + [("ALL", every)]},
        "rss_mb": {"start": memory[0][1] if memory else None, "half": half[0] if half else None,
                   "end": memory[-1][1] if memory else None, "max": max(mb for _, mb in memory) if memory else None,
                   "every_10_s": [round(mb) for t, mb in memory if int(t) % 10 == 0]},
    }


def python_heap_growth(db: Path, events: int, requests: int, seed: int = 9) -> dict:
    """The same request mix in-process (no HTTP) under tracemalloc: Python heap growth between
    a quarter of the way and the end, after a warm-up.  RSS includes the C allocator's
    per-thread arenas, which grow with concurrency up to a plateau; this is the leak check."""
    import gc
    import tracemalloc
    import warnings

    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    api_bench.build_store(db, events)
    load = Load("", events // 5, seed)
    load.submitted = 20_000_000
    with TestClient(create_app(str(db), token=TOKEN, read_only=False), headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        def burst(n: int) -> None:
            for _ in range(n):
                _, method, path, body = load.request()
                c.request(method, path, json=body)
        burst(min(300, requests // 4))
        tracemalloc.start()
        burst(requests // 4)
        gc.collect()
        first = tracemalloc.get_traced_memory()[0]
        burst(requests - requests // 4)
        gc.collect()
        last = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    return {"requests": requests, "heap_growth_kb": round((last - first) / 1024), "heap_kb_at_quarter": round(first / 1024)}


def print_report(r: dict) -> None:
    print(f"marsad serve on 127.0.0.1, store of {r['store_documents']} documents: {r['clients']} clients for "
          f"{r['seconds']:.0f} s")
    print(f"requests {r['requests']} ({r['requests_per_s']}/s), errors {r['errors']} (rate {r['error_rate']:.4f}), "
          f"submissions stored {r['submitted']}, missing {len(r['submissions_missing'])}, "
          f"store check: {'ok' if not r['store_problems'] else r['store_problems']}")
    print(f"{'kind':28} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, s in r["latency_ms"].items():
        print(f"{kind:28} {s['n']:6d} {s['p50']:8.1f} {s['p95']:8.1f} {s['p99']:8.1f} {s['max']:8.1f}")
    m = r["rss_mb"]
    if m["start"] is not None:
        print(f"server memory (RSS MB): start {m['start']:.0f}, half time {m['half']:.0f} (+{m['half'] - m['start']:.0f}), "
              f"end {m['end']:.0f} (+{m['end'] - m['half']:.0f} in the second half), "
              f"max {m['max']:.0f}; every 10 s: {m['every_10_s']}")
    for e in r["error_examples"]:
        print("ERROR:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--events", type=int, default=20_000, help="events in the synthetic store (5 per article)")
    ap.add_argument("--db", type=Path, help="store to build or reuse (default: a fresh one in a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--server-log", type=Path, help="write the server's output (access log) to this file")
    ap.add_argument("--heap-check", type=int, metavar="N", help="instead: N requests in-process under tracemalloc, "
                    "print the Python heap growth (leak check)")
    args = ap.parse_args()
    if args.heap_check:
        with tempfile.TemporaryDirectory() as tmp:
            growth = python_heap_growth(args.db or Path(tmp) / "load.db", args.events, args.heap_check)
        print(json.dumps(growth) if args.json else
              f"{growth['requests']} requests in-process: Python heap grew {growth['heap_growth_kb']} KB over the last "
              f"three quarters")
        return
    with tempfile.TemporaryDirectory() as tmp:
        report = run(args.db or Path(tmp) / "load.db", args.events, args.clients, args.seconds, log=args.server_log)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report)
    bad = report["errors"] or report["submissions_missing"] or report["store_problems"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
