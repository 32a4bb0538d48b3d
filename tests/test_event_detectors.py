"""The PROTEST/ASSAULT sentence detectors and how the coder uses them.

Sentences written for these tests.  A sentence that reports a protest or an
attack is coded; one that only mentions protesters or violence (an essay, a
documentary, a statistic, a description of the protesters) is not, unless the
article around it is about that protest or that violence.
"""
from __future__ import annotations

import pytest

from marsad.events.classify import cue_features, load_model, sentence_scores
from marsad.model import Document
from marsad.pipeline import default_pipeline

REPORTS = [
    ("PROTEST", "وتجمع آلاف المتظاهرين أمام مبنى البرلمان في العاصمة أمس احتجاجا على رفع الضرائب."),
    ("ASSAULT", "وقتل مسلحون مجهولون ثلاثة جنود في هجوم على حاجز عسكري شمال البلاد."),
    ("ASSAULT", "وأطلقت الشرطة الغاز المسيل للدموع على المحتجين في وسط المدينة."),
]
MENTIONS = [
    ("PROTEST", "وتحدث الكاتب في مقاله عن تاريخ الاحتجاجات الطلابية في أوروبا خلال القرن الماضي."),
    ("PROTEST", "ووصف المتحدث المتظاهرين بأنهم مخربون يتلقون أموالا من الخارج."),
    ("ASSAULT", "وتناول الفيلم الوثائقي قصة الحرب الأهلية وما رافقها من مجازر بحق المدنيين."),
    ("ASSAULT", "وأشار التقرير إلى أن عدد ضحايا الهجمات الإرهابية في العالم تراجع خلال العقد الأخير."),
]


@pytest.fixture(scope="module")
def pipe():
    return default_pipeline()


def types(pipe, text: str) -> set[str]:
    return {e.type for e in pipe(Document(id="t", raw=text, pub_date="2024-03-01")).events}


@pytest.mark.parametrize("etype, text", REPORTS)
def test_reported_protests_and_attacks_are_coded(pipe, etype, text):
    assert etype in types(pipe, text)
    assert sentence_scores(text, {etype})[etype] >= 0.5


@pytest.mark.parametrize("etype, text", MENTIONS)
def test_mere_mentions_are_not_events(pipe, etype, text):
    assert etype not in types(pipe, text)
    assert sentence_scores(text, {etype})[etype] < 0.5


def test_a_mention_inside_an_article_about_the_protests_is_kept(pipe):
    article = ("اندلعت احتجاجات واسعة في مدن الجنوب يوم الأحد بعد قرار الحكومة رفع أسعار الخبز.\n\n"
               "وأكد وزير الداخلية أن قوات الأمن لم تعتقل أحدا، مضيفا أن المحتجين على غلاء الأسعار "
               "مواطنون لهم مطالب مشروعة.\n\n"
               "وسيطر المحتجون على مبنى البلدية في مدينة الميناء لساعات قبل أن ينسحبوا.")
    second = article.split("\n\n")[1]
    assert sentence_scores(second, {"PROTEST"})["PROTEST"] < 0.4  # alone, the detector rejects it
    doc = pipe(Document(id="t", raw=article, pub_date="2024-03-01"))
    assert {e.sentence for e in doc.events if e.type == "PROTEST"} == {0, 1, 2}
    # the same sentence on its own is not a protest report
    assert "PROTEST" not in types(pipe, second)


def test_hypothetical_attack_is_not_vetoed(pipe):
    # the detectors learnt factual reports; a feared attack is the modality's business
    text = "وقال وزير الدفاع البريطاني إنه إذا هاجمت روسيا أوكرانيا فإن الحلف سيرد بقوة."
    doc = pipe(Document(id="t", raw=text, pub_date="2024-03-01"))
    assert [e.modality for e in doc.events if e.type == "ASSAULT"] == ["hypothetical"]


def test_cues_combine_crowd_purpose_and_place():
    feats = cue_features("تظاهر الآلاف أمام السفارة احتجاجا على القرار")
    assert {"g:crowd", "g:purpose", "g:place", "g:crowd+purpose"} <= set(feats)
    assert cue_features("وناقش المجلس ميزانية العام المقبل") == []


def test_shipped_detectors_say_which_features_they_use():
    for name in ("protest", "assault"):
        model = load_model(name)
        assert model is not None and 0 < model.threshold < 1
        assert model.cues == any(f.startswith("g:") for f in model.vocab)
