"""What the coder knows while it reads a sentence, shared by the stage and
argument attachment: the coded event record, the running discourse (last
speaker, last agent), the sentence context, and small helpers on parties
(a mention as a span, the same party, the article's two sides).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..actors import resolve_name
from ..model import Actor, Document, Event, Mention, Token
from ..text.normalize import normalize
from .arguments import MentionSpan
from .cues import exact
from .lexicon import VERB, TriggerMatch, bare_forms, bare_readings
from .quotes import Frame


@dataclass(slots=True)
class CodedEvent(Event):
    """An :class:`~marsad.model.Event` with what the coder knows beyond the
    model: the trigger that produced it and how its source was found."""

    trigger: str = ""
    sentence: int = -1
    token: int = -1  # trigger's first token in its sentence
    how: str = ""  # how the source was found: syntax, agent, speaker, discourse, own, implied


@dataclass(slots=True)
class Discourse:
    last_speaker: Mention | None = None
    last_agent: MentionSpan | None = None
    last_agent_sentence: int = -10
    # detector types the article is about (their triggers in several sentences)
    topics: frozenset[str] = frozenset()


@dataclass(slots=True)
class SentenceContext:
    doc: Document
    index: int
    start: int
    end: int
    tokens: list[Token]
    spans: list[MentionSpan]
    clause: list[int]
    frames: list[Frame]
    quote_tokens: dict[int, tuple[int, int]]  # token index -> direct quote span holding it
    country: str | None
    dated: frozenset[int] = frozenset()  # tokens of a date aside between commas (، الخميس 9 آذار،)
    doc_focal: str | None = None  # the country the article is about
    governed_by: dict[int, int] = field(default_factory=dict)  # an accused or ordered act's first token -> its accusation's or order's


DAY_PARTS = frozenset(normalize(w) for w in ("مساء", "صباح", "ظهر", "فجر", "ليل", "ليلة", "يوم", "اليوم", "أمس", "الماضي",
                                               "المقبل", "الجاري", "أول", "من", "في"))


def resolve_actor(text: str, pub_date: str | None) -> Actor | None:
    """The actor layer's resolver for a phrase outside the running text."""
    try:
        return resolve_name(text, pub_date)
    except Exception:  # a gazetteer problem must not lose the event
        return None


def purpose_adverb(ctx: SentenceContext, m: TriggerMatch) -> bool:
    """احتجاجا على، تنديدا بـ: an accusative masdar giving the clause's motive."""
    if m.entry.pos == "v" or m.first != m.last or not exact(ctx.tokens[m.first], "purpose_adverb"):
        return False
    nxt = ctx.tokens[m.last + 1].norm if m.last + 1 < len(ctx.tokens) else ""
    return nxt[:1] in ("ع", "ب", "ل")


def span_of(mention: Mention) -> MentionSpan:
    return MentionSpan(mention, -1, -1)


RECIPROCAL = frozenset(("الجانبان", "الجانبين", "الطرفان", "الطرفين", "البلدان", "البلدين", "الوزيران", "الوزيرين", "الرئيسان", "الرئيسين"))


def joined(ctx: SentenceContext, s: MentionSpan) -> bool:
    """The mention carries the conjunction و (والاتحاد الأوروبي، وتركيا)."""
    tok = ctx.tokens[s.first]
    return s.mention.start > tok.start and ctx.doc.text[tok.start] == "و"


def earlier_parties(prior: list[CodedEvent], ctx: SentenceContext) -> tuple[Mention, Mention] | None:
    """The two sides that "البلدان"، "الطرفين" name: the two states the article
    has named most up to this sentence (the dyad a story is about), ordered as
    the last event with both sides named has them; without such a dyad, that
    event's two sides."""
    dyad = article_dyad(ctx)
    for p in reversed(prior):
        if p.source is not None and p.target is not None and p.source.actor and p.target.actor \
                and p.source.actor.country and p.target.actor.country:
            if dyad is None or {p.source.actor.country, p.target.actor.country} == {
                    m.actor.country for m in dyad if m.actor}:
                return p.source, p.target  # the last event between them orders the sides
            break
    return dyad


def article_dyad(ctx: SentenceContext) -> tuple[Mention, Mention] | None:
    """The two states named most often up to the end of this sentence, each
    as its last mention; None unless both were named at least twice, so that
    a passing mention never becomes a side."""
    top = named_states(ctx.doc.mentions, ctx.end)[:2]
    if len(top) < 2 or top[1].count < 2:
        return None
    return top[0].last, top[1].last


@dataclass(slots=True)
class NamedState:
    country: str
    count: int
    first: Mention
    last: Mention


def named_states(mentions: list[Mention], end: int | None = None) -> list[NamedState]:
    """The states an article names (countries and their bodies, not cities,
    not international organisations) before ``end``, most named first (ties:
    the one named first)."""
    found: dict[str, NamedState] = {}
    for m in mentions:
        a = m.actor
        if end is not None and m.start >= end or a is None or not a.country or len(a.country) != 3 or a.sector == "IGO" \
                or a.kind == "LOC" and a.id != a.country:
            continue  # a city is where things happen (Brussels hosting talks), not a side
        st = found.get(a.country)
        if st is None:
            found[a.country] = NamedState(a.country, 1, m, m)
        else:
            st.count += 1
            st.last = m
    return sorted(found.values(), key=lambda st: -st.count)  # stable: first named wins a tie


def implied_party(tokens: list[Token], first: int, last: int, country: str, sector: str | None) -> MentionSpan:
    """A party the text implies without naming it, anchored on the trigger."""
    t0, t1 = tokens[first], tokens[last]
    return MentionSpan(Mention(ctx_text(tokens, first, last), t0.start, t1.end, "ORG", Actor(None, country, sector, "GROUP"),
                               source="events"), -1, -1)


SUFFERED = frozenset(normalize(w) for w in ("مقتل", "اغتيال", "إصابة", "خطف", "اختطاف", "إعدام", "اعتقال", "احتجاز",
                                            "قتل", "تدمير", "جرح", "إصابات"))


def suffered(token: Token) -> bool:
    """Masdars whose genitive suffers the act (مقتل الجندي، اعتقال الضابط)."""
    return any(b in SUFFERED for b in bare_forms(token.norm))


OWN_FORCES = frozenset(normalize(w) for w in ("قوات", "مقاتلي", "مقاتلات", "عناصر", "وحدات", "جنود", "طائرات", "دفاعات", "مدفعية",
                                                "سفن", "زوارق", "دوريات", "قطع", "مسيرات"))


def same_party(a: MentionSpan, b: MentionSpan) -> bool:
    if a.mention is b.mention:
        return True
    x, y = a.actor, b.actor
    if not (x and y):
        return False
    if x.name or y.name:
        return x.name == y.name
    return x.country == y.country and x.sector == y.sector


def is_dual(token: Token, perfect: str) -> bool:
    """بحثا، التقيا، وافقتا، يبحثان: the two parties already named are the subject."""
    for b, pos in bare_readings(token.norm):
        if pos & VERB and perfect and (b in (perfect + "ا", perfect + "تا") or b.endswith(perfect[1:] + "ان") and b[:1] in "يت"):
            return True
    return False


def ctx_text(tokens: list[Token], i: int, j: int) -> str:
    return " ".join(t.text for t in tokens[i:j + 1])
