"""Scoring coded events and the sentence classifiers.

``evaluate_events(gold, pred)`` matches events article by article: a
predicted event matches a gold event of the same PLOVER type with the same
source country and, when the gold event has a target country, the same target
country (one-to-one, maximum matching).  Precision, recall and F1 are
reported overall (micro) and per type; mode and modality agreement on the
matched pairs are reported alongside.

``evaluate_gsr`` scores the PROTEST/ASSAULT sentence detectors on the dev
split of arabic_event_gsr ("yes" against "easy no"/"difficult no";
"ambiguous" excluded); ``evaluate_quadclass`` the QuadClass model on the dev
split of quadclass_ar.  The split is fixed by a hash of each item's id (or
text), so training and evaluation agree without a stored list.
"""
from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..scoring import max_matching
from .ontology import PLOVER_TYPES

DEV_BUCKETS = 5  # one item in five is dev


def is_dev(key: str) -> bool:
    """The fixed dev split: one item in five by a hash of its id."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % DEV_BUCKETS == 0


# ----------------------------------------------------------------- events

def _read_docs(path: str | Path) -> list[dict[str, Any]]:
    """A JSON document, a JSON list of documents, or JSON Lines."""
    text = Path(path).read_text("utf-8").strip()
    if not text:
        return []
    if text[0] == "[":
        return list(json.loads(text))
    try:
        obj = json.loads(text)
        return [obj] if isinstance(obj, dict) else list(obj)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _country(actor: Any) -> str | None:
    if not actor:
        return None
    return actor.get("country") if isinstance(actor, dict) else None


def _matches(gold: dict, pred: dict) -> bool:
    if gold.get("type") != pred.get("type"):
        return False
    if _country(gold.get("source")) != _country(pred.get("source")):
        return False
    gt = _country(gold.get("target"))
    return gt is None or gt == _country(pred.get("target"))


def match_events(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching between gold and predicted events."""
    return max_matching([[j for j, p in enumerate(pred) if _matches(g, p)] for g in gold])




def _pair_docs(gold_docs: list[dict], pred_docs: list[dict]) -> list[tuple[dict, dict]]:
    by_id = {str(d.get("id")): d for d in pred_docs}
    pairs = []
    for g in gold_docs:
        p = by_id.get(str(g.get("id")))
        if p is None and g.get("file"):
            p = by_id.get(Path(g["file"]).stem) or by_id.get(g["file"])
        if p is None and len(gold_docs) == 1 and len(pred_docs) == 1:
            p = pred_docs[0]
        pairs.append((g, p or {"events": []}))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def score_events(pairs: Iterable[tuple[list[dict], list[dict]]]) -> dict[str, Any]:
    tp: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    n_gold: dict[str, int] = defaultdict(int)
    same_mode = same_modality = n_matched = 0
    misses: list[dict] = []
    extras: list[dict] = []
    for gold, pred in pairs:
        m = match_events(gold, pred)
        for g in gold:
            n_gold[g["type"]] += 1
        for p in pred:
            n_pred[p.get("type", "?")] += 1
        for i, j in m:
            tp[gold[i]["type"]] += 1
            n_matched += 1
            same_mode += gold[i].get("mode") == pred[j].get("mode")
            same_modality += gold[i].get("modality") == pred[j].get("modality")
        got_g = {i for i, _ in m}
        got_p = {j for _, j in m}
        misses += [gold[i] for i in range(len(gold)) if i not in got_g]
        extras += [pred[j] for j in range(len(pred)) if j not in got_p]
    types = [t for t in PLOVER_TYPES if n_gold[t] or n_pred[t]] + sorted(
        t for t in set(n_gold) | set(n_pred) if t not in PLOVER_TYPES)
    return {
        "overall": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
        "per_type": {t: _prf(tp[t], n_pred[t], n_gold[t]) for t in types},
        "mode_agreement": round(same_mode / n_matched, 4) if n_matched else None,
        "modality_agreement": round(same_modality / n_matched, 4) if n_matched else None,
        "missed": misses,
        "spurious": extras,
    }


def evaluate_events(gold_path: str | Path, pred_path: str | Path) -> dict[str, Any]:
    """Score ``pred_path`` (``marsad code`` output or a JSON document) against
    ``gold_path`` (seed_000_gold.json style: ``{"id", "events": [...]}`` or a
    list / JSON Lines of those)."""
    pairs = _pair_docs(_read_docs(gold_path), _read_docs(pred_path))
    return score_events((g.get("events", []), p.get("events", [])) for g, p in pairs)


def _actor_str(a: Any) -> str:
    if not a:
        return "-"
    return f"{a.get('country') or '?'}/{a.get('sector') or '?'}"


def format_report(result: dict[str, Any], show_errors: int = 10) -> str:
    lines = []
    o = result["overall"]
    lines.append(f"events  P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}  "
                 f"(tp {o['tp']}, predicted {o['pred']}, gold {o['gold']})")
    if result.get("mode_agreement") is not None:
        lines.append(f"on matched events: mode agreement {result['mode_agreement']:.3f}, "
                     f"modality agreement {result['modality_agreement']:.3f}")
    lines.append(f"{'type':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}")
    for t, r in result["per_type"].items():
        lines.append(f"{t:10} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['tp']:4d} {r['pred']:5d} {r['gold']:5d}")
    for title, items in (("missed (gold not matched)", result["missed"]), ("spurious (predicted not matched)", result["spurious"])):
        if items and show_errors:
            lines.append(title + ":")
            for e in items[:show_errors]:
                ev = e.get("evidence")
                ev = ev.get("text") if isinstance(ev, dict) else ev
                lines.append(f"  {e.get('type')} {_actor_str(e.get('source'))} -> {_actor_str(e.get('target'))} | {str(ev)[:70]}")
    return "\n".join(lines)


# ----------------------------------------------------------------- classifiers

def read_gsr(data_dir: str | Path, event_type: str) -> list[dict[str, str]]:
    """Labelled sentences of arabic_event_gsr for ``protest`` or ``assault``,
    without the ambiguous ones; ``yes`` is the positive class."""
    path = Path(data_dir) / f"{event_type.lower()}_train.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["label"] != "ambiguous"]


def read_quadclass(path: str | Path) -> list[tuple[str, int]]:
    with Path(path).open(encoding="utf-8", newline="") as f:
        return [(r["ar"], int(r["QuadClass"])) for r in csv.DictReader(f, delimiter="\t") if r.get("ar")]


def _binary(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    return _prf(tp, sum(pred), sum(gold))


def evaluate_gsr(data_dir: str | Path, split: str = "dev") -> dict[str, Any]:
    """Sentence detection on arabic_event_gsr's dev split: the trained
    detector alone, and the full pipeline's event coder (does coding the
    sentence as a one-line article produce an event of that type?)."""
    from ..model import Document
    from ..pipeline import Pipeline, default_pipeline
    from .classify import load_model
    from .stage import event_stage

    pipe = default_pipeline()
    if "events" not in pipe.names:
        pipe = Pipeline(pipe.components + [event_stage])

    out: dict[str, Any] = {}
    for etype in ("PROTEST", "ASSAULT"):
        rows = [r for r in read_gsr(data_dir, etype) if is_dev(r["id"]) == (split == "dev")]
        gold = [r["label"] == "yes" for r in rows]
        model = load_model(etype.lower())
        res: dict[str, Any] = {"sentences": len(rows), "positives": sum(gold)}
        if model is not None:
            pred = [model.proba(r["text"])[1] >= model.threshold for r in rows]
            res["classifier"] = _binary(gold, pred)
            # diagnostic: the contested "difficult no" sentences (one annotator said yes) left out
            keep = [i for i, r in enumerate(rows) if r["label"] != "difficult no"]
            res["classifier_vs_easy_no"] = _binary([gold[i] for i in keep], [pred[i] for i in keep])
        coded = []
        for r in rows:
            doc = pipe(Document(id=r["id"], raw=r["text"]))
            coded.append(any(e.type == etype for e in doc.events))
        res["coder"] = _binary(gold, coded)
        out[etype] = res
    return out


def evaluate_quadclass(path: str | Path, split: str = "dev") -> dict[str, Any]:
    from .classify import load_model

    model = load_model("quadclass")
    if model is None:
        return {"error": "no quadclass model shipped"}
    rows = [(t, y) for t, y in read_quadclass(path) if is_dev(t) == (split == "dev")]
    pred = [model.classes[max(range(len(model.classes)), key=lambda k: p[k])] for p in (model.proba(t) for t, _ in rows)]
    correct = sum(p == y for p, (_, y) in zip(pred, rows))
    per_class = {}
    for c in model.classes:
        g = [y == c for _, y in rows]
        per_class[str(c)] = _binary(g, [p == c for p in pred])
    return {"sentences": len(rows), "accuracy": round(correct / len(rows), 4) if rows else 0.0, "per_class": per_class}


def format_classifier_report(gsr: dict[str, Any] | None = None, quad: dict[str, Any] | None = None) -> str:
    lines = []
    for etype, r in (gsr or {}).items():
        lines.append(f"{etype} sentences (dev {r['sentences']}, positive {r['positives']})")
        for k, label in (("classifier", "classifier"), ("classifier_vs_easy_no", "classifier, yes vs easy no only"),
                         ("coder", "event coder")):
            if k in r:
                x = r[k]
                lines.append(f"  {label:32} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}")
    if quad:
        if "accuracy" in quad:
            lines.append(f"QuadClass 5-way accuracy {quad['accuracy']:.3f} on {quad['sentences']} dev sentences")
            from .ontology import QUADCLASS_AR_NAMES
            for c, x in quad["per_class"].items():
                name = QUADCLASS_AR_NAMES.get(int(c), "?")
                lines.append(f"  class {c} ({name}): P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}")
        else:
            lines.append(str(quad))
    return "\n".join(lines)
