"""Longest-match lookup of gazetteer phrases over a document's tokens.

Each token is looked up under every form it may be listed as
(:func:`marsad.text.tokens.word_variants`: itself, without و/ب/ل/ك/ف and the
article, with the article kept), so بكازاخستان, والتركية and للمنظمة find
كازاخستان, تركية and منظمة.  At each position the longest phrase wins; between
phrases of equal length the reading closest to the surface form wins (الرئيس
over رئيس).  A mention's span leaves out the proclitics that were stripped.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Document, Token
from ..text.normalize import normalize
from ..text.tokens import split_proclitics, tokenize, word_variants
from .gazetteer import SKIP_TOKENS, TERMINAL, Hit


@dataclass(slots=True)
class Match:
    i: int  # first token (index into the document's token list)
    j: int  # one past the last token
    start: int  # character span in Document.text, proclitics left out
    end: int
    hits: list[Hit]


@dataclass(slots=True)
class DocTokens:
    tokens: list[Token]
    sent: list[int]  # sentence number of each token

    def same_sentence(self, a: int, b: int) -> bool:
        return 0 <= a < len(self.tokens) and 0 <= b < len(self.tokens) and self.sent[a] == self.sent[b]

    def prev_word(self, i: int) -> int:
        """Index of the nearest word token before ``i`` in its sentence, or -1."""
        k = i - 1
        while k >= 0 and self.sent[k] == self.sent[i]:
            if self.tokens[k].norm[:1].isalnum():
                return k
            k -= 1
        return -1


def doc_tokens(doc: Document) -> DocTokens:
    """The document's tokens without quotes and dashes (which names step over)."""
    toks: list[Token] = []
    sent: list[int] = []
    sentences = doc.sentences or []
    if sentences:
        for n, s in enumerate(sentences):
            for t in s.tokens:
                if t.norm not in SKIP_TOKENS:
                    toks.append(t)
                    sent.append(n)
    else:
        n = 0
        for t in tokenize(doc.text or ""):
            if t.norm in ".!?؟\n":
                n += 1
            elif t.norm not in SKIP_TOKENS:
                toks.append(t)
                sent.append(n)
    return DocTokens(toks, sent)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


@lru_cache(maxsize=131072)
def variants(norm: str) -> tuple[tuple[str, int, int], ...]:
    """``(form, folded characters stripped from the front, penalty)`` for each
    lookup form of a folded word; penalty 0 = as written, 1 = proclitic
    dropped with the article kept, 2 = bare stem."""
    if not norm or not _is_arabic(norm[0]):
        return ((norm, 0, 0),)
    prefix, stem = split_proclitics(norm)
    # With an article the span keeps it (والتركية -> التركية, للمنظمة -> للمنظمة):
    # only what precedes ال / لل is cut.
    article_cut = max(len(prefix) - 2, 0)
    out = []
    for v in word_variants(norm):
        if v == norm:
            out.append((v, 0, 0))
        elif prefix and v in (stem, "ال" + stem):
            out.append((v, article_cut, 1 if v.startswith("ال") else 2))
        else:  # a bare one-letter proclitic (بكازاخستان -> كازاخستان)
            out.append((v, len(norm) - len(v), 2))
    return tuple(out)


def _surface_offset(surface: str, folded_chars: int) -> int:
    """Characters of ``surface`` that produce its first ``folded_chars`` folded characters."""
    if folded_chars <= 0:
        return 0
    seen = 0
    for k, ch in enumerate(surface):
        seen += len(normalize(ch))
        if seen >= folded_chars:
            # step over marks (harakat) that fold to nothing right after the proclitic
            k += 1
            while k < len(surface) and not normalize(surface[k]):
                k += 1
            return k
    return len(surface)


def longest(dt: DocTokens, i: int, trie: dict, accept=None) -> Match | None:
    """The longest phrase of ``trie`` starting at token ``i`` whose entries pass ``accept``."""
    toks, n = dt.tokens, len(dt.tokens)
    cands: list[tuple[int, int, int, list[Hit]]] = []
    stack: list[tuple[dict, int, int, int]] = [(trie, i, 0, 0)]
    while stack:
        node, k, pen, strip = stack.pop()
        if k > i and TERMINAL in node:
            cands.append((k, pen, strip, node[TERMINAL]))
        if k >= n or dt.sent[k] != dt.sent[i]:
            continue
        for form, cut, p in variants(toks[k].norm):
            child = node.get(form)
            if child is not None:
                stack.append((child, k + 1, pen + p, cut if k == i else strip))
    if not cands:
        return None
    cands.sort(key=lambda c: (-c[0], c[1]))
    for j, _, strip, hits in cands:
        kept = [h for h in hits if accept is None or accept(h, i)]
        if kept:
            first = toks[i]
            start = first.start + _surface_offset(first.text, strip)
            return Match(i, j, start, toks[j - 1].end, kept)
    return None


def needs_ok(dt: DocTokens, hit: Hit, i: int) -> bool:
    """An entry with ``needs`` matches only after one of the listed words."""
    if not hit.entry.needs:
        return True
    k = dt.prev_word(i)
    return k >= 0 and any(v in hit.entry.needs for v, _, _ in variants(dt.tokens[k].norm))


def scan(dt: DocTokens, trie: dict, accept=None) -> list[Match]:
    """Left-to-right longest matches, not overlapping."""
    accept = accept or (lambda h, i: needs_ok(dt, h, i))
    out: list[Match] = []
    i, n = 0, len(dt.tokens)
    while i < n:
        m = longest(dt, i, trie, accept)
        if m is None:
            i += 1
        else:
            out.append(m)
            i = m.j
    return out
