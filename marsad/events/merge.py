"""One event per real action per article.

Two coded events are the same action when they have the same type, the same
source actor, compatible targets and modes, and either

* come from the same sentence (اجتماع + مشاركته في اجتماع; تقف إلى جانب …
  و”مستعدون …”), or
* share the trigger's head word (the meeting reported in two paragraphs), or
* are consultations between the same parties (اتصالاته بنظيره الروسي …
  بحث مع نظيره الروسي).

The merged event keeps every evidence span, the most specific mode and the
first dated reading.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Actor, Document, Mention
from ..text.normalize import normalize

if TYPE_CHECKING:
    from .context import CodedEvent

_SPECIFIC_MODALITY = ("future", "intended", "negated", "hypothetical")
_NEAR = 6  # tokens between two triggers of one action in a sentence (مشاركته في اجتماع)
_NEAR_UNNAMED = 12  # a noun trigger with no source of its own, past a date aside (شن الجيش، الخميس 18 كانون الثاني، غارات)
_SAME_PARTIES_TYPES = frozenset({"CONSULT"})


def actor_key(m: Mention | None) -> tuple | None:
    if m is None:
        return None
    a = m.actor or Actor()
    return (a.name, a.country, a.sector, normalize(m.text) if not (a.name or a.country) else None)


def same_actor(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a is b:
        return True
    x, y = a.actor, b.actor
    if x is None or y is None:
        return normalize(a.text) == normalize(b.text)
    if x.name and y.name:
        return x.name == y.name
    if not x.country or x.country != y.country:
        return False
    return x.sector is None or y.sector is None or x.sector == y.sector


# one protest wave per mode per participant group in an article (احتجاجات …
# على خلفية الاحتجاجات): the grievance target may be named once only
_WAVE_TYPES = frozenset({"PROTEST"})


def _targets_compatible(a: CodedEvent, b: CodedEvent, same_sentence: bool) -> bool:
    if a.target is None or b.target is None:
        return same_sentence or (a.target is None and b.target is None) or a.type in _WAVE_TYPES
    return same_actor(a.target, b.target) or _country_and_body(a.target, b.target)


def _country_and_body(a: Mention, b: Mention) -> bool:
    """كازاخستان and الرئاسة الكازاخية: a country stands for its government bodies."""
    x, y = a.actor, b.actor
    if x is None or y is None or not x.country or x.country != y.country:
        return False
    return x.kind == "LOC" or y.kind == "LOC"


def _head(e: CodedEvent) -> str:
    words = normalize(e.trigger).split()
    if not words:
        return ""
    w = words[0].lstrip("وف")
    for p in ("بال", "لل", "ال"):
        if w.startswith(p) and len(w) > len(p) + 2:
            return w[len(p):]
    return w


def _mergeable(a: CodedEvent, b: CodedEvent) -> bool:
    if a.type != b.type:
        return False
    if (a.source is None or b.source is None) and a.sentence == b.sentence and abs(a.token - b.token) <= _NEAR_UNNAMED \
            and (a.mode is None or b.mode is None or a.mode == b.mode) and _targets_compatible(a, b, True):
        return True  # "شنت طائرات إسرائيلية غارات": the noun trigger adds nothing but evidence
    if not same_actor(a.source, b.source):
        # a meeting is the same whoever is named first (استقبل X Y … وبحث معه)
        return a.type == "CONSULT" and same_actor(a.source, b.target) and same_actor(a.target, b.source) \
            and a.source is not None and a.target is not None
    if a.type != b.type or not same_actor(a.source, b.source):
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    same_sentence = a.sentence == b.sentence
    if not _targets_compatible(a, b, same_sentence):
        return False
    if same_sentence and (abs(a.token - b.token) <= _NEAR or _head(a)[:4] == _head(b)[:4]
                          or (a.target is not None and b.target is not None)):
        return True
    if a.type in _WAVE_TYPES and a.mode == b.mode:
        return True  # a protest wave spans days
    if a.date and b.date and not a.date_is_pub_date and not b.date_is_pub_date and a.date[:10] != b.date[:10]:
        return False
    if a.type in _SAME_PARTIES_TYPES and a.target is not None and b.target is not None:
        return True
    if a.type in _WAVE_TYPES and a.mode == b.mode:
        return True
    # the same head word, or the same specific kind of action (AID peacekeeping
    # by the same side to the same side) told twice
    return _head(a)[:4] == _head(b)[:4] or (a.mode is not None and a.mode == b.mode)


def merge_events(events: list[CodedEvent], doc: Document | None = None) -> list[CodedEvent]:
    merged: list[CodedEvent] = []
    for e in events:
        into = next((x for x in merged if _mergeable(x, e)), None)
        if into is None:
            merged.append(e)
            continue
        _absorb(into, e)
    return merged


def _absorb(x: CodedEvent, e: CodedEvent) -> None:
    for span in e.evidence:
        if all((s.start, s.end) != (span.start, span.end) for s in x.evidence):
            x.evidence.append(span)
    if x.mode is None:
        x.mode = e.mode
    if x.target is None and e.target is not None:
        x.target = e.target
    if (x.source is None or x.source.source == "events") and e.source is not None and (
            e.source.source != "events" or x.source is None):
        x.source = e.source
    if e.modality in _SPECIFIC_MODALITY and x.modality not in _SPECIFIC_MODALITY:
        x.modality = e.modality
    if (x.date is None or x.date_is_pub_date) and e.date and not e.date_is_pub_date:
        x.date, x.date_text, x.date_is_pub_date = e.date, e.date_text, False
    if x.location is None:
        x.location = e.location
    if x.speaker is None or x.speaker.source == "credit":
        x.speaker = e.speaker or x.speaker
    x.confidence = max(x.confidence, e.confidence)
