"""How much geoparsing adds to the pipeline, and how fast the gazetteer loads.

    python bench/geo.py [--docs 200]

Runs the default pipeline (whatever stages this installation wires, without geo) over news
articles — ../shared/data/unlabeled/jawhara_fm.jsonl when present, else the seeds, else a
built-in paragraph — then times the geo stage on the same documents. Prints the gazetteer load
time (fresh process), milliseconds per document for both, and geo's share of the pipeline time.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"

_FALLBACK = ("اندلعت احتجاجات في مدينة جاناوزن غربي كازاخستان ثم امتدت إلى أكتاو وألماتي، "
             "وأعلن الرئيس حالة الطوارئ في العاصمة ومنطقة مانغيستاو، فيما وصلت قوات روسية إلى البلاد.")


def load_texts(n: int) -> list[str]:
    corpus = SHARED / "data" / "unlabeled" / "jawhara_fm.jsonl"
    if corpus.exists():
        out = []
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                out.append(json.loads(line)["text"])
                if len(out) >= n:
                    break
        return out
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").exists() else []
    if seeds:
        return [p.read_text(encoding="utf-8") for p in seeds]
    return [_FALLBACK * 5] * 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()

    code = "import time; t=time.perf_counter(); from marsad.geo import load_gazetteer; load_gazetteer(); print(time.perf_counter()-t)"
    load_s = float(subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                                  check=True).stdout)

    from marsad.geo import geo_stage, load_gazetteer
    from marsad.model import Document
    from marsad.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline.components = [c for c in pipeline.components if getattr(c, "name", "") != "geo"]
    load_gazetteer()
    texts = load_texts(args.docs)
    chars = sum(len(t) for t in texts)

    t0 = time.perf_counter()
    docs = [pipeline(Document(id=str(i), raw=t, pub_date="2017-01-01")) for i, t in enumerate(texts)]
    base_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    places = 0
    for doc in docs:
        geo_stage(doc)
        places += sum(1 for m in doc.mentions if m.type == "LOC" and m.location)
    geo_s = time.perf_counter() - t0
    # a second pass over the same documents: the per-word memo tables are warm, as in a long run
    t0 = time.perf_counter()
    for doc in docs:
        geo_stage(doc)
    warm_s = time.perf_counter() - t0

    n = len(docs)
    print(f"documents: {n} ({chars / n:.0f} characters each on average)")
    print(f"pipeline stages timed: {', '.join(pipeline.names)}")
    print(f"gazetteer load (fresh process): {load_s * 1000:.0f} ms")
    print(f"pipeline without geo: {base_s / n * 1000:.1f} ms/doc")
    print(f"geo stage, first pass: {geo_s / n * 1000:.1f} ms/doc ({places / n:.1f} placed LOC mentions/doc)")
    print(f"geo stage, warm:       {warm_s / n * 1000:.1f} ms/doc")
    print(f"geo adds {geo_s / base_s * 100:.1f}% (first pass) / {warm_s / base_s * 100:.1f}% (warm) to the pipeline time")


if __name__ == "__main__":
    main()
