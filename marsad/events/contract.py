"""Events and quotes as the evaluation contract's JSON objects (CONTRACT.md)."""
from __future__ import annotations

from typing import Any

from ..model import Event, Location, Mention, Quote


def actor_to_json(m: Mention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    a = m.actor
    return {"text": m.text, "name": a.name if a else None, "country": a.country if a else None,
            "sector": a.sector if a else None, "start": m.start, "end": m.end}


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    out: dict[str, Any] = {"text": loc.text, "name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}
    if loc.geonameid is not None:
        out["geonameid"] = loc.geonameid
    return out


def event_to_contract(e: Event) -> dict[str, Any]:
    spans = [{"start": s.start, "end": s.end, "text": s.text} for s in e.evidence]
    out: dict[str, Any] = {
        "type": e.type, "mode": e.mode, "cameo": e.cameo,
        "source": actor_to_json(e.source), "target": actor_to_json(e.target),
        "date": e.date, "date_text": e.date_text, "date_is_pub_date": e.date_is_pub_date,
        "location": _location(e.location), "modality": e.modality, "speaker": actor_to_json(e.speaker),
        "evidence": spans[0] if spans else None, "confidence": round(e.confidence, 3),
    }
    if len(spans) > 1:
        out["evidences"] = spans
    via = getattr(e, "via", None)
    if via:
        out["via"] = [actor_to_json(m) for m in via]
    return out


def quote_to_contract(q: Quote) -> dict[str, Any]:
    return {"speaker": actor_to_json(q.speaker), "text": q.text, "start": q.start, "end": q.end, "kind": q.kind}
