"""Cross-document event merging on Spark, equal to :func:`marsad.stories.merge_events`.

``merge_events`` groups events greedily, complete-link: an event joins a
group only when it is compatible with every member, and it can only be
compatible with events of its own type and modality class whose actors'
countries agree (or are unknown) and whose dates are within a day (or share
a month, or are unknown).  So the events are first cut into *blocks* that no
compatible pair crosses: each event gets a key (type, modality class,
source and target country class, day, month); the driver links the distinct
keys that could hold compatible events (neighbouring days, same month,
matching or unknown countries) and takes connected components.  Each block
is then merged on an executor by ``merge_events`` itself, with the events in
their global order, and gives exactly the groups the single-machine run
gives for those events.

Two things need the whole collection and are computed first:

* the global order: ``merge_events`` takes documents in publication order
  (``sorted_by_date``: an undated one takes the date of the dated one before
  it in the input) and numbers events in that order; two Spark sorts and a
  scan over partitions give each document its place and its first event's
  number;
* near-duplicates: the documents' shingles (computed on the executors)
  stream to the driver in publication order, one partition at a time, into
  the same :class:`marsad.stories.dedup.DuplicateIndex` ``find_duplicates``
  uses; this pass is the one serial step of the job.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate, groupby
from typing import Any, NamedTuple

from ..model import Document, Event, Mention
from ..stories import merge_events
from ..stories.dedup import DuplicateIndex
from ..stories.features import TokenAnalyser, document_body, text_features
from ..stories.merge import DATE_SLACK_DAYS, MODALITY_CLASS, _event_day

_analyser: TokenAnalyser | None = None


def merge_input(doc: Document) -> tuple[Document, list[int]]:
    """What merging needs of a coded document: its events and metadata
    without the text and layers, and the shingles of its body."""
    global _analyser
    if _analyser is None:  # one per Python worker; its word cache warms up across tasks
        _analyser = TokenAnalyser()
    shingles = text_features(_analyser, document_body(doc)).shingles()
    slim = Document(id=doc.id, raw="", pub_date=doc.pub_date, outlet=doc.outlet, events=doc.events)
    return slim, shingles


class Item(NamedTuple):
    place: tuple[Any, ...]  # the document's place in publication order
    index: int  # the event's index in its document
    order: int  # its number in the single-machine run
    doc_id: str
    pub_date: str | None
    outlet: str | None
    event: Event


def merged_events(sc: Any, inputs: Any, partitions: int, cached: list[Any] | None = None) -> Any:
    """RDD of canonical event records from an RDD of (input key, slim document, shingles).

    The RDDs it caches on the way are appended to ``cached`` (to unpersist when done)."""
    from pyspark import StorageLevel

    cached = [] if cached is None else cached
    in_order = _publication_order(inputs.map(lambda r: (r[0], r[1].id, r[1].pub_date, len(r[1].events), r[2])),
                                  cached)
    duplicates = _duplicates(in_order)
    numbered = _numbered(in_order)  # key -> (place, first event number)
    items = inputs.map(lambda r: (r[0], r[1])).join(numbered, partitions).flatMap(
        lambda kv: _items(kv[1][0], *kv[1][1]))
    cached.append(items.persist(StorageLevel.MEMORY_AND_DISK))
    blocks = sc.broadcast(block_ids(items.keys().distinct().collect()))
    dups = sc.broadcast(duplicates)
    return (items.map(lambda kv: (blocks.value[kv[0]], kv[1])).groupByKey(partitions)
            .flatMap(lambda kv: merge_block(kv[1], dups.value)))


# -- global order ------------------------------------------------------------------
def _publication_order(light: Any, cached: list[Any]) -> Any:
    """(place, id, pub_date, n_events, shingles) sorted into publication order,
    place = (effective date, input key) as ``sorted_by_date`` orders."""
    from pyspark import StorageLevel

    by_input = light.sortBy(lambda r: r[0]).persist(StorageLevel.MEMORY_AND_DISK)
    last_dated = by_input.mapPartitions(lambda rows: [_last_date(rows)]).collect()
    carried, last = [], ""
    for value in last_dated:  # the date an undated document at each partition's start inherits
        carried.append(last)
        last = value or last
    placed = by_input.mapPartitionsWithIndex(lambda p, rows: _placed(rows, carried[p]))
    out = placed.sortBy(lambda r: r[0]).persist(StorageLevel.MEMORY_AND_DISK)
    cached += [by_input, out]
    return out


def _last_date(rows: Iterable[tuple[Any, ...]]) -> str | None:
    last = None
    for r in rows:
        last = r[2] or last
    return last


def _placed(rows: Iterable[tuple[Any, ...]], last: str) -> Iterator[tuple[Any, ...]]:
    for key, doc_id, pub_date, n_events, shingles in rows:
        if pub_date:
            last = pub_date
        yield (pub_date or last, key), key, doc_id, pub_date, n_events, shingles


def _numbered(in_order: Any) -> Any:
    counts = in_order.mapPartitions(lambda rows: [sum(r[4] for r in rows)]).collect()
    starts = [0, *accumulate(counts)]  # events before each partition

    def number(p: int, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, tuple[Any, int]]]:
        n = starts[p]
        for place, key, _, _, n_events, _ in rows:
            yield key, (place, n)
            n += n_events
    return in_order.mapPartitionsWithIndex(number)


def _duplicates(in_order: Any) -> dict[str, str]:
    """id -> the earliest article it copies, as ``find_duplicates`` decides (copies only)."""
    index = DuplicateIndex()
    found = {}
    for doc_id, pub_date, shingles in in_order.map(lambda r: (r[2], r[3], r[5])).toLocalIterator():
        root = index.add(doc_id, shingles, pub_date)
        if root is not None:
            found[doc_id] = root
    return found


# -- blocks ------------------------------------------------------------------------
def _items(doc: Document, place: tuple[Any, ...], first: int) -> Iterator[tuple[tuple[Any, ...], Item]]:
    for i, ev in enumerate(doc.events):
        yield block_key(ev, doc), Item(place, i, first + i, doc.id, doc.pub_date, doc.outlet, ev)


def _country_class(m: Mention | None) -> str:
    if m is None:
        return "-"  # no actor: compatible only with no actor
    return m.actor.country if m.actor is not None and m.actor.country else "?"  # "?": any actor


def block_key(ev: Event, doc: Document) -> tuple[Any, ...]:
    day, month, _ = _event_day(ev, doc)
    return (ev.type, MODALITY_CLASS.get(ev.modality, ev.modality), _country_class(ev.source),
            _country_class(ev.target), day, month)


def _sides_may_match(a: str, b: str) -> bool:
    return a == b or (a == "?" and b != "-") or (b == "?" and a != "-")


def _may_match(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Could an event with key ``a`` be compatible with one with key ``b``?"""
    if not (_sides_may_match(a[2], b[2]) and _sides_may_match(a[3], b[3])):
        return False
    if a[4] is not None and b[4] is not None:
        return abs(a[4] - b[4]) <= DATE_SLACK_DAYS
    if a[5] and b[5]:
        return a[5] == b[5]
    return True


def block_ids(keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], int]:
    """Key -> block number: the connected components of "may match"."""
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

    by_kind: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_kind[k[:2]].append(i)
    for members in by_kind.values():
        by_day: dict[int, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))
        by_month: dict[str, list[int]] = defaultdict(list)
        no_month: list[int] = []
        undated: list[int] = []
        for i in members:
            k = keys[i]
            if k[4] is not None:
                by_day[k[4]][(k[2], k[3])].append(i)
            else:
                undated.append(i)
            (by_month[k[5]] if k[5] else no_month).append(i)
        # Dated keys: neighbours within the slack whose countries may match.
        for day, sides in by_day.items():
            near = [by_day[d] for d in range(day, day + DATE_SLACK_DAYS + 1) if d in by_day]
            for (src, tgt), here in sides.items():
                for j in here[1:]:
                    union(here[0], j)
                for other in near:
                    for pair in _partner_sides(src, tgt, other):
                        union(here[0], other[pair][0])
        # Undated keys: a month-only one against its month and the keys with
        # no month; one with no month at all against every key of its kind.
        for i in undated:
            pool = by_month[keys[i][5]] + no_month if keys[i][5] else members
            for j in pool:
                if j != i and _may_match(keys[i], keys[j]):
                    union(i, j)
    return {k: find(i) for i, k in enumerate(keys)}


def _partner_sides(src: str, tgt: str, sides: dict[tuple[str, str], list[int]]) -> Iterator[tuple[str, str]]:
    """The (source, target) classes in ``sides`` that may match (src, tgt)."""
    if "?" in (src, tgt):
        yield from (pair for pair in sides if _sides_may_match(src, pair[0]) and _sides_may_match(tgt, pair[1]))
        return
    for pair in ((s, t) for s in (src, "?") if s != "?" or src != "-" for t in (tgt, "?") if t != "?" or tgt != "-"):
        if pair in sides:
            yield pair


# -- merging one block ---------------------------------------------------------------
def _event_id(etype: str, doc_id: str, order: int) -> str:
    # The canonical id merge_events gives a group: its first event's type,
    # document and number (marsad.stories.merge._canonical).
    return "ev-" + hashlib.sha1(f"{etype}|{doc_id}|{order}".encode()).hexdigest()[:12]


def merge_block(items: Iterable[Item], duplicates: dict[str, str]) -> list[dict[str, Any]]:
    """``merge_events`` over one block's events, numbered as in the whole collection."""
    ordered = sorted(items, key=lambda it: (it.place, it.index))
    docs, renumber = [], {}
    for _, group in groupby(ordered, key=lambda it: it.place):
        evs = list(group)
        head = evs[0]
        docs.append(Document(id=head.doc_id, raw="", pub_date=head.pub_date, outlet=head.outlet,
                             events=[it.event for it in evs]))
        for it in evs:
            renumber[_event_id(it.event.type, it.doc_id, len(renumber))] = _event_id(it.event.type, it.doc_id, it.order)
    # Given in publication order, the block's documents keep it in merge_events' own sort.
    merged = merge_events(docs, duplicates={d.id: duplicates.get(d.id) for d in docs})
    for record in merged:
        record["id"] = renumber[record["id"]]
    return merged


def sort_merged(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order merge_events returns canonical events in: most reported first."""
    return sorted(records, key=lambda e: (-e["num_articles"], -e["num_outlets"], e["first_reported"] or "", e["id"]))
