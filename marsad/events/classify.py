"""Sentence classifiers that confirm candidates: PROTEST and ASSAULT
detectors trained on arabic_event_gsr and a QuadClass model trained on
quadclass_ar (``training/events/train_classifiers.py``).

The models are linear (logistic regression over word n-grams, stems and
trigger-lexicon indicators)
shipped as JSON weights under ``resources/events/models/`` and scored here in
plain Python, so coding needs no scikit-learn at run time.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from ..text.normalize import normalize
from .ontology import QUAD, QUADCLASS_AR_LABEL


class LinearTextModel:
    """Binary or multi-class logistic regression over hashed-free n-gram features."""

    def __init__(self, spec: dict):
        self.classes: list = spec["classes"]
        self.word_ngrams: tuple[int, int] = tuple(spec["word_ngrams"])  # type: ignore[assignment]
        self.char_ngrams: tuple[int, int] | None = tuple(spec["char_ngrams"]) if spec.get("char_ngrams") else None  # type: ignore[assignment]
        self.lexicon_features: bool = bool(spec.get("lexicon_features"))
        self.stems: bool = bool(spec.get("stems"))
        self.cues: bool = bool(spec.get("cues"))
        self.vocab: dict[str, int] = spec["vocab"]
        self.idf: list[float] = spec["idf"]
        self.coef: list[list[float]] = spec["coef"]  # one row per class (one row for binary)
        self.intercept: list[float] = spec["intercept"]
        self.threshold: float = spec.get("threshold", 0.5)

    def features(self, text: str, feats: list[str] | None = None) -> dict[int, float]:
        counts: dict[int, float] = {}
        vocab = self.vocab
        if feats is None:
            feats = sentence_features(text, self.word_ngrams, self.char_ngrams, self.lexicon_features, self.stems,
                                      self.cues)
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        # sublinear tf * idf, l2-normalised (the vectoriser used in training)
        vec = {j: (1.0 + math.log(c)) * self.idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {j: v / norm for j, v in vec.items()}

    def decision(self, text: str, feats: list[str] | None = None) -> list[float]:
        x = self.features(text, feats)
        return [b + sum(row[j] * v for j, v in x.items()) for row, b in zip(self.coef, self.intercept)]

    def proba(self, text: str, feats: list[str] | None = None) -> list[float]:
        """Class probabilities; ``feats`` are the sentence's features when the
        caller already has them (models sharing a feature spec share them)."""
        z = self.decision(text, feats)
        if len(z) == 1:
            p = 1.0 / (1.0 + math.exp(-z[0]))
            return [1.0 - p, p]
        mx = max(z)
        ex = [math.exp(v - mx) for v in z]
        s = sum(ex)
        return [v / s for v in ex]


def sentence_features(text: str, word_ngrams: tuple[int, int], char_ngrams: tuple[int, int] | None,
                      lexicon: bool = False, stems: bool = False, cues: bool = False) -> list[str]:
    """The features of a sentence: n-grams, word stems without proclitics
    (``s:``), plus (``lexicon``) what the trigger lexicon sees in it
    (``x:TYPE``, ``x:TYPE:v`` for a verb trigger, ``x:TYPE:early`` for a
    trigger among the first five tokens, ``x:TYPE:MODE``) and (``cues``) the
    detector cues it matches (``g:``, :func:`cue_features`)."""
    feats = ngram_features(text, word_ngrams, char_ngrams)
    if stems:
        feats += stem_features(text)
    if lexicon:
        feats += lexicon_features(text)
    if cues:
        feats += cue_features(text)
    return feats


@lru_cache(maxsize=1)
def _detector_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("marsad.resources").joinpath("events/detector_cues.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, pattern = line.split("\t", 1)
            out.append((name, re.compile(normalize(pattern.strip()))))
    return tuple(out)


def cue_features(text: str) -> list[str]:
    """``g:NAME`` for each detector cue (resources/events/detector_cues.tsv)
    the folded sentence matches, and ``g:A+B`` for each pair of them: a crowd
    with a purpose says more than either alone."""
    norm = normalize(text)
    on = [name for name, rx in _detector_cues() if rx.search(norm)]
    feats = ["g:" + name for name in on]
    feats += [f"g:{a}+{b}" for i, a in enumerate(on) for b in on[i + 1:]]
    return feats


def stem_features(text: str) -> list[str]:
    from ..text.tokens import split_proclitics

    out = []
    for w in _WORD_SPLIT(normalize(text)):
        if len(w) > 3 and w[0] in "وف":
            w = w[1:]
        out.append("s:" + split_proclitics(w)[1])
    return out


def lexicon_features(text: str, matches=None) -> list[str]:
    """Indicator features of the trigger matches of a sentence (matched here
    unless the caller passes them)."""
    from ..text.tokens import tokenize
    from .lexicon import default_lexicon

    out: set[str] = set()
    if matches is None:
        matches = default_lexicon().match(tokenize(text))
    for m in matches:
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


_WORDS = re.compile(r"[^\W_]+")


def _WORD_SPLIT(text: str) -> list[str]:
    """Runs of letters and digits (the tokenizer of training and run time)."""
    return _WORDS.findall(text)


@lru_cache(maxsize=None)
def load_model(name: str) -> LinearTextModel | None:
    path = resources.files("marsad.resources").joinpath(f"events/models/{name}.json")
    if not path.is_file():
        return None
    return LinearTextModel(json.loads(path.read_text("utf-8")))


def sentence_scores(text: str, types: set[str], quad_types: set[str] | None = None,
                    lexicon_feats: list[str] | None = None) -> dict[str, float]:
    """Per-type confirmation scores for the candidate types of a sentence:
    the GSR detectors for PROTEST/ASSAULT, and for ``quad_types`` (the
    candidates that need support: derived, low-weight entries) the QuadClass
    probability of the type's quad relative to the best class."""
    out: dict[str, float] = {}
    feats: list[str] | None = None
    cues: list[str] | None = None

    def shared(model: LinearTextModel) -> list[str]:
        nonlocal feats, cues
        if feats is None:
            feats = sentence_features(text, model.word_ngrams, model.char_ngrams, stems=model.stems)
            if model.lexicon_features:  # the caller's trigger matches, when it has them
                feats += lexicon_feats if lexicon_feats is not None else lexicon_features(text)
        if not model.cues:
            return feats
        if cues is None:
            cues = feats + cue_features(text)
        return cues

    for etype, name in (("PROTEST", "protest"), ("ASSAULT", "assault")):
        if etype in types:
            model = load_model(name)
            if model is not None:
                p = model.proba(text, shared(model))[1]
                # the detector's own threshold maps to 0.5
                t = model.threshold
                out[etype] = 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1 - t)
    rest = (quad_types or set()) - set(out)
    if rest:
        quad = load_model("quadclass")
        if quad is not None:
            probs = quad.proba(text, shared(quad))
            best = max(probs)
            for etype in rest:
                label = QUADCLASS_AR_LABEL[QUAD[etype]]
                q = probs[quad.classes.index(label)] if label in quad.classes else best
                out[etype] = 0.5 + 0.5 * q / best
    return out
