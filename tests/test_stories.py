"""Stories across outlets: near-duplicates, story clusters, merged events.

The corpus (tests/data/stories_corpus.jsonl) was written for these tests:
48 short Arabic articles, January 2022, from 20 outlets, on 9 multi-article
stories and 5 single-article ones, with copies and light edits of agency
texts (one of them an HTML page) and unrelated articles on the same days
(two Turkey stories, two stories on 17 January with casualties, a Sudan
story and an Egypt–Sudan football match).  Each line carries ``gold_story``
and ``gold_duplicate_of``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.model import Actor, DateExpr, Document, Event, Location, Mention, Span
from marsad.stories import StoryClusterer, cluster_documents, cluster_jsonl, find_duplicates, merge_events
from marsad.stories.evaluate import evaluate_stories, pairwise_f1
from marsad.stories.jsonl import record_to_document
from marsad.text.clean import clean_document

CORPUS = Path(__file__).resolve().parent / "data" / "stories_corpus.jsonl"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture()
def docs(records) -> dict[str, Document]:
    return {r["id"]: record_to_document(r) for r in records}


# -- the corpus itself -------------------------------------------------------
def test_corpus_has_the_shape_the_brief_asks_for(records):
    stories = {r["gold_story"] for r in records}
    multi = {s for s in stories if sum(r["gold_story"] == s for r in records) > 1}
    assert len(records) >= 40 and len(multi) >= 8
    assert len({r["outlet"] for r in records}) >= 8
    assert sum(1 for r in records if r["gold_duplicate_of"]) >= 8
    for r in records:
        if r.get("format") != "html":
            assert 80 <= len(r["text"].split()) <= 200, r["id"]


# -- near-duplicates -----------------------------------------------------------
def test_copies_and_light_edits_point_at_the_earliest_article(records, docs):
    found = find_duplicates(list(docs.values()))
    gold = {r["id"]: r["gold_duplicate_of"] for r in records}
    assert found == gold


def test_an_update_sharing_one_paragraph_is_not_a_copy(docs):
    # The outlet's follow-up repeats its first report's casualty sentence.
    found = find_duplicates([docs["uae-sky"], docs["uae-sky-update"]])
    assert found == {"uae-sky": None, "uae-sky-update": None}


def test_a_full_report_grown_from_a_flash_is_not_a_copy(docs):
    full = docs["uae-sky"]
    flash_text = full.text.split("\n")[0]
    flash = Document(id="flash", raw=flash_text, text=flash_text, pub_date="2022-01-17")
    cut = Document(id="cut", raw=full.text.rsplit("\n", 1)[0], text=full.text.rsplit("\n", 1)[0], pub_date="2022-01-17")
    assert find_duplicates([flash, full, cut]) == {"flash": None, "uae-sky": None, "cut": "uae-sky"}


def test_a_copy_published_first_becomes_the_original(docs):
    copy, original = docs["ots-turkpress"], docs["ots-aa"]
    copy.pub_date, original.pub_date = "2022-01-10", "2022-01-11"
    assert find_duplicates([original, copy]) == {"ots-aa": "ots-turkpress", "ots-turkpress": None}


def test_copies_are_looked_for_within_a_window(docs):
    original = docs["tur-aa"]
    late = Document(id="late", raw=original.text, text=original.text, pub_date="2022-03-20")
    soon = Document(id="soon", raw=original.text, text=original.text, pub_date="2022-01-20")
    assert find_duplicates([original, soon, late]) == {"tur-aa": None, "soon": "tur-aa", "late": None}


def test_spelling_variants_do_not_hide_a_copy(docs):
    # Same text with hamza seats, alef maqsura and ta marbuta folded and
    # diacritics added: still the same article.
    original = docs["arm-aa"]
    variant_text = (original.text.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي")
                    .replace("محادثات", "مُحادَثات"))
    variant = Document(id="variant", raw=variant_text, text=variant_text, pub_date="2022-01-15")
    assert find_duplicates([original, variant])["variant"] == "arm-aa"


# -- story clustering ----------------------------------------------------------
def test_story_clustering_scores_at_least_0_9_pairwise_f1():
    scores = evaluate_stories(CORPUS)
    assert scores["stories"]["f1"] >= 0.9, scores
    assert scores["duplicates"]["f1"] == 1.0, scores


def test_same_day_stories_with_shared_actors_stay_apart(records):
    out = {o["id"]: o["story"] for o in _cluster(records)}
    # Turkish FM in both; a Turkish economy story in the same fortnight.
    assert out["ots-aa"] != out["arm-aa"] != out["tur-aa"]
    # 17 January: a drone attack in Abu Dhabi and killings in Khartoum.
    assert out["uae-sky"] != out["sdn-jazeera"]
    # Egypt meets Sudan at the Africa Cup while Khartoum protests.
    assert out["afc-awsat"] != out["sdn-sky"]
    # A follow-up with its own wording joins its story across days.
    assert out["uae-rt"] == out["uae-sky"] and out["arm-awsat"] == out["arm-aa"]


def _cluster(records) -> list[dict]:
    from marsad.stories.jsonl import cluster_records

    return cluster_records([{k: v for k, v in r.items() if not k.startswith("gold_")} for r in records])


def test_cluster_jsonl_follows_the_contract(tmp_path, records):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({k: v for k, v in r.items() if not k.startswith("gold_")}, ensure_ascii=False)
                           + "\n" for r in records), "utf-8")
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert cluster_jsonl(src, out1) == len(records)
    cluster_jsonl(src, out2)
    lines = [json.loads(line) for line in out1.read_text("utf-8").splitlines()]
    assert out1.read_bytes() == out2.read_bytes()  # deterministic
    assert [o["id"] for o in lines] == [r["id"] for r in records]
    assert all(set(o) == {"id", "story", "duplicate_of"} for o in lines)
    date_of = {r["id"]: r["pub_date"] for r in records}
    for o in lines:
        if o["duplicate_of"]:
            assert date_of[o["duplicate_of"]] <= date_of[o["id"]]
    by_id = {o["id"]: o for o in lines}
    # The HTML page (navigation, "most read" box, footer) is a copy of its agency text.
    assert by_id["lbn-debate"]["duplicate_of"] == "lbn-awsat"
    assert by_id["lbn-debate"]["story"] == by_id["lbn-awsat"]["story"]


def test_undated_lines_short_briefs_and_numeric_ids(records):
    from marsad.stories.jsonl import cluster_records

    brief = "عاجل: انفجار يهز العاصمة الليبية طرابلس"
    lines = [{"id": 7, "text": brief}, {"id": "x", "text": brief, "pub_date": "2022-01-11"},
             {"id": "y", "text": brief + " وأنباء عن ضحايا", "pub_date": "2022-01-11"}]
    out = cluster_records(lines)
    assert [o["id"] for o in out] == [7, "x", "y"]  # ids echoed as given
    # The undated brief comes first in the feed: it is the original.
    assert [o["duplicate_of"] for o in out] == [None, 7, None]
    assert out[0]["story"] == out[1]["story"]


def test_input_order_within_a_day_does_not_change_the_stories(records):
    # Publication order decides; input order only breaks ties within a day
    # (it may change which article founds a story, so the ids, not the groups).
    forward = {o["id"]: o["story"] for o in _cluster(records)}
    backward = {o["id"]: o["story"] for o in _cluster(list(reversed(records)))}
    assert pairwise_f1(forward, backward)["f1"] == 1.0


def test_a_story_closes_after_the_time_window(docs):
    first, follow_up = docs["lbn-awsat"], docs["lbn-jazeera"]
    follow_up.pub_date = "2022-02-10"
    clusterer = StoryClusterer(window_days=7)
    assert clusterer.add(first) != clusterer.add(follow_up)
    first2, follow2 = (record_to_document({"id": d.id, "text": d.raw, "title": d.title, "pub_date": p})
                       for d, p in ((first, "2022-01-15"), (follow_up, "2022-01-17")))
    clusterer = StoryClusterer(window_days=7)
    assert clusterer.add(first2) == clusterer.add(follow2)


def _annotate(doc: Document, event_day: str) -> Document:
    """Mentions and an event date as the NER, actor and date stages would add them."""
    known = {
        "أبوظبي": ("LOC", None, Location("Abu Dhabi", "ARE")),
        "الحوثي": ("ORG", Actor(name="Houthis", country="YEM", sector="REB"), None),
        "تشاووش أوغلو": ("PERS", Actor(name="Mevlut Cavusoglu", country="TUR", sector="GOV"), None),
        "موسكو": ("LOC", None, Location("Moscow", "RUS")),
    }
    for surface, (kind, actor, place) in known.items():
        for m in re.finditer(surface, doc.text):
            doc.mentions.append(Mention(surface, m.start(), m.end(), kind, actor=actor, location=place))
    doc.dates.append(DateExpr("الاثنين", event_day, 0, 0))
    return doc


def test_shared_actors_places_and_dates_pull_rewrites_together(docs):
    # A condemnation round-up and the outlet's next-day update share few words.
    a, b = docs["uae-awsat"], docs["uae-sky-update"]
    plain = StoryClusterer()
    assert plain.add(a) != plain.add(b)
    a2, b2 = (record_to_document({"id": d.id, "text": d.raw, "title": d.title, "pub_date": d.pub_date}) for d in (a, b))
    annotated = StoryClusterer()
    assert annotated.add(_annotate(a2, "2022-01-17")) == annotated.add(_annotate(b2, "2022-01-17"))


def test_one_shared_minister_does_not_make_one_story(docs):
    a, b = docs["ots-aa"], docs["arm-awsat"]
    clusterer = StoryClusterer()
    assert clusterer.add(_annotate(a, "2022-01-11")) != clusterer.add(_annotate(b, "2022-01-14"))


def test_story_labels_name_terms_actors_type_and_dates(docs):
    clusterer = StoryClusterer()
    for doc_id in ("arm-aa", "arm-sputnik", "arm-awsat"):
        doc = _annotate(docs[doc_id], "2022-01-14")
        doc.events.append(Event("CONSULT", doc.mentions[0] if doc.mentions else None, None, [Span(0, 10, doc.text[:10])]))
        clusterer.add(doc)
    (story,) = clusterer.stories()
    assert story.doc_ids == ["arm-aa", "arm-sputnik", "arm-awsat"]
    assert story.first_date == "2022-01-14" and story.last_date == "2022-01-15"
    assert "مشاورات" in story.label_ar and "2022-01-14 إلى 2022-01-15" in story.label_ar
    assert "consultation" in story.label_en and "2022-01-14 to 2022-01-15" in story.label_en
    assert "Mevlut Cavusoglu" in story.label_en and "3 articles, 3 outlets" in story.label_en
    # Without linked actors the label names the story's heaviest terms.
    plain = StoryClusterer()
    plain.add(record_to_document({"id": "x", "text": docs["uae-sky"].raw, "pub_date": "2022-01-17"}))
    label = plain.stories()[0].label_ar
    assert any(w in label for w in ("صهاريج", "مصفح", "أبوظبي", "أدنوك")), label


def test_seed_articles_land_in_one_story(shared, records):
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if len(seeds) < 2:
        pytest.skip("../shared/seeds has fewer than two seed articles")
    seed_docs = [clean_document(Document(id=p.stem, raw=p.read_text("utf-8"), pub_date=day))
                 for p, day in zip(seeds[:2], ("2022-01-12", "2022-01-14"))]
    alone = StoryClusterer()
    assert alone.add(seed_docs[0]) == alone.add(seed_docs[1])
    # Among the other articles of those days they join the OTS meeting story.
    clusterer = StoryClusterer()
    corpus = {r["id"]: record_to_document(r) for r in records}
    from marsad.stories.jsonl import cluster_documents

    cluster_documents(list(corpus.values()) + seed_docs, clusterer)
    assert clusterer.story_of[seed_docs[0].id] == clusterer.story_of[seed_docs[1].id] == clusterer.story_of["ots-aa"]


# -- evaluation ----------------------------------------------------------------
def test_pairwise_f1_counts_pairs():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    # gold pairs ab ac bc; predicted ab cd; one in common.
    score = pairwise_f1(gold, pred)
    assert score["precision"] == pytest.approx(0.5) and score["recall"] == pytest.approx(1 / 3)
    assert score["f1"] == pytest.approx(0.4)
    assert pairwise_f1([1, 2, 3], ["a", "b", "c"])["f1"] == 1.0  # no pairs on either side
    with pytest.raises(ValueError):
        pairwise_f1({"a": 1}, {})


# -- cross-document event merging --------------------------------------------
def _mention(doc: Document, surface: str, name: str | None, country: str | None, kind: str = "PERS") -> Mention:
    start = doc.text.index(surface)
    return Mention(surface, start, start + len(surface), kind,
                   actor=Actor(name=name, country=country, sector="GOV" if kind == "PERS" else "IGO"))


def _event(doc: Document, kind: str, source: Mention | None, target: Mention | None, sentence_start: str,
           date: str | None, exact: bool = True, modality: str = "asserted", location: Location | None = None) -> Event:
    start = doc.text.index(sentence_start)
    end = doc.text.index(".", start) + 1
    return Event(kind, source, target, [Span(start, end, doc.text[start:end])], date=date,
                 date_is_pub_date=not exact, modality=modality, location=location, confidence=0.8)


def test_merge_events_gives_one_event_with_counts_and_evidence(docs):
    aa, copy, jazeera, rt, arm = docs["ots-aa"], docs["ots-turkpress"], docs["ots-jazeera"], docs["ots-rt"], docs["arm-aa"]
    ots = lambda d, s: _mention(d, s, "Organization of Turkic States", "OTS", "ORG")  # noqa: E731
    # The agency's meeting report, its verbatim copy, and a rewrite dated only by its publication day.
    aa.events.append(_event(aa, "CONSULT", _mention(aa, "مولود تشاووش أوغلو", "Mevlut Cavusoglu", "TUR"),
                            ots(aa, "منظمة الدول التركية"), "عقد وزراء خارجية", "2022-01-11"))
    copy.events.append(_event(copy, "CONSULT", _mention(copy, "مولود تشاووش أوغلو", "Mevlut Cavusoglu", "TUR"),
                              ots(copy, "منظمة الدول التركية"), "عقد وزراء خارجية", "2022-01-11"))
    jazeera.events.append(_event(jazeera, "CONSULT", _mention(jazeera, "وزير الخارجية التركي", None, "TUR"),
                                 ots(jazeera, "منظمة الدول التركية"), "دعا وزير الخارجية", "2022-01-12", exact=False))
    # The same actors dated exactly to another day: another meeting.
    rt.events.append(_event(rt, "CONSULT", _mention(rt, "تركيا", "Mevlut Cavusoglu", "TUR", "LOC"),
                            ots(rt, "منظمة الدول التركية"), "وأوضح البيان", "2022-01-10"))
    # Same type, other actors; same actors, other type; same event, negated.
    arm.events.append(_event(arm, "CONSULT", _mention(arm, "سردار قليج", "Serdar Kilic", "TUR"),
                             _mention(arm, "روبن روبينيان", "Ruben Rubinyan", "ARM"), "انطلقت في العاصمة", "2022-01-14"))
    aa.events.append(_event(aa, "SUPPORT", _mention(aa, "مولود تشاووش أوغلو", "Mevlut Cavusoglu", "TUR"),
                            _mention(aa, "نور سلطان", None, "KAZ", "LOC"), "وأكد تشاووش أوغلو", "2022-01-11"))
    jazeera.events.append(_event(jazeera, "CONSULT", _mention(jazeera, "وزير الخارجية التركي", None, "TUR"),
                                 ots(jazeera, "منظمة الدول التركية"), "وقال الوزير التركي", "2022-01-11",
                                 modality="negated"))

    merged = merge_events([aa, copy, jazeera, rt, arm])
    assert len(merged) == 5
    top = merged[0]
    assert (top["type"], top["modality"], top["date"]) == ("CONSULT", "asserted", "2022-01-11")
    assert top["num_articles"] == 2 and top["num_outlets"] == 2 and top["num_copies"] == 1
    assert top["doc_ids"] == ["ots-aa", "ots-jazeera"] and top["copy_doc_ids"] == ["ots-turkpress"]
    assert top["source"]["name"] == "Mevlut Cavusoglu" and top["source"]["country"] == "TUR"
    assert top["target"]["country"] == "OTS"
    assert sorted(e["doc_id"] for e in top["evidence"]) == ["ots-aa", "ots-jazeera"]
    for ev in top["evidence"]:
        text = docs[ev["doc_id"]].text
        assert text[ev["start"]:ev["end"]] == ev["text"]
    others = {(m["type"], m["modality"], m["date"], m["num_articles"]) for m in merged[1:]}
    assert others == {("CONSULT", "asserted", "2022-01-10", 1), ("CONSULT", "asserted", "2022-01-14", 1),
                      ("SUPPORT", "asserted", "2022-01-11", 1), ("CONSULT", "negated", "2022-01-11", 1)}


def test_merge_events_keeps_different_places_apart(docs):
    a, b = docs["arm-aa"], docs["arm-f24"]
    for doc, place in ((a, Location("Moscow", "RUS")), (b, Location("Yerevan", "ARM"))):
        doc.events.append(Event("CONSULT", _mention(doc, "تركيا" if "تركيا" in doc.text else "أنقرة", None, "TUR", "LOC"),
                                None, [Span(0, 20, doc.text[:20])], date="2022-01-14", location=place))
    assert len(merge_events([a, b])) == 2
    b.events[0].location = Location("Moscow", "RUS", text="موسكو")
    (merged,) = merge_events([a, b])
    assert merged["num_articles"] == 2 and merged["location"]["name"] == "Moscow"


def test_seed_articles_through_the_full_pipeline_land_in_one_story(shared):
    # With every layer attached (dozens of actors, places and events per
    # article), the pseudo-terms must neither crowd the words out of the
    # story look-up nor outweigh them.
    from marsad.pipeline import default_pipeline

    seeds = sorted((shared / "seeds").glob("*.txt"))[:2]
    pipeline = default_pipeline()
    docs = [pipeline(Document(id=p.stem, raw=p.read_text("utf-8"), pub_date=day))
            for p, day in zip(seeds, ("2022-01-11", "2022-01-13"))]
    assert all(len(d.mentions) > 10 and d.events for d in docs)
    clusterer = cluster_documents(docs)
    assert clusterer.story_of[docs[0].id] == clusterer.story_of[docs[1].id]
    # Their shared events merge: the CSTO request, and the OTS emergency
    # meeting, read in 000 as Turkey's minister taking part in it and in 002
    # as the OTS holding it.
    merged = merge_events(docs)

    def names(m: dict, code: str) -> bool:
        return any(side and side["country"] == code for side in (m["source"], m["target"]))

    ots = [m for m in merged if m["type"] == "CONSULT" and m["mode"] == "multilateral" and names(m, "OTS")]
    assert [m["num_articles"] for m in ots] == [2], ots
    assert ots[0]["date"] == "2022-01-11"
    assert any(m["type"] == "REQUEST" and names(m, "CSTO") and m["num_articles"] == 2 for m in merged)


# -- one forum's meeting read from different angles ----------------------------
# An Arab League emergency meeting on Sunday 6 February 2022 as a news agency
# (the League held it), a Jordanian outlet (its minister took part, next day)
# and an Egyptian paper (its minister took part) report it; beside it, the
# same day's Gulf ministerial meeting, a phone call between two of the
# ministers, a call with the League's secretariat, and the League's next
# emergency meeting three weeks later.
SUMMIT = {
    "arl-agency": ("2022-02-06", "وكالة أ", "عقد مجلس جامعة الدول العربية على مستوى وزراء الخارجية اجتماعا طارئا في "
                   "القاهرة يوم الأحد لبحث تطورات الأزمة في السودان. وأكد الوزراء في بيانهم الختامي دعمهم لوحدة "
                   "السودان واستقراره، ودعوا جميع الأطراف إلى ضبط النفس والعودة إلى الحوار."),
    "arl-amman": ("2022-02-07", "صحيفة ب", "قال وزير الخارجية الأردني أيمن الصفدي، خلال مشاركته في الاجتماع الطارئ "
                  "لوزراء خارجية جامعة الدول العربية أمس الأحد، إن الأردن يقف إلى جانب السودان في هذه المرحلة "
                  "الصعبة. وشدد الصفدي على ضرورة الحل السياسي."),
    "arl-cairo": ("2022-02-06", "صحيفة ج", "أكد وزير الخارجية سامح شكري، في كلمته خلال مشاركته في اجتماع طارئ لوزراء "
                  "خارجية جامعة الدول العربية اليوم، أن مصر تدعم استقرار السودان. واستعرض شكري رؤية بلاده لاحتواء "
                  "الأزمة."),
    "gcc-riyadh": ("2022-02-06", "وكالة د", "عقد وزراء خارجية مجلس التعاون الخليجي اجتماعا استثنائيا في الرياض يوم "
                   "الأحد لبحث أمن الملاحة في الخليج. وأكد الوزراء رفضهم أي تهديد لأمن دول المجلس."),
    "call-cairo": ("2022-02-06", "موقع هـ", "أجرى وزير الخارجية سامح شكري اتصالا هاتفيا يوم الأحد مع نظيره الأردني "
                   "أيمن الصفدي، تناول العلاقات الثنائية بين البلدين. كما تلقى شكري اتصالا من الأمانة العامة لجامعة "
                   "الدول العربية بشأن ترتيبات القمة المقبلة."),
    "arl-march": ("2022-02-28", "وكالة أ", "عقد مجلس جامعة الدول العربية على مستوى وزراء الخارجية اجتماعا طارئا في "
                  "القاهرة يوم الأحد لبحث تطورات الأوضاع في أوكرانيا. ودعا الوزراء إلى وقف التصعيد."),
}


def _summit_docs() -> dict[str, Document]:
    return {k: record_to_document({"id": k, "text": text, "pub_date": day, "outlet": outlet})
            for k, (day, outlet, text) in SUMMIT.items()}


def _consult(doc: Document, source: Mention | None, target: Mention | None, sentence_start: str, date: str,
             mode: str | None = "multilateral", exact: bool = True) -> Event:
    ev = _event(doc, "CONSULT", source, target, sentence_start, date, exact=exact)
    ev.mode = mode
    return ev


def test_a_forum_meeting_merges_its_host_and_participant_readings():
    d = _summit_docs()
    arl = lambda doc: _mention(doc, "جامعة الدول العربية", "Arab League", "ARL", "ORG")  # noqa: E731
    safadi = lambda doc: _mention(doc, "أيمن الصفدي", "Ayman Safadi", "JOR")  # noqa: E731
    shoukry = lambda doc: _mention(doc, "سامح شكري", "Sameh Shoukry", "EGY")  # noqa: E731
    # the League held it; Jordan's and Egypt's ministers took part (one dated by its publication day only)
    d["arl-agency"].events.append(_consult(d["arl-agency"], arl(d["arl-agency"]), None, "عقد مجلس", "2022-02-06"))
    d["arl-amman"].events.append(_consult(d["arl-amman"], safadi(d["arl-amman"]), arl(d["arl-amman"]), "قال وزير",
                                          "2022-02-06"))
    d["arl-cairo"].events.append(_consult(d["arl-cairo"], shoukry(d["arl-cairo"]), arl(d["arl-cairo"]), "أكد وزير",
                                          "2022-02-06", mode=None, exact=False))
    # another forum the same day; the ministers' phone call, and a call from the League's secretariat
    gcc = d["gcc-riyadh"]
    gcc.events.append(_consult(gcc, _mention(gcc, "مجلس التعاون الخليجي", "Gulf Cooperation Council", "GCC", "ORG"),
                               None, "عقد وزراء", "2022-02-06"))
    call = d["call-cairo"]
    call.events.append(_consult(call, shoukry(call), safadi(call), "أجرى وزير", "2022-02-06", mode="phone"))
    call.events.append(_consult(call, _mention(call, "سامح شكري", "Sameh Shoukry", "EGY"), arl(call), "كما تلقى",
                                "2022-02-06", mode="phone"))
    # the same forum three weeks later
    d["arl-march"].events.append(_consult(d["arl-march"], arl(d["arl-march"]), None, "عقد مجلس", "2022-02-27"))

    merged = merge_events(d.values())
    by_docs = {tuple(m["doc_ids"]): m for m in merged}
    assert set(by_docs) == {("arl-agency", "arl-amman", "arl-cairo"), ("gcc-riyadh",), ("call-cairo",), ("arl-march",)}
    assert len(merged) == 5  # the two calls of call-cairo stay two events
    meeting = by_docs[("arl-agency", "arl-amman", "arl-cairo")]
    assert meeting["num_outlets"] == 3 and meeting["date"] == "2022-02-06" and meeting["mode"] == "multilateral"
    # one coherent reading, not the League as both source and target
    assert (meeting["source"]["name"], meeting["target"]) == ("Arab League", None)
    assert {e["doc_id"] for e in meeting["evidence"]} == {"arl-agency", "arl-amman", "arl-cairo"}


def test_forum_readings_need_one_forum_one_day_and_no_two_counterparts():
    text = ("عقد مجلس الأمن الدولي جلسة بشأن السودان. ثم عقد مجلس الأمن الدولي جلسة ثانية بشأن ليبيا. "
            "وشارك وزير الخارجية الليبي في الجلسة. وعقد مجلس الأمن الدولي جلسة ثالثة الشهر المقبل.")
    doc = Document(id="un", raw=text, text=text, pub_date="2022-02-06")
    unsc = lambda: _mention(doc, "مجلس الأمن الدولي", "United Nations Security Council", "UN", "ORG")  # noqa: E731
    sudan, libya = (_mention(doc, w, None, c, "LOC") for w, c in (("السودان", "SDN"), ("ليبيا", "LBY")))
    on_sudan = _consult(doc, unsc(), sudan, "عقد مجلس", "2022-02-06")
    on_libya = _consult(doc, unsc(), libya, "ثم عقد", "2022-02-06")
    libyan = _consult(doc, _mention(doc, "وزير الخارجية الليبي", None, "LBY"), unsc(), "وشارك", "2022-02-06")
    later = _consult(doc, unsc(), None, "وعقد مجلس", "2022-03-07")
    doc.events = [on_sudan, on_libya, libyan, later]
    merged = merge_events([doc])
    # Two sessions with two counterparts are two meetings; a participant
    # joins one of them; a month later is another meeting.
    assert sorted(len(m["evidence"]) for m in merged) == [1, 1, 2]
    assert any(len(m["evidence"]) == 2 and m["date"] == "2022-02-06" for m in merged)
    assert {m["date"] for m in merged if len(m["evidence"]) == 1} == {"2022-02-06", "2022-03-07"}


def test_a_person_of_an_organisation_is_not_a_forum():
    # The League's secretary-general (an IGO person) receives two ministers
    # on one day: two meetings, not two participants of one.
    text = "استقبل أحمد أبو الغيط وزير الخارجية الأردني. واستقبل أحمد أبو الغيط وزير الخارجية المصري بعد ذلك."
    doc = Document(id="sg", raw=text, text=text, pub_date="2022-02-06")
    first, second = (text.index("أحمد أبو الغيط"), text.rindex("أحمد أبو الغيط"))
    sg = [Mention("أحمد أبو الغيط", i, i + 14, "PERS", actor=Actor("Ahmed Aboul Gheit", "ARL", "IGO", "PERS"))
          for i in (first, second)]
    jordan, egypt = (_mention(doc, w, None, c)
                     for w, c in (("وزير الخارجية الأردني", "JOR"), ("وزير الخارجية المصري", "EGY")))
    doc.events = [_consult(doc, jordan, sg[0], "استقبل", "2022-02-06", mode=None),
                  _consult(doc, egypt, sg[1], "واستقبل", "2022-02-06", mode=None)]
    assert len(merge_events([doc])) == 2


def test_one_summit_from_several_outlets_through_the_full_pipeline():
    from marsad.pipeline import default_pipeline

    pipeline = default_pipeline()
    docs = [pipeline(Document(id=k, raw=text, pub_date=day, outlet=outlet))
            for k, (day, outlet, text) in SUMMIT.items()]
    consults = [m for m in merge_events(docs) if m["type"] == "CONSULT"]
    groups = {tuple(m["doc_ids"]) for m in consults}
    assert ("arl-agency", "arl-amman", "arl-cairo") in groups, groups
    # nothing else joined the meeting: not the Gulf meeting, the call, nor the later meeting
    for m in consults:
        assert set(m["doc_ids"]) <= {"arl-agency", "arl-amman", "arl-cairo"} or len(m["doc_ids"]) == 1, m["doc_ids"]
