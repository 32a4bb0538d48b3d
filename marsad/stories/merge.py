"""Cross-document event merging: one canonical event per real-world event.

Fifty outlets reporting one meeting give fifty coded events.  Two coded
events are taken to be the same event when

* they have the same PLOVER type and the same modality class (asserted and
  reported count as one class: "X met Y" and "X met Y, the agency said");
* their source actors match and their target actors match: countries equal
  when both have one, names equal when both have one, and at least one of
  the two known on both sides (else the mention texts must agree);
* their dates are compatible: equal when both texts date the event exactly,
  otherwise within one day (a date that fell back to the publication date
  is not exact; a month-only date matches any day of that month);
* their places are compatible: either is unknown, or same name, or same
  country.

Events are grouped complete-link (an event joins a group only when it is
compatible with every member), so a chain of near matches cannot glue two
different events together.  A canonical event has the contract's event
fields plus, like GDELT's NumArticles / NumSources, ``num_articles`` and
``num_outlets`` counted over independent articles: a near-duplicate (see
:mod:`marsad.stories.dedup`) counts once, under the article it copies, and
its evidence is not listed again (``num_copies`` says how many there were).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Document, Event, Location, Mention
from ..text.normalize import normalize
from .dedup import day_number, find_duplicates, sorted_by_date

MODALITY_CLASS = {"asserted": "real", "reported": "real"}
DATE_SLACK_DAYS = 1


@dataclass(slots=True)
class _Item:
    doc: Document
    event: Event
    order: int
    day: int | None  # ordinal of the event day, exact or approximate
    month: str | None  # YYYY-MM
    exact: bool  # the text dates the event to this very day
    article: str  # id of the independent article (root of copies)


def merge_events(docs: Iterable[Document], duplicates: Mapping[str, str | None] | None = None,
                 stories: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Merge the events of ``docs`` into canonical events, most reported first.

    ``duplicates`` (id -> id copied or None) is computed with
    :func:`find_duplicates` when not given; ``stories`` (id -> story id), when
    given, adds the story ids each canonical event was reported in.
    """
    docs = sorted_by_date(list(docs))
    if duplicates is None:
        duplicates = find_duplicates(docs)
    items: list[_Item] = []
    for doc in docs:
        root = duplicates.get(doc.id) or doc.id
        for ev in doc.events:
            day, month, exact = _event_day(ev, doc)
            items.append(_Item(doc, ev, len(items), day, month, exact, root))
    items.sort(key=lambda it: (it.day if it.day is not None else -1, it.order))

    groups: list[list[_Item]] = []
    last_day: list[int | None] = []  # latest day in each group (None: has undated members)
    open_groups: dict[tuple[str, str], list[int]] = {}
    for it in items:
        key = (it.event.type, MODALITY_CLASS.get(it.event.modality, it.event.modality))
        candidates = open_groups.get(key, [])
        if it.day is not None:
            # Items come in day order: a group more than the slack behind
            # can take no later item.
            candidates[:] = [gi for gi in candidates if last_day[gi] is None or last_day[gi] >= it.day - DATE_SLACK_DAYS]
        best, best_score = None, -1
        for gi in candidates:
            group = groups[gi]
            if all(_compatible(it, other) for other in group):
                score = _affinity(it, group[0])
                if score > best_score:
                    best, best_score = gi, score
        if best is None:
            open_groups.setdefault(key, []).append(len(groups))
            groups.append([it])
            last_day.append(it.day)
        else:
            groups[best].append(it)
            if it.day is None or last_day[best] is None:
                last_day[best] = None
            else:
                last_day[best] = max(last_day[best], it.day)
    merged = [_canonical(g, stories) for g in groups]
    merged.sort(key=lambda e: (-e["num_articles"], -e["num_outlets"], e["first_reported"] or "", e["id"]))
    return merged


# -- compatibility -----------------------------------------------------------
def _event_day(ev: Event, doc: Document) -> tuple[int | None, str | None, bool]:
    value = ev.date or ""
    if len(value) >= 10:
        day = day_number(value)
        if day is not None:
            return day, value[:7], not ev.date_is_pub_date
    if len(value) == 7:
        return None, value, False
    day = day_number(doc.pub_date)
    return day, (doc.pub_date or "")[:7] or None, False


def _dates_compatible(a: _Item, b: _Item) -> bool:
    if a.day is not None and b.day is not None:
        if a.exact and b.exact:
            return a.day == b.day
        return abs(a.day - b.day) <= DATE_SLACK_DAYS
    if a.month and b.month:
        return a.month == b.month
    return True


def _actor_fields(m: Mention | None) -> tuple[str | None, str | None]:
    if m is None or m.actor is None:
        return None, None
    return m.actor.country, m.actor.name


def _actors_compatible(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    (ca, na), (cb, nb) = _actor_fields(a), _actor_fields(b)
    if ca and cb and ca != cb:
        return False
    if na and nb and na != nb:
        return False
    if (ca and cb) or (na and nb):
        return True
    return normalize(a.text) == normalize(b.text)


def _places_compatible(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return True
    if a.country and b.country:
        return a.country == b.country
    return False


def _compatible(a: _Item, b: _Item) -> bool:
    return (_dates_compatible(a, b)
            and _actors_compatible(a.event.source, b.event.source)
            and _actors_compatible(a.event.target, b.event.target)
            and _places_compatible(a.event.location, b.event.location))


def _affinity(a: _Item, b: _Item) -> int:
    """How much two compatible events have in common (picks among groups)."""
    score = 0
    for x, y in ((a.event.source, b.event.source), (a.event.target, b.event.target)):
        (cx, nx), (cy, ny) = _actor_fields(x), _actor_fields(y)
        score += 2 * bool(nx and nx == ny) + bool(cx and cx == cy)
    if a.day is not None and a.day == b.day:
        score += 1
    la, lb = a.event.location, b.event.location
    if la is not None and lb is not None and la.name == lb.name:
        score += 1
    return score


# -- the canonical event -----------------------------------------------------
def _canonical(group: list[_Item], stories: Mapping[str, str] | None) -> dict[str, Any]:
    # One representative document per independent article: the original
    # itself when it reported the event, else its earliest copy that did.
    representative: dict[str, _Item] = {}
    for it in group:
        current = representative.get(it.article)
        if current is None or (it.doc.id == it.article and current.doc.id != it.article):
            representative[it.article] = it
    chosen_docs = {it.doc.id for it in representative.values()}
    independent = [it for it in group if it.doc.id in chosen_docs]
    copies = sorted({it.doc.id for it in group if it.doc.id not in chosen_docs})

    evidence = []
    for it in independent:
        for span in it.event.evidence:
            evidence.append({"doc_id": it.doc.id, "start": span.start, "end": span.end, "text": span.text})
    first = independent[0]
    events = [it.event for it in independent]
    exact_days = Counter(it.event.date for it in independent if it.exact and it.event.date)
    if exact_days:
        event_date = exact_days.most_common(1)[0][0]
    else:
        dated = Counter(it.event.date for it in independent if it.event.date)
        event_date = dated.most_common(1)[0][0] if dated else None
    date_text = next((it.event.date_text for it in independent if it.event.date == event_date and it.event.date_text), None)
    modalities = Counter(ev.modality for ev in events)
    modality = "asserted" if modalities.get("asserted") else modalities.most_common(1)[0][0]
    modes = Counter(ev.mode for ev in events if ev.mode)
    outlets = sorted({it.doc.outlet for it in independent if it.doc.outlet})
    pub_dates = sorted(it.doc.pub_date[:10] for it in group if it.doc.pub_date)
    out: dict[str, Any] = {
        "id": "ev-" + hashlib.sha1(f"{first.event.type}|{first.doc.id}|{first.order}".encode()).hexdigest()[:12],
        "type": first.event.type,
        "mode": modes.most_common(1)[0][0] if modes else None,
        "source": _best_actor([(it.doc.id, it.event.source) for it in independent]),
        "target": _best_actor([(it.doc.id, it.event.target) for it in independent]),
        "date": event_date,
        "date_text": date_text,
        "location": _best_location([ev.location for ev in events]),
        "modality": modality,
        "speaker": _best_actor([(it.doc.id, it.event.speaker) for it in independent]),
        "confidence": max(ev.confidence for ev in events),
        "num_articles": len({it.article for it in independent}),
        "num_outlets": len(outlets),
        "num_copies": len(copies),
        "outlets": outlets,
        "doc_ids": sorted(chosen_docs),
        "copy_doc_ids": copies,
        "first_reported": pub_dates[0] if pub_dates else None,
        "last_reported": pub_dates[-1] if pub_dates else None,
        "evidence": evidence,
    }
    if stories is not None:
        out["stories"] = sorted({stories[it.doc.id] for it in group if it.doc.id in stories})
    return out


def _best_actor(mentions: list[tuple[str, Mention | None]]) -> dict[str, Any] | None:
    """The most often seen reading of an actor, preferring named ones."""
    present = [(doc_id, m) for doc_id, m in mentions if m is not None]
    if not present:
        return None
    counts = Counter(_actor_fields(m) for _, m in present)

    def rank(entry: tuple[str, Mention]) -> tuple[int, int, int]:
        country, name = _actor_fields(entry[1])
        return (name is not None) + (country is not None), counts[(country, name)], -present.index(entry)

    doc_id, m = max(present, key=rank)
    actor = m.actor
    return {"text": m.text, "name": actor.name if actor else None, "country": actor.country if actor else None,
            "sector": actor.sector if actor else None, "start": m.start, "end": m.end, "doc_id": doc_id}


def _best_location(locations: list[Location | None]) -> dict[str, Any] | None:
    present = [loc for loc in locations if loc is not None]
    if not present:
        return None
    counts = Counter((loc.name, loc.country) for loc in present)
    loc = max(present, key=lambda x: (counts[(x.name, x.country)], x.lat is not None, -present.index(x)))
    return {"text": loc.text, "name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}
