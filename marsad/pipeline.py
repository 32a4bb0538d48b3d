"""The pipeline: an ordered list of components, each adding a layer to a Document.

A component is any callable ``component(doc) -> doc`` with a ``name``.  The
default pipeline reads, in order:

    clean      remove web leftovers, keep the outlet's credit line   marsad.text.clean
    sentences  split into sentences and tokens (clitic-aware)        marsad.text.sentences
    dates      temporal expressions resolved against the pub date    marsad.time
    ner        trained CRF tagger: PERS / ORG / LOC / MISC mentions   marsad.ner
    actors     gazetteer actors, roles by date, coreference, groups  marsad.actors
    events     PLOVER events, modality, quotes, speakers              marsad.events
    geo        places to coordinates, article focus country,         marsad.geo
               event locations
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .actors import actor_stage
from .events import event_stage
from .geo import geo_stage
from .model import Document
from .ner import ner_stage
from .text.clean import clean_document
from .time import date_stage
from .text.sentences import split_sentences

Component = Callable[[Document], Document]


def named(name: str) -> Callable[[Component], Component]:
    def wrap(fn: Component) -> Component:
        fn.name = name  # type: ignore[attr-defined]
        return fn
    return wrap


@named("clean")
def clean(doc: Document) -> Document:
    return clean_document(doc)


@named("sentences")
def sentences(doc: Document) -> Document:
    doc.sentences = split_sentences(doc.text)
    return doc


@dataclass
class Pipeline:
    components: list[Component] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [getattr(c, "name", getattr(c, "__name__", "?")) for c in self.components]

    def __call__(self, doc: Document) -> Document:
        for component in self.components:
            doc = component(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def reading_pipeline() -> Pipeline:
    """Cleaning and sentences only: what ``marsad ingest`` stores."""
    return Pipeline([clean, sentences])


def default_pipeline() -> Pipeline:
    """The full pipeline with every stage this installation has."""
    return Pipeline([clean, sentences, date_stage, ner_stage, actor_stage, event_stage, geo_stage])
