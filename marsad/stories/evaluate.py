"""Scoring story clustering and duplicate detection as pairwise F1.

Two articles form a pair when they share a cluster; precision is the share
of predicted pairs that are gold pairs, recall the share of gold pairs that
were predicted.  Counts come from the contingency table, so scoring a
100,000-article run does not enumerate pairs.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_f1(gold: Mapping[str, str] | Sequence[str], pred: Mapping[str, str] | Sequence[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of ``pred`` against ``gold``.

    Both are either mappings item -> cluster label (scored over the items
    of ``gold``) or equal-length sequences of labels.  With no pair on
    either side the score is 1.0 (nothing to find, nothing wrongly joined).
    """
    if isinstance(gold, Mapping):
        items = list(gold)
        missing = [i for i in items if i not in pred]  # type: ignore[operator]
        if missing:
            raise ValueError(f"no prediction for {len(missing)} items, e.g. {missing[0]!r}")
        g = [gold[i] for i in items]
        p = [pred[i] for i in items]  # type: ignore[index]
    else:
        if len(gold) != len(pred):
            raise ValueError("gold and pred differ in length")
        g, p = list(gold), list(pred)
    both = sum(_pairs(n) for n in Counter(zip(g, p)).values())
    gold_pairs = sum(_pairs(n) for n in Counter(g).values())
    pred_pairs = sum(_pairs(n) for n in Counter(p).values())
    precision = both / pred_pairs if pred_pairs else (1.0 if not gold_pairs else 0.0)
    recall = both / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_pairs": gold_pairs, "pred_pairs": pred_pairs}


def duplicate_groups(duplicate_of: Mapping[str, str | None]) -> dict[str, str]:
    """Item -> its group (the earliest article of the copies it belongs to)."""
    return {i: (d or i) for i, d in duplicate_of.items()}


def evaluate_stories(gold_path: str | Path) -> dict[str, dict[str, float]]:
    """Cluster a gold corpus (JSON lines with ``gold_story`` and
    ``gold_duplicate_of``) and score stories and duplicates."""
    from .jsonl import cluster_records

    records = [json.loads(line) for line in Path(gold_path).read_text("utf-8").splitlines() if line.strip()]
    out = cluster_records(records)
    ids = [r["id"] for r in records]
    gold_story = {r["id"]: r["gold_story"] for r in records}
    pred_story = {o["id"]: o["story"] for o in out}
    gold_dup = duplicate_groups({r["id"]: r.get("gold_duplicate_of") for r in records})
    pred_dup = duplicate_groups({o["id"]: o["duplicate_of"] for o in out})
    exact = sum(1 for r, o in zip(records, out) if (r.get("gold_duplicate_of") or None) == o["duplicate_of"])
    return {
        "stories": pairwise_f1(gold_story, pred_story),
        "duplicates": pairwise_f1(gold_dup, pred_dup),
        "duplicate_of_exact": {"accuracy": exact / len(ids) if ids else 1.0},
    }
