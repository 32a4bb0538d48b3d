"""Word clusters for the NER tagger, learnt from unlabeled Arabic news.

Distributional vectors come from a positive-PMI word-context matrix (left and
right neighbours kept apart, plus a ±2 bag) reduced with truncated SVD; k-means
at three granularities turns them into cluster ids, which the CRF uses as
features (a cheap stand-in for Brown clusters).  Words are folded with
marsad.text.normalize so that lookups at tagging time match.

    python training/ner/build_clusters.py   # writes marsad/resources/ner/clusters.tsv
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.utils.extmath import randomized_svd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import anercorp_sentences, jawhara_texts, wojood_sentences  # noqa: E402
from marsad.ner.features import fold, stem_of  # noqa: E402
from marsad.text.tokens import _TOKEN_RE  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "marsad" / "resources" / "ner" / "clusters.tsv"
MIN_COUNT = 3
N_CONTEXT = 6000
DIM = 120
KS = (64, 320, 1280)


def corpus_sentences():
    for text in jawhara_texts():
        for line in text.split("\n"):
            toks = [fold(m.group()) for m in _TOKEN_RE.finditer(line)]
            if toks:
                yield toks
    for sents in (anercorp_sentences(), wojood_sentences()):
        for s in sents:
            yield [fold(t) for t, _ in s]


def frequency_band(count: int) -> str:
    return "3-9" if count < 10 else "10-99" if count < 100 else "100-999" if count < 1000 else "1000+"


def article_band(word: str, counts: Counter) -> str:
    """How often the bare word also occurs with the article: proper names
    (foreign ones above all) almost never take it, common nouns often do."""
    stem = stem_of(word)
    bare, with_al = counts[stem], counts["ال" + stem]
    total = bare + with_al
    if total < 3:
        return "few"
    r = with_al / total
    return "0" if r == 0 else "low" if r < 0.1 else "mid" if r < 0.5 else "high"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.time()
    sents = list(corpus_sentences())
    counts = Counter(w for s in sents for w in s)
    print(f"{len(sents)} lines, {sum(counts.values())} tokens, {len(counts)} types", flush=True)
    vocab = [w for w, c in counts.most_common() if c >= args.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_index = {w: i for i, w in enumerate(vocab[:N_CONTEXT])}
    nc = N_CONTEXT
    rows, cols = [], []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx_index.get(w, -1) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for j, block in ((i - 1, 0), (i + 1, 1), (i - 2, 2), (i + 2, 2)):
                if 0 <= j < n and cids[j] >= 0:
                    rows.append(wi)
                    cols.append(block * nc + cids[j])
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), 3 * nc)).tocsr()
    m.sum_duplicates()
    # Positive PMI with context-distribution smoothing (alpha 0.75).
    total = m.sum()
    wsum = np.asarray(m.sum(axis=1)).ravel()
    csum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    csum /= csum.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / ((wsum[m.row] / total) * csum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    print(f"PPMI {ppmi.shape} nnz={ppmi.nnz} ({time.time()-t0:.0f}s)", flush=True)
    u, s, _ = randomized_svd(ppmi, DIM, random_state=0)
    emb = u * np.sqrt(s)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    print(f"SVD done ({time.time()-t0:.0f}s)", flush=True)
    labels = []
    for k in KS:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
        labels.append(km.fit_predict(emb))
        print(f"k={k} ({time.time()-t0:.0f}s)", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("# word\tcluster ids at k=" + ",".join(map(str, KS))
                 + "\tfrequency band\tarticle band (built by training/ner/build_clusters.py)\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(lab[i]) for lab in labels)
                     + f"\t{frequency_band(counts[w])}\t{article_band(w, counts)}\n")
    print(f"{len(vocab)} words -> {args.out} ({time.time()-t0:.0f}s)")


if __name__ == "__main__":
    main()
