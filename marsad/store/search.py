"""Variant-aware full-text search terms, shared by every store backend.

Documents are indexed under the folded form of each word *and* its forms
without proclitics (see :func:`marsad.text.tokens.word_variants`), so a query
for كازاخستان finds وكازاخستان and بكازاخستان.  Spelling variants that folding
cannot unify (كازخستان / كازاخستان) are handled at query time: each query term
is expanded to the indexed terms within a small edit distance.
"""
from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..model import Token
from ..text.tokens import tokenize, word_variants


def index_terms(text: str, tokens: Iterable[Token] | None = None) -> str:
    """The FTS body for ``text`` (pass its tokens when already computed)."""
    terms: list[str] = []
    for tok in tokens if tokens is not None else tokenize(text):
        if tok.norm[0].isalnum():
            terms.extend(word_variants(tok.norm))
    return " ".join(terms)


def query_terms(query: str) -> list[str]:
    """The folded, article-stripped words of a user query."""
    return [t.stem for t in tokenize(query) if t.norm[0].isalnum()]


def max_edits(term: str) -> int:
    # Short words have too many neighbours; long names tolerate two slips.
    n = len(term)
    return 0 if n < 5 else 1 if n < 9 else 2


def expand(term: str, vocabulary: Iterable[str]) -> list[str]:
    """``term`` and the vocabulary terms within :func:`max_edits` of it."""
    k = max_edits(term)
    found = {term}
    if k:
        for cand, _, _ in process.extract_iter(term, vocabulary, scorer=Levenshtein.distance, score_cutoff=k):
            found.add(cand)
    return sorted(found)


def fts_query(groups: list[list[str]]) -> str:
    """An FTS5 MATCH expression: every query word (any of its variants) must occur."""
    def quote(t: str) -> str:
        return '"' + t.replace('"', '""') + '"'
    return " AND ".join("(" + " OR ".join(quote(t) for t in g) + ")" for g in groups if g)


def snippet(text: str, terms: set[str], width: int = 70) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original ``text`` around the first matching word, and
    the (start, end) of every matching word inside that window."""
    hits = [(t.start, t.end) for t in tokenize(text) if terms.intersection(word_variants(t.norm))]
    if not hits:
        return text[: 2 * width], []
    center = hits[0][0]
    lo = max(0, text.rfind(" ", 0, max(0, center - width)) + 1) if center > width else 0
    hi = text.find(" ", min(len(text), center + width))
    hi = len(text) if hi < 0 else hi
    window = text[lo:hi].replace("\n", " ")
    return window, [(s - lo, e - lo) for s, e in hits if s >= lo and e <= hi]
