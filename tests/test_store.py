"""SQLite store: idempotent writes, variant-aware search, queries, concurrency."""
from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

from marsad.model import Actor, Document, Event, Mention, Span
from marsad.pipeline import reading_pipeline
from marsad.store import EventFilter, open_store

ARTICLES = {
    "a1": "اجتمع وزراء خارجية منظمة الدول التركية عبر الفيديو لبحث الأوضاع في كازاخستان.\n"
          "وقال الوزير التركي إن بلاده تقف إلى جانب كازاخستان الشقيقة.",
    "a2": "أعلنت السلطات في كازخستان رفع حالة الطوارئ في مدينة ألماتي بعد عودة الهدوء.\n"
          "وبدأت القوات الأجنبية الانسحاب من البلاد يوم الخميس.",
    "a3": "ارتفعت أسعار القمح في الأسواق العالمية بسبب موجة الجفاف في أمريكا الجنوبية.",
}


def _doc(doc_id: str, text: str) -> Document:
    return reading_pipeline()(Document(id=doc_id, raw=text, pub_date="2022-01-11", outlet="وكالة"))


def _with_event(doc: Document) -> Document:
    i = doc.text.index("منظمة الدول التركية")
    src = Mention("وزراء خارجية", 0, 0, "ORG", Actor("Organization of Turkic States", "OTS", "IGO"))
    src.start = doc.text.index("وزراء خارجية")
    src.end = src.start + len("وزراء خارجية")
    tgt = Mention("كازاخستان", doc.text.index("كازاخستان"), doc.text.index("كازاخستان") + 9, "LOC",
                  Actor("Kazakhstan", "KAZ", None))
    doc.mentions = [src, tgt]
    sent = doc.sentences[0]
    doc.events = [Event("CONSULT", src, tgt, [Span(sent.start, sent.end, sent.text)], mode="multilateral",
                        date="2022-01-11", modality="asserted", confidence=0.8)]
    assert i >= 0
    return doc


def test_add_is_idempotent_and_detects_duplicates(tmp_path: Path):
    store = open_store(tmp_path / "m.db")
    d = _doc("a1", ARTICLES["a1"])
    assert store.add(d, ["clean"]) == "added"
    assert store.add(d, ["clean"]) == "unchanged"
    # same content under another id is not stored twice
    assert store.add(_doc("copy-of-a1", ARTICLES["a1"]), ["clean"]) == "duplicate"
    # more stages for the same document replace its layers
    assert store.add(_with_event(_doc("a1", ARTICLES["a1"])), ["clean", "events"]) == "updated"
    assert store.stats()["documents"] == 1
    assert store.stats()["events"] == 1
    assert store.check() == []


def test_search_is_variant_and_clitic_aware(tmp_path: Path):
    store = open_store(tmp_path / "m.db")
    for k, v in ARTICLES.items():
        store.add(_doc(k, v), ["clean"])
    found = {h.id for h in store.search("كازخستان")}
    assert found == {"a1", "a2"}  # a1 spells it كازاخستان, a2 كازخستان
    assert {h.id for h in store.search("كازاخستان")} == {"a1", "a2"}
    assert {h.id for h in store.search("الشقيقه")} == {"a1"}  # ة/ه folded
    assert {h.id for h in store.search("القوات الأجنبية")} == {"a2"}
    assert store.search("موسكو") == []
    hit = store.search("ألماتي")[0]
    s, e = hit.highlights[0]
    assert hit.snippet[s:e] == "ألماتي"


def test_event_filters_and_injection_strings(tmp_path: Path):
    store = open_store(tmp_path / "m.db")
    store.add(_with_event(_doc("a1", ARTICLES["a1"])), ["events"])
    store.add(_doc("a3", ARTICLES["a3"]), ["events"])
    assert len(store.events(EventFilter(type="consult"))) == 1
    assert len(store.events(EventFilter(country="KAZ"))) == 1
    assert len(store.events(EventFilter(actor="Turkic"))) == 1
    assert store.events(EventFilter(type="ASSAULT")) == []
    assert len(store.events(EventFilter(date_from="2022-01-11", date_to="2022-01-11"))) == 1
    assert store.events(EventFilter(date_from="2022-01-12")) == []
    for evil in ["' OR 1=1 --", "x\"; DROP TABLE events; --", "%", "_", "KAZ' UNION SELECT * FROM documents --"]:
        for field in ("type", "actor", "country", "modality", "story", "doc_id"):
            assert store.events(EventFilter(**{field: evil})) == []
    assert store.stats()["events"] == 1
    actors = {a["name"]: a for a in store.actors()}
    assert actors["Organization of Turkic States"]["events"] == 1


def _writer(path: str, ids: list[str]) -> None:
    store = open_store(path)
    for i in ids:
        store.add(_doc(i, f"خبر رقم {i}: اجتمع المجلس لبحث الأوضاع في المنطقة {i}."), ["clean"])
    store.close()


def test_two_processes_writing_lose_and_duplicate_nothing(tmp_path: Path):
    path = str(tmp_path / "m.db")
    open_store(path).close()
    ids = [f"n{i}" for i in range(60)]
    # both processes ingest overlapping halves at the same time
    procs = [mp.get_context("fork").Process(target=_writer, args=(path, ids[:40])),
             mp.get_context("fork").Process(target=_writer, args=(path, ids[20:]))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (60, 60)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert open_store(path).check() == []
