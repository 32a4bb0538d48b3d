"""Cross-document event merging: one canonical event per real-world event.

Fifty outlets reporting one meeting give fifty coded events.  Two coded
events are taken to be the same event when

* they have the same PLOVER type and the same modality class (asserted and
  reported count as one class: "X met Y" and "X met Y, the agency said");
* their dates are compatible: equal when both texts date the event exactly,
  otherwise within one day (a date that fell back to the publication date
  is not exact; a month-only date matches any day of that month);
* their places are compatible: either is unknown, or same name, or same
  country;
* and either their actors match or they are readings of one forum's meeting:

  - actors match when source matches source and target matches target:
    countries equal when both have one, names equal when both have one, and
    at least one of the two known on both sides (else the mention texts must
    agree);
  - a multilateral meeting is identified by its forum and its date.  An
    intergovernmental organisation (an IGO actor that is not a person) in a
    CONSULT event of mode multilateral or no mode is read as the *host* when
    it is the source with no target ("the OTS held an emergency meeting"),
    as the forum a *participant* attended when it is the target ("Turkey's
    minister took part in the OTS meeting"), and as a *counterpart* when it
    is the source with another target ("the NATO-Russia Council met
    Russia").  Two such events sharing the forum are one meeting unless both
    read it as a counterpart, for a forum meeting two different counterparts
    holds two sessions (the Security Council on Yemen, then on Libya).
    Phone calls, visits and mediation (the other CONSULT modes) name a
    particular encounter and never merge through a forum.

Events are grouped complete-link (an event joins a group only when it is
compatible with every member), so a chain of near matches cannot glue two
different events together.  A canonical event has the contract's event
fields plus, like GDELT's NumArticles / NumSources, ``num_articles`` and
``num_outlets`` counted over independent articles: a near-duplicate (see
:mod:`marsad.stories.dedup`) counts once, under the article it copies, and
its evidence is not listed again (``num_copies`` says how many there were).

The steps are public so that :mod:`marsad.spark.merge` runs the very same
merge on a cluster:

    MergeItem.of(doc, event, order, article)   one event with what merging reads
    block_key(item)                            coarse key: only events whose keys
    block_ids(keys)                              may match can merge; blocks are the
                                                 connected components of "may match"
    merge_block(items)                         canonical events of one block
    sort_merged(records)                       the order merge_events returns

``merge_events`` is these steps on one machine.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..model import Document, Event, Location, Mention
from ..text.normalize import normalize
from .dedup import day_number, find_duplicates, sorted_by_date

MODALITY_CLASS = {"asserted": "real", "reported": "real"}
DATE_SLACK_DAYS = 1
FORUM_TYPES = frozenset({"CONSULT"})
FORUM_MODES = frozenset({None, "multilateral"})
HOST, PARTICIPANT, COUNTERPART = "host", "participant", "counterpart"

Forum = tuple[str, str]  # (IGO code, canonical name)


@dataclass(slots=True)
class MergeItem:
    """One coded event with what merging reads of it and of its document."""

    event: Event
    doc_id: str
    pub_date: str | None
    outlet: str | None
    order: int  # the event's number over the whole collection, in publication order
    article: str  # id of the independent article it counts under (the root of copies)
    day: int | None = field(init=False)  # ordinal of the event day, exact or approximate
    month: str | None = field(init=False)  # YYYY-MM
    exact: bool = field(init=False)  # the text dates the event to this very day
    forums: dict[Forum, str] = field(init=False)  # forum -> HOST / PARTICIPANT / COUNTERPART

    def __post_init__(self) -> None:
        self.day, self.month, self.exact = _event_day(self.event, self.pub_date)
        self.forums = forum_roles(self.event)

    @classmethod
    def of(cls, doc: Document, event: Event, order: int, article: str | None = None) -> MergeItem:
        return cls(event, doc.id, doc.pub_date, doc.outlet, order, article or doc.id)


class BlockKey(NamedTuple):
    """What two events must share, or have close, to be compatible at all."""

    type: str
    modality: str  # modality class
    source: str  # actor country, "?" for an actor of unknown country, "-" for none
    target: str
    day: int | None
    month: str | None
    forums: tuple[str, ...]  # IGO codes of the forums it may be a meeting of


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
    items: list[MergeItem] = []
    for doc in docs:
        root = duplicates.get(doc.id) or doc.id
        for ev in doc.events:
            items.append(MergeItem.of(doc, ev, len(items), root))
    keyed = [(block_key(it), it) for it in items]
    blocks = block_ids(list({k for k, _ in keyed}))
    by_block: dict[int, list[MergeItem]] = defaultdict(list)
    for k, it in keyed:
        by_block[blocks[k]].append(it)
    return sort_merged([rec for block in by_block.values() for rec in merge_block(block, stories)])


def merge_block(items: Iterable[MergeItem], stories: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Canonical events of one block (or of any set of items that no compatible
    pair leaves), in no particular order."""
    return [_canonical(g, stories) for g in _groups(items)]


def sort_merged(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order merge_events returns canonical events in: most reported first."""
    return sorted(records, key=lambda e: (-e["num_articles"], -e["num_outlets"], e["first_reported"] or "", e["id"]))


def _groups(items: Iterable[MergeItem]) -> list[list[MergeItem]]:
    """Greedy complete-link grouping, items taken by day then publication order."""
    ordered = sorted(items, key=lambda it: (it.day if it.day is not None else -1, it.order))
    groups: list[list[MergeItem]] = []
    last_day: list[int | None] = []  # latest day in each group (None: has undated members)
    open_groups: dict[tuple[str, str], list[int]] = {}
    for it in ordered:
        candidates = open_groups.setdefault((it.event.type, _modality_class(it.event)), [])
        if it.day is not None:
            # Items come in day order: a group more than the slack behind
            # can take no later item.
            candidates[:] = [gi for gi in candidates if last_day[gi] is None or last_day[gi] >= it.day - DATE_SLACK_DAYS]
        best, best_score = None, -1
        for gi in candidates:
            group = groups[gi]
            if all(compatible(it, other) for other in group):
                score = _affinity(it, group[0])
                if score > best_score:
                    best, best_score = gi, score
        if best is None:
            candidates.append(len(groups))
            groups.append([it])
            last_day.append(it.day)
        else:
            groups[best].append(it)
            if it.day is None or last_day[best] is None:
                last_day[best] = None
            else:
                last_day[best] = max(last_day[best], it.day)
    return groups


# -- compatibility -----------------------------------------------------------
def _modality_class(ev: Event) -> str:
    return MODALITY_CLASS.get(ev.modality, ev.modality)


def _event_day(ev: Event, pub_date: str | None) -> tuple[int | None, str | None, bool]:
    value = ev.date or ""
    if len(value) >= 10:
        day = day_number(value)
        if day is not None:
            return day, value[:7], not ev.date_is_pub_date
    if len(value) == 7:
        return None, value, False
    return day_number(pub_date), (pub_date or "")[:7] or None, False


def compatible(a: MergeItem, b: MergeItem) -> bool:
    """Are two events of the same type and modality class one real-world event?"""
    if not (_dates_compatible(a, b) and _places_compatible(a.event.location, b.event.location)):
        return False
    if _actors_compatible(a.event.source, b.event.source) and _actors_compatible(a.event.target, b.event.target):
        return True
    return _one_forum_meeting(a.forums, b.forums)


def _dates_compatible(a: MergeItem, b: MergeItem) -> bool:
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


def _forum(m: Mention | None) -> Forum | None:
    """The organisation a mention names, when it is one that holds meetings."""
    actor = m.actor if m is not None else None
    if actor is None or actor.sector != "IGO" or actor.kind == "PERS" or not (actor.country and actor.name):
        return None
    return actor.country, actor.name


def forum_roles(ev: Event) -> dict[Forum, str]:
    """The forums whose meeting ``ev`` may be a reading of, with the role the
    forum plays in it (see the module notes); empty for most events."""
    if ev.type not in FORUM_TYPES or ev.mode not in FORUM_MODES:
        return {}
    source, target = _forum(ev.source), _forum(ev.target)
    roles = {}
    if target is not None:
        roles[target] = PARTICIPANT
    if source is not None:
        roles[source] = HOST if ev.target is None or source == target else COUNTERPART
    return roles


def _one_forum_meeting(a: dict[Forum, str], b: dict[Forum, str]) -> bool:
    for forum, role in a.items():
        other = b.get(forum)
        if other is not None and not (role == other == COUNTERPART):
            return True
    return False


def _affinity(a: MergeItem, b: MergeItem) -> int:
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


# -- blocks --------------------------------------------------------------------
def _country_class(m: Mention | None) -> str:
    if m is None:
        return "-"  # no actor: compatible only with no actor
    return m.actor.country if m.actor is not None and m.actor.country else "?"  # "?": any actor


def block_key(item: MergeItem) -> BlockKey:
    ev = item.event
    return BlockKey(ev.type, _modality_class(ev), _country_class(ev.source), _country_class(ev.target),
                    item.day, item.month, tuple(sorted({code for code, _ in item.forums})))


def _key_dates_may_match(a: BlockKey, b: BlockKey) -> bool:
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) <= DATE_SLACK_DAYS
    if a.month and b.month:
        return a.month == b.month
    return True


def _sides_may_match(a: str, b: str) -> bool:
    return a == b or (a == "?" and b != "-") or (b == "?" and a != "-")


def keys_may_match(a: BlockKey, b: BlockKey) -> bool:
    """Could an event with key ``a`` be compatible with one with key ``b``?"""
    if a[:2] != b[:2] or not _key_dates_may_match(a, b):
        return False
    return ((_sides_may_match(a.source, b.source) and _sides_may_match(a.target, b.target))
            or not set(a.forums).isdisjoint(b.forums))


def block_ids(keys: list[BlockKey]) -> dict[BlockKey, int]:
    """Key -> block number: the connected components of :func:`keys_may_match`
    over distinct keys, found without comparing every pair."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_kind: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_kind[k[:2]].append(i)
    for members in by_kind.values():
        # Actors that may match ...
        _link_near(members, keys, union, lambda k: (k.source, k.target), _partner_sides)
        # ... or a forum in common.
        by_forum: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for code in keys[i].forums:
                by_forum[code].append(i)
        for pool in by_forum.values():
            _link_near(pool, keys, union, lambda k: (), lambda cls, present: present)
    return {k: find(i) for i, k in enumerate(keys)}


SideClass = tuple[str, ...]


def _link_near(pool: list[int], keys: list[BlockKey], union: Callable[[int, int], None],
               side_class: Callable[[BlockKey], SideClass],
               partners: Callable[[SideClass, Mapping[SideClass, list[int]]], Iterable[SideClass]]) -> None:
    """Union the keys of ``pool`` whose dates may match and whose side classes
    ``partners`` pairs (it lists the classes present that may match one)."""
    by_day: dict[int, dict[SideClass, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_month: dict[str, list[int]] = defaultdict(list)
    no_month: list[int] = []
    undated: list[int] = []
    for i in pool:
        k = keys[i]
        if k.day is not None:
            by_day[k.day][side_class(k)].append(i)
        else:
            undated.append(i)
        (by_month[k.month] if k.month else no_month).append(i)
    # Dated keys: neighbours within the slack.
    for day, classes in by_day.items():
        near = [by_day[d] for d in range(day, day + DATE_SLACK_DAYS + 1) if d in by_day]
        for cls, here in classes.items():
            for j in here[1:]:
                union(here[0], j)
            for other in near:
                for partner in partners(cls, other):
                    union(here[0], other[partner][0])
    # Undated keys: a month-only one against its month and the keys with no
    # month; one with no month at all against every key of the pool.
    for i in undated:
        k = keys[i]
        for j in by_month[k.month] + no_month if k.month else pool:
            if j != i and _key_dates_may_match(k, keys[j]) and \
                    any(True for _ in partners(side_class(k), {side_class(keys[j]): []})):
                union(i, j)


def _partner_sides(sides: SideClass, present: Mapping[SideClass, list[int]]) -> Iterator[SideClass]:
    """The (source, target) classes in ``present`` that may match ``sides``."""
    src, tgt = sides
    if "?" in (src, tgt):
        yield from (pair for pair in present if _sides_may_match(src, pair[0]) and _sides_may_match(tgt, pair[1]))
        return
    for pair in ((s, t) for s in (src, "?") if s != "?" or src != "-" for t in (tgt, "?") if t != "?" or tgt != "-"):
        if pair in present:
            yield pair


# -- the canonical event -----------------------------------------------------
def canonical_id(item: MergeItem) -> str:
    """The id of the canonical event whose first independent report is ``item``."""
    # surrogatepass: an id read from JSON may hold a lone surrogate
    key = f"{item.event.type}|{item.doc_id}|{item.order}".encode("utf-8", "surrogatepass")
    return "ev-" + hashlib.sha1(key).hexdigest()[:12]


def _canonical(group: list[MergeItem], stories: Mapping[str, str] | None) -> dict[str, Any]:
    # One representative document per independent article: the original
    # itself when it reported the event, else its earliest copy that did.
    representative: dict[str, MergeItem] = {}
    for it in group:
        current = representative.get(it.article)
        if current is None or (it.doc_id == it.article and current.doc_id != it.article):
            representative[it.article] = it
    chosen_docs = {it.doc_id for it in representative.values()}
    independent = [it for it in group if it.doc_id in chosen_docs]
    copies = sorted({it.doc_id for it in group if it.doc_id not in chosen_docs})

    evidence = []
    for it in independent:
        for span in it.event.evidence:
            evidence.append({"doc_id": it.doc_id, "start": span.start, "end": span.end, "text": span.text})
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
    outlets = sorted({it.outlet for it in independent if it.outlet})
    pub_dates = sorted(it.pub_date[:10] for it in group if it.pub_date)
    source = _best_mention([(it.doc_id, it.event.source) for it in independent])
    # The target read together with that source: a meeting merged through its
    # forum has participant and host readings, and mixing them would give
    # the forum as both source and target.
    target = _best_mention([(it.doc_id, it.event.target) for it in independent
                            if _actors_compatible(it.event.source, source[1] if source else None)])
    out: dict[str, Any] = {
        "id": canonical_id(first),
        "type": first.event.type,
        "mode": modes.most_common(1)[0][0] if modes else None,
        "source": _actor_record(source),
        "target": _actor_record(target),
        "date": event_date,
        "date_text": date_text,
        "location": _best_location([ev.location for ev in events]),
        "modality": modality,
        "speaker": _actor_record(_best_mention([(it.doc_id, it.event.speaker) for it in independent])),
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
        out["stories"] = sorted({stories[it.doc_id] for it in group if it.doc_id in stories})
    return out


def _best_mention(mentions: list[tuple[str, Mention | None]]) -> tuple[str, Mention] | None:
    """The most often seen reading of an actor, preferring named ones."""
    present = [(doc_id, m) for doc_id, m in mentions if m is not None]
    if not present:
        return None
    counts = Counter(_actor_fields(m) for _, m in present)

    def rank(i: int) -> tuple[int, int, int]:
        country, name = _actor_fields(present[i][1])
        return (name is not None) + (country is not None), counts[(country, name)], -i

    return present[max(range(len(present)), key=rank)]


def _actor_record(chosen: tuple[str, Mention] | None) -> dict[str, Any] | None:
    if chosen is None:
        return None
    doc_id, m = chosen
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
