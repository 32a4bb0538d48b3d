"""The CRF named-entity tagger: scoring, stream format, tags and pipeline mentions."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from marsad.model import Document
from marsad.ner import load_tagger, mentions_of, ner_stage, tag_conll
from marsad.ner.conll import TAGS, read_conll, stream_blocks
from marsad.ner.evaluate import evaluate_conll, format_report, score, spans

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

NEWS = ("أعلن وزير الخارجية المصري في القاهرة اليوم أن مصر ستستضيف اجتماعا طارئا لجامعة الدول العربية. "
        "وقال الرئيس الفرنسي جاك شيراك في باريس إن فرنسا تدعم جهود الأمم المتحدة في لبنان.")


def test_spans_follow_conlleval_reading_of_stray_inside_tags():
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "I-LOC"]
    assert spans(tags) == {(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "LOC")}


def test_score_counts_exact_spans_only():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    result = score(gold, pred)
    assert result["overall"]["correct"] == 2
    assert result["overall"]["precision"] == pytest.approx(66.67)
    assert result["overall"]["recall"] == pytest.approx(66.67)
    assert result["per_type"]["PERS"]["f1"] == 0.0
    assert result["per_type"]["LOC"]["f1"] == 100.0
    assert "ORG" in format_report(result)


def test_stream_blocks_keep_blank_lines_and_take_first_column():
    lines = ["باريس B-LOC\n", "عاصمة\n", "\n", "\n", "شيراك\tB-PERS\n", "قال"]
    assert list(stream_blocks(lines)) == [["باريس", "عاصمة"], [], [], ["شيراك", "قال"]]


def test_read_conll_cuts_sentences_after_final_punctuation_when_no_blank_lines(tmp_path):
    path = tmp_path / "gold.conll"
    path.write_text("زار O\nبوتين B-PERS\nأنقرة B-LOC\n. O\nوقال O\n O\n", encoding="utf-8")
    assert read_conll(path) == [[("زار", "O"), ("بوتين", "B-PERS"), ("أنقرة", "B-LOC"), (".", "O")],
                                [("وقال", "O"), ("", "O")]]


def test_tagger_finds_places_organisations_and_people():
    tokens = "وقال الرئيس الفرنسي جاك شيراك في باريس إن فرنسا تدعم جهود الأمم المتحدة في لبنان .".split()
    tags = load_tagger().tag([tokens])[0]
    assert len(tags) == len(tokens) and set(tags) <= set(TAGS)
    found = {(" ".join(tokens[s:e]), t) for s, e, t in spans(tags)}
    assert ("باريس", "LOC") in found
    assert ("لبنان", "LOC") in found
    assert ("الأمم المتحدة", "ORG") in found
    assert ("جاك شيراك", "PERS") in found


def test_load_tagger_is_cached():
    assert load_tagger() is load_tagger()


def test_tag_conll_echoes_tokens_and_blank_lines():
    src = "أعلن\nوزير\nالخارجية\nفي\nالقاهرة\n.\n\nوصل\nإلى\nدمشق\tO\n"  # no final blank line
    out = io.StringIO()
    assert tag_conll(io.StringIO(src), out) == 9
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and lines[6] == ""
    rows = [ln.split("\t") for ln in lines if ln]
    assert [r[0] for r in rows] == ["أعلن", "وزير", "الخارجية", "في", "القاهرة", ".", "وصل", "إلى", "دمشق"]
    assert all(r[1] in TAGS for r in rows)
    assert rows[4][1] == "B-LOC" and rows[8][1] == "B-LOC"


def test_ner_stage_adds_mentions_with_exact_offsets():
    from marsad.pipeline import default_pipeline
    doc = default_pipeline()(Document(id="n1", raw=NEWS, pub_date="2006-03-01"))
    before = len(doc.mentions)  # other stages may already have added mentions of their own
    doc = ner_stage(doc)
    assert ner_stage.name == "ner"
    added = doc.mentions[before:]
    assert added
    for m in added:
        assert doc.text[m.start:m.end] == m.text
        assert m.type in {"PERS", "LOC", "ORG", "MISC"} and m.source == "ner"
    found = {(m.text, m.type) for m in added}
    assert ("القاهرة", "LOC") in found and ("باريس", "LOC") in found


def test_mentions_of_maps_token_spans_to_text():
    from marsad.text.tokens import tokenize
    text = "التقى أردوغان نظيره في أنقرة"
    toks = tokenize(text)
    ms = mentions_of(text, toks, ["O", "B-PERS", "O", "O", "B-LOC"])
    assert [(m.text, m.type, m.start) for m in ms] == [("أردوغان", "PERS", 6), ("أنقرة", "LOC", 23)]


def _score_files(tmp_path, gold_text: str, pred_text: str) -> dict:
    gold, pred = tmp_path / "gold.txt", tmp_path / "pred.txt"
    gold.write_text(gold_text, encoding="utf-8")
    pred.write_text(pred_text, encoding="utf-8")
    return evaluate_conll(gold, pred)


def test_evaluate_conll_scores_a_predicted_file(tmp_path):
    result = _score_files(tmp_path, "زار O\nبوتين B-PERS\nأنقرة B-LOC\n\nقال O\n",
                          "زار\tO\nبوتين\tB-PERS\nأنقرة\tO\n\nقال\tO\n")
    assert result["overall"]["precision"] == 100.0 and result["overall"]["recall"] == 50.0


def test_shipped_model_fits_anercorp_slice():
    gold = SHARED / "data" / "ner" / "anercorp" / "train.conll"
    if not gold.exists():
        pytest.skip("../shared not present: ANERcorp train file needed")
    sents = read_conll(gold)[:150]  # training data: a fit check, not an accuracy claim
    tags = load_tagger().tag([[t for t, _ in s] for s in sents])
    assert score([[y for _, y in s] for s in sents], tags)["overall"]["f1"] > 85


def test_evaluate_conll_pairs_lines_when_gold_has_an_empty_token(tmp_path):
    result = _score_files(tmp_path, "وصل O\n O\nلافروف B-PERS\nإلى O\nجنيف B-LOC\n",
                          "وصل\tO\n\nلافروف\tB-PERS\nإلى\tO\nجنيف\tB-ORG\n")
    assert result["tokens"] == 5
    assert result["per_type"]["PERS"]["f1"] == 100.0 and result["per_type"]["LOC"]["recall"] == 0.0
