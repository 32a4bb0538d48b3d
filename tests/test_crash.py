"""Crash safety: `marsad ingest` killed with SIGKILL mid-batch, then re-run.

The work is done by bench/crash.py (its long version runs thousands of
articles and dozens of kills); here a few hundred generated articles and five
kills, on SQLite and, when a PostgreSQL server can be started, on PostgreSQL.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def load_bench(name: str):
    """A script of bench/ as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


crash = load_bench("crash")
ARTICLES = 300
KILLS = 5


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crash.write_articles(tmp_path_factory.mktemp("crash") / "articles", ARTICLES, seed=11)


def test_generated_articles_are_all_distinct_and_readable(articles: Path) -> None:
    ids = crash.expected_ids(articles)
    assert len(ids) == ARTICLES
    assert sum(1 for _ in articles.rglob("*.html")) == ARTICLES // 10  # every tenth is an HTML page
    assert len((articles / "dump.jsonl").read_text("utf-8").splitlines()) == ARTICLES // 5


def test_sqlite_store_survives_sigkill_during_ingest(articles: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "crash.db")
    report = crash.kill_and_rerun(articles, db, KILLS, seed=5)
    assert report.kills == KILLS and report.startup_kills == 2, report.line()
    # each kill came mid-batch: the store held part of the folder, never all of it
    assert all(0 < n < ARTICLES for n in report.counts_at_kill), report.line()
    assert report.problems == [], report.line()
    assert report.final_exit_code == 0 and report.stored == ARTICLES
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_hash) FROM documents").fetchone() \
        == (ARTICLES, ARTICLES, ARTICLES)
    assert con.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == ARTICLES
    assert con.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                       "(SELECT 1 FROM sentences s WHERE s.doc_id = d.id)").fetchone()[0] == 0


def test_verification_notices_a_lost_document(articles: Path, tmp_path: Path) -> None:
    """The checks above can fail: a store missing one document is reported."""
    from marsad.batch import process_paths
    from marsad.pipeline import reading_pipeline
    from marsad.store import open_store

    db = tmp_path / "partial.db"
    with open_store(db) as store:
        process_paths([articles], reading_pipeline(), store)
        victim = store.documents(1)[0]["id"]
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM sentences WHERE doc_id=?", (victim,))
        con.execute("DELETE FROM documents_fts WHERE rowid=(SELECT rowid FROM documents WHERE id=?)", (victim,))
        con.execute("DELETE FROM documents WHERE id=?", (victim,))
    problems = crash.verify(str(db), crash.expected_ids(articles), articles)
    assert problems == [f"1 documents missing, e.g. {[victim]}"]


def test_postgres_store_survives_sigkill_during_ingest(articles: Path) -> None:
    pg_server = pytest.importorskip("pg_server", reason="tests/pg_server.py (PostgreSQL test server) not present")
    reason = pg_server.unavailable()
    if reason:
        pytest.skip(f"no PostgreSQL test server: {reason}")
    with pg_server.PgServer.start() as server:
        db = server.create_database("crash")
        report = crash.kill_and_rerun(articles, db, KILLS, seed=6)
    assert report.kills == KILLS and report.startup_kills == 2, report.line()
    assert all(0 < n < ARTICLES for n in report.counts_at_kill), report.line()
    assert report.problems == [], report.line()
    assert report.final_exit_code == 0 and report.stored == ARTICLES


# -- `marsad doctor`: what it checks after a crash, or any time -----------------------------------
def doctor(db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", "doctor", "--db", str(db)], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="200"), timeout=300)


@pytest.fixture(scope="module")
def healthy_store(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from marsad.batch import process_paths
    from marsad.pipeline import reading_pipeline
    from marsad.store import open_store

    db = tmp_path_factory.mktemp("doctor") / "ok.db"
    with open_store(db) as store:
        process_paths(sorted(articles.glob("batch000/*.txt"))[:40], reading_pipeline(), store)
    return db


def test_doctor_reports_versions_resources_and_each_stage_with_its_time(healthy_store: Path) -> None:
    done = doctor(healthy_store)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert re.search(r"SQLite \d+\.\d+\.\d+ with FTS5", out) and re.search(r"trafilatura \d", out)
    assert re.search(r"resources: \d+ files", out)
    from marsad.pipeline import default_pipeline
    for name in default_pipeline().names:  # every stage loaded and ran, with its time
        assert re.search(rf"^  {name} +ok +\d+ ms$", out, re.M), name
    assert "store " + str(healthy_store) + ": 40 documents" in out and "all checks passed" in out


def test_doctor_finds_what_damage_leaves_behind(healthy_store: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "damaged.db"
    shutil.copy(healthy_store, db)
    con = sqlite3.connect(db, isolation_level=None)  # another tool, without marsad's foreign keys
    victim, other = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id LIMIT 2")]
    con.execute("DELETE FROM sentences WHERE doc_id=?", (victim,))
    con.execute("INSERT INTO sentences (doc_id, idx, start, \"end\") VALUES ('gone', 0, 0, 5)")
    con.execute("INSERT INTO mentions (doc_id, idx, start, \"end\", text, type, actor_id)"
                " VALUES (?, 0, 0, 3, 'قال', 'PERS', 'XXX||nobody')", (other,))
    con.execute("UPDATE documents SET story_id='lost-story' WHERE id=?", (other,))
    con.execute("DELETE FROM documents_fts WHERE rowid=(SELECT rowid FROM documents WHERE id=?)", (other,))
    con.close()
    done = doctor(db)
    assert done.returncode == 1
    said = done.stderr.replace("\n", " ")
    for expected in ("1 orphan rows in sentences", "name an actor that is not stored",
                     "1 documents belong to a story that is not stored", "1 documents have lost their sentence rows",
                     "search index has 39 rows for 40 documents", "foreign keys"):
        assert expected in said, expected


def test_doctor_reports_a_store_from_a_newer_marsad(healthy_store: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "future.db"
    shutil.copy(healthy_store, db)
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA user_version=99")
    done = doctor(db)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    from marsad.store.base import SCHEMA_VERSION
    assert f"schema version 99, expected {SCHEMA_VERSION}" in done.stderr
