"""Phrase lists for the NER tagger's gazetteer features.

Sources (all from ../shared, licences in SOURCES.md):
  CITY  world-cities-ar.csv: country names and cities (LOC)           CC BY 4.0
  UPA   UniversalPetrarch Arabic actor dictionary: persons, bodies,
        roles (ROLE) and places, classified by their head word         MIT
  WOJ   Wojood sample entities mapped to ANERcorp classes              MIT
  TRN   / TRNW  ANERcorp training entities (phrases / words), added by train.py

    python training/ner/build_gazetteer.py   # writes marsad/resources/ner/static_gazetteer.tsv
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CITIES, UP_ACTORS, wojood_sentences  # noqa: E402
from train import memory  # noqa: E402
from marsad.ner.features import Gazetteer, fold, phrase_key  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "marsad" / "resources" / "ner" / "static_gazetteer.tsv"

ROLE_HEADS = {fold(w) for w in "رئيس وزير وزيرة سفير نائب مسؤول أمين قائد جنرال ملك أمير شيخ دكتور مدير متحدث عاهل مستشار ناطق زعيم رئيسة ولي مبعوث مندوب عضو قاضي".split()}
ORG_HEADS = {fold(w) for w in "قوة قوات وزارة حزب مجلس حكومة جامعة جيش وكالة محكمة شركة حركة شرطة اتحاد سلطة برلمان منظمة بنك إدارة صحيفة جهاز هيئة سلاح جبهة لجنة مؤسسة كتائب جماعة تنظيم ائتلاف تحالف جمعية مكتب مركز بعثة صندوق".split()}
LOC_HEADS = {fold(w) for w in "منطقة عاصمة مدينة ولاية محافظة جمهورية دولة مملكة إمارة إقليم".split()}
_WORD = re.compile(r"\S+")


def cities() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    with open(CITIES, encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            for name in (row["CountryNameAr"], row["CityNameAr"]):
                words = _WORD.findall(name or "")
                if not words:
                    continue
                out[phrase_key(words)] = "LOC"
                if len(words) > 1 and fold(words[0]) in LOC_HEADS:  # "ولاية قندهار" is also just "قندهار"
                    out[phrase_key(words[1:])] = "LOC"
    return out


def up_actors() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    entry: list[str] | None = None
    dated = False
    entries: list[tuple[list[str], bool, str]] = []
    code = ""
    for line in UP_ACTORS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and line.strip().startswith("["):
            dated = True
            continue
        if entry:
            entries.append((entry, dated, code))
        head = line.strip().split("[")[0].split("#")[0].strip()
        code = line.split("[")[1].split("]")[0] if "[" in line else ""
        entry = [w for w in head.split("_") if w]
        dated = False
    if entry:
        entries.append((entry, dated, code))
    for words, dated, code in entries:
        if not words or not all("\u0600" <= w[0] <= "\u06ff" for w in words):
            continue
        head = fold(words[0])
        if head in ROLE_HEADS:
            label = "ROLE"
        elif head in ORG_HEADS:
            label = "ORG"
        elif head in LOC_HEADS or (len(words) == 1 and len(code) == 3):
            label = "LOC"
        elif dated and 2 <= len(words) <= 4:
            label = "PERS"
        else:
            label = "ACT"
        out[phrase_key(words)] = label
    return out


def main() -> None:
    gaz = Gazetteer({"CITY": cities(), "UPA": up_actors(), "WOJ": memory(wojood_sentences(), min_ratio=0.0)[0]})
    gaz.dump(OUT)
    for name, phrases in gaz.sources.items():
        print(name, len(phrases), Counter(phrases.values()).most_common())
    print("->", OUT)


if __name__ == "__main__":
    main()
