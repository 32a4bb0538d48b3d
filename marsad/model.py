"""The data model that flows through the pipeline.

A :class:`Document` is created by a reader and each pipeline component adds
layers to it (sentences, mentions, dates, events, quotes).  All character
offsets index into ``Document.text`` (the cleaned article body), never into
the raw input, so that every layer can be checked against the text it came
from.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Token:
    """A token of the cleaned text.

    ``norm`` is the matching form (see :mod:`marsad.text.normalize`);
    ``stem`` is ``norm`` without the proclitics listed in ``prefix``
    (و/ف/ب/ل/ك/ال), which is what lexicons and gazetteers are matched on.
    """

    text: str
    start: int
    end: int
    norm: str
    stem: str
    prefix: str = ""


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """A canonical actor: what a mention refers to."""

    name: str | None = None  # canonical English name, None when unknown
    country: str | None = None  # ISO alpha-3 or an IGO short code (OTS, CSTO …)
    sector: str | None = None  # GOV, MIL, COP, JUD, LEG, OPP, PRO, REB, CVL, MED, BUS, IGO
    kind: str | None = None  # PERS / ORG / LOC / GROUP
    id: str | None = None  # gazetteer id when linked


@dataclass(slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    text: str | None = None


@dataclass(slots=True)
class Mention:
    """A named-entity mention (ANERcorp classes) linked to an actor when known."""

    text: str
    start: int
    end: int
    type: str  # PERS, ORG, LOC, MISC
    actor: Actor | None = None
    location: Location | None = None
    source: str = "ner"  # which component found it: ner, gazetteer, coref …


@dataclass(slots=True)
class DateExpr:
    text: str
    value: str | None  # ISO YYYY-MM-DD, YYYY-MM, YYYY or START/END
    start: int
    end: int
    category: str | None = None


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Quote:
    speaker: Mention | None
    text: str
    start: int
    end: int
    kind: str  # direct | indirect


@dataclass(slots=True)
class Event:
    type: str  # PLOVER type
    source: Mention | None
    target: Mention | None
    evidence: list[Span]
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_is_pub_date: bool = False  # True when the date fell back to the publication date
    location: Location | None = None
    modality: str = "asserted"
    speaker: Mention | None = None
    via: list[Mention] = field(default_factory=list)  # outlets that relayed the statement (وفق وكالة …)
    confidence: float = 0.5


@dataclass(slots=True)
class Story:
    id: str
    doc_ids: list[str] = field(default_factory=list)
    label_ar: str = ""
    label_en: str = ""
    first_date: str | None = None
    last_date: str | None = None


@dataclass(slots=True)
class Document:
    """One article. ``raw`` is the decoded input (plain text or HTML)."""

    id: str
    raw: str
    text: str = ""
    title: str | None = None
    pub_date: str | None = None  # ISO date
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    credited_source: str | None = None  # "المصدر: …" line: who the outlet credits
    source_path: str | None = None  # file (and member) the document was read from
    format: str = "text"  # text | html
    removed_lines: list[str] = field(default_factory=list)  # boilerplate dropped by the cleaner
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the cleaned body: the same article re-ingested is recognised."""
        body = self.text or self.raw
        return hashlib.sha256(body.encode("utf-8")).hexdigest()
