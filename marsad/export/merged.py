"""The cross-document level of an export: merged events and stories.

The store keeps article-level events and the story each article belongs to,
but not the merged events: they are computed here, at export time, with
:func:`marsad.stories.merge_events`, using the store's own story and
near-duplicate links so that the ``story_id`` of a merged event is one of
the ids in the stories table.  When the store's stories are missing or stale
(an article without a story, a story id that is not stored) the whole store
is clustered again in memory; the store itself is not changed.

Both tables are lists of flat dicts; list-valued fields (``doc_ids``,
``evidence``) stay lists, and the CSV writer turns them into text.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..contract import document_from_obj
from ..events.ontology import MODE_CAMEO, QUAD, cameo_root
from ..model import Document, Event
from ..store.base import Store
from ..stories import cluster_documents, merge_events
from ..stories.dedup import day_number

TOP_ACTORS = 5
STORY_LIMIT = 10**9  # Store.stories takes a limit; an export wants them all


@dataclass(slots=True)
class CrossDocument:
    """Everything both export levels need, read from the store once."""

    docs: dict[str, Document]
    story_of: dict[str, str]  # document id -> story id
    duplicates: dict[str, str | None]  # document id -> id of the article it copies
    stories: list[dict[str, Any]]  # id, label_ar, label_en, first_date, last_date (store order)
    merged: list[dict[str, Any]]  # merge_events output, most reported first
    from_store: bool  # False: stories were re-computed because the stored ones were missing or stale


def cross_document(store: Store) -> CrossDocument:
    docs: dict[str, Document] = {}
    story_of: dict[str, str] = {}
    duplicates: dict[str, str | None] = {}
    for obj in store.iter_layers():
        doc = document_from_obj(obj)
        docs[doc.id] = doc
        meta = obj.get("meta") or {}
        if meta.get("story"):
            story_of[doc.id] = meta["story"]
        duplicates[doc.id] = meta.get("duplicate_of")
    stories = [{k: s.get(k) for k in ("id", "label_ar", "label_en", "first_date", "last_date")}
               for s in store.stories(STORY_LIMIT)]
    stored_ids = {s["id"] for s in stories}
    from_store = len(story_of) == len(docs) and set(story_of.values()) <= stored_ids
    if not from_store:
        clusterer = cluster_documents(list(docs.values()))
        story_of, duplicates = dict(clusterer.story_of), dict(clusterer.duplicate_of)
        stories = [{"id": s.id, "label_ar": s.label_ar, "label_en": s.label_en, "first_date": s.first_date,
                    "last_date": s.last_date} for s in clusterer.stories()]
        size = Counter(story_of.values())
        stories.sort(key=lambda s: -size[s["id"]])
    merged = merge_events(docs.values(), duplicates=duplicates, stories=story_of)
    return CrossDocument(docs, story_of, duplicates, stories, merged, from_store)


# -- merged events ---------------------------------------------------------------
def merged_rows(view: CrossDocument) -> list[dict[str, Any]]:
    """One flat row per canonical cross-document event, most reported first."""
    index = _evidence_index(view.docs.values())
    return [_merged_row(m, view, index) for m in view.merged]


_EvidenceKey = tuple[str, int, int, str]  # doc id, start, end, PLOVER type


def _evidence_index(docs: Iterable[Document]) -> dict[_EvidenceKey, list[Event]]:
    """Article-level events by evidence span: merge_events lists the spans of
    the events it gathered, and the spans lead back to those events (for
    their CAMEO codes and date certainty, which the merged record omits)."""
    index: dict[_EvidenceKey, list[Event]] = defaultdict(list)
    for doc in docs:
        for ev in doc.events:
            for span in ev.evidence:
                index[(doc.id, span.start, span.end, ev.type)].append(ev)
    return index


def _merged_row(m: dict[str, Any], view: CrossDocument, index: dict[_EvidenceKey, list[Event]]) -> dict[str, Any]:
    gathered: dict[int, Event] = {}
    for span in m["evidence"]:
        for ev in index.get((span["doc_id"], span["start"], span["end"], m["type"]), []):
            gathered[id(ev)] = ev
    events = list(gathered.values())
    cameos = Counter(ev.cameo for ev in events if ev.cameo)
    cameo = cameos.most_common(1)[0][0] if cameos else MODE_CAMEO.get((m["type"], m["mode"]))
    date = m["date"]
    exact = bool(date and len(date) == 10
                 and any(ev.date == date and not ev.date_is_pub_date for ev in events))
    # the story holding most of the event's articles names it
    stories = Counter(view.story_of[d] for d in m["doc_ids"] if d in view.story_of)
    story_id = min(stories, key=lambda s: (-stories[s], s)) if stories else None
    first_doc = min((view.docs[d] for d in m["doc_ids"]),
                    key=lambda d: (day_number(d.pub_date) or 10**7, d.id))
    src, tgt, loc = m["source"] or {}, m["target"] or {}, m["location"] or {}
    return {
        "id": m["id"], "type": m["type"], "mode": m["mode"], "cameo": cameo, "cameo_root": cameo_root(cameo),
        "quad_class": QUAD.get(m["type"]), "modality": m["modality"],
        "date": date, "date_exact": exact, "date_text": m["date_text"],
        **_actor("source", src), **_actor("target", tgt),
        "location_name": loc.get("name") or loc.get("text"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "num_articles": m["num_articles"], "num_sources": m["num_outlets"],
        # each coded event in an independent article, and each copy once
        "num_mentions": max(len(events), m["num_articles"]) + m["num_copies"],
        "num_copies": m["num_copies"], "outlets": m["outlets"],
        "first_reported": m["first_reported"], "last_reported": m["last_reported"],
        "confidence": m["confidence"], "story_id": story_id, "story_ids": m.get("stories", []),
        "source_url": first_doc.url, "doc_ids": m["doc_ids"], "copy_doc_ids": m["copy_doc_ids"],
        "evidence": m["evidence"],
    }


def _actor(role: str, a: dict[str, Any]) -> dict[str, Any]:
    return {f"{role}_text": a.get("text"), f"{role}_name": a.get("name"), f"{role}_country": a.get("country"),
            f"{role}_sector": a.get("sector")}


# -- stories ---------------------------------------------------------------------
def story_rows(view: CrossDocument, merged: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One row per story, in the store's order (largest first)."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, story in view.story_of.items():
        members[story].append(doc_id)
    events_in = Counter(row["story_id"] for row in (merged if merged is not None else merged_rows(view)))
    out = []
    for s in view.stories:
        doc_ids = sorted(members.get(s["id"], []),
                         key=lambda d: (view.docs[d].pub_date or "", d))
        story_docs = [view.docs[d] for d in doc_ids]
        out.append({
            **s,
            "num_articles": len(doc_ids),
            "num_independent": sum(1 for d in doc_ids if not view.duplicates.get(d)),
            "num_sources": len({d.outlet for d in story_docs if d.outlet}),
            "num_events": events_in.get(s["id"], 0),
            "top_actors": top_actors(story_docs),
            "doc_ids": doc_ids,
        })
    return out


def top_actors(docs: list[Document], n: int = TOP_ACTORS) -> list[str]:
    """Named actors that most articles of a story mention, as "Name (CODE)".
    A place counts only when the article makes it an actor (a sector: "Ankara"
    for the Turkish government), not where it is just a place."""
    articles: Counter = Counter()
    mentions: Counter = Counter()
    for doc in docs:
        seen = set()
        for m in doc.mentions:
            a = m.actor
            if a is not None and a.name and a.sector:
                key = f"{a.name} ({a.country})" if a.country and a.country != a.name else a.name
                mentions[key] += 1
                seen.add(key)
        articles.update(seen)
    return sorted(articles, key=lambda k: (-articles[k], -mentions[k], k))[:n]


# -- what the flat layouts (GDELT, ACLED) read from a merged row ---------------------
def event_day(row: dict[str, Any]) -> tuple[str | None, int]:
    """(YYYY-MM-DD, precision) of a merged row: 1 the articles date the event to
    that day; 2 no day is known and the first article's publication day stands
    in; 3 only the month is known (the publication day when it falls in that
    month, else the month's first day)."""
    value, first = row["date"] or "", row["first_reported"]
    if len(value) == 10 and day_number(value) is not None:
        return value, 1 if row["date_exact"] else 2
    if len(value) == 7:
        return (first if first and first.startswith(value) else value + "-01"), 3
    return (first if day_number(first) is not None else None), 2


def numeric_id(event_id: str) -> int:
    """A whole number for a merged event id ("ev-" + 12 hex digits, 48 bits)."""
    digits = event_id.rsplit("-", 1)[-1]
    try:
        return int(digits, 16)
    except ValueError:
        return int(hashlib.sha1(event_id.encode()).hexdigest()[:12], 16)
