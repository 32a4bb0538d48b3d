"""The data files of the export layouts (marsad/resources/export): column
definitions and mapping tables, tab-separated, "#" lines are comments."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def resource_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated resource as dicts keyed by its header."""
    text = resources.files("marsad.resources").joinpath("export", name).read_text("utf-8")
    lines = [ln.rstrip("\r") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header)})
    return tuple(rows)


def column_definitions(layout: str) -> dict[str, str]:
    """Column name -> meaning, in file order, for ``gdelt`` or ``acled``."""
    return {r["column"]: r["meaning"] for r in resource_rows(f"{layout}_columns.tsv")}
