"""Exports at both levels: merged events and stories (JSONL, CSV, Parquet) and
the GDELT- and ACLED-style layouts of merged events.

The store holds hand-coded articles (own sentences): two outlets and a
near-copy report one protest in Sfax, one of them also a visit, and a
Syrian article an attack on a police patrol and a planned strike.  The
layers are set by hand so that every count asserted here is known.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.batch import update_stories
from marsad.export import export
from marsad.export.acled import acled_rule
from marsad.export.columns import column_definitions
from marsad.model import Actor, Document, Event, Location, Mention, Span
from marsad.pipeline import reading_pipeline
from marsad.store import open_store

REPO = Path(__file__).resolve().parents[1]
SFAX = Location("Sfax", "TUN", 34.7406, 10.7603, text="صفاقس")
DARAA = Location("Daraa", "SYR", 32.6189, 36.1021, text="درعا")

WATAN = ("تظاهر آلاف المحتجين يوم الإثنين الماضي في مدينة صفاقس التونسية، ورفعوا لافتات تندد بغلاء الأسعار "
         "واختفاء الخبز والسكر من المخابز والمحلات، وطالبوا بمحاسبة المحتكرين.\n"
         "وفي شأن آخر، استقبل الرئيس قيس سعيد في قصر قرطاج وزير الخارجية أحمد عطاف.")
SADA = ("خرج آلاف المتظاهرين الإثنين إلى شوارع صفاقس، ثاني أكبر مدن تونس، للتنديد بارتفاع أسعار المواد الغذائية "
        "واختفاء الخبز من المخابز في عدد من الأحياء الشعبية.\n"
        "وردد المحتجون هتافات تطالب بمحاسبة المحتكرين وتوفير السلع الأساسية بأسعار معقولة، "
        "وسط انتشار أمني كثيف في محيط مقر الولاية وسط المدينة.\n"
        "وقال شهود إن المسيرة انطلقت من ساحة الشهداء وجابت الشوارع الرئيسية قبل أن تتفرق بهدوء في المساء.")
SADA_COPY = SADA.replace("وقال شهود", "وأفاد شهود عيان")  # republished with a light edit
DARAA_TEXT = ("هاجم مسلحون دورية للشرطة في مدينة درعا جنوبي سوريا فجر الأحد بالأسلحة الرشاشة.\n"
              "وتعتزم نقابات المعلمين تنظيم إضراب عام الأسبوع المقبل.")


def _mention(doc: Document, text: str, kind: str, actor: Actor | None) -> Mention:
    start = doc.text.index(text)
    return Mention(text, start, start + len(text), kind, actor)


def _place(doc: Document) -> Mention:
    m = _mention(doc, "صفاقس", "LOC", None)
    m.location = SFAX
    return m


def _event(doc: Document, etype: str, phrase: str, source: Mention | None, target: Mention | None = None,
           **kw) -> Event:
    start = doc.text.index(phrase)
    return Event(etype, source, target, [Span(start, start + len(phrase), phrase)], confidence=0.8, **kw)


def _protest(doc: Document, protesters: str, phrase: str) -> Event:
    src = _mention(doc, protesters, "MISC", Actor(None, "TUN", "PRO"))
    return _event(doc, "PROTEST", phrase, src, mode="demo", cameo="141", date="2023-03-13", date_text="الإثنين",
                  location=SFAX)


def _documents() -> list[Document]:
    read = reading_pipeline()
    watan = read(Document("tn-watan", WATAN, pub_date="2023-03-14", outlet="الوطن اليوم",
                          url="https://watan.example/sfax"))
    sada = read(Document("tn-sada", SADA, pub_date="2023-03-14", outlet="صدى المغرب العربي",
                         url="https://sada.example/sfax"))
    copy = read(Document("tn-copy", SADA_COPY, pub_date="2023-03-15", outlet="نبض الجنوب"))
    daraa = read(Document("sy-daraa", DARAA_TEXT, pub_date="2023-03-20", outlet="الوطن اليوم",
                          url="https://watan.example/daraa"))

    saied = _mention(watan, "قيس سعيد", "PERS", Actor("Kais Saied", "TUN", "GOV", "PERS"))
    attaf = _mention(watan, "أحمد عطاف", "PERS", Actor("Ahmed Attaf", "DZA", "GOV", "PERS"))
    watan.mentions = [saied, attaf, _place(watan)]
    sada.mentions = [_place(sada)]
    copy.mentions = [_place(copy)]
    watan.events = [
        _protest(watan, "المحتجين", "تظاهر آلاف المحتجين"),
        _event(watan, "CONSULT", "استقبل الرئيس قيس سعيد", attaf, saied, mode="visit", cameo="042",
               date="2023-03-14", date_is_pub_date=True),
    ]
    sada.events = [_protest(sada, "المتظاهرين", "خرج آلاف المتظاهرين")]
    copy.events = [_protest(copy, "المتظاهرين", "خرج آلاف المتظاهرين")]
    gunmen = _mention(daraa, "مسلحون", "MISC", Actor(None, None, "REB"))
    police = _mention(daraa, "دورية للشرطة", "ORG", Actor(None, "SYR", "COP"))
    unions = _mention(daraa, "نقابات المعلمين", "ORG", Actor(None, None, "CVL"))
    daraa.events = [
        _event(daraa, "ASSAULT", "هاجم مسلحون دورية للشرطة", gunmen, police, mode="firearms", cameo="193",
               date="2023-03-19", location=DARAA),
        _event(daraa, "PROTEST", "تنظيم إضراب عام", unions, mode="strike", cameo="143", modality="future",
               date="2023-03-20", date_is_pub_date=True),
    ]
    return [watan, sada, copy, daraa]


def _store(path: Path, stories: bool = True):
    store = open_store(str(path))
    for doc in _documents():
        assert store.add(doc, ["clean", "sentences", "events"]) == "added"
    if stories:
        update_stories(store)
    return store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "m.db"
    _store(path).close()
    return path


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _export(db: Path, fmt: str, table: str | None, out: Path) -> int:
    with open_store(str(db)) as store:
        return export(store, fmt, out, table)


def _protest_row(rows: list[dict]) -> dict:
    [row] = [r for r in rows if r["type"] == "PROTEST" and r["modality"] == "asserted"]
    return row


# -- merged events ----------------------------------------------------------------
def test_merged_table_counts_articles_outlets_mentions_and_copies(db: Path, tmp_path: Path):
    n = _export(db, "jsonl", "merged", tmp_path / "merged.jsonl")
    rows = _jsonl(tmp_path / "merged.jsonl")
    # protest (3 reports), visit, attack, planned strike
    assert n == len(rows) == 4
    protest = _protest_row(rows)
    assert protest["doc_ids"] == ["tn-sada", "tn-watan"] and protest["copy_doc_ids"] == ["tn-copy"]
    assert (protest["num_articles"], protest["num_sources"], protest["num_copies"], protest["num_mentions"]) == (2, 2, 1, 3)
    assert protest["cameo"] == "141" and protest["cameo_root"] == "14" and protest["quad_class"] == 4
    assert protest["date"] == "2023-03-13" and protest["date_exact"] is True
    assert (protest["location_name"], protest["location_country"], protest["lat"]) == ("Sfax", "TUN", 34.7406)
    assert (protest["source_country"], protest["source_sector"]) == ("TUN", "PRO")
    assert protest["source_url"] == "https://sada.example/sfax"  # earliest article; same day: first id
    assert {e["doc_id"] for e in protest["evidence"]} == {"tn-watan", "tn-sada"}
    assert all(WATAN[e["start"]:e["end"]] == e["text"] or SADA[e["start"]:e["end"]] == e["text"]
               for e in protest["evidence"])
    visit = next(r for r in rows if r["type"] == "CONSULT")
    assert (visit["source_name"], visit["target_name"], visit["target_country"]) == ("Ahmed Attaf", "Kais Saied", "TUN")
    assert visit["num_articles"] == 1 and visit["date_exact"] is False  # the date is the publication day


def test_merged_and_stories_share_story_ids(db: Path, tmp_path: Path):
    _export(db, "jsonl", "merged", tmp_path / "merged.jsonl")
    _export(db, "jsonl", "stories", tmp_path / "stories.jsonl")
    merged, stories = _jsonl(tmp_path / "merged.jsonl"), _jsonl(tmp_path / "stories.jsonl")
    sfax = next(s for s in stories if "tn-watan" in s["doc_ids"])
    assert sorted(sfax["doc_ids"]) == ["tn-copy", "tn-sada", "tn-watan"]
    assert sfax["num_articles"] == 3 and sfax["num_independent"] == 2 and sfax["num_sources"] == 3
    assert _protest_row(merged)["story_id"] == sfax["id"]
    assert {r["story_id"] for r in merged} <= {s["id"] for s in stories}
    assert sum(s["num_events"] for s in stories) == len(merged)
    for s in stories:
        assert any("\u0600" <= ch <= "\u06ff" for ch in s["label_ar"])
        assert s["label_en"] and not any("\u0600" <= ch <= "\u06ff" for ch in s["label_en"])
    assert "Kais Saied (TUN)" in sfax["top_actors"] and "Ahmed Attaf (DZA)" in sfax["top_actors"]


def test_stories_are_computed_when_the_store_has_none(tmp_path: Path):
    store = _store(tmp_path / "bare.db", stories=False)
    with store:
        assert store.stories() == []
        export(store, "jsonl", tmp_path / "merged.jsonl", "merged")
        export(store, "jsonl", tmp_path / "stories.jsonl", "stories")
    merged, stories = _jsonl(tmp_path / "merged.jsonl"), _jsonl(tmp_path / "stories.jsonl")
    assert stories and all(r["story_id"] in {s["id"] for s in stories} for r in merged)
    assert _protest_row(merged)["copy_doc_ids"] == ["tn-copy"]


def test_csv_cells_of_lists(db: Path, tmp_path: Path):
    _export(db, "csv", "merged", tmp_path / "merged.csv")
    with (tmp_path / "merged.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    protest = _protest_row(rows)
    assert protest["doc_ids"] == "tn-sada; tn-watan" and protest["num_articles"] == "2"
    assert {e["doc_id"] for e in json.loads(protest["evidence"])} == {"tn-sada", "tn-watan"}
    _export(db, "csv", "stories", tmp_path / "stories.csv")
    with (tmp_path / "stories.csv").open(encoding="utf-8-sig", newline="") as fh:
        stories = list(csv.DictReader(fh))
    assert any("tn-watan" in s["doc_ids"].split("; ") for s in stories)


def test_parquet_tables_are_readable(db: Path, tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    _export(db, "parquet", "merged", tmp_path / "merged.parquet")
    _export(db, "parquet", "stories", tmp_path / "stories.parquet")
    merged = pq.read_table(tmp_path / "merged.parquet").to_pylist()
    stories = pq.read_table(tmp_path / "stories.parquet").to_pylist()
    assert len(merged) == 4 and _protest_row(merged)["num_sources"] == 2
    assert {e["doc_id"] for e in _protest_row(merged)["evidence"]} == {"tn-sada", "tn-watan"}
    assert all(s["label_ar"] and s["label_en"] for s in stories)


# -- GDELT layout -------------------------------------------------------------------
def _tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = path.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    assert all(len(line.split("\t")) == len(header) for line in lines[1:])
    return header, [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def test_gdelt_rows(db: Path, tmp_path: Path):
    assert _export(db, "gdelt", None, tmp_path / "events.tsv") == 4
    header, rows = _tsv(tmp_path / "events.tsv")
    assert header == list(column_definitions("gdelt"))
    [protest] = [r for r in rows if r["PLOVER_Type"] == "PROTEST" and r["PLOVER_Modality"] == "asserted"]
    assert (protest["SQLDATE"], protest["MonthYear"], protest["Year"]) == ("20230313", "202303", "2023")
    assert (protest["EventCode"], protest["EventBaseCode"], protest["EventRootCode"], protest["QuadClass"]) == \
        ("141", "141", "14", "4")
    assert (protest["NumArticles"], protest["NumSources"], protest["NumMentions"]) == ("2", "2", "3")
    assert (protest["Actor1Code"], protest["Actor1CountryCode"], protest["Actor1Type1Code"]) == ("TUNPRO", "TUN", "PRO")
    assert (protest["ActionGeo_FullName"], protest["ActionGeo_CountryCode"], protest["ActionGeo_Lat"]) == \
        ("Sfax", "TUN", "34.7406")
    assert protest["DATEADDED"] == "20230314000000" and protest["SOURCEURL"].startswith("https://")
    assert int(protest["GlobalEventID"]) > 0 and protest["MarsadEventID"].startswith("ev-")
    visit = next(r for r in rows if r["PLOVER_Type"] == "CONSULT")
    assert (visit["SQLDATE"], visit["EventRootCode"], visit["QuadClass"]) == ("20230314", "04", "1")
    assert (visit["Actor1Name"], visit["Actor2Name"], visit["Actor2Code"]) == ("Ahmed Attaf", "Kais Saied", "TUNGOV")
    strike = next(r for r in rows if r["PLOVER_Modality"] == "future")  # kept, and marked
    assert strike["PLOVER_Mode"] == "strike"
    # the same merged event has the same number in both layouts
    _export(db, "acled", None, tmp_path / "acled.csv")
    with (tmp_path / "acled.csv").open(encoding="utf-8-sig", newline="") as fh:
        acled = {r["marsad_event_id"]: r for r in csv.DictReader(fh)}
    assert acled[protest["MarsadEventID"]]["event_id_cnty"] == "TUN" + protest["GlobalEventID"]


# -- ACLED layout -------------------------------------------------------------------
def test_acled_rows(db: Path, tmp_path: Path):
    n = _export(db, "acled", None, tmp_path / "acled.csv")
    with (tmp_path / "acled.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == list(column_definitions("acled"))
    # the visit is verbal and the strike only planned: protest and attack remain
    assert n == len(rows) == 2
    assert {r["plover_type"] for r in rows} == {"PROTEST", "ASSAULT"}
    protest = next(r for r in rows if r["plover_type"] == "PROTEST")
    assert (protest["event_type"], protest["sub_event_type"], protest["disorder_type"]) == \
        ("Protests", "Peaceful protest", "Demonstrations")
    assert (protest["actor1"], protest["inter1"]) == ("Protesters (Tunisia)", "Protesters")
    assert (protest["event_date"], protest["year"], protest["time_precision"]) == ("2023-03-13", "2023", "1")
    assert (protest["iso3"], protest["country"], protest["location"]) == ("TUN", "Tunisia", "Sfax")
    assert protest["fatalities"] == "" and protest["num_articles"] == "2"
    assert set(protest["source"].split("; ")) == {"الوطن اليوم", "صدى المغرب العربي"}
    assert "تظاهر آلاف المحتجين" in protest["notes"] and "خرج آلاف المتظاهرين" in protest["notes"]
    attack = next(r for r in rows if r["plover_type"] == "ASSAULT")
    assert (attack["event_type"], attack["sub_event_type"]) == ("Battles", "Armed clash")
    assert (attack["inter1"], attack["inter2"], attack["actor2"]) == ("Rebel groups", "State forces", "دورية للشرطة")
    assert attack["event_id_cnty"].startswith("SYR")


def test_acled_mapping_by_type_mode_and_target():
    def kind(etype, mode=None, target=None):
        rule = acled_rule(etype, mode, target)
        return rule and (rule["event_type"], rule["sub_event_type"])

    assert kind("PROTEST", "riot") == ("Riots", "Violent demonstration")
    assert kind("PROTEST", "strike") == ("Protests", "Peaceful protest")
    assert kind("ASSAULT", "aerial", "CVL") == ("Explosions/Remote violence", "Air/drone strike")
    assert kind("ASSAULT", None, "CVL") == ("Violence against civilians", "Attack")
    assert kind("ASSAULT", None, None) == ("Violence against civilians", "Attack")
    assert kind("ASSAULT", "firearms", "MIL") == ("Battles", "Armed clash")
    assert kind("COERCE", "arrest") == ("Strategic developments", "Arrests")
    assert kind("MOBILIZE", "troops")[0] == "Strategic developments"
    for verbal in ("CONSULT", "ACCUSE", "REQUEST", "THREATEN", "AGREE", "SANCTION", "AID"):
        assert kind(verbal) is None
    assert kind("RETREAT", "resign") is None and kind("RETREAT", "ceasefire") == ("Strategic developments", "Agreement")


# -- the command ----------------------------------------------------------------------
def _marsad(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_export_command_formats_tables_and_errors(db: Path, tmp_path: Path):
    r = _marsad("export", "--db", str(db), "--format", "acled", "-o", "a.csv", cwd=tmp_path)
    assert r.returncode == 0 and "wrote 2 merged records" in r.stdout
    r = _marsad("export", "--db", str(db), "--format", "gdelt", "--table", "stories", "-o", "x.tsv", cwd=tmp_path)
    assert r.returncode == 2 and "cannot hold stories" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.tsv").exists()
    r = _marsad("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "no" / "dir.csv"), cwd=tmp_path)
    assert r.returncode == 1 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    # the default table of csv is still article-level events
    r = _marsad("export", "--db", str(db), "--format", "csv", "-o", "e.csv", cwd=tmp_path)
    assert r.returncode == 0 and "wrote 6 events records" in r.stdout
    with (tmp_path / "e.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert {row["doc_id"] for row in csv.DictReader(fh)} == {"tn-watan", "tn-sada", "tn-copy", "sy-daraa"}
