"""Near-duplicate articles: copies and light edits of one text.

Each article's word 3-shingles (over folded words, so spelling variants of
hamza, ة/ه and diacritics do not matter) are summarised by a MinHash; a
MinHash LSH index (datasketch) proposes earlier articles that probably share
many shingles, and the MinHash estimate decides:

* Jaccard >= ``jaccard`` (a copy with a changed sentence or two), or
* containment >= ``containment`` (one text is mostly inside the other: a
  copy cut short, or an agency text with an outlet's paragraph added).

A duplicate points at the earliest article of its group (a copy of a copy
points at the original), which is what ``duplicate_of`` means in the
contract.  Articles must be added in publication order for that to hold;
:func:`find_duplicates` sorts them.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Document
from .features import TokenAnalyser, document_body, text_features

NUM_PERM = 128
LSH_THRESHOLD = 0.3  # low, so that cut copies (containment, not Jaccard) are proposed
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_SHINGLES = 8  # very short texts (a one-line brief) are never called copies


class DuplicateIndex:
    """Incremental near-duplicate detector: ``add`` each article in turn."""

    def __init__(self, jaccard: float = JACCARD, containment: float = CONTAINMENT, num_perm: int = NUM_PERM) -> None:
        self.jaccard = jaccard
        self.containment = containment
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=num_perm)
        self._permutations = MinHash(num_perm=num_perm, seed=1).permutations
        self._signatures: dict[str, np.ndarray] = {}
        self._sizes: dict[str, int] = {}
        self._order: dict[str, int] = {}
        self.root: dict[str, str] = {}  # id -> earliest article it copies

    def signature(self, shingles: list[int]) -> MinHash:
        m = MinHash(num_perm=self.num_perm, permutations=self._permutations, hashfunc=int, scheme="affine32")
        m.update_batch(shingles)
        return m

    def add(self, doc_id: str, shingles: list[int]) -> str | None:
        """Index one article; return the id of the earliest article it
        duplicates, or None."""
        if doc_id in self._signatures or len(shingles) < MIN_SHINGLES:
            return self.root.get(doc_id)
        sig = self.signature(shingles)
        best = self._best_match(sig, len(shingles))
        self._lsh.insert(doc_id, sig, check_duplication=False)
        self._signatures[doc_id] = sig.hashvalues
        self._sizes[doc_id] = len(shingles)
        self._order[doc_id] = len(self._order)
        if best is None:
            return None
        root = self.root.get(best, best)
        self.root[doc_id] = root
        return root

    def _best_match(self, sig: MinHash, size: int) -> str | None:
        best: tuple[float, int, str] | None = None
        values = sig.hashvalues
        for other in self._lsh.query(sig):
            jac = float(np.count_nonzero(self._signatures[other] == values)) / self.num_perm
            other_size = self._sizes[other]
            # |A∩B| = J (|A|+|B|) / (1+J); containment of the smaller set.
            shared = jac * (size + other_size) / (1.0 + jac)
            contained = shared / min(size, other_size)
            if jac >= self.jaccard or contained >= self.containment:
                key = (max(jac, contained), -self._order[other], other)
                if best is None or key > best:
                    best = key
        return best[2] if best else None


def find_duplicates(docs: Iterable[Document]) -> dict[str, str | None]:
    """Map each document id to the id of the earliest document it copies
    (None for originals).  Documents are taken in publication order, input
    order breaking ties; undated ones keep their place after dated ones."""
    docs = list(docs)
    analyser = TokenAnalyser()
    index = DuplicateIndex()
    out: dict[str, str | None] = {}
    for doc in sorted_by_date(docs):
        feats = text_features(analyser, document_body(doc))
        out[doc.id] = index.add(doc.id, feats.shingles())
    return {d.id: out[d.id] for d in docs}


def sorted_by_date(docs: list[Document]) -> list[Document]:
    """Publication order; an undated document takes the date of the dated one
    before it in the input (feeds are mostly chronological)."""
    keys = []
    last = ""
    for i, doc in enumerate(docs):
        if doc.pub_date:
            last = doc.pub_date
        keys.append((doc.pub_date or last, i))
    return [docs[i] for _, i in sorted(keys)]
