"""Online story clustering: articles about one developing story, across
outlets and days, share a story id.

Articles arrive one at a time in publication order.  Each becomes a sparse,
unit-length TF-IDF vector over its content terms (marsad.stories.features;
IDF from a shipped prior plus the stream so far, so nothing is ever refit),
plus pseudo-terms for the actors, places, dates and events it carries when
earlier pipeline stages found them.  A story keeps a decayed sum of its
members' vectors (its centroid, cut to its heaviest terms; the decay lets a
developing story move on from its first reports).  A new article is
compared only with stories that are still open (an article within
``window_days``, and opened at most ``max_span_days`` ago) and that share
one of its heaviest terms, found through an inverted index over each open
story's top terms: the cost per article depends on the number of open
stories sharing its words, not on the number of articles seen.  It joins
the most similar story when both

* the cosine with the centroid reaches ``threshold``, and
* the mean cosine with the story's recent articles reaches
  ``min_mean_similarity`` (without it, a large story's broad centroid takes
  in any article that shares its country and a few common words);

otherwise it opens a new story.

A near-duplicate (see :mod:`marsad.stories.dedup`) joins the story of the
article it copies without changing the centroid: a copy is not new evidence.

Story ids are derived from the id of the article that opened the story, so
the same input in the same order gives the same ids.
"""
from __future__ import annotations

import gc
import hashlib
import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from contextlib import contextmanager
from datetime import date

from ..model import Document, Story
from .dedup import DuplicateIndex, day_number
from .features import (ACTOR, COUNTRY, DATE, EVENT, PLACE, TermStatistics, TokenAnalyser, document_body,
                       structured_terms, text_features)
from .labels import LabelFacts, make_labels

WINDOW_DAYS = 7
MAX_SPAN_DAYS = 30  # a "story" running longer is a topic; later articles start a new story
THRESHOLD = 0.22  # cosine with the story centroid
MIN_MEAN_SIMILARITY = 0.15  # mean cosine with the story's recent articles
RECENCY_DECAY = 0.9  # per article: the centroid follows a developing story
DOC_TERMS = 80  # terms kept in an article's vector (short news: about all of them)
QUERY_TERMS = 12  # an article looks up stories through its heaviest terms
INDEX_TERMS = 20  # a story is found through its heaviest centroid terms
INDEX_EVERY = 4  # stories larger than this are re-indexed every INDEX_EVERY articles
CENTROID_TERMS = 100
MAX_CANDIDATES = 6  # stories scored exactly per article
# A story whose top terms give less than this share of the threshold through
# the article's top terms is not scored at all (a shared country name).
PARTIAL_FLOOR = 0.4
# A term among the top terms of this many open stories says nothing about
# which one an article belongs to; it is not used to look stories up.
MAX_POSTING = 100
# Weight of a structured pseudo-term relative to the article's heaviest word.
# Fixed rather than IDF-weighted: frequencies of actor codes learnt from a
# short stream would be noise.  Present or absent, not counted: the text's
# own words already say how much an article is about an actor.  A shared
# event date or event signature is the strongest evidence; a named actor or a
# place less (ministers and capitals recur across stories), a country least.
STRUCTURED_WEIGHT = {EVENT: 0.6, DATE: 0.6, ACTOR: 0.4, PLACE: 0.4, COUNTRY: 0.15}
STRUCTURED_FULL = 8  # pseudo-terms that keep their full weight
LABEL_TERMS = 4


@dataclass(slots=True)
class _StoryState:
    id: str
    rank: int
    first: int
    last: int
    first_date: str | None
    last_date: str | None
    doc_ids: list[str] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    # The centroid (decayed sum of article vectors) is ``scale * centroid``:
    # decaying then costs one multiplication, not one per term.
    centroid: dict[str, float] = field(default_factory=dict)
    scale: float = 1.0
    mass: float = 0.0  # decayed number of articles in the centroid
    norm: float = 1.0  # length of the true centroid
    factor: float = 1.0  # scale / norm: stored weight -> cosine contribution
    indexed: set[str] = field(default_factory=set)
    surfaces: dict[str, str] = field(default_factory=dict)
    actors: Counter = field(default_factory=Counter)  # English name -> mentions
    actors_ar: dict[str, str] = field(default_factory=dict)  # English name -> Arabic text
    event_types: Counter = field(default_factory=Counter)
    closed_terms: list[str] | None = None  # top terms kept when the centroid is dropped


class StoryClusterer:
    """Incremental story clustering with built-in near-duplicate detection.

    >>> clusterer = StoryClusterer()
    >>> story_id = clusterer.add(doc)          # in publication order
    >>> clusterer.duplicate_of[doc.id]         # None or the id it copies
    >>> clusterer.stories()                    # list[marsad.model.Story]
    """

    def __init__(self, window_days: int = WINDOW_DAYS, threshold: float = THRESHOLD,
                 min_mean_similarity: float = MIN_MEAN_SIMILARITY, max_span_days: int | None = MAX_SPAN_DAYS,
                 recency_decay: float = RECENCY_DECAY,
                 dedup: bool = True) -> None:
        self.window = window_days
        self.threshold = threshold
        self.min_mean = min_mean_similarity
        self.max_span = max_span_days
        self.decay = recency_decay
        self.analyser = TokenAnalyser()
        self.stats = TermStatistics()
        self.dedup = DuplicateIndex() if dedup else None
        self.story_of: dict[str, str] = {}
        self.duplicate_of: dict[str, str | None] = {}
        self._stories: dict[str, _StoryState] = {}
        self._open: dict[str, _StoryState] = {}
        self._postings: dict[str, dict[str, _StoryState]] = {}  # term -> open stories indexed by it
        self._closing: list[tuple[int, int, str]] = []  # (last day, rank, id), lazily updated
        self._clock = 0
        self._last_day: int | None = None

    # -- adding articles ----------------------------------------------------
    def add(self, doc: Document) -> str:
        """Assign ``doc`` to a story (opening one if needed); return its id."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        feats = text_features(self.analyser, document_body(doc), doc.title)
        day = self._day(doc.pub_date)
        self._expire(day)
        root = self.dedup.add(doc.id, feats.shingles(), doc.pub_date) if self.dedup is not None else None
        self.duplicate_of[doc.id] = root
        if root is not None and root in self.story_of:
            story = self._stories[self.story_of[root]]
            self._attach(story, doc, day)
            return story.id

        counts = feats.terms
        structured = structured_terms(doc)
        vec = self.stats.weights(counts, DOC_TERMS)
        if structured:
            vec = _with_structured(vec, structured)
        self.stats.observe(counts)

        found = self._best_story(vec, day)
        story, dot = found if found is not None else (self._open_story(doc, day), 0.0)
        self._attach(story, doc, day)
        self._absorb(story, vec, dot, feats.surfaces, doc)
        return story.id

    def _day(self, pub_date: str | None) -> int:
        """The article's day; an undated one takes the previous article's,
        and those before the first dated article take its day."""
        day = day_number(pub_date)
        if day is None:
            day = self._last_day if self._last_day is not None else 0
        elif self._last_day == 0:
            for story in self._open.values():
                story.first = story.last = day
                heapq.heappush(self._closing, (day, story.rank, story.id))
        self._last_day = day
        return day

    def _best_story(self, vec: dict[str, float], day: int) -> tuple[_StoryState, float] | None:
        """The story to join and the article's dot product with its centroid."""
        # Partial cosines over the article's heaviest terms, through the
        # inverted index; only the most promising stories are scored exactly.
        open_, postings = self._open, self._postings
        partial: dict[str, float] = {}
        for i, (term, w) in enumerate(vec.items()):
            if i == QUERY_TERMS:
                break
            posting = postings.get(term)
            if posting and len(posting) <= MAX_POSTING:
                for sid, story in posting.items():
                    partial[sid] = partial.get(sid, 0.0) + w * story.centroid[term] * story.factor
        if not partial:
            return None
        floor = self.threshold * PARTIAL_FLOOR
        ranked = heapq.nsmallest(MAX_CANDIDATES, (sid for sid, p in partial.items() if p >= floor),
                                 key=lambda sid: (-partial[sid], open_[sid].rank))
        best: _StoryState | None = None
        best_score, best_dot = self.threshold, 0.0
        for sid in ranked:
            story = open_[sid]
            if day < story.first - self.window or day > story.last + self.window:
                continue
            if self.max_span is not None and day - story.first > self.max_span:
                continue
            centroid = story.centroid
            dot = story.scale * sum([w * centroid.get(t, 0.0) for t, w in vec.items()])
            # The mean similarity with the recent articles stops a large
            # story's centroid from swallowing loosely related articles.
            if dot < self.min_mean * story.mass:
                continue
            score = dot / story.norm
            if score > best_score or (score == best_score and (best is None or story.rank < best.rank)):
                best, best_score, best_dot = story, score, dot
        return (best, best_dot) if best is not None else None

    def _open_story(self, doc: Document, day: int) -> _StoryState:
        sid = "s-" + hashlib.sha1(doc.id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        story = _StoryState(id=sid, rank=len(self._stories), first=day, last=day,
                            first_date=_iso(doc.pub_date), last_date=_iso(doc.pub_date))
        self._stories[sid] = story
        self._open[sid] = story
        return story

    def _attach(self, story: _StoryState, doc: Document, day: int) -> None:
        story.doc_ids.append(doc.id)
        self.story_of[doc.id] = story.id
        if doc.outlet:
            story.outlets.add(doc.outlet)
        iso = _iso(doc.pub_date)
        if iso and (story.first_date is None or iso < story.first_date):
            story.first_date = iso
        if iso and (story.last_date is None or iso > story.last_date):
            story.last_date = iso
        story.first = min(story.first, day)
        if day > story.last:
            story.last = day
        if story.id in self._open:
            heapq.heappush(self._closing, (story.last, story.rank, story.id))

    def _absorb(self, story: _StoryState, vec: dict[str, float], dot: float, surfaces: dict[str, str],
                doc: Document) -> None:
        """Add an original article's vector (``dot``: its dot product with the
        centroid) and its facts to its story."""
        decay = self.decay if story.mass else 1.0
        # |decay*c + v|^2 = decay^2 |c|^2 + 2 decay c.v + |v|^2, with |v| = 1
        norm2 = decay * decay * story.norm * story.norm + 2.0 * decay * dot + 1.0 if story.mass else 1.0
        story.scale *= decay
        story.mass = story.mass * decay + 1.0
        centroid = story.centroid
        inverse = 1.0 / story.scale
        for t, w in vec.items():
            centroid[t] = centroid.get(t, 0.0) + w * inverse
            if t not in story.surfaces and t in surfaces:
                story.surfaces[t] = surfaces[t]
        for m in doc.mentions:
            if m.actor is not None and m.actor.name:
                story.actors[m.actor.name] += 1
                story.actors_ar.setdefault(m.actor.name, m.text)
        for ev in doc.events:
            story.event_types[ev.type] += 1
        pruned = story.scale < 1e-100 or len(centroid) > CENTROID_TERMS + CENTROID_TERMS // 2
        if pruned:
            kept = heapq.nsmallest(CENTROID_TERMS, centroid.items(), key=_weight_then_term)
            story.centroid = centroid = {t: w * story.scale for t, w in kept}
            story.scale = 1.0
            story.surfaces = {t: s for t, s in story.surfaces.items() if t in centroid}
            norm2 = sum(w * w for w in centroid.values())
        story.norm = math.sqrt(norm2) or 1.0
        story.factor = story.scale / story.norm
        n = len(story.doc_ids)
        if n > INDEX_EVERY and n % INDEX_EVERY and not pruned:
            return  # a large story's top terms change slowly: re-index it now and then
        top = {t for t, _ in heapq.nsmallest(INDEX_TERMS, centroid.items(), key=_weight_then_term)}
        for t in story.indexed - top:
            posting = self._postings.get(t)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self._postings[t]
        for t in top - story.indexed:
            self._postings.setdefault(t, {})[story.id] = story
        story.indexed = top

    # -- closing stories ------------------------------------------------------
    def _expire(self, day: int) -> None:
        if day <= self._clock:
            return
        self._clock = day
        horizon = day - self.window
        while self._closing and self._closing[0][0] < horizon:
            last, _, sid = heapq.heappop(self._closing)
            story = self._open.get(sid)
            if story is None or story.last != last:
                continue  # already closed, or extended since this entry
            self._close(story)

    def _close(self, story: _StoryState) -> None:
        story.closed_terms = self.top_terms(story.id, LABEL_TERMS)
        for t in story.indexed:
            posting = self._postings.get(t)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self._postings[t]
        story.indexed = set()
        story.centroid = {}
        story.surfaces = {}
        story.actors_ar = {n: story.actors_ar[n] for n, _ in story.actors.most_common(3)}
        del self._open[story.id]

    # -- results ----------------------------------------------------------------
    def _facts(self, story: _StoryState) -> LabelFacts:
        top_actors = [n for n, _ in story.actors.most_common(3)]
        return LabelFacts(
            terms=self.top_terms(story.id, LABEL_TERMS),
            actors_ar=[story.actors_ar.get(n, n) for n in top_actors],
            actors_en=top_actors,
            event_type=story.event_types.most_common(1)[0][0] if story.event_types else None,
            first_date=story.first_date,
            last_date=story.last_date,
            n_docs=len(story.doc_ids),
            n_outlets=len(story.outlets),
        )

    def stories(self) -> list[Story]:
        """Every story so far, in the order they were opened."""
        out = []
        for story in self._stories.values():
            label_ar, label_en = make_labels(self._facts(story))
            out.append(Story(id=story.id, doc_ids=list(story.doc_ids), label_ar=label_ar, label_en=label_en,
                             first_date=story.first_date, last_date=story.last_date))
        return out

    def top_terms(self, story_id: str, n: int = 10) -> list[str]:
        """Written forms of a story's heaviest terms (at most LABEL_TERMS
        once the story has closed)."""
        story = self._stories[story_id]
        if story.closed_terms is not None:
            return story.closed_terms[:n]
        words = [t for t, _ in sorted(story.centroid.items(), key=_weight_then_term) if not t.startswith("@")]
        return [story.surfaces.get(t, t) for t in words[:n]]


def _with_structured(vec: dict[str, float], structured: Counter) -> dict[str, float]:
    """Add pseudo-terms (scaled to the heaviest word) and renormalise.  All
    terms are ordered by weight, words and pseudo-terms together: the story
    look-up reads only the heaviest ones, and an article naming forty actors
    must not fill that window with pseudo-terms alone."""
    base = next(iter(vec.values()), 1.0)
    # past STRUCTURED_FULL pseudo-terms their weights shrink with the square
    # root of their number, so an article naming forty actors, places and
    # events does not drown its words
    share = base * min(1.0, math.sqrt(STRUCTURED_FULL / max(1, len(structured))))
    extra = {}
    for t in structured:
        extra[t] = STRUCTURED_WEIGHT.get(t[:3], 0.15) * share
    merged = dict(sorted({**extra, **vec}.items(), key=_weight_then_term))
    norm = math.sqrt(sum(w * w for w in merged.values())) or 1.0
    return {t: w / norm for t, w in merged.items()}


def _weight_then_term(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]


def _iso(pub_date: str | None) -> str | None:
    """The publication day as ISO text, None when missing or not a date."""
    day = day_number(pub_date)
    return date.fromordinal(day).isoformat() if day is not None else None


@contextmanager
def paused_gc():
    """Run a batch with the cyclic garbage collector off: the clusterer keeps
    many long-lived containers and creates no reference cycles, and
    collection passes over them cost about a tenth of the time at 100,000
    articles.  Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
