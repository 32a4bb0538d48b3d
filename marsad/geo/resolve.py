"""Choosing the gazetteer entry a place name refers to.

Candidates sharing a name (طرابلس: Libya's capital and Lebanon's second city;
الجزائر: the country and its capital) are ranked by what a reader weighs:

- the entry itself: population, kind (a country outranks a town of the same
  name), whether the name is a curated one or an alternate;
- the place noun before the name (مدينة الجزائر is the city, محافظة إدلب the
  province, العاصمة … the capital);
- a country named right next to it (طرابلس اللبنانية، طرابلس في شمال لبنان);
- the document's countries (Mordecai/CLIFF style): the focus country, the
  other countries the article names, the countries of the event's actors.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..model import Location, Token
from ..text.tokens import tokenize
from .gazetteer import Gazetteer, Place, load_gazetteer
from .match import CUE_KINDS, NameMatch, cue_before, demonym_at, match_at, variants

_KIND_PRIOR = {"country": 3.0, "capital": 1.5, "admin1": 0.5, "region": 0.8, "landmark": 0.5, "sea": 0.5,
               "airport": 0.0, "city": 0.0, "direction": 0.0}
_CUE_BONUS = {
    "city": {"city": 4.0, "capital": 4.0, "country": -4.0, "admin1": -1.0, "region": -1.0},
    "admin": {"admin1": 3.0, "region": 3.0, "city": 1.5, "capital": 1.5, "country": -3.0},
    "capital": {"capital": 5.0, "country": -3.0},
    "country": {"country": 5.0},
    "airport": {"airport": 3.0, "city": 1.0, "capital": 1.0},
}
_LOCAL_COUNTRY_BONUS = 6.0
_FOCUS_BONUS = 3.0
_CONTEXT_BONUS = 2.0
_WINDOW = 6  # tokens either side searched for a country named next to a place
# Arabic news is mostly about the Arab world and its neighbours: on an otherwise even call
# (بيت لحم: Bethlehem, West Bank or Pennsylvania) their places come first.
_REGION = frozenset("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM "
                    "ESH TUR IRN ISR".split())
_REGION_BONUS = 1.0


@dataclass
class GeoContext:
    """What the document says about where it is."""

    countries: Counter = field(default_factory=Counter)  # ISO alpha-3 -> evidence weight
    focus: str | None = None
    focus_given: bool = False  # the caller named the focus: it is not recomputed
    by_match: dict[tuple[int, int], tuple[str, float]] = field(default_factory=dict)  # what each name added

    def add(self, iso3: str | None, weight: float = 1.0) -> None:
        if iso3:
            self.countries[iso3] += weight

    def settle_focus(self) -> None:
        if self.focus is None and self.countries:
            top = self.countries.most_common(1)[0]
            self.focus = top[0] if top[1] > 0 else None

    def without_match(self, start: int, end: int) -> "GeoContext":
        """The context less what the name being resolved added itself: عمّان must not vote
        for Oman because one of its readings is Oman."""
        own = self.by_match.get((start, end))
        if own is None:
            return self
        countries = Counter(self.countries)
        countries[own[0]] -= own[1]
        countries = Counter({c: w for c, w in countries.items() if w > 0})
        ctx = GeoContext(countries, self.focus if self.focus_given else None, self.focus_given)
        ctx.settle_focus()
        return ctx


def score(place: Place, key: str, cue: str | None, local: set[str], ctx: GeoContext, surface: str = "") -> float:
    s = math.log10(place.weight + 10) + _KIND_PRIOR.get(place.kind, 0.0)
    if key in place.main_names:
        s += 0.7
    if place.country in _REGION:
        s += _REGION_BONUS
    if cue:
        s += _CUE_BONUS.get(cue, {}).get(place.kind, 0.0)
    if place.country in local:
        s += _LOCAL_COUNTRY_BONUS
    if place.country and place.country == ctx.focus:
        s += _FOCUS_BONUS
    elif place.country in ctx.countries:
        s += _CONTEXT_BONUS
    if "\u0651" in surface and place.kind != "country":  # shadda: عمّان is Amman, not عُمان
        s += 3.0
    return s


def best_place(cands: list[Place], key: str, cue: str | None, local: set[str], ctx: GeoContext,
               surface: str = "") -> Place | None:
    if not cands:
        return None
    return max(cands, key=lambda p: (score(p, key, cue, local, ctx, surface), p.weight, -p.idx))


def countries_near(tokens: list[Token], m: NameMatch, gz: Gazetteer) -> set[str]:
    """Countries named beside a match: a nisba right after it, a country name or nisba within a
    few tokens (طرابلس شمال لبنان، العاصمة الليبية طرابلس)."""
    out: set[str] = set()
    after = demonym_at(tokens, m.end, gz)
    if after:
        return {after}
    # Before the name only "العاصمة الليبية طرابلس" (place noun, nisba, name) counts: in
    # "وزير الدفاع الأمريكي مانيلا" the nisba belongs to the minister.
    lo = m.start
    if m.start >= 2 and demonym_at(tokens, m.start - 1, gz) and cue_before(tokens, m.start, gz)[0]:
        out.add(demonym_at(tokens, m.start - 1, gz))
    hi = min(len(tokens), m.end + _WINDOW)
    j = lo
    while j < hi:
        if m.start <= j < m.end:
            j = m.end
            continue
        if tokens[j].norm in "،,.؛;:()":
            if j >= m.end:  # a clause boundary after the name ends the search
                break
            j += 1
            continue
        d = demonym_at(tokens, j, gz)
        if d:
            out.add(d)
        nm = match_at(tokens, j, gz)
        if nm:
            iso3 = gz.country_of_key(nm.key)
            if not iso3 and nm.key not in gz.common_words:  # طرابلس قرب بيروت, بولاية فرجينيا
                iso3 = is_unambiguous_country(gz.candidates(nm.key))
            if iso3:
                out.add(iso3)
            j = nm.end
            continue
        j += 1
    return out


def is_unambiguous_country(cands: list[Place]) -> str | None:
    countries = {p.country for p in cands}
    return cands[0].country if len(countries) == 1 else None


def document_context(tokens: list[Token], gz: Gazetteer, context_countries=(), focus: str | None = None,
                     matches: list[NameMatch] | None = None) -> GeoContext:
    """Country evidence of a text: country names (1), nisba adjectives (0.5), names whose
    every candidate lies in one country (0.5), and the given countries (actors: 1 each)."""
    ctx = GeoContext(focus=focus, focus_given=focus is not None)
    for iso3 in context_countries:
        ctx.add(iso3, 1.0)
    if matches is None:
        matches = scan(tokens, gz)
    covered = set()
    for m in matches:
        covered.update(range(m.start, m.end))
        cands = gz.candidates(m.key)
        iso3 = gz.country_of_key(m.key)
        if iso3:
            ctx.add(iso3, 1.0)
            ctx.by_match[(m.start, m.end)] = (iso3, 1.0)
        elif m.key not in gz.common_words:
            only = is_unambiguous_country(cands)
            if only and max(p.weight for p in cands) >= 50_000:
                ctx.add(only, 0.5)
                ctx.by_match[(m.start, m.end)] = (only, 0.5)
    for j, tok in enumerate(tokens):
        if j not in covered:
            d = gz.demonym_of(tok.norm, variants)
            if d:
                ctx.add(d, 0.5)
    ctx.settle_focus()
    return ctx


def scan(tokens: list[Token], gz: Gazetteer) -> list[NameMatch]:
    """All longest, non-overlapping name matches, left to right."""
    out = []
    i = 0
    cache = gz._start_cache
    while i < len(tokens):
        tok = tokens[i]
        if cache.get((tok.norm, tok.prefix)) == ():  # the common case: no name starts here
            i += 1
            continue
        m = match_at(tokens, i, gz)
        if m:
            out.append(m)
            i = m.end
        else:
            i += 1
    return out


def place_for_match(tokens: list[Token], m: NameMatch, gz: Gazetteer, ctx: GeoContext, text: str = "") -> Place | None:
    cue, _ = cue_before(tokens, m.start, gz)
    local = countries_near(tokens, m, gz)
    ctx = ctx.without_match(m.start, m.end)
    surface = text[tokens[m.start].start:tokens[m.end - 1].end] if text else ""
    return best_place(gz.candidates(m.key), m.key, cue, local, ctx, surface)


def fuzzy_place(tokens: list[Token], a: int, b: int, gz: Gazetteer, ctx: GeoContext) -> Place | None:
    """A mention no name matches exactly (a span NER marked LOC): try the consonant skeleton of
    its tokens, without a place noun in front, against the gazetteer."""
    while a < b and any(v in CUE_KINDS for v in variants(tokens[a].norm)):
        a += 1
    if a >= b:
        return None
    first = tokens[a]
    words = [first.stem if "ال" not in first.prefix else "ال" + first.stem] + [t.norm for t in tokens[a + 1:b]]
    found = gz.by_skeleton(" ".join(words))
    if not found:
        return None
    m = NameMatch(a, b, found[0][0], False)
    cue, _ = cue_before(tokens, a, gz)
    local = countries_near(tokens, m, gz)
    return max((p for _, p in found), key=lambda p: (score(p, m.key, cue, local, ctx), p.weight))


def resolve(text: str, context_countries=(), focus: str | None = None) -> Location | None:
    """The place a mention's text names (``"مدينة طرابلس اللبنانية"``, ``"كازاخستان"``), ranked
    with the document's countries (``context_countries``, e.g. actors' countries) and focus."""
    gz = load_gazetteer()
    tokens = tokenize(text)
    if not tokens:
        return None
    ctx = GeoContext(focus=focus)
    for iso3 in context_countries:
        ctx.add(iso3)
    ctx.settle_focus()
    m = _mention_match(tokens, gz)
    if m is None:
        from .descriptors import descriptor_at  # relational phrases need the focus country

        d = descriptor_at(tokens, 0, gz, ctx.focus, bare_capital=True)
        if d and d[0] == len(tokens):
            return d[1].location(text)
        place = fuzzy_place(tokens, 0, len(tokens), gz, ctx)
        return place.location(text) if place else None
    place = place_for_match(tokens, m, gz, ctx, text)
    return place.location(text) if place else None


def _mention_match(tokens: list[Token], gz: Gazetteer) -> NameMatch | None:
    """The name inside a mention: the whole of it, else after a place noun, else the longest."""
    found = [m for m in scan(tokens, gz)]
    if not found:
        return None
    for m in found:
        if m.start == 0 and m.end == len(tokens):
            return m
    for m in found:
        if m.start >= 1 and all(t.stem in CUE_KINDS or t.norm in CUE_KINDS for t in tokens[:m.start]):
            return m
    return max(found, key=lambda m: (m.end - m.start, -m.start))
