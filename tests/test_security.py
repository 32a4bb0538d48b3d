"""Security: who may write, where the server listens, how much it reads, what reaches SQL,
XML parsers and the browser, and which files a request can reach.

Each test attacks the running code (the app, a real `marsad serve`, the
readers, Chromium); none inspects configuration alone.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

fastapi = pytest.importorskip("fastapi", reason="fastapi is not installed (pip install fastapi)")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.api import create_app  # noqa: E402
from marsad.ingest import iter_documents  # noqa: E402
from marsad.model import Actor, Document, Location, Story  # noqa: E402
from marsad.pipeline import reading_pipeline  # noqa: E402
from marsad.store import EventFilter, open_store  # noqa: E402

from test_api import INJECTIONS, Ev, article, fill_store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "security-test-token"
ENV = dict(os.environ, PYTHONPATH=str(REPO))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("sec") / "marsad.db")


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(fill_store(tmp_path / "w.db")), token=TOKEN, read_only=False)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The real command, `marsad serve`, in a subprocess."""

    def __init__(self, *args: str):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--port", str(self.port), *args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read())  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("marsad serve did not start")

    def raw(self, request: bytes, timeout: float = 10) -> bytes:
        """Send bytes as they are (no client normalises the path) and read the whole answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(request)
            chunks = []
            try:
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
            except (TimeoutError, ConnectionResetError):
                pass
        return b"".join(chunks)

    def get(self, target: str) -> tuple[int, bytes]:
        answer = self.raw(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
        return status_of(answer), answer.partition(b"\r\n\r\n")[2]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def status_of(answer: bytes) -> int:
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(m.group(1)) if m else 0


@pytest.fixture(scope="module")
def live(db: Path) -> Iterator[LiveServer]:
    server = LiveServer("--db", str(db), "--token", TOKEN)
    yield server
    server.stop()


# -- writes need the token ---------------------------------------------------------
ARTICLE = {"text": "أعلن الرئيس الكازاخي رفع حالة الطوارئ في مدينة ألماتي بعد عودة الهدوء.", "pub_date": "2022-01-19"}


def operations(app) -> list[tuple[str, str]]:
    """(METHOD, path) of every operation the app serves, from its OpenAPI description."""
    return [(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops]


def write_routes(app) -> list[tuple[str, str]]:
    return [(m, p) for m, p in operations(app) if m not in ("GET", "HEAD")]


def test_every_write_route_refuses_a_missing_or_wrong_token(writable: TestClient) -> None:
    routes = write_routes(writable.app)
    assert routes, "the API has no write route to check"
    for method, path in routes:
        url = path.replace("{doc_id}", "x")
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-API-Token": ""},
                        {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"}):
            r = writable.request(method, url, json=ARTICLE, headers=headers)
            assert r.status_code == 401, (method, path, headers, r.status_code)
            assert TOKEN not in r.text  # the refusal never echoes the secret
    assert writable.get("/api/stats").json()["documents"] == 5  # nothing was written


def test_a_read_only_server_refuses_every_write_even_with_a_token(db: Path) -> None:
    with TestClient(create_app(str(db), token=TOKEN, read_only=True)) as c:
        for method, path in write_routes(c.app):
            r = c.request(method, path.replace("{doc_id}", "x"), json=ARTICLE,
                          headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 403, (method, path)


def test_read_routes_do_not_accept_other_methods(db: Path) -> None:
    with TestClient(create_app(str(db), token=TOKEN, read_only=False)) as c:
        served = operations(c.app)
        assert len(served) >= 10
        for path in {p for _, p in served} | {"/", "/docs"}:
            for method in {"POST", "PUT", "PATCH", "DELETE"} - {m for m, p in served if p == path}:
                r = c.request(method, path.replace("{doc_id}", "kz-csto"), json={},
                              headers={"Authorization": f"Bearer {TOKEN}"})
                assert r.status_code == 405, (method, path, r.status_code)
        for path in ("/static/js/main.js", "/api/docs-assets/swagger-ui.css"):
            assert c.put(path, content=b"x").status_code in (405, 411)


def test_no_cross_origin_reads_or_writes_are_allowed(writable: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    assert "access-control-allow-origin" not in writable.get("/api/events", headers=origin).headers
    pre = writable.options("/api/documents", headers=origin | {"Access-Control-Request-Method": "POST",
                                                              "Access-Control-Request-Headers": "authorization"})
    assert "access-control-allow-origin" not in pre.headers and pre.status_code != 200
    # a form post from another site cannot carry the token and is not JSON
    form = writable.post("/api/documents", content=b"text=x", headers=origin | {"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 401


# -- where the server listens ------------------------------------------------------------
def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on ``port`` (Linux /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_marsad_serve_listens_on_loopback_only_by_default(live: LiveServer) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp on this system")
    assert listening_addresses(live.port) == {"0100007F"}  # 127.0.0.1, nothing on 0.0.0.0 or ::
    status, body = live.get("/api/health")
    assert status == 200 and json.loads(body)["writes_enabled"] is True


# -- request size limits -------------------------------------------------------------------
def test_oversized_and_unsized_bodies_are_refused_before_they_are_read(live: LiveServer) -> None:
    from marsad.api.submit import MAX_BODY_BYTES

    auth = f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
    # announced as too big: refused on the headers alone (only a few bytes of body are sent)
    head = f"POST /api/documents HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: {MAX_BODY_BYTES + 1}\r\nConnection: close\r\n\r\n"
    assert status_of(live.raw(head.encode() + b'{"text": "')) == 413
    # no length at all (chunked): refused
    chunked = f"POST /api/documents HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    assert status_of(live.raw(chunked.encode() + b"5\r\n{\"a\":\r\n0\r\n\r\n")) == 411
    # a header block of 200 KB: refused by the HTTP layer, and the server goes on
    huge = "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + "".join(f"X-Pad-{i}: {'a' * 1000}\r\n" for i in range(200)) + "\r\n"
    assert status_of(live.raw(huge.encode())) in (0, 400, 413, 431)
    # a 100 KB query string
    assert live.get("/api/search?q=" + "%D9%83" * 50_000)[0] in (0, 400, 414, 422, 431)
    assert live.get("/api/health")[0] == 200


def test_a_body_longer_than_its_content_length_is_cut_not_read(live: LiveServer) -> None:
    body = json.dumps(ARTICLE).encode()
    smuggled = b"GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n"
    head = (f"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    answer = live.raw(head.encode() + body + smuggled)
    assert status_of(answer) == 401 and answer.count(b"HTTP/1.1 ") == 1  # the extra bytes were not served


@pytest.mark.parametrize("body", [b"[" * 300_000 + b"]" * 300_000, b'{"text": ' + b"{\"a\":" * 100_000 + b"1" + b"}" * 100_001,
                                  b'{"text": "\xff\xfe\xfd"}', b'{"text": "\\udfff\\ud800"}', b"\x00" * 1000,
                                  b'{"text": 1e99999}', b'{"text": "' + "ب".encode() * 250_000 + b'"}'])
def test_hostile_bodies_are_client_errors_not_crashes(writable: TestClient, body: bytes) -> None:
    r = writable.post("/api/documents", content=body,
                      headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])
    assert writable.get("/api/stats").json()["documents"] == 5


@pytest.mark.parametrize("query", ["q=%ff%fe", "q=%ED%A0%80", "q=%00", "q=" + "%D9%83" * 250])
def test_undecodable_query_strings_are_client_errors_or_empty(db: Path, query: str) -> None:
    with TestClient(create_app(str(db))) as c:
        assert c.get("/api/search?" + query).status_code in (200, 422)
        assert c.get("/api/events?" + query.replace("q=", "actor=")).status_code in (200, 422)
        assert c.get("/api/documents/" + query[2:]).status_code == 404


# -- SQL gets values only as parameters --------------------------------------------------
class RecordingConnection:
    """Wraps a sqlite3 connection and keeps the text of every statement it is given."""

    def __init__(self, inner):
        self._inner = inner
        self.statements: list[str] = []

    def execute(self, sql, params=()):
        self.statements.append(sql)
        return self._inner.execute(sql, params)

    def executemany(self, sql, rows):
        self.statements.append(sql)
        return self._inner.executemany(sql, rows)

    def executescript(self, sql):
        self.statements.append(sql)
        return self._inner.executescript(sql)

    def __getattr__(self, name):
        return getattr(self._inner, name)


MARKER = "zq9marker"
EVIL = [f"{MARKER}' OR '1'='1", f"{MARKER}\"; DROP TABLE events; --", f"{MARKER}%_\\", f"{MARKER}') OR ('a'='a",
        f"{MARKER} NEAR(a b) *", f"{MARKER}كازاخستان' --", f"{MARKER}\x00", f"{MARKER}' UNION SELECT * FROM documents --"]


def test_values_never_become_sql_text(tmp_path: Path) -> None:
    """Every filter, search, id and document field carries an injection string with a marker;
    the marker must never appear in the text of any statement the store runs."""
    store = open_store(fill_store(tmp_path / "m.db"))
    spy = RecordingConnection(store.db)
    store.db = spy  # type: ignore[attr-defined]
    tried = 0
    for evil in EVIL:
        for name in ("type", "actor", "country", "date_from", "date_to", "modality", "story", "doc_id"):
            found = store.events(EventFilter(**{name: evil}))
            # matched literally: nothing has these values (every stored date sorts before "z…")
            assert found == [] or (name == "date_to" and len(found) == 15)
            tried += 1
        store.search(evil)
        assert store.get(evil) is None
        tried += 2
        doc = reading_pipeline()(Document(id=evil, raw="خبر عن " + evil, title=evil, outlet=evil, url=evil, pub_date=evil))
        assert store.add(doc, [evil]) == "added"
        assert store.get(evil)["text"] == doc.text
        store.save_stories([Story(evil, [evil], evil, evil, evil, evil)], {evil: evil})
        tried += 3
    store.actors(5), store.stories(5), store.documents(5, 0), store.stats(), list(store.iter_layers())
    assert spy.statements
    leaked = [s for s in spy.statements if MARKER in s]
    assert leaked == []
    assert store.stats()["events"] == 15 and store.check() == []
    print(f"\n{tried} injection attempts, {len(spy.statements)} statements, none carried a value")


def test_api_query_values_never_become_sql_text(db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(str(fill_store(tmp_path / "api.db")), token=TOKEN, read_only=False)) as c:
        backend = c.app.state.backend
        spy = RecordingConnection(backend.store.db)
        backend.store.db = spy
        for value in dict.fromkeys(e if MARKER in e else MARKER + e for e in EVIL + INJECTIONS):
            for name in ("type", "actor", "country", "from", "to", "modality", "story", "doc"):
                for path in ("/api/events", "/api/events/summary", "/api/events/download"):
                    assert c.get(path, params={name: value.replace("\x00", "")}).status_code in (200, 422)
            assert c.get("/api/search", params={"q": value.replace("\x00", "")}).status_code == 200
            assert c.get("/api/documents/" + value.replace("%", "%25").replace("\x00", "")).status_code == 404
            r = c.post("/api/documents", json={"id": value.replace("\x00", ""), "text": "خبر عن " + value, "title": value},
                       headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 201, r.text
        assert [s for s in spy.statements if MARKER in s] == []
        assert c.get("/api/stats").json()["events"] == 15


# -- no XML entity is expanded anywhere ------------------------------------------------------
@pytest.fixture()
def secret(tmp_path: Path) -> tuple[Path, str]:
    value = f"SECRET-{uuid.uuid4().hex}"
    path = tmp_path / "secret.txt"
    path.write_text(value)
    return path, value


def xxe_inputs(secret_path: Path) -> dict[str, bytes]:
    """The same attacks in every format marsad reads XML or HTML from."""
    laughs = "<!ENTITY l0 'ضحك'>" + "".join(f"<!ENTITY l{i} '{'&l%d;' % (i - 1) * 10}'>" for i in range(1, 8))
    external = f"<!ENTITY leak SYSTEM 'file://{secret_path}'>"
    param = f"<!ENTITY % p SYSTEM 'file://{secret_path}'> %p;"
    body = "أعلنت الحكومة استقالتها &leak; بعد الاحتجاجات &l7;"
    rss = (f"<?xml version='1.0' encoding='utf-8'?><!DOCTYPE rss [{external}{laughs}]><rss version='2.0'><channel>"
           f"<title>&leak;</title><item><title>&l7;</title><description>{body}</description></item></channel></rss>")
    html = (f"<!DOCTYPE html [{external}{laughs}]><html><head><title>&leak;</title></head><body><article>"
            f"<p>{body}</p><p>وقال المتحدث إن الوضع هادئ &l7; في المدينة.</p></article></body></html>")
    xhtml = f"<?xml version='1.0'?><!DOCTYPE html [{external}{param}]><html xmlns='http://www.w3.org/1999/xhtml'><body><p>{body}</p></body></html>"
    dtd = f"<?xml version='1.0'?><!DOCTYPE rss SYSTEM 'file://{secret_path}'><rss><channel><item><description>نص</description></item></channel></rss>"
    xinclude = (f"<?xml version='1.0'?><rss xmlns:xi='http://www.w3.org/2001/XInclude'><channel><item><description>"
                f"<xi:include href='file://{secret_path}' parse='text'/> نص الخبر</description></item></channel></rss>")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for ctype, page in (("text/html", html), ("application/xhtml+xml", xhtml)):
        writer.write_record(writer.create_warc_record(
            "https://news.example/x", "response", payload=io.BytesIO(page.encode()),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")))
    return {
        "feed.rss": rss.encode(), "feed-utf16.xml": rss.replace("utf-8", "utf-16").encode("utf-16"),
        "feed-lead.rss": b"\n\n  " + rss.encode(), "feed-bom.rss": b"\xef\xbb\xbf" + rss.encode(),
        "feed.rss.gz": gzip.compress(rss.encode()), "feed-dtd.rss": dtd.encode(), "feed-xi.rss": xinclude.encode(),
        "feed-param.atom": xhtml.replace("html", "feed").encode(),
        "page.html": html.encode(), "page.xhtml": xhtml.encode(), "page-noext": html.encode(),
        "crawl.warc.gz": buf.getvalue(),
        "dump.jsonl": (json.dumps({"id": "j1", "html": html}) + "\n" + json.dumps({"id": "j2", "text": rss, "format": "html"})).encode(),
    }


def test_no_entity_is_expanded_or_external_file_read_in_any_format(tmp_path: Path, secret: tuple[Path, str]) -> None:
    secret_path, value = secret
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in xxe_inputs(secret_path).items():
        (folder / name).write_bytes(data)
    pipeline = reading_pipeline()
    seen = 0
    for item in iter_documents([folder]):
        if isinstance(item, Document):
            doc = pipeline(item)
            everything = json.dumps([doc.raw, doc.text, doc.title, doc.outlet, doc.meta], ensure_ascii=False, default=str)
            assert value not in everything, item.source_path
            assert "ضحكضحك" not in everything, item.source_path  # not one level of the laugh was expanded
            seen += 1
    assert seen >= 4  # the HTML pages, WARC records and JSON lines are read (feeds with entities are refused)


def test_no_entity_is_expanded_in_a_submitted_html_article(writable: TestClient, secret: tuple[Path, str]) -> None:
    secret_path, value = secret
    page = xxe_inputs(secret_path)["page.html"].decode()
    r = writable.post("/api/documents", json={"text": page, "format": "html"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (201, 422), r.text
    assert value not in r.text and "ضحكضحك" not in r.text


# -- requests cannot reach files outside the served folders --------------------------------
TRAVERSALS = ["/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py",
              "/static/....//....//api/app.py", "/static/..\\..\\api\\app.py", "/static//etc/passwd",
              "/static/%252e%252e/%252e%252e/api/app.py", "/api/docs-assets/../../../../etc/passwd",
              "/api/docs-assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/js/../../../api/app.py",
              "/api/documents/../../../etc/passwd", "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/static/%00../../etc/passwd", "/static/js/main.js%00.txt"]


def test_the_served_folders_are_served(live: LiveServer) -> None:
    # so that the refusals below are refusals of the path, not of every file
    assert live.get("/static/js/main.js")[0] == 200 and live.get("/static/js/../js/main.js")[0] == 200
    assert live.get("/api/documents/kz-csto")[0] == 200


@pytest.mark.parametrize("target", TRAVERSALS)
def test_paths_cannot_escape_the_served_folders(live: LiveServer, target: str) -> None:
    status, body = live.get(target)
    assert b"root:x:0:0" not in body and b"def create_app" not in body, (target, status)
    assert status in (400, 404, 405, 422), (target, status)


def test_document_ids_are_never_file_names(writable: TestClient, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for doc_id in ("../../escape", "/tmp/escape", "..\\..\\escape", "x/../../y"):
        r = writable.post("/api/documents", json={"id": doc_id, **ARTICLE, "text": ARTICLE["text"] + doc_id},
                          headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201 and r.json()["id"] == doc_id
        assert writable.get("/api/documents/" + doc_id.replace("\\", "%5C")).status_code in (200, 404)
    created = sorted(p.name for p in tmp_path.rglob("*"))
    assert set(created) - set(before) <= {"w.db-journal"}  # only the store's own files change
    assert not Path("/tmp/escape").exists() and not (tmp_path.parent / "escape").exists()


# -- the dashboard escapes what articles contain -----------------------------------------------
def test_dashboard_scripts_never_parse_strings_as_html() -> None:
    from marsad.web import static_dir

    sinks = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc|"
                       r"createContextualFragment|DOMParser")
    modules = sorted((static_dir() / "js").glob("*.js"))
    assert len(modules) >= 5
    offenders = {m.name: sinks.findall(m.read_text("utf-8")) for m in modules}
    assert {k: v for k, v in offenders.items() if v} == {}


PAYLOADS = ['<img src=x onerror="alert(11)">', "<script>alert(12)</script>", '"><svg onload=alert(13)>',
            "<iframe src=javascript:alert(14)></iframe>", "javascript:alert(15)", "{{constructor.constructor('alert(16)')()}}"]


def hostile_articles() -> list[Document]:
    """Articles whose every shown field carries markup: title, outlet, author, body, evidence,
    actor words and names, place names, story labels, id."""
    p0, p1, p2, p3, p4, p5 = PAYLOADS
    who = Actor(f"Minister {p1}", "KAZ", "GOV", "PERS")
    place = Location(f"Almaty {p2}", "KAZ", 43.25, 76.92, None, f"ألماتي {p0}")
    doc = article(f"evil-{p3}", f"عنوان {p0} خبيث", "2022-01-21", [
        f"قال الوزير {p1} إن الحكومة {p0} ستفرض حظر التجول في ألماتي {p2} بدءا من الليلة.",
        f"وطالب الوزير {p5} المواطنين بالبقاء في منازلهم {p3}.",
    ], [
        Ev("THREATEN", f"الحكومة {p0} ستفرض حظر التجول في ألماتي {p2}", (f"الوزير {p1}", who),
           (f"ألماتي {p2}", Actor(p0, "KAZ", "CVL", "GROUP")), "2022-01-21", "future", location=place),
        Ev("REQUEST", f"طالب الوزير {p5} المواطنين بالبقاء في منازلهم {p3}", (f"الوزير {p5}", who),
           ("المواطنين", Actor(None, "KAZ", "CVL", "GROUP")), "2022-01-21"),
    ], url=p4, outlet=f"وكالة {p1}")
    doc.author = p2
    doc.credited_source = p0
    return [doc]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("hostile") / "h.db"
    with open_store(path) as store:
        for doc in hostile_articles():
            store.add(doc, ["test"])
        store.save_stories([Story(f"story-{PAYLOADS[0]}", [hostile_articles()[0].id], f"قصة {PAYLOADS[1]}",
                                  f"story {PAYLOADS[2]}", "2022-01-21", "2022-01-21")], {})
    server = LiveServer("--db", str(path))
    yield f"http://127.0.0.1:{server.port}"
    server.stop()


@pytest.fixture(scope="module")
def chromium_page(hostile_url: str) -> Iterator[object]:
    from browser_support import CHROMIUM, CHROMIUM_ARGS, chromium_missing, watch_page

    if chromium_missing():
        pytest.skip(chromium_missing())
    from playwright import sync_api

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = watch_page(browser.new_page(viewport={"width": 1366, "height": 900}))
        yield page
        browser.close()


INJECTED = "main script, main img, main iframe, main svg script, main [onerror], main [onload], main foreignObject"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_markup_in_every_article_field_is_shown_as_text(chromium_page, hostile_url: str, lang: str) -> None:
    page = chromium_page
    doc = hostile_articles()[0]
    views = [("#/", "main[data-ready=true]"), ("#/?story=" + quote(f"story-{PAYLOADS[0]}", safe=""), "main[data-ready=true]"),
             ("#/docs", "main[data-ready=true]"), ("#/docs?q=" + quote("الوزير"), "main[data-ready=true]"),
             ("#/docs?q=" + quote(PAYLOADS[1], safe=""), "main[data-ready=true]"),
             ("#/doc/" + quote(doc.id, safe="") + "?event=0", "main[data-view=doc][data-ready=true]")]
    for hash_, ready in views:
        page.goto("about:blank")  # a fresh load each time: no stale view is mistaken for the new one
        page.goto(f"{hostile_url}/?lang={lang}{hash_}")
        page.wait_for_selector(ready)
        assert page.locator(INJECTED).count() == 0, hash_
        assert page.locator("a[href^='javascript'], main [href^='data:'], [src^='javascript']").count() == 0, hash_
    # on the article view the markup is visible as the literal characters it is
    text = page.locator("main").inner_text()
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[5]):
        assert payload in text
    assert page.locator(".article-text mark.active").count() > 0
    page.locator(".event-card").nth(1).click()
    assert page.locator(INJECTED).count() == 0
    assert page.dialogs == [], f"a script ran: {page.dialogs}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"
