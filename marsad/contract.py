"""Documents as the JSON objects of the evaluation contract (../shared/eval/CONTRACT.md).

This is the one place that turns the data model into the contract's actor,
entity, date, quote and event objects; ``marsad code``, the store and the
exports all use it so the shapes cannot drift apart.
"""
from __future__ import annotations

from typing import Any

from .model import Actor, DateExpr, Document, Event, Location, Mention, Quote, Span


def actor_obj(m: Mention | None) -> dict[str, Any] | None:
    """The contract's actor object. A country or capital acting stands for
    its state: name null, sector GOV (the linker sets the sector). An actor
    that is not in the text (the outlet an article credits) has null offsets."""
    if m is None:
        return None
    a = m.actor
    outside = m.start < 0
    return {
        "text": m.text,
        "name": a.name if a and a.kind != "LOC" else None,
        "country": a.country if a else None,
        "sector": a.sector if a else None,
        "start": None if outside else m.start,
        "end": None if outside else m.end,
    }


def location_obj(loc: Location | None, with_text: bool = False) -> dict[str, Any] | None:
    if loc is None:
        return None
    out: dict[str, Any] = {}
    if with_text:
        out["text"] = loc.text
    out.update(name=loc.name, country=loc.country, lat=loc.lat, lon=loc.lon)
    if loc.geonameid is not None:
        out["geonameid"] = loc.geonameid
    return out


def entity_obj(m: Mention) -> dict[str, Any]:
    """The contract's entity object: the actor object (keeping a place's
    own name) plus the mention type and, for places, the location."""
    obj = actor_obj(m)
    assert obj is not None
    obj["name"] = m.actor.name if m.actor else None
    obj["type"] = m.type
    obj["location"] = location_obj(m.location) if m.type == "LOC" else None
    return obj


# Mentions found by these components are named entities; role phrases
# ("وزير الخارجية التركي"), bare titles, groups and lone adjectives are actors
# that events may use, but not entities of the ANERcorp classes.
NAMED_SOURCES = frozenset({"ner", "gazetteer", "coref", "geo"})


def is_named(m: Mention) -> bool:
    return m.source in NAMED_SOURCES


def date_obj(d: DateExpr) -> dict[str, Any]:
    return {"text": d.text, "value": d.value, "start": d.start, "end": d.end}


def quote_obj(q: Quote) -> dict[str, Any]:
    return {"speaker": actor_obj(q.speaker), "text": q.text, "start": q.start, "end": q.end, "kind": q.kind}


def event_obj(e: Event) -> dict[str, Any]:
    spans = [{"start": s.start, "end": s.end, "text": s.text} for s in e.evidence]
    return {
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "source": actor_obj(e.source),
        "target": actor_obj(e.target),
        "date": e.date,
        "date_text": e.date_text,
        "date_is_pub_date": e.date_is_pub_date,
        "location": location_obj(e.location, with_text=True),
        "modality": e.modality,
        "speaker": actor_obj(e.speaker),
        "via": [actor_obj(m) for m in e.via],
        "evidence": spans[0] if spans else None,
        "evidences": spans,
        "confidence": round(e.confidence, 3),
    }


def document_obj(doc: Document) -> dict[str, Any]:
    """The contract's output line for one document."""
    return {
        "id": doc.id,
        "text": doc.text,
        "entities": [entity_obj(m) for m in doc.mentions if is_named(m)],
        "dates": [date_obj(d) for d in doc.dates],
        "events": [event_obj(e) for e in doc.events],
        "quotes": [quote_obj(q) for q in doc.quotes],
    }


def metadata_obj(doc: Document) -> dict[str, Any]:
    """Article metadata kept beside the contract layers in stores and exports."""
    return {
        "title": doc.title,
        "pub_date": doc.pub_date,
        "url": doc.url,
        "outlet": doc.outlet,
        "author": doc.author,
        "credited_source": doc.credited_source,
        "source_path": doc.source_path,
        "removed_lines": doc.removed_lines,
        "focus_country": doc.meta.get("focus_country"),
    }


# -- back from JSON ----------------------------------------------------------------
# Stores keep each document as its contract object; cross-document work
# (stories, merged events) needs Documents again.

def _mention_from(obj: dict[str, Any] | None, default_type: str = "ORG") -> Mention | None:
    if obj is None:
        return None
    actor = None
    if obj.get("name") or obj.get("country") or obj.get("sector"):
        actor = Actor(obj.get("name"), obj.get("country"), obj.get("sector"), obj.get("type"))
    start = obj["start"] if obj.get("start") is not None else -1
    end = obj["end"] if obj.get("end") is not None else -1
    return Mention(obj["text"], start, end, obj.get("type") or default_type, actor,
                   _location_from(obj.get("location")))


def _location_from(obj: dict[str, Any] | None) -> Location | None:
    if not obj:
        return None
    return Location(obj.get("name") or "", obj.get("country"), obj.get("lat"), obj.get("lon"),
                    obj.get("geonameid"), obj.get("text"))


def document_from_obj(obj: dict[str, Any]) -> Document:
    """The inverse of :func:`document_obj` (+ ``meta`` as stores keep it)."""
    meta = obj.get("meta") or {}
    doc = Document(id=obj["id"], raw=obj["text"], text=obj["text"], title=meta.get("title"),
                   pub_date=meta.get("pub_date"), url=meta.get("url"), outlet=meta.get("outlet"),
                   author=meta.get("author"), credited_source=meta.get("credited_source"),
                   source_path=meta.get("source_path"))
    doc.mentions = [m for m in (_mention_from(e) for e in obj.get("entities", [])) if m]
    doc.dates = [DateExpr(d["text"], d["value"], d["start"], d["end"]) for d in obj.get("dates", [])]
    doc.quotes = [Quote(_mention_from(q["speaker"]), q["text"], q["start"], q["end"], q["kind"])
                  for q in obj.get("quotes", [])]
    for e in obj.get("events", []):
        spans = e.get("evidences") or ([e["evidence"]] if e.get("evidence") else [])
        doc.events.append(Event(
            type=e["type"], source=_mention_from(e.get("source")), target=_mention_from(e.get("target")),
            evidence=[Span(s["start"], s["end"], s["text"]) for s in spans], mode=e.get("mode"),
            cameo=e.get("cameo"), date=e.get("date"), date_text=e.get("date_text"),
            date_is_pub_date=bool(e.get("date_is_pub_date")), location=_location_from(e.get("location")),
            modality=e.get("modality") or "asserted", speaker=_mention_from(e.get("speaker")),
            via=[m for m in (_mention_from(v) for v in e.get("via") or []) if m],
            confidence=e.get("confidence") or 0.0))
    if meta.get("focus_country"):
        doc.meta["focus_country"] = meta["focus_country"]
    return doc
