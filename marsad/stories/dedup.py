"""Near-duplicate articles: copies and light edits of one text.

Each article's word 3-shingles (over folded words, so spelling variants of
hamza, ة/ه and diacritics do not matter) are summarised by a MinHash; a
MinHash LSH index (datasketch) proposes earlier articles that probably share
many shingles, and the MinHash estimate decides:

* Jaccard >= ``jaccard`` (a copy with a changed sentence or two), or
* containment >= ``containment`` (one text is mostly inside the other: a
  copy cut short, or an agency text with an outlet's paragraph added), for
  texts at most twice as long as each other.

A duplicate points at the earliest article of its group (a copy of a copy
points at the original), which is what ``duplicate_of`` means in the
contract.  Articles must be added in publication order for that to hold;
:func:`find_duplicates` sorts them.

Copies appear within days of their original, so articles older than
``window_days`` before the newest one leave the index (memory stays flat
on an endless feed: the LSH tables cost some kilobytes per article).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Document
from .features import TokenAnalyser, document_body, text_features

NUM_PERM = 128
LSH_THRESHOLD = 0.3  # low, so that cut copies (containment, not Jaccard) are proposed
JACCARD = 0.5
CONTAINMENT = 0.8
# Containment alone makes a copy only between texts of comparable length: a
# full report that grew out of a three-line flash is a new article.
MIN_SIZE_RATIO = 0.5
MIN_SHINGLES = 8  # shorter texts (a one-line brief) are copies only when identical
WINDOW_DAYS = 30


class DuplicateIndex:
    """Incremental near-duplicate detector: ``add`` each article in turn."""

    def __init__(self, jaccard: float = JACCARD, containment: float = CONTAINMENT, num_perm: int = NUM_PERM,
                 window_days: int | None = WINDOW_DAYS) -> None:
        self.jaccard = jaccard
        self.window = window_days
        self._arrivals: deque[tuple[int, str]] = deque()  # (day, id) in insertion order
        self._newest = 0
        self.containment = containment
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=num_perm)
        self._permutations = MinHash(num_perm=num_perm, seed=1).permutations
        self._signatures: dict[str, np.ndarray] = {}
        self._sizes: dict[str, int] = {}
        self._order: dict[str, int] = {}
        self._count = 0
        self._short: dict[tuple[int, ...], str] = {}  # short text -> first id
        self._short_key: dict[str, tuple[int, ...]] = {}
        self.root: dict[str, str] = {}  # id -> earliest article it copies

    def signature(self, shingles: list[int]) -> MinHash:
        m = MinHash(num_perm=self.num_perm, permutations=self._permutations, hashfunc=int, scheme="affine32")
        m.update_batch(shingles)
        return m

    def add(self, doc_id: str, shingles: list[int], pub_date: str | None = None) -> str | None:
        """Index one article; return the id of the earliest article it
        duplicates, or None."""
        if doc_id in self._order or not shingles:
            return self.root.get(doc_id)
        day = day_number(pub_date)
        if day is not None:
            self._forget_before(day)
        if len(shingles) < MIN_SHINGLES:
            return self._add_short(doc_id, shingles, day)
        sig = self.signature(shingles)
        best = self._best_match(sig, len(shingles))
        self._lsh.insert(doc_id, sig, check_duplication=False)
        self._signatures[doc_id] = sig.hashvalues
        self._sizes[doc_id] = len(shingles)
        self._order[doc_id] = self._count
        self._count += 1
        self._arrivals.append((day if day is not None else self._newest, doc_id))
        if best is None:
            return None
        root = self.root.get(best, best)
        self.root[doc_id] = root
        return root

    def _add_short(self, doc_id: str, shingles: list[int], day: int | None) -> str | None:
        """Too short for MinHash estimates: a copy only when word for word the same."""
        key = tuple(sorted(shingles))
        self._order[doc_id] = self._count
        self._count += 1
        self._arrivals.append((day if day is not None else self._newest, doc_id))
        first = self._short.setdefault(key, doc_id)
        if first == doc_id:
            self._short_key[doc_id] = key
            return None
        root = self.root.get(first, first)
        self.root[doc_id] = root
        return root

    def _forget_before(self, day: int) -> None:
        if not self._newest and self._arrivals:
            # Articles added before any dated one take the first date seen.
            self._arrivals = deque((day, old) for _, old in self._arrivals)
        self._newest = max(self._newest, day)
        if self.window is None:
            return
        horizon = self._newest - self.window
        while self._arrivals and self._arrivals[0][0] < horizon:
            _, old = self._arrivals.popleft()
            del self._order[old]
            key = self._short_key.pop(old, None)
            if key is not None:
                del self._short[key]
            elif old in self._signatures:
                self._lsh.remove(old)
                del self._signatures[old], self._sizes[old]

    def _best_match(self, sig: MinHash, size: int) -> str | None:
        best: tuple[float, int, str] | None = None
        values = sig.hashvalues
        for other in self._lsh.query(sig):
            jac = float(np.count_nonzero(self._signatures[other] == values)) / self.num_perm
            other_size = self._sizes[other]
            # |A∩B| = J (|A|+|B|) / (1+J); containment of the smaller set.
            shared = jac * (size + other_size) / (1.0 + jac)
            smaller, larger = min(size, other_size), max(size, other_size)
            contained = shared / smaller if smaller >= MIN_SIZE_RATIO * larger else 0.0
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
        out[doc.id] = index.add(doc.id, feats.shingles(), doc.pub_date)
    return {d.id: out[d.id] for d in docs}


def day_number(iso: str | None) -> int | None:
    """Day ordinal of an ISO date or timestamp; None when missing or not a date."""
    try:
        return date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def sorted_by_date(docs: list[Document]) -> list[Document]:
    """Publication order; a document without a usable date takes the date of
    the dated one before it in the input (feeds are mostly chronological)."""
    dated = [doc.pub_date or "" if day_number(doc.pub_date) is not None else None for doc in docs]
    last = next((d for d in dated if d is not None), "")  # leading undated ones: the first date
    keys = []
    for i, day in enumerate(dated):
        last = day if day is not None else last
        keys.append((last, i))
    return [docs[i] for _, i in sorted(keys)]
