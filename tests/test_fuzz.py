"""Property-based fuzzing of every reader and the text layer (hypothesis).

What the web serves is arbitrary: bytes in any (or no) encoding, bidi
controls, zero-width joiners, stacked combining marks, Arabic presentation
forms, lone surrogates escaped in JSON, lines megabytes long.  The invariants
checked on all of it:

* readers raise nothing but marsad's own ReadError (which the registry turns
  into a reported problem); every Document they yield is storable text;
* every offset of every layer maps back into ``Document.text``;
* normalisation is idempotent and its offset map is monotone and in range;
* whatever a reader yields can be cleaned, split and stored, and comes back.

Example counts are bounded for CI; ``HYPOTHESIS_PROFILE=long`` runs ten times more.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.ingest import Limits, ReadProblem
from marsad.ingest.base import ReadError
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import fragment_to_text, read_html
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.pubdate import normalize_pub_date
from marsad.ingest.registry import read_file, sniff
from marsad.ingest.source import Source
from marsad.ingest.text import read_text
from marsad.ingest.warc import read_warc
from marsad.model import Document
from marsad.pipeline import default_pipeline, reading_pipeline
from marsad.store import open_store
from marsad.store.search import fts_query, index_terms, query_terms, snippet
from marsad.text.clean import clean_lines
from marsad.text.normalize import map_span, normalize, normalize_with_offsets
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize, word_variants

settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SLOW = settings(max_examples=max(10, settings().max_examples // 4))  # the full pipeline and trafilatura

# -- what hostile text is made of ------------------------------------------------
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ARABIC_MARKS = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u06d6\u06dc\u0640"
LATIN_MARKS = "".join(map(chr, range(0x0300, 0x0370, 7)))
SEPARATORS = " \t\n\r\x0b\x0c\x85\u00a0\u2028\u2029\u3000"
PUNCTUATION = ".!?؟،؛:«»\"'()[]<>&;/-…*^:%_\\"
LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىةکیپچگ" + "abcXYZ" + "٠١٢٣٤٥٦٧٨٩۰۴0123456789"
PRESENTATION = "\ufb50\ufb8e\ufdf2\ufdfa\ufdfb\ufe8d\ufe91\ufeea\ufef5\ufefb\ufefc\ufd3e\ufbc2"
CONTROLS = "\x00\x01\x08\x1b\x7f"

hostile_char = st.one_of(
    st.sampled_from(LETTERS), st.sampled_from(LETTERS), st.sampled_from(BIDI + INVISIBLE),
    st.sampled_from(ARABIC_MARKS + LATIN_MARKS), st.sampled_from(SEPARATORS), st.sampled_from(PUNCTUATION),
    st.sampled_from(PRESENTATION + CONTROLS), st.characters(codec="utf-8"),
)
hostile_text = st.text(hostile_char, max_size=300)
# lone surrogates only exist in Python strings (and JSON escapes), never in UTF-8
surrogate_text = st.lists(st.one_of(hostile_char, st.sampled_from("\ud800\udbff\udc00\udfff")), max_size=120).map("".join)

ARABIC_SENTENCE = "قال وزير الخارجية التركي إن بلاده تقف إلى جانب كازاخستان في 11 يناير 2022."


def arabicish() -> st.SearchStrategy[str]:
    """Realistic sentences with hostile characters spliced in, so later stages see words, not only noise."""
    return st.lists(st.one_of(st.just(ARABIC_SENTENCE), st.just(" أمس "), st.just("\n"), hostile_text),
                    min_size=1, max_size=6).map("".join)


def storable(value: object) -> bool:
    """True when every string inside ``value`` encodes as UTF-8 (what SQLite and JSON output need)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(storable(k) and storable(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(storable(v) for v in value)
    return True


# -- normalisation, tokens, sentences --------------------------------------------
@given(surrogate_text)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(surrogate_text, st.data())
def test_normalize_offsets_map_back_into_the_text(text: str, data: st.DataObject) -> None:
    folded, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(folded) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets[:-1])
    assert folded == normalize(text)  # the same folding with and without offsets
    assert normalize(folded) == folded  # the folded form is already fully folded
    i = data.draw(st.integers(0, len(folded)))
    j = data.draw(st.integers(i, len(folded)))
    start, end = map_span(offsets, i, j)
    assert 0 <= start <= end <= len(text)
    # every folded character in the span comes from an original character inside the mapped span
    assert all(start <= offsets[k] < end for k in range(i, j))


@given(surrogate_text, st.integers(0, 10_000))
def test_tokens_are_slices_of_the_text(text: str, shift: int) -> None:
    tokens = tokenize(text, offset=shift)
    last_end = shift
    for tok in tokens:
        assert text[tok.start - shift:tok.end - shift] == tok.text
        assert last_end <= tok.start < tok.end
        assert tok.norm and tok.norm == normalize(tok.text)
        assert tok.stem and tok.norm.endswith(tok.stem) and tok.prefix + tok.stem == tok.norm
        assert word_variants(tok.norm)[0] == tok.norm
        last_end = tok.end


@given(arabicish())
def test_sentences_and_their_tokens_are_slices_of_the_text(text: str) -> None:
    # the text layer sees text after the clean stage; line breaks there are "\n" only
    text = clean_lines(text)[0]
    last_end = 0
    for s in split_sentences(text):
        assert 0 <= last_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        for tok in s.tokens:
            assert s.start <= tok.start < tok.end <= s.end and text[tok.start:tok.end] == tok.text
        last_end = s.end


@given(surrogate_text)
def test_line_cleaning_is_idempotent(text: str) -> None:
    body, removed, credited = clean_lines(text)
    assert "\r" not in body and "\n\n" not in body
    assert clean_lines(body)[0] == body
    assert credited is None or isinstance(credited, str)


@given(surrogate_text)
def test_reading_pipeline_accepts_any_string(text: str) -> None:
    doc = reading_pipeline()(Document(id="fuzz", raw=text, format="text"))
    assert storable(doc.text) and storable(doc.title) and storable(doc.outlet)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text


@SLOW
@given(arabicish(), st.sampled_from(["text", "html"]))
def test_every_layer_of_the_full_pipeline_indexes_into_the_text(text: str, fmt: str) -> None:
    raw = f"<html><body><article><p>{text}</p><p>{ARABIC_SENTENCE}</p></article></body></html>" if fmt == "html" else text
    doc = default_pipeline()(Document(id="fuzz", raw=raw, format=fmt, pub_date="2022-01-11"))
    n = len(doc.text)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    for m in doc.mentions:
        assert 0 <= m.start <= m.end <= n and doc.text[m.start:m.end] == m.text
    for d in doc.dates:
        assert 0 <= d.start <= d.end <= n and doc.text[d.start:d.end] == d.text
    for q in doc.quotes:
        assert 0 <= q.start <= q.end <= n
    for e in doc.events:
        for span in e.evidence:
            assert doc.text[span.start:span.end] == span.text


# -- small readers and helpers ---------------------------------------------------------
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(["cp1256", "iso-8859-6", "utf-16", "x-bogus", ""])))
def test_decoding_any_bytes_gives_text_or_a_read_error(data: bytes, declared: str | None) -> None:
    try:
        text, encoding = decode_bytes(data, declared)
    except ReadError:
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@given(st.one_of(surrogate_text, st.datetimes().map(str), st.integers(), st.none(), st.lists(st.integers())))
def test_publication_dates_are_iso_or_none(value: object) -> None:
    out = normalize_pub_date(value)
    assert out is None or (len(out) == 10 and out[4] == "-" and out[7] == "-")


@given(st.binary(max_size=600))
def test_sniffing_any_head(head: bytes) -> None:
    sniff(head)


@given(st.lists(st.one_of(hostile_text, st.sampled_from(["<p>", "</p>", "<br>", "<script>", "&amp;", "&#0;", "<!--",
                                                        "<![CDATA[", "<div", ">", "&#xd800;", "<b><i>"])), max_size=30).map("".join))
def test_feed_html_fragments_flatten_to_text(fragment: str) -> None:
    assert isinstance(fragment_to_text(fragment), str)


# -- whole readers on arbitrary files ----------------------------------------------------
SMALL = Limits(max_file_bytes=200_000, max_text_chars=100_000, max_stream_bytes=400_000, max_record_bytes=20_000)
READERS = {".txt": read_text, ".html": read_html, ".jsonl": read_jsonl, ".warc": read_warc, ".rss": read_feed}


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(tmp_path_factory.mktemp("fuzzdb") / "fuzz.db")
    yield store
    assert store.check() == []
    store.close()


def read_strictly(path: Path, ext: str) -> list[Document | ReadProblem]:
    """Run the reader for ``ext`` directly: anything but a ReadError escaping it is a bug."""
    try:
        items = list(READERS[ext](Source(path, SMALL)))
    except ReadError:
        return []
    for item in items:
        assert isinstance(item, (Document, ReadProblem))
        if isinstance(item, Document):
            assert item.raw.strip() and item.id
            assert storable(item.raw) and storable(item.id) and storable(item.title) and storable(item.url)
            assert storable(item.outlet) and storable(item.author) and storable(item.source_path)
    return items


def store_all(items: list[Document | ReadProblem], store) -> None:
    """What `marsad ingest` does with each document: clean, split, store, and find it again."""
    pipeline = reading_pipeline()
    for item in items:
        if isinstance(item, Document):
            doc = pipeline(item)
            if doc.text.strip():
                outcome = store.add(doc, pipeline.names)
                assert outcome in ("added", "updated", "unchanged", "duplicate")
                if outcome != "duplicate":
                    assert store.get(doc.id)["text"] == doc.text


def write_file(folder: Path, name: str, data: bytes, gz: bool) -> Path:
    path = folder / (name + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


@given(st.binary(max_size=3000), st.sampled_from(sorted(READERS)), st.booleans())
def test_every_reader_on_arbitrary_bytes(fuzz_dir: Path, data: bytes, ext: str, gz: bool) -> None:
    read_strictly(write_file(fuzz_dir, "any" + ext, data, gz), ext)


@given(st.binary(max_size=3000))
def test_sniffed_file_of_arbitrary_bytes_is_read_or_reported(fuzz_dir: Path, data: bytes) -> None:
    path = write_file(fuzz_dir, "noext", data, gz=False)
    for item in read_file(path, SMALL):
        if isinstance(item, ReadProblem):
            assert not item.reason.startswith(("unexpected", "too complex")), item.reason


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), surrogate_text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(surrogate_text, inner, max_size=3),
    max_leaves=8,
)
article_object = st.fixed_dictionaries(
    {"text": st.one_of(arabicish(), surrogate_text, json_value)},
    optional={"id": st.one_of(surrogate_text, st.integers(), json_value), "title": st.one_of(surrogate_text, json_value),
              "pub_date": st.one_of(surrogate_text, json_value), "url": surrogate_text, "html": surrogate_text,
              "format": st.sampled_from(["html", "text", "HTML", "pdf"]), "outlet": surrogate_text,
              # names marsad itself uses in Document.meta: input must not be able to poison them
              "focus_country": json_value, "crawl_date": json_value, "encoding": json_value, "extra": json_value},
)


@given(st.lists(st.one_of(article_object.map(lambda o: json.dumps(o)), surrogate_text.map(lambda t: t.replace("\n", " "))),
                min_size=1, max_size=6))
def test_jsonl_lines_with_any_values_are_read_and_stored(fuzz_dir: Path, fuzz_store, lines: list[str]) -> None:
    # json.dumps writes lone surrogates as \\udXXX escapes, which json.loads turns back into lone surrogates
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    path = write_file(fuzz_dir, "lines.jsonl", data, gz=False)
    items = read_strictly(path, ".jsonl")
    store_all(items, fuzz_store)


@given(st.lists(st.tuples(surrogate_text, arabicish(), st.sampled_from(["text", "html", "xhtml", ""])), max_size=4),
       surrogate_text, st.booleans())
def test_feeds_with_any_item_content_are_read_and_stored(fuzz_dir: Path, fuzz_store, items, channel: str, atom: bool) -> None:
    from xml.sax.saxutils import escape

    def x(s: str) -> str:  # what a feed writer emits: escaped, and only characters XML allows
        return escape("".join(c for c in s if c in "\t\n\r" or " " <= c < "\ud800" or "\ue000" <= c <= "\ufffd"))
    if atom:
        entries = "".join(f"<entry><title>{x(t)}</title><content type='{k or 'text'}'>{x(b)}</content></entry>" for t, b, k in items)
        xml = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{x(channel)}</title>{entries}</feed>"
    else:
        entries = "".join(f"<item><title>{x(t)}</title><description>{x(b)}</description></item>" for t, b, _ in items)
        xml = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{x(channel)}</title>{entries}</channel></rss>"
    store_all(read_strictly(write_file(fuzz_dir, "feed.rss", xml.encode("utf-8"), gz=False), ".rss"), fuzz_store)


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"]),
                          st.sampled_from(["text/html", "text/html; charset=windows-1256", "text/html; charset=bogus",
                                           "application/xhtml+xml", "image/png", ""]),
                          st.one_of(st.binary(max_size=400), arabicish().map(lambda t: f"<html><body><p>{t}</p></body></html>".encode("utf-8", "replace")))),
                max_size=4),
       st.booleans(), st.integers(0, 64))
def test_warc_records_with_any_payload_are_read_and_stored(fuzz_dir: Path, fuzz_store, records, gz: bool, cut: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for n, (status, content_type, body) in enumerate(records):
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    data = buffer.getvalue()
    data = data[: len(data) - cut] if cut < len(data) else data  # sometimes cut short, as an interrupted crawl is
    path = fuzz_dir / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    store_all(read_strictly(path, ".warc"), fuzz_store)


@SLOW
@given(arabicish(), st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>", "\ufeff"]),
       st.sampled_from(["utf-8", "cp1256", "utf-16", "bogus"]), st.integers(0, 400))
def test_html_pages_of_any_text_and_encoding_are_read_and_stored(fuzz_dir: Path, fuzz_store, text: str, prolog: str,
                                                                 charset: str, depth: int) -> None:
    page = (f"{prolog}<html><head><meta charset='{charset}'><title>{text[:40]}</title></head><body>"
            + "<div>" * depth + f"<p>{text}</p><p>{ARABIC_SENTENCE}</p>" + "</div>" * depth + "</body></html>")
    codec = charset if charset in ("utf-8", "cp1256", "utf-16") else "utf-8"
    path = fuzz_dir / "page.html"
    path.write_bytes(page.encode(codec, "replace"))
    store_all(read_strictly(path, ".html"), fuzz_store)


# -- search queries ----------------------------------------------------------------------
@given(surrogate_text)
def test_search_terms_of_any_query_are_quoted(query: str) -> None:
    terms = query_terms(query)
    expr = fts_query([[t] for t in terms])
    assert expr.count('"') % 2 == 0
    snip, marks = snippet(ARABIC_SENTENCE + " " + query, set(terms))
    assert all(0 <= s < e <= len(snip) for s, e in marks)
    index_terms(query)


@given(st.one_of(surrogate_text, st.sampled_from(['"', '" OR "', "NEAR(كازاخستان تركيا)", "*", "^كازاخستان", "body:x",
                                                 "title : وزير", "AND OR NOT", "(", ")", "'; DROP TABLE documents; --"])))
def test_store_search_never_raises(fuzz_store, query: str) -> None:
    for hit in fuzz_store.search(query, limit=5):
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.highlights)


# -- huge lines -----------------------------------------------------------------------------
def test_a_megabyte_line_without_breaks_is_read_split_and_stored(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ARABIC_SENTENCE.split()
    line = " ".join(rng.choice(words) for _ in range(120_000))  # ~1 MB, no line break, one paragraph
    path = tmp_path / "long.txt"
    path.write_text(line, "utf-8")
    docs = [d for d in read_file(path) if isinstance(d, Document)]
    assert len(docs) == 1
    doc = reading_pipeline()(docs[0])
    assert doc.sentences and all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    with open_store(tmp_path / "m.db") as store:
        assert store.add(doc, ["clean", "sentences"]) == "added"
        assert store.check() == []


def test_a_line_longer_than_the_record_cap_is_reported_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "after", "text": ARABIC_SENTENCE}, ensure_ascii=False)
    path.write_text(json.dumps({"id": "huge", "text": "ك" * 30_000}) + "\n" + good + "\n", "utf-8")
    items = list(read_file(path, SMALL))
    assert [i.id for i in items if isinstance(i, Document)] == ["after"]
    assert any(isinstance(i, ReadProblem) and "longer than" in i.reason and i.line == 1 for i in items)


# -- the bugs fuzzing found, kept as plain regression tests ----------------------------------------
def test_hostile_jsonl_values_cost_nothing_in_a_batch(tmp_path: Path) -> None:
    """A lone surrogate in an id, or a dict where marsad keeps its own focus country,
    used to stop `marsad ingest` at the store with every later line lost."""
    from marsad.batch import process_paths

    lines = [r'{"id": "a\ud800", "text": "قال الوزير إن الحكومة ستعرض برنامجها."}',
             r'{"text": "أعلنت السلطات رفع حالة الطوارئ.", "focus_country": {"x": 1}, "crawl_date": [2022]}',
             r'{"text": "وصل الوفد إلى العاصمة أمس.", "title": "\udfff عنوان"}']
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with open_store(tmp_path / "m.db") as store:
        summary = process_paths([path], reading_pipeline(), store)
        assert summary.outcomes["added"] == 3 and summary.problems == []
        stored = {d["id"]: d for d in store.iter_layers()}
    assert "a" in stored and stored["a"]["text"] == "قال الوزير إن الحكومة ستعرض برنامجها."
    second = next(d for d in stored.values() if d["text"].startswith("أعلنت"))
    assert second["meta"]["focus_country"] is None  # the input's value did not stand in for marsad's own
    assert " عنوان" in {d["meta"]["title"] for d in stored.values()}  # the surrogate dropped, the title kept


def test_control_character_references_in_a_feed_item_do_not_lose_the_feed() -> None:
    assert fragment_to_text("<p>أعلنت الحكومة&#11;استقالتها</p><p>فقرة</p>") == "أعلنت الحكومة\nاستقالتها\nفقرة"


def test_python_api_text_with_lone_surrogates_and_nul_is_coded() -> None:
    import marsad

    doc = marsad.process("قال وزير الخارجية التركي\ud800 إن بلاده تقف\x00 إلى جانب كازاخستان.", pub_date="2022-01-11")
    assert doc.text == "قال وزير الخارجية التركي إن بلاده تقف إلى جانب كازاخستان."
    assert storable(doc.text) and len(doc.sentences) == 1


def test_a_document_updated_to_another_ones_text_is_a_duplicate_and_nothing_is_lost(tmp_path: Path) -> None:
    """Two re-read sources that swapped texts: each text stays stored once (found by the JSONL fuzzer)."""
    first, second = "أعلنت الحكومة استقالتها بعد الاحتجاجات.", "وصل الوفد إلى العاصمة صباح الخميس."
    pipeline = reading_pipeline()
    with open_store(tmp_path / "m.db") as store:
        assert store.add(pipeline(Document(id="line-1", raw=first)), pipeline.names) == "added"
        assert store.add(pipeline(Document(id="line-2", raw=second)), pipeline.names) == "added"
        assert store.add(pipeline(Document(id="line-1", raw=second)), pipeline.names) == "duplicate"
        assert store.add(pipeline(Document(id="line-2", raw=first)), pipeline.names) == "duplicate"
        assert sorted(d["text"] for d in store.iter_layers()) == sorted([first, second])
        assert store.check() == []


def test_folding_with_and_without_offsets_agree_beside_presentation_forms() -> None:
    text = "\xa0\ufd3e ﻻ ﬁ"  # a no-break space and a ligature next to Arabic presentation forms
    assert normalize(text) == normalize_with_offsets(text)[0] == "\xa0\ufd3e لا ﬁ"
