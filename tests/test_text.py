"""Text layer: normalisation with offsets, tokens, sentences, cleaning."""
from __future__ import annotations

from marsad.model import Document
from marsad.pipeline import default_pipeline
from marsad.text.clean import clean_lines, is_boilerplate
from marsad.text.normalize import map_span, normalize, normalize_with_offsets
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize, word_variants


def test_normalize_folds_arabic_variants():
    assert normalize("أحمد إبراهيم آمنة") == "احمد ابراهيم امنه"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("الـــرئيس") == "الرييس"
    assert normalize("كَتَبَ") == "كتب"
    assert normalize("٢٠٢٢ و۱۴۰۰") == "2022 و1400"
    assert normalize("\u200fتركيا\u200e") == "تركيا"


def test_normalize_is_idempotent():
    s = "وَأعلنَ الرئيسُ قاسم جومارت توكاييف حالةَ الطوارئ في ٥ يناير"
    assert normalize(normalize(s)) == normalize(s)


def test_offsets_map_back_to_original():
    original = "أعلنَ الرئيسُ الكازاخستانيّ"
    folded, offs = normalize_with_offsets(original)
    i = folded.index("الكازاخستاني")
    s, e = map_span(offs, i, i + len("الكازاخستاني"))
    # the span ends after the last letter; the trailing shadda folded away
    assert original[s:e] == "الكازاخستاني"
    assert len(offs) == len(folded) + 1


def test_tokens_keep_offsets_and_strip_article_proclitics():
    text = "وقال الوزير للصحفيين بالعاصمة إن وزير الدفاع وصل"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    by_text = {t.text: t for t in toks}
    assert by_text["الوزير"].stem == "وزير"
    assert by_text["للصحفيين"].stem == "صحفيين"
    assert by_text["بالعاصمة"].stem == "عاصمه" and by_text["بالعاصمة"].prefix == "بال"
    # a word that merely starts with و is not split into the stem
    assert by_text["وزير"].stem == "وزير"
    assert "كازاخستان" in word_variants(normalize("وكازاخستان"))
    assert "كازاخستان" in word_variants(normalize("بكازاخستان"))


def test_sentences_split_on_arabic_punctuation_with_offsets():
    text = "اجتمع وزراء الخارجية أمس. وقال الأمين العام إن الوضع خطير! هل تتدخل المنظمة؟\nفقرة جديدة هنا"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "اجتمع وزراء الخارجية أمس.",
        "وقال الأمين العام إن الوضع خطير!",
        "هل تتدخل المنظمة؟",
        "فقرة جديدة هنا",
    ]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert all(text[t.start:t.end] == t.text for s in sents for t in s.tokens)


def test_boilerplate_lines_are_removed_and_source_kept():
    body = "\n".join([
        "اجتمع وزراء خارجية دول المنظمة في جلسة طارئة عبر الفيديو.",
        "اقرأ أيضاً: الرئيس يقيل الحكومة بعد احتجاجات الوقود",
        "إقرا ايضا/ قوات حفظ السلام تبدأ الانسحاب",
        "وأكد البيان الختامي دعم الاستقرار في البلاد.",
        "المصدر: وكالة الأناضول",
        "شارك",
        "اترك رد",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    ])
    text, removed, credited = clean_lines(body)
    assert text.split("\n") == [
        "اجتمع وزراء خارجية دول المنظمة في جلسة طارئة عبر الفيديو.",
        "وأكد البيان الختامي دعم الاستقرار في البلاد.",
    ]
    assert credited == "وكالة الأناضول"
    assert len(removed) == 6
    # an article sentence that mentions sharing is not a widget
    assert not is_boilerplate("شارك آلاف المحتجين في مسيرة وسط المدينة")


def test_html_page_is_extracted_with_metadata():
    html = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <title>استقالة الحكومة بعد احتجاجات الغاز | موقع الأخبار</title>
    <meta property="og:title" content="استقالة الحكومة بعد احتجاجات الغاز">
    <meta name="author" content="سارة العلي">
    <meta property="article:published_time" content="2022-01-05T10:00:00+00:00">
    </head><body><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav>
    <main><article><h1>استقالة الحكومة بعد احتجاجات الغاز</h1>
    <p>أعلن رئيس الوزراء صباح الأربعاء استقالة حكومته بعد أيام من الاحتجاجات على رفع أسعار الغاز المسال في غرب البلاد.</p>
    <p>اقرأ أيضا: المحتجون يسيطرون على مبنى البلدية</p>
    <p>وقال الرئيس في كلمة متلفزة إن الحكومة الجديدة ستعمل على خفض الأسعار وإعادة الهدوء إلى المدن التي شهدت مواجهات.</p>
    <p>وأضاف أن قوات الأمن تلقت أوامر بحماية المنشآت العامة والممتلكات الخاصة خلال الأيام المقبلة.</p>
    </article></main><footer>جميع الحقوق محفوظة 2022</footer></body></html>"""
    doc = default_pipeline()(Document(id="h1", raw=html, format="html"))
    assert doc.title == "استقالة الحكومة بعد احتجاجات الغاز"
    assert doc.pub_date == "2022-01-05"
    assert "أعلن رئيس الوزراء" in doc.text and "وأضاف أن قوات الأمن" in doc.text
    assert "اقرأ أيضا" not in doc.text and "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text


def test_seed_boilerplate_removed_and_credit_kept(seed_texts, shared):
    import json

    gold = json.loads((shared / "eval/dev/seed_000_gold.json").read_text("utf-8"))
    doc = default_pipeline()(Document(id="s0", raw=seed_texts["000_48153fb67386aec9.txt"]))
    for line in gold["boilerplate"]:
        assert line not in doc.text
    assert doc.credited_source == "تركيا الآن"
    doc2 = default_pipeline()(Document(id="s2", raw=seed_texts["002_7b51ffecd3e26129.txt"]))
    assert doc2.outlet == "ترك برس"
    assert "شاركه مع أصدقائك" not in doc2.text
