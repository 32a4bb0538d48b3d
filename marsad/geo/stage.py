"""The geo pipeline stage.

1. ``doc.meta["focus_country"]``: the country the article is about.  Evidence:
   LOC mentions whose actor has a country (weight 1), other mentions' actor
   countries (0.3: a Turkish minister speaking about Kazakhstan does not move
   the story to Turkey), and the gazetteer's own country names, nisbas and
   one-country place names in the text.
2. A location for every LOC mention, and new LOC mentions (source "geo") for
   places that no existing mention covers.
3. ``Event.location`` for events without one (or with a place named but not
   yet located): the LOC mention inside, else nearest to, the event's
   evidence within its sentence.
"""
from __future__ import annotations

import re

from ..model import Document, Event, Mention, Sentence
from ..text.tokens import tokenize
from .gazetteer import load_gazetteer
from .resolve import document_context, scan
from .tagger import accepted_matches, find_places, locate_spans

_OTHER_ACTOR_WEIGHT = 0.3


def _doc_tokens(doc: Document):
    if doc.sentences:
        return [t for s in doc.sentences for t in s.tokens]
    return tokenize(doc.text)


def geo_stage(doc: Document) -> Document:
    gz = load_gazetteer()
    text = doc.text or ""
    tokens = _doc_tokens(doc)
    matches = scan(tokens, gz)
    accepted = accepted_matches(tokens, matches, gz)
    ctx = document_context(tokens, gz, (), None, accepted)
    ctx.focus = None
    for m in doc.mentions:
        iso3 = m.actor.country if m.actor else None
        if iso3 and iso3 in gz.countries:
            ctx.add(iso3, 1.0 if m.type == "LOC" else _OTHER_ACTOR_WEIGHT)
    ctx.settle_focus()
    doc.meta["focus_country"] = ctx.focus

    locs = [m for m in doc.mentions if m.type == "LOC"]
    for m, loc in zip(locs, locate_spans(text, [(m.start, m.end) for m in locs], tokens=tokens, ctx=ctx)):
        if m.location is None:
            m.location = loc
    covered = [(m.start, m.end) for m in doc.mentions]
    for s, e, loc in find_places(text, tokens=tokens, matches=matches, ctx=ctx, accepted=accepted):
        if not any(s < ce and cs < e for cs, ce in covered):
            doc.mentions.append(Mention(text=text[s:e], start=s, end=e, type="LOC", location=loc, source="geo"))
    doc.mentions.sort(key=lambda m: (m.start, m.end))

    for ev in doc.events:
        # the event coder may already have named the place (text and country,
        # no coordinates): place it through the mention it came from
        if ev.location is None or ev.location.lat is None:
            ev.location = _placed(ev, doc) or event_location(ev, doc) or ev.location
    return doc


def _placed(ev: Event, doc: Document):
    named = ev.location.text if ev.location else None
    if not named:
        return None
    return next((m.location for m in doc.mentions if m.location and m.text == named and m.location.lat is not None), None)


geo_stage.name = "geo"  # type: ignore[attr-defined]


def _sentence_of(doc: Document, pos: int) -> Sentence | None:
    for s in doc.sentences:
        if s.start <= pos < s.end:
            return s
    return None


# The words that make a place the scene of an event: a locative preposition
# ("في ألماتي"، "بمدينة أكتاو"، "من كازاخستان"), "على" before a place noun
# ("على مطار ألماتي"), or a direction ("شمالي مالي").
_PREP = r"(?:في|ب|داخل|وسط|قرب|عند|من|إلى|الى)"
_PLACE_NOUN = (r"(?:مدينة|مدينه|منطقة|منطقه|مطار|مطاري|العاصمة|العاصمه|محافظة|محافظه|ولاية|ولايه|إقليم|اقليم"
               r"|بلدة|بلده|قرية|قريه|ميناء|حدود)")
_DIRECTION = r"(?:شمال|شمالي|جنوب|جنوبي|شرق|شرقي|غرب|غربي)(?:\s+(?:شرق|غرب)ي?)?"
_LOCATIVE_BEFORE = re.compile(
    r"(?:^|[\s،,(«\"])[وف]?(?:" + _PREP + r"\s*(?:(?:" + _PLACE_NOUN + "|" + _DIRECTION + r")\s+)?"
    r"|على\s+" + _PLACE_NOUN + r"\s+|(?:" + _PREP + r"\s*)?" + _DIRECTION + r"\s+)$")


def is_scene(text: str, start: int) -> bool:
    """Whether the place mention starting at ``start`` is introduced as a
    scene rather than acting (روسيا in "التي تقودها روسيا" acts)."""
    return _LOCATIVE_BEFORE.search(text[max(0, start - 30):start]) is not None


def event_location(ev: Event, doc: Document):
    """The place of the scene-introduced LOC mention in the event's evidence,
    else the nearest one in its sentence."""
    if not ev.evidence:
        return None
    ev_start, ev_end = min(sp.start for sp in ev.evidence), max(sp.end for sp in ev.evidence)
    sent = _sentence_of(doc, ev_start)
    lo, hi = (sent.start, sent.end) if sent else (ev_start, ev_end)
    best, best_dist = None, None
    for m in doc.mentions:
        if m.type != "LOC" or m.location is None or m.start < lo or m.end > hi or not is_scene(doc.text, m.start):
            continue
        dist = 0 if (m.start >= ev_start and m.end <= ev_end) else min(abs(m.start - ev_end), abs(ev_start - m.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = m, dist
    return best.location if best else None
