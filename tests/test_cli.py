"""The marsad command as a user runs it: exit codes, summaries, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def marsad(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_run_examples_search_export_and_rerun(tmp_path: Path):
    r = marsad("run", str(EXAMPLES), "--db", "m.db", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "0 skipped" in r.stdout and "documents kept" in r.stdout
    stats = json.loads(marsad("stats", "--db", "m.db", cwd=tmp_path).stdout)
    assert stats["documents"] >= 5
    # re-running adds nothing
    again = marsad("run", str(EXAMPLES), "--db", "m.db", cwd=tmp_path)
    assert f"{stats['documents']} unchanged" in again.stdout
    assert json.loads(marsad("stats", "--db", "m.db", cwd=tmp_path).stdout)["documents"] == stats["documents"]
    # search prints id, source and a snippet containing the query
    s = marsad("search", "ألماتي", "--db", "m.db", cwd=tmp_path)
    assert s.returncode == 0 and "ألماتي" in s.stdout and "document(s)" in s.stdout
    # exports
    for fmt, table in [("jsonl", "documents"), ("csv", "documents"), ("parquet", "documents"), ("csv", "events")]:
        out = tmp_path / f"x.{table}.{fmt}"
        e = marsad("export", "--db", "m.db", "--format", fmt, "--table", table, "-o", str(out), cwd=tmp_path)
        assert e.returncode == 0, e.stderr
        assert out.exists()
    lines = (tmp_path / "x.documents.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == stats["documents"]
    assert pq.read_table(tmp_path / "x.documents.parquet").num_rows == stats["documents"]


def test_bad_inputs_are_reported_and_good_ones_kept(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("عنوان الخبر\nاجتمع مجلس الأمن الدولي أمس لبحث الأوضاع في المنطقة بعد تصاعد الاحتجاجات.\n", "utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (inputs / "broken.jsonl").write_text('{"id": "j1", "text": "وصل وفد من الأمم المتحدة إلى العاصمة لبحث المساعدات الإنسانية."}\n{not json\n', "utf-8")
    r = marsad("run", str(inputs), "--db", "m.db", cwd=tmp_path)
    assert r.returncode == 1  # something was skipped
    assert "Traceback" not in r.stderr + r.stdout
    assert "empty.txt" in r.stdout + r.stderr and "binary.txt" in r.stdout + r.stderr
    assert "broken.jsonl" in r.stdout + r.stderr
    stats = json.loads(marsad("stats", "--db", "m.db", cwd=tmp_path).stdout)
    assert stats["documents"] == 2  # good.txt and the good JSONL line


def test_usage_errors_are_one_line_not_tracebacks(tmp_path: Path):
    r = marsad("search", "x", "--db", "missing.db", cwd=tmp_path)
    assert r.returncode != 0 and "no store at missing.db" in r.stderr and "Traceback" not in r.stderr
    r = marsad("export", "--db", "missing.db", "--format", "xml", "-o", "x", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert marsad("--help", cwd=tmp_path).returncode == 0


def test_code_contract_shape_and_offsets(tmp_path: Path, seed_texts):
    lines = [{"id": name, "text": text, "pub_date": "2022-01-11"} for name, text in seed_texts.items()]
    lines.append({"id": "html1", "format": "html", "text": "<html><body><article><p>أعلن رئيس الوزراء استقالة الحكومة بعد احتجاجات واسعة على ارتفاع أسعار الوقود في البلاد.</p></article></body></html>"})
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    r = marsad("code", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [o["id"] for o in out] == [x["id"] for x in lines]
    for o in out:
        assert set(o) == {"id", "text", "entities", "dates", "events", "quotes"}
        text = o["text"]
        assert "اقرأ أيضا" not in text and "اترك رد" not in text
        for ent in o["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"]
            assert ent["type"] in {"PERS", "ORG", "LOC", "MISC"}
        for d in o["dates"]:
            assert text[d["start"]:d["end"]] == d["text"]
        for q in o["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
        for ev in o["events"]:
            ev_span = ev["evidence"]
            assert text[ev_span["start"]:ev_span["end"]] == ev_span["text"]
            for role in ("source", "target", "speaker"):
                a = ev[role]
                if a is not None and a["start"] is not None:
                    assert text[a["start"]:a["end"]] == a["text"]
                elif a is not None:  # only a credited outlet lives outside the text
                    assert role == "speaker" and a["end"] is None and a["sector"] == "MED"
    assert "استقالة الحكومة" in out[-1]["text"]


@pytest.mark.parametrize("bad", ["not json at all", '{"text": "بلا معرف"}', '["a list"]'])
def test_code_keeps_going_after_a_bad_line(tmp_path: Path, bad: str):
    good = json.dumps({"id": "ok", "text": "قال وزير الخارجية إن بلاده ترفض أي تدخل أجنبي."}, ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text(f"{bad}\n{good}\n", "utf-8")
    r = marsad("code", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert len(out) == 2 and "error" in out[0] and out[1]["id"] == "ok"


def test_run_groups_stories_and_merges_events_across_articles(tmp_path: Path):
    assert marsad("run", str(EXAMPLES), "--db", "m.db", "-q", cwd=tmp_path).returncode == 0
    stats = json.loads(marsad("stats", "--db", "m.db", cwd=tmp_path).stdout)
    assert 1 <= stats["stories"] <= stats["documents"]
    merged = [json.loads(x) for x in marsad("events", "--merged", "--format", "jsonl", "--db", "m.db", "-n", "1000",
                                            cwd=tmp_path).stdout.splitlines()]
    assert merged and all(m["num_articles"] >= 1 and m["evidence"] for m in merged)
    # merging loses no article: every article with events is evidence of some merged event
    per_article = [json.loads(x) for x in marsad("events", "--format", "jsonl", "--db", "m.db", "-n", "1000",
                                                 cwd=tmp_path).stdout.splitlines()]
    assert {e["doc_id"] for e in per_article} == {d for m in merged for d in m["doc_ids"]}
    assert len(merged) <= len(per_article)


def test_cluster_contract_links_copies_and_keeps_order(tmp_path: Path):
    base = ("عقد وزراء خارجية منظمة الدول التركية اجتماعا طارئا عبر الفيديو لبحث الأوضاع في كازاخستان، "
            "وأكدوا دعمهم لاستقرار البلاد وسيادتها، ودعوا إلى حل الأزمة بالحوار وإعادة الهدوء إلى المدن.")
    lines = [
        {"id": "a", "text": base, "pub_date": "2022-01-11", "outlet": "وكالة أ"},
        {"id": "b", "text": base.replace("طارئا", "استثنائيا"), "pub_date": "2022-01-11", "outlet": "موقع ب"},
        {"id": "c", "text": "ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار وتزايد الطلب على الملاذات الآمنة.",
         "pub_date": "2022-01-11", "outlet": "وكالة أ"},
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    r = marsad("cluster", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[1]["duplicate_of"] == "a" and out[0]["duplicate_of"] is None
    assert out[0]["story"] == out[1]["story"] != out[2]["story"]


def test_cluster_reports_bad_lines_by_place_and_keeps_the_rest(tmp_path: Path):
    report = ("عقد وزراء خارجية منظمة الدول التركية اجتماعا طارئا عبر الفيديو لبحث الأوضاع في كازاخستان، "
              "وأكدوا دعمهم لاستقرار البلاد وسيادتها.")
    good = [{"id": "a", "text": report, "pub_date": "2022-01-11"},
            {"id": "b", "text": report.replace("طارئا", "استثنائيا"), "pub_date": "2022-01-11"},
            {"id": 3, "text": "ارتفعت أسعار الذهب مع تراجع الدولار.", "pub_date": "2022-01-11"}]
    line = lambda rec: json.dumps(rec, ensure_ascii=False).encode()  # noqa: E731
    (tmp_path / "in.jsonl").write_bytes(b"\n".join([
        line(good[0]),
        b'{"id": "cut", "text": "\xd8\xb9\xd9\x82',  # cut off mid-record
        line(good[1]),
        b"",
        line(["a", "list"]),
        line({"id": "a", "text": "نص آخر بالمعرف نفسه"}),
        line({"text": "بلا معرف"}),
        line({"id": "n", "text": 42}),
        line({"id": "d", "text": "نص", "pub_date": 20220111}),
        "نص عربي خارج JSON".encode("cp1256"),
        line(good[2]),
        '{"id": "x\\udc00", "text": "وصل الوفد\\udc01 إلى العاصمة."}'.encode(),  # lone surrogates: valid JSON
    ]) + b"\n")
    r = marsad("cluster", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    for lineno, reason in [(2, "not JSON"), (5, "a JSON array"), (6, "id 'a' was already given on line 1"),
                           (7, 'no "id"'), (8, 'no "text"'), (9, '"pub_date" must be a string'), (10, "not UTF-8")]:
        assert f"in.jsonl:{lineno}: {reason}" in r.stderr, (lineno, r.stderr)
    assert "clustered 4 document(s), 7 line(s) skipped" in r.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", "b", 3, "x\udc00"]
    assert out[1]["duplicate_of"] == "a" and out[0]["story"] == out[1]["story"] != out[2]["story"]
    # all lines good: exit code 0
    (tmp_path / "ok.jsonl").write_text("".join(json.dumps(x) + "\n" for x in good[:3]), "utf-8")
    assert marsad("cluster", "--input", "ok.jsonl", "--output", "ok.out", cwd=tmp_path).returncode == 0


def test_code_writes_an_id_with_a_lone_surrogate_back_exactly(tmp_path: Path):
    # JSON allows "\udc00"; Python reads it as a lone surrogate that UTF-8 cannot encode
    good = json.dumps({"id": "ok", "text": "اجتمع مجلس الأمن أمس لبحث الأزمة."}, ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text('{"id": "x\\udc00", "text": "وصل الوفد إلى العاصمة."}\n' + good + "\n", "utf-8")
    r = marsad("code", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["x\udc00", "ok"]
