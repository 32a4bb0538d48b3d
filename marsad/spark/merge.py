"""Cross-document event merging on Spark, equal to :func:`marsad.stories.merge_events`.

``merge_events`` is built from public steps of :mod:`marsad.stories.merge`,
and this job runs the same steps spread over a cluster:

* each event becomes a :class:`~marsad.stories.merge.MergeItem` on the
  executors, numbered as ``merge_events`` numbers it and pointing at the
  independent article it counts under;
* its :func:`~marsad.stories.merge.block_key` goes to the driver (distinct
  keys only), where :func:`~marsad.stories.merge.block_ids` cuts the keys
  into blocks that no compatible pair of events crosses;
* each block is merged on an executor by
  :func:`~marsad.stories.merge.merge_block`, which gives exactly the groups
  and records the single-machine run gives for those events.

Two things need the whole collection and are computed first:

* the global order: ``merge_events`` takes documents in publication order
  (``sorted_by_date``: an undated one takes the date of the dated one before
  it in the input) and numbers events in that order; two Spark sorts and a
  scan over partitions give each document its first event's number;
* near-duplicates: the documents' shingles (computed on the executors)
  stream to the driver in publication order, one partition at a time, into
  the same :class:`marsad.stories.dedup.DuplicateIndex` ``find_duplicates``
  uses; this pass is the one serial step of the job.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from ..model import Document
from ..stories.dedup import DuplicateIndex
from ..stories.features import TokenAnalyser, document_body, text_features
from ..stories.merge import BlockKey, MergeItem, block_ids, block_key, merge_block

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


def merged_events(sc: Any, inputs: Any, partitions: int, cached: list[Any] | None = None) -> Any:
    """RDD of canonical event records from an RDD of (input key, slim document, shingles).

    The RDDs it caches on the way are appended to ``cached`` (to unpersist when done)."""
    from pyspark import StorageLevel

    cached = [] if cached is None else cached
    in_order = _publication_order(inputs.map(lambda r: (r[0], r[1].id, r[1].pub_date, len(r[1].events), r[2])),
                                  cached)
    dups = sc.broadcast(_duplicates(in_order))
    numbered = _numbered(in_order)  # key -> first event number
    items = inputs.map(lambda r: (r[0], r[1])).join(numbered, partitions).flatMap(
        lambda kv: _items(kv[1][0], kv[1][1], dups.value))
    cached.append(items.persist(StorageLevel.MEMORY_AND_DISK))
    blocks = sc.broadcast(block_ids(items.keys().distinct().collect()))
    return (items.map(lambda kv: (blocks.value[kv[0]], kv[1])).groupByKey(partitions)
            .flatMap(lambda kv: merge_block(kv[1])))


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

    def number(p: int, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, int]]:
        n = starts[p]
        for _, key, _, _, n_events, _ in rows:
            yield key, n
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
def _items(doc: Document, first: int, duplicates: dict[str, str]) -> Iterator[tuple[BlockKey, MergeItem]]:
    for i, ev in enumerate(doc.events):
        item = MergeItem.of(doc, ev, first + i, duplicates.get(doc.id))
        yield block_key(item), item
