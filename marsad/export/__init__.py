"""Exports of a store at both levels.

Article level: JSONL (documents with all layers) and CSV / Parquet / JSONL
tables of events, documents or mentions, one row per record.  Cross-document
level: ``merged`` (one row per real-world event, gathered across articles and
outlets) and ``stories`` tables in the same three formats, and the merged
events laid out like the GDELT event table (``gdelt``, tab-separated) or like
ACLED's export (``acled``, CSV); see :mod:`.gdelt`, :mod:`.acled` and the
column definitions in marsad/resources/export/.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store.base import EventFilter, Store

TABLES = ("events", "documents", "mentions", "merged", "stories")
FORMATS = ("jsonl", "csv", "parquet", "gdelt", "acled")
LAYOUTS = ("gdelt", "acled")  # formats with a fixed layout: merged events only
CROSS_DOCUMENT = ("merged", "stories")


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
    if table in CROSS_DOCUMENT:
        from .merged import cross_document, merged_rows, story_rows

        view = cross_document(store)
        merged = merged_rows(view)
        return iter(merged if table == "merged" else story_rows(view, merged))
    return {"events": event_rows, "documents": document_rows, "mentions": mention_rows}[table](store)


def default_table(fmt: str) -> str:
    """What a format exports when no table is named."""
    return "documents" if fmt == "jsonl" else "merged" if fmt in LAYOUTS else "events"


def check_choice(fmt: str, table: str) -> None:
    """ValueError, with a message for the user, when ``fmt`` cannot hold ``table``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt in LAYOUTS and table != "merged":
        raise ValueError(f"--format {fmt} is a table of merged events; it cannot hold {table} "
                         f"(leave out --table, or use --format jsonl/csv/parquet for {table})")


def export(store: Store, fmt: str, out: Path, table: str | None = None) -> int:
    """Write ``table`` (or, for JSONL, whole documents) to ``out``; return the record count."""
    table = table or default_table(fmt)
    check_choice(fmt, table)
    if fmt in LAYOUTS:
        from .acled import acled_rows
        from .columns import column_definitions
        from .gdelt import gdelt_rows, write_tsv
        from .merged import cross_document, merged_rows

        merged = merged_rows(cross_document(store))
        if fmt == "gdelt":
            records = gdelt_rows(merged)
            write_tsv(records, out, list(column_definitions("gdelt")))
        else:
            records = acled_rows(merged)
            write_csv(records, out, columns=list(column_definitions("acled")))
        return len(records)
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
    return len(records)


def write_csv(records: list[dict[str, Any]], out: Path | None, fh: Any = None,
              columns: list[str] | None = None) -> None:
    """CSV with a header (``columns``, else the first record's keys; none
    without either); UTF-8 with BOM so spreadsheet programs show Arabic
    correctly.  A list of plain values becomes one cell joined by "; ", a
    nested record (evidence spans) its JSON."""
    own = fh is None
    if own:
        assert out is not None
        fh = out.open("w", encoding="utf-8-sig", newline="")
    try:
        fieldnames = columns or (list(records[0].keys()) if records else None)
        if fieldnames:
            writer = csv.DictWriter(fh, fieldnames=fieldnames)
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in r.items()} for r in records)
    finally:
        if own:
            fh.close()


def _cell(value: Any) -> Any:
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return value
