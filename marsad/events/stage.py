"""The event stage: triggers → candidates → confirmed, attributed, dated events.

For each sentence:

1. the trigger lexicon proposes candidates (:mod:`marsad.events.lexicon`);
2. overlapping candidates are resolved (the more specific entry wins) and
   content clauses of frame triggers (طالب بـ، اتهم بـ، بحث …) are not coded
   as events of their own;
3. arguments are attached (:mod:`marsad.events.attach`, on the syntax
   helpers of :mod:`marsad.events.arguments`), modality and speaker come
   from the sentence's reporting frames (:mod:`marsad.events.quotes`,
   :mod:`marsad.events.modality`), the mode from the entry or the mode cues,
   the date from the time layer;
4. sentence classifiers (GSR protest/assault, QuadClass) adjust confidence.

Finally mentions of the same action across the article are merged
(:mod:`marsad.events.merge`) and acts left without another side get the
article-level guess of :mod:`marsad.events.parties`.  The sentence context
and the coded event record live in :mod:`marsad.events.context`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..geo.stage import is_scene
from ..model import Actor, Document, Location, Mention, Quote, Span, Token
from ..text.normalize import normalize
from ..text.sentences import split_sentences
from ..time import governing_date
from .arguments import (
    NON_STATE,
    PREPOSITIONS,
    MentionSpan,
    agent_mentions,
    demonym_list,
    demonym_party,
    exchange_partner,
    exchange_verb,
    is_actor,
    is_demonym,
    sentence_mentions,
    subject_of,
    target_of,
)
from .attach import attach_arguments
from .classify import lexicon_features, sentence_scores
from .context import (
    DAY_PARTS,
    OWN_FORCES,
    RECIPROCAL,
    CodedEvent,
    Discourse,
    SentenceContext,
    earlier_parties,
    implied_party,
    is_dual,
    joined,
    purpose_adverb,
    resolve_actor,
    same_party,
    span_of,
    suffered,
)
from .cues import clause_bounds, exact, sections_of
from .lexicon import Entry, TriggerMatch, default_lexicon, resource_lines
from .merge import merge_events, same_actor
from .modality import modality_of
from .modes import refine_mode
from .ontology import MODE_CAMEO
from .parties import fill_other_parties
from .quotes import Frame, direct_quote_spans, quote_speaker, sentence_frames

MIN_CONFIDENCE = 0.5
_FRAME_SECTIONS = frozenset({"report_verb", "report_noun", "attribution"})
_CHARGE = frozenset(normalize(w) for w in ("تهمة", "بتهمة", "تهم", "بتهم", "بتهمتي", "التهم", "اتهامات", "بجريمة", "جريمة"))
_NEEDS_SUPPORT = 0.6
_MODEL_WEIGHT = 0.3  # entries below this prior weight need the QuadClass model's agreement
# PROTEST and ASSAULT have trained sentence detectors (GSR): a sentence they
# score this far under their own threshold (0.5 on this scale) only mentions
# protesters or violence, it does not report a protest or an attack (the
# detectors learnt factual reports: planned, feared or denied ones are the
# modality's business, not theirs)
_DETECTOR_FLOOR = 0.4
_DETECTED = frozenset({"PROTEST", "ASSAULT"})
_PROTEST_TO_ACCUSE = frozenset({"GOV", "IGO", "MIL", "LEG", "JUD"})
_ACCUSE_CONTENT = frozenset({"COERCE", "ASSAULT"})
_TERROR = ("ارهاب",)
_NAME_SOURCES = frozenset({"ner", "gazetteer"})
_RESULTING = frozenset(normalize(w) for w in ("أسفر", "أسفرت", "يسفر", "تسفر", "أدى", "أدت", "يؤدي", "تؤدي", "خلف", "خلفت"))
_DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين"))
_OFFICE_PLACE_PREPS = frozenset(normalize(w) for w in ("إلى", "الى", "في", "لدى"))
_DOMESTIC_GROUPS = frozenset({"COP", "REB", "PRO", "CVL", "OPP"})  # unnamed groups of the story's country  # mentions that are names (not generic groups such as المحتجين)


def event_stage(doc: Document) -> Document:
    """Fill ``doc.events`` (and ``doc.quotes``) from the sentences, mentions and dates."""
    events, quotes = code_document(doc)
    doc.events = list(events)
    doc.quotes = quotes
    return doc


event_stage.name = "events"  # type: ignore[attr-defined]


def quote_stage(doc: Document) -> Document:
    """Fill ``doc.quotes`` only (direct and indirect speech with speakers)."""
    _, doc.quotes = code_document(doc, events=False)
    return doc


quote_stage.name = "quotes"  # type: ignore[attr-defined]


def code_document(doc: Document, events: bool = True) -> tuple[list[CodedEvent], list[Quote]]:
    if not doc.sentences and doc.text:
        doc.sentences = split_sentences(doc.text)
    lex = default_lexicon()
    quote_spans = direct_quote_spans(doc.text)
    focal = _focal_country(doc)
    credit = _credit_mention(doc)
    state = Discourse()
    found: list[CodedEvent] = []
    quotes: list[Quote] = []
    mentions = _with_surnames_linked(doc.mentions, doc.text, focal)
    asides = [_date_asides(doc, sent.tokens) for sent in doc.sentences]
    raw_matches = [_match_past_asides(lex, sent.tokens, a) if events else [] for sent, a in zip(doc.sentences, asides)]
    state.topics = _article_topics(raw_matches)
    for k, sent in enumerate(doc.sentences):
        raw = raw_matches[k]
        if not raw and not _may_report(sent.tokens, quote_spans):
            continue  # no trigger, no reporting cue, no quote: nothing to code here
        ctx = _context(doc, k, sent.tokens, quote_spans, state, focal, mentions, asides[k])
        quotes += _quotes(doc, ctx, quote_spans, state)
        if events:
            matches = _select(list(raw), ctx)
            scores = sentence_scores(sent.text, {m.entry.type for m in matches},
                                     {m.entry.type for m in matches if m.entry.weight < _NEEDS_SUPPORT},
                                     lexicon_features(sent.text, raw)) if matches else {}
            built: list[tuple[TriggerMatch, CodedEvent]] = []
            for m in matches:
                for ev in _build(doc, ctx, m, state, credit, scores, found + [b for _, b in built]):
                    built.append((m, ev))
            found += _orders_carried(_drop_protest_topics(_drop_argument_triggers(built, ctx)), ctx)
        _advance(ctx, state)
    if not events:
        return [], quotes
    # violence with neither a known doer, nor a known victim, nor a place says nothing of who did
    # what to whom or where (kept until after merging, so that it can lend its words to the same
    # attack told with its parties)
    coded = [e for e in merge_events(found, doc) if e.source is not None or (
        e.target is not None and e.target.actor is not None and e.target.actor.country)
        or e.location is not None and e.location.country]
    return fill_other_parties(doc, coded, mentions), quotes


def _match_past_asides(lex, tokens: list[Token], asides: frozenset[int]) -> list[TriggerMatch]:
    """Trigger matches with the date asides left out, so that a verb's
    constraints reach its object across them (وقع العراق وتركيا، الاثنين 6
    تشرين الثاني، مذكرة تفاهم); indexes are those of the full sentence."""
    dated = _dated(asides)
    if not dated:
        return lex.match(tokens)
    keep = [i for i in range(len(tokens)) if i not in dated]
    return [TriggerMatch(m.entry, keep[m.first], keep[m.last]) for m in lex.match([tokens[i] for i in keep])]


def _dated(asides: frozenset[int]) -> frozenset[int]:
    """All token indexes of the asides, commas included."""
    marks = sorted(asides)
    return frozenset(i for a, b in zip(marks[::2], marks[1::2]) for i in range(a, b + 1))


def _article_topics(raw_matches: list[list[TriggerMatch]]) -> frozenset[str]:
    """The detector types (PROTEST, ASSAULT) whose triggers occur in at least
    two sentences: in an article about unrest, a passing mention of the
    protesters is part of the story, whatever the one-sentence detector says."""
    counts = {t: sum(any(m.entry.type == t for m in ms) for ms in raw_matches) for t in _DETECTED}
    return frozenset(t for t, n in counts.items() if n >= 2)


# ----------------------------------------------------------------- context

def _may_report(tokens: list[Token], quote_spans: list[tuple[int, int]]) -> bool:
    if not tokens:
        return False
    lo, hi = tokens[0].start, tokens[-1].end
    if any(qs < hi and lo < qe for qs, qe in quote_spans):
        return True
    return any(sections_of(t) & _FRAME_SECTIONS for t in tokens)


def _context(doc: Document, k: int, tokens: list[Token], quote_spans, state: Discourse, focal: str | None,
             mentions: list[Mention] | None = None, asides: frozenset[int] | None = None) -> SentenceContext:
    spans = sentence_mentions(doc.mentions if mentions is None else mentions, tokens, doc.text)
    if asides is None:
        asides = _date_asides(doc, tokens)
    clause = clause_bounds(tokens, asides | _list_commas(tokens, spans, doc.text))
    country = _sentence_country(spans, doc.mentions if mentions is None else mentions) or focal
    spans = sorted(spans + agent_mentions(tokens, doc.text, spans, country, focal), key=lambda s: s.first)
    frames = sentence_frames(tokens, spans, clause, quote_spans, state.last_speaker)
    quote_tokens: dict[int, tuple[int, int]] = {}
    for i, t in enumerate(tokens):
        for qs, qe in quote_spans:
            if qs <= t.start < qe:
                quote_tokens[i] = (qs, qe)
                break
    start = tokens[0].start if tokens else 0
    end = tokens[-1].end if tokens else 0
    dated = _dated(asides)
    return SentenceContext(doc, k, start, end, tokens, spans, clause, frames, quote_tokens, country, dated, focal)


def _date_asides(doc: Document, tokens: list[Token]) -> frozenset[int]:
    """The commas around a date aside ("رفضت إثيوبيا، الخميس 9 آذار، مقترحا
    مصريا"): the verb, its subject and its object stay one clause."""
    if not doc.dates or not tokens:
        return frozenset()
    lo, hi = tokens[0].start, tokens[-1].end
    dates = [d for d in doc.dates if lo <= d.start < hi]
    if not dates:
        return frozenset()
    commas = [i for i, t in enumerate(tokens) if t.norm in ("،", ",")]
    keep: set[int] = set()
    for i, j in zip(commas, commas[1:]):
        inner = tokens[i + 1:j]
        if not inner or len(inner) > 8:
            continue
        dated = [any(d.start <= t.start and t.end <= d.end for d in dates) for t in inner]
        if any(dated) and all(x or t.norm.lstrip("و") in DAY_PARTS for x, t in zip(dated, inner)):
            keep |= {i, j}
    # "فرضت وزارة الخزانة في تشرين الأول/أكتوبر الماضي عقوبات": a date phrase between a verb and
    # its object, without commas, is left out of the constraint windows too
    inside = _dated(frozenset(keep))
    for d in dates:
        idx = [k for k, t in enumerate(tokens) if d.start <= t.start and t.end <= d.end]
        if len(idx) < 2 or any(k in inside for k in idx):
            continue
        a, b = idx[0], idx[-1]
        if a > 0 and tokens[a - 1].norm == "في":
            a -= 1
        if b + 1 < len(tokens) and tokens[b + 1].norm in ("الماضي", "الماضية", "المقبل", "المقبلة", "الجاري"):
            b += 1
        if a > 0 and b + 1 < len(tokens) and tokens[a - 1].norm not in ("،", ","):
            keep |= {a, b}
    return frozenset(keep)


def _list_commas(tokens: list[Token], spans: list[MentionSpan], text: str) -> frozenset[int]:
    """The commas of a list of parties ("فرضت كندا، وأستراليا، ونيوزيلندا"):
    a comma between two named parties, the second carrying و, is no clause break."""
    ends = {s.last: s for s in spans if s.actor and s.actor.country}
    starts = {s.first: s for s in spans if s.actor and s.actor.country}
    keep = set()
    for i, t in enumerate(tokens):
        if t.text in ("،", ",") and i - 1 in ends and (nxt := starts.get(i + 1)) is not None \
                and nxt.mention.start > tokens[i + 1].start and text[tokens[i + 1].start] == "و":
            keep.add(i)
    return frozenset(keep)


def _sentence_country(spans: list[MentionSpan], mentions: list[Mention]) -> str | None:
    """The country the sentence happens in: a place after في, else a place
    or a national actor named in it (الشرطة البولونية), or the country an
    office names (رئيسة وزراء بنغلاديش)."""
    located = [s for s in spans if s.mention.type == "LOC" and s.actor and s.actor.country and s.prep == "في"]
    if located:
        return located[0].actor.country  # type: ignore[union-attr]
    for s in spans:
        a = s.actor
        if a is None or not a.country or len(a.country) != 3 or a.sector == "IGO":
            continue
        if s.mention.type in ("LOC", "ORG") or any(
                m.type == "LOC" and s.mention.start <= m.start and m.end <= s.mention.end and m.actor is not None
                and m.actor.country == a.country for m in mentions):
            return a.country
    return None


def _with_surnames_linked(mentions: list[Mention], text: str = "", focal: str | None = None) -> list[Mention]:
    """Mentions the actor layer left unlinked borrow a linked referent: a
    name right after an office (المبعوث الأممي هانس غروندبرغ) takes the
    office's actor; a surname the NER found on its own (أوغلو) takes the
    actor of the last linked person whose name ends with it, also when it
    reads as a demonym (السوداني after محمد شياع السوداني); a head of
    state of no known country (الرئيس X) belongs to the article's country;
    and a repeated surface (الرئيس) takes the actor of its nearest linked
    twin.  The document's own mentions are not changed."""
    out: list[Mention] = []
    linked: list[tuple[Mention, str]] = []  # linked people with their folded names
    prev: Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        if (m.type == "PERS" or m.type == "ORG" and m.source == "ner" and prev is not None and prev.type == "PERS"
                and _apposed(prev, m, text)) and (m.actor is None or not m.actor.country):
            key = normalize(m.text).strip()
            donor = next((x for x, f in reversed(linked) if len(key) >= 3
                          and (f.endswith(" " + key) or f == key)), None)
            if donor is None and prev is not None and _apposed(prev, m, text):
                donor = prev  # "منسق الإغاثة في الأمم المتحدة مارتن غريفيث"
            if donor is not None:
                m = Mention(m.text, m.start, m.end, m.type, donor.actor, m.location, source=m.source)
            elif focal and m.actor is not None and m.actor.sector in ("GOV", "MIL", "COP") and m.actor.kind != "GROUP":
                a = m.actor
                m = Mention(m.text, m.start, m.end, m.type, Actor(a.name, focal, a.sector, a.kind), m.location, source=m.source)
        elif m.type in ("MISC", "ORG") and m.source in ("demonym", "group") and (donor := _surname_donor(m, linked)):
            # "طالب السوداني": the Iraqi prime minister's surname, not "Sudanese"
            m = Mention(m.text, m.start, m.end, "PERS", donor.actor, m.location, source=m.source)
        elif m.type == "ORG" and focal and (m.actor is None or not m.actor.country) and _party_name(m.text):
            # "حزب الكومينتانغ"، "الحزب الوطني البنغالي": a party named in a story is of the story's country
            m = Mention(m.text, m.start, m.end, m.type, Actor(None, focal, _party_sector(m, text), "ORG"), m.location,
                        source=m.source)
        elif m.type == "ORG" and focal and m.actor is not None and not m.actor.country and not m.actor.name \
                and m.actor.sector in _DOMESTIC_GROUPS:
            # "قوات مكافحة الشغب"، "مسلحون": the country the story is about
            a = m.actor
            m = Mention(m.text, m.start, m.end, m.type, Actor(a.name, focal, a.sector, a.kind), m.location, source=m.source)
        if m.type == "PERS" and m.actor is not None and m.actor.country and (m.actor.name or len(m.text.split()) >= 2):
            linked.append((m, normalize(m.text)))
        if m.actor is not None and m.actor.country and m.type in ("PERS", "ORG"):
            prev = m
        out.append(m)
    # one referent per surface in an article: an unlinked "الرئيس" takes the
    # actor of another "الرئيس" the actor layer did link (the nearest one)
    by_text: dict[str, list[Mention]] = {}
    for m in out:
        if m.actor is not None and m.actor.country:
            by_text.setdefault(normalize(m.text), []).append(m)
    for i, m in enumerate(out):
        if m.type in ("PERS", "ORG") and (m.actor is None or not m.actor.country):
            same = by_text.get(normalize(m.text))
            if same:
                donor = min(same, key=lambda x: abs(x.start - m.start))
                out[i] = Mention(m.text, m.start, m.end, m.type, donor.actor, m.location, source=m.source)
    return out


_PARTY_HEADS = ("حزب", "الحزب", "وحزب", "والحزب")


def _party_name(surface: str) -> bool:
    return normalize(surface).startswith(_PARTY_HEADS)


def _party_sector(m: Mention, text: str) -> str | None:
    """The ruling party is the government's side, an opposition party the opposition's."""
    near = normalize(m.text + " " + text[m.end:m.end + 16])
    return "GOV" if "الحاكم" in near else "OPP" if "المعارض" in near else None


def _surname_donor(m: Mention, linked: list[tuple[Mention, str]]) -> Mention | None:
    """The person named earlier whose surname the mention's last word is."""
    if not linked:
        return None
    last_word = " " + normalize(m.text).split()[-1]
    own = m.actor.country if m.actor else None
    return next((x for x, f in reversed(linked) if f.endswith(last_word) and x.actor and x.actor.country != own), None)


def _apposed(office: Mention, name: Mention, text: str) -> bool:
    """A name written right after an office or title mention names its holder."""
    a = office.actor
    gap = text[office.end:name.start].split() if 0 <= name.start - office.end <= 40 else ["-"] * 9
    # "المبعوث الأممي إلى ليبيا عبد الله باتيلي": the office's place may come between
    place = len(gap) <= 3 and bool(gap) and normalize(gap[0]) in _OFFICE_PLACE_PREPS
    # "المبعوث الخاص لرابطة دول جنوب شرق آسيا (آسيان) ألونكيو كيتيخون": or the body's short name in brackets
    aside = len(gap) == 1 and gap[0].startswith("(") and gap[0].endswith(")")
    return bool(a and a.country and office.type in ("PERS", "ORG") and a.sector in _OFFICE_SECTORS
                and (not gap or place or aside) and office.source in ("role", "title", "group", "gazetteer"))


_OFFICE_SECTORS = frozenset({"GOV", "IGO", "MIL", "OPP", "REB", "LEG", "JUD", "COP"})


_ON_THE_SCENE = frozenset({"REB", "OPP", "PRO", "CVL"})  # rebels, opposition, protesters and civilians are where the story is


def _focal_country(doc: Document) -> str | None:
    """The country the story is about: the most named in its places and in
    the non-state parties on the scene (talks held in Jeddah do not
    make a Sudanese war Saudi)."""
    counts = Counter(m.actor.country for m in doc.mentions if m.actor and m.actor.country and len(m.actor.country) == 3
                     and (m.type == "LOC" or m.actor.sector in _ON_THE_SCENE))
    return counts.most_common(1)[0][0] if counts else None


def _credit_mention(doc: Document) -> Mention | None:
    """The outlet credited by the article ("المصدر: …"), as a mention outside
    the text (offsets -1), linked through the actor gazetteer when it knows it."""
    who = doc.credited_source or doc.outlet
    if not who:
        return None
    actor = resolve_actor(who, doc.pub_date) or Actor(None, None, "MED", "ORG")
    return Mention(who, -1, -1, "ORG", actor, source="credit")


def _advance(ctx: SentenceContext, state: Discourse) -> None:
    for f in ctx.frames:
        if f.speaker is not None and f.kind != "attribution":
            state.last_speaker = f.speaker


# ----------------------------------------------------------------- candidates

def _select(matches: list[TriggerMatch], ctx: SentenceContext) -> list[TriggerMatch]:
    """Resolve overlaps and drop the content of frame triggers."""
    # after a preposition a word is a noun: "عن تضامن" is not the verb تضامن
    matches = [m for m in matches if not (m.entry.pos == "v" and m.first > 0
                                          and ctx.tokens[m.first - 1].norm in PREPOSITIONS)]
    # a word of a name is no trigger: "حزب المؤتمر الشعبي" holds no conference
    names = [s for s in ctx.spans if s.mention.type == "ORG" and s.mention.source in _NAME_SOURCES and s.last > s.first]
    matches = [m for m in matches if not any(s.first <= m.first and m.last <= s.last for s in names)
               and not _passive_participle(ctx, m)]
    # "ما أسفر عن مقتل جندي": the outcome of an act already told, not another act
    matches = [m for m in matches if not (m.entry.type == "ASSAULT" and m.entry.pos != "v" and suffered(ctx.tokens[m.first])
                                          and any(ctx.tokens[i].norm.lstrip("وف") in _RESULTING
                                                  for i in range(max(0, m.first - 3), m.first)))]
    # "هذه الاتهامات"، "هذا الهجوم": an event already told, referred back to
    matches = [m for m in matches if m.entry.pos == "v" or m.first == 0
               or ctx.tokens[m.first - 1].norm.lstrip("و") not in _DEMONSTRATIVES]
    # "أغلقوا الطرق احتجاجا على …": the purpose of an act already triggered is its motive, no new event
    matches = [m for m in matches if not (purpose_adverb(ctx, m) and any(
        o.last < m.first and _one_clause(ctx, o.last, m.first) for o in matches if o is not m))]
    # "قاطعت المعارضة الاجتماع"، "ألغت الحكومة الاجتماع"، "جمدت كندا المفاوضات": a meeting boycotted,
    # called off or suspended was not held
    refusals = [m for m in matches if m.entry.type in ("REJECT", "SANCTION") or m.entry.mode == "boycott"]
    matches = [m for m in matches if not (m.entry.type == "CONSULT" and m.entry.pos != "v" and any(
        0 < m.first - r.last <= 5 and _one_clause(ctx, r.last, m.first) for r in refusals))]
    # "تجميد تعاونها": a verb reading right after a masdar trigger is that masdar's object
    noun_ends = {m.last for m in matches if m.entry.pos != "v" and not _armed_subject(ctx, m)}
    matches = [m for m in matches if not (m.entry.pos == "v" and m.first - 1 in noun_ends)]
    # the most specific entries win on shared tokens; entries that need a
    # source sector stay as alternatives until the source is known
    matches.sort(key=lambda m: (-(m.last - m.first), -m.entry.specificity, -m.entry.weight))
    kept: list[TriggerMatch] = []
    for m in matches:
        clash = [k for k in kept if not (m.last < k.first or k.last < m.first)]
        if not clash:
            kept.append(m)
            continue
        if any(k.entry.type == m.entry.type and k.entry.mode == m.entry.mode and k.entry.pos == m.entry.pos for k in clash):
            continue
        best = clash[0]
        if m.entry.source_sectors or best.entry.source_sectors:
            kept.append(m)  # decided after argument attachment
        elif (m.last - m.first, m.entry.specificity) >= (best.last - best.first, best.entry.specificity) and (
                m.entry.type != best.entry.type or m.entry.pos != best.entry.pos):
            kept.append(m)  # equally specific readings (another type, noun vs verb): decided after attachment
    kept.sort(key=lambda m: m.first)
    out: list[TriggerMatch] = []
    frames = [m for m in kept if m.entry.frame]
    # "مطلوب بتهمة التحريض على القتل": the content of a charge is not an event
    charged = [i for i, t in enumerate(ctx.tokens) if t.norm.lstrip("و") in _CHARGE]
    kept = [m for m in kept if m.entry.type in ("ACCUSE", "COERCE", "SANCTION")
            or not any(0 < m.first - i <= 4 for i in charged)]
    for m in kept:
        governing = _alleging(ctx, m, frames) or _ordering(ctx, m, frames)
        if governing is not None:
            # "اتهمت X Y بإيواء مقاتلين": Y's act, as X tells it; "أمر X الجيش بنشر قوات": X's act
            ctx.governed_by[m.first] = governing.first
            out.append(m)
            continue
        governed = any(f is not m and f.last < m.first and ctx.clause[f.last] == ctx.clause[m.first]
                       and f.entry.type != m.entry.type and f.entry.type != "CONSULT" for f in frames)
        governed = governed or any(  # a meeting's topic is not an event (بحث تعزيز التعاون)
            f is not m and f.last < m.first and ctx.clause[f.last] == ctx.clause[m.first]
            and f.entry.type == "CONSULT" and m.entry.type != "CONSULT" and not m.entry.frame for f in frames)
        if not governed:
            out.append(m)
    return out


_ALLEGED = frozenset({"ASSAULT", "AID", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})  # acts one side accuses another of


def _governing(ctx: SentenceContext, m: TriggerMatch, prior: list[CodedEvent]) -> tuple[MentionSpan | None, str]:
    """Who does the act an accusation or an order names, and how it is told:
    the accused, as reported; the one who gave the order, as told."""
    at = ctx.governed_by.get(m.first)
    if at is None:
        return None, ""
    act = next((p for p in reversed(prior) if p.sentence == ctx.index and p.token == at
                and p.type in ("ACCUSE", "REQUEST")), None)
    if act is None:
        return None, ""
    if act.type == "ACCUSE":
        return (span_of(act.target) if act.target is not None else None), "reported"
    if _to_another_state(act):
        return None, "demanded"  # "أمر الرئيس الأمريكي إيران بالإفراج …": the request says it all
    return (span_of(act.source) if act.source is not None else None), ""


def _ordering(ctx: SentenceContext, m: TriggerMatch, frames: list[TriggerMatch]) -> TriggerMatch | None:
    """The order (أمر X بـ …) whose بـ-complement is this act: "أمر فوتشيتش
    الجيش برفع حالة التأهب"، "وأمرت بنشر الجيش"."""
    if m.entry.type in ("REQUEST", "ACCUSE") or m.entry.pos == "v" or not ctx.tokens[m.first].norm.startswith("ب"):
        return None
    return next((f for f in reversed(frames) if f.entry.type == "REQUEST" and f.entry.perfect == _ORDER
                 and f.last < m.first <= f.last + 6 and ctx.clause[f.last] == ctx.clause[m.first]), None)


_ORDER = normalize("أمر")


def _orders_carried(events: list[CodedEvent], ctx: SentenceContext) -> list[CodedEvent]:
    """An order whose act was coded is that act (a state ordering its army to
    deploy mobilises, a president ordering a release releases); only an order
    to another state stays a request."""
    carried = {p.token for p in events if p.sentence == ctx.index and ctx.governed_by.get(p.token) is not None}
    orders = {ctx.governed_by[t] for t in carried}
    return [e for e in events if not (e.type == "REQUEST" and e.sentence == ctx.index and e.token in orders
                                      and not _to_another_state(e))]


def _to_another_state(e: CodedEvent) -> bool:
    s = e.source.actor if e.source is not None else None
    t = e.target.actor if e.target is not None else None
    return s is not None and t is not None and bool(t.country) and t.country != s.country


def _alleging(ctx: SentenceContext, m: TriggerMatch, frames: list[TriggerMatch]) -> TriggerMatch | None:
    """The accusation (اتهم، متهما) whose بـ-complement is this act: "اتهمت
    كينشاسا كيغالي بإرسال قوات"، "متهمة إياها بإيواء مسلحين"."""
    if m.entry.type not in _ALLEGED or m.entry.pos == "v" or not ctx.tokens[m.first].norm.startswith("ب"):
        return None
    return next((f for f in reversed(frames) if f.entry.type == "ACCUSE" and f.entry.mode == "allege"
                 and f.last < m.first <= f.last + 8 and ctx.clause[f.last] == ctx.clause[m.first]), None)


def _armed_subject(ctx: SentenceContext, m: TriggerMatch) -> bool:
    """"الطائرات المسيرة قصفت": a noun trigger that names weapons after a
    definite forces noun is the next verb's subject, not an act with an object."""
    prev = ctx.tokens[m.first - 1].norm if m.first > 0 else ""
    return ctx.tokens[m.first].norm.startswith("ال") and prev.startswith("ال") and prev[2:] in OWN_FORCES


def _one_clause(ctx: SentenceContext, i: int, j: int) -> bool:
    """Tokens ``i`` < ``j`` stand in one clause, or in clauses split by mere commas."""
    breaks = [k for k in range(i + 1, j) if ctx.clause[k] != ctx.clause[i] and ctx.clause[k] != ctx.clause[j]]
    return all(ctx.tokens[k].norm in ("،", ",") for k in breaks)


def _passive_participle(ctx: SentenceContext, m: TriggerMatch) -> bool:
    """"شركات متهمة بتزويد …": a participle followed at once by its charge
    describes someone accused by others, it is no accusation by the sentence's
    subject (the active "…، متهما إياه بـ" names its object first)."""
    t = ctx.tokens[m.first]
    if m.entry.type != "ACCUSE" or m.entry.pos == "v" or t.norm.startswith("و") or not t.norm.startswith("متهم"):
        return False
    nxt = m.last + 1
    return nxt < len(ctx.tokens) and ctx.tokens[nxt].norm.startswith("ب") and not any(s.first == nxt for s in ctx.spans)


def _frame_of(ctx: SentenceContext, i: int) -> Frame | None:
    best = None
    for f in ctx.frames:
        if f.first <= i <= f.last and (best is None or f.first >= best.first):
            best = f
    return best


# ----------------------------------------------------------------- one event

def _build(doc: Document, ctx: SentenceContext, m: TriggerMatch, state: Discourse, credit: Mention | None,
           scores: dict[str, float], prior: list[CodedEvent]) -> list[CodedEvent]:
    e = m.entry
    tokens, first, last = ctx.tokens, m.first, m.last
    verb = e.pos == "v"
    frame = _frame_of(ctx, first)
    speaker = frame.speaker if frame else None
    if first in ctx.quote_tokens and speaker is None:
        qs, qe = ctx.quote_tokens[first]
        speaker = quote_speaker(ctx.tokens, qs, qe, ctx.frames, ctx.spans, ctx.clause, state.last_speaker)
    args = attach_arguments(ctx, m, state, frame, speaker, prior)
    src, tgt = args.source, args.target
    doer, told = _governing(ctx, m, prior)
    if told == "demanded":
        return []
    if doer is not None:
        src = doer
        if tgt is not None and same_party(tgt, src):
            tgt = None
        args.how = "syntax"
    co: list[MentionSpan] = []
    if src is not None and src.first >= 0 and args.how == "syntax" and src.prep != "بين":  # not "بين X و Y"
        co = _co_subjects(ctx, src)
        if co and tgt is not None and any(tgt.mention is c.mention for c in co):
            # "دعت الولايات المتحدة والاتحاد الأوروبي …": the second party acts too, it is no target
            tgt = target_of(e.type, tokens, first, last, ctx.spans, ctx.clause, co[-1], verb, dated=ctx.dated)
            if tgt is not None and any(tgt.mention is c.mention for c in co):
                tgt = None
        if _reciprocal_type(e) and e.mode == "visit" and tgt is not None:
            pass  # "زيارة قامت بها X وY إلى تونس": each visitor visits the host
        elif _reciprocal_type(e) and (tgt is None or len(co) == 1):
            partner = co[0] if len(co) == 1 else (_partner_before(ctx, src) if verb and is_dual(tokens[first], e.perfect) else None)
            if partner is not None:
                # "وقع العراق وتركيا مذكرة"، "التقى X وY بدعوة من Z"، "الحكومة … وجماعة الحوثي وافقتا": one party and the other
                src, tgt = (partner, src) if partner.first < src.first else (src, partner)
            co = []
        elif _reciprocal_type(e):
            co = []  # a meeting of three or more: one record with the first named
    if src is not None and args.how == "speaker" and not co:
        # "وأعلنت مالي وبوركينا فاسو في بيان مشترك أن …": each speaker says it, neither is the other's target
        said = next((s_ for s_ in ctx.spans if s_.mention is src.mention or (
            s_.mention.start == src.mention.start and s_.mention.end == src.mention.end)), None)
        co = _co_subjects(ctx, said) if said is not None else []
        if tgt is not None and any(same_party(tgt, c) for c in co):
            tgt = None
    if src is not None and speaker is not None and (frame is not None or first in ctx.quote_tokens):
        src = _speakers_own(src, speaker)  # "وقال كورتي إن قوات الأمن اعتقلت …": his forces
    mutual = args.mutual
    if e.type in _EXCHANGED and (x := exchange_verb(tokens, first)) is not None:
        # "تبادلت القوات X وY إطلاق النار": each side fires at the other
        src = src or subject_of(tokens, x, x, ctx.spans, ctx.clause, verb=True)
        partner = exchange_partner(tokens, last, ctx.spans, ctx.clause, src) if src is not None else None
        if partner is not None and not same_party(partner, src):  # type: ignore[arg-type]
            tgt, co, mutual = partner, [], True
            args.how = "syntax"
    if src is not None and src.mention.source == "events" and args.how == "syntax":
        args.how = "agent"  # a generic participant, not a named actor
    etype, mode, cameo = e.type, e.mode, e.cameo
    if e.source_sectors and not (src and src.actor and src.actor.sector in e.source_sectors and args.how != "implied"):
        return []  # "استعادة السيطرة على المباني": no protesters named, no protest
    # a government "protesting" is a diplomatic protest (PLOVER: ACCUSE disapprove)
    if etype == "PROTEST" and mode != "boycott" and (verb or args.how == "purpose") and src and src.actor \
            and src.actor.sector in _PROTEST_TO_ACCUSE:  # (a boycott stays one, PLOVER PROTEST boycott)
        etype, mode, cameo = "ACCUSE", "disapprove", "111"
    # "سبعة مدنيين قتلوا": civilians before a killing verb are its victims
    if etype == "ASSAULT" and src and src.actor and src.actor.sector == "CVL" and tgt is None:
        src, tgt = None, src
    # protesters attacking or burning is a violent protest (PLOVER PROTEST riot)
    if etype == "ASSAULT" and src and src.actor and src.actor.sector == "PRO":
        etype, mode, cameo = "PROTEST", "riot", "145"
    # an official's claim that terrorists seized or attacked something is an accusation
    if etype in _ACCUSE_CONTENT and frame is not None and speaker is not None and src is not None \
            and any(x in _fold(src.mention.text) for x in _TERROR):
        etype, mode, cameo = "ACCUSE", "allege", "112"
        tgt, src = src, span_of(speaker)
        args.how = "syntax"
    modality = modality_of(ctx, m, frame, src.mention if src else None, speaker, verb, etype)
    if doer is not None and told:
        modality = told  # an act someone is accused of is told, not asserted
    if modality == "negated" and etype in ("AGREE", "SUPPORT") and e.perfect in _ACCEPTING:
        # "لا تعترف باختصاص المحكمة"، "لم يوافق على …": a refusal (PLOVER REJECT)
        etype, mode, cameo, modality = "REJECT", None, "120", "asserted"
    if etype == "RETREAT" and modality == "future":  # PLOVER: announced retreats are concessions
        etype, mode, cameo = "CONCEDE", None, "080"
    if mode is None:
        if args.how == "discourse" and args.mode:
            mode = None if args.mode == "-" else args.mode
        else:
            mode = refine_mode(etype, tokens, first, last)
        if mode is not None and (cameo is None or cameo.endswith("0")):
            cameo = MODE_CAMEO.get((etype, mode), cameo)
    if modality in ("negated", "hypothetical") and not (src is not None and (args.how == "syntax" and _named(src) or args.how == "own")):
        return []  # a generic "no protests", "mediation is unlikely" is no event record
    if src is None and etype == "ASSAULT" and not verb and _told_before(tokens[first], prior):
        return []  # "وقال الجيش إن الغارات استهدفت …": the raids already told, told again
    if src is None and etype != "ASSAULT":
        return []  # who did it is the point of an event record; unknown perpetrators only for violence
    more_targets: list[MentionSpan] = []
    if tgt is None and src is not None:
        both = _reciprocal_objects(ctx, last, src, prior)  # "دعا البلدين إلى …": the two parties named before
        tgt, more_targets = (both[0], both[1:]) if both else (_anaphoric_object(ctx, last, src, prior), [])
        if tgt is None:
            tgt = _counterparty_object(ctx, last, src)
    if etype in ("PROTEST", "COERCE") and tgt is not None and tgt.first >= 0 and src is not None and _country_of(src):
        # "تظاهر أنصار المعارضة الكينية أمام مقر البرلمان": their own country's parliament
        tgt = _of_country(tgt, _country_of(src))  # type: ignore[arg-type]
    if tgt is None and etype == "AID" and src is not None:
        tgt = _aid_destination(ctx, first, src)
        if tgt is None and ctx.doc_focal and _country_of(src) not in (None, ctx.doc_focal):
            # aid told of in an article about a country goes to that country
            tgt = implied_party(tokens, first, last, ctx.doc_focal, None)
    if etype == "SANCTION" and tgt is not None and tgt.first >= 0 and not _country_of(tgt):
        # "عقوبات على ثلاث شركات مرتبطة ببرنامج الأسلحة الكوري الشمالي": whose companies
        tgt = _later_country(ctx, tgt) or tgt
    if tgt is None and src is not None and src.actor and src.actor.country and len(src.actor.country) == 3:
        if etype in _DEMANDS and src.actor.sector in ("OPP", "PRO", "REB"):
            # "وطالب زعيم المعارضة بإعادة فرز الأصوات": a domestic demand addresses the government
            tgt = implied_party(tokens, first, last, src.actor.country, "GOV")
        elif etype == "ASSAULT" and mode == "crowd-control" and src.actor.sector in ("COP", "MIL", "GOV"):
            tgt = implied_party(tokens, first, last, src.actor.country, "PRO")  # tear gas is fired at a crowd
        elif etype == "COERCE" and src.actor.sector in ("COP", "MIL", "GOV"):
            # arrests, curfews: the people named by nationality ("اعتقلت أكثر من ألف أفغاني"), else the state's own
            tgt = _demonym_after(ctx, last) or implied_party(tokens, first, last, src.actor.country, None)
        elif etype == "RETREAT" and mode == "resign":
            tgt = implied_party(tokens, first, last, src.actor.country, "GOV")  # one resigns from one's own state's office
        elif etype == "PROTEST" and mode == "demo" and src.actor.sector in ("PRO", "CVL", "OPP", None):
            tgt = implied_party(tokens, first, last, src.actor.country, "GOV")  # a demonstration addresses the government
    conf = 0.6 * e.weight + 0.2 * (src is not None) + 0.1 * (tgt is not None) + 0.1 * verb
    p = scores.get(etype)
    if (p is not None and etype in _DETECTED and p < _DETECTOR_FLOOR and etype not in state.topics
            and modality in ("asserted", "reported") and mode != "boycott"):  # the detectors know street protests only
        return []
    if p is not None:
        # the sentence models are noisy (GSR labels disagree with PLOVER often):
        # they decide between weak readings, they do not veto strong ones
        conf = (1 - _MODEL_WEIGHT) * conf + _MODEL_WEIGHT * p
    if conf < MIN_CONFIDENCE:
        return []
    date, date_text, is_pub = _event_date(doc, ctx, first, last)
    via = list(frame.relay) if frame else []
    if speaker is None and credit is not None:
        speaker = credit
    elif credit is not None:
        via.append(credit)
    subject = tgt if e.inverse else src  # استقبل X Y: X, the host, goes on as subject (وبحث معه)
    if subject is not None and subject.mention.source != "events" and args.how == "syntax" and subject.first >= 0:
        state.last_agent, state.last_agent_sentence = subject, ctx.index
    targets = [tgt] + (_coordinated(ctx, tgt) if tgt is not None and tgt.first >= 0 else []) + more_targets
    if tgt is not None and tgt.first >= 0 and tgt.mention.source == "events" and tgt.mention.type == "ORG":
        targets += demonym_list(tgt, ctx.spans)  # "مقترحا مصريا سودانيا"
    if etype == "CONSULT":
        # "مباحثات مع رئيس الوزراء العراقي ونظيره فؤاد حسين": one meeting with one country
        seen: set[str | None] = set()
        targets = [t for t in targets if t is None or not (c := _country_of(t)) or not (c in seen or seen.add(c))]
    out = []
    for s_, t in ((s_, t) for s_ in [src] + co for t in targets):
        if t is not None and s_ is not None and s_ is not src and same_party(t, s_):
            continue
        out.append(CodedEvent(
            type=etype, source=s_.mention if s_ else None, target=t.mention if t is not None else None,
            evidence=[_evidence(doc, ctx, first, last, s_, t)], mode=mode, cameo=cameo, date=date,
            date_text=date_text, date_is_pub_date=is_pub, location=_location(ctx, first, doc.text), modality=modality,
            speaker=speaker, confidence=round(min(conf, 1.0), 3), via=via,
            trigger=" ".join(tok.text for tok in tokens[first:last + 1]), sentence=ctx.index, token=first, how=args.how))
    if mutual and out and tgt is not None and src is not None:
        ev = out[0]
        out.append(replace(ev, source=tgt.mention, target=src.mention, evidence=[_evidence(doc, ctx, first, last, tgt, src)]))
    return out


def _drop_protest_topics(events: list[CodedEvent]) -> list[CodedEvent]:
    """PLOVER: the demands of a protest (مطالبين بـ …) are its topic, not a
    separate REQUEST, unless someone named makes them."""
    protests = [e for e in events if e.type == "PROTEST"]
    if not protests:
        return events
    return [e for e in events if not (e.type == "REQUEST" and (
        e.source is None or e.how != "syntax" or (e.source.actor is not None and e.source.actor.sector in ("PRO", "CVL", None))
        or any(same_actor(e.source, p.source) for p in protests)))]


def _drop_argument_triggers(events: list[tuple[TriggerMatch, CodedEvent]], ctx: SentenceContext) -> list[CodedEvent]:
    """Keep one reading per trigger and drop triggers that are arguments.

    * a trigger that is another event's argument (سيطرة *المحتجين*) is not an
      event of its own;
    * of alternative readings of the same words (سيطرة as PROTEST when the
      source is protesters, else COERCE; طلبه as noun or verb) the one whose
      source needed a sector, then the one whose source came from syntax, wins.
    """
    def rank(item: tuple[TriggerMatch, CodedEvent]) -> tuple[int, int]:
        m, ev = item
        return (bool(m.entry.source_sectors), ev.how == "syntax")

    best: dict[tuple[int, int], tuple[int, int]] = {}
    for item in events:
        key = (item[0].first, item[0].last)
        best[key] = max(best.get(key, (-1, -1)), rank(item))
    out: list[CodedEvent] = []
    for m, ev in events:
        if rank((m, ev)) < best[(m.first, m.last)]:
            continue
        t0, t1 = ctx.tokens[m.first].start, ctx.tokens[m.last].end
        inside = any(
            arg is not None and arg.start <= t0 and t1 <= arg.end
            for m2, ev2 in events if (m2.first, m2.last) != (m.first, m.last)
            for arg in (ev2.source, ev2.target))
        if not inside:
            out.append(ev)
    return out


def _fold(text: str) -> str:
    return normalize(text)


_EXCHANGED = frozenset({"ASSAULT", "ACCUSE", "THREATEN"})  # acts two sides can trade (تبادل إطلاق النار/الاتهامات)
_CLOSING_QUOTES = frozenset("»”\"")
_DEMANDS = frozenset({"REQUEST", "REJECT", "ACCUSE", "THREATEN"})
_ACCEPTING = frozenset(normalize(w) for w in ("قبل", "وافق", "اعترف", "أيد"))  # negated, a refusal


def _co_subjects(ctx: SentenceContext, src: MentionSpan) -> list[MentionSpan]:
    """Actors joined to the subject by و right after it: "دعت الولايات
    المتحدة والاتحاد الأوروبي"، "إعلان الولايات المتحدة وبريطانيا عقوبات"."""
    out: list[MentionSpan] = []
    cur = src
    for s in ctx.spans:
        if s.first <= cur.last:
            continue
        if s.first == cur.last + 1 and s.mention.type == "PERS" and not joined(ctx, s) and s.prep is None:
            cur = s  # "رئيسة المفوضية الأوروبية أورسولا فون دير لاين ورئيسة الوزراء …": the name, then the next party
            continue
        comma = s.first == cur.last + 2 and ctx.tokens[cur.last + 1].text in ("،", ",")  # "كندا، وأستراليا، ونيوزيلندا"
        if (s.first != cur.last + 1 and not comma) or s.prep is not None or not joined(ctx, s) \
                or not (is_actor(s) and s.actor and s.actor.country):
            break
        out.append(s)
        cur = s
    return out


def _partner_before(ctx: SentenceContext, src: MentionSpan) -> MentionSpan | None:
    """"الحكومة اليمنية المعترف بها دوليا وجماعة الحوثي وافقتا": the party
    joined by و before the subject of a dual verb."""
    if not joined(ctx, src):
        return None
    for s in reversed(ctx.spans):
        if s.last < src.first and src.first - s.last <= 5 and s.prep is None and is_actor(s) \
                and s.actor and s.actor.country and ctx.clause[s.last] == ctx.clause[src.first]:
            return s
    return None


def _reciprocal_type(e: Entry) -> bool:
    """Events whose parties act together: meetings, agreements, cooperation, signing."""
    return e.type in ("CONSULT", "AGREE", "COOPERATE") or e.cameo == "057"


def _reciprocal_objects(ctx: SentenceContext, last: int, src: MentionSpan, prior: list[CodedEvent]) -> list[MentionSpan]:
    """"دعا الكرملين البلدين الجارين"، "حث طرفي النزاع": both sides of the last
    two-sided event, each a target (not the source's own side)."""
    start = _after_subject(ctx, last, src)
    if start < len(ctx.tokens) and ctx.tokens[start].text in ("،", ","):
        # "ودعت الصين، التي تربطها علاقات وثيقة بالبلدين، الطرفين إلى": past the apposition
        close = next((j for j in range(start + 1, min(len(ctx.tokens), start + 14)) if ctx.tokens[j].text in ("،", ",")), None)
        if close is not None:
            start = close + 1
    cl = ctx.clause[start] if start < len(ctx.tokens) else ctx.clause[last]
    for j in range(start, min(len(ctx.tokens), start + 5)):
        if ctx.clause[j] != cl:
            break
        n = ctx.tokens[j].norm.lstrip("و")
        if n in RECIPROCAL or n in ("طرفي", "الاطراف"):
            parties = earlier_parties(prior, ctx)
            if parties is None:
                return []
            own = src.actor.country if src.actor else None
            return [span_of(p) for p in parties if p.actor and p.actor.country != own]
        if any(s.first == j for s in ctx.spans):
            break
    return []


def _after_subject(ctx: SentenceContext, last: int, src: MentionSpan) -> int:
    """The first token after the trigger and a subject that follows it, with
    the subject's apposition (وزير الخارجية الأوكراني دميترو كوليبا)."""
    if src.first <= last:
        return last + 1
    end = src.last
    for s in ctx.spans:
        if s.first == end + 1 and (s.mention.type == "PERS" or same_party(s, src) or joined(ctx, s)
                                   or src.mention.source == "events" and not src.mention.text.startswith("ال")):
            end = s.last  # an apposed name, a joined party, the genitive of "حكومة طالبان"
        elif s.first == end + 2 and s.prep == "في" and s.mention.type == "LOC":
            end = s.last  # "حثت السفارة الأمريكية في ليبيا جميع الأطراف"
    return end + 1


@lru_cache(maxsize=1)
def _anaphora() -> dict[str, frozenset[str]]:
    """Folded definite nouns that refer back to an earlier event, with the
    event types they can name (``resources/events/anaphora.txt``)."""
    out: dict[str, frozenset[str]] = {}
    for line in resource_lines("anaphora.txt"):
        word, types = line.split()
        out[normalize(word)] = frozenset(types.split(","))
    return out


def _told_before(t: Token, prior: list[CodedEvent]) -> bool:
    """A definite attack noun (الغارات، الهجوم، القصف) with no doer of its own
    after an attack already coded in the article names that attack again."""
    n = t.norm.lstrip("وف")
    n = "ال" + n[3:] if n.startswith(("بال", "لل")) else n
    return n.startswith("ال") and "ASSAULT" in _anaphora().get(n, ()) and any(p.type == "ASSAULT" for p in prior)


@lru_cache(maxsize=1)
def _counterparties() -> frozenset[str]:
    return frozenset(normalize(w) for w in resource_lines("counterparties.txt"))


def _counterparty_object(ctx: SentenceContext, last: int, src: MentionSpan) -> MentionSpan | None:
    """"واتهمت اليابان جارتها بـ …"، "دعا خصومه إلى الحوار": the last other
    country named before the trigger, in this sentence or the one before."""
    start = _after_subject(ctx, last, src)
    words = _counterparties()
    hit = next((j for j in range(start, min(len(ctx.tokens), start + 3)) if ctx.clause[j] == ctx.clause[last]
                and ctx.tokens[j].norm.removeprefix("و").removeprefix("ب").removeprefix("ل") in words), None)
    if hit is None:
        return None
    own = _country_of(src)
    lo = ctx.doc.sentences[max(0, ctx.index - 1)].start if ctx.doc.sentences else 0
    at = ctx.tokens[hit].start
    other = [m for m in ctx.doc.mentions if lo <= m.start < at and m.actor is not None and m.actor.country
             and m.actor.country != own and m.actor.sector != "IGO"
             and (m.actor.kind != "LOC" or m.actor.id == m.actor.country)]  # a country, not a city where it happened
    return span_of(other[-1]) if other else None


def _anaphoric_object(ctx: SentenceContext, last: int, src: MentionSpan, prior: list[CodedEvent]) -> MentionSpan | None:
    """"نددت الخارجية الإيرانية بالقرار"، "رحب بالحزمة الجديدة"، "رفض هذه
    الاتهامات": a definite noun that names an earlier event makes that
    event's source the target (when it is another country)."""
    cl = ctx.clause[last]
    start = _after_subject(ctx, last, src)
    for j in range(start, min(len(ctx.tokens), start + 4)):
        if ctx.tokens[j].text in _CLOSING_QUOTES and j + 1 < len(ctx.tokens):
            cl = ctx.clause[j + 1]  # "«سترد بالمثل» على الخطوة": the quoted verb's complement follows the quote
            continue
        if ctx.clause[j] != cl or any(s.first == j for s in ctx.spans):
            break
        n = ctx.tokens[j].norm
        for p in ("وبال", "بال", "لل", "وال", "ال", "وب", "ب"):
            if n.startswith(p) and len(n) > len(p) + 2:
                n = "ال" + n[len(p):]  # بتوقيع المذكرة: التوقيع
                break
        types = _anaphora().get(n)
        if types is None:
            continue
        own = src.actor.country if src.actor else None
        state_side = src.actor is not None and src.actor.sector not in NON_STATE
        # another country's act, or at home an armed group's or a crowd's act that the state answers
        cands = [p for p in reversed(prior) if p.source is not None and p.source.actor and p.source.actor.country
                 and (p.source.actor.country != own or state_side and p.source.actor.sector in NON_STATE)
                 and p.type in types]
        root = _skeleton(n[2:])
        same_root = [p for p in cands if _skeleton(normalize(p.trigger).split()[0].lstrip("وف")) == root] if cands else []
        return span_of((same_root or cands)[0].source) if cands else None  # type: ignore[arg-type]
    # "وهو ما نددت به الخارجية": the event just told
    if last + 1 < len(ctx.tokens) and ctx.tokens[last + 1].norm in ("به", "بها", "عليه", "عليها") \
            and any(t.norm in ("ما", "وهو", "وهي") for t in ctx.tokens[max(0, last - 3):last]):
        own = src.actor.country if src.actor else None
        p = next((p for p in reversed(prior) if p.sentence >= ctx.index - 1 and p.source is not None and p.source.actor
                  and p.source.actor.country and p.source.actor.country != own), None)
        return span_of(p.source) if p is not None else None  # type: ignore[arg-type]
    return None


def _skeleton(word: str) -> str:
    """Consonants of a folded word without the article, long vowels and
    common affixes (الإطلاق، أطلق → طلق), to tell a noun's root."""
    w = word[2:] if word.startswith("ال") else word
    w = w.lstrip("ا")
    return "".join(c for c in w if c not in "اويىهت")[:3]


_STATE_ARMS = frozenset({"GOV", "MIL", "COP"})
_STATE_BODIES = _STATE_ARMS | {"LEG", "JUD"}


def _speakers_own(src: MentionSpan, speaker: Mention) -> MentionSpan:
    """An unnamed state body with no nationality word (قوات الأمن، الجيش،
    الحكومة) in what a state's official says is that official's own; the
    actor layer gave it the country the article is mostly about."""
    sa = speaker.actor
    if sa is None or not sa.country or len(sa.country) != 3 or sa.sector not in _STATE_ARMS:
        return src
    return _of_country(src, sa.country)


def _of_country(ms: MentionSpan, country: str) -> MentionSpan:
    """``ms`` as a body of ``country`` when it is an unnamed state body with no
    nationality word (its country was only the article's main one)."""
    a = ms.actor
    if a is None or a.kind != "GROUP" or a.name or a.sector not in _STATE_BODIES or ms.mention.source != "group" \
            or a.country == country:
        return ms
    last = normalize(ms.mention.text).split()[-1]
    if last.endswith(("يه", "ي", "يين", "يون")) and len(last) > 4:
        return ms  # a nationality word says whose body it is (الشرطة الإكوادورية)
    m = ms.mention
    return MentionSpan(Mention(m.text, m.start, m.end, m.type, Actor(None, country, a.sector, "GROUP"), m.location,
                               source=m.source), ms.first, ms.last, ms.prep)


def _later_country(ctx: SentenceContext, tgt: MentionSpan) -> MentionSpan | None:
    """The first country or demonym after a countryless target, in its clause."""
    for s in ctx.spans:
        if tgt.last < s.first <= tgt.last + 8 and ctx.clause[s.first] == ctx.clause[tgt.last] and s.actor and s.actor.country:
            if is_demonym(s):
                return demonym_party(s, tgt.actor.sector if tgt.actor else None)
            return s
    return None


def _demonym_after(ctx: SentenceContext, last: int) -> MentionSpan | None:
    """A nationality named after the trigger in its clause, not as part of a
    named party ("اعتقلت الشرطة خلال أسبوعين أكثر من ألف أفغاني")."""
    for s in ctx.spans:
        if last < s.first <= last + 10 and ctx.clause[s.first] == ctx.clause[last] and is_demonym(s):
            prev = ctx.tokens[s.first - 1]
            if prev.norm in PREPOSITIONS or any(x.first <= s.first - 1 <= x.last for x in ctx.spans):
                continue
            return demonym_party(s, "CVL")
    return None


def _country_of(ms: MentionSpan) -> str | None:
    return ms.actor.country if ms.actor else None


def _aid_destination(ctx: SentenceContext, first: int, src: MentionSpan) -> MentionSpan | None:
    """"وصلت إلى مطار حلب طائرة إغاثية": aid goes to the country it reaches."""
    loc = _location(ctx, first, ctx.doc.text)
    own = src.actor.country if src.actor else None
    if loc is None or not loc.country or loc.country == own:
        return None
    return span_of(Mention(loc.text or loc.name or "", -1, -1, "LOC", Actor(None, loc.country, None, "LOC"), source="events"))


def _coordinated(ctx: SentenceContext, tgt: MentionSpan) -> list[MentionSpan]:
    """Mentions coordinated with the target: "بنظرائه الروسي سيرغي لافروف
    والأذربيجاني جيهون بيرموف" (apposition and demonyms are skipped)."""
    out: list[MentionSpan] = []
    cur = tgt
    joined = False
    for s in ctx.spans:
        if s.first <= cur.last:
            continue
        gap = ctx.tokens[cur.last + 1:s.first]
        if len(gap) > 1 or any(exact(t, "clause_break") and t.norm not in ("،", ",") for t in gap):
            break
        joined = joined or ctx.tokens[s.first].norm.startswith("و") or any(t.norm.startswith("و") for t in gap)
        if s.mention.type == "MISC":
            cur = s  # "والأذربيجاني" before the name
            continue
        if joined and is_actor(s) and s.mention.type == tgt.mention.type:
            out.append(s)
            joined = False
        elif gap:
            break
        cur = s
    return out


def _named(ms: MentionSpan) -> bool:
    a = ms.actor
    return ms.mention.source != "events" and (a is None or bool(a.name) or a.kind != "GROUP")


def _evidence(doc: Document, ctx: SentenceContext, first: int, last: int, src: MentionSpan | None, tgt: MentionSpan | None) -> Span:
    lo, hi = first, last
    for s in (src, tgt):
        if s is not None and s.first >= 0 and ctx.clause[s.first] in (ctx.clause[first], ctx.clause[first] + 2, ctx.clause[first] - 2):
            lo, hi = min(lo, s.first), max(hi, s.last)
    cl = ctx.clause[last]
    while hi + 1 < len(ctx.tokens) and ctx.clause[hi + 1] == cl and hi - last < 5:
        hi += 1
    start, end = ctx.tokens[lo].start, ctx.tokens[hi].end
    return Span(start, end, doc.text[start:end])


def _location(ctx: SentenceContext, first: int, text: str) -> Location | None:
    # only a place introduced as a scene: in "منظمة الأمن الجماعي التي تقودها
    # روسيا" Russia acts, it is not where the event happened
    places = [s for s in ctx.spans if s.mention.type == "LOC" and is_scene(text, s.mention.start)
              and (s.mention.location or (s.actor and s.actor.country))]
    if not places:
        return None
    s = min(places, key=lambda s: (s.prep != "في", abs(s.first - first)))
    if s.mention.location is not None:
        loc = s.mention.location
        return Location(loc.name, loc.country, loc.lat, loc.lon, loc.geonameid, s.mention.text)
    a = s.actor
    return Location(a.name or s.mention.text, a.country, text=s.mention.text)  # type: ignore[union-attr]


def _event_date(doc: Document, ctx: SentenceContext, first: int, last: int) -> tuple[str | None, str | None, bool]:
    """The time layer's rule: a date in the event's sentence, else the nearest
    earlier one in its paragraph, else the publication date (flagged)."""
    start, end = ctx.tokens[first].start, ctx.tokens[last].end
    value, text, is_pub = governing_date(doc, start, end)
    return value, text, bool(is_pub)


# ----------------------------------------------------------------- quotes

def _quotes(doc: Document, ctx: SentenceContext, quote_spans, state: Discourse) -> list[Quote]:
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for i, span in sorted(ctx.quote_tokens.items()):
        qs, qe = span
        if span in seen or qs < ctx.start - 1:
            continue
        seen.add(span)
        if len(doc.text[qs:qe].split()) < 4:
            continue  # a name or a term in quotation marks, not speech
        speaker = quote_speaker(ctx.tokens, qs, qe, ctx.frames, ctx.spans, ctx.clause, state.last_speaker)
        out.append(Quote(speaker, doc.text[qs:qe], qs, qe, "direct"))
    for f in ctx.frames:
        first = f.first
        while first <= f.last and ctx.tokens[first].text in "«“\"”:":
            first += 1
        if f.kind != "indirect" or first > f.last or first in ctx.quote_tokens:
            continue
        s, e = ctx.tokens[first].start, ctx.tokens[f.last].end
        text = doc.text[s:e].rstrip(" .،,")
        if len(text.split()) >= 3 and all((q.start, q.end) != (s, s + len(text)) for q in out):
            out.append(Quote(f.speaker, text, s, s + len(text), "indirect"))
    return out
