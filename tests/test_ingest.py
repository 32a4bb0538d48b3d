"""Ingestion: every format, every encoding, and hostile input reported instead of raised."""
from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import random
import time
import tracemalloc
from pathlib import Path

import pytest

from marsad.ingest import Limits, ReadProblem, iter_documents, normalize_pub_date
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.registry import sniff
from marsad.model import Document
from marsad.pipeline import default_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ARTICLE = (
    "قال وزير الخارجية الكازاخستاني مختار تلوبردي إن الهدوء عاد إلى ألماتي بعد أيام من الاحتجاجات "
    "على رفع أسعار الوقود، وإن الحكومة الجديدة ستعرض برنامجها على البرلمان في نور سلطان."
)
SHORT = "استقالة الحكومة في كازاخستان بعد احتجاجات أكتاو"


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert len(docs) + len(problems) == len(items)
    return docs, problems


def read(*paths, limits=Limits()):
    return split(list(iter_documents(list(paths), limits)))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def html_page(body: str, title: str = "احتجاجات كازاخستان", charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html lang="ar"><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


def paragraphs(n: int = 6) -> str:
    return "".join(f"<p>{ARTICLE} ({i})</p>" for i in range(n))


# --------------------------------------------------------------------------- examples


def test_examples_give_seven_documents_in_every_format():
    docs, problems = read(EXAMPLES)
    assert problems == []
    by_path = {d.source_path.replace(str(EXAMPLES) + os.sep, ""): d for d in docs}
    assert sorted(by_path) == [
        "dump.jsonl#line 1", "dump.jsonl#line 2", "dump.jsonl#line 3",
        "feed_kazakhstan.rss#item 1", "feed_kazakhstan.rss#item 2",
        "page_almaty_protests.html", "resignation_cp1256.txt",
    ]
    assert len({d.id for d in docs}) == 7
    assert by_path["page_almaty_protests.html"].format == "html"
    assert by_path["dump.jsonl#line 2"].format == "html"
    assert by_path["dump.jsonl#line 1"].format == "text"
    assert by_path["dump.jsonl#line 1"].id == "sharq-2022-01-11-ots"
    assert by_path["dump.jsonl#line 3"].pub_date == "2022-01-13"  # given as 13/01/2022
    cp1256 = by_path["resignation_cp1256.txt"]
    assert cp1256.meta["encoding"] == "cp1256"
    assert "قاسم جومارت توكاييف" in cp1256.raw and "استقالة حكومة رئيس الوزراء عسكر مامين" in cp1256.raw
    item = by_path["feed_kazakhstan.rss#item 2"]
    assert item.title == "تشاووش أوغلو يبحث تطورات كازاخستان هاتفيا مع لافروف وبيرموف"
    assert item.url == "https://alrasd-agency.example/news/2022/01/07/cavusoglu-calls"
    assert item.pub_date == "2022-01-07" and item.outlet == "وكالة الرصد الإخبارية"
    assert "<p>" not in item.raw and "سيرغي لافروف" in item.raw


def test_reading_twice_gives_the_same_ids():
    first = [d.id for d in iter_documents([EXAMPLES])]
    second = [d.id for d in iter_documents([str(EXAMPLES)])]
    assert first == second


def test_examples_clean_through_the_pipeline():
    pipeline = default_pipeline()
    docs = {Path(d.source_path).name: pipeline(d) for d in iter_documents([EXAMPLES])}
    page = docs["page_almaty_protests.html"]
    assert "نيكول باشينيان" in page.text and "قوات جماعية لحفظ السلام" in page.text
    for chrome in ("أبو يوسف", "جميع الحقوق", "سياسة الخصوصية", "احتجاجات جاناوزن تمتد"):
        assert chrome not in page.text
    assert page.pub_date == "2022-01-06" and page.author == "سامر الخطيب"
    resignation = docs["resignation_cp1256.txt"]
    assert resignation.credited_source == "وكالات"
    assert "اقرأ أيضا" not in resignation.text
    assert resignation.title == "توكاييف يقبل استقالة الحكومة ويعلن الطوارئ في ألماتي ومانغيستاو"
    html_line = docs["dump.jsonl#line 2"]
    assert html_line.text.startswith("بحث وزراء خارجية منظمة الدول التركية")
    assert "شارك الخبر" not in html_line.text


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (SHORT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SHORT.encode("utf-8"), "utf-8-sig"),
        (SHORT.encode("utf-16"), "utf-16"),  # with a BOM, native order
        (b"\xfe\xff" + SHORT.encode("utf-16-be"), "utf-16"),
        (SHORT.encode("cp1256"), "cp1256"),
        (SHORT.encode("iso-8859-6"), "iso8859-6"),
        ("تعيين إسمايلوف".encode("cp1256"), "cp1256"),  # very short
    ],
)
def test_arabic_encodings_decode_exactly(encoded, expected_encoding):
    text, encoding = decode_bytes(encoded)
    assert text in (SHORT, "تعيين إسمايلوف")
    assert encoding == expected_encoding


def test_encoded_files_decode_through_the_reader(tmp_path):
    write(tmp_path / "a.txt", ARTICLE.encode("cp1256"))
    write(tmp_path / "b.txt", ARTICLE.encode("utf-16"))
    write(tmp_path / "c.txt", ARTICLE.encode("iso-8859-6"))
    docs, problems = read(tmp_path)
    assert problems == [] and [d.raw for d in docs] == [ARTICLE] * 3


def test_html_declared_windows_1256_is_used(tmp_path):
    page = html_page(paragraphs(2), charset="windows-1256")
    docs, _ = read(write(tmp_path / "p.html", page.encode("cp1256")))
    assert docs[0].raw == page and docs[0].format == "html"


def test_a_few_bad_bytes_in_utf8_are_replaced_not_fatal(tmp_path):
    data = ARTICLE.encode("utf-8") + b"\xff" + ARTICLE.encode("utf-8")[:-2]  # stray byte; cut inside the last letter
    docs, problems = read(write(tmp_path / "damaged.txt", data))
    assert problems == []
    assert docs[0].raw.startswith(ARTICLE) and docs[0].raw.count("\ufffd") == 2
    assert "replaced" in docs[0].meta["encoding"]


# --------------------------------------------------------------------------- formats


def test_jsonl_fields_and_html_lines(tmp_path):
    lines = [
        {"id": 17, "text": ARTICLE, "title": "عنوان", "pub_date": "2022-01-11T08:00:00+06:00", "outlet": "الأفق", "section": "آسيا"},
        {"html": html_page(paragraphs()), "pub_date": "غير معروف"},
        {"text": html_page(paragraphs()), "format": "html", "url": "https://x.example/a"},
    ]
    path = write(tmp_path / "d.jsonl", "\n".join(json.dumps(o, ensure_ascii=False) for o in lines) + "\n")
    docs, problems = read(path)
    assert problems == []
    assert [d.format for d in docs] == ["text", "html", "html"]
    assert docs[0].id == "17" and docs[0].pub_date == "2022-01-11" and docs[0].meta == {"section": "آسيا"}
    assert docs[0].title == "عنوان" and docs[0].outlet == "الأفق"
    assert docs[1].pub_date is None and docs[1].meta["pub_date_raw"] == "غير معروف"
    assert docs[1].source_path == f"{path}#line 2" and docs[1].id.startswith("d-")
    assert docs[2].url == "https://x.example/a"


def test_broken_jsonl_lines_are_reported_with_their_numbers(tmp_path):
    good = json.dumps({"id": "ok1", "text": ARTICLE}, ensure_ascii=False)
    lines = [
        good,
        '{"id": "bad", "text": "نص',  # cut off
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "بلا نص"}),
        "",
        json.dumps({"id": "ok2", "text": ARTICLE}, ensure_ascii=False),
        json.dumps({"id": "ok1", "text": "نص آخر"}, ensure_ascii=False),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "long", "text": "ا" * 2000}),
        json.dumps({"id": "ok3", "text": ARTICLE + "\ud800"}),  # lone surrogate escape
    ]
    data = "\n".join(lines).encode("utf-8")
    data += b'\n{"id": "latin1", "text": "caf\xe9"}\n'
    docs, problems = read(write(tmp_path / "dump.jsonl", data), limits=Limits(max_record_bytes=1000))
    assert [d.id for d in docs] == ["ok1", "ok2", "ok3"]
    assert "\ud800" not in docs[2].raw
    reasons = {p.line: p.reason for p in problems}
    assert sorted(reasons) == [2, 3, 4, 7, 8, 9, 10, 12]
    assert reasons[2].startswith("invalid JSON")
    assert "not an object" in reasons[3]
    assert "no 'text'" in reasons[4]
    assert "duplicate id 'ok1'" in reasons[7]
    assert "longer than 1,000 bytes" in reasons[8] and "longer than" in reasons[10]
    assert reasons[9] == "no text"
    assert "UTF-8" in reasons[12]
    assert all(p.path.endswith("dump.jsonl") for p in problems)


def test_deeply_nested_json_line_is_a_problem(tmp_path):
    data = "[" * 200_000 + "]" * 200_000 + "\n" + json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False)
    docs, problems = read(write(tmp_path / "deep.jsonl", data))
    assert [d.id for d in docs] == ["ok"]
    assert problems[0].line == 1 and "nested too deeply" in problems[0].reason


def _warc(records, gz=True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for kind, url, status, content_type, body in records:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1") if kind == "response" else None
        record = writer.create_warc_record(
            url, kind, payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2022-01-12T07:30:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_gz_keeps_successful_html_responses(tmp_path):
    page = html_page(paragraphs())
    data = _warc([
        ("request", "https://news.example/a", None, None, b"GET /a HTTP/1.1\r\n\r\n"),
        ("response", "https://news.example/a", "200 OK", "text/html; charset=utf-8", page.encode("utf-8")),
        ("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("response", "https://news.example/gone", "404 Not Found", "text/html", b"<html>not found</html>"),
        ("response", "https://news.example/b", "200 OK", "text/html; charset=windows-1256", page.encode("cp1256")),
    ])
    path = write(tmp_path / "crawl.warc.gz", data)
    docs, problems = read(path)
    assert problems == []
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.raw == page and d.format == "html" for d in docs)
    assert docs[0].source_path == f"{path}#record 2" and docs[1].source_path == f"{path}#record 5"
    assert docs[0].meta["crawl_date"] == "2022-01-12" and docs[0].pub_date is None
    assert [d.id for d in docs] == [d.id for d in read(path)[0]]


def test_uncompressed_warc_sniffed_without_extension(tmp_path):
    data = _warc([("response", "https://news.example/a", "200 OK", "text/html", html_page(paragraphs()).encode())], gz=False)
    docs, problems = read(write(tmp_path / "crawl_dump", data))
    assert problems == [] and docs[0].url == "https://news.example/a"


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path):
    page = html_page(paragraphs()).encode()
    data = _warc([("response", f"https://news.example/{i}", "200 OK", "text/html", page) for i in range(3)])
    docs, problems = read(write(tmp_path / "cut.warc.gz", data[: len(data) * 3 // 4]))
    assert [d.url for d in docs] == ["https://news.example/0", "https://news.example/1"]
    assert len(problems) == 1 and "gzip" in problems[0].reason


def test_not_a_warc_is_reported(tmp_path):
    docs, problems = read(write(tmp_path / "fake.warc", ARTICLE))
    assert docs == [] and "not a WARC file" in problems[0].reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة تجريبية</title>
<item><title>توكاييف يعلن انسحاب القوات</title><link>https://news.example/1</link>
<pubDate>Tue, 11 Jan 2022 23:30:00 +0600</pubDate><description>&lt;p&gt;{a}&lt;/p&gt;&lt;p&gt;فقرة ثانية.&lt;/p&gt;</description></item>
<item><title>بلا نص</title><link>https://news.example/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>مرصد</title>
<entry><title>اتصال هاتفي</title><link href="https://news.example/atom/1"/><id>urn:x:1</id>
<updated>2022-01-07T10:00:00Z</updated><summary type="text">{a}</summary></entry>
</feed>"""


def test_rss_items_become_documents(tmp_path):
    path = write(tmp_path / "feed.rss", RSS.format(a=ARTICLE))
    docs, problems = read(path)
    assert len(docs) == 1 and docs[0].raw == ARTICLE + "\nفقرة ثانية."
    assert docs[0].title == "توكاييف يعلن انسحاب القوات" and docs[0].url == "https://news.example/1"
    assert docs[0].pub_date == "2022-01-11"  # the feed's own day, not UTC's 2022-01-11T17:30
    assert docs[0].outlet == "وكالة تجريبية" and docs[0].source_path == f"{path}#item 1"
    assert problems == [ReadProblem(f"{path}#item 2", "no text")]


def test_atom_feed_sniffed_from_xml_extension(tmp_path):
    docs, problems = read(write(tmp_path / "feed.xml", ATOM.format(a=ARTICLE)))
    assert problems == [] and docs[0].raw == ARTICLE and docs[0].pub_date == "2022-01-07"
    assert docs[0].url == "https://news.example/atom/1"


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>t</title><item><title>&leak;</title><description>&leak;</description></item></channel></rss>"""

LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY l0 "ha">' + "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
) + ']>\n<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&l9;</description></item></channel></rss>'


def test_xxe_and_billion_laughs_feeds_are_refused(tmp_path):
    secret = write(tmp_path / "secret.txt", "SECRET-FROM-DISK")
    write(tmp_path / "feeds" / "xxe.rss", XXE.format(secret=secret))
    write(tmp_path / "feeds" / "laughs.rss", LAUGHS)
    write(tmp_path / "feeds" / "good.rss", RSS.format(a=ARTICLE))
    started = time.perf_counter()
    docs, problems = read(tmp_path / "feeds")
    assert time.perf_counter() - started < 5
    assert [Path(p.path).name for p in problems] == ["good.rss#item 2", "laughs.rss", "xxe.rss"]
    assert all("refused" in p.reason for p in problems if "item" not in p.path)
    assert len(docs) == 1 and all("SECRET" not in (d.raw + (d.title or "")) for d in docs)


def test_feed_without_items_is_reported(tmp_path):
    _, problems = read(write(tmp_path / "empty.rss", '<?xml version="1.0"?><rss><channel><title>t</title></channel></rss>'))
    assert "no feed items" in problems[0].reason


@pytest.mark.parametrize(
    "head, reader",
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "read_feed"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "read_feed"),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><rss>", "read_feed"),
        (b"  <!DOCTYPE html><html>", "read_html"),
        (b"<html lang='ar'>", "read_html"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo", "read_warc"),
        (b'<?xml version="1.0"?><catalog/>', None),
        (b"just words", None),
    ],
)
def test_sniffing_unknown_extensions(head, reader):
    found = sniff(head)
    assert (found.__name__ if found else None) == reader


# --------------------------------------------------------------------------- hostile input


def test_hostile_batch_keeps_the_good_files(tmp_path):
    rng = random.Random(7)
    good = write(tmp_path / "batch" / "good.txt", ARTICLE)
    write(tmp_path / "batch" / "empty.txt", b"")
    write(tmp_path / "batch" / "blank.txt", b" \n\t\n")
    write(tmp_path / "batch" / "binary.txt", rng.randbytes(4096))
    write(tmp_path / "batch" / "garbage.txt", b"\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\xfe\xff\x00" * 40)
    write(tmp_path / "batch" / "photo.bin", rng.randbytes(512))
    write(tmp_path / "batch" / "page_files" / "style.css", "body{}")  # page asset: passed over silently
    write(tmp_path / "batch" / ".hidden.txt", ARTICLE)
    docs, problems = read(tmp_path / "batch")
    assert [d.source_path for d in docs] == [str(good)]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file" and reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"].startswith(("binary content", "not text"))
    assert reasons["garbage.txt"].startswith(("binary content", "not text"))
    assert reasons["photo.bin"].startswith("unsupported file type")
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "garbage.txt", "photo.bin"}


def test_truncated_html_still_reads_and_cleans(tmp_path):
    page = html_page(paragraphs())
    docs, problems = read(write(tmp_path / "cut.html", page[: len(page) * 2 // 3]))
    assert problems == []
    cleaned = default_pipeline()(docs[0])
    assert ARTICLE in cleaned.text


def _nested_page(depth: int) -> str:
    return "<html><head><title>ت</title></head><body>" + "<div>" * depth + paragraphs() + "</div>" * depth + "</body></html>"


@pytest.mark.parametrize("depth", [200, 5_000, 100_000])
def test_deeply_nested_html_does_not_crash_the_pipeline(tmp_path, depth):
    docs, problems = read(write(tmp_path / "deep.html", _nested_page(depth)))
    assert problems == []
    cleaned = default_pipeline()(docs[0])  # must not raise RecursionError
    assert isinstance(cleaned.text, str)
    if depth == 200:
        assert ARTICLE in cleaned.text


@pytest.mark.parametrize("depth", [300, 5_000])
def test_deeply_nested_html_body_survives_cleaning(depth):
    doc = default_pipeline()(Document(id="deep", raw=_nested_page(depth), format="html"))
    assert ARTICLE in doc.text


def test_gzip_bomb_stops_with_bounded_memory(tmp_path):
    bomb = gzip.compress(("ا " * 1024).encode() * 30_000, compresslevel=9)  # ~120 MB of text in ~120 KB
    assert len(bomb) < 1_000_000
    write(tmp_path / "bomb.txt.gz", bomb)
    write(tmp_path / "fine.txt.gz", gzip.compress(ARTICLE.encode()))
    tracemalloc.start()
    try:
        docs, problems = read(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.raw for d in docs] == [ARTICLE]
    assert Path(problems[0].path).name == "bomb.txt.gz" and "bomb" in problems[0].reason
    assert peak < 40 * 1024 * 1024


def test_gzip_cap_applies_below_the_ratio_floor(tmp_path):
    data = gzip.compress(ARTICLE.encode() * 200)
    docs, problems = read(write(tmp_path / "big.txt.gz", data), limits=Limits(max_file_bytes=10_000))
    assert docs == [] and "more than 10,000 bytes" in problems[0].reason


def test_warc_gz_bomb_stops_after_the_good_records(tmp_path):
    page = html_page(paragraphs()).encode()
    data = _warc([
        ("response", "https://news.example/ok", "200 OK", "text/html", page),
        ("response", "https://news.example/bomb", "200 OK", "text/html", b"<p>" + b"a" * 60_000_000),
    ])
    assert len(data) < 1_000_000
    tracemalloc.start()
    try:
        docs, problems = read(write(tmp_path / "bomb.warc.gz", data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.url for d in docs] == ["https://news.example/ok"]
    assert len(problems) == 1 and "bomb" in problems[0].reason
    assert peak < 60 * 1024 * 1024


def test_warc_record_and_stream_caps(tmp_path):
    page = html_page(paragraphs()).replace("</p>", "</p>\n").encode()
    records = [("response", f"https://news.example/{i}", "200 OK", "text/html", page * (1 + 20 * (i == 1))) for i in range(4)]
    path = write(tmp_path / "c.warc", _warc(records, gz=False))
    docs, problems = read(path, limits=Limits(max_record_bytes=len(page) * 5))
    assert [d.url for d in docs] == ["https://news.example/0", "https://news.example/2", "https://news.example/3"]
    assert problems == [ReadProblem(f"{path}#record 2", f"record body larger than {len(page) * 5:,} bytes")]
    docs, problems = read(path, limits=Limits(max_stream_bytes=len(page) * 3))
    assert len(docs) == 1 and "stopped reading" in problems[0].reason


def test_oversized_file_and_text_limits(tmp_path):
    write(tmp_path / "big.html", html_page(paragraphs(50)))
    write(tmp_path / "long.txt", ARTICLE * 8)
    limits = Limits(max_file_bytes=5_000, max_text_chars=1_000)
    docs, problems = read(tmp_path / "big.html", tmp_path / "long.txt", limits=limits)
    assert docs == []
    assert "over the 5,000-byte limit" in problems[0].reason
    assert "longer than 1,000 characters" in problems[1].reason


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    """Tests run as root, where chmod 000 does not stop reading: the open() call is made to fail instead."""
    locked = write(tmp_path / "locked.txt", ARTICLE)
    write(tmp_path / "open.txt", ARTICLE)
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(os.fspath(file)) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    docs, problems = read(tmp_path)
    assert [Path(d.source_path).name for d in docs] == ["open.txt"]
    assert problems == [ReadProblem(str(locked), "cannot read: Permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files; covered by the open() test above")
def test_chmod_000_file_is_reported(tmp_path):
    locked = write(tmp_path / "locked.txt", ARTICLE)
    locked.chmod(0)
    try:
        docs, problems = read(locked)
    finally:
        locked.chmod(0o644)
    assert docs == [] and "Permission denied" in problems[0].reason


def test_folder_named_like_a_file_is_walked(tmp_path):
    write(tmp_path / "article.txt" / "inner.txt", ARTICLE)
    docs, problems = read(tmp_path / "article.txt")
    assert problems == [] and docs[0].raw == ARTICLE


def test_symlink_loops_and_broken_links_do_not_hang(tmp_path):
    root = tmp_path / "root"
    write(root / "sub" / "a.txt", ARTICLE)
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # root/sub/back -> root
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "twin.txt").symlink_to(root / "sub" / "a.txt")  # a second name for a file
    docs, problems = read(root)
    assert len(docs) == 1 and docs[0].raw == ARTICLE
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert reasons["back"].startswith("symbolic link loop")
    assert reasons["self.txt"].startswith("symbolic link loop")
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["twin.txt"].startswith("same file as")


def test_fifo_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "x.txt", ARTICLE)
    docs, problems = read(tmp_path)
    assert len(docs) == 1 and "not a regular file" in problems[0].reason


def test_missing_path_is_reported():
    docs, problems = read("/nonexistent/marsad/article.txt")
    assert docs == [] and "No such file" in problems[0].reason


def test_a_reader_crash_costs_one_file(tmp_path, monkeypatch):
    import marsad.ingest.registry as registry

    def broken_reader(source):
        raise KeyError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(registry.READERS_BY_EXTENSION, ".txt", broken_reader)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.html", html_page(paragraphs()))
    docs, problems = read(tmp_path)
    assert [Path(d.source_path).name for d in docs] == ["b.html"]
    assert problems[0].reason == "unexpected KeyError: 'boom'"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-01-11", "2022-01-11"),
        ("2022-01-11T23:30:00+06:00", "2022-01-11"),
        ("2022/1/5", "2022-01-05"),
        ("05/01/2022", "2022-01-05"),  # day first
        ("٠٥-٠١-٢٠٢٢", "2022-01-05"),
        ("Wed, 05 Jan 2022 23:30:00 +0600", "2022-01-05"),
        ("2022-02-30", None),
        ("الخميس الماضي", None),
        ("", None),
        (None, None),
    ],
)
def test_pub_date_normalisation(value, expected):
    assert normalize_pub_date(value) == expected
