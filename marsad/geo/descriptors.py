"""Places named by a relation to a country rather than by a name.

"العاصمة السابقة للبلاد" (the former capital), "العاصمة الكازاخستانية",
"المناطق الشمالية" and "شمال البلاد" point to a gazetteer entry only through a
country: the one named right after the phrase (للبلاد / a nisba / لكازاخستان),
else the document's focus country.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Token
from .gazetteer import Gazetteer, Place
from .match import demonym_at, variants

_SIDES = {"شماليه": "north", "جنوبيه": "south", "شرقيه": "east", "غربيه": "west",
          "شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west",
          "شمالي": "north", "جنوبي": "south", "شرقي": "east", "غربي": "west"}
_AREAS = {"مناطق", "منطقه", "مدن", "اجزاء", "ولايات", "محافظات", "اقاليم", "اقليم", "اراضي", "انحاء"}
_THE_COUNTRY = {"البلاد", "للبلاد", "بالبلاد", "البلد", "للبلد"}
_LINKS = {"في", "من"}


def _stem(tok: Token) -> str:
    return tok.stem


def country_after(tokens: list[Token], j: int, gz: Gazetteer, focus: str | None) -> tuple[int, str | None]:
    """(tokens consumed, country) for what follows a descriptor: للبلاد, الكازاخستانية,
    لكازاخستان, في البلاد, في كازاخستان; (0, focus) when nothing names one."""
    if j < len(tokens):
        tok = tokens[j]
        if tok.norm in _THE_COUNTRY:
            return 1, focus
        d = demonym_at(tokens, j, gz)
        if d:
            return 1, d
        for v in variants(tok.norm):
            iso3 = gz.country_of_key(v)
            if iso3 and v != tok.norm:  # لكازاخستان: a country name with a preposition attached
                return 1, iso3
        if tok.norm in _LINKS and j + 1 < len(tokens):
            n, iso3 = country_after(tokens, j + 1, gz, None)
            if n and (iso3 or tokens[j + 1].norm in _THE_COUNTRY):
                return n + 1, iso3 or focus
            iso3 = gz.country_of_key(tokens[j + 1].norm)
            if iso3:
                return 2, iso3
    return 0, focus


TRIGGERS = frozenset({"عاصمه", *_AREAS, *_SIDES})  # stems a descriptor can start with


def could_start(tok: Token) -> bool:
    return _could_start(tok.norm)


@lru_cache(maxsize=100_000)
def _could_start(norm: str) -> bool:
    return any(v in TRIGGERS for v in variants(norm))


def descriptor_at(tokens: list[Token], i: int, gz: Gazetteer, focus: str | None,
                  bare_capital: bool = False) -> tuple[int, Place] | None:
    """(end token index, place) for a relational phrase starting at token ``i``."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if tok.stem == "عاصمه" and tok.prefix.endswith("ال"):
        if nxt is not None and _stem(nxt) == "سابقه":
            n, iso3 = country_after(tokens, i + 2, gz, focus)
            place = gz.former_capital_of(iso3)
            return (i + 2 + n, place) if place else None
        n, iso3 = country_after(tokens, i + 1, gz, focus)
        if n or bare_capital:
            place = gz.capital_of(iso3)
            return (i + 1 + n, place) if place else None
        return None
    if tok.stem in _AREAS and nxt is not None and _stem(nxt) in _SIDES and nxt.prefix.endswith("ال"):
        n, iso3 = country_after(tokens, i + 2, gz, focus)
        place = gz.direction_of(iso3, _SIDES[_stem(nxt)])
        return (i + 2 + n, place) if place else None
    side = next((_SIDES[v] for v in variants(tok.norm) if v in _SIDES), None)
    if side and nxt is not None and nxt.norm in _THE_COUNTRY:
        place = gz.direction_of(focus, side)
        return (i + 2, place) if place else None
    return None
