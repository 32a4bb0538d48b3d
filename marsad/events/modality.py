"""Modality of a coded event (CONTRACT.md): asserted, reported, future,
intended, negated or hypothetical.

Cues are read in the trigger's clause: negators right before it (لم، لن، لا،
عدم) or a denying verb (نفى) governing it; conditionals and possibility
(إذا، لو، قد + imperfect، يمكن، مستبعد); readiness and plans (مستعد،
استعداد، يعتزم، ينوي، يسعى)؛ the future (سـ on the trigger verb, سوف، من
المقرر، a following سيعقد or المقبل).  An event inside reported speech is
*reported* unless it is the speaker's own speech act (قال الوزير إنه يجب
على …: the demand is asserted).  Stronger readings win in that order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Mention, Token
from .arguments import VERBAL
from .cues import exact, is_cue, sections_of
from .lexicon import VERB, TriggerMatch, bare_readings

if TYPE_CHECKING:
    from .quotes import Frame
    from .context import SentenceContext

_NEG_WINDOW = 3
_CUE_WINDOW = 6
_AFTER_WINDOW = 10
_MASDAR_NEGATORS = ("غير", "عدم", "وعدم", "بعدم", "دون", "بدون")
# "لا نرى معارضة تحرك احتجاجات": a negated verb of perception or existence
# negates what follows it in the clause
_EXISTENTIAL = frozenset(("نري", "يري", "تري", "يوجد", "توجد", "هناك", "تظهر", "يظهر", "تشهد", "يشهد", "يحدث", "تحدث", "نشهد"))
_EXIST_WINDOW = 6
_PREDICATE_WINDOW = 3  # "الوساطة مستبعدة": a cue right after a noun trigger


def modality_of(ctx: SentenceContext, m: TriggerMatch, frame: Frame | None, source: Mention | None,
                speaker: Mention | None, verb: bool, etype: str) -> str:
    tokens, clause = ctx.tokens, ctx.clause
    first, last = m.first, m.last
    cl = clause[first]
    before = [i for i in range(max(0, first - _CUE_WINDOW - 2), first) if clause[i] == cl]
    after = [i for i in range(last + 1, min(len(tokens), last + 1 + _PREDICATE_WINDOW)) if clause[i] == cl] if not verb else []
    if _negated(tokens, first, before) and not m.entry.negative:
        return "negated"
    if any(is_cue(tokens[i], "negating_verb") for i in before):
        return "negated"
    if any(_hypothetical(tokens, i) for i in before[-_CUE_WINDOW:]) or _hypothetical(tokens, first) \
            or any(is_cue(tokens[i], "hypothetical") for i in after):
        return "hypothetical"
    if any(is_cue(tokens[i], "intended") for i in before[-_CUE_WINDOW - 2:]):
        return "intended"
    if _future(tokens, first, last, before, m, verb):
        return "future"
    if frame is not None or first in ctx.quote_tokens:
        if etype in VERBAL and _same_actor(source, speaker):
            return "asserted"  # the speaker's own demand, praise, accusation …
        return "reported"
    if not verb and any("report_verb" in sections_of(tokens[i]) for i in before):
        return "reported"  # "أعلنت الوزارة اعتقال …": an announced action
    return "asserted"


def _negated(tokens: list[Token], first: int, before: list[int]) -> bool:
    for i in before[-_EXIST_WINDOW:]:
        t = tokens[i]
        if not exact(t, "negation") and not is_cue(t, "negation"):
            continue
        if i < first - _NEG_WINDOW and not (i + 1 < len(tokens) and tokens[i + 1].norm in _EXISTENTIAL):
            continue
        if t.norm.lstrip("وف") == "لا" and i + 1 < len(tokens) and tokens[i + 1].norm in ("سيما", "سييما"):
            continue  # لا سيما: "especially"
        if t.norm.lstrip("وفب") in _MASDAR_NEGATORS and i != first - 1 \
                and not (i + 1 < len(tokens) and tokens[i + 1].norm in ("ان", "أن") and first - i <= 3):
            continue  # غير/عدم only negate the word right after them ("من دون أن توجه إدانة": the clause)
        return True
    return False


def _hypothetical(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    if t.norm in ("قد", "وقد", "فقد"):
        # قد + imperfect = may; قد + perfect = has (asserted)
        return i + 1 < len(tokens) and tokens[i + 1].norm[:1] in ("ي", "ت", "ن") and len(tokens[i + 1].norm) > 3
    return is_cue(t, "hypothetical")


def _future(tokens: list[Token], first: int, last: int, before: list[int], m: TriggerMatch, verb: bool) -> bool:
    if verb and _future_prefix(tokens[first], m):
        return True
    if any(is_cue(tokens[i], "future") for i in before):
        return True
    if verb:
        return False
    # "اجتماع مجلس … (سيعقد في 12 يناير)": a future verb or المقبل shortly after a noun trigger
    for i in range(last + 1, min(len(tokens), last + 1 + _AFTER_WINDOW)):
        t = tokens[i]
        if t.norm in ("،", ",", ".", "؛", ";") or is_cue(t, "report_verb"):
            break
        if is_cue(t, "future_after"):
            return True
    return False


def _future_prefix(token: Token, m: TriggerMatch) -> bool:
    """The trigger verb carries سـ (سيجتمع، وستعقد)."""
    forms = m.entry.head[0].forms
    n = token.norm
    for lead in ("", "و", "ف"):
        if n.startswith(lead + "س") and n[len(lead) + 1:] in forms:
            return any(b == n[len(lead) + 1:] and pos & VERB for b, pos in bare_readings(n))
    return False


def _same_actor(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return False
    if a is b or (a.start == b.start and a.end == b.end and a.start >= 0):
        return True
    x, y = a.actor, b.actor
    if x is None or y is None:
        return False
    if x.name and y.name:
        return x.name == y.name
    return bool(x.country) and x.country == y.country
