"""Dashboard summaries of a set of event rows: timeline, actor network, places.

They work on the rows ``Store.events`` returns, so every backend gets them;
the API feeds them the newest matching events up to a cap and says when the
cap cut the set short.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

DAY_BUCKETS_UP_TO = 92  # a span longer than this (in days) is shown by month


def timeline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Event counts by type per day (short spans) or per month, gaps filled with zeros."""
    dated = [r for r in rows if r.get("date")]
    days = [r["date"][:10] for r in dated if len(r["date"]) >= 10]
    by_day = bool(days) and len(days) == len(dated) and _span_days(min(days), max(days)) <= DAY_BUCKETS_UP_TO
    width = 10 if by_day else 7
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in dated:
        if len(r["date"]) >= width:
            counts[r["date"][:width]][r["type"]] += 1
    buckets = _fill(sorted(counts), by_day)
    types = sorted({t for c in counts.values() for t in c}, key=lambda t: -sum(c[t] for c in counts.values()))
    return {
        "bucket": "day" if by_day else "month",
        "buckets": buckets,
        "series": {t: [counts[b][t] for b in buckets] for t in types},
        "undated": len(rows) - len(dated),
        "imprecise": sum(1 for r in dated if len(r["date"]) < width),  # e.g. year-only dates
    }


def _span_days(first: str, last: str) -> int:
    try:
        return (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return DAY_BUCKETS_UP_TO + 1


def _fill(keys: list[str], by_day: bool) -> list[str]:
    if not keys:
        return []
    try:
        if by_day:
            first, last = date.fromisoformat(keys[0]), date.fromisoformat(keys[-1])
            return [(first + timedelta(d)).isoformat() for d in range((last - first).days + 1)]
        (y, m), (y2, m2) = (map(int, keys[0].split("-")), map(int, keys[-1].split("-")))
        out = []
        while (y, m) <= (y2, m2):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    except ValueError:  # malformed dates in the store: show what is there
        return keys


def _actor(row: dict[str, Any], side: str) -> tuple[str, dict[str, Any], str | None] | None:
    """(key, codes, surface words) of the source or target of an event row."""
    name, country, sector = row.get(f"{side}_name"), row.get(f"{side}_country"), row.get(f"{side}_sector")
    text = row.get(f"{side}_text")
    if name or country or sector:
        return f"{country or ''}|{sector or ''}|{name or ''}", {"name": name, "country": country, "sector": sector}, text
    if text:
        return "text:" + text, {"name": None, "country": None, "sector": None}, text
    return None


def network(rows: list[dict[str, Any]], max_nodes: int = 40, max_edges: int = 150) -> dict[str, Any]:
    """Who acts on whom: actors as nodes, source→target links weighted by event count.

    An actor without a canonical name is labelled by the words the articles
    use for it most often ("المعارضة الكازاخية")."""
    nodes: dict[str, dict[str, Any]] = {}
    words: dict[str, Counter[str]] = defaultdict(Counter)
    weight: Counter[str] = Counter()
    edges: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in rows:
        src, tgt = _actor(r, "source"), _actor(r, "target")
        for a in (src, tgt):
            if a:
                nodes.setdefault(a[0], a[1])
                weight[a[0]] += 1
                if a[2]:
                    words[a[0]][a[2]] += 1
        if src and tgt and src[0] != tgt[0]:
            edges[(src[0], tgt[0])][r["type"]] += 1
    top = [k for k, _ in weight.most_common(max_nodes)]
    keep = set(top)
    links = [{"source": s, "target": t, "weight": sum(c.values()), "types": dict(c.most_common())}
             for (s, t), c in edges.items() if s in keep and t in keep]
    links.sort(key=lambda e: -e["weight"])
    return {
        "nodes": [{"id": k, **nodes[k], "text": words[k].most_common(1)[0][0] if words[k] else None,
                   "weight": weight[k]} for k in top],
        "edges": links[:max_edges],
    }


def places(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Events per located place (for points) and per location country (for shading)."""
    points: dict[tuple[Any, ...], Counter[str]] = defaultdict(Counter)
    countries: Counter[str] = Counter()
    for r in rows:
        if r.get("location_country"):
            countries[r["location_country"]] += 1
        if r.get("lat") is not None and r.get("lon") is not None:
            key = (round(r["lat"], 2), round(r["lon"], 2), r.get("location_name"), r.get("location_country"))
            points[key][r["type"]] += 1
    return {
        "points": sorted(({"lat": k[0], "lon": k[1], "name": k[2], "country": k[3], "count": sum(c.values()),
                           "types": dict(c.most_common())} for k, c in points.items()), key=lambda p: -p["count"]),
        "countries": dict(countries.most_common()),
    }


def summary(rows: list[dict[str, Any]], complete: bool) -> dict[str, Any]:
    return {"events_used": len(rows), "complete": complete, "timeline": timeline(rows),
            "network": network(rows), "places": places(rows)}
