"""``marsad export --format gdelt``: merged events as a tab-separated table
laid out like the GDELT 2.0 event table (a subset of its columns, under its
names) plus PLOVER columns.  marsad/resources/export/gdelt_columns.tsv gives
the columns in order with their meaning, including where marsad's values
differ from GDELT's (ISO alpha-3 country codes rather than CAMEO codes,
sector codes rather than CAMEO actor types).

Unlike GDELT's raw files the table starts with a header row.  Every row is
written, whatever its modality: PLOVER_Modality says which events took
place by the text's account.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .columns import column_definitions
from .merged import event_day, numeric_id


def gdelt_rows(merged: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = list(column_definitions("gdelt"))
    out = []
    for row in merged:
        record = _gdelt_row(row)
        out.append({c: record[c] for c in columns})
    return out


def _gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    day, _ = event_day(row)
    when = date.fromisoformat(day) if day else None
    first = row["first_reported"]
    cameo = row["cameo"] or ""
    return {
        "GlobalEventID": numeric_id(row["id"]),
        "SQLDATE": when.strftime("%Y%m%d") if when else "",
        "MonthYear": when.strftime("%Y%m") if when else "",
        "Year": when.year if when else "",
        "FractionDate": f"{when.year + when.timetuple().tm_yday / 365:.4f}" if when else "",
        **_actor("Actor1", row, "source"), **_actor("Actor2", row, "target"),
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": row["quad_class"] or "",
        "NumMentions": row["num_mentions"], "NumSources": row["num_sources"], "NumArticles": row["num_articles"],
        "ActionGeo_FullName": row["location_name"] or "", "ActionGeo_CountryCode": row["location_country"] or "",
        "ActionGeo_Lat": _number(row["lat"]), "ActionGeo_Long": _number(row["lon"]),
        "DATEADDED": first.replace("-", "")[:8] + "000000" if first else "",
        "SOURCEURL": row["source_url"] or (row["doc_ids"][0] if row["doc_ids"] else ""),
        "PLOVER_Type": row["type"], "PLOVER_Mode": row["mode"] or "", "PLOVER_Modality": row["modality"],
        "MarsadEventID": row["id"], "MarsadDate": row["date"] or "", "StoryID": row["story_id"] or "",
    }


def _actor(prefix: str, row: dict[str, Any], role: str) -> dict[str, Any]:
    country, sector = row[f"{role}_country"] or "", row[f"{role}_sector"] or ""
    return {f"{prefix}Code": country + sector, f"{prefix}Name": row[f"{role}_name"] or row[f"{role}_text"] or "",
            f"{prefix}CountryCode": country, f"{prefix}Type1Code": sector}


def _number(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def write_tsv(records: list[dict[str, Any]], out: Path, columns: list[str]) -> None:
    """UTF-8, tab-separated, header row first; tabs and line breaks inside a
    value become spaces so that every record stays on one line."""
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for r in records:
            fh.write("\t".join(str(r[c]).translate(clean) for c in columns) + "\n")
