"""The regular grammar of Arabic temporal expressions, over folded text.

Patterns are assembled from the word lists in :mod:`marsad.time.lexicon` and
compiled once.  Each pattern is one kind of expression; its named groups are
the parts the resolver reads (day, month, year, modifier, weekday …).  The
whole pattern source is folded like the text it runs on, so it is written in
ordinary Arabic spelling here.

Every pattern is wrapped so that a proclitic و/ف/ب/ل/ك glued to the first word
stays outside the expression (group ``x``): و2021 → 2021, برمضان → رمضان.
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from .lexicon import LEX, alternation

MONTH = alternation(LEX.months)
HMONTH = alternation(LEX.hijri_months)
HMONTH_EPITHET = rf"(?:\s+(?:{alternation(LEX.hijri_epithets)}))?"  # رمضان المبارك
WEEKDAY = alternation(LEX.weekdays)
ORDINAL = alternation(LEX.ordinals)
FIRST_DAY = alternation(LEX.first_day)
MODIFIER = alternation(LEX.modifiers)
POSITION = alternation(LEX.positions)
UNIT = alternation(LEX.units)
_units = [w for w, (_, k) in LEX.numbers.items() if k == "unit"]
_teens = [w for w, (_, k) in LEX.numbers.items() if k == "teen"]
_tens = [w for w, (_, k) in LEX.numbers.items() if k == "ten"]
NUMBER_WORD = rf"(?:(?:{alternation(_units)})\s+و\s*(?:{alternation(_tens)})|{alternation(_teens)}|{alternation(_units)}|{alternation(_tens)})"

REL_DAY = r"اليوم|الأمس|أمس\s+الأول|أول\s+من\s+أمس|أول\s+أمس|أمس|بعد\s+غد|الغد|غداً|غدا|غد"
DAY_NUM = r"(?:الـ?\s*)?(?:[0-3]?\d)(?!\d)"  # 15، الـ15
DAY = rf"(?:{DAY_NUM}|{ORDINAL}|{FIRST_DAY})"
CONNECTOR = r"-|–|و?(?:إلى|حتى|لغاية)|و"
YEAR_WORD = r"(?:ال|لل|ل)?(?:عام|سنة)"
GREG_YEAR = r"[12]\d{3}(?!\d)"
HIJRI_YEAR = r"1[345]\d{2}(?!\d)"
GREG_ERA = r"(?:م|ميلادي|ميلادية)(?!\w)"
HIJRI_ERA = r"(?:هـ|ه|هجري|هجرية|للهجرة)(?!\w)"
PAIR_SEP = r"\s*(?:/|\\|-|–|\()\s*"

# Weekday, relative day and يوم that may stand before a date ("اليوم الأحد 1 شوال").
LEAD = (
    rf"(?:(?P<yawm>يوم|يومي|نهار|أيام)\s+)?"
    rf"(?:(?P<rel>{REL_DAY})\s+)?"
    rf"(?:(?P<wd>{WEEKDAY})(?:\s+(?P<wdmod>{MODIFIER}))?\s*،?\s*(?:الموافق\s+)?)?"
)
# One day, or two sharing the month ("من 5 إلى 7"، "بين 27 و30"، "يومي 10 و11").
DAYS = (
    rf"(?:(?P<rng>من|بين)\s+)?{LEAD}"
    rf"(?P<d1>{DAY})(?:(?:\s*[،,و]\s*{DAY_NUM})*\s*(?P<conn>{CONNECTOR})\s*(?P<d2>{DAY_NUM}|{ORDINAL}))?"
    rf"(?P<of>\s+من)?(?:\s+شهر)?\s*"
)
# A month named once or twice (يناير/ كانون الثاني، كانون الثاني (يناير)).
MONTHS = rf"(?P<mon>{MONTH})(?:{PAIR_SEP}(?P<mon2>{MONTH})\s*\)?)?"
THIS_MONTH = rf"(?P<thism>(?:هذا\s+)?الشهر)(?:\s+(?P<tmod>{MODIFIER}))?"
GREG_TAIL = (
    rf"(?:\s+(?P<mod>{MODIFIER})(?!\s*[12]\d{{3}})"
    rf"|\s*،?\s*(?:من\s+)?(?:(?P<ykw>{YEAR_WORD})\s+)?(?P<year>{GREG_YEAR})(?:\s*(?P<era>{GREG_ERA}))?"
    rf"|\s+من\s+(?P<ryear>(?:هذا\s+العام|هذه\s+السنة|(?:العام|السنة)\s+(?P<rymod>{MODIFIER}))))?"
)
HIJRI_TAIL = (
    rf"(?:\s+(?P<mod>{MODIFIER})"
    rf"|\s*،?\s*(?:من\s+)?(?:(?P<ykw>{YEAR_WORD})\s+)?(?P<year>{HIJRI_YEAR})(?:\s*(?P<era>{HIJRI_ERA}))?)?"
)

SOURCES: dict[str, str] = {
    # day + Gregorian month (+ year or modifier)
    "date": rf"{DAYS}(?:{MONTHS}|{THIS_MONTH}){GREG_TAIL}",
    # day + Hijri month (+ Hijri year)
    "hijri_date": rf"{DAYS}(?:شهر\s+)?(?P<hmon>{HMONTH}){HMONTH_EPITHET}{HIJRI_TAIL}",
    # Gregorian month without a day
    "month": rf"(?:(?P<pos>{POSITION})\s+)?(?:(?P<shahr>شهري|شهر)\s+)?{MONTHS}{GREG_TAIL}",
    # Hijri month with a modifier or a year (a bare رمضان is not a date)
    "hijri_month": (
        rf"(?:(?P<pos>{POSITION})\s+)?(?:شهر\s+)?(?P<hmon>{HMONTH}){HMONTH_EPITHET}"
        rf"(?:\s+(?P<mod>{MODIFIER})|\s+(?:(?P<ykw>{YEAR_WORD})\s+)?(?P<year>{HIJRI_YEAR})(?:\s*(?P<era>{HIJRI_ERA}))?)"
    ),
    # 11/1/2022، 2022-01-11; one space may stand around the separators (11 / 1 / 2022)
    "numeric": (
        rf"{LEAD}(?:(?P<d>\d{{1,2}}) ?(?P<s1>[/.-]) ?(?P<m>\d{{1,2}}) ?(?P=s1) ?(?P<y>[12]\d{{3}})"
        rf"|(?P<y2>[12]\d{{3}}) ?(?P<s2>[/.-]) ?(?P<m2>\d{{1,2}}) ?(?P=s2) ?(?P<d2>\d{{1,2}}))(?![\d/])"
        rf"(?:\s*(?P<era>{HIJRI_ERA}|{GREG_ERA}))?"
    ),
    # الخميس، يوم الخميس الماضي، الاثنين من الأسبوع المقبل
    "weekday": (
        rf"(?:(?P<yawm>يوم|نهار)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<mod>{MODIFIER})|\s+من\s+(?:(?P<wkthis>هذا)\s+الأسبوع|الأسبوع\s+(?P<wkmod>{MODIFIER})))?"
    ),
    "rel_day": rf"(?:(?P<yawm>يوم)\s+)?(?P<rel>{REL_DAY})(?:\s*،?\s*(?P<wd>{WEEKDAY}))?",
    "rel_unit": (
        rf"(?:(?P<pos>{POSITION})\s+)?"
        rf"(?:(?P<this>هذا|هذه)\s+(?P<unit>ال(?:أسبوع|شهر|عام|سنة))"
        rf"|(?P<unit2>(?:ال|لل)(?:أسبوع|شهر|عام|سنة))\s+(?P<before>قبل\s+)?(?P<mod>{MODIFIER}))"
        rf"(?:\s+(?P<year>{GREG_YEAR}))?"
    ),
    "ago": (
        rf"(?P<prep>منذ|قبل)\s+(?:(?:نحو|حوالي|قرابة|زهاء|ما\s+يقارب|ما\s+يناهز)\s+)?"
        rf"(?:(?P<num>\d{{1,3}}|{NUMBER_WORD})\s+(?P<unit>{UNIT})|(?P<unit1>{UNIT}))"
        rf"(?:\s+(?:واحد|واحدة|كامل|كاملة|فقط))?(?!\s*\d)"
    ),
    "year": (
        rf"(?:(?P<pos>{POSITION})\s+)?"
        rf"(?:(?P<ykw>{YEAR_WORD}|عامي|سنتي)\s+)?(?:ال)?(?P<year>{GREG_YEAR}|{HIJRI_YEAR})(?![.,:/]\d)"
        rf"(?:\s*(?P<era>{HIJRI_ERA}|{GREG_ERA}))?"
    ),
    "decade": (
        rf"(?:(?P<pos>{POSITION})\s+)?(?:عقد\s+)?(?:ال)?"
        rf"(?P<dec>عشرين|ثلاثين|أربعين|خمسين|ستين|سبعين|ثمانين|تسعين)(?:يات|ات)"
        rf"(?:\s+(?:من\s+)?القرن\s+(?P<cent>{ORDINAL}|{MODIFIER}|(?:ال)?\s*\d{{1,2}}(?!\d)))?"
    ),
    # العقد الأول من القرن الحادي والعشرين، العقد الثاني من هذا القرن
    "decade_ord": (
        rf"(?:(?P<pos>{POSITION})\s+)?العقد\s+(?P<dord>{ORDINAL})\s+من\s+"
        rf"(?:(?P<this>هذا)\s+القرن|القرن\s+(?P<cent>{ORDINAL}|{MODIFIER}|(?:ال)?\s*\d{{1,2}}(?!\d)))"
    ),
    "century": (
        rf"(?:(?P<pos>{POSITION})\s+)?القرن\s+"
        rf"(?P<cent>{ORDINAL}|{MODIFIER}|(?:ال)?\s*\d{{1,2}}(?!\d))"
    ),
}

# A pattern runs on a sentence only when the sentence has a word the pattern
# cannot match without (its gate): most sentences hold few dates, and a set
# lookup per word is much cheaper than running the grammar.
def _first_words(forms) -> frozenset[str]:
    return frozenset(f.split()[0] for f in forms)


_MONTH_WORDS = _first_words(LEX.months) | {"الشهر"}
_HIJRI_WORDS = _first_words(LEX.hijri_months)
_UNIT_WORDS = frozenset(normalize(p + u) for p in ("ال", "لل") for u in ("أسبوع", "شهر", "عام", "سنة"))
WORD_GATES: dict[str, frozenset[str]] = {
    "date": _MONTH_WORDS,
    "hijri_date": _HIJRI_WORDS,
    "month": _MONTH_WORDS,
    "hijri_month": _HIJRI_WORDS,
    "weekday": frozenset(LEX.weekdays),
    "rel_day": frozenset(normalize(w) for w in ("أمس", "الأمس", "اليوم", "غدا", "غد", "الغد")),
    "rel_unit": _UNIT_WORDS,
    "ago": frozenset(("منذ", "قبل")),
}
TEXT_GATES: dict[str, re.Pattern[str]] = {
    "numeric": re.compile(r"\d ?[/.-] ?\d"),
    "year": re.compile(r"\d{4}"),
    "decade": re.compile(normalize(r"ين(?:يات|ات)")),
    "decade_ord": re.compile(normalize("القرن")),
    "century": re.compile(normalize("القرن")),
}
_GATE_WORD = re.compile(r"\w+")


def gate_words(folded: str) -> set[str]:
    """The words of a sentence, each also without its first one or two letters
    (a proclitic: و2021، برمضان، للعام) and without digits glued before or
    after it (14جانفي، اكتوبر2018).  Extra variants are harmless: this only
    decides which patterns run."""
    words = _GATE_WORD.findall(folded)
    out = set(words)
    out.update([w[1:] for w in words])
    out.update([w[2:] for w in words])
    out.update([w.strip("0123456789") for w in words if w[0].isdigit() or w[-1].isdigit()])
    return out


def open_gates(folded: str) -> list[str]:
    """Names of the patterns worth running on ``folded``."""
    words = gate_words(folded)
    names = [k for k, gate in WORD_GATES.items() if not gate.isdisjoint(words)]
    names += [k for k, gate in TEXT_GATES.items() if gate.search(folded)]
    return names


PROCLITIC = r"(?:[وف][بلك]?|[بلك])?"


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){PROCLITIC}(?P<x>{normalize(source)})(?!\w)")


PATTERNS: dict[str, re.Pattern[str]] = {name: _compile(src) for name, src in SOURCES.items()}

# Text between two expressions that joins them into a range (after من/بين) or
# a coordination.
RANGE_GAP = re.compile(normalize(r"\s*(?:-|–|و?\s*(?:إلى|حتى|لغاية)|و)\s*"))
COORD_GAP = re.compile(normalize(r"\s*(?:،|,)?\s*(?:و|أو)?\s*"))
RANGE_OPENER = re.compile(normalize(r"(?:^|(?<=\s)|(?<=[(،,]))[وف]?(?:من|بين|ما\s+بين)\s*$"))
WORD = re.compile(r"\w+")
