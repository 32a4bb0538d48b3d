"""Geoparsing accuracy on labelled place mentions (``marsad eval geo FILE``).

Input: JSON Lines with ``sentence``, ``mention``, ``start``, ``end``, ``gold_geonameid``
(null for places outside GeoNames' city list), ``gold_country`` (ISO alpha-3 or null) and
``gold_name``.  Each mention is placed with :func:`marsad.geo.locate_spans`, reading its
sentence as the document (so the sentence's other countries are its context).

- country accuracy: predicted country equals the gold country (null = null);
- exact-entry accuracy: same geonameid when the gold has one, else same name and country;
- tagger recall: the share of gold mentions that :func:`find_places` finds on its own, with
  an overlapping span and the same entry (how much NER may miss without losing places).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..model import Location
from .tagger import find_places, locate_spans


def same_entry(pred: Location | None, item: dict) -> bool:
    if pred is None:
        return False
    if item.get("gold_geonameid"):
        return pred.geonameid == item["gold_geonameid"]
    return pred.name.casefold() == str(item["gold_name"]).casefold() and pred.country == item.get("gold_country")


def evaluate_geo(path: str | Path) -> dict:
    items = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_sentence: dict[str, list[dict]] = {}
    for it in items:
        by_sentence.setdefault(it["sentence"], []).append(it)
    n = country_ok = entry_ok = tagged_ok = 0
    errors = []
    kinds: Counter = Counter()
    for sentence, group in by_sentence.items():
        preds = locate_spans(sentence, [(it["start"], it["end"]) for it in group])
        found = find_places(sentence)
        for it, pred in zip(group, preds):
            n += 1
            c_ok = (pred.country if pred else None) == it.get("gold_country") and pred is not None
            e_ok = same_entry(pred, it)
            country_ok += c_ok
            entry_ok += e_ok
            tagged_ok += any(s < it["end"] and it["start"] < e and same_entry(loc, it) for s, e, loc in found)
            if not e_ok:
                kinds["country wrong" if not c_ok else "entry wrong"] += 1
                errors.append({"mention": it["mention"], "sentence": sentence, "gold": f"{it['gold_name']} ({it.get('gold_country')})",
                               "pred": f"{pred.name} ({pred.country})" if pred else None})
    return {"n": n, "country_accuracy": country_ok / n if n else 0.0, "entry_accuracy": entry_ok / n if n else 0.0,
            "tagger_recall": tagged_ok / n if n else 0.0, "error_kinds": dict(kinds), "errors": errors}


def format_report(result: dict, max_errors: int = 30) -> str:
    lines = [f"mentions: {result['n']}",
             f"country accuracy:     {result['country_accuracy']:.3f}",
             f"exact-entry accuracy: {result['entry_accuracy']:.3f}",
             f"find_places recall (overlapping span, same entry): {result['tagger_recall']:.3f}"]
    if result["errors"]:
        lines.append(f"errors ({len(result['errors'])}, first {min(max_errors, len(result['errors']))}):")
        for e in result["errors"][:max_errors]:
            lines.append(f"  {e['mention']}: gold {e['gold']}, got {e['pred']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Evaluate geoparsing on labelled place mentions")
    parser.add_argument("file", nargs="?", default=str(Path(__file__).resolve().parents[2] / "tests" / "data" / "geo_eval.jsonl"))
    parser.add_argument("--errors", type=int, default=30)
    args = parser.parse_args(argv)
    print(format_report(evaluate_geo(args.file), args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
