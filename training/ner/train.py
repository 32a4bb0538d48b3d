"""Train the CRF named-entity tagger shipped in marsad/resources/ner/.

    python training/ner/build_clusters.py     # clusters.tsv (once; 0.5-5 min)
    python training/ner/build_gazetteer.py    # static_gazetteer.tsv (once)
    python training/ner/train.py              # fit on the train split, report the dev split
    python training/ner/train.py --final      # fit on all of ANERcorp train: model1/model2.crfsuite
                                              # and memory_gazetteer.tsv (2-16 min on 2 shared cores)

Two CRF passes: the first tags sentences alone, the second adds what the
first pass said about the same words and phrases in the surrounding 40
sentences (marsad.ner.features.document_features); its training input is the
first pass's jackknifed output, i.e. tags as they look on unseen text.

Entities seen in training (TRN phrases, TRNW words) are a gazetteer too.  So
that the CRF learns how far to trust that memory on unseen text, the training
sentences get it jackknifed: each fifth of the data sees only the memory of
the other four fifths.  Dev and real text see the memory of all training data.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import anercorp_sentences, train_dev_split, wojood_sentences  # noqa: E402
from marsad.ner import RESOURCES, Tagger  # noqa: E402
from marsad.ner.evaluate import format_report, score, spans  # noqa: E402
from marsad.ner.features import (DOC_BLOCK, MAX_PHRASE, FeatureExtractor, Gazetteer, document_features,  # noqa: E402
                                 load_clusters, phrase_key)  # noqa: E402

FOLDS = 5


def memory(sentences, min_ratio: float = 0.5) -> tuple[dict, dict]:
    """(TRN phrases, TRNW words) of labelled sentences, kept when the phrase or
    word is an entity of its majority class in at least ``min_ratio`` of its occurrences."""
    phrase_votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    word_votes: dict[str, Counter] = defaultdict(Counter)
    keyed = []
    for sent in sentences:
        keys = phrase_key(t for t, _ in sent)
        keyed.append(keys)
        for s, e, typ in spans([t for _, t in sent]):
            phrase_votes[keys[s:e]][typ] += 1
            for k in keys[s:e]:
                word_votes[k][typ] += 1
    seen: Counter = Counter()
    words: Counter = Counter()
    for keys in keyed:
        n = len(keys)
        for i in range(n):
            words[keys[i]] += 1
            for length in range(1, min(MAX_PHRASE, n - i) + 1):
                if keys[i:i + length] in phrase_votes:
                    seen[keys[i:i + length]] += 1
    phrases = {}
    for k, votes in phrase_votes.items():
        typ, c = votes.most_common(1)[0]
        if k and all(k) and c >= min_ratio * seen[k]:
            phrases[k] = typ
    word_mem = {}
    for w, votes in word_votes.items():
        typ, c = votes.most_common(1)[0]
        if len(w) >= 2 and c >= min_ratio * words[w]:
            word_mem[(w,)] = typ
    return phrases, word_mem


def with_memory(gaz: Gazetteer, sentences) -> Gazetteer:
    phrases, words = memory(sentences)
    return gaz.with_source("TRN", phrases).with_source("TRNW", words)


def featurize(fx: FeatureExtractor, gaz: Gazetteer, train, jackknife: bool):
    """[(features, labels, fold)] per training sentence, memory jackknifed over FOLDS contiguous folds."""
    out = []
    size = (len(train) + FOLDS - 1) // FOLDS
    for f in range(FOLDS):
        part = train[f * size:(f + 1) * size]
        rest = train[:f * size] + train[(f + 1) * size:] if jackknife else train
        g = with_memory(gaz, rest)
        out += [(fx.sentence([t for t, _ in s], g), [y for _, y in s], f) for s in part]
    return out


def fit(data, model_path: Path, c1: float, c2: float, iters: int) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in data:
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    trainer.train(str(model_path))
    return model_path


def predict(model_path: Path, xs) -> list[list[str]]:
    crf = pycrfsuite.Tagger()
    crf.open(str(model_path))
    return [list(crf.tag(x)) for x in xs]


def _fold_job(job):
    k, data, path, c1, c2, iters = job
    fit([(x, y) for x, y, f in data if f != k], path, c1, c2, iters)
    return predict(path, [x for x, _, f in data if f == k])


def second_pass_data(fx: FeatureExtractor, sentences, feats, first_tags):
    """Stage-2 (features, labels) for consecutive sentences, blocked like Tagger.tag."""
    out = []
    for b in range(0, len(sentences), DOC_BLOCK):
        block = sentences[b:b + DOC_BLOCK]
        keys = [fx.keys([t for t, _ in s]) for s in block]
        extra = document_features([k[0] for k in keys], [k[1] for k in keys], first_tags[b:b + DOC_BLOCK])
        for s, x, ex in zip(block, feats[b:b + DOC_BLOCK], extra):
            out.append(([a + e for a, e in zip(x, ex)], [y for _, y in s]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iters", type=int, default=200)
    ap.add_argument("--wojood", action="store_true", help="add the Wojood sample as training sentences")
    ap.add_argument("--no-jackknife", action="store_true")
    ap.add_argument("--one-pass", action="store_true", help="skip the document-level second pass")
    ap.add_argument("--final", action="store_true", help="train on all of train.conll and ship the model")
    ap.add_argument("--out", default="/tmp/ner_dev", help="model folder when not --final")
    ap.add_argument("--clusters", type=Path, default=RESOURCES / "clusters.tsv")
    args = ap.parse_args()
    t0 = time.time()
    clusters = load_clusters(args.clusters)
    static = Gazetteer.load(RESOURCES / "static_gazetteer.tsv")
    fx = FeatureExtractor(clusters, static)
    train, dev = (anercorp_sentences(), []) if args.final else train_dev_split()
    data = featurize(fx, static, train, not args.no_jackknife)
    full = with_memory(static, train)
    extra = []
    if args.wojood:
        extra = [(fx.sentence([t for t, _ in s], full), [y for _, y in s]) for s in wojood_sentences()]
    print(f"{len(data)} training sentences featurised ({time.time()-t0:.0f}s)", flush=True)
    out = RESOURCES if args.final else Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    hp = (args.c1, args.c2, args.iters)
    model1 = fit([(x, y) for x, y, _ in data] + extra, out / "model1.crfsuite", *hp)
    print(f"first pass -> {model1} ({model1.stat().st_size/1e6:.1f} MB, {time.time()-t0:.0f}s)", flush=True)
    model2 = None
    if not args.one_pass:
        # Stage-2 training needs first-pass tags as they look on unseen text:
        # each fold is tagged by a model trained on the other folds.
        jobs = [(k, data, Path(f"/tmp/ner_fold{k}.crfsuite"), *hp) for k in range(FOLDS)]
        with multiprocessing.Pool(2) as pool:
            first_tags = [t for tags in pool.map(_fold_job, jobs) for t in tags]
        stage2 = second_pass_data(fx, train, [x for x, _, _ in data], first_tags)
        model2 = fit(stage2, out / "model2.crfsuite", *hp)
        print(f"second pass -> {model2} ({model2.stat().st_size/1e6:.1f} MB, {time.time()-t0:.0f}s)", flush=True)
    elif (out / "model2.crfsuite").exists():
        (out / "model2.crfsuite").unlink()
    if args.final:
        Gazetteer({k: v for k, v in full.sources.items() if k in ("TRN", "TRNW")}).dump(RESOURCES / "memory_gazetteer.tsv")
        return
    gold = [[y for _, y in s] for s in dev]
    for name, second in (("first pass", None), ("two passes", model2)):
        if name == "two passes" and model2 is None:
            continue
        tagger = Tagger(model1, clusters, full, second)
        result = score(gold, tagger.tag([[t for t, _ in s] for s in dev]))
        result["file"], result["sentences"] = f"dev split (last 1/6 of train.conll), {name}", len(dev)
        print(format_report(result))


if __name__ == "__main__":
    main()
