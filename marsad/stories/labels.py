"""Readable story labels in Arabic and English.

A label names who (the most frequent actors, when the documents carry linked
mentions; otherwise the heaviest terms of the story's centroid), what (the
most frequent PLOVER event type, when events were coded) and when (the date
span), e.g.::

    منظمة الدول التركية، كازاخستان — مشاورات — 2022-01-11 إلى 2022-01-12 (5 مقالات، 4 مصادر)
    Organization of Turkic States, Kazakhstan — consultation — 2022-01-11 to 2022-01-12 (5 articles, 4 outlets)

Without English actor names the English label transliterates the Arabic terms
(a reading aid, not a translation).
"""
from __future__ import annotations

from dataclasses import dataclass, field

PLOVER_AR = {
    "AGREE": "اتفاق", "CONSULT": "مشاورات", "SUPPORT": "دعم", "CONCEDE": "تنازل", "COOPERATE": "تعاون",
    "AID": "مساعدات", "RETREAT": "انسحاب", "REQUEST": "مطالبة", "ACCUSE": "اتهام", "REJECT": "رفض",
    "THREATEN": "تهديد", "PROTEST": "احتجاج", "SANCTION": "عقوبات", "MOBILIZE": "تعبئة", "COERCE": "إكراه",
    "ASSAULT": "هجوم",
}
PLOVER_EN = {
    "AGREE": "agreement", "CONSULT": "consultation", "SUPPORT": "support", "CONCEDE": "concession",
    "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "retreat", "REQUEST": "demand", "ACCUSE": "accusation",
    "REJECT": "rejection", "THREATEN": "threat", "PROTEST": "protest", "SANCTION": "sanctions",
    "MOBILIZE": "mobilisation", "COERCE": "coercion", "ASSAULT": "assault",
}

_TRANSLIT = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "'", "ؤ": "'", "ئ": "'", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a",
})

LABEL_ITEMS = 3


@dataclass(slots=True)
class LabelFacts:
    terms: list[str] = field(default_factory=list)  # written forms, heaviest first
    actors_ar: list[str] = field(default_factory=list)
    actors_en: list[str] = field(default_factory=list)
    event_type: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    n_docs: int = 0
    n_outlets: int = 0


def transliterate(word: str) -> str:
    return word.translate(_TRANSLIT).strip("'")


def make_labels(f: LabelFacts) -> tuple[str, str]:
    who_ar = f.actors_ar[:LABEL_ITEMS] or f.terms[:LABEL_ITEMS + 1]
    who_en = f.actors_en[:LABEL_ITEMS] or [transliterate(t) for t in f.terms[:LABEL_ITEMS + 1]]
    parts_ar = ["، ".join(who_ar)]
    parts_en = [", ".join(who_en)]
    if f.event_type:
        parts_ar.append(PLOVER_AR.get(f.event_type, f.event_type))
        parts_en.append(PLOVER_EN.get(f.event_type, f.event_type.lower()))
    if f.first_date:
        if f.last_date and f.last_date != f.first_date:
            parts_ar.append(f"{f.first_date} إلى {f.last_date}")
            parts_en.append(f"{f.first_date} to {f.last_date}")
        else:
            parts_ar.append(f.first_date)
            parts_en.append(f.first_date)
    label_ar = " — ".join(p for p in parts_ar if p)
    label_en = " — ".join(p for p in parts_en if p)
    label_ar += f" ({f.n_docs} {'مقال' if f.n_docs == 1 else 'مقالات'}، {f.n_outlets} {'مصدر' if f.n_outlets == 1 else 'مصادر'})"
    label_en += f" ({f.n_docs} article{'s' if f.n_docs != 1 else ''}, {f.n_outlets} outlet{'s' if f.n_outlets != 1 else ''})"
    return label_ar, label_en
