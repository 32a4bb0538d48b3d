"""Event coding: every PLOVER type, modalities, quotes, merging, contract shape, seeds.

The sentences are written for these tests.  Mentions are given explicitly
(the way the NER and actor layers deliver them) so that the event layer is
tested on its own; the seed tests run the full pipeline when it has the
NER and actor stages.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.events import event_stage, event_to_contract, quote_to_contract
from marsad.events.evaluate import evaluate_events, match_events
from marsad.events.lexicon import Lexicon, bare_forms, noun_forms, verb_forms
from marsad.model import Actor, DateExpr, Document, Mention
from marsad.text.clean import clean_document
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# surface -> (type, name, country, sector)
ACTORS = {
    "وزير الخارجية المصري سامح شكري": ("PERS", "Sameh Shoukry", "EGY", "GOV"),
    "نظيره الأردني أيمن الصفدي": ("PERS", "Ayman Safadi", "JOR", "GOV"),
    "الرئيس الفرنسي": ("PERS", "Emmanuel Macron", "FRA", "GOV"),
    "نظيره الروسي": ("PERS", "Vladimir Putin", "RUS", "GOV"),
    "الجامعة العربية": ("ORG", "Arab League", "ARL", "IGO"),
    "الحكومة السودانية": ("ORG", None, "SDN", "GOV"),
    "الرئيس التونسي": ("PERS", "Kais Saied", "TUN", "GOV"),
    "الشرطة الإسبانية": ("ORG", None, "ESP", "COP"),
    "نظيرتها المغربية": ("ORG", None, "MAR", "COP"),
    "قطر": ("LOC", "Qatar", "QAT", None),
    "السودان": ("LOC", "Sudan", "SDN", None),
    "القوات الروسية": ("ORG", None, "RUS", "MIL"),
    "السلطات الإيرانية": ("ORG", None, "IRN", "GOV"),
    "الأمين العام للأمم المتحدة": ("PERS", "Antonio Guterres", "UN", "IGO"),
    "الأطراف الليبية": ("ORG", None, "LBY", None),
    "وزارة الخارجية الروسية": ("ORG", "Ministry of Foreign Affairs of Russia", "RUS", "GOV"),
    "الولايات المتحدة": ("LOC", "United States", "USA", None),
    "إسرائيل": ("LOC", "Israel", "ISR", None),
    "مصر": ("LOC", "Egypt", "EGY", None),
    "الرئيس الأمريكي": ("PERS", "Joe Biden", "USA", "GOV"),
    "فنزويلا": ("LOC", "Venezuela", "VEN", None),
    "عمّان": ("LOC", "Amman", "JOR", None),
    "الاتحاد الأوروبي": ("ORG", "European Union", "EU", "IGO"),
    "روسيا": ("LOC", "Russia", "RUS", None),
    "إثيوبيا": ("LOC", "Ethiopia", "ETH", None),
    "إريتريا": ("LOC", "Eritrea", "ERI", None),
    "الشرطة الكينية": ("ORG", None, "KEN", "COP"),
    "نيروبي": ("LOC", "Nairobi", "KEN", None),
    "مالي": ("LOC", "Mali", "MLI", None),
    "اليابان": ("LOC", "Japan", "JPN", None),
    "أوكرانيا": ("LOC", "Ukraine", "UKR", None),
    "الجزائر": ("LOC", "Algeria", "DZA", None),
    "تركيا": ("LOC", "Turkey", "TUR", None),
    "نظيره الصيني": ("PERS", "Xi Jinping", "CHN", "GOV"),
    "الجيش السوري": ("ORG", None, "SYR", "MIL"),
    "المعارضة": ("ORG", None, "SYR", "OPP"),
    "وكالة الأنباء الرسمية": ("ORG", None, "SYR", "MED"),
    "الحلف": ("ORG", "NATO", "NATO", "IGO"),
    "رئيس الوزراء العراقي": ("PERS", None, "IRQ", "GOV"),
    "المتحدث باسم الخارجية الصينية": ("PERS", None, "CHN", "GOV"),
    "الأردن": ("LOC", "Jordan", "JOR", None),
    "وزير الدفاع البريطاني": ("PERS", None, "GBR", "GOV"),
    "الجيش الإسرائيلي": ("ORG", None, "ISR", "MIL"),
    "حركة حماس": ("ORG", "Hamas", "PSE", "REB"),
    "شكري": ("PERS", "Sameh Shoukry", "EGY", "GOV"),
    "الصفدي": ("PERS", "Ayman Safadi", "JOR", "GOV"),
}


def coded(text: str, pub_date: str = "2023-03-15", dates: list[tuple[str, str]] | None = None,
          credited: str | None = None) -> Document:
    """Clean, split, add the mentions of ACTORS found in the text (longest
    first, no overlaps) and the given dates, then run the event stage."""
    doc = clean_document(Document(id="t", raw=text, pub_date=pub_date))
    doc.sentences = split_sentences(doc.text)
    taken = [False] * len(doc.text)
    for surface in sorted(ACTORS, key=len, reverse=True):
        start = doc.text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(taken[start:end]):
                typ, name, country, sector = ACTORS[surface]
                doc.mentions.append(Mention(surface, start, end, typ, Actor(name, country, sector, typ)))
                taken[start:end] = [True] * (end - start)
            start = doc.text.find(surface, end)
    doc.mentions.sort(key=lambda m: m.start)
    for dtext, value in dates or []:
        s = doc.text.find(dtext)
        doc.dates.append(DateExpr(dtext, value, s, s + len(dtext)))
    if credited:
        doc.credited_source = credited
    return event_stage(doc)


def one(doc: Document, etype: str):
    found = [e for e in doc.events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.trigger) for e in doc.events]}"
    return found[0]


def country(m: Mention | None) -> str | None:
    return m.actor.country if m is not None and m.actor else None


# ------------------------------------------------------------ lexicon mechanics

def test_verb_and_noun_forms_cover_inflection():
    forms = verb_forms("اجتمع", "يجتمع")
    for f in ("اجتمع", "اجتمعت", "اجتمعوا", "يجتمع", "تجتمع", "يجتمعون", "نجتمع"):
        assert f in forms
    nouns = noun_forms("مظاهره")
    for f in ("مظاهره", "مظاهرات", "مظاهرته", "مظاهراتهم"):
        assert f in nouns
    assert "اجتماعي" not in noun_forms("اجتماع")  # "social" is not a meeting


def test_proclitics_are_stripped_by_part_of_speech():
    assert "اجتماع" in bare_forms("والاجتماع")
    assert "محتجين" in bare_forms("للمحتجين")
    lex = Lexicon.from_text("REQUEST - 100 v:حث/يحث\nCONSULT - 040 v:بحث/يبحث")
    # بحثا is the verb "discussed", never ب + حثا
    types = [m.entry.type for m in lex.match(tokenize("وأشارت إلى أن الجانبين بحثا العلاقات"))]
    assert types == ["CONSULT"]


def test_constraints_and_macros():
    lex = Lexicon.from_text("@X = عقوبات,حصار\nSANCTION - 163 v:فرض/يفرض >@X/3\nCOERCE curfew 1723 v:فرض/يفرض >التجول/3")
    assert [m.entry.type for m in lex.match(tokenize("فرضت واشنطن عقوبات جديدة"))] == ["SANCTION"]
    assert [m.entry.mode for m in lex.match(tokenize("فرض الجيش حظر التجول"))] == ["curfew"]
    assert lex.match(tokenize("فرضت الظروف واقعا جديدا")) == []


def test_shipped_lexicon_cameo_codes_agree_with_plover_table():
    from marsad.events.lexicon import default_lexicon
    from marsad.events.ontology import PLOVER_TYPES, read_cameo2plover
    path = SHARED / "data/plover/CAMEO2PLOVER-2021.txt"
    if not path.is_file():
        pytest.skip("../shared not present: CAMEO2PLOVER-2021.txt")
    table = read_cameo2plover(path)
    lex = default_lexicon()
    assert {e.type for e in lex.entries} == set(PLOVER_TYPES)
    # the hand-written entries may refine (RETREAT resign, CONCEDE for a withdrawn demand) but the
    # CAMEO root must exist in the table
    for e in lex.entries:
        if e.cameo:
            assert e.cameo in table or e.cameo[:3] in table, e.text
    from marsad.events.ontology import MODE_CAMEO
    for (etype, mode), code in MODE_CAMEO.items():
        assert table[code][0] == etype, (etype, mode, code)


# ------------------------------------------------------------ one test per type

def test_agree_pledge_governs_its_content():
    doc = coded("وتعهدت اليابان بتقديم مساعدات بقيمة مليار دولار إلى أوكرانيا.")
    e = one(doc, "AGREE")
    assert (country(e.source), country(e.target)) == ("JPN", "UKR")
    assert not [x for x in doc.events if x.type == "AID"]  # the pledged aid is not delivered aid


def test_consult_meeting_and_phone_mode():
    doc = coded("التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمّان أمس.")
    e = one(doc, "CONSULT")
    assert (country(e.source), country(e.target)) == ("EGY", "JOR")
    assert e.cameo.startswith("04")
    doc = coded("وأجرى الرئيس الفرنسي اتصالا هاتفيا مع نظيره الروسي بحث خلاله الأزمة.")
    e = one(doc, "CONSULT")
    assert e.mode == "phone" and (country(e.source), country(e.target)) == ("FRA", "RUS")


def test_support_welcome():
    doc = coded("ورحبت الجامعة العربية بالاتفاق الذي وقعته الحكومة السودانية مع الحركات المسلحة.")
    e = one(doc, "SUPPORT")
    assert country(e.source) == "ARL"


def test_concede_cancelled_decision():
    doc = coded("وأعلن الرئيس التونسي إلغاء قرار رفع أسعار الخبز بعد يومين من الاحتجاجات.")
    e = one(doc, "CONCEDE")
    assert country(e.source) == "TUN"


def test_cooperate_with_counterpart():
    doc = coded("وتعاونت الشرطة الإسبانية مع نظيرتها المغربية في تفكيك شبكة لتهريب المهاجرين.")
    e = one(doc, "COOPERATE")
    assert (country(e.source), country(e.target)) == ("ESP", "MAR")


def test_aid_sent_to_country():
    doc = coded("وأرسلت قطر مساعدات إنسانية عاجلة إلى السودان.")
    e = one(doc, "AID")
    assert (country(e.source), country(e.target)) == ("QAT", "SDN")


def test_retreat_withdraw_and_release():
    e = one(coded("وانسحبت القوات الروسية من مدينة خيرسون جنوبي البلاد."), "RETREAT")
    assert e.mode == "withdraw" and country(e.source) == "RUS"
    e = one(coded("وأفرجت السلطات الإيرانية عن صحفي فرنسي بعد احتجازه عامين."), "RETREAT")
    assert e.mode == "release" and country(e.source) == "IRN"


def test_request_call_with_mode():
    doc = coded("ودعا الأمين العام للأمم المتحدة الأطراف الليبية إلى العودة إلى طاولة الحوار.")
    e = one(doc, "REQUEST")
    assert (country(e.source), country(e.target)) == ("UN", "LBY")
    assert e.mode == "meet"


def test_accuse_allege():
    doc = coded("واتهمت وزارة الخارجية الروسية الولايات المتحدة بالتدخل في الشؤون الداخلية للبلاد.")
    e = one(doc, "ACCUSE")
    assert e.mode == "allege" and (country(e.source), country(e.target)) == ("RUS", "USA")


def test_reject_proposal():
    e = one(coded("ورفضت إسرائيل مقترح الهدنة الذي قدمته مصر."), "REJECT")
    assert country(e.source) == "ISR"


def test_threaten_sanctions_mode_restrict():
    doc = coded("وهدد الرئيس الأمريكي بفرض عقوبات جديدة على فنزويلا.")
    e = one(doc, "THREATEN")
    assert e.mode == "restrict" and country(e.source) == "USA"
    assert not [x for x in doc.events if x.type == "SANCTION"]  # threatened, not imposed


def test_protest_demonstration_against_prices():
    doc = coded("تظاهر آلاف المواطنين في عمّان احتجاجا على ارتفاع الأسعار.")
    e = one(doc, "PROTEST")
    assert e.mode == "demo"
    assert country(e.source) == "JOR" and e.source.actor.sector == "PRO"
    assert country(e.target) == "JOR"


def test_sanction_imposed():
    doc = coded("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا.")
    e = one(doc, "SANCTION")
    assert (country(e.source), country(e.target)) == ("EU", "RUS")
    assert e.modality == "asserted"


def test_mobilize_troops_on_border():
    e = one(coded("وحشدت إثيوبيا قوات على حدودها مع إريتريا."), "MOBILIZE")
    assert e.mode == "troops" and country(e.source) == "ETH"


def test_coerce_arrest_and_protesters_are_its_argument():
    doc = coded("واعتقلت الشرطة الكينية عشرات المحتجين في نيروبي.")
    e = one(doc, "COERCE")
    assert e.mode == "arrest" and country(e.source) == "KEN"
    assert e.target is not None and e.target.actor.sector == "PRO"
    assert not [x for x in doc.events if x.type == "PROTEST"]  # the protesters are the arrested


def test_assault_attack_with_unknown_perpetrator():
    doc = coded("وقتل خمسة جنود في هجوم بسيارة مفخخة على نقطة تفتيش شمالي مالي.")
    e = one(doc, "ASSAULT")
    assert e.mode in ("explosives", None) or e.mode == "explosives"
    assert e.location is not None and e.location.country == "MLI"


# ------------------------------------------------------------ modality

def test_modality_reported():
    doc = coded("وقالت وكالة الأنباء الرسمية إن الجيش السوري قصف مواقع المعارضة في ريف إدلب.")
    e = one(doc, "ASSAULT")
    assert e.modality == "reported" and country(e.source) == "SYR"
    assert e.speaker is not None and e.speaker.text == "وكالة الأنباء الرسمية"


@pytest.mark.parametrize("text, etype, modality, parties", [
    ("وسيزور الرئيس الفرنسي الجزائر الأسبوع المقبل.", "CONSULT", "future", ("FRA", "DZA")),
    ("وأبدت تركيا استعدادها لاستضافة محادثات بين روسيا وأوكرانيا.", "CONSULT", "intended", ("RUS", "UKR")),
    ("ولم يلتق الرئيس الأمريكي نظيره الصيني خلال القمة.", "CONSULT", "negated", ("USA", "CHN")),
    ("وقال وزير الدفاع البريطاني إنه إذا هاجمت روسيا أوكرانيا فإن الحلف سيرد بقوة.", "ASSAULT", "hypothetical",
     ("RUS", "UKR")),
])
def test_modality_future_intended_negated_hypothetical(text, etype, modality, parties):
    e = one(coded(text), etype)
    assert e.modality == modality and (country(e.source), country(e.target)) == parties


def test_own_speech_act_is_asserted():
    doc = coded("وقال رئيس الوزراء العراقي إنه يجب على الأطراف الليبية وقف القتال فورا.")
    e = one(doc, "REQUEST")
    assert e.modality == "asserted" and country(e.source) == "IRQ"


# ------------------------------------------------------------ quotes, speakers, outlets

def test_direct_and_indirect_quotes_with_speakers():
    text = ("وقال المتحدث باسم الخارجية الصينية إن بلاده تعارض أي تدخل في شؤونها. "
            "وأضاف: «نحن ندعو جميع الأطراف إلى ضبط النفس والعودة إلى الحوار».")
    doc = coded(text)
    kinds = {q.kind: q for q in doc.quotes}
    assert set(kinds) == {"direct", "indirect"}
    assert kinds["indirect"].text.startswith("بلاده تعارض")
    assert kinds["direct"].text.startswith("نحن ندعو")
    for q in doc.quotes:
        assert q.speaker is not None and q.speaker.actor.country == "CHN"
        assert doc.text[q.start:q.end] == q.text
    obj = quote_to_contract(kinds["direct"])
    assert obj["kind"] == "direct" and obj["speaker"]["country"] == "CHN"


def test_relayed_statement_keeps_outlet_chain():
    text = "وقال رئيس الوزراء العراقي، وفق وكالة الأنباء الرسمية، إن الحكومة السودانية طالبت بوقف القتال."
    doc = coded(text, credited="صحيفة الأخبار")
    e = one(doc, "REQUEST")
    assert e.speaker.actor.country == "IRQ"
    assert [m.text for m in e.via][:2] == ["وكالة الأنباء الرسمية", "صحيفة الأخبار"]
    obj = event_to_contract(e)
    assert obj["via"][0]["text"] == "وكالة الأنباء الرسمية"


def test_unattributed_event_is_said_by_the_credited_outlet():
    doc = coded("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", credited="وكالة الأناضول")
    e = one(doc, "SANCTION")
    assert e.speaker.text == "وكالة الأناضول" and e.speaker.start == -1


# ------------------------------------------------------------ dates, places, merging, contract

def test_date_from_sentence_else_publication_date_flagged():
    doc = coded("وفي 5 يناير 2022، فرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", pub_date="2022-01-11",
                dates=[("5 يناير 2022", "2022-01-05")])
    e = one(doc, "SANCTION")
    assert e.date == "2022-01-05" and not e.date_is_pub_date
    doc = coded("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", pub_date="2022-01-11")
    e = one(doc, "SANCTION")
    assert e.date == "2022-01-11" and e.date_is_pub_date


def test_repeated_mentions_merge_into_one_event_with_all_evidence():
    text = ("التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمّان أمس. "
            "وتناول اللقاء الذي جمع شكري والصفدي الأوضاع في المنطقة. "
            "وقالت الخارجية إن اللقاء كان مثمرا.")
    doc = coded(text)
    consults = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consults) == 1
    assert len(consults[0].evidence) >= 2
    obj = event_to_contract(consults[0])
    assert obj["evidence"] == obj["evidences"][0]
    assert all(doc.text[s["start"]:s["end"]] == s["text"] for s in obj["evidences"])


def test_distinct_actions_of_one_actor_stay_apart():
    text = "وجمد الرئيس التونسي قرار رفع الأسعار الذي أشعل الاحتجاجات، وأقال الحكومة بعد ذلك بيومين."
    concessions = [e for e in coded(text).events if e.type == "CONCEDE"]
    assert len(concessions) == 2
    assert all(country(e.source) == "TUN" for e in concessions)


def test_contract_shape():
    doc = coded("وفرض الاتحاد الأوروبي عقوبات جديدة على روسيا.")
    obj = event_to_contract(one(doc, "SANCTION"))
    for key in ("type", "mode", "source", "target", "date", "date_text", "location", "modality", "speaker",
                "evidence", "confidence"):
        assert key in obj
    assert obj["source"]["country"] == "EU" and obj["target"]["country"] == "RUS"
    assert doc.text[obj["evidence"]["start"]:obj["evidence"]["end"]] == obj["evidence"]["text"]
    json.dumps(obj, ensure_ascii=False)


# ------------------------------------------------------------ evaluation

def test_matching_rule_and_scores(tmp_path):
    gold = {"id": "a", "events": [
        {"type": "CONSULT", "source": {"country": "TUR"}, "target": {"country": "RUS"}},
        {"type": "PROTEST", "source": {"country": "KAZ"}, "target": None},
    ]}
    pred = {"id": "a", "events": [
        {"type": "PROTEST", "source": {"country": "KAZ"}, "target": {"country": "KAZ"}},  # gold has no target: fine
        {"type": "CONSULT", "source": {"country": "TUR"}, "target": {"country": "AZE"}},  # wrong target
    ]}
    assert match_events(gold["events"], pred["events"]) == [(1, 0)]
    (tmp_path / "g.json").write_text(json.dumps(gold), "utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n", "utf-8")
    r = evaluate_events(tmp_path / "g.json", tmp_path / "p.jsonl")
    assert r["overall"]["precision"] == 0.5 and r["overall"]["recall"] == 0.5
    assert r["per_type"]["PROTEST"]["f1"] == 1.0 and r["per_type"]["CONSULT"]["f1"] == 0.0


# ------------------------------------------------------------ seeds (full pipeline)

def _full_pipeline():
    from marsad.pipeline import default_pipeline
    pipe = default_pipeline()
    if "events" not in pipe.names:
        from marsad.pipeline import Pipeline
        pipe = Pipeline(pipe.components + [event_stage])
    return pipe


def test_seed_000_against_gold():
    gold_path = SHARED / "eval/dev/seed_000_gold.json"
    if not gold_path.is_file():
        pytest.skip("../shared not present: seed_000_gold.json")
    pipe = _full_pipeline()
    if "actors" not in pipe.names:
        pytest.skip("the actor stage is not in the pipeline yet")
    gold = json.loads(gold_path.read_text("utf-8"))
    doc = pipe(Document(id="seed_000", raw=(SHARED / "seeds" / gold["file"]).read_text("utf-8"), pub_date=gold["pub_date"]))
    pred = [event_to_contract(e) for e in doc.events]
    from marsad.events.evaluate import score_events
    r = score_events([(gold["events"], pred)])["overall"]
    assert r["recall"] >= 0.85 and r["precision"] >= 0.75, r


def test_seed_002_codes_the_core_events():
    path = SHARED / "seeds" / "002_7b51ffecd3e26129.txt"
    if not path.is_file():
        pytest.skip("../shared not present: seed 002")
    pipe = _full_pipeline()
    if "actors" not in pipe.names:
        pytest.skip("the actor stage is not in the pipeline yet")
    doc = pipe(Document(id="seed_002", raw=path.read_text("utf-8"), pub_date="2022-01-11"))
    found = {(e.type, country(e.source)) for e in doc.events}
    assert ("PROTEST", "KAZ") in found
    assert ("REQUEST", "KAZ") in found  # Tokayev called on the CSTO
    assert any(t == "CONSULT" for t, _ in found)  # the OTS meeting


# ------------------------------------------------------------ general fixes from the held-out check
# (tests/data/events_heldout*): the full pipeline, so that names, offices and
# demonyms come from the NER and actor layers as they do on real articles

_PIPE = None


def full(text: str, pub_date: str = "2023-05-10") -> Document:
    global _PIPE
    if _PIPE is None:
        _PIPE = _full_pipeline()
    return _PIPE(Document(id="t", raw=text, pub_date=pub_date))


def pairs(doc: Document, etype: str) -> set[tuple[str | None, str | None]]:
    return {(country(e.source), country(e.target)) for e in doc.events if e.type == etype}


def assert_coded(text: str, etype: str, parties: tuple[str, str | None]) -> None:
    """An event of ``etype`` from the first country (to the second, unless None) is coded in ``text``."""
    found = pairs(full(text), etype)
    assert any(s == parties[0] and (parties[1] is None or t == parties[1]) for s, t in found), found


# sentence, type, (source country, target country); a target of "*" means any target
FOUND = [
    # a date aside between commas keeps the verb, its subject and its object in one clause
    ("رفضت الحكومة الجزائرية، الأحد 7 أيار/مايو، مقترحا فرنسيا لتنظيم الهجرة.", "REJECT", ("DZA", "FRA")),
    ("ووقع العراق والأردن، الأحد 14 أيار/مايو، مذكرة تفاهم للربط الكهربائي.", "SUPPORT", ("IRQ", "JOR")),
    # parties joined by و each act; signatories and meeting partners are the two sides
    ("ودعت بريطانيا وكندا في بيان مشترك الحكومة الإثيوبية إلى فتح تحقيق مستقل.", "REQUEST", ("CAN", "ETH")),
    ("ووقع المغرب ونيجيريا اتفاقية لمد أنبوب للغاز عبر غرب أفريقيا.", "SUPPORT", ("MAR", "NGA")),
    ("وذلك خلال زيارة قام بها وزير الخارجية الفرنسي ونظيره الألماني إلى بيروت.", "CONSULT", ("DEU", "LBN")),
    ("ودعت منظمة الهجرة الدولية في بيان مشترك السلطات الليبية إلى وقف احتجاز المهاجرين.", "REQUEST", ("UN", "LBY")),
    ("وقالت الأمم المتحدة إن الحكومة الصومالية وحركة الشباب وافقتا على هدنة إنسانية.", "AGREE", ("SOM", "SOM")),
    ("واندلعت اشتباكات بين قوات الأمن ومحتجين في وسط العاصمة الكينية نيروبي.", "ASSAULT", ("KEN", "KEN")),
    # both sides named before; the decision or the accusations referred back to
    ("وأجرى وزير الخارجية المصري سامح شكري اتصالا هاتفيا مع نظيره الأردني أيمن الصفدي. "
     "وقال شكري إن البلدين اتفقا على تنسيق المواقف في مجلس الأمن.", "AGREE", ("EGY", "JOR")),
    ("واتهمت إثيوبيا إريتريا بحشد قوات على الحدود. ودعا الاتحاد الأفريقي البلدين إلى ضبط النفس.", "REQUEST", ("AU", "ERI")),
    ("واشتبك الجيش الإثيوبي مع مسلحين في إقليم أمهرة شمالي إثيوبيا، بحسب مصادر محلية في أديس أبابا. "
     "ودعت الولايات المتحدة جميع الأطراف إلى وقف القتال.", "REQUEST", ("USA", "ETH")),
    ("وفرضت الولايات المتحدة عقوبات على ثلاثة مسؤولين في الحكومة الفنزويلية. "
     "ونددت وزارة الخارجية الروسية بالقرار، ووصفته بأنه غير قانوني.", "ACCUSE", ("RUS", "USA")),
    ("واتهم الجيش السوداني الحكومة التشادية بإيواء مسلحين. ورفض المتحدث باسم الحكومة التشادية هذه الاتهامات.",
     "REJECT", ("TCD", "SDN")),
    ("وفرضت الحكومة الباكستانية قيودا جديدة على دخول الأفغان. وانتقدت حكومة طالبان القرار.", "ACCUSE", ("AFG", "PAK")),
    # refusals, aid destinations, offices and surnames
    ("وقالت الحكومة الإريترية إنها لا تعترف بقرار المحكمة الجنائية الدولية.", "REJECT", ("ERI", "*")),
    ("ووصلت إلى مطار الخرطوم طائرة إغاثية كويتية محملة بالأدوية والخيام.", "AID", ("KWT", "SDN")),
    ("وقال رئيس الوزراء العراقي محمد شياع السوداني إن بلاده تريد علاقات متوازنة. وطالب السوداني تركيا بوقف القصف.",
     "REQUEST", ("IRQ", "TUR")),
    ("وشنت طائرات إسرائيلية غارات على مواقع سورية قرب دمشق فجر اليوم.", "ASSAULT", ("ISR", "SYR")),
    ("ودعا الأمين العام للجامعة العربية أحمد أبو الغيط الحوثيين إلى وقف الهجمات.", "REQUEST", ("ARL", "YEM")),
    ("ورحبت قطر بالاتفاق، داعية الأطراف السودانية إلى الالتزام به.", "REQUEST", ("QAT", "SDN")),
    ("ورحبت الجامعة العربية بالاتفاق، ودعا الأمين العام للجامعة أحمد أبو الغيط الطرفين إلى الالتزام به.", "REQUEST", ("ARL", "*")),
    ("وقال مكتب رئيس الوزراء الإثيوبي في بيان إنه لن يقبل أي تدخل، متهما إريتريا بدعم المتمردين.", "ACCUSE", ("ETH", "ERI")),
    ("وتأتي الخطوة بعد زيارة أجراها وزير الخارجية الجزائري أحمد عطاف إلى باماكو الأسبوع الماضي.", "CONSULT", ("DZA", "MLI")),
    ("وقالت وزارة الخارجية الصينية في بيان إن بكين تتابع الوضع بقلق، ودعت طوكيو وسيول إلى ضبط النفس.", "REQUEST", ("CHN", "KOR")),
    ("وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إنه يتفهم قلق الحكومة، لكنه حض السلطات الليبية على الإفراج عن المعتقلين.",
     "REQUEST", ("UN", "LBY")),
    # subjects: masculine countries, constructs, crowds counted, noun phrases closed by a demonym, control verbs
    ("واتهم السودان إثيوبيا بدعم المتمردين على حدوده الشرقية.", "ACCUSE", ("SDN", "ETH")),
    ("واتفق قادة مصر والأردن والعراق، خلال قمتهم في بغداد، على توسيع التبادل التجاري.", "AGREE", ("EGY", "*")),
    ("وقال الوزير إن صندوق التنمية السعودي سيقدم لليمن قرضا بقيمة مليار دولار.", "AID", ("SAU", "YEM")),
    ("وتعتزم الكويت إرسال فريق طبي إلى غزة الأسبوع المقبل.", "AID", ("KWT", "*")),
    ("وخرج آلاف من أنصار المعارضة في مسيرة وسط العاصمة الكينية نيروبي.", "PROTEST", ("KEN", "*")),
    ("والتقى وزير الخارجية القطري في الدوحة بممثلي الحركات المسلحة السودانية.", "CONSULT", ("QAT", "SDN")),
    # implied targets: domestic demands, tear gas, arrests, demonstrations, rebel refusals, the arrested by nationality
    ("وطالب زعيم المعارضة في زيمبابوي بإعادة الانتخابات الرئاسية.", "REQUEST", ("ZWE", "ZWE")),
    ("وأطلقت الشرطة في داكار الغاز المسيل للدموع على أنصار المعارضة.", "ASSAULT", ("SEN", "SEN")),
    ("واعتقلت الشرطة التونسية عشرين شخصا خلال الليل.", "COERCE", ("TUN", "TUN")),
    ("واعتقلت الشرطة التركية خلال الأسبوع الماضي أكثر من مئتي سوري في إسطنبول.", "COERCE", ("TUR", "SYR")),
    ("وتظاهر آلاف الطلاب في مدينة داكار السنغالية.", "PROTEST", ("SEN", "SEN")),
    ("وأعلنت حركة الشباب الصومالية رفضها المشاركة في مؤتمر المصالحة.", "REJECT", ("SOM", "SOM")),
    ("وفرضت اليابان عقوبات على خمس شركات مرتبطة بالبرنامج النووي الإيراني.", "SANCTION", ("JPN", "IRN")),
    # triggers: an announced stop, calls, delegations, solidarity, a recalled ambassador, a frozen cooperation
    ("وقال المتحدث باسم الجيش السوداني إن القوات المسلحة ستوقف العمليات العسكرية اعتبارا من منتصف الليل.", "CONCEDE", ("SDN", "*")),
    ("وقال وزير الخارجية الأمريكي إنه تحدث هاتفيا مع رئيس الوزراء العراقي.", "CONSULT", ("USA", "IRQ")),
    ("وأرسلت السعودية وفدا رسميا إلى الخرطوم للتعبير عن تضامنها مع السودان.", "CONSULT", ("SAU", "SDN")),
    ("وأرسلت السعودية وفدا رسميا إلى الخرطوم للتعبير عن تضامنها مع السودان.", "SUPPORT", ("SAU", "SDN")),
    ("واستدعت الحكومة الجزائرية، الثلاثاء، سفيرها لدى مدريد احتجاجا على تغيير الموقف الإسباني.", "SANCTION", ("DZA", "ESP")),
    ("وأعلنت كندا تجميد تعاونها العسكري مع النيجر.", "SANCTION", ("CAN", "NER")),
    # دان spelled without its hamza; the attack referred back to, at home an armed group's
    ("شنت طائرات حربية إسرائيلية، الأربعاء، غارات على بلدات في جنوب لبنان. "
     "ودان رئيس الحكومة اللبنانية نجيب ميقاتي الغارات، ووصفها بأنها عدوان سافر.", "ACCUSE", ("LBN", "ISR")),
    ("وهاجم مسلحون مركزا للشرطة في العاصمة الهايتية بورت أو برنس ليل الاثنين. "
     "ودان رئيس الوزراء الهايتي غاري كونيل الهجوم، متعهدا بملاحقة المسؤولين عنه.", "ACCUSE", ("HTI", "HTI")),
    # a nationality adjective closing the event noun names its doer; closing the object of a
    # condemnation, it names the one condemned (before the place the raids hit)
    ("وأسفرت الغارات الإسرائيلية على جنوب لبنان عن مقتل ثلاثة مدنيين.", "ASSAULT", ("ISR", "LBN")),
    ("وأدانت وزارة الخارجية الأردنية الغارات الإسرائيلية على قرى جنوب لبنان.", "ACCUSE", ("JOR", "ISR")),
    # the counterpart of a minister the gazetteer does not know still has the adjective's country
    ("وبحث وزير الخارجية الغاني صامويل أبلاكوا في اتصال هاتفي مع نظيره النيجيري سبل مكافحة القرصنة.",
     "CONSULT", ("GHA", "NGA")),
    # three or more joined sources, with و or with commas; a travel ban is a sanction
    ("وأعلنت هولندا وبلجيكا ولوكسمبورغ فرض حظر سفر على قادة المجلس العسكري في النيجر.", "SANCTION", ("LUX", "NER")),
    ("وفرضت كندا، وأستراليا، ونيوزيلندا عقوبات على قادة عسكريين في ميانمار.", "SANCTION", ("NZL", "MMR")),
    ("ودعت مصر، والأردن، والسعودية إسرائيل إلى وقف العمليات العسكرية في رفح.", "REQUEST", ("JOR", "ISR")),
    # denying what the other side said (PLOVER: "deny responsibility" may be REJECT; documented choice)
    ("واتهمت الحكومة الفلبينية خفر السواحل الصيني بصدم سفينة صيد. ونفت بكين هذه الرواية.", "REJECT", ("CHN", "PHL")),
    # "جارتها"، "خصومه": the other country named last, not a city where something happened
    ("وأجرت أرمينيا وأذربيجان جولة محادثات جديدة في بروكسل. وقال رئيس الوزراء الأرميني إن بلاده مستعدة للسلام، "
     "لكنه اتهم جارتها بخرق الهدنة.", "ACCUSE", ("ARM", "AZE")),
    ("وشنت القوات الإريترية هجوما على بلدة حدودية. واتهمت إثيوبيا جارتها بانتهاك الاتفاق.", "ACCUSE", ("ETH", "ERI")),
]


@pytest.mark.parametrize("text, etype, expected", FOUND)
def test_held_out_fixes_find_the_event(text, etype, expected):
    found = pairs(full(text), etype)
    if expected[1] == "*":
        assert expected[0] in {s for s, _ in found}, found
    else:
        assert expected in found, found


def test_what_is_no_new_event():
    # a ceasefire and a party's name
    assert not pairs(full("ودعت الحكومة الكينية الطرفين إلى وقف فوري لإطلاق النار واحترام الهدنة."), "ASSAULT")
    assert not pairs(full("وتجمع مئات من أنصار حزب المؤتمر الوطني أمام مقر البرلمان في نيروبي."), "CONSULT")
    # companies accused by others; an active "accusing" participle still is one
    assert not pairs(full("وشملت القائمة الأمريكية شركات صينية متهمة بتزويد روسيا بمكونات إلكترونية."), "ACCUSE")
    assert ("ETH", "UN") in pairs(full("وانتقدت الحكومة الإثيوبية الأمم المتحدة، متهمة إياها بالانحياز."), "ACCUSE")
    # the outcome of an attack already told, accusations referred back to, the object of a masdar
    doc = full("واشتبك الجيش المالي مع مسلحين قرب الحدود، ما أسفر عن مقتل ثلاثة جنود.")
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 1
    doc = full("واتهمت الحكومة السودانية الإمارات بتسليح المتمردين. ونفت الخارجية الإماراتية هذه الاتهامات.")
    assert not [e for e in doc.events if e.type == "ACCUSE" and country(e.source) == "ARE"]
    assert not pairs(full("وأعلنت كندا تجميد تعاونها العسكري مع النيجر."), "COOPERATE")
    # a meeting's host is not the other party
    doc = full("والتقى الرئيس الصربي ورئيس وزراء كوسوفو في بروكسل بدعوة من الاتحاد الأوروبي.")
    assert "SRB" in {s for s, _ in pairs(doc, "CONSULT")} and ("SRB", "EU") not in pairs(doc, "CONSULT")


def test_purpose_adverb_is_the_motive_of_the_act_before_it():
    # "احتجاجا على" after a demonstration is its motive: one protest, by the students
    doc = full("وتظاهر مئات الطلاب أمام الوزارة في العاصمة التونسية احتجاجا على القرار.")
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert len(protests) == 1 and "احتجاج" not in protests[0].source.text, [(e.source.text, e.trigger) for e in protests]
    doc = full("وخرج آلاف الطلاب إلى شوارع الخرطوم، الأحد، احتجاجا على رفع أسعار الخبز.")
    assert len([e for e in doc.events if e.type == "PROTEST"]) == 1
    # alone, it is done by the clause's subject, never by the word itself
    doc = full("وأضرب عمال الموانئ في تونس احتجاجا على تأخر صرف الرواتب.")
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert len(protests) == 1 and protests[0].source.text.startswith("عمال") and country(protests[0].source) == "TUN"


def test_names_after_an_office_and_its_place():
    text = ("وقال المبعوث الأممي إلى ليبيا عبد الله باتيلي إن الأطراف الليبية وافقت على الحوار. "
            "ورحب باتيلي بالخطوة.")
    assert {s for s, _ in pairs(full(text), "SUPPORT")} == {"UN"}


def test_without_condemning_is_negated():
    doc = full("وعبرت الخارجية المصرية عن أسفها للحادث، من دون أن توجه إدانة صريحة لأي طرف.")
    assert all(e.modality == "negated" for e in doc.events if e.type == "ACCUSE" and e.trigger.startswith("إدانة"))


# ------------------------------------------------------------ held-out sets (tests/data/events_heldout*)

HELDOUT = Path(__file__).resolve().parent / "data"
# micro-F1 floors a little under the figures measured when they were set (BENCHMARKS.md, Events):
# set 1 was used to find the fixes, set 2 for a second round, set 3 for one fix, set 4 for two small ones
# and the gaps of the next round; set 5 was written after that round (its first run 0.323); sets 6 and 7
# were written in the third session before its fixes (first runs 0.357 and 0.433), set 6 was then
# looked at and set 7 was not (its floor is set from its overall figure only); sets 8 and 9 were
# written late in that session (first runs 0.408 and 0.400), set 8 was looked at and set 9 was not
HELDOUT_FLOORS = {"events_heldout": 0.66, "events_heldout2": 0.65, "events_heldout3": 0.59, "events_heldout4": 0.61,
                  "events_heldout5": 0.60, "events_heldout6": 0.57, "events_heldout7": 0.49,
                  "events_heldout8": 0.50, "events_heldout9": 0.40, "events_heldout10": 0.31, "events_heldout11": 0.34}


@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_heldout_sets_stay_above_their_floor(name, tmp_path):
    from marsad.contract import document_obj
    from marsad.events.evaluate import evaluate_events
    articles = [json.loads(line) for line in (HELDOUT / name / "articles.jsonl").read_text("utf-8").splitlines() if line]
    pipe = _full_pipeline()
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for a in articles:
            doc = pipe(Document(id=a["id"], raw=a["text"], pub_date=a["pub_date"], title=a.get("title")))
            f.write(json.dumps(document_obj(doc), ensure_ascii=False) + "\n")
    r = evaluate_events(HELDOUT / name / "gold.json", pred)["overall"]
    assert r["gold"] > 90 and r["f1"] >= HELDOUT_FLOORS[name], r


# ------------------------------------------------------------ robustness, classifiers, quote stage

def test_empty_and_eventless_documents():
    from marsad.events import quote_stage
    doc = event_stage(Document(id="e", raw="", text=""))
    assert doc.events == [] and doc.quotes == []
    doc = coded("وكان الطقس معتدلا في معظم المناطق خلال عطلة نهاية الأسبوع.")
    assert doc.events == []
    doc = quote_stage(coded("وقال رئيس الوزراء العراقي إن الحكومة ستواصل العمل على تحسين الخدمات."))
    assert [q.kind for q in doc.quotes] == ["indirect"]


def test_shipped_sentence_models_rank_sentences_sensibly():
    from marsad.events.classify import load_model, sentence_scores
    protest, assault, quad = load_model("protest"), load_model("assault"), load_model("quadclass")
    if not (protest and assault and quad):
        pytest.skip("classifier weights not built (training/events/train_classifiers.py)")
    demo = "تظاهر آلاف المحتجين أمام مقر البرلمان ورددوا هتافات تطالب برحيل الحكومة."
    blast = "قتل عشرة أشخاص في تفجير انتحاري بسيارة مفخخة استهدف سوقا شعبية."
    calm = "افتتح وزير الثقافة معرض الكتاب الدولي بحضور عدد من الكتاب والناشرين."
    assert protest.proba(demo)[1] > protest.proba(calm)[1]
    assert assault.proba(blast)[1] > assault.proba(calm)[1]
    from marsad.events.ontology import QUADCLASS_AR_LABEL
    assert quad.classes[max(range(5), key=lambda k: quad.proba(blast)[k])] == QUADCLASS_AR_LABEL[4]
    scores = sentence_scores(blast, {"ASSAULT"}, {"CONSULT"})
    assert 0.0 <= scores["ASSAULT"] <= 1.0 and 0.0 <= scores["CONSULT"] <= 1.0


def test_gsr_and_quadclass_evaluation_on_small_files(tmp_path):
    from marsad.events.evaluate import evaluate_gsr, evaluate_quadclass, format_classifier_report, is_dev
    header = "accept,event_type,id,label,reject,text,total\n"
    rows = {
        "protest": [("yes", "تظاهر مئات الطلاب أمام وزارة التعليم احتجاجا على رفع الرسوم."),
                    ("easy no", "ارتفعت أسعار الذهب في الأسواق المحلية خلال الأسبوع.")],
        "assault": [("yes", "قتل ثلاثة جنود في هجوم مسلح على نقطة تفتيش."),
                    ("difficult no", "تحدث التقرير عن ضحايا الحروب السابقة في المنطقة.")],
    }
    # ids chosen in the dev split so that split="dev" sees them
    dev_ids = [f"x_{i}" for i in range(200) if is_dev(f"x_{i}")]
    for name, items in rows.items():
        lines = [f"3,{name.upper()},{dev_ids[k]},{lab},0,\"{text}\",3" for k, (lab, text) in enumerate(items)]
        (tmp_path / f"{name}_train.csv").write_text(header + "\n".join(lines) + "\n", "utf-8")
    r = evaluate_gsr(tmp_path)
    assert r["PROTEST"]["sentences"] == 2 and r["PROTEST"]["positives"] == 1
    assert r["PROTEST"]["coder"]["recall"] == 1.0  # the coder finds the demonstration
    text = format_classifier_report(r)
    assert "PROTEST" in text and "ASSAULT" in text
    quad_rows = [(t, c) for t, c in [("اجتمع وزيرا الخارجية لبحث التعاون الثنائي بين البلدين.", 1),
                                      ("قصفت الطائرات مواقع المسلحين شمالي المدينة.", 4)]]
    tsv = tmp_path / "quad.tsv"
    tsv.write_text("ar\tQuadClass\n" + "\n".join(f"{t}\t{c}" for t, c in quad_rows) + "\n", "utf-8")
    q = evaluate_quadclass(tsv, split="all")
    if "error" not in q:
        assert q["sentences"] == 2 and 0.0 <= q["accuracy"] <= 1.0


# ------------------------------------------------------------ argument syntax

def test_coordinated_verb_keeps_its_subject_and_the_next_noun_is_the_object():
    doc = coded("وانتقدت الولايات المتحدة قرار الحكومة السودانية، ودعت الحكومة السودانية إلى احترام حقوق الإنسان.")
    e = one(doc, "REQUEST")
    assert (country(e.source), country(e.target)) == ("USA", "SDN")


def test_host_and_visitor_and_one_meeting():
    doc = coded("واستقبل الرئيس التونسي في قصر قرطاج وزير الخارجية المصري سامح شكري، وبحث معه العلاقات الثنائية.")
    consults = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consults) == 1
    e = consults[0]
    assert (country(e.source), country(e.target)) == ("EGY", "TUN")  # the visitor is the source


def test_demands_of_a_protest_are_its_topic():
    doc = coded("وتظاهر آلاف المواطنين في عمّان مطالبين الحكومة بالتراجع عن رفع الأسعار.")
    assert [e.type for e in doc.events] == ["PROTEST"]


def test_charge_content_is_not_an_event():
    doc = coded("وأصدرت محكمة أمرا باعتقال المعارض بتهمة التحريض على القتل.")
    assert not [e for e in doc.events if e.type == "ASSAULT"]


def test_boycotted_meeting_is_no_meeting():
    # a meeting boycotted or called off was not held; the boycott is PLOVER PROTEST boycott,
    # also when a government does it
    doc = full("وقاطعت الحكومة التشادية اجتماع الاتحاد الأفريقي في أديس أبابا احتجاجا على تعليق عضويتها.")
    assert ("TCD", "AU") in pairs(doc, "PROTEST") and not pairs(doc, "CONSULT") and not pairs(doc, "ACCUSE")
    assert not pairs(full("وألغت الحكومة الكينية الاجتماع المقرر مع ممثلي النقابات."), "CONSULT")


def test_capital_after_the_capital_of_a_country():
    # "العاصمة الأردنية عمان" is Amman (Jordan), not Oman; Oman by its name stays Oman
    doc = full("ووصل الرئيس الفلسطيني محمود عباس إلى العاصمة الأردنية عمان لإجراء محادثات مع العاهل الأردني.")
    place = next(m for m in doc.mentions if m.text == "عمان")
    assert place.actor is not None and place.actor.country == "JOR"
    doc = full("وزار وزير الخارجية الإيراني سلطنة عمان لبحث الملف النووي.")
    assert any(m.actor is not None and m.actor.country == "OMN" for m in doc.mentions if "عمان" in m.text)


def test_bare_group_head_is_the_last_one_named():
    # "المجلس العسكري" / "الحكومة" alone: the last junta or government named with its country,
    # not the article's main country
    doc = full("أعلن المجلس العسكري الغيني تعليق بث قناتين فرنسيتين. "
               "وقالت الخارجية الفرنسية إن باريس تأسف للقرار، لكن المجلس العسكري دعا فرنسا إلى سحب سفيرها.")
    assert ("GIN", "FRA") in pairs(doc, "REQUEST"), pairs(doc, "REQUEST")
    doc = full("واتهمت الحكومة الإكوادورية المكسيك بالتدخل في شؤونها الداخلية. "
               "وقالت السفارة المكسيكية في كيتو إن الحكومة رفضت منح اللاجئ ممرا آمنا.")
    heads = [m for m in doc.mentions if m.text == "الحكومة"]
    assert heads and heads[0].actor is not None and heads[0].actor.country == "ECU"


def test_attack_told_again_is_one_attack():
    # the raids named again in the army's account are no second attack, and the condemnation
    # of "the raids" goes to their doer
    doc = full("شنت طائرات حربية تركية، الثلاثاء، غارات على قرى في شمال العراق. "
               "وقالت وزارة الدفاع التركية إن الغارات استهدفت مخابئ لمسلحين. "
               "وأدانت وزارة الخارجية العراقية الغارات، ووصفتها بأنها انتهاك للسيادة.")
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 1, [(e.type, e.trigger) for e in doc.events]
    assert ("IRQ", "TUR") in pairs(doc, "ACCUSE")


@pytest.fixture(scope="module")
def full_pipeline():
    from marsad.pipeline import default_pipeline
    return default_pipeline()


def _parties(pipe, text: str) -> list[tuple]:
    doc = pipe(Document(id="t", raw=text, pub_date="2024-03-01"))
    return [(e.type, e.source.actor.country if e.source and e.source.actor else None,
             e.target.actor.country if e.target and e.target.actor else None) for e in doc.events]


def test_other_party_guessed_from_the_sentence_when_syntax_finds_none(full_pipeline):
    # the warning's object is a relative clause; the other side is the capital named in it
    assert _parties(full_pipeline, "وحذرت كوريا الجنوبية من عواقب التجارب الصاروخية التي أجرتها بيونغ يانغ "
                                   "هذا الأسبوع.") == [("THREATEN", "KOR", "PRK")]


def test_no_other_party_is_invented(full_pipeline):
    # nothing of another country in the sentence: no target
    assert _parties(full_pipeline, "وحذرت وزارة الداخلية المصرية من عواقب الشائعات التي تنتشر على مواقع التواصل.") \
        in ([("THREATEN", "EGY", None)], [])
    # a concession is domestic: the foreign body named after it is not its target
    found = _parties(full_pipeline, "وأقال الرئيس التونسي الحكومة بعد أيام من زيارة وفد صندوق النقد الدولي.")
    assert ("CONCEDE", "TUN", "TUN") in found and ("CONCEDE", "TUN", "IMF") not in found


def test_a_domestic_other_party_when_no_foreign_one_is_named(full_pipeline):
    # the ministry's refusal answers the union named earlier in the sentence
    text = ("وطالبت نقابة الأطباء التونسية، في بيان أصدرته الأحد، بزيادة الأجور قبل أن تعلن "
            "وزارة الصحة التونسية رفضها.")
    doc = full_pipeline(Document(id="t", raw=text, pub_date="2024-03-01"))
    (reject,) = [e for e in doc.events if e.type == "REJECT"]
    assert reject.source.actor.country == "TUN" and reject.target is not None
    assert reject.target.actor.country == "TUN" and reject.target.end <= text.index("قبل")  # the union's side


# ------------------------------------------------------------ sides of a story (third session)

def test_both_countries_named_as_a_pair_are_the_targets():
    # "البلدين" names the two states the article is about, even when the last
    # two-sided event coded was between other parties
    doc = full("بانكوك – (وكالات)\n\nقتل جندي كمبودي في اشتباك على الحدود مع تايلاند فجر الأربعاء. "
               "واتهمت كمبوديا تايلاند بإطلاق النار أولا، فيما قالت تايلاند إن الجنود الكمبوديين بدأوا الاشتباك. "
               "وأعلنت رابطة آسيان أنها ستعقد اجتماعا طارئا مع ماليزيا. "
               "ودعت الصين البلدين إلى حل الخلاف عبر الحوار.")
    assert {("CHN", "THA"), ("CHN", "KHM")} <= pairs(doc, "REQUEST")


def test_parties_condemning_together_are_not_each_others_target():
    doc = full("وأدانت البرازيل وكولومبيا والأرجنتين وتشيلي اقتحام مقر السفارة فجر السبت.")
    accused = pairs(doc, "ACCUSE")
    assert {s for s, _ in accused} == {"BRA", "COL", "ARG", "CHL"}
    assert all(t not in ("BRA", "COL", "ARG", "CHL") for _, t in accused), accused


def test_office_naming_a_country_is_the_subject_and_resigns_from_its_own_state():
    doc = full("واستقال سفير جورجيا لدى الولايات المتحدة من منصبه احتجاجا على قرار الحكومة تعليق المحادثات.")
    assert pairs(doc, "RETREAT") == {("GEO", "GEO")}


def test_office_and_the_name_of_its_holder_are_one_party():
    doc = full("من جهته، رفض مرشح المعارضة سامورا كامارا الاعتراف بالنتائج الرسمية للانتخابات في سيراليون.")
    assert ("SLE", "SLE") in pairs(doc, "REJECT")
    doc = full("ورفض المندوب الإماراتي محمد أبو شهاب الاتهامات.")
    rejected = [e for e in doc.events if e.type == "REJECT"]
    assert rejected and all(e.target is None or "أبو شهاب" not in e.target.text for e in rejected)


def test_concern_after_a_long_subject_is_aimed_at_the_state_the_article_is_about():
    doc = full("فريتاون – (وكالات)\n\nأعلنت لجنة الانتخابات في سيراليون فوز الرئيس جوليوس مادا بيو بولاية ثانية. "
               "ورفضت المعارضة في سيراليون النتائج. "
               "وأعرب الأمين العام للأمم المتحدة أنطونيو غوتيريش عن قلقه من تقارير عن أعمال عنف.")
    assert ("UN", "SLE") in pairs(doc, "ACCUSE")


@pytest.mark.parametrize("text,etype,parties,modality", [
    ("وقال وزير الخارجية المصري إن بلاده «لن تسمح بالمساس بحقوقها المائية» في مياه النيل.", "THREATEN", ("EGY", None), None),
    ("وقالت وزارة الدفاع الباكستانية إن القوات المسلحة «لن تتردد في ضرب مخابئ الإرهابيين» داخل أفغانستان.", "THREATEN", ("PAK", None), None),
    ("ولم تستبعد الصين استخدام القوة لاستعادة تايوان.", "THREATEN", ("CHN", None), "asserted"),
    ("وأغلقت السلطات الباكستانية معبر طورخم الحدودي مع أفغانستان أمام الشاحنات.", "SANCTION", ("PAK", "AFG"), "asserted"),
    ("وأعلنت الجزائر استدعاء سفرائها لدى النيجر للتشاور.", "SANCTION", ("DZA", "NER"), None),
    ("وقررت الهند تعليق العمل بمعاهدة مياه نهر السند مع باكستان.", "SANCTION", ("IND", "PAK"), None),
])
def test_threats_said_by_negation_and_diplomatic_sanctions(text, etype, parties, modality):
    doc = full(text)
    found = [e for e in doc.events if e.type == etype]
    assert found, [(e.type, e.trigger) for e in doc.events]
    src, tgt = parties
    assert any(country(e.source) == src and (tgt is None or country(e.target) == tgt) for e in found), \
        [(country(e.source), country(e.target)) for e in found]
    assert all(e.modality != "negated" for e in found)
    if modality:
        assert any(e.modality == modality for e in found)


def test_an_exchange_of_fire_is_an_attack_by_each_side():
    doc = full("تبادلت القوات الباكستانية والأفغانية، فجر السبت، إطلاق النار بالأسلحة الثقيلة على طول الحدود.")
    assert {("PAK", "AFG"), ("AFG", "PAK")} <= pairs(doc, "ASSAULT")


def test_unnamed_forces_in_an_officials_words_are_his_own_state():
    doc = full("بريشتينا – (وكالات)\n\nقالت صربيا إن الحادث مفتعل، ورفضت صربيا الاتهامات. "
               "وقال وزير الداخلية الكوسوفي إن قوات الأمن اعتقلت أربعة مشتبه بهم في قرية قريبة من الحدود مع صربيا.")
    assert "XKX" in {country(e.source) for e in doc.events if e.type == "COERCE"}


def test_object_after_a_date_aside_and_a_city_inside_a_treaty_name():
    doc = full("اتهمت جمهورية الكونغو الديمقراطية، الخميس 21 آذار/مارس، رواندا بإرسال قوات إلى إقليم شمال كيفو.")
    assert ("COD", "RWA") in pairs(doc, "ACCUSE")
    doc = full("وأدانت البرازيل ما وصفته بانتهاك اتفاقية فيينا للعلاقات الدبلوماسية.")
    assert all(t != "AUT" for _, t in pairs(doc, "ACCUSE"))


def test_the_act_one_side_is_accused_of_is_coded_as_reported():
    doc = full("وكان السودان قد اتهم الإمارات بتزويد قوات الدعم السريع بالأسلحة والذخائر.")
    assert ("SDN", "ARE") in pairs(doc, "ACCUSE")
    aid = [e for e in doc.events if e.type == "AID"]
    assert aid and country(aid[0].source) == "ARE" and aid[0].modality == "reported"
    # the same words as the reason for a sanction are no act of the sanctioned
    doc = full("وفرضت وزارة التجارة الصينية عقوبات على ثلاث شركات أمريكية بسبب تزويد تايوان بالأسلحة.")
    assert not [e for e in doc.events if e.type == "AID"]


def test_both_sides_named_after_an_apposition_to_the_subject():
    doc = full("تبادلت باكستان وإيران الضربات على الحدود. واستدعت باكستان سفيرها من إيران. "
               "ودعت الصين، التي تربطها علاقات وثيقة بالبلدين، الطرفين إلى ضبط النفس.")
    assert {("CHN", "PAK"), ("CHN", "IRN")} <= pairs(doc, "REQUEST")


@pytest.mark.parametrize("text,parties", [
    ("واستدعت وزارة الخارجية الكمبودية السفير التايلاندي وسلمته مذكرة احتجاج على إطلاق النار.", ("KHM", "THA")),
    ("وقالت الحكومة المكسيكية إنها ستقدم شكوى ضد الإكوادور أمام محكمة العدل الدولية.", ("MEX", "ECU")),
    ("ووصف رئيس غويانا الخطوة الفنزويلية بأنها «تهديد مباشر» لسلامة أراضي بلاده.", ("GUY", "VEN")),
])
def test_protest_notes_complaints_and_words_of_blame_are_accusations(text, parties):
    assert parties in pairs(full(text), "ACCUSE")


@pytest.mark.parametrize("text,parties", [
    ("وقال الرئيس الفلبيني إن بلاده لن تتخلى عن شبر واحد من مياهها في بحر الصين الجنوبي.", ("PHL", None)),
    ("وقالت الرئاسة التايوانية إنها لن تخضع للضغوط الصينية.", ("TWN", None)),
    ("واتهم الحزب الحاكم في تايوان المعارضة بخدمة مصالح الصين، وهو ما نفاه حزب الكومينتانغ المعارض.", ("TWN", None)),
])
def test_refusals_said_by_negation_and_denials_of_an_accusation(text, parties):
    doc = full(text)
    rejected = [e for e in doc.events if e.type == "REJECT"]
    assert rejected and any(country(e.source) == parties[0] for e in rejected), [(e.type, e.trigger) for e in doc.events]
    assert all(e.modality != "negated" for e in rejected)


def test_violence_with_no_party_and_no_place_is_no_record():
    # "the clashes went on for three hours": nobody, nowhere; the same with a place is kept
    assert not [e for e in full("وقال شهود إن الاشتباكات استمرت أكثر من ثلاث ساعات.").events if e.type == "ASSAULT"]
    kept = [e for e in full("قتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد.").events if e.type == "ASSAULT"]
    assert kept and kept[0].location is not None and kept[0].location.country == "IRQ"


def test_protesters_face_their_own_countrys_parliament():
    doc = full("بور أو برنس – (وكالات)\n\nوصلت إلى هايتي قوة من الشرطة الكينية. وقالت هايتي إن القوة ستبدأ عملها. "
               "وفي نيروبي، تظاهر عشرات من أنصار المعارضة الكينية أمام مقر البرلمان رفضا لإرسال الشرطة إلى هايتي.")
    assert ("KEN", "KEN") in pairs(doc, "PROTEST"), pairs(doc, "PROTEST")


def test_object_pronoun_after_a_participle_is_the_target_not_the_doer():
    doc = full("وطردت واغادوغو ثلاثة دبلوماسيين فرنسيين، متهمة إياهم بممارسة أنشطة تخريبية.")
    assert ("BFA", "FRA") in pairs(doc, "ACCUSE") and ("FRA", "BFA") not in pairs(doc, "ACCUSE")


@pytest.mark.parametrize("text,parties", [
    ("وقال المفوض الأوروبي إن الاتحاد الأوروبي سيقدم لتونس 105 ملايين يورو لمكافحة الهجرة غير النظامية.", ("EU", "TUN")),
    ("وأرسلت جنوب أفريقيا نحو 2900 جندي إلى الكونغو ضمن قوة إقليمية.", ("ZAF", "COD")),
])
def test_money_given_and_troops_sent_in_support_are_aid(text, parties):
    assert parties in pairs(full(text), "AID")


def test_an_order_to_ones_own_forces_is_the_act_ordered():
    doc = full("وأمر الرئيس الصربي ألكسندر فوتشيتش الجيش برفع حالة التأهب في الوحدات المنتشرة قرب الحدود.")
    assert [e for e in doc.events if e.type == "MOBILIZE" and country(e.source) == "SRB"]
    assert not [e for e in doc.events if e.type == "REQUEST"]
    doc = full("وأمر الرئيس الأمريكي إيران بالإفراج عن المحتجزين.")  # an order to another state stays a demand
    assert ("USA", "IRN") in pairs(doc, "REQUEST") and not [e for e in doc.events if e.type == "RETREAT"]


def test_regional_bodies_and_a_subject_before_a_quoted_verb():
    doc = full("وقال وزير الخارجية الأمريكي إن واشنطن «تدعم قيادة إيكواس» في هذه الأزمة.")
    assert ("USA", "ECOWAS") in pairs(doc, "SUPPORT")
    doc = full("كما دعا الأمين العام لمنظمة الدول الأمريكية إلى عقد اجتماع طارئ.")
    assert "OAS" in {s for s, _ in pairs(doc, "REQUEST")}


def test_mali_after_a_preposition_or_a_verb_and_joint_speakers():
    doc = full("وأعلنت الجزائر استدعاء سفرائها لدى مالي للتشاور.")
    assert ("DZA", "MLI") in pairs(doc, "SANCTION")
    assert "MLI" not in {country(m) for m in full("وقدمت فرنسا دعم مالي للحكومة.").mentions}
    doc = full("وأعلنت مالي وبوركينا فاسو في بيان مشترك أن أي تدخل عسكري في النيجر «سيعد إعلان حرب».")
    sources = {s for s, _ in pairs(doc, "THREATEN")}
    assert {"MLI", "BFA"} <= sources, pairs(doc, "THREATEN")


def test_a_denial_of_ones_own_forces_act_is_coded_negated():
    doc = full("ونفت وزارة الدفاع الأذربيجانية أن تكون قواتها قد أطلقت النار على المواقع الأرمينية.")
    shots = [e for e in doc.events if e.type == "ASSAULT"]
    assert shots and country(shots[0].source) == "AZE" and shots[0].modality == "negated"


def test_sanctions_announced_in_a_masdar_and_talks_frozen():
    doc = full("وجاءت الخطوة بعد أسابيع من إعلان الولايات المتحدة وبريطانيا عقوبات مماثلة على شبكة إيرانية.")
    assert {("USA", "IRN"), ("GBR", "IRN")} <= pairs(doc, "SANCTION")
    doc = full("وكانت كندا قد جمدت قبل أسبوعين مفاوضات اتفاقية التجارة الحرة مع الهند.")
    assert ("CAN", "IND") in pairs(doc, "SANCTION") and not pairs(doc, "CONSULT")


def test_an_announced_seizure_by_others_is_not_the_announcers_act():
    # the president announcing that terrorist groups seized facilities accuses them; he seized nothing
    doc = full("وأشار البيان إلى إعلان الرئيس الكازاخي سيطرة منظمات إرهابية على منشآت حيوية.")
    assert not [e for e in doc.events if e.type == "COERCE" and country(e.source) == "KAZ" and e.source.actor.sector == "GOV"]


def test_crowds_gathering_before_a_base_and_marching_out_are_protests():
    doc = full("نيامي – (وكالات)\n\nوتجمع آلاف من أنصار المجلس العسكري في النيجر أمام القاعدة العسكرية الفرنسية في نيامي.")
    assert [e for e in doc.events if e.type == "PROTEST"]


def test_subject_after_a_fronted_place_phrase():
    doc = full("ووصل إلى واغادوغو الأسبوع الماضي وفد عسكري روسي برئاسة نائب وزير الدفاع.")
    assert ("RUS", "BFA") in pairs(doc, "CONSULT")


def test_the_two_sides_agreeing_agree_with_each_other():
    doc = full("بانكوك – (وكالات)\n\nتبادلت تايلاند وكمبوديا الاتهامات بشأن الحدود. وقالت تايلاند إن كمبوديا بدأت إطلاق النار. "
               "وأعلنت وزارة الخارجية التايلاندية أن الجانبين اتفقا على خفض التوتر.")
    assert {("THA", "KHM"), ("KHM", "THA")} <= pairs(doc, "AGREE"), pairs(doc, "AGREE")


def test_an_envoys_name_after_the_office_takes_its_country():
    doc = full("وأعلنت الرئاسة اللبنانية أن الموفد القطري جاسم بن فهد آل ثاني سيصل إلى بيروت مطلع الأسبوع المقبل.")
    assert ("QAT", "LBN") in pairs(doc, "CONSULT")


def test_a_raid_carried_out_by_the_air_force():
    doc = full("نايبيداو – (وكالات)\n\nقالت ميانمار إن الوضع هادئ. وقتل عشرون مدنيا في غارة نفذها الطيران الحربي على قرية في منطقة ساغاينغ.")
    assert "MMR" in {country(e.source) for e in doc.events if e.type == "ASSAULT"}


def test_a_sentence_opening_on_and_plus_verb_goes_on_with_the_last_agent():
    doc = full("رحبت وزارة الخارجية الصينية بالاتفاق بين باكستان وأفغانستان. وحثت الطرفين على الالتزام الصارم به.")
    assert "CHN" in {country(e.source) for e in doc.events if e.type == "REQUEST"}


def test_a_sanction_with_a_date_phrase_before_it_and_congress_with_its_demonym():
    doc = full("وكانت وزارة الخزانة الأمريكية قد فرضت في تشرين الأول/أكتوبر الماضي عقوبات على شركات ميانمارية.")
    assert ("USA", "MMR") in pairs(doc, "SANCTION")
    doc = full("رفض الكونغرس البيروفي مشروع قانون لتقديم موعد الانتخابات.")
    assert "PER" in {s for s, _ in pairs(doc, "REJECT")}


@pytest.mark.parametrize("text,etype,parties", [
    ("وقال مستشار قائد الجيش الميانماري إن الجيش «لن يجلس إلى طاولة واحدة» مع حكومة الوحدة الوطنية.", "REJECT", ("MMR", None)),
    ("وحمّلت الرئيسة البيروفية البرلمان مسؤولية إطالة أمد الأزمة.", "ACCUSE", ("PER", "PER")),
    ("صوّت مجلس النواب العراقي لصالح تعديل قدمته الحكومة.", "SUPPORT", ("IRQ", None)),
    ("وأعلنت الشرطة المولدوفية توقيف أربعة أشخاص يشتبه في تخطيطهم لأعمال عنف.", "COERCE", ("MDA", None)),
    ("وقال الرئيس الأمريكي إن الولايات المتحدة «لن تسمح لإيران بامتلاك سلاح نووي».", "THREATEN", ("USA", "IRN")),
])
def test_refusals_blame_votes_arrests_and_a_subject_before_a_quoted_negation(text, etype, parties):
    assert_coded(text, etype, parties)


@pytest.mark.parametrize("text,etype,parties", [
    # a subject put first, an apposition between commas, then the verb
    ("لكن حزب «القوات اللبنانية»، أكبر الكتل المسيحية في البرلمان، رفض الدعوة.", "REJECT", ("LBN", None)),
    ("الرئيس التركي رجب طيب أردوغان، في كلمة متلفزة، هدد اليونان بالرد.", "THREATEN", ("TUR", "GRC")),
    # a relative clause's subject is the noun it follows
    ("وأشار إلى رسالة من الحكومة اليمنية التي طالبت المبعوث الأممي بإدراجها في المحادثات.", "REQUEST", ("YEM", "UN")),
    # units, delegations, members of a body act for it
    ("وانتشرت وحدات من الجيش البيروفي، أمس السبت، حول القصر الحكومي.", "MOBILIZE", ("PER", None)),
    # a light verb far from its masdar: the masdar's agent is the verb's subject
    ("وأجرت القوات الروسية المتمركزة في الإقليم، والمقدر عددها بنحو 1500 جندي، مناورات بالذخيرة الحية.", "MOBILIZE", ("RUS", None)),
    # Mali's adjective after an office
    ("اتهم وزير الخارجية المالي عبد الله ديوب، في تصريحات للتلفزيون الرسمي، الجزائر بعمل عدائي.", "ACCUSE", ("MLI", "DZA")),
    # threats said through a warning or a brandished reply, denials of the charges
    ("وحذر وزير الداخلية الموزمبيقي من أن الشرطة «ستتعامل بحزم» مع أي محاولة لنشر الفوضى.", "THREATEN", ("MOZ", None)),
    ("ولوحت السفارة الروسية في كيشيناو بـ«الرد بالمثل».", "THREATEN", ("RUS", None)),
    ("ونفت الحكومة الجورجية في بيان مطول هذه الاتهامات.", "REJECT", ("GEO", None)),
    # readiness for talks or cooperation with a named side
    ("وقال المتحدث باسم الخارجية الفلبينية إن مانيلا مستعدة للحوار مع بكين عبر القنوات الدبلوماسية.", "CONSULT", ("PHL", "CHN")),
])
def test_fronted_subjects_relative_clauses_parts_of_a_body_and_warnings(text, etype, parties):
    assert_coded(text, etype, parties)


def test_financial_mali_and_suspended_cooperation_stay_unread():
    assert "MLI" not in {country(m) for m in full("وقال وزير المالية المصري إن الوضع المالي صعب.").mentions}
    doc = full("وأعلنت ألمانيا تجميد تعاونها الإنمائي مع النيجر.")
    assert not pairs(doc, "COOPERATE") and ("DEU", "NER") in pairs(doc, "SANCTION")
    assert not pairs(full("ورحب الوزيران بتعزيز التعاون مع دول الجوار."), "COOPERATE")


def test_talks_held_abroad_do_not_move_a_civil_war_to_the_host_country():
    # Jeddah is named most, but the parties on the scene are Sudanese: the gunmen are Sudan's
    doc = full("جدة – (وكالات)\n\nاستأنف وفدا الجيش السوداني وقوات الدعم السريع محادثاتهما في جدة يوم الاثنين، "
               "وقال مصدر مطلع في جدة إن الجولة تركز على الممرات الإنسانية. وفي الميدان، قال سكان إن قوات الدعم "
               "السريع اقتحمت منازل في الخرطوم، وإن الطيران الحربي قصف تجمعات للمسلحين في أم درمان.")
    assert ("SDN", "SDN") in pairs(doc, "ASSAULT") and not any("SAU" in p for p in pairs(doc, "ASSAULT")), pairs(doc, "ASSAULT")


def test_the_complementizers_pronoun_is_the_speaker_and_the_released_are_the_target():
    doc = full("وأعلنت باكو في وقت لاحق أنها أفرجت عن جنديين أرمينيين كانا محتجزين لديها.")
    assert ("AZE", "ARM") in pairs(doc, "RETREAT"), pairs(doc, "RETREAT")


def test_an_office_with_its_adjective_before_a_name_the_ner_split_wrongly():
    doc = full("واتهم وزير الدفاع الباكستاني خواجة محمد آصف، في مقابلة تلفزيونية، سلطات طالبان بإيواء المسلحين.")
    assert ("PAK", "AFG") in pairs(doc, "ACCUSE"), pairs(doc, "ACCUSE")
