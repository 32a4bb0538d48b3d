"""Canonical actors: who each mention of an article refers to.

- :func:`load_gazetteer` -> the compiled actor gazetteer (cached); pass your
  own tables in ``extra_paths`` to extend it (formats: marsad/actors/gazetteer.py)
- :func:`actor_stage`: pipeline component (after NER, before events and geo)
  adding gazetteer mentions and linking every mention to an :class:`Actor`
- :func:`actor_to_contract` / :func:`entity_to_contract`: the contract's
  actor and entity objects for a mention

Mention sources set here: ``gazetteer`` (a name from the gazetteer),
``coref`` (a surname or shortened name of someone named in the article),
``role`` (وزير الخارجية التركي, نظيره الروسي), ``title`` (الوزير، الرئيس،
المنظمة: a back-reference), ``group`` (institutions and generic groups:
وزارة الدفاع الروسية، المحتجون الكازاخيون), ``demonym`` (a lone country
adjective, type MISC).  NER mentions keep ``ner``.
"""
from __future__ import annotations

from typing import Any

from ..model import Actor, Document, Mention
from .gazetteer import Gazetteer, load_gazetteer
from .matcher import longest
from .resolve import Linker, link

__all__ = ["Gazetteer", "load_gazetteer", "actor_stage", "make_actor_stage", "link_actors", "resolve_name", "NAMED_SOURCES"]

#: Sources whose mentions are named entities in the ANERcorp sense.
from ..contract import NAMED_SOURCES  # noqa: E402  (one definition, in the contract)


def link_actors(doc: Document, extra_paths=None) -> Document:
    """Add gazetteer mentions to ``doc`` and link all its mentions to actors."""
    linked = link(doc, load_gazetteer(extra_paths))
    others = [m for m in doc.mentions if m.source != "ner"]
    doc.mentions = sorted(others + linked, key=lambda m: (m.start, -m.end))
    return doc


def resolve_name(text: str, pub_date: str | None = None, extra_paths=None) -> Actor | None:
    """The actor a short phrase names on its own (an outlet's credit line such
    as تركيا الآن, a byline, a user's query), or None when the gazetteer
    does not cover the whole phrase."""
    gz = load_gazetteer(extra_paths)
    doc = Document(id="", raw=text, text=text, pub_date=pub_date)
    linker = Linker(gz, doc)
    m = longest(linker.dt, 0, gz.trie, lambda h, i: h.entry.kind not in ("BLOCK", "HEAD", "DEMONYM"))
    if m is None or m.j != len(linker.dt.tokens):
        return None
    return linker.named_actor(sorted(m.hits, key=lambda h: h.entry.kind != "MEDIA")[0].entry)


def actor_stage(doc: Document) -> Document:
    """Pipeline component: see :func:`link_actors`."""
    return link_actors(doc)


actor_stage.name = "actors"  # type: ignore[attr-defined]


def make_actor_stage(extra_paths):
    """An actor stage that also reads the user's tables in ``extra_paths``
    (for a pipeline built with a user gazetteer, e.g. a CLI ``--actors FILE``)."""
    def stage(doc: Document) -> Document:
        return link_actors(doc, extra_paths)
    stage.name = "actors"  # type: ignore[attr-defined]
    return stage


