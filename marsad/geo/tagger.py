"""Place names in running text, and places for given spans.

``find_places`` is a dictionary tagger for when NER misses a place: precise
rather than greedy.  A name that is also an everyday word (صور pictures, بلد
country) is taken only after a place noun (مدينة صور) or, for the milder
cases, a preposition (في الخليل); a small village needs the same; a name
right after a title or ``بن`` is part of a person's name.
"""
from __future__ import annotations

import bisect

from ..model import Location, Token
from ..text.tokens import tokenize
from .descriptors import could_start, descriptor_at
from .gazetteer import Gazetteer, load_gazetteer
from .match import NameMatch, cue_before, demonym_at, match_at, surface_start
from .resolve import GeoContext, document_context, fuzzy_place, place_for_match, scan

_TITLES = frozenset({"رييس", "سيد", "السيد", "الرييس", "الشيخ", "شيخ", "الامير", "امير", "الملك", "ملك",
                     "الدكتور", "د", "العقيد", "اللواء", "العميد", "الفريق", "المشير", "الجنرال", "الوزير",
                     "الامام", "الحاج", "السلطان", "بن", "ابن", "بنت", "ابو", "ابي", "ام", "ال", "عايله",
                     "قبيله", "الاستاذ", "النايب", "الكاتب", "الصحفي", "الباحث", "المحلل", "المتحدث"})
_LARGE, _SMALL = 100_000, 15_000
_TANWEEN = ("\u064b", "\u064c", "\u064d")
_IDIOMS = {("مسقط", "راس")}  # مسقط رأس: birthplace, not Muscat


def accept(tokens: list[Token], m: NameMatch, gz: Gazetteer, after_place: bool = False) -> bool:
    """Whether a dictionary match in running text is a place mention.  ``after_place``: the
    match is joined by و to a place just accepted (في حمص وحماة), which is a cue of its own."""
    key = m.key
    first = tokens[m.start]
    cands = gz.candidates(key)
    curated = any(key in p.main_names for p in cands)
    is_country = any(p.kind == "country" for p in cands)
    if any(ch in _TANWEEN for ch in tokens[m.end - 1].text[-2:]):
        return False  # حيفاً "injustice": a name does not take tanween
    if m.end < len(tokens) and (key, tokens[m.end].norm) in _IDIOMS:
        return False
    if m.end - m.start == 1 and not (curated or is_country) and demonym_at(tokens, m.start, gz):
        return False  # السويدية is Swedish, not a town called that
    if m.start > 0 and tokens[m.start - 1].norm in _TITLES and not is_country:
        return False  # الشيخ زايد, عمر البشير: part of a person's name
    cue, weak = cue_before(tokens, m.start, gz)
    if after_place and first.norm.startswith("و"):
        cue = "conj"
    level = gz.common_words.get(key)
    if level == "strong":
        return cue is not None and cue != "near"  # شمال/محيط do not make الحكومة a place
    if level == "word":
        return cue is not None or weak
    weak = weak or (m.stripped_proclitic and first.norm[:1] in "بل")  # بطرابلس: "in"
    if curated or is_country or any(p.kind in ("capital", "admin1", "region") for p in cands):
        return True
    top = max(p.weight for p in cands)
    if top >= _LARGE:
        return True
    if top >= _SMALL:
        return cue is not None or weak
    return cue is not None


def accepted_matches(tokens: list[Token], matches: list[NameMatch], gz: Gazetteer) -> list[NameMatch]:
    """The matches :func:`accept` keeps; a name joined by و to the one before counts that as a cue."""
    out = []
    last_end = -1
    for m in matches:
        if accept(tokens, m, gz, after_place=m.start == last_end):
            out.append(m)
            last_end = m.end
    return out


def find_places(text: str, focus: str | None = None, context_countries=(),
                tokens: list[Token] | None = None, matches: list[NameMatch] | None = None,
                ctx: GeoContext | None = None, accepted: list[NameMatch] | None = None
                ) -> list[tuple[int, int, Location]]:
    """``(start, end, Location)`` for each place named in ``text``, in order.  ``tokens``,
    ``matches`` (:func:`scan`), ``accepted`` (those :func:`accept` keeps) and ``ctx`` may be
    passed by a caller that has them."""
    gz = load_gazetteer()
    if tokens is None:
        tokens = tokenize(text)
    if matches is None:
        matches = scan(tokens, gz)
    if accepted is None:
        accepted = accepted_matches(tokens, matches, gz)
    if ctx is None:
        ctx = document_context(tokens, gz, context_countries, focus, accepted)
    out: list[tuple[int, int, Location]] = []
    taken: set[int] = set()
    for m in accepted:
        place = place_for_match(tokens, m, gz, ctx, text)
        if place is None:
            continue
        s, e = surface_start(tokens[m.start], m.skip), tokens[m.end - 1].end
        out.append((s, e, place.location(text[s:e])))
        taken.update(range(m.start, m.end))
    out += _descriptors(text, tokens, gz, ctx, taken)
    out.sort(key=lambda x: x[0])
    return out


def _descriptors(text: str, tokens: list[Token], gz: Gazetteer, ctx: GeoContext, taken: set[int]):
    out = []
    i = 0
    while i < len(tokens):
        if i in taken or not could_start(tokens[i]):
            i += 1
            continue
        d = descriptor_at(tokens, i, gz, _clear_focus(ctx), bare_capital=_weak_before(tokens, i))
        if d and not any(k in taken for k in range(i, d[0])) and not _name_follows(tokens, d[0], gz):
            end, place = d
            s, e = tokens[i].start, tokens[end - 1].end
            out.append((s, e, place.location(text[s:e])))
            i = end
        else:
            i += 1
    return out


def _clear_focus(ctx: GeoContext) -> str | None:
    """The focus country when the text leaves no doubt (named at least twice as often as any
    other): only then may "العاصمة" or "شمال البلاد" stand for its places."""
    if ctx.focus_given:
        return ctx.focus
    top = ctx.countries.most_common(2)
    if not top or top[0][1] < 0.5 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
        return None
    return top[0][0]


def _weak_before(tokens: list[Token], i: int) -> bool:
    return cue_before(tokens, i)[1]


def _name_follows(tokens: list[Token], j: int, gz: Gazetteer) -> bool:
    """"العاصمة الليبية طرابلس": the name itself follows, the descriptor is only its cue."""
    if j >= len(tokens) or tokens[j].norm.startswith("و"):
        return False
    m = match_at(tokens, j, gz)
    return m is not None and accept(tokens, m, gz)


def locate_spans(text: str, spans: list[tuple[int, int]], focus: str | None = None, context_countries=(),
                 tokens: list[Token] | None = None, ctx: GeoContext | None = None) -> list[Location | None]:
    """The place for each given mention span of ``text`` (NER or gold mentions), read in the
    whole text's context."""
    gz = load_gazetteer()
    if tokens is None:
        tokens = tokenize(text)
    if ctx is None:
        ctx = document_context(tokens, gz, context_countries, focus, accepted_matches(tokens, scan(tokens, gz), gz))
    out: list[Location | None] = []
    ends = [t.end for t in tokens]
    for s, e in spans:
        k = bisect.bisect_right(ends, s)  # first token ending after s
        idx = []
        while k < len(tokens) and tokens[k].start < e:
            idx.append(k)
            k += 1
        out.append(_place_in(text, tokens, idx, gz, ctx, s, e) if idx else None)
    return out


def _place_in(text, tokens, idx, gz, ctx, s, e) -> Location | None:
    a, b = idx[0], idx[-1] + 1
    d = descriptor_at(tokens[:b], a, gz, ctx.focus, bare_capital=True)
    if d and d[0] == b:
        return d[1].location(text[s:e])
    found = []
    for i in range(a, b):
        m = match_at(tokens[:b], i, gz)
        if m:
            found.append(m)
    if found:
        m = _mention_match_abs(found, a, b)
        place = place_for_match(tokens, m, gz, ctx, text)
        return place.location(text[s:e]) if place else None
    if d:
        return d[1].location(text[s:e])
    place = fuzzy_place(tokens, a, b, gz, ctx)
    return place.location(text[s:e]) if place else None


def _mention_match_abs(found: list[NameMatch], a: int, b: int) -> NameMatch:
    """The whole span when it is a name, else its longest name (the later one on a tie: place
    nouns and nisbas come before the name, "العاصمة الليبية طرابلس")."""
    whole = [m for m in found if m.start == a and m.end == b]
    return whole[0] if whole else max(found, key=lambda m: (m.end - m.start, m.start))
