"""REST API tests on a store filled with hand-written Arabic articles and their coded events.

The articles below are written for these tests (not taken from any outlet);
their events are coded by hand, with evidence offsets found in the text, so
the API is tested independently of the NLP stages.
"""
from __future__ import annotations

import csv
import io
import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi", reason="fastapi is not installed (pip install fastapi)")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.api import create_app  # noqa: E402
from marsad.model import Actor, Document, Event, Location, Mention, Span, Story  # noqa: E402
from marsad.store import open_store  # noqa: E402

TOKEN = "s3cret-token-for-tests"

TOKAYEV = Actor("Kassym-Jomart Tokayev", "KAZ", "GOV", "PERS")
CSTO = Actor(None, "CSTO", "IGO", "ORG")
KAZ_GOV = Actor(None, "KAZ", "GOV", "ORG")
KAZ_OPP = Actor(None, "KAZ", "OPP", "GROUP")
KAZ_POLICE = Actor(None, "KAZ", "COP", "ORG")
KAZ_CIVILIANS = Actor(None, "KAZ", "CVL", "GROUP")
CAVUSOGLU = Actor("Mevlut Cavusoglu", "TUR", "GOV", "PERS")
BAYRAMOV = Actor("Jeyhun Bayramov", "AZE", "GOV", "PERS")
OTS = Actor("Organization of Turkic States", "OTS", "IGO", "ORG")
EU = Actor("European Union", "EU", "IGO", "ORG")
BORRELL = Actor("Josep Borrell", "EU", "IGO", "PERS")
RUS_GOV = Actor(None, "RUS", "GOV", "ORG")
PROTESTERS = Actor(None, "BEL", "PRO", "GROUP")
UZB_GOV = Actor(None, "UZB", "GOV", "ORG")
UZB_MIL = Actor(None, "UZB", "MIL", "ORG")
KAZ = Actor(None, "KAZ", None, "LOC")

ALMATY = Location("Almaty", "KAZ", 43.25, 76.92, 1526384, "ألماتي")
ASTANA = Location("Astana", "KAZ", 51.17, 71.45, None, "أستانا")
BRUSSELS = Location("Brussels", "BEL", 50.85, 4.35, None, "بروكسل")


@dataclass
class Ev:
    type: str
    evidence: str
    source: tuple[str, Actor]
    target: tuple[str, Actor] | None = None
    date: str | None = None
    modality: str = "asserted"
    location: Location | None = None
    mode: str | None = None
    date_is_pub_date: bool = False


def article(doc_id: str, title: str, pub_date: str, paragraphs: list[str], events: list[Ev],
            url: str | None = None, outlet: str = "مرصد الاختبار") -> Document:
    """A Document whose mentions and evidence spans are located in its text."""
    text = "\n\n".join(paragraphs)
    doc = Document(id=doc_id, raw=text, text=text, title=title, pub_date=pub_date, url=url, outlet=outlet)
    for ev in events:
        start = text.index(ev.evidence)
        end = start + len(ev.evidence)

        def mention(words: str, actor: Actor) -> Mention:
            # the actor's words inside the evidence, else their first use in the article
            at = text.find(words, start, end)
            at = at if at >= 0 else text.index(words)
            m = Mention(words, at, at + len(words), "PERS" if actor.kind == "PERS" else "LOC" if actor.kind == "LOC" else "ORG", actor)
            doc.mentions.append(m)
            return m

        src = mention(*ev.source)
        tgt = mention(*ev.target) if ev.target else None
        doc.events.append(Event(ev.type, src, tgt, [Span(start, end, ev.evidence)], mode=ev.mode, date=ev.date,
                                date_is_pub_date=ev.date_is_pub_date, location=ev.location,
                                modality=ev.modality, confidence=0.8))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


SCRIPT_TEXT = "<script>alert(1)</script>"


def realistic_articles() -> list[Document]:
    return [
        article("kz-csto", "قوات حفظ السلام تصل إلى كازاخستان بطلب من توكاييف", "2022-01-06", [
            "وصلت الدفعة الأولى من قوات حفظ السلام التابعة لمنظمة معاهدة الأمن الجماعي إلى مدينة ألماتي صباح الخميس، "
            "بعد أن طلب الرئيس الكازاخي قاسم جومارت توكاييف مساعدة الحلفاء لاستعادة النظام.",
            "وقال الأمين العام للمنظمة إن القوات ستبقى في البلاد لفترة محدودة لحماية المنشآت الحكومية.",
            "في المقابل، اتهمت المعارضة الكازاخية السلطات باستخدام القوة المفرطة ضد المحتجين في ساحة الجمهورية.",
            "وأعلنت وزارة الداخلية اعتقال أكثر من ثلاثة آلاف شخص خلال الأيام الماضية.",
        ], [
            Ev("REQUEST", "طلب الرئيس الكازاخي قاسم جومارت توكاييف مساعدة الحلفاء لاستعادة النظام",
               ("الرئيس الكازاخي قاسم جومارت توكاييف", TOKAYEV), ("الحلفاء", CSTO), "2022-01-05"),
            Ev("AID", "وصلت الدفعة الأولى من قوات حفظ السلام التابعة لمنظمة معاهدة الأمن الجماعي إلى مدينة ألماتي",
               ("منظمة معاهدة الأمن الجماعي", CSTO), ("ألماتي", KAZ), "2022-01-06", location=ALMATY, mode="military"),
            Ev("ACCUSE", "اتهمت المعارضة الكازاخية السلطات باستخدام القوة المفرطة ضد المحتجين",
               ("المعارضة الكازاخية", KAZ_OPP), ("السلطات", KAZ_GOV), "2022-01-06", location=ALMATY),
            Ev("COERCE", "أعلنت وزارة الداخلية اعتقال أكثر من ثلاثة آلاف شخص",
               ("وزارة الداخلية", KAZ_POLICE), ("ثلاثة آلاف شخص", KAZ_CIVILIANS), "2022-01-06", "reported"),
        ], url="https://news.example.org/kz/csto"),
        article("tr-ots", "أنقرة تدعو منظمة الدول التركية إلى دعم استقرار كازاخستان", "2022-01-11", [
            "دعا وزير الخارجية التركي مولود تشاووش أوغلو الدول الأعضاء في منظمة الدول التركية إلى الوقوف مع "
            "كازاخستان، خلال اجتماع استثنائي عقد عبر الفيديو يوم الثلاثاء.",
            "وأكد الوزير أن بلاده مستعدة لتقديم كل أشكال الدعم لشعب كازاخستان.",
            "كما بحث تشاووش أوغلو مع نظيره الأذربيجاني جيهون بيرموف في اتصال هاتفي تطورات الأوضاع في آسيا الوسطى.",
            "ومن المقرر أن يزور وفد من المنظمة العاصمة أستانا الشهر المقبل.",
        ], [
            Ev("REQUEST", "دعا وزير الخارجية التركي مولود تشاووش أوغلو الدول الأعضاء في منظمة الدول التركية إلى الوقوف مع كازاخستان",
               ("وزير الخارجية التركي مولود تشاووش أوغلو", CAVUSOGLU), ("منظمة الدول التركية", OTS), "2022-01-11",
               mode="multilateral"),
            Ev("SUPPORT", "أكد الوزير أن بلاده مستعدة لتقديم كل أشكال الدعم لشعب كازاخستان",
               ("الوزير", CAVUSOGLU), ("كازاخستان", KAZ), "2022-01-11", "intended"),
            Ev("CONSULT", "بحث تشاووش أوغلو مع نظيره الأذربيجاني جيهون بيرموف في اتصال هاتفي",
               ("تشاووش أوغلو", CAVUSOGLU), ("نظيره الأذربيجاني جيهون بيرموف", BAYRAMOV), "2022-01-11",
               mode="bilateral"),
            Ev("CONSULT", "يزور وفد من المنظمة العاصمة أستانا الشهر المقبل",
               ("وفد من المنظمة", OTS), ("أستانا", KAZ), "2022-02", "future", location=ASTANA),
        ]),
        article("eu-sanctions", "الاتحاد الأوروبي يفرض عقوبات جديدة ويلوّح بالمزيد", "2022-02-28", [
            "فرض الاتحاد الأوروبي يوم الإثنين حزمة عقوبات جديدة على مسؤولين روس، وقال مسؤول السياسة الخارجية في "
            "الاتحاد جوزيب بوريل إن الاتحاد سيفرض إجراءات إضافية إذا استمر التصعيد.",
            "ورفضت موسكو العقوبات، ووصفتها الخارجية الروسية بأنها غير قانونية.",
            "وفي بروكسل، تظاهر مئات الأشخاص أمام مقر المفوضية الأوروبية للمطالبة بوقف الحرب.",
        ], [
            Ev("SANCTION", "فرض الاتحاد الأوروبي يوم الإثنين حزمة عقوبات جديدة على مسؤولين روس",
               ("الاتحاد الأوروبي", EU), ("مسؤولين روس", RUS_GOV), "2022-02-28"),
            Ev("THREATEN", "الاتحاد سيفرض إجراءات إضافية إذا استمر التصعيد",
               ("جوزيب بوريل", BORRELL), ("مسؤولين روس", RUS_GOV), "2022-02-28", "hypothetical"),
            Ev("REJECT", "رفضت موسكو العقوبات", ("موسكو", RUS_GOV), ("الاتحاد الأوروبي", EU), "2022-02-28"),
            Ev("PROTEST", "تظاهر مئات الأشخاص أمام مقر المفوضية الأوروبية للمطالبة بوقف الحرب",
               ("مئات الأشخاص", PROTESTERS), None, "2022-02-28", location=BRUSSELS),
        ]),
        article("uz-aid", "أوزبكستان ترسل مساعدات إنسانية إلى كازاخستان", "2022-01-15", [
            "أرسلت حكومة أوزبكستان قافلة تضم عشرين شاحنة من المساعدات الغذائية والطبية إلى كازاخستان عبر معبر "
            "حدودي جنوب البلاد.",
            "ونفت وزارة الدفاع الأوزبكية أن تكون قد أرسلت أي جنود إلى الأراضي الكازاخية.",
        ], [
            Ev("AID", "أرسلت حكومة أوزبكستان قافلة تضم عشرين شاحنة من المساعدات الغذائية والطبية إلى كازاخستان",
               ("حكومة أوزبكستان", UZB_GOV), ("كازاخستان", KAZ), "2022-01-15", date_is_pub_date=True),
            Ev("MOBILIZE", "نفت وزارة الدفاع الأوزبكية أن تكون قد أرسلت أي جنود إلى الأراضي الكازاخية",
               ("وزارة الدفاع الأوزبكية", UZB_MIL), ("الأراضي الكازاخية", KAZ), "2022-01-15", "negated"),
        ]),
        article("xss-post", '<img src=x onerror="alert(2)"> منشور مريب', "2022-01-20", [
            f"نشر مستخدم على المنتدى النص التالي {SCRIPT_TEXT} وطالبت الشرطة الكازاخية السكان بعدم تداول الشائعات.",
        ], [
            Ev("REQUEST", f"{SCRIPT_TEXT} وطالبت الشرطة الكازاخية السكان بعدم تداول الشائعات",
               ("الشرطة الكازاخية", KAZ_POLICE), ("السكان", KAZ_CIVILIANS), "2022-01-20"),
        ], url="javascript:alert(3)"),
    ]


N_EVENTS = 15


def fill_store(path: Path) -> Path:
    with open_store(path) as store:
        for doc in realistic_articles():
            assert store.add(doc, ["test"]) == "added"
        store.save_stories([Story("kz-unrest", ["kz-csto", "uz-aid"], "أحداث كازاخستان", "Kazakhstan unrest",
                                  "2022-01-06", "2022-01-15")], {})
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("api") / "marsad.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    with TestClient(create_app(str(db))) as c:
        yield c


# -- reading ------------------------------------------------------------------
def test_health_reports_read_only_by_default(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["read_only"] is True and body["writes_enabled"] is False


def test_document_list_and_one_document_with_layers(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert [d["id"] for d in page["items"]] == ["eu-sanctions", "xss-post"]  # newest first
    assert page["next_offset"] == 2
    doc = client.get("/api/documents/kz-csto").json()
    assert set(doc) >= {"id", "text", "entities", "dates", "events", "quotes", "meta"}
    assert doc["meta"]["story"] == "kz-unrest"
    ev = doc["events"][0]
    assert doc["text"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert ev["source"]["name"] == "Kassym-Jomart Tokayev"
    missing = client.get("/api/documents/no-such-doc")
    assert missing.status_code == 404 and "no-such-doc" in missing.json()["detail"]


def test_search_finds_arabic_spelling_variants(client: TestClient) -> None:
    # كازخستان (without the long alef) is a common spelling of كازاخستان
    hits = client.get("/api/search", params={"q": "كازخستان"}).json()["items"]
    assert {"kz-csto", "tr-ots", "uz-aid"} <= {h["id"] for h in hits}
    hit = next(h for h in hits if h["id"] == "uz-aid")
    s, e = hit["highlights"][0]
    assert "كازاخستان" in hit["snippet"][s:e]


@pytest.mark.parametrize("params, expected", [
    ({"type": "consult"}, {("tr-ots", 2), ("tr-ots", 3)}),
    ({"actor": "Cavusoglu"}, {("tr-ots", 0), ("tr-ots", 1), ("tr-ots", 2)}),
    ({"actor": "المعارضة"}, {("kz-csto", 2)}),
    ({"country": "uzb"}, {("uz-aid", 0), ("uz-aid", 1)}),
    ({"from": "2022-02"}, {("tr-ots", 3), ("eu-sanctions", 0), ("eu-sanctions", 1), ("eu-sanctions", 2),
                              ("eu-sanctions", 3)}),
    ({"from": "2022-01-10", "to": "2022-01-15"}, {("tr-ots", 0), ("tr-ots", 1), ("tr-ots", 2), ("uz-aid", 0),
                                                  ("uz-aid", 1)}),
    ({"modality": "negated"}, {("uz-aid", 1)}),
    ({"story": "kz-unrest", "type": "AID"}, {("kz-csto", 1), ("uz-aid", 0)}),
    ({"doc": "eu-sanctions", "modality": "hypothetical"}, {("eu-sanctions", 1)}),
])
def test_event_filters(client: TestClient, params: dict[str, str], expected: set[tuple[str, int]]) -> None:
    items = client.get("/api/events", params=params).json()["items"]
    assert {(e["doc_id"], e["idx"]) for e in items} == expected


def test_event_pagination_walks_every_event_once(client: TestClient) -> None:
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 4, "offset": offset}).json()
        seen += [(e["doc_id"], e["idx"]) for e in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == N_EVENTS
    dates = [client.get("/api/events", params={"limit": 100}).json()["items"][i]["date"] for i in (0, -1)]
    assert dates == ["2022-02-28", "2022-01-05"]


def test_event_downloads_csv_and_jsonl(client: TestClient) -> None:
    r = client.get("/api/events/download", params={"format": "csv", "country": "KAZ"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert len(rows) == len(client.get("/api/events", params={"country": "KAZ"}).json()["items"]) > 0
    assert any(row["source_text"] == "المعارضة الكازاخية" for row in rows)
    r = client.get("/api/events/download", params={"format": "jsonl", "type": "AID"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert sorted(x["doc_id"] for x in lines) == ["kz-csto", "uz-aid"]


def test_summary_timeline_network_and_places(client: TestClient) -> None:
    body = client.get("/api/events/summary").json()
    assert body["complete"] is True and body["events_used"] == N_EVENTS
    tl = body["timeline"]
    # one month-only date (2022-02) forces month buckets
    assert tl["bucket"] == "month" and tl["buckets"] == ["2022-01", "2022-02"]
    assert tl["series"]["CONSULT"] == [1, 1] and tl["series"]["SANCTION"] == [0, 1]
    edges = {(e["source"], e["target"]): e for e in body["network"]["edges"]}
    edge = edges[("TUR|GOV|Mevlut Cavusoglu", "AZE|GOV|Jeyhun Bayramov")]
    assert edge["weight"] == 1 and edge["types"] == {"CONSULT": 1}
    places = {p["name"]: p for p in body["places"]["points"]}
    assert places["Almaty"]["count"] == 2 and places["Almaty"]["types"] == {"AID": 1, "ACCUSE": 1}
    assert body["places"]["countries"]["KAZ"] == 3
    day = client.get("/api/events/summary", params={"to": "2022-01-15"}).json()["timeline"]
    assert day["bucket"] == "day" and day["buckets"][0] == "2022-01-05" and day["buckets"][-1] == "2022-01-15"
    assert len(day["buckets"]) == 11  # gaps filled


def test_actors_stories_stats(client: TestClient) -> None:
    actors = {a["id"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["TUR|GOV|Mevlut Cavusoglu"]["events"] == 3
    stories = client.get("/api/stories").json()["items"]
    assert stories[0]["id"] == "kz-unrest" and stories[0]["n_docs"] == 2
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 5 and stats["events"] == N_EVENTS


# -- bad input ------------------------------------------------------------------
@pytest.mark.parametrize("params, names", [
    ({"limit": 0}, "limit"), ({"limit": 5000}, "limit"), ({"offset": -1}, "offset"),
    ({"type": "BOMB"}, "event type"), ({"modality": "certain"}, "modality"), ({"from": "2022/01/01"}, "from"),
    ({"country": "K4Z"}, "country"), ({"from": "2022-03-01", "to": "2022-01-01"}, "after"),
    ({"actor": "x" * 300}, "actor"),
])
def test_invalid_event_parameters_are_422_naming_the_parameter(client: TestClient, params: dict, names: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert names in r.json()["detail"]


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "\\", "KAZ') OR ('a'='a",
              '<script>alert(1)</script>', "NEAR(a b)", '"*"', "كازاخستان' --"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_every_filter_are_harmless(client: TestClient, value: str) -> None:
    for name in ("type", "actor", "country", "from", "to", "modality", "story", "doc"):
        r = client.get("/api/events", params={name: value})
        assert r.status_code in (200, 422), (name, value, r.text)
        if r.status_code == 200:
            assert r.json()["items"] == [], (name, value)  # matched literally: nothing has these values
        assert client.get("/api/events/summary", params={name: value}).status_code in (200, 422)
    assert client.get("/api/search", params={"q": value}).status_code == 200
    assert client.get("/api/documents/" + value.replace("%", "%25")).status_code == 404
    assert client.get("/api/stats").json()["events"] == N_EVENTS  # nothing was dropped or changed


# -- writing ----------------------------------------------------------------------
ARTICLE = {"text": "أعلن الرئيس الكازاخي رفع حالة الطوارئ في مدينة ألماتي بعد عودة الهدوء إلى الشوارع.",
           "title": "رفع حالة الطوارئ في ألماتي", "pub_date": "2022-01-19", "url": "https://news.example.org/kz/1"}


def test_writes_refused_on_read_only_server_with_a_way_to_enable_them(client: TestClient) -> None:
    r = client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403
    assert "--token" in r.json()["detail"] and "MARSAD_API_TOKEN" in r.json()["detail"]
    # refused before the body is looked at
    assert client.post("/api/documents", json={"bogus": 1}).status_code == 403


def test_writes_refused_without_a_configured_token(db: Path) -> None:
    with TestClient(create_app(str(db), token=None, read_only=False)) as c:
        r = c.post("/api/documents", json=ARTICLE)
        assert r.status_code == 403 and "no API token" in r.json()["detail"]


@pytest.fixture()
def writer(tmp_path: Path) -> TestClient:
    with TestClient(create_app(str(fill_store(tmp_path / "w.db")), token=TOKEN, read_only=False)) as c:
        yield c


def test_write_needs_the_right_token(writer: TestClient) -> None:
    assert writer.post("/api/documents", json=ARTICLE).status_code == 401
    wrong = writer.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert writer.post("/api/documents", json=ARTICLE, headers={"X-API-Token": TOKEN[:-1]}).status_code == 401


def test_post_document_runs_the_pipeline_stores_and_returns_the_contract_object(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/documents", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert {"id", "text", "entities", "dates", "events", "quotes"} <= set(body)
    assert body["stored"] == "added" and body["meta"]["title"] == ARTICLE["title"]
    assert "ألماتي" in body["text"]
    stored = writer.get(f"/api/documents/{body['id']}").json()
    assert stored["text"] == body["text"] and stored["events"] == body["events"]
    again = writer.post("/api/documents", json=ARTICLE, headers={"X-API-Token": TOKEN})
    assert again.status_code == 200 and again.json()["stored"] == "unchanged"
    assert writer.get("/api/stats").json()["documents"] == 6


@pytest.mark.parametrize("change, field", [
    ({"text": ""}, "text"), ({"text": "   "}, "text"), ({"pub_date": "19/01/2022"}, "pub_date"),
    ({"url": "javascript:alert(1)"}, "url"), ({"format": "pdf"}, "format"), ({"colour": "red"}, "colour"),
    ({"id": "a\nb"}, "id"),
])
def test_post_validation_names_the_field(writer: TestClient, change: dict, field: str) -> None:
    r = writer.post("/api/documents", json=ARTICLE | change, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    assert f"'{field}'" in r.json()["detail"]


def test_post_size_limits(writer: TestClient) -> None:
    from marsad.api.submit import MAX_BODY_BYTES
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps(ARTICLE | {"text": "ب" * MAX_BODY_BYTES}).encode()
    r = writer.post("/api/documents", content=big, headers=auth)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    bad = writer.post("/api/documents", content=b"{not json", headers=auth)
    assert bad.status_code == 422


# -- dashboard, docs, geo ---------------------------------------------------------
def test_dashboard_and_static_files_with_strict_content_security_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and 'id="app"' in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    js = client.get("/static/js/main.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert js.headers["x-content-type-options"] == "nosniff"
    for module in ("dom.js", "article.js", "table.js", "documents.js", "network.js", "map.js", "timeline.js"):
        assert ".innerHTML" not in client.get(f"/static/js/{module}").text


def test_api_docs_are_served_without_a_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/documents", "/api/search", "/api/events/download"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/documents"]
    page = client.get("/docs").text
    assert "cdn." not in page
    if "/api/docs-assets/" in page:
        assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_country_shapes_when_the_geo_module_provides_them(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "marsad.geo", None)  # as if not installed
    with TestClient(create_app(str(db))) as c:
        r = c.get("/api/geo/countries")
        assert r.status_code == 404 and "not installed" in r.json()["detail"]
    shapes = tmp_path / "countries.geojson"
    shapes.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    fake = types.ModuleType("marsad.geo")
    fake.country_shapes_path = lambda: shapes  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "marsad.geo", fake)
    with TestClient(create_app(str(db))) as c:
        r = c.get("/api/geo/countries")
        assert r.status_code == 200 and r.json()["type"] == "FeatureCollection"
