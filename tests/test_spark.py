"""The Spark job in local mode gives what the single-machine pipeline gives.

One SparkSession (local[1]) serves the module: Spark takes seconds to start.
Skips with the reason when PySpark or Java is missing.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.contract import document_obj
from marsad.export import mention_rows
from marsad.ingest import ReadProblem, iter_documents
from marsad.model import Actor, Document, Event, Location, Mention, Span
from marsad.pipeline import default_pipeline
from marsad.spark import missing
from marsad.store import EventFilter, open_store
from marsad.stories import find_duplicates, merge_events

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(missing() is not None, reason=f"Spark unavailable: {missing()}")


@pytest.fixture(scope="module")
def spark():
    from marsad.spark import get_session

    session = get_session("local[1]", "marsad-tests", {"spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
                                                        "spark.sql.shuffle.partitions": "2"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _table(folder: Path) -> list[dict]:
    return pq.read_table(folder).to_pylist() if folder.exists() else []


def _coded_locally(paths: list[str]) -> list[Document]:
    """What `marsad run` keeps: every readable document with article text, coded."""
    pipeline = default_pipeline()
    docs = [pipeline(d) for d in iter_documents(paths) if not isinstance(d, ReadProblem)]
    return [d for d in docs if d.text.strip()]


def test_job_equals_the_local_pipeline_on_examples_and_seeds(spark, tmp_path: Path):
    if not SEEDS.is_dir():
        pytest.skip("../shared not present: the seed articles are only in the development workspace")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "half.jsonl").write_text('{"id": "ok-1", "text": "وصل وفد من الأمم المتحدة إلى العاصمة الكازاخية '
                                    'أستانا لبحث المساعدات الإنسانية."}\n{not json\n', "utf-8")
    out = tmp_path / "out"
    # examples through Hadoop's FileSystem (a file:// URI), seeds and the bad folder as local paths
    ran = CliRunner().invoke(cli, ["spark", "run", EXAMPLES.as_uri(), str(SEEDS), str(bad), "-o", str(out),
                                   "--partitions", "2"])
    assert ran.exit_code == 1, ran.output  # something was skipped, the rest written
    assert "binary.txt" in ran.output and " 0 skipped" not in ran.output and "documents" in ran.output

    local = _coded_locally([str(EXAMPLES), str(SEEDS), str(bad)])
    assert len(local) >= 9
    documents = {r["id"]: r for r in _table(out / "documents")}
    assert set(documents) == {d.id for d in local}  # ids from file:// equal ids from the local path
    for doc in local:
        row = documents[doc.id]
        assert {k: v for k, v in json.loads(row["layers"]).items() if k != "meta"} == document_obj(doc), doc.id
        assert row["pub_month"] == (doc.pub_date[:7] if doc.pub_date else "unknown")
    assert documents["ok-1"]["source_path"].endswith("half.jsonl#line 1")
    assert any(r["source_path"].startswith("file:") for r in documents.values())

    problems = {r["where"]: r["reason"] for r in _table(out / "problems")}
    assert any(w.endswith("binary.txt") for w in problems) and any(w.endswith("half.jsonl line 2") for w in problems)

    # mention and event rows equal the store's exports of the same documents
    store = open_store(tmp_path / "m.db")
    for doc in local:
        store.add(doc, ["all"])
    drop = lambda rows, col: sorted((json.dumps({k: v for k, v in r.items() if k != col}, sort_keys=True)  # noqa: E731
                                     for r in rows))
    assert drop(_table(out / "mentions"), "pub_month") == drop(mention_rows(store), None)
    assert drop(_table(out / "events"), "month") == drop(store.events(EventFilter(limit=10_000)), None)
    assert len(_table(out / "mentions")) > 50

    merged = [json.loads(r["record"]) for r in _table(out / "merged_events")]
    assert _by_id(merged) == _by_id(merge_events(local))


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def test_existing_output_and_missing_spark_are_one_line_errors(spark, tmp_path: Path, monkeypatch):
    from marsad.spark.job import main

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x")
    ran = CliRunner().invoke(cli, ["spark", "run", str(EXAMPLES), "-o", str(tmp_path / "out")])
    assert ran.exit_code == 1 and "exists and is not empty" in ran.output and "--overwrite" in ran.output
    with pytest.raises(FileExistsError):  # the spark-submit entry point
        main([str(EXAMPLES), "--output", str(tmp_path / "out")])
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if PySpark were not installed
    ran = CliRunner().invoke(cli, ["spark", "run", str(EXAMPLES), "-o", str(tmp_path / "new")])
    assert ran.exit_code == 1 and "pip install 'marsad[spark]'" in ran.output and "Traceback" not in ran.output


# -- merging on synthetic documents with many events -----------------------------
COUNTRIES = [("KAZ", "كازاخستان"), ("TUR", "تركيا"), ("RUS", "روسيا"), (None, "المحتجون")]
FORUM = "منظمة الدول التركية"
TYPES = ["CONSULT", "AID", "ACCUSE"]
MODALITIES = ["asserted", "reported", "future"]
WORDS = ("اجتمع وزير الخارجية مع نظيره في العاصمة لبحث التعاون الاقتصادي والأمني وتطورات الأوضاع في المنطقة "
         "وأكد الجانبان أهمية مواصلة التنسيق والتشاور بشأن القضايا ذات الاهتمام المشترك").split()


def _mention(rng: random.Random, text: str) -> Mention | None:
    country, word = rng.choice(COUNTRIES)
    if rng.random() < 0.1:
        return None
    start = text.find(word)
    return Mention(word, max(start, 0), max(start, 0) + len(word), "LOC" if country else "ORG",
                   Actor(None, country, "GOV" if country else "PRO", "LOC" if country else "GROUP"))


def synthetic_documents(n: int, seed: int) -> list[Document]:
    """Articles reporting a few real-world events several times: copies, other outlets,
    dates exact, inferred, month-only or missing, undated articles."""
    rng = random.Random(seed)
    docs: list[Document] = []
    for i in range(n):
        if docs and rng.random() < 0.15:  # a copy of an earlier article from another outlet
            src = rng.choice(docs)
            doc = Document(id=f"d{i}", raw=src.text, text=src.text, pub_date=src.pub_date, outlet=f"outlet{i % 5}",
                           events=list(src.events))
            docs.append(doc)
            continue
        text = " ".join(rng.choice(WORDS) for _ in range(40)) + " " + " ".join(w for _, w in COUNTRIES) + " " + FORUM
        day = rng.choice([10, 11, 11, 12, 14])
        pub = None if rng.random() < 0.1 else f"2022-01-{day:02d}"
        events = []
        for _ in range(rng.randint(0, 3)):
            date = rng.choice([f"2022-01-{day:02d}", f"2022-01-{day - 1:02d}", "2022-01", None, "2022-02-01"])
            start = rng.randrange(0, 50)
            kind = rng.choice(TYPES)
            events.append(Event(kind, _mention(rng, text), _mention(rng, text),
                                [Span(start, start + 20, text[start:start + 20])], date=date,
                                date_is_pub_date=date is None and rng.random() < 0.5 or rng.random() < 0.2,
                                modality=rng.choice(MODALITIES), confidence=round(rng.random(), 3),
                                location=rng.choice([None, Location("Almaty", "KAZ", 43.25, 76.92)]),
                                mode=rng.choice([None, "multilateral", "phone"]) if kind == "CONSULT" else None))
        if rng.random() < 0.2:  # the OTS meeting of that day, read as its host or as a participant's
            start = text.index(FORUM)
            ots = Mention(FORUM, start, start + len(FORUM), "ORG",
                          Actor("Organization of Turkic States", "OTS", "IGO", "ORG"))
            host = rng.random() < 0.4
            events.append(Event("CONSULT", ots if host else _mention(rng, text), None if host else ots,
                                [Span(start, start + 20, text[start:start + 20])], date=f"2022-01-{day:02d}",
                                mode="multilateral", confidence=0.5))
        docs.append(Document(id=f"d{i}", raw=text, text=text, pub_date=pub, outlet=f"outlet{i % 5}", events=events))
    return docs


def test_distributed_merge_equals_merge_events(spark, monkeypatch):
    import marsad.stories.merge as stories_merge
    from marsad.spark.merge import merge_input, merged_events
    from marsad.stories.merge import sort_merged

    docs = synthetic_documents(120, seed=7)
    expected = merge_events(docs)
    assert any(e["num_articles"] >= 3 for e in expected) and any(e["num_copies"] for e in expected)
    with monkeypatch.context() as m:  # some events merged only as readings of one OTS meeting
        m.setattr(stories_merge, "FORUM_TYPES", frozenset())
        assert len(merge_events(docs)) > len(expected)
    assert any(v for v in find_duplicates(docs).values())
    # input keys as a reader gives them: (file, position); shuffled so partitions hold any mix
    keyed = [((i // 7, i % 7), *merge_input(d)) for i, d in enumerate(docs)]
    random.Random(1).shuffle(keyed)
    got = merged_events(spark.sparkContext, spark.sparkContext.parallelize(keyed, 3), 3).collect()
    assert sort_merged(got) == expected


def test_blocks_never_separate_events_that_could_merge():
    from marsad.stories.merge import BlockKey, block_ids, keys_may_match

    rng = random.Random(3)
    plain = {BlockKey(rng.choice("AB"), "real", rng.choice(["KAZ", "TUR", "?", "-"]), rng.choice(["KAZ", "?", "-"]),
                      rng.choice([None, 738000, 738001, 738002, 738004, 738040]),
                      rng.choice([None, "2022-01", "2022-02"]), ()) for _ in range(400)}
    # meetings of one or two forums, on dated keys of one kind
    forums = {BlockKey("A", "real", rng.choice(["KAZ", "TUR", "OTS", "UN", "-"]), rng.choice(["KAZ", "OTS", "UN", "-"]),
                       rng.choice([738000, 738001, 738004, 738040]), rng.choice(["2022-01", "2022-02"]),
                       rng.choice([("OTS",), ("UN",), ("OTS", "UN")])) for _ in range(60)}
    keys = list(plain | forums)
    blocks = block_ids(keys)
    for a in keys:
        for b in keys:
            if keys_may_match(a, b):
                assert blocks[a] == blocks[b], (a, b)
    assert len(set(blocks.values())) > 2  # and it does cut: several blocks
    # a forum in common links keys whose actors could never match
    ots = [BlockKey("CONSULT", "real", s, t, 738000, "2022-01", ("OTS",)) for s, t in (("TUR", "OTS"), ("OTS", "-"))]
    assert not keys_may_match(ots[0]._replace(forums=()), ots[1]._replace(forums=()))
    assert keys_may_match(*ots) and len(set(block_ids(ots).values())) == 1
