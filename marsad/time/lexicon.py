"""Word lists of the date recogniser, read from ``marsad/resources/time/``.

Every form is folded with :func:`marsad.text.normalize.normalize` when it is
loaded, so the lists can be written in ordinary spelling and are matched
against folded text.  The lists are loaded once, at import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..text.normalize import normalize

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "time"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (RESOURCES / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def _words(name: str) -> list[str]:
    return [normalize(r[0].strip()) for r in _rows(name)]


def alternation(forms) -> str:
    """A regex alternation of folded forms, longest first; a space in a form
    matches any run of white space."""
    uniq = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in uniq)


def key(folded: str) -> str:
    """Lookup key of a form matched in folded text: single spaces."""
    return " ".join(folded.split()) if " " in folded or "\n" in folded or "\t" in folded else folded


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # Gregorian month forms -> 1..12
    weak_months: frozenset[str]
    hijri_months: dict[str, int]
    hijri_epithets: frozenset[str]  # المبارك after رمضان
    weekdays: dict[str, int]  # -> Python weekday (Monday 0)
    ordinals: dict[str, int]
    first_day: dict[str, int]
    numbers: dict[str, tuple[int, str]]  # -> (value, unit|teen|ten)
    units: dict[str, tuple[str, int | None]]  # -> (day|week|month|year, count or None)
    modifiers: dict[str, int]  # -> -1 / 0 / +1
    positions: frozenset[str]
    future_cues: tuple[str, ...]
    weak_future_cues: frozenset[str]  # future unless a past verb precedes them
    future_prefix_exceptions: tuple[str, ...]  # stems: no word starting with them is a verb
    future_word_exceptions: frozenset[str]
    past_cues: frozenset[str]
    reporting_verbs: frozenset[str]  # past cues whose reported content may be future
    number_cues: frozenset[str]
    counted_nouns: frozenset[str]
    counted_exceptions: frozenset[str]
    name_heads: dict[str, str]  # -> "name" | "event"
    adjective_heads: frozenset[str]
    today_next: frozenset[str]
    today_prev: frozenset[str]
    complement_verbs: dict[str, frozenset[str]]  # verb form -> prepositions of its object


def _month_names(name: str, flag_column: int) -> tuple[dict[str, int], frozenset[str]]:
    """Month forms -> number, and the forms flagged "weak"."""
    names: dict[str, int] = {}
    weak: set[str] = set()
    for row in _rows(name):
        form = normalize(row[0])
        names[form] = int(row[1])
        if len(row) > flag_column and row[flag_column] == "weak":
            weak.add(form)
    return names, frozenset(weak)


def _complement_verbs(name: str) -> dict[str, frozenset[str]]:
    """Verb forms -> the prepositions (من، على) that introduce their object;
    a form that does not end in a weak letter or ت also gets its ـت، ـوا and
    ـا forms (حذر → حذرت، حذروا، حذرا)."""
    preps: dict[str, set[str]] = {}
    for form, prep in ((normalize(r[0]), normalize(r[1])) for r in _rows(name)):
        forms = [form] if form[-1] in "يوت" else [form + s for s in ("", "ت", "وا", "ا")]
        for f in forms:
            preps.setdefault(f, set()).add(prep)
    return {f: frozenset(p) for f, p in preps.items()}


def load() -> Lexicon:
    months, weak = _month_names("months.tsv", 3)
    hijri, _ = _month_names("hijri_months.tsv", 2)
    counted = _words("counted_nouns.txt")
    blockers = _rows("today_blockers.txt")
    return Lexicon(
        months=months,
        weak_months=weak,
        hijri_months=hijri,
        hijri_epithets=frozenset(_words("hijri_epithets.txt")),
        weekdays={normalize(r[0]): int(r[1]) for r in _rows("weekdays.tsv")},
        ordinals={normalize(r[0]): int(r[1]) for r in _rows("ordinals.tsv")},
        first_day={normalize(r[0]): int(r[1]) for r in _rows("first_day.tsv")},
        numbers={normalize(r[0]): (int(r[1]), r[2]) for r in _rows("numbers.tsv")},
        units={normalize(r[0]): (r[1], None if r[2] == "-" else int(r[2])) for r in _rows("units.tsv")},
        modifiers={normalize(r[0]): int(r[1]) for r in _rows("modifiers.tsv")},
        positions=frozenset(_words("positions.tsv")),
        future_cues=tuple(_words("future_cues.txt")),
        weak_future_cues=frozenset(normalize(r[0]) for r in _rows("future_cues.txt") if r[1:] == ["weak"]),
        future_prefix_exceptions=tuple(w[:-1] for w in _words("future_prefix_exceptions.txt") if w.endswith("*")),
        future_word_exceptions=frozenset(w for w in _words("future_prefix_exceptions.txt") if not w.endswith("*")),
        past_cues=frozenset(_words("past_cues.txt")) | frozenset(_words("reporting_verbs.txt")),
        reporting_verbs=frozenset(_words("reporting_verbs.txt")),
        number_cues=frozenset(_words("number_cues.txt")),
        counted_nouns=frozenset(w for w in counted if not w.startswith("!")),
        counted_exceptions=frozenset(w[1:] for w in counted if w.startswith("!")),
        name_heads={normalize(r[0]): (r[1] if len(r) > 1 else "name") for r in _rows("name_heads.txt")},
        adjective_heads=frozenset(_words("general_adjective_heads.txt")),
        today_next=frozenset(normalize(r[1]) for r in blockers if r[0] == "next"),
        today_prev=frozenset(normalize(r[1]) for r in blockers if r[0] == "prev"),
        complement_verbs=_complement_verbs("complement_verbs.tsv"),
    )


LEX = load()
