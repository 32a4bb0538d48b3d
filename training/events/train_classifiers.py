"""Train the sentence classifiers the event coder ships.

    python training/events/train_classifiers.py [--shared ../shared] [--out marsad/resources/events/models]

* ``protest.json`` / ``assault.json``: PROTEST and ASSAULT sentence detectors
  on arabic_event_gsr ("yes" against "easy no" and "difficult no";
  "ambiguous" left out), trained on the train part of the fixed split
  (:func:`marsad.events.evaluate.is_dev`); the regularisation, the decision
  threshold and whether the detector cues (resources/events/detector_cues.tsv)
  are used are those that maximise F1 in 5-fold cross-validation on the train
  part.
* ``quadclass.json``: QuadClass (0 none … 4 material conflict) on
  quadclass_ar's train part.

Features are those of :func:`marsad.events.classify.sentence_features` (word
1-2-grams, stems without proclitics, trigger-lexicon indicators),
weighted by sublinear tf-idf and l2-normalised; the model is a logistic
regression.  Weights are written as JSON and scored at run time in plain
Python by :class:`marsad.events.classify.LinearTextModel`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from marsad.events.classify import sentence_features  # noqa: E402
from marsad.events.evaluate import is_dev, read_gsr, read_quadclass  # noqa: E402

WORD = (1, 2)
CHAR = None  # character n-grams scored no better on the dev split and cost 10x the time
STEMS = True
C_GRID = (1.0, 4.0, 16.0)
# a feature must be seen in this many training sentences
MIN_DF = 2


def vectorizer(lexicon: bool, cues: bool = False) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=lambda t: sentence_features(t, WORD, CHAR, lexicon, STEMS, cues),
                           sublinear_tf=True, min_df=MIN_DF, lowercase=False)


def export(vec: TfidfVectorizer, clf: LogisticRegression, classes: list, threshold: float, lexicon: bool,
           meta: dict, cues: bool = False) -> dict:
    vocab = {f: int(i) for f, i in vec.vocabulary_.items()}
    return {
        "classes": [c.item() if hasattr(c, "item") else c for c in classes],
        "word_ngrams": list(WORD), "char_ngrams": list(CHAR) if CHAR else None, "lexicon_features": lexicon,
        "stems": STEMS, "cues": cues,
        "vocab": vocab, "idf": [round(float(x), 5) for x in vec.idf_],
        "coef": [[round(float(x), 5) for x in row] for row in clf.coef_],
        "intercept": [round(float(x), 5) for x in clf.intercept_],
        "threshold": round(float(threshold), 4), "meta": meta,
    }


def train_detector(shared: Path, etype: str) -> dict:
    rows = [r for r in read_gsr(shared / "data/events/arabic_event_gsr", etype) if not is_dev(r["id"])]
    texts = [r["text"] for r in rows]
    y = np.array([r["label"] == "yes" for r in rows])
    best = None
    for cues in (False, True):
        X = vectorizer(lexicon=True, cues=cues).fit_transform(texts)
        for C in C_GRID:
            clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
            p = cross_val_predict(clf, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0),
                                  method="predict_proba")[:, 1]
            for th in np.arange(0.1, 0.9, 0.025):
                f = f1_score(y, p >= th)
                if best is None or f > best[0]:
                    best = (f, C, th, cues)
    f, C, th, cues = best  # type: ignore[misc]
    vec = vectorizer(lexicon=True, cues=cues)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(vec.fit_transform(texts), y)
    print(f"{etype}: {len(rows)} train sentences ({int(y.sum())} yes), C={C}, cues={cues}, threshold={th:.3f}, "
          f"CV F1={f:.3f}")
    return export(vec, clf, [0, 1], th, True, {"train_sentences": len(rows), "positives": int(y.sum()),
                                                 "cv_f1": round(float(f), 4), "C": C,
                                                 "source": "openeventdata/arabic_event_gsr (MIT)"}, cues)


def train_quadclass(shared: Path) -> dict:
    rows = [(t, y) for t, y in read_quadclass(shared / "data/events/quadclass_ar/train.tsv") if not is_dev(t)]
    texts = [t for t, _ in rows]
    y = np.array([c for _, c in rows])
    vec = vectorizer(lexicon=True)
    X = vec.fit_transform(texts)
    best = None
    for C in C_GRID:
        clf = LogisticRegression(C=C, max_iter=5000)
        p = cross_val_predict(clf, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0))
        acc = float((p == y).mean())
        if best is None or acc > best[0]:
            best = (acc, C)
    acc, C = best  # type: ignore[misc]
    clf = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    print(f"quadclass: {len(rows)} train sentences, C={C}, CV accuracy={acc:.3f}")
    return export(vec, clf, list(clf.classes_), 0.5, True, {"train_sentences": len(rows), "cv_accuracy": round(acc, 4),
                                                            "C": C, "source": "javierosorio/keep_it_local (MIT)"})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "marsad/resources/events/models"))
    ap.add_argument("--only", choices=["protest", "assault", "quadclass"])
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = {"protest": lambda: train_detector(shared, "PROTEST"), "assault": lambda: train_detector(shared, "ASSAULT"),
            "quadclass": lambda: train_quadclass(shared)}
    for name, job in jobs.items():
        if args.only and name != args.only:
            continue
        spec = job()
        (out / f"{name}.json").write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")), "utf-8")
        print(f"  wrote {out / (name + '.json')} ({(out / (name + '.json')).stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
