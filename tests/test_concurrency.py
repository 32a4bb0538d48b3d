"""Several writers and the API server on one store at the same time.

Three `marsad ingest` processes read overlapping parts of one folder into the
same SQLite store while `marsad serve` answers readers and accepts submitted
articles, and `marsad search` is run from the command line.  Afterwards
every document is stored exactly once, no user saw a "database is locked"
error or a server error, and readers were answered within a bound.
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx", reason="httpx is not installed")

from test_crash import crash, load_bench  # noqa: E402

load = load_bench("load")  # its server starter, and the short load run below
TOKEN = load.TOKEN

REPO = Path(__file__).resolve().parents[1]
READER_MAX_SECONDS = 10.0  # generous for a 2-core CI machine running three writers beside the server


ENV = dict(os.environ, PYTHONPATH=str(REPO))


def marsad(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", *args]


def test_three_writers_and_the_api_share_one_store(tmp_path: Path) -> None:
    folder = crash.write_articles(tmp_path / "articles", 300, seed=21)
    want = crash.expected_ids(folder)
    db = str(tmp_path / "shared.db")
    subprocess.run(marsad("ingest", "-q", str(folder / "batch000" / "article00000.txt"), "--db", db), env=ENV, check=True)
    server, url = load.start_server(db)
    latencies: list[float] = []
    failures: list[str] = []
    submitted: set[str] = set()
    writing = threading.Event()
    writing.set()

    def read_loop() -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            paths = ["/api/documents?limit=20", "/api/search?q=كازاخستان", "/api/search?q=وزير الخارجية",
                     "/api/stats", "/api/events?limit=50", "/api/documents/dump-4"]
            n = 0
            while writing.is_set():
                path = paths[n % len(paths)]
                n += 1
                started = time.perf_counter()
                r = client.get(path)
                latencies.append(time.perf_counter() - started)
                if r.status_code not in (200, 404):  # dump-4 appears once a writer reaches it
                    failures.append(f"GET {path}: {r.status_code} {r.text[:200]}")

    def submit_loop() -> None:
        import random
        rng = random.Random(3)
        with httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            for i in range(20):
                title, body = crash.article_text(100_000 + i, rng)
                r = client.post("/api/documents", json={"id": f"api-{i}", "title": title, "text": body,
                                                        "pub_date": "2022-01-12"})
                if r.status_code != 201:
                    failures.append(f"POST api-{i}: {r.status_code} {r.text[:200]}")
                else:
                    submitted.add(r.json()["id"])

    parts = [[folder / "batch000", folder / "batch001"], [folder / "batch001", folder / "batch002"],
             [folder / "batch002", folder / "dump.jsonl", folder / "batch000"]]
    threads = [threading.Thread(target=read_loop) for _ in range(3)] + [threading.Thread(target=submit_loop)]
    try:
        for t in threads:
            t.start()
        writers = [subprocess.Popen(marsad("ingest", "-q", *map(str, p), "--db", db), env=ENV,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in parts]
        searches = [subprocess.run(marsad("search", "الانتخابات", "--db", db), env=ENV, capture_output=True, text=True)
                    for _ in range(3)]
        outputs = [w.communicate(timeout=300) for w in writers]
        threads[-1].join(120)
    finally:
        writing.clear()
        for t in threads:
            t.join(60)
        server.terminate()
        server.wait(30)

    for w, (stdout, stderr) in zip(writers, outputs):
        assert w.returncode == 0, stderr
        assert "locked" not in stdout + stderr and "Traceback" not in stderr
    for s in searches:
        assert s.returncode == 0 and "locked" not in s.stdout + s.stderr, s.stderr
    assert failures == []
    assert len(submitted) == 20
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids))
    assert set(ids) == want | submitted  # nothing lost, nothing extra
    assert con.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == len(ids)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from marsad.store import open_store
    with open_store(db) as store:
        assert store.check() == []
    assert len(latencies) > 30
    p99 = statistics.quantiles(latencies, n=100)[98]
    print(f"\nreaders: {len(latencies)} requests during the writes, p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    assert max(latencies) < READER_MAX_SECONDS


def test_a_writer_waits_for_another_long_write_instead_of_failing(tmp_path: Path) -> None:
    """A writer holding the lock for a second: the store retries instead of raising "database is locked"."""
    from marsad.model import Document
    from marsad.pipeline import reading_pipeline
    from marsad.store import open_store

    db = tmp_path / "busy.db"
    open_store(db).close()
    blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another process's long write transaction
    releaser = threading.Timer(1.0, lambda: blocker.execute("COMMIT"))
    releaser.start()
    started = time.perf_counter()
    with open_store(db) as store:
        doc = reading_pipeline()(Document(id="late", raw="أعلنت الحكومة استقالتها بعد أسبوع من الاحتجاجات."))
        assert store.add(doc, ["clean", "sentences"]) == "added"
    waited = time.perf_counter() - started
    releaser.join()
    assert 0.9 < waited < 30


def test_short_load_run_against_marsad_serve_has_no_errors(tmp_path: Path) -> None:
    """bench/load.py in its short mode: a few seconds of mixed queries and submissions."""
    report = load.run(tmp_path / "load.db", events=1000, clients=8, seconds=4)
    assert report["requests"] > 20
    assert report["errors"] == 0, report["error_examples"]
    assert report["submitted"] > 0 and report["submissions_missing"] == [] and report["store_problems"] == []
    everything = report["latency_ms"]["ALL"]
    assert 0 < everything["p50"] <= everything["p99"] <= everything["max"]
    assert report["rss_mb"]["max"] is None or report["rss_mb"]["max"] < 2000


def test_per_word_memos_stay_bounded_on_endless_new_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server reading the web for months meets new words forever (numbers, names, typos):
    the per-word memos must start afresh at their cap instead of growing without end."""
    import random

    from marsad.geo import gazetteer
    from marsad.model import Document
    from marsad.pipeline import default_pipeline
    from marsad.text.tokens import analyse

    monkeypatch.setattr(gazetteer, "MAX_CACHED_WORDS", 200)
    gz = gazetteer.load_gazetteer()
    gz._demonym_cache.clear()
    rng = random.Random(4)
    letters = "ابتثجحخدذرسشصضطعغفقكلمنهوي"
    pipeline = default_pipeline()
    for n in range(6):
        words = " ".join("".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(150))
        pipeline(Document(id=f"w{n}", raw=f"قال المتحدث إن {words} في العاصمة الكازاخية.", pub_date="2022-01-11"))
    assert 0 < len(gz._demonym_cache) <= 201  # 900 new words seen, the memo kept at most its cap
    info = analyse.cache_info()
    assert info.maxsize is not None and info.currsize <= info.maxsize
