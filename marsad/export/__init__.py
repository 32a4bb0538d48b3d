"""Exports of a store: JSONL (documents with all layers), CSV and Parquet
(tables of events, documents or mentions, one row per record)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store.base import EventFilter, Store

TABLES = ("events", "documents", "mentions")
FORMATS = ("jsonl", "csv", "parquet")


def event_rows(store: Store, flt: EventFilter = EventFilter(), page: int = 5000) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        rows = store.events(EventFilter(**{**_fields(flt), "limit": page, "offset": offset}))
        yield from rows
        if len(rows) < page:
            return
        offset += page


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {k: getattr(flt, k) for k in flt.__dataclass_fields__}


def document_rows(store: Store) -> Iterator[dict[str, Any]]:
    for layers in store.iter_layers():
        meta = layers["meta"]
        yield {
            "id": layers["id"], "title": meta.get("title"), "pub_date": meta.get("pub_date"),
            "outlet": meta.get("outlet"), "url": meta.get("url"), "credited_source": meta.get("credited_source"),
            "source_path": meta.get("source_path"), "story": meta.get("story"),
            "duplicate_of": meta.get("duplicate_of"), "n_entities": len(layers["entities"]),
            "n_dates": len(layers["dates"]), "n_events": len(layers["events"]), "n_quotes": len(layers["quotes"]),
            "text": layers["text"],
        }


def mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    for layers in store.iter_layers():
        for m in layers["entities"]:
            loc = m.get("location") or {}
            yield {"doc_id": layers["id"], "text": m["text"], "type": m["type"], "start": m["start"], "end": m["end"],
                   "name": m["name"], "country": m["country"], "sector": m["sector"],
                   "location_name": loc.get("name"), "lat": loc.get("lat"), "lon": loc.get("lon")}


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    return {"events": event_rows, "documents": document_rows, "mentions": mention_rows}[table](store)


def export(store: Store, fmt: str, out: Path, table: str = "events") -> int:
    """Write ``table`` (or, for JSONL, whole documents) to ``out``; return the record count."""
    if fmt == "jsonl" and table == "documents":
        n = 0
        with out.open("w", encoding="utf-8") as fh:
            for layers in store.iter_layers():
                fh.write(json.dumps(layers, ensure_ascii=False) + "\n")
                n += 1
        return n
    records = list(rows(store, table))
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_csv(records, out)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        pq.write_table(pa.Table.from_pylist(records) if records else pa.table({}), out)
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return len(records)


def write_csv(records: list[dict[str, Any]], out: Path | None, fh: Any = None) -> None:
    """CSV with a header; UTF-8 with BOM so spreadsheet programs show Arabic correctly."""
    own = fh is None
    if own:
        assert out is not None
        fh = out.open("w", encoding="utf-8-sig", newline="")
    try:
        if records:
            writer = csv.DictWriter(fh, fieldnames=list(records[0].keys()))
            writer.writeheader()
            writer.writerows(records)
    finally:
        if own:
            fh.close()
