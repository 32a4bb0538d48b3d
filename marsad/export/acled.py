"""``marsad export --format acled``: merged events of the kinds ACLED records,
as a CSV laid out like ACLED's export (a subset of its columns, under its
names) plus PLOVER columns.  The column meanings are in
marsad/resources/export/acled_columns.tsv.

Which events go in, and as what, is data: plover_acled.tsv maps a PLOVER
type and mode (and, for ASSAULT, the target's sector) to an ACLED-style
disorder, event and sub-event type, and acled_actor_categories.tsv maps an
actor's sector to an ACLED-style category.  Verbal and cooperative types
(CONSULT, ACCUSE, AID, ...) have no row and are left out, as are events the
text does not report as having happened (future, intended, negated,
hypothetical).  ``fatalities`` stays empty: marsad extracts no counts.
"""
from __future__ import annotations

from typing import Any

from .columns import column_definitions, resource_rows
from .merged import event_day, numeric_id

HAPPENED = frozenset({"asserted", "reported"})
UNKNOWN_COUNTRY = "XXX"


def acled_rule(etype: str, mode: str | None, target_sector: str | None) -> dict[str, str] | None:
    """The first row of plover_acled.tsv matching an event; None: not an ACLED event."""
    for r in resource_rows("plover_acled.tsv"):
        if r["plover_type"] != etype:
            continue
        if r["plover_mode"] != "*" and r["plover_mode"] != mode:
            continue
        if r["target_sector"] != "*" and (target_sector or "") not in r["target_sector"].split(","):
            continue
        return r
    return None


def actor_category(sector: str | None) -> str:
    categories = {r["sector"]: r["category"] for r in resource_rows("acled_actor_categories.tsv")}
    return categories.get(sector or "", "")


def acled_rows(merged: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = list(column_definitions("acled"))
    out = []
    for row in merged:
        if row["modality"] not in HAPPENED:
            continue
        rule = acled_rule(row["type"], row["mode"], row["target_sector"])
        if rule is None:
            continue
        record = _acled_row(row, rule)
        out.append({c: record[c] for c in columns})
    return out


def _acled_row(row: dict[str, Any], rule: dict[str, str]) -> dict[str, Any]:
    day, precision = event_day(row)
    iso3 = row["location_country"]
    inter1 = rule["actor1_category"] or actor_category(row["source_sector"])
    inter2 = actor_category(row["target_sector"])
    notes = list(dict.fromkeys(" ".join(e["text"].split()) for e in row["evidence"] if e.get("text")))
    return {
        "event_id_cnty": f"{iso3 or UNKNOWN_COUNTRY}{numeric_id(row['id'])}",
        "event_date": day or "", "year": day[:4] if day else "", "time_precision": precision,
        "disorder_type": rule["disorder_type"], "event_type": rule["event_type"],
        "sub_event_type": rule["sub_event_type"],
        "actor1": _actor_name(row, "source", inter1), "inter1": inter1,
        "actor2": _actor_name(row, "target", inter2) if _has_actor(row, "target") else "", "inter2": inter2,
        "iso3": iso3 or "", "country": country_name(iso3) if iso3 else "",
        "location": row["location_name"] or "", "latitude": row["lat"], "longitude": row["lon"],
        "source": "; ".join(row["outlets"]), "notes": " | ".join(notes), "fatalities": "",
        "plover_type": row["type"], "plover_mode": row["mode"] or "",
        "num_articles": row["num_articles"], "num_sources": row["num_sources"],
        "marsad_event_id": row["id"], "story_id": row["story_id"] or "",
    }


def _has_actor(row: dict[str, Any], role: str) -> bool:
    return any(row[f"{role}_{k}"] for k in ("text", "name", "country", "sector"))


def _actor_name(row: dict[str, Any], role: str, category: str) -> str:
    """The canonical name; unnamed demonstrators as ACLED writes them, by
    category and country; else the article's own (Arabic) words."""
    if row[f"{role}_name"]:
        return row[f"{role}_name"]
    country = row[f"{role}_country"] or row["location_country"]
    if category in ("Protesters", "Rioters"):
        return f"{category} ({country_name(country)})" if country else category
    return row[f"{role}_text"] or ""


def country_name(code: str) -> str:
    from ..actors.gazetteer import load_gazetteer

    return load_gazetteer().country_name(code)
