"""Score the date recogniser on a gold ``dates.jsonl`` set.

Scoring follows the dates guidelines §7: a gold and a system expression match
when their character spans overlap (one-to-one, maximum matching); reported
are extraction precision/recall/F1, normalisation accuracy (over all gold
expressions and over matched ones) and strict P/R/F1 (overlap and exactly
the gold value), with recall per category.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..scoring import max_matching
from .recognize import find_dates


def _match(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of overlapping spans (augmenting paths)."""
    edges = [[j for j, s in enumerate(system) if s["start"] < g["end"] and g["start"] < s["end"]] for g in gold]
    return max_matching(edges)


def _prf(tp: int, n_sys: int, n_gold: int) -> dict:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(items: list[dict], predictions: list[list[dict]]) -> dict:
    n_gold = n_sys = matched = correct = 0
    per_cat: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "found": 0, "strict": 0})
    errors: list[dict] = []
    for item, pred in zip(items, predictions):
        gold = item["gold"]
        n_gold += len(gold)
        n_sys += len(pred)
        pairs = _match(gold, pred)
        paired_gold = {i for i, _ in pairs}
        paired_sys = {j for _, j in pairs}
        for g in gold:
            per_cat[g.get("cat", "?")]["gold"] += 1
        for i, j in pairs:
            g, s = gold[i], pred[j]
            matched += 1
            per_cat[g.get("cat", "?")]["found"] += 1
            if (s.get("value") or "").strip() == g["value"].strip():
                correct += 1
                per_cat[g.get("cat", "?")]["strict"] += 1
            else:
                errors.append({"id": item.get("id"), "kind": "value", "gold": g, "system": s})
        errors += [{"id": item.get("id"), "kind": "missed", "gold": g} for i, g in enumerate(gold) if i not in paired_gold]
        errors += [{"id": item.get("id"), "kind": "spurious", "system": s} for j, s in enumerate(pred) if j not in paired_sys]
    return {
        "sentences": len(items),
        "gold": n_gold,
        "system": n_sys,
        "extraction": _prf(matched, n_sys, n_gold),
        "normalisation_accuracy": correct / n_gold if n_gold else 0.0,
        "normalisation_accuracy_matched": correct / matched if matched else 0.0,
        "strict": _prf(correct, n_sys, n_gold),
        "per_category": {k: dict(v) for k, v in sorted(per_cat.items())},
        "errors": errors,
    }


def read_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate_dates(path: str | Path) -> dict:
    """Run :func:`find_dates` on every sentence of a gold file and score it."""
    items = read_gold(path)
    predictions = [
        [{"text": d.text, "value": d.value, "start": d.start, "end": d.end}
         for d in find_dates(item["sentence"], item.get("pub_date"))]
        for item in items
    ]
    return score(items, predictions)


def format_report(result: dict, show_errors: int = 20) -> str:
    ex, st = result["extraction"], result["strict"]
    lines = [
        f"sentences {result['sentences']}  gold {result['gold']}  system {result['system']}",
        f"extraction     P {ex['precision']:.3f}  R {ex['recall']:.3f}  F1 {ex['f1']:.3f}",
        f"normalisation  accuracy {result['normalisation_accuracy']:.3f} "
        f"(over matched {result['normalisation_accuracy_matched']:.3f})",
        f"strict         P {st['precision']:.3f}  R {st['recall']:.3f}  F1 {st['f1']:.3f}",
        "per category (gold / found / value right):",
    ]
    for cat, c in result["per_category"].items():
        lines.append(f"  {cat:<10} {c['gold']:>4} {c['found']:>5} {c['strict']:>5}")
    for e in result["errors"][:show_errors]:
        if e["kind"] == "value":
            lines.append(f"  value    {e['id']}: {e['gold']['text']!r} gold {e['gold']['value']} got {e['system']['value']}")
        elif e["kind"] == "missed":
            lines.append(f"  missed   {e['id']}: {e['gold']['text']!r} {e['gold']['value']}")
        else:
            lines.append(f"  spurious {e['id']}: {e['system']['text']!r} {e['system']['value']}")
    lines.append(f"dates_strict_f1={st['f1']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m marsad.time.evaluate GOLD.jsonl
    import sys

    print(format_report(evaluate_dates(sys.argv[1]), show_errors=200))
