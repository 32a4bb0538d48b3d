"""Actor linking measured against a hand-coded gold reading (contract ``actors`` list).

Each gold actor's text is looked up in the processed document (every
occurrence, word-bounded, proclitics allowed); an occurrence counts as linked
when a mention overlapping it carries the gold name, country and sector.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model import Document
from ..contract import actor_obj as actor_to_contract, entity_obj as entity_to_contract
from . import actor_stage


def _pipeline():
    from ..pipeline import Pipeline, default_pipeline  # late import: pipeline imports stages

    p = default_pipeline()
    return p if "actors" in p.names else Pipeline(p.components + [actor_stage])


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    pat = re.compile(r"(?<![\u0621-\u064A])(?:[وفبلك]{0,2})(" + re.escape(phrase) + r")(?![\u0621-\u064A])")
    return [m.span(1) for m in pat.finditer(text)]


def evaluate_actors(gold_path: str | Path, seeds_dir: str | Path | None = None, pipeline=None) -> dict[str, Any]:
    """Score one gold file (``dev/seed_000_gold.json``); ``seeds_dir`` holds its article."""
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seeds = Path(seeds_dir) if seeds_dir else gold_path.parents[2] / "seeds"
    raw = (seeds / gold["file"]).read_text(encoding="utf-8")
    doc = (pipeline or _pipeline())(Document(id=gold["id"], raw=raw, pub_date=gold.get("pub_date")))
    rows, linked, total, absent = [], 0, 0, 0
    for g in gold["actors"]:
        want = (g.get("name"), g.get("country"), g.get("sector"))
        spans = _occurrences(doc.text, g["text"])
        if not spans:
            absent += 1
            rows.append({"text": g["text"], "status": "not in cleaned text"})
            continue
        for s, e in spans:
            total += 1
            got = [actor_to_contract(m) for m in doc.mentions if m.start < e and s < m.end and m.actor]
            got_e = [entity_to_contract(m) for m in doc.mentions if m.start < e and s < m.end and m.actor]
            ok = any((a["name"], a["country"], a["sector"]) == want for a in got + got_e)
            linked += ok
            rows.append({"text": g["text"], "start": s, "status": "linked" if ok else "wrong",
                         "want": want, "got": sorted({(a["name"], a["country"], a["sector"]) for a in got_e}, key=str)})
    return {"gold_actors": len(gold["actors"]), "occurrences": total, "linked": linked,
            "accuracy": round(linked / total, 3) if total else 0.0, "not_in_text": absent, "rows": rows}
