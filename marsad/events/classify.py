"""Sentence classifiers that confirm candidates: PROTEST and ASSAULT
detectors trained on arabic_event_gsr and a QuadClass model trained on
quadclass_ar (``training/events/train_classifiers.py``).

The models are linear (logistic regression over word and character n-grams)
shipped as JSON weights under ``resources/events/models/`` and scored here in
plain Python, so coding needs no scikit-learn at run time.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from ..text.normalize import normalize
from .ontology import QUAD


class LinearTextModel:
    """Binary or multi-class logistic regression over hashed-free n-gram features."""

    def __init__(self, spec: dict):
        self.classes: list = spec["classes"]
        self.word_ngrams: tuple[int, int] = tuple(spec["word_ngrams"])  # type: ignore[assignment]
        self.char_ngrams: tuple[int, int] | None = tuple(spec["char_ngrams"]) if spec.get("char_ngrams") else None  # type: ignore[assignment]
        self.lexicon_features: bool = bool(spec.get("lexicon_features"))
        self.vocab: dict[str, int] = spec["vocab"]
        self.idf: list[float] = spec["idf"]
        self.coef: list[list[float]] = spec["coef"]  # one row per class (one row for binary)
        self.intercept: list[float] = spec["intercept"]
        self.threshold: float = spec.get("threshold", 0.5)

    def features(self, text: str) -> dict[int, float]:
        counts: dict[int, float] = {}
        for f in sentence_features(text, self.word_ngrams, self.char_ngrams, self.lexicon_features):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        # sublinear tf * idf, l2-normalised (the vectoriser used in training)
        vec = {j: (1.0 + math.log(c)) * self.idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {j: v / norm for j, v in vec.items()}

    def decision(self, text: str) -> list[float]:
        x = self.features(text)
        return [b + sum(row[j] * v for j, v in x.items()) for row, b in zip(self.coef, self.intercept)]

    def proba(self, text: str) -> list[float]:
        z = self.decision(text)
        if len(z) == 1:
            p = 1.0 / (1.0 + math.exp(-z[0]))
            return [1.0 - p, p]
        mx = max(z)
        ex = [math.exp(v - mx) for v in z]
        s = sum(ex)
        return [v / s for v in ex]


def sentence_features(text: str, word_ngrams: tuple[int, int], char_ngrams: tuple[int, int] | None,
                      lexicon: bool = False) -> list[str]:
    """The features of a sentence: n-grams, plus (``lexicon``) what the
    trigger lexicon sees in it (``x:TYPE``, ``x:TYPE:v`` for a verb trigger,
    ``x:TYPE:early`` for a trigger among the first five tokens)."""
    feats = ngram_features(text, word_ngrams, char_ngrams)
    if lexicon:
        feats += lexicon_features(text)
    return feats


def lexicon_features(text: str) -> list[str]:
    from ..text.tokens import tokenize
    from .lexicon import default_lexicon

    out: set[str] = set()
    for m in default_lexicon().match(tokenize(text)):
        t = m.entry.type
        out.add("x:" + t)
        if m.entry.pos == "v":
            out.add(f"x:{t}:v")
        if m.first <= 4:
            out.add(f"x:{t}:early")
        if m.entry.mode:
            out.add(f"x:{t}:{m.entry.mode}")
    return sorted(out)


def ngram_features(text: str, word_ngrams: tuple[int, int], char_ngrams: tuple[int, int] | None) -> list[str]:
    """Word n-grams (prefixed ``w:``) and within-word character n-grams
    (``c:``) of the folded text; identical in training and at run time."""
    norm = normalize(text)
    words = [w for w in _WORD_SPLIT(norm) if w]
    feats: list[str] = []
    lo, hi = word_ngrams
    for n in range(lo, hi + 1):
        for i in range(len(words) - n + 1):
            feats.append("w:" + " ".join(words[i:i + n]))
    if char_ngrams:
        clo, chi = char_ngrams
        for w in words:
            padded = f" {w} "
            for n in range(clo, chi + 1):
                for i in range(len(padded) - n + 1):
                    feats.append("c:" + padded[i:i + n])
    return feats


def _WORD_SPLIT(text: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        if ch.isalnum():
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


@lru_cache(maxsize=None)
def load_model(name: str) -> LinearTextModel | None:
    path = resources.files("marsad.resources").joinpath(f"events/models/{name}.json")
    if not path.is_file():
        return None
    return LinearTextModel(json.loads(path.read_text("utf-8")))


def sentence_scores(text: str, types: set[str]) -> dict[str, float]:
    """Per-type confirmation scores for the candidate types of a sentence:
    the GSR detectors for PROTEST/ASSAULT, the QuadClass probability of the
    type's quad (relative to the best class) for the others."""
    out: dict[str, float] = {}
    for etype, name in (("PROTEST", "protest"), ("ASSAULT", "assault")):
        if etype in types:
            model = load_model(name)
            if model is not None:
                p = model.proba(text)[1]
                # the detector's own threshold maps to 0.5
                t = model.threshold
                out[etype] = 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t)
    rest = types - set(out)
    if rest:
        quad = load_model("quadclass")
        if quad is not None:
            probs = quad.proba(text)
            best = max(probs)
            for etype in rest:
                q = probs[quad.classes.index(QUAD[etype])] if QUAD[etype] in quad.classes else best
                out[etype] = 0.5 + 0.5 * q / best
    return out
