"""PostgreSQL store against a real server started for these tests.

The server is a throwaway one (tests/pg_server.py): initdb in a temporary
folder, a unix socket only.  The tests skip with the reason when psycopg or
the PostgreSQL server programs are not installed.  Most checks compare the
PostgreSQL store with the SQLite store holding the same documents: the two
backends must answer every query the same way.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from marsad.model import Document
from marsad.pipeline import reading_pipeline
from marsad.store import EventFilter, open_store
from pg_server import PgServer, unavailable
from test_api import N_EVENTS, fill_store, realistic_articles

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(unavailable() is not None, reason=f"no PostgreSQL test server: {unavailable()}")


@pytest.fixture(scope="module")
def server():
    with PgServer.start() as s:
        yield s


_n_databases = 0


@pytest.fixture
def pg_url(server: PgServer) -> str:
    global _n_databases
    _n_databases += 1
    return server.create_database(f"t{_n_databases}")


def _doc(doc_id: str, text: str) -> Document:
    return reading_pipeline()(Document(id=doc_id, raw=text, pub_date="2022-01-11", outlet="وكالة"))


KAZ_A = ("اجتمع وزراء خارجية منظمة الدول التركية عبر الفيديو لبحث الأوضاع في كازاخستان.\n"
         "وقال الوزير التركي إن بلاده تقف إلى جانب كازاخستان الشقيقة.")
KAZ_B = ("أعلنت السلطات في كازخستان رفع حالة الطوارئ في مدينة ألماتي بعد عودة الهدوء.\n"
         "وبدأت القوات الأجنبية الانسحاب من البلاد يوم الخميس.")
WHEAT = "ارتفعت أسعار القمح في الأسواق العالمية بسبب موجة الجفاف في أمريكا الجنوبية."


def test_schema_is_created_once_and_writes_are_idempotent(pg_url: str):
    with open_store(pg_url) as store:
        a = _doc("a1", KAZ_A)
        assert store.add(a, ["clean"]) == "added"
        assert store.add(a, ["clean"]) == "unchanged"
        assert store.add(_doc("copy-of-a1", KAZ_A), ["clean"]) == "duplicate"
        changed = realistic_articles()[0]
        changed.id = "a1"
        assert store.add(changed, ["clean", "events"]) == "updated"  # same id, new content and layers
        assert store.stats()["documents"] == 1 and store.stats()["events"] == 4
        assert store.check() == []
    with open_store(pg_url) as again:  # reopening migrates nothing and keeps the data
        assert again.stats()["documents"] == 1
        assert again._value("SELECT count(*) FROM marsad_schema") == 1


def test_refuses_a_newer_schema_and_says_why_it_cannot_connect(pg_url: str, monkeypatch: pytest.MonkeyPatch):
    open_store(pg_url).close()
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE marsad_schema SET version = 99")
    with pytest.raises(RuntimeError, match="schema version 99"):
        open_store(pg_url)
    with pytest.raises(RuntimeError, match=r"cannot connect to postgresql://marsad:\*\*\*@"):  # password hidden
        open_store(pg_url.replace("marsad@", "marsad:s3cret@").replace("/t", "/no_such_database_"))
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    with pytest.raises(RuntimeError, match=r"pip install 'marsad\[postgres\]'"):
        open_store(pg_url)


def test_search_is_variant_and_clitic_aware(pg_url: str):
    store = open_store(pg_url)
    for k, v in {"a1": KAZ_A, "a2": KAZ_B, "a3": WHEAT}.items():
        store.add(_doc(k, v), ["clean"])
    assert {h.id for h in store.search("كازخستان")} == {"a1", "a2"}  # a1 spells it كازاخستان
    assert {h.id for h in store.search("كازاخستان")} == {"a1", "a2"}
    assert {h.id for h in store.search("الشقيقه")} == {"a1"}  # ة/ه folded
    assert {h.id for h in store.search("والقمح")} == {"a3"}  # attached و and ال
    assert {h.id for h in store.search("القوات الأجنبية")} == {"a2"}
    assert store.search("موسكو") == []
    hit = store.search("ألماتي")[0]
    s, e = hit.highlights[0]
    assert hit.snippet[s:e] == "ألماتي"
    # a term added by another connection is found without reopening this one
    with open_store(pg_url) as other:
        other.add(_doc("a4", "وصل الوفد الروسي إلى موسكو مساء الأحد."), ["clean"])
    assert {h.id for h in store.search("موسكو")} == {"a4"}
    store.close()


@pytest.mark.parametrize("evil", ["' OR 1=1 --", "x\"; DROP TABLE events; --", "%", "_", "\\", "$$; DROP TABLE actors; $$",
                                  "KAZ' UNION SELECT * FROM documents --", "?", "%s", "%(x)s"])
def test_injection_strings_are_only_values(pg_url: str, evil: str):
    store = open_store(pg_url)
    store.add(realistic_articles()[0], ["events"])
    for field in ("type", "actor", "country", "modality", "story", "doc_id"):
        assert store.events(EventFilter(**{field: evil})) == []
    assert store.search(evil) == [] and store.get(evil) is None
    assert store.stats()["events"] == 4
    store.close()


@pytest.fixture
def twin_stores(pg_url: str, tmp_path: Path):
    """The same articles, events and stories in a SQLite and a PostgreSQL store."""
    lite = fill_store(tmp_path / "m.db")
    fill_store(pg_url)  # type: ignore[arg-type]
    with open_store(lite) as a, open_store(pg_url) as b:
        yield a, b


FILTERS = [
    EventFilter(), EventFilter(type="consult"), EventFilter(actor="cavusoglu"), EventFilter(actor="المعارضة"),
    EventFilter(country="uzb"), EventFilter(date_from="2022-02"), EventFilter(date_from="2022-01-10", date_to="2022-01-15"),
    EventFilter(modality="negated"), EventFilter(story="kz-unrest", type="AID"), EventFilter(limit=4, offset=4),
    EventFilter(doc_id="eu-sanctions"), EventFilter(country="KAZ", date_to="2022-01-06"),
]


def test_both_backends_answer_every_query_alike(twin_stores):
    lite, pg = twin_stores
    for flt in FILTERS:
        assert pg.events(flt) == lite.events(flt), flt
    assert len(pg.events()) == N_EVENTS
    assert pg.stats() == lite.stats()
    assert pg.documents(3, 1) == lite.documents(3, 1)
    assert sorted(pg.actors(), key=lambda a: a["id"]) == sorted(lite.actors(), key=lambda a: a["id"])
    assert pg.stories() == lite.stories()
    assert list(pg.iter_layers()) == list(lite.iter_layers())
    assert pg.get("kz-csto") == lite.get("kz-csto")
    for query in ("كازخستان", "بروكسل", "عقوبات جديدة", "وزير الخارجيه"):
        found = {h.id: (h.snippet, h.highlights) for h in pg.search(query)}
        assert found == {h.id: (h.snippet, h.highlights) for h in lite.search(query)}, query
        assert found, query
    assert pg.check() == []


def test_the_api_serves_the_same_answers_from_either_backend(twin_stores):
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    lite, pg = twin_stores
    paths = ["/api/stats", "/api/documents?limit=3", "/api/documents/tr-ots", "/api/events?type=CONSULT",
             "/api/events?country=KAZ&limit=5&offset=1", "/api/events/summary", "/api/stories", "/api/actors?limit=500",
             "/api/events/download?format=csv", "/api/events/download?format=jsonl"]
    with TestClient(create_app(lite.path)) as a, TestClient(create_app(pg.url)) as b:
        for path in paths:
            ra, rb = a.get(path), b.get(path)
            assert rb.status_code == 200, (path, rb.text)
            if path.startswith("/api/actors"):
                key = lambda r: sorted(r.json()["items"], key=lambda x: x["id"])  # noqa: E731  ties in any order
                assert key(rb) == key(ra), path
            else:
                assert rb.content == ra.content, path


def _writer(url: str, ids: list[str]) -> None:
    store = open_store(url)
    for i in ids:
        store.add(_doc(i, f"خبر رقم {i}: اجتمع المجلس لبحث الأوضاع في المنطقة {i} مع وفد من كازاخستان."), ["clean"])
        # the same article under a second id: one of the two writers stores it, never both
        store.add(_doc(f"{i}-again", f"خبر رقم {i}: اجتمع المجلس لبحث الأوضاع في المنطقة {i} مع وفد من كازاخستان."),
                  ["clean"])
    store.close()


def test_concurrent_writers_lose_and_duplicate_nothing(pg_url: str):
    open_store(pg_url).close()
    ids = [f"n{i}" for i in range(60)]
    procs = [mp.get_context("fork").Process(target=_writer, args=(pg_url, part))
             for part in (ids[:40], ids[20:], list(reversed(ids)))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with open_store(pg_url) as store:
        assert store.stats()["documents"] == 60
        assert store._value("SELECT count(DISTINCT content_hash) FROM documents") == 60
        assert store.check() == []
        assert len(store.search("كازاخستان", limit=100)) == 60


# -- the command line -------------------------------------------------------------
def marsad(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


def test_run_serve_and_export_with_a_postgresql_store(pg_url: str, tmp_path: Path):
    examples = str(REPO / "examples")
    r = marsad("run", examples, "--db", pg_url, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    again = marsad("run", examples, "--db", pg_url, cwd=tmp_path)
    stats = json.loads(marsad("stats", "--db", pg_url, cwd=tmp_path).stdout)
    assert stats["documents"] >= 5 and f"{stats['documents']} unchanged" in again.stdout
    assert marsad("run", examples, "--db", "m.db", cwd=tmp_path).returncode == 0  # the same into SQLite
    for fmt, table in [("jsonl", "documents"), ("csv", "events"), ("parquet", "mentions"), ("parquet", "documents")]:
        outs = []
        for db in (pg_url, "m.db"):
            out = tmp_path / f"{table}.{len(outs)}.{fmt}"
            e = marsad("export", "--db", db, "--format", fmt, "--table", table, "-o", str(out), cwd=tmp_path)
            assert e.returncode == 0, e.stderr
            outs.append(out)
        if fmt == "parquet":
            pg_rows, lite_rows = (pq.read_table(o).drop_columns(["source_path"] if table == "documents" else [])
                                  .to_pylist() for o in outs)
            assert pg_rows == lite_rows and len(pg_rows) >= (5 if table == "documents" else 1)
        else:
            assert outs[0].read_bytes() == outs[1].read_bytes()

    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", pg_url, "--port", str(port)],
                             cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a loaded machine can take a while to import the server
            try:
                health = _get(base + "/api/health")
                break
            except OSError:
                assert serve.poll() is None, serve.stdout.read() if serve.stdout else ""
                time.sleep(0.1)
        else:
            pytest.fail("marsad serve did not answer within 60 s")
        assert health["read_only"] is True
        assert _get(base + "/api/stats")["documents"] == stats["documents"]
        hits = _get(base + "/api/search?q=" + urllib.parse.quote("ألماتي"))["items"]
        assert hits and all("ألماتي" in h["snippet"] for h in hits)
    finally:
        serve.terminate()
        serve.wait(20)
