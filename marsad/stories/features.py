"""What the story layer reads from an article: folded words, terms, shingles.

One pass over the text gives three things:

* ``words``: the folded word sequence (marsad.text.normalize), stop words
  included, from which the word 3-shingles for near-duplicate detection are
  hashed;
* ``terms``: content-term counts for TF-IDF: folded words without the article
  and its proclitics (الرئيس → رئيس), a bare و/ف/ب/ل/ك dropped only when the
  prior document frequencies say the remainder is the commoner word
  (وكازاخستان → كازاخستان but وزير stays), stop words removed;
* ``surfaces``: the first written form of each term (hamza kept), for labels.

Each distinct written token is analysed once and cached, so the per-article
cost is a dictionary lookup per token.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..model import Document
from ..text.normalize import normalize
from ..text.tokens import split_proclitics

# Arabic letters with their marks and tatweel, Latin words, digit runs.
_WORD_RE = re.compile(
    r"[\u0621-\u063A\u0640-\u065F\u0670-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC]+"
    r"|[A-Za-z\u00C0-\u024F]+"
    r"|[0-9\u0660-\u0669\u06F0-\u06F9]+"
)
_MARKS_RE = re.compile(r"[\u0640\u064B-\u065F\u0670\u06D6-\u06DC]")
_BARE_PROCLITICS = "وفبلك"
_MIN_UNKNOWN_REST = 4
_MIN_BARE_REST = 3  # and only when the prior says so: وزير, فريق, بلدي keep their first letter
SHINGLE_WORDS = 3
_CACHE_LIMIT = 2_000_000


@lru_cache(maxsize=1)
def prior_word_frequencies() -> dict[str, int]:
    """Document frequencies of folded words (article proclitics removed) in a
    general Arabic news corpus (training/stories/build_df.py)."""
    return _read_df("stories/df_words_ar.tsv")[0]


@lru_cache(maxsize=1)
def prior_frequencies() -> tuple[dict[str, int], int]:
    """Document frequencies of terms (as :class:`TokenAnalyser` makes them)
    in the same corpus, and its size."""
    return _read_df("stories/df_terms_ar.tsv")


def _read_df(name: str) -> tuple[dict[str, int], int]:
    text = resources.files("marsad.resources").joinpath(name).read_text("utf-8")
    df: dict[str, int] = {}
    n_docs = 1
    for line in text.splitlines():
        word, _, count = line.partition("\t")
        if word == "#docs":
            n_docs = int(count)
        elif word and not word.startswith("#"):
            df[word] = int(count)
    return df, n_docs


@lru_cache(maxsize=1)
def stop_terms() -> frozenset[str]:
    text = resources.files("marsad.resources").joinpath("stories/stopwords_ar.txt").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for word in line.split():
            folded = normalize(word)
            out.add(folded)
            out.add(_strip_clitics(folded, {})[1])
    return frozenset(out)


def _strip_clitics(folded: str, prior_df: dict[str, int]) -> tuple[int, str]:
    """Return ``(prefix_length, stem)`` of a folded Arabic word."""
    prefix, stem = split_proclitics(folded)
    if prefix:
        return len(prefix), stem
    if len(folded) > _MIN_BARE_REST and folded[0] in _BARE_PROCLITICS:
        rest = folded[1:]
        known_rest, known_word = prior_df.get(rest, 0), prior_df.get(folded, 0)
        if known_rest > known_word:
            return 1, rest
        # A word the prior never saw is mostly a foreign name; و before one
        # (ويريفان، وتلاوبردي) is the conjunction.  Not ب/ل/ف/ك: بيرتس، لافروف.
        if not known_word and folded[0] == "و" and len(rest) >= _MIN_UNKNOWN_REST:
            return 1, rest
    return 0, folded


# Suffixes removed in this order, each at most once, while three letters
# remain (the light stemming of Larkey et al.'s "light10", on folded text
# where ة is ه): حوثيين، حوثيون، الحوثي -> حوث; تركية، تركي -> ترك.
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_MIN_STEM = 3


def light_stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
    return word


def arabic_term(folded: str, prior_df: dict[str, int]) -> tuple[int, str]:
    """``(prefix_length, term)``: proclitics removed, then suffixes."""
    cut, word = _strip_clitics(folded, prior_df)
    return cut, light_stem(word)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


class TokenAnalyser:
    """Written token -> (hash of the folded word, content term or None, the
    term's written form)."""

    def __init__(self) -> None:
        self.prior_df = prior_word_frequencies()
        self.stop = stop_terms()
        self._cache: dict[str, tuple[int, str | None, str]] = {}

    def analyse(self, token: str) -> tuple[int, str | None, str]:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        folded = normalize(token)
        term: str | None = None
        surface = ""
        if folded and _is_arabic(folded[0]):
            cut, word = _strip_clitics(folded, self.prior_df)
            if len(word) >= 2 and word not in self.stop and folded not in self.stop:
                term = light_stem(word)
                bare = _MARKS_RE.sub("", token)
                # Folding maps letters one to one once marks are gone, so the
                # proclitic has the same length in the written form.
                surface = bare[cut:] if len(bare) == len(folded) else word
        elif folded and folded[0].isalpha():
            folded = folded.lower()
            if len(folded) >= 3:
                term = surface = folded
        out = (zlib.crc32(folded.encode("utf-8", "surrogatepass")), term, surface)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[token] = out
        return out


@dataclass(slots=True)
class TextFeatures:
    words: list[int]  # CRC-32 of each folded word, in text order
    terms: Counter
    surfaces: dict[str, str] = field(default_factory=dict)

    def shingles(self) -> list[int]:
        """32-bit hashes of the distinct word 3-shingles (one shingle for
        texts shorter than three words), combined from the word hashes with
        multiplicative mixing (MinHash mixes them again)."""
        w = self.words
        if len(w) < SHINGLE_WORDS:
            return [_combine(w)] if w else []
        return list({((w[i] * _MIX1 + w[i + 1]) * _MIX2 + w[i + 2]) & 0xFFFFFFFF for i in range(len(w) - 2)})


_MIX1, _MIX2 = 2654435761, 2246822519


def _combine(hashes: list[int]) -> int:
    h = 0
    for x in hashes:
        h = (h * _MIX1 + x) & 0xFFFFFFFF
    return h


def text_features(analyser: TokenAnalyser, body: str, title: str | None = None) -> TextFeatures:
    """Words, term counts and surfaces of a body; title terms count twice
    (a headline says what the article is about)."""
    words: list[int] = []
    terms: Counter = Counter()
    surfaces: dict[str, str] = {}
    analyse, cached = analyser.analyse, analyser._cache.get
    for token in _WORD_RE.findall(body):
        word, term, surface = cached(token) or analyse(token)
        words.append(word)
        if term is not None:
            terms[term] += 1
            if term not in surfaces:
                surfaces[term] = surface
    if title:
        for token in _WORD_RE.findall(title):
            _, term, surface = analyse(token)
            if term is not None:
                terms[term] += 2
                surfaces.setdefault(term, surface)
    return TextFeatures(words, terms, surfaces)


def document_body(doc: Document) -> str:
    """The cleaned body, cleaning HTML (or raw text) first when not done yet."""
    if not doc.text:
        from ..text.clean import clean_document

        clean_document(doc)
    return doc.text or ""


# -- structured features (when other pipeline stages have run) ---------------
ACTOR, COUNTRY, PLACE, DATE, EVENT = "@a:", "@c:", "@p:", "@d:", "@e:"


def structured_terms(doc: Document) -> Counter:
    """Pseudo-terms for the actors, places, dates and events a document
    carries, so that shared ones pull articles together like shared words."""
    out: Counter = Counter()
    for m in doc.mentions:
        actor = m.actor
        if actor is not None:
            if actor.name:
                out[ACTOR + actor.name.lower()] += 1
            elif actor.country and m.type != "LOC":
                out[COUNTRY + actor.country] += 1
        place = m.location.name if m.location is not None else (normalize(m.text) if m.type == "LOC" else None)
        if place:
            out[PLACE + place.lower()] += 1
    pub = (doc.pub_date or "")[:10]
    for d in doc.dates:
        if d.value and len(d.value) == 10 and d.value != pub:
            out[DATE + d.value] += 1
    for ev in doc.events:
        out[EVENT + ":".join((ev.type, _actor_code(ev.source), _actor_code(ev.target)))] += 1
    return out


def _actor_code(m) -> str:
    if m is None or m.actor is None:
        return "-"
    return m.actor.country or (m.actor.name or "-")


class TermStatistics:
    """Document frequencies for IDF: a prior from a general news corpus plus
    the documents seen so far, so IDF is sensible from the first article and
    adapts to the stream (a word in every article of this feed loses weight)."""

    def __init__(self) -> None:
        prior, self.prior_n = prior_frequencies()
        self.df: dict[str, int] = dict(prior)  # prior counts plus the stream's
        self.n = 0  # documents of the stream

    def observe(self, terms) -> None:
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1
        self.n += 1

    def weights(self, counts: Counter, keep: int) -> dict[str, float]:
        """Unit-length sublinear TF-IDF vector of the ``keep`` heaviest terms,
        heaviest first."""
        log_n = math.log(self.prior_n + self.n + 1)
        df, log = self.df, math.log
        vec = {t: (1.0 + log(c)) * (log_n - log(df.get(t, 0) + 1)) for t, c in counts.items()}
        vec = dict(sorted(vec.items(), key=_by_weight_then_term)[:keep])
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {t: w / norm for t, w in vec.items() if w > 0}


def _by_weight_then_term(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]
