"""Actor linking: gazetteer size, seed accuracy, speed.

    python bench/actors.py [--shared ../shared] [--docs 300] [--words 400]

Prints the gazetteer's size (entries by kind, aliases, offices), the seed gold
score (:func:`marsad.actors.evaluate.evaluate_actors` on
``eval/dev/seed_000_gold.json``) and the actor stage's time per article on
unlabeled news articles cut to ``--words`` words (clean and sentence stages
run beforehand and are not timed; the gazetteer is loaded before timing, and
its cold load time is printed separately).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from marsad.actors import actor_stage  # noqa: E402
from marsad.actors.gazetteer import _load  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import default_pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--words", type=int, default=400)
    args = ap.parse_args()

    t = time.perf_counter()
    gz = _load(())
    load_s = time.perf_counter() - t
    kinds = Counter(e.kind for e in gz.entries.values())
    aliases = sum(len(e.aliases) for e in gz.entries.values())
    shorts = sum(len(e.short) for e in gz.entries.values())
    terms = sum(len(v) for v in gz.terms.values())
    print(f"gazetteer: {len(gz.entries)} entries {dict(sorted(kinds.items()))}")
    print(f"  {aliases} aliases, {shorts} surname forms, {terms} office terms, "
          f"{len(gz.countries)} countries; cold load {load_s * 1000:.0f} ms")

    gold = args.shared / "eval" / "dev" / "seed_000_gold.json"
    if gold.exists():
        from marsad.actors.evaluate import evaluate_actors
        r = evaluate_actors(gold, args.shared / "seeds")
        print(f"seed_000 gold actors: {r['linked']}/{r['occurrences']} occurrences linked "
              f"(accuracy {r['accuracy']}), {r['not_in_text']} gold actor(s) not in the cleaned text")
        for row in r["rows"]:
            if row["status"] != "linked":
                print(f"  {row['status']}: {row['text']} {row.get('want', '')} got {row.get('got', '')}")

    corpus = args.shared / "data" / "unlabeled" / "jawhara_fm.jsonl"
    if not corpus.exists():
        print("speed: corpus not found, skipped")
        return
    base = default_pipeline()
    docs = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= args.docs:
                break
            d = json.loads(line)
            words = d["text"].split()
            if len(words) < args.words:
                continue
            docs.append(base(Document(id=d["id"], raw=" ".join(words[:args.words]), pub_date=d.get("pub_date"))))
    t = time.perf_counter()
    mentions = sum(len(actor_stage(d).mentions) for d in docs)
    dt = time.perf_counter() - t
    print(f"speed: {len(docs)} articles of {args.words} words, actor stage {dt / len(docs) * 1000:.2f} ms/article "
          f"({len(docs) / dt:.0f} articles/s), {mentions / len(docs):.1f} mentions/article")


if __name__ == "__main__":
    main()
