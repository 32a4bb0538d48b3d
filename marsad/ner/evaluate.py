"""Exact-span NER scoring in the manner of conlleval.

A chunk starts at a B- tag, or at an I- tag whose type differs from the
previous token's (conlleval's lenient reading of stray I- tags); a predicted
chunk counts only when its start, end and type all equal a gold chunk's.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .conll import parse_line, read_conll


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """``{(start, end, type)}`` with ``end`` exclusive."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == kind and start >= 0
        if start >= 0 and not continues:
            out.add((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = i, typ
    return out


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Micro precision/recall/F1 (percent) overall and per type over sentence-aligned tag lists."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    tokens = correct_tokens = 0
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sentence length mismatch: {len(g)} gold vs {len(p)} predicted tags")
        gs, ps = spans(g), spans(p)
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
        tokens += len(g)
        correct_tokens += sum(a == b for a, b in zip(g, p))

    def prf(t: int, ng: int, np_: int) -> dict:
        p = 100.0 * t / np_ if np_ else 0.0
        r = 100.0 * t / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2), "gold": ng, "predicted": np_, "correct": t}

    types = sorted(set(n_gold) | set(n_pred))
    return {
        "overall": prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values())),
        "per_type": {t: prf(tp[t], n_gold[t], n_pred[t]) for t in types},
        "tokens": tokens,
        "token_accuracy": round(100.0 * correct_tokens / tokens, 2) if tokens else 0.0,
    }


def evaluate_conll(path: str | Path, predicted: str | Path | None = None, tagger=None) -> dict:
    """Score the shipped tagger (or ``tagger``) on a gold ``token TAG`` file.

    With ``predicted`` (a ``token TAG`` file with the same tokens, e.g. the output
    of ``marsad tag``) that file is scored instead of tagging afresh."""
    gold = read_conll(path)
    gold_tags = [[t for _, t in s] for s in gold]
    if predicted is not None:
        flat = _predicted_tags(Path(path), Path(predicted))
        pred_tags, k = [], 0
        for s in gold_tags:
            pred_tags.append(flat[k:k + len(s)])
            k += len(s)
        if k != len(flat):
            raise ValueError(f"{predicted}: {len(flat)} tokens, gold has {k}")
    else:
        if tagger is None:
            from . import load_tagger
            tagger = load_tagger()
        pred_tags = tagger.tag([[tok for tok, _ in s] for s in gold])
    result = score(gold_tags, pred_tags)
    result["file"] = str(path)
    result["sentences"] = len(gold)
    return result


def _predicted_tags(gold: Path, predicted: Path) -> list[str]:
    """One predicted tag per gold token.  Files with the same line count are
    paired line by line, so a gold token that is empty (a blank line in the
    tagger's input, echoed blank) scores as O; otherwise tokens pair in order."""
    gold_lines = gold.read_text(encoding="utf-8").rstrip("\n").split("\n")
    pred_lines = predicted.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if len(gold_lines) == len(pred_lines):
        return [(parse_line(p)[1] or "O") if p.strip() else "O" for g, p in zip(gold_lines, pred_lines) if g.strip()]
    return [t for s in read_conll(predicted) for _, t in s]


def format_report(result: dict) -> str:
    o = result["overall"]
    lines = [
        f"{result.get('file', '')}: {result.get('sentences', '?')} sentences, {result['tokens']} tokens, "
        f"token accuracy {result['token_accuracy']:.2f}%",
        f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}",
        f"{'ALL':<8}{o['precision']:>8.2f}{o['recall']:>8.2f}{o['f1']:>8.2f}{o['gold']:>8}{o['predicted']:>8}",
    ]
    for t, v in result["per_type"].items():
        lines.append(f"{t:<8}{v['precision']:>8.2f}{v['recall']:>8.2f}{v['f1']:>8.2f}{v['gold']:>8}{v['predicted']:>8}")
    return "\n".join(lines)
