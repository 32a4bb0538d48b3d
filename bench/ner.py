"""NER tagger speed, load time and artefact size.

    python bench/ner.py [--sentences N]

Tags ANERcorp-style sentences on one core (the ANERcorp train file when
../shared is present, else a built-in paragraph repeated) and prints load
time, cold and warm throughput in tokens/second, and the shipped size.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FALLBACK = ("أعلن وزير الخارجية المصري أحمد أبو الغيط في القاهرة أمس أن مصر ستستضيف اجتماعا لجامعة الدول العربية "
            "لبحث الأوضاع في لبنان . وقال المتحدث باسم الأمم المتحدة في نيويورك إن الأمين العام بان كي مون "
            "سيزور بيروت الأسبوع المقبل .")


def sentences(limit: int) -> list[list[str]]:
    gold = REPO.parent / "shared" / "data" / "ner" / "anercorp" / "train.conll"
    if gold.exists():
        from marsad.ner.conll import read_conll
        sents = [[t for t, _ in s] for s in read_conll(gold)]
    else:
        sents = [s.split() + ["."] for s in FALLBACK.split(" . ") if s] * 2000
    return sents[:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=2000)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    t0 = time.perf_counter()
    from marsad.ner import RESOURCES, load_tagger
    tagger = load_tagger()
    load = time.perf_counter() - t0
    sents = sentences(args.sentences)
    n = sum(map(len, sents))
    print(f"model load (import + read resources): {load:.2f} s")
    # CPU time is reported next to wall time: on a shared machine the wall
    # clock also counts time spent waiting for the core.
    for label in ("cold (empty word cache)", "warm"):
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag(sents)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        print(f"tagging {label}: {n} tokens in {dt:.2f} s wall = {n / dt:,.0f} tokens/s; "
              f"{dc:.2f} s CPU = {n / dc:,.0f} tokens/s")
    size = sum(p.stat().st_size for p in RESOURCES.iterdir() if p.is_file())
    print(f"shipped artefacts in {RESOURCES.relative_to(REPO)}: {size / 1e6:.1f} MB")
    for p in sorted(RESOURCES.iterdir()):
        print(f"  {p.name}: {p.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
