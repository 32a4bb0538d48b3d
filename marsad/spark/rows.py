"""The rows a coded document becomes in the Spark job's Parquet tables.

Columns follow the store's exports, so a Parquet table written by Spark and
one written by ``marsad export`` from a store read the same way:

* documents: the export's document columns plus content hash, stages,
  focus country, and ``layers``, the document's contract object with its
  metadata as JSON (what ``marsad code`` prints and ``marsad show`` shows);
* mentions: the export's mention rows (named entities);
* events: the store's event rows (:data:`marsad.store.sql.EVENT_FIELDS`);
* merged_events: one row per canonical event (:func:`marsad.stories.merge_events`)
  with its main fields as columns and the whole record as JSON.

Each table has a month column to partition by: ``pub_month`` (publication)
for documents and mentions, ``month`` (event date) for the event tables;
"unknown" when there is no date.
"""
from __future__ import annotations

import json
from typing import Any

from ..contract import document_obj, metadata_obj
from ..export import document_rows, mention_rows
from ..model import Document, Mention
from ..store.sql import EVENT_FIELDS, actor_id

UNKNOWN = "unknown"


def month(date: str | None) -> str:
    return date[:7] if date and len(date) >= 7 else UNKNOWN


class _Layers:
    """One document's layers where the export functions expect a store."""

    def __init__(self, layers: dict[str, Any]) -> None:
        self.layers = layers

    def iter_layers(self) -> list[dict[str, Any]]:
        return [self.layers]


Row = dict[str, Any]


def document_tables(doc: Document, stages: list[str]) -> tuple[Row, list[Row], list[Row]]:
    """The documents row, mention rows and event rows of one coded document."""
    layers = document_obj(doc) | {"meta": metadata_obj(doc) | {"story": None, "duplicate_of": None}}
    holder = _Layers(layers)
    pub_month = month(doc.pub_date)
    row = next(iter(document_rows(holder)))  # type: ignore[arg-type]
    row.update(content_hash=doc.content_hash, stages=",".join(stages), focus_country=doc.meta.get("focus_country"),
               layers=json.dumps(layers, ensure_ascii=False), pub_month=pub_month)
    mentions = [m | {"pub_month": pub_month} for m in mention_rows(holder)]  # type: ignore[arg-type]
    return row, mentions, [event_row(doc, i) | {"month": month(e.date)} for i, e in enumerate(doc.events)]


def _actor_columns(m: Mention | None) -> tuple[Any, Any, Any]:
    a = m.actor if m is not None and actor_id(m) else None
    return (a.name, a.country, a.sector) if a else (None, None, None)


def event_row(doc: Document, idx: int) -> dict[str, Any]:
    """Event ``idx`` of ``doc`` as the store's event query returns it."""
    e = doc.events[idx]
    ev = e.evidence[0] if e.evidence else None
    loc = e.location
    sn, sc, ss = _actor_columns(e.source)
    tn, tc, ts = _actor_columns(e.target)
    values = {
        "doc_id": doc.id, "idx": idx, "type": e.type, "mode": e.mode, "cameo": e.cameo, "date": e.date,
        "date_text": e.date_text, "date_is_pub_date": int(e.date_is_pub_date), "modality": e.modality,
        "source_text": e.source.text if e.source else None,
        "source_name": sn, "source_country": sc, "source_sector": ss,
        "target_text": e.target.text if e.target else None,
        "target_name": tn, "target_country": tc, "target_sector": ts,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "speaker_text": e.speaker.text if e.speaker else None,
        "evidence_start": ev.start if ev else None, "evidence_end": ev.end if ev else None,
        "evidence_text": ev.text if ev else None, "confidence": e.confidence,
        "title": doc.title, "pub_date": doc.pub_date, "outlet": doc.outlet, "url": doc.url, "story_id": None,
    }
    return {k: values[k] for k in EVENT_FIELDS}


def merged_row(record: dict[str, Any]) -> dict[str, Any]:
    """A canonical event as a flat row (the full record stays in ``record``)."""
    def actor(prefix: str) -> dict[str, Any]:
        a = record.get(prefix) or {}
        return {f"{prefix}_{k}": a.get(k) for k in ("text", "name", "country", "sector")}

    loc = record.get("location") or {}
    return {
        "id": record["id"], "type": record["type"], "mode": record.get("mode"), "date": record.get("date"),
        "date_text": record.get("date_text"), "modality": record.get("modality"),
        **actor("source"), **actor("target"),
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "confidence": record.get("confidence"),
        "num_articles": record["num_articles"], "num_outlets": record["num_outlets"],
        "num_copies": record.get("num_copies", 0), "outlets": record.get("outlets", []),
        "doc_ids": record.get("doc_ids", []), "copy_doc_ids": record.get("copy_doc_ids", []),
        "first_reported": record.get("first_reported"), "last_reported": record.get("last_reported"),
        "record": json.dumps(record, ensure_ascii=False), "month": month(record.get("date")),
    }


def schemas() -> dict[str, Any]:
    """Spark schemas of the tables, in column order."""
    from pyspark.sql.types import (ArrayType, DoubleType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    def struct(*cols: tuple[str, Any]) -> Any:
        return StructType([StructField(name, kind, True) for name, kind in cols])

    s, i, f = StringType(), IntegerType(), DoubleType()
    event_types = {"idx": i, "date_is_pub_date": i, "lat": f, "lon": f, "evidence_start": i, "evidence_end": i,
                   "confidence": f}
    return {
        "documents": struct(
            *[(c, s) for c in ("id", "title", "pub_date", "outlet", "url", "credited_source", "source_path",
                               "story", "duplicate_of")],
            *[(c, i) for c in ("n_entities", "n_dates", "n_events", "n_quotes")],
            ("text", s), ("content_hash", s), ("stages", s), ("focus_country", s), ("layers", s), ("pub_month", s)),
        "mentions": struct(("doc_id", s), ("text", s), ("type", s), ("start", i), ("end", i), ("name", s),
                           ("country", s), ("sector", s), ("location_name", s), ("lat", f), ("lon", f),
                           ("pub_month", s)),
        "events": struct(*[(c, event_types.get(c, s)) for c in EVENT_FIELDS], ("month", s)),
        "merged_events": struct(
            *[(c, s) for c in ("id", "type", "mode", "date", "date_text", "modality")],
            *[(f"{p}_{k}", s) for p in ("source", "target") for k in ("text", "name", "country", "sector")],
            ("location_name", s), ("location_country", s), ("lat", f), ("lon", f), ("confidence", f),
            ("num_articles", LongType()), ("num_outlets", LongType()), ("num_copies", LongType()),
            ("outlets", ArrayType(s)), ("doc_ids", ArrayType(s)), ("copy_doc_ids", ArrayType(s)),
            ("first_reported", s), ("last_reported", s), ("record", s), ("month", s)),
        "problems": struct(("where", s), ("reason", s)),
    }
