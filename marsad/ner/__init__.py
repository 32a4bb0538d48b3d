"""Named-entity tagging (ANERcorp classes PERS, LOC, ORG, MISC) with a CRF.

The model, word clusters and gazetteers live in marsad/resources/ner/ and are
rebuilt by the scripts in training/ner/.  Public entry points:

- :func:`load_tagger` -> :class:`Tagger` (cached); ``Tagger.tag(sentences)``
- :func:`ner_stage`: pipeline component adding ``Mention``s to a Document
- :func:`tag_conll`: the ``marsad tag --format conll`` stream behaviour
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TextIO

import pycrfsuite

from ..model import Document, Mention
from .conll import TAGS, stream_blocks
from .evaluate import spans
from .features import DOC_BLOCK, FeatureExtractor, Gazetteer, document_features, load_clusters

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"

__all__ = ["RESOURCES", "TAGS", "Tagger", "load_tagger", "ner_stage", "tag_conll", "mentions_of"]


class Tagger:
    """Two CRF passes with the feature extractor they were trained with.

    The first pass tags each sentence alone; the second sees the first pass's
    tags of the surrounding sentences (:func:`document_features`), so a name
    is labelled consistently across an article.  Without a second model the
    first pass's tags are returned."""

    def __init__(self, model_path: Path, clusters: dict[str, tuple[str, ...]], gazetteer: Gazetteer,
                 second_pass: Path | None = None):
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model_path))
        self._crf2 = None
        if second_pass is not None:
            self._crf2 = pycrfsuite.Tagger()
            self._crf2.open(str(second_pass))
        known = {attr for crf in (self._crf, self._crf2) if crf for attr, _ in crf.info().state_features}
        self.features = FeatureExtractor(clusters, gazetteer, known)

    def first_pass(self, sentences: Sequence[Sequence[str]]) -> tuple[list[list[list[str]]], list[list[str]]]:
        feats = [self.features.sentence(tokens) if tokens else [] for tokens in sentences]
        return feats, [list(self._crf.tag(x)) if x else [] for x in feats]

    def tag(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """ANERcorp BIO tags for each sentence of tokens; the sentences are read
        as consecutive text (one article, or blocks of DOC_BLOCK sentences)."""
        sentences = list(sentences)
        feats, tags = self.first_pass(sentences)
        if self._crf2 is None:
            return tags
        out: list[list[str]] = []
        for b in range(0, len(sentences), DOC_BLOCK):
            block = sentences[b:b + DOC_BLOCK]
            keys = [self.features.keys(tokens) for tokens in block]
            extra = document_features([k[0] for k in keys], [k[1] for k in keys], tags[b:b + DOC_BLOCK])
            for x, ex in zip(feats[b:b + DOC_BLOCK], extra):
                out.append(list(self._crf2.tag([a + e for a, e in zip(x, ex)])) if x else [])
        return out


@lru_cache(maxsize=1)
def load_tagger() -> Tagger:
    """The shipped tagger (loaded once per process)."""
    gaz = Gazetteer.load(RESOURCES / "static_gazetteer.tsv", RESOURCES / "memory_gazetteer.tsv")
    second = RESOURCES / "model2.crfsuite"
    return Tagger(RESOURCES / "model1.crfsuite", load_clusters(RESOURCES / "clusters.tsv"), gaz,
                  second if second.exists() else None)


def mentions_of(text: str, tokens, tags: Sequence[str], source: str = "ner") -> list[Mention]:
    """Mentions for tagged ``Token``s, with offsets into ``text``."""
    found = []
    for s, e, typ in sorted(spans(tags)):
        start, end = tokens[s].start, tokens[e - 1].end
        found.append(Mention(text[start:end], start, end, typ, source=source))
    return found


def ner_stage(doc: Document) -> Document:
    """Pipeline component: tag every sentence and append its entity mentions."""
    tagger = load_tagger()
    sentences = [s for s in doc.sentences if s.tokens]
    tagged = tagger.tag([[t.text for t in s.tokens] for s in sentences])
    for sent, tags in zip(sentences, tagged):
        doc.mentions.extend(mentions_of(doc.text, sent.tokens, tags))
    return doc


ner_stage.name = "ner"  # type: ignore[attr-defined]


def tag_conll(in_stream: TextIO, out_stream: TextIO) -> int:
    """Read one token per line (blank line between sentences), write ``token<TAB>TAG``.

    Blank lines are echoed; a trailing sentence without a final blank line is
    tagged too; lines carrying extra columns keep only their first column.
    Returns the number of tokens tagged."""
    blocks = list(stream_blocks(in_stream))  # whole stream: the second pass reads neighbouring sentences
    tagged = iter(load_tagger().tag([b for b in blocks if b]))
    n = 0
    for block in blocks:
        if not block:
            out_stream.write("\n")
            continue
        for token, tag in zip(block, next(tagged)):
            out_stream.write(f"{token}\t{tag}\n")
        n += len(block)
    return n
