"""CRF features for Arabic named-entity tagging.

Every token is described by its folded form, its article-stripped stem, letter
affixes, a shape, distributional cluster ids (learnt on unlabeled news, see
training/ner/build_clusters.py) and the labels of gazetteer phrases it falls
in.  Neighbours within two tokens contribute a subset of theirs.  Word-level
features are cached per surface form, which is what makes tagging fast.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..text.normalize import normalize
from ..text.tokens import split_proclitics
from .evaluate import spans

# One-letter proclitics tried on a phrase's first word when the whole word
# does not start a gazetteer phrase (ولبنان، بطهران، لحزب الله).
_LETTER_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
MAX_PHRASE = 6


def fold(word: str) -> str:
    """The matching form of a token: normalised, Latin lower-cased."""
    return normalize(word).lower()


def stem_of(folded: str) -> str:
    return split_proclitics(folded)[1] if folded and "\u0600" <= folded[0] <= "\u06ff" else folded


def phrase_key(words: Iterable[str]) -> tuple[str, ...]:
    """Gazetteer key of a phrase: each word folded and stripped of its article."""
    return tuple(stem_of(fold(w)) for w in words)


def _shape(word: str) -> str:
    if not word:
        return "E"
    if word.isdigit():
        return "D"
    ch = word[0]
    if "\u0600" <= ch <= "\u06ff":
        return "A"
    if ch.isalpha():
        return "L"
    if ch.isdigit():
        return "N"
    return "P:" + word[:1]


def _length(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6-7" if n <= 7 else "8+"


class Gazetteer:
    """Named phrase lists: ``source -> {key tuple -> label}``; matched longest first."""

    def __init__(self, sources: dict[str, dict[tuple[str, ...], str]] | None = None):
        self.sources: dict[str, dict[tuple[str, ...], str]] = sources or {}
        # All sources merged: key -> [(source, label)], so one lookup serves every source.
        self._merged: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for name, phrases in self.sources.items():
            for key, label in phrases.items():
                self._merged.setdefault(key, []).append((name, label))
        self._starts = {k[0] for k in self._merged}

    def with_source(self, name: str, phrases: dict[tuple[str, ...], str]) -> Gazetteer:
        return Gazetteer({**self.sources, name: phrases})

    @classmethod
    def load(cls, *paths: Path) -> Gazetteer:
        sources: dict[str, dict[tuple[str, ...], str]] = {}
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#") or not line.strip():
                        continue
                    source, label, phrase = line.rstrip("\n").split("\t")
                    sources.setdefault(source, {})[tuple(phrase.split(" "))] = label
        return cls(sources)

    def dump(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("# source\tlabel\tphrase (folded, article-stripped words)\n")
            for source, phrases in sorted(self.sources.items()):
                for key, label in sorted(phrases.items()):
                    fh.write(f"{source}\t{label}\t{' '.join(key)}\n")

    def match(self, stems: Sequence[str], firsts: Sequence[Sequence[str]]) -> list[list[str]]:
        """Per token, ``source=B-LABEL`` / ``source=I-LABEL`` for each source's longest phrase.

        ``firsts[i]`` are the forms token i may take as a phrase's first word
        (its stem, and its stem without a one-letter proclitic)."""
        n = len(stems)
        out: list[list[str]] = [[] for _ in range(n)]
        covered: dict[str, int] = {}
        merged, starts = self._merged, self._starts
        for i in range(n):
            best: dict[str, tuple[int, str]] = {}
            for first in firsts[i]:
                if first not in starts:
                    continue
                for length in range(min(MAX_PHRASE, n - i), 0, -1):
                    entries = merged.get((first, *stems[i + 1:i + length]))
                    if entries:
                        for source, label in entries:
                            if best.get(source, (0, ""))[0] < length:
                                best[source] = (length, label)
            for source, (length, label) in best.items():
                if i < covered.get(source, 0):
                    continue
                out[i].append(f"{source}=B-{label}")
                for j in range(i + 1, i + length):
                    out[j].append(f"{source}=I-{label}")
                covered[source] = i + length
        return out


class FeatureExtractor:
    """Features per sentence.  With ``known`` (the attributes a trained model
    has weights for) every other feature is dropped before it reaches the CRF:
    the tags are the same and tagging is faster."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], gazetteer: Gazetteer, known: set[str] | None = None):
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.known = known
        self._cache: dict[str, tuple[list[str], ...]] = {}

    def _word(self, word: str) -> tuple[list[str], ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        f = fold(word)
        stem = stem_of(f)
        shape = _shape(f)
        own = ["b", "w=" + f, "sh=" + shape, "len=" + _length(len(f))]
        if stem != f:
            own += ["s=" + stem, "pre=" + f[: len(f) - len(stem)]]
        if shape == "A":
            for k in (1, 2, 3, 4):
                if len(f) > k:
                    own += [f"p{k}=" + f[:k], f"x{k}=" + f[-k:]]
            if stem != f:
                for k in (2, 3):
                    if len(stem) > k:
                        own += [f"sp{k}=" + stem[:k], f"sx{k}=" + stem[-k:]]
            for p in ("و", "ب", "ل", "ف", "ك"):
                if f.startswith(p) and len(f) > 3 and f[1:] in self.clusters:
                    own.append("v=" + f[1:])
                    break
        elif shape == "L" and word[:1].isupper():
            own.append("cap")
        cl = self.clusters.get(f) or self.clusters.get(stem)
        if cl:
            # columns: three cluster ids, frequency band, article band
            own += [f"c{k}=" + c for k, c in enumerate(cl)]
        else:
            own.append("c=none")
        if stem != f and f in self.clusters and stem in self.clusters:
            own += [f"sc{k}=" + c for k, c in enumerate(self.clusters[stem][1:])]
        core1 = ["w=" + f, "sh=" + shape] + (["s=" + stem] if stem != f else [])
        if cl:
            core1 += ["c1=" + cl[1], "c2=" + cl[2]]
        core2 = ["w=" + f] + (["c1=" + cl[1]] if cl else [])
        firsts = [stem] + [stem_of(f[len(p):]) for p in _LETTER_PROCLITICS if f.startswith(p) and len(f) - len(p) >= 2]
        entry = (own, ["-1:" + x for x in core1], ["+1:" + x for x in core1],
                 ["-2:" + x for x in core2], ["+2:" + x for x in core2], [f, stem], firsts)
        if self.known is not None:
            known = self.known
            entry = tuple([x for x in e if x in known] for e in entry[:5]) + entry[5:]
        if len(self._cache) < 500_000:
            self._cache[word] = entry
        return entry

    def keys(self, tokens: Sequence[str]) -> tuple[list[str], list[list[str]]]:
        """(stems, phrase-first forms) of a sentence's tokens, for gazetteer matching."""
        words = [self._word(t) for t in tokens]
        return [w[5][1] for w in words], [w[6] for w in words]

    def sentence(self, tokens: Sequence[str], gazetteer: Gazetteer | None = None) -> list[list[str]]:
        words = [self._word(t) for t in tokens]
        n = len(words)
        folded = [w[5][0] for w in words]
        gaz = (gazetteer or self.gazetteer).match([w[5][1] for w in words], [w[6] for w in words])
        if self.known is not None:
            known = self.known
            gaz = [[g for g in gs if g in known] for gs in gaz]
        feats: list[list[str]] = []
        for i in range(n):
            x = list(words[i][0])
            x += gaz[i]
            if i > 0:
                x += words[i - 1][1]
                x += ["-1:" + g for g in gaz[i - 1]]
                x.append("bi-=" + folded[i - 1] + "|" + folded[i])
                if i > 1:
                    x += words[i - 2][3]
                else:
                    x.append("-2:BOS")
            else:
                x.append("BOS")
            if i < n - 1:
                x += words[i + 1][2]
                x += ["+1:" + g for g in gaz[i + 1]]
                x.append("bi+=" + folded[i] + "|" + folded[i + 1])
                if i < n - 2:
                    x += words[i + 2][4]
                else:
                    x.append("+2:EOS")
            else:
                x.append("EOS")
            feats.append(x)
        return feats


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    clusters: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(ids)
    return clusters


# Sentences per pseudo-document for the second pass when the caller gives a
# long run of sentences (ANERcorp-style streams carry no document breaks).
DOC_BLOCK = 40


def document_features(stems: Sequence[Sequence[str]], firsts: Sequence[Sequence[Sequence[str]]],
                      tags: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Second-pass features for a block of sentences, from first-pass tags.

    A name is usually written in full once and then repeated or shortened
    within the same article; each token learns which classes the first pass
    gave the same word and phrase elsewhere in the block, plus its own and
    its neighbours' first-pass tags."""
    word_types: dict[str, set[str]] = {}
    word_seen: dict[str, int] = {}
    phrases: dict[tuple[str, ...], dict[str, int]] = {}
    for st, tg in zip(stems, tags):
        for w in st:
            word_seen[w] = word_seen.get(w, 0) + 1
        for s, e, typ in spans(tg):
            votes = phrases.setdefault(tuple(st[s:e]), {})
            votes[typ] = votes.get(typ, 0) + 1
            for w in st[s:e]:
                word_types.setdefault(w, set()).add(typ)
    doc = Gazetteer({"DOC": {k: max(v, key=v.get) for k, v in phrases.items()}})
    out: list[list[list[str]]] = []
    for st, fs, tg in zip(stems, firsts, tags):
        gaz = doc.match(st, fs)
        n = len(st)
        sent = []
        for i in range(n):
            x = ["y1=" + tg[i], "y1-1=" + (tg[i - 1] if i else "BOS"), "y1+1=" + (tg[i + 1] if i < n - 1 else "EOS")]
            x += gaz[i]
            types = word_types.get(st[i])
            if types:
                x += ["dw=" + t for t in types]
            elif word_seen.get(st[i], 0) > 1:
                x.append("dw=O")
            sent.append(x)
        out.append(sent)
    return out
