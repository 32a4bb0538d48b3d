"""Argument attachment: who did it and to whom, for one trigger in its
sentence, from syntax (verb-subject order, prepositions, genitives,
participles, possessives), the reporting frame and the running discourse.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Actor, Document, Mention, Token
from ..text.normalize import normalize
from .arguments import (
    PREPOSITIONS,
    TRANSITIVE,
    VERBAL,
    MentionSpan,
    between,
    demonym_party,
    is_actor,
    is_demonym,
    is_feminine,
    own_country_token,
    possessive,
    subject_of,
    target_of,
    verb_gender,
)
from .context import (
    DAY_PARTS,
    OWN_FORCES,
    RECIPROCAL,
    CodedEvent,
    Discourse,
    SentenceContext,
    article_dyad,
    ctx_text,
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
from .cues import exact, is_cue, sections_of
from .lexicon import VERB, TriggerMatch, bare_readings, default_lexicon
from .quotes import Frame, participle_subject

_LEAD_VERB = 6  # the main verb of a news sentence stands among its first tokens (وفي 6 يناير، أعلنت …)


_QUANTITY_WORDS = frozenset(normalize(w) for w in ("مئات", "آلاف", "عشرات", "ألف", "مئة", "مائة", "الآلاف", "المئات", "العشرات"))


def _joint_body_target(doc: Document, src: MentionSpan) -> MentionSpan | None:
    """"مجلس الناتو – روسيا"، "اللجنة المصرية-السودانية": a joint body's
    second party is the other side of its meetings."""
    text = src.mention.text
    for dash in (" – ", " - ", "–", "-"):
        if dash in text:
            head, _, tail = text.partition(dash)
            tail = tail.strip()
            actor = resolve_actor(tail, doc.pub_date)
            if actor is not None and actor.country and src.actor and actor.country != src.actor.country:
                start = src.mention.start + text.index(tail, len(head))
                return MentionSpan(Mention(tail, start, start + len(tail), "LOC", actor, source="events"), -1, -1)
    return None


def _purpose_doer(ctx: SentenceContext, first: int) -> MentionSpan | None:
    """The subject of the sentence's lead verb, for a purpose masdar that is
    the only trigger (أضرب عمال الموانئ احتجاجا على …): the named actor when
    the mention layers found one, else the unnamed group the verb is followed by."""
    tokens = ctx.tokens
    lead = next((i for i in range(min(first, _LEAD_VERB)) if tokens[i].norm.isalpha()
                 and tokens[i].norm not in DAY_PARTS and not any(s.first <= i <= s.last for s in ctx.spans)), None)
    if lead is None:
        return None
    subj = subject_of(tokens, lead, lead, ctx.spans, ctx.clause, verb=True)
    if subj is not None and subj.last < first:
        return subj
    words = []
    for i in range(lead + 1, first):
        t = tokens[i]
        if not t.norm.isalpha() or t.norm in PREPOSITIONS or t.norm in _QUANTITY_WORDS or any(s.first <= i <= s.last for s in ctx.spans):
            if words:
                break
            if t.norm in _QUANTITY_WORDS:
                continue
            return None
        words.append(i)
        if len(words) == 2:
            break
    if not words or not ctx.country:
        return None
    span = implied_party(tokens, words[0], words[-1], ctx.country, "PRO")
    return MentionSpan(span.mention, words[0], words[-1])


_PATIENT_POSSESSOR = frozenset({"COERCE", "ASSAULT"})


_NISBA_AGENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})  # the adjective of these nouns is the doer


_NOT_SPEAKERS_ACT = frozenset({"PROTEST", "ASSAULT"})


# a masdar in someone's statement is the speaker's own act for speech acts and
# for the peacekeeping/aid a ministry announces of its own forces
_SPEAKER_ACTS = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "CONCEDE", "AID"})  # who tells of a protest or an attack rarely did it


_PARTICIPANTS = frozenset({"PRO", "OPP", "REB", "CVL"})  # sectors a trigger word can name (المحتجين، المسلحون)


_STATE_ACTIONS = frozenset({"curfew", "martial-law"})  # only a government imposes these


_NOT_PROTESTERS = frozenset({"GOV", "MIL", "COP", "IGO", "JUD", "LEG"})


_PRONOUN_OBJECTS = {"معها": "f", "لها": "f", "اليها": "f", "عليها": "f", "ضدها": "f", "بها": "f", "تجاهها": "f",
                    "معه": "m", "له": "m", "اليه": "m", "عليه": "m", "ضده": "m", "به": "m", "تجاهه": "m"}


_PRONOUN_PARTICLES = frozenset(normalize(w) for w in ("لكنه", "لكنها", "ولكنه", "ولكنها", "غير أنه", "إلا أنه"))


@dataclass(slots=True)
class Arguments:
    source: MentionSpan | None = None
    target: MentionSpan | None = None
    how: str = ""  # syntax | agent | speaker | discourse | own | implied
    mode: str | None = None  # inherited with the parties of an earlier event (الجانبان بحثا)
    mutual: bool = False  # "اتفق الجانبان": each side agrees with the other


def attach_arguments(ctx: SentenceContext, m: TriggerMatch, state: Discourse, frame: Frame | None,
               speaker: Mention | None, prior: list[CodedEvent]) -> Arguments:
    e = m.entry
    tokens, first, last, spans, clause = ctx.tokens, m.first, m.last, ctx.spans, ctx.clause
    verb = e.pos == "v"
    out = Arguments()
    if e.type in ("CONSULT", "COOPERATE", "ASSAULT", "AGREE"):
        pair = between(tokens, first, spans, clause)
        if pair:
            return Arguments(pair[0], pair[1], "syntax")
    if e.type == "CONSULT" and (any(t.norm in RECIPROCAL for t in tokens[max(0, first - 3):last + 3])
                                or (verb and is_dual(tokens[first], e.perfect))):
        earlier = next((p for p in reversed(prior) if p.type == "CONSULT" and p.source and p.target), None)
        if earlier is not None:
            mode = next((p.mode for p in reversed(prior) if p.type == "CONSULT" and p.mode
                         and p.source is earlier.source), earlier.mode)
            return Arguments(span_of(earlier.source), span_of(earlier.target), "discourse", mode or "-", True)  # type: ignore[arg-type]
        if (dyad := article_dyad(ctx)) is not None:
            return Arguments(span_of(dyad[0]), span_of(dyad[1]), "discourse", None, True)  # "وكان البلدان قد أجريا محادثات"
    if e.type in ("AGREE", "COOPERATE") and any(t.norm.lstrip("و") in RECIPROCAL for t in tokens[max(0, first - 3):last + 3]):
        # "واتفق الجانبان"، "إن البلدين اتفقا": the two parties named before; the
        # side of whoever tells of the agreement comes first
        parties = earlier_parties(prior, ctx)
        if parties is not None:
            a, b = parties
            if speaker is not None and speaker.actor and b.actor and speaker.actor.country == b.actor.country:
                a, b = b, a
            return Arguments(span_of(a), span_of(b), "discourse", None, True)
    covering = next((s for s in spans if s.first <= first <= s.last and is_actor(s)), None)
    if covering is not None and covering.actor and (covering.actor.sector in _PARTICIPANTS or (
            covering.actor.country and frame is None)):
        # the trigger names its own agent: المحتجين، قوات حفظ السلام التابعة لمنظمة …
        out.source, out.how = covering, "agent" if covering.mention.source == "events" else "syntax"
    elif verb and e.frame and (main := _object_then_content(ctx, first, e.perfect)) is not None:
        # "وقالت الخارجية الإثيوبية …، ودعت القاهرة والخرطوم إلى العودة": the
        # sentence's subject goes on; the names before إلى are the addressees
        out.source, out.how = main, "discourse"
    elif verb and _continues_agent(ctx, first, state, e.perfect) and not _named_subject_follows(ctx, first, last, e.perfect):
        # "انتقدت الولايات المتحدة …، ودعت السلطات إلى …": the same subject goes on
        out.source, out.how = span_of(state.last_agent.mention), "discourse"  # type: ignore[union-attr]
    elif verb:
        subj = subject_of(tokens, first, last, spans, clause, verb=True, perfect=e.perfect)
        if e.inverse:  # استقبل X Y: X hosts (target), Y visits (source)
            tgt = subj
            src = target_of(e.type, tokens, first, last, spans, clause, subj, verb=True, dated=ctx.dated)
            return Arguments(src if src is not subj else None, tgt, "syntax")
        if subj is not None:
            out.source, out.how = subj, "syntax"
        elif _first_plural(tokens[first]) and speaker is not None:
            out.source, out.how = span_of(speaker), "speaker"
        elif (own := _own_forces(ctx, first, speaker, state)) is not None:
            out.source, out.how = own, "own"
        elif _opens_on_dropped_subject(ctx, first, state, e.perfect):
            # "رحبت الصين بالاتفاق. وحثت الطرفين على …": the last sentence's agent goes on
            out.source, out.how = span_of(state.last_agent.mention), "discourse"  # type: ignore[union-attr]
    else:
        if possessive(tokens[first], e.head[0].forms):
            ant = _antecedent(ctx, first, _possessive_gender(tokens[first]), state)
            if ant is not None and e.type in _PATIENT_POSSESSOR:
                out.target = ant  # مقتله، اعتقالهم: the possessor suffered it
            elif ant is not None:
                out.source, out.how = ant, "syntax"
        elif purpose_adverb(ctx, m):
            doer = _purpose_doer(ctx, first)
            if doer is not None:
                out.source, out.how = doer, "agent" if doer.mention.source == "events" else "purpose"
        elif (doer := _announced_by(ctx, first, last)) is not None:
            out.source, out.how = doer, "syntax"  # "إعلان الولايات المتحدة وبريطانيا عقوبات": the announcer imposes them
        elif (doer := _relative_doer(ctx, last)) is not None:
            out.source, out.how = doer, "syntax"  # "زيارة أجراها وزير الخارجية المصري إلى الخرطوم"
        elif e.type in _NISBA_AGENT and (nisba := _nisba_of(ctx, last)) is not None:
            out.source, out.how = nisba, "syntax"  # "الغارات الإسرائيلية على جنوب لبنان": the adjective names the doer
        else:
            gen = _genitive(ctx, last)
            purpose = tokens[first].norm[:1] in ("ل", "ب") and not tokens[first].prefix.startswith(("لل", "بال"))
            purpose = purpose or _participle_shape(tokens[first])  # "…، داعيا الاتحاد إلى": the object
            if gen is not None and purpose and not e.agent_genitive and gen.mention.type != "MISC":
                out.target = gen  # "لزيارة القوات"، "بلقاء الزعيم": the masdar's object
                gen = None
            if gen is not None:
                agentive = e.agent_genitive or e.type not in TRANSITIVE or (
                    gen.actor is not None and gen.actor.sector in ("MIL", "REB", "COP") and gen.mention.type != "LOC"
                    and not suffered(tokens[first]))  # "مقتل جندي أردني": the soldier was killed
                if agentive:
                    out.source, out.how = gen, "syntax"
                else:
                    out.target = gen
            if out.source is None and out.target is None:
                owner = _owner_of_next(ctx, last, state)  # انسحاب قواتها: the forces' owner
                if owner is not None:
                    out.source, out.how = owner, "syntax"
            if out.source is None and out.target is None and e.type in ("SUPPORT", "AID", "REQUEST", "ACCUSE", "THREATEN"):
                giver = next((x for x in spans if last < x.first <= last + 3 and x.prep == "من" and is_actor(x)), None)
                if giver is not None:
                    out.source, out.how = giver, "syntax"  # "دعما من المفتي"، "مساعدات من قطر"
            if out.source is None and _participle_shape(tokens[first]):
                # "وقال مكتب X في بيان إنه …، متهما Y": the one who speaks
                said = next((f.speaker for f in reversed(ctx.frames) if f.speaker is not None and f.cue < first
                             and f.kind != "attribution"), None)
                subj = span_of(said) if said is not None else participle_subject(tokens, first, spans)
                if subj is not None:
                    out.source, out.how = subj, "syntax"  # "…، مشيدا بـ …": the clause's subject
            unknown = _unknown_genitive(ctx, first, last) and _controller_subject(ctx, first) is None
            if out.source is None and frame is not None and frame.speaker is not None and frame.kind != "attribution" \
                    and e.type in _SPEAKER_ACTS and not unknown:
                # "قالت الدفاع الروسية إن مهام قوات حفظ السلام تشمل حماية …": the speaker's side
                out.source, out.how = span_of(frame.speaker), "speaker"
            if out.source is None and e.type not in _NOT_SPEAKERS_ACT and not unknown:
                main = _main_subject(ctx, first)
                if main is not None:
                    out.source, out.how = main, "syntax"
    if e.type == "PROTEST" and out.source is not None and out.source.mention.source == "events" and out.source.actor \
            and out.source.actor.sector in (None, "CVL"):
        # "تظاهر آلاف المواطنين": whoever demonstrates is a protester
        a = out.source.actor
        out.source = MentionSpan(Mention(out.source.mention.text, out.source.mention.start, out.source.mention.end,
                                         out.source.mention.type, Actor(a.name, a.country, "PRO", a.kind), source="events"),
                                 out.source.first, out.source.last, out.source.prep)
    if e.type == "PROTEST" and out.source is not None and out.how not in ("agent", "purpose") and out.source.actor \
            and out.source.actor.sector in _NOT_PROTESTERS and not verb:
        out.source, out.how = None, ""  # "على خلفية الاحتجاجات" after "أعلنت الحكومة": not the protesters
    if out.source is None:
        own = _own_country(ctx, first, speaker, state)
        if own is not None:
            out.source, out.how = own, "own"
    agent_here = state.last_agent is not None and state.last_agent_sentence == ctx.index
    if out.source is None and verb and tokens[first].norm[:1] in ("و", "ف") and agent_here:
        out.source, out.how = state.last_agent, "discourse"  # جمد القرار وأقال الحكومة
    if out.source is None and frame is not None and speaker is not None:
        content_start = tokens[frame.first] if frame.first < len(tokens) else None
        pronoun_subject = content_start is not None and content_start.norm.endswith(("ها", "ه", "هم")) and len(content_start.norm) > 4
        # "أعلنت باكو أنها أفرجت عن …": the complementizer carries the subject, the speaker
        pronoun_subject = pronoun_subject or frame.first == first > 0 and _complementizer_with_pronoun(tokens[first - 1])
        if e.type in VERBAL or pronoun_subject:
            out.source, out.how = span_of(speaker), "speaker"
    if out.source is None and verb and first > 0 and tokens[first - 1].norm in _PRONOUN_PARTICLES:
        # "…، لكنه حض السلطات على …": the one who spoke last in the sentence, or before it
        ref = next((f.speaker for f in reversed(ctx.frames) if f.speaker is not None and f.cue < first), None) \
            or state.last_speaker or (state.last_agent.mention if state.last_agent else None)
        if ref is not None:
            out.source, out.how = span_of(ref), "speaker"
    if out.source is None and verb and agent_here and not _passive_form(tokens[first]) and e.type not in _NOT_SPEAKERS_ACT:
        # (not for violence: "…، فيما قتل العشرات" is passive more often than not)
        out.source, out.how = state.last_agent, "discourse"
    if out.source is not None and out.source.first >= 0 and out.source.last >= len(tokens) \
            or out.how == "discourse" and out.source is not None and state.last_agent_sentence != ctx.index:
        out.source = span_of(out.source.mention)  # from another sentence: its token indexes mean nothing here
    if out.source is None and (e.mode in _STATE_ACTIONS or e.type == "COERCE") and ctx.country:
        # curfews, states of emergency, and arrests with no named agent (تم اعتقال …) are the state's
        t = tokens[first]
        out.source = MentionSpan(Mention(t.text, t.start, t.end, "ORG", Actor(None, ctx.country, "GOV", "GROUP"),
                                         source="events"), first, last)
        out.how = "implied"
    if out.source is None and e.type == "PROTEST":  # protesters of the place (unknown when no place is named)
        t = tokens[first]
        out.source = MentionSpan(Mention(t.text, t.start, t.end, "ORG", Actor(None, ctx.country, "PRO", "GROUP"),
                                         source="events"), first, last)
        out.how = "implied"
    if out.target is None:
        tgt = target_of(e.type, tokens, first, last, spans, clause, out.source,
                        verb or _participle_shape(tokens[first]), dated=ctx.dated)  # "…، داعيا X إلى": X is the object
        if tgt is not None and (out.source is None or tgt.mention is not out.source.mention):
            out.target = tgt
    if out.target is None:
        out.target = _pronoun_target(ctx, last, out.source)
    if out.target is None and e.type in ("SUPPORT", "AID") and not verb:
        # "لمنح كازاخستان … الدعم": the recipient named before the masdar
        out.target = next((s for s in reversed(spans) if s.last < first and first - s.last <= 5 and is_actor(s)
                           and clause[s.last] == clause[first] and (out.source is None or not same_party(s, out.source))), None)
    if out.target is not None and out.source is not None and (same_party(out.target, out.source) or _own_state(out)):
        out.target = None  # the organisation's meeting "of its member states" has no other party
    if out.target is None and e.type == "PROTEST":
        out.target = _grievance_target(ctx, last, out.source)
    if out.target is None and e.type == "CONSULT" and out.source is not None:
        out.target = _joint_body_target(ctx.doc, out.source)
    if out.target is None and e.type == "AID":
        out.target = next((s for s in spans if s.first > last and s.prep == "في" and s.mention.type == "LOC"
                           and s.actor and s.actor.country), None)
    return out


def _nisba_of(ctx: SentenceContext, last: int) -> MentionSpan | None:
    """A nationality adjective closing the event noun ("الغارات الإسرائيلية"،
    "العقوبات الأمريكية الجديدة"), one other adjective between at most."""
    for s in ctx.spans:
        if last < s.first <= last + 2 and ctx.clause[s.first] == ctx.clause[last] and is_demonym(s):
            gap = ctx.tokens[last + 1:s.first]
            if any(t.norm in PREPOSITIONS or not t.norm.startswith("ال") for t in gap) \
                    or any(x.first <= s.first - 1 <= x.last for x in ctx.spans if x is not s):
                return None
            return demonym_party(s)
    return None


_DOING = frozenset(normalize(w) for w in ("أجراها", "يجريها", "تجريها", "أجراه", "يجريه", "قام", "يقوم", "تقوم", "قامت",
                                          "يعتزم", "تعتزم", "ينوي", "تنوي", "نفذها", "نفذتها", "نفذه", "نفذته", "ينفذها",
                                          "تنفذها", "شنها", "شنتها", "شنه", "شنته", "يشنها", "تشنها"))


def _relative_doer(ctx: SentenceContext, last: int) -> MentionSpan | None:
    """"زيارة يجريها وزير الخارجية التركي"، "جولة يقوم بها الرئيس": a
    verb right after the masdar whose subject performs it."""
    j = last + 1
    if j >= len(ctx.tokens) or ctx.tokens[j].norm not in _DOING:
        return None
    if ctx.tokens[j].norm in ("قام", "يقوم", "تقوم", "قامت"):
        if j + 1 >= len(ctx.tokens) or ctx.tokens[j + 1].norm not in ("به", "بها"):
            return None
        j += 1
    return next((s for s in ctx.spans if j < s.first <= j + 2 and s.prep is None and is_actor(s)
                 and ctx.clause[s.first] == ctx.clause[last]), None)


def _participle_shape(token: Token) -> bool:
    """مؤكدا، مشيدة، داعين، رافضا: an active participle used as a circumstantial clause."""
    n = token.norm.lstrip("و")
    return len(n) >= 5 and n[0] == "م" and n.endswith(("ا", "ه", "ين")) and not token.text.endswith("ة") \
        or len(n) >= 5 and n[0] == "م" and token.text.endswith("ة") and len(n) <= 7 \
        or len(n) == 5 and n[1] == "ا" and (n.endswith("ا") or token.text.endswith("ة"))  # فاعلا: داعيا، رافضة


def _complementizer_with_pronoun(t: Token) -> bool:
    """أنها، إنه، بأنهم: a complementizer (cues.txt) carrying its clause's subject."""
    return exact(t, "complementizer") and t.norm.endswith(("ه", "ها", "هم"))


def _unknown_genitive(ctx: SentenceContext, first: int, last: int) -> bool:
    """"زيارة رئيس الجمهورية"، "التظاهرات الطلابية": the masdar has a genitive
    the mention layers did not recognise, so its agent is someone unnamed."""
    tokens = ctx.tokens
    if last + 1 >= len(tokens) or any(s.first == last + 1 for s in ctx.spans):
        return False
    nxt = tokens[last + 1]
    if not nxt.norm.isalpha() or nxt.norm in PREPOSITIONS or sections_of(nxt):
        return False
    if nxt.prefix[:1] in ("ب", "ل", "ك", "و", "ف"):
        return False  # "مناورات بالذخيرة الحية": a prepositional phrase or the next conjunct, no genitive
    definite_trigger = tokens[first].prefix.endswith("ال") or tokens[first].norm.startswith("ال")
    if nxt.norm.startswith("ال") and not definite_trigger:
        return True  # زيارة الرئيس
    if not definite_trigger and not nxt.norm.startswith("ال") and last + 2 < len(tokens) \
            and tokens[last + 2].norm.startswith("ال") and not nxt.norm.endswith(("ي", "يه", "يين", "يون")):
        return True  # زيارة رئيس الجمهورية
    return False


def _controller_subject(ctx: SentenceContext, first: int) -> MentionSpan | None:
    """"تعتزم الجزائر إرسال فريق طبي"، "قررت الهند تعليق العمل بالمعاهدة": the
    subject of a verb of decision governing the masdar does the act (the
    masdar's genitive is then its object, not an unnamed agent)."""
    for i in range(first - 1, max(-1, first - 4), -1):
        if ctx.clause[i] != ctx.clause[first]:
            break
        if is_cue(ctx.tokens[i], "control_verb"):
            subj = subject_of(ctx.tokens, i, i, ctx.spans, ctx.clause, verb=True)
            return subj if subj is not None and subj.last < first else None
    return None


def _main_subject(ctx: SentenceContext, first: int) -> MentionSpan | None:
    """The subject of the sentence's first verb before ``first`` (أعلنت
    منظمة الدول التركية استعدادها لمنح … الدعم → the organisation): a
    masdar without possessor or genitive belongs to it."""
    tokens = ctx.tokens
    controller = _controller_subject(ctx, first)
    if controller is not None:
        return controller
    for i in range(min(first, _LEAD_VERB)):
        t = tokens[i]
        if is_cue(t, "report_verb") or _is_trigger_verb(t):
            subj = subject_of(tokens, i, i, ctx.spans, ctx.clause, verb=True)
            if subj is not None and subj.last < first:
                return subj
            break
    head = next((s for s in ctx.spans if s.first <= 3 and s.prep is None and is_actor(s) and s.last < first
                 and s.mention.source != "events"), None)
    return head


def _is_trigger_verb(t: Token) -> bool:
    lex = default_lexicon()
    return any(e.pos == "v" and pos & VERB for b, pos in bare_readings(t.norm) for e in lex.index.get(b, ()))


_ANNOUNCING = frozenset(normalize(w) for w in ("إعلان", "قرار", "اعتزام", "تهديد", "إقرار", "فرض"))


def _announced_by(ctx: SentenceContext, first: int, last: int) -> MentionSpan | None:
    """"من إعلان الولايات المتحدة وبريطانيا عقوبات …": a noun trigger right after
    the genitive of a masdar of announcing or deciding is that genitive's act,
    unless it has a doer of its own (إعلان الرئيس سيطرة منظمات إرهابية …: a claim)."""
    if any(x.first == last + 1 for x in ctx.spans) or _unknown_genitive(ctx, first, last):
        return None
    s = next((x for x in reversed(ctx.spans) if x.last < first and x.prep is None and is_actor(x)
              and x.actor is not None and x.actor.country), None)
    if s is None:
        return None
    chain_end = max([s.last] + [x.last for x in ctx.spans if x.first > s.last and x.last < first])
    if first - chain_end != 1:
        return None  # the trigger must follow the genitive (and its joined parties) at once
    head = next((x for x in ctx.spans if x.last < s.first and x.last == s.first - 1 and x.prep is None and is_actor(x)), None)
    start = head if head is not None else s  # "إعلان الولايات المتحدة وبريطانيا": the first of the joined parties
    if start.first == 0:
        return None
    word = ctx.tokens[start.first - 1].norm
    for p in ("و", "ب", "ل", "من"):
        if word.startswith(p) and word[len(p):] in _ANNOUNCING:
            word = word[len(p):]
    return start if word in _ANNOUNCING else None


def _opens_on_dropped_subject(ctx: SentenceContext, first: int, state: Discourse, perfect: str) -> bool:
    """A sentence opening on و/ف + verb (after كما at most) whose subject is
    dropped, right after a sentence whose agent agrees with the verb."""
    if any(t.norm not in ("كما", "ثم") for t in ctx.tokens[:first]) or not ctx.tokens[first].norm.startswith(("و", "ف")):
        return False
    return ctx.index >= 1 and _agent_agrees(ctx, first, state, perfect, ctx.index - 1)


def _own_forces(ctx: SentenceContext, first: int, speaker: Mention | None, state: Discourse) -> MentionSpan | None:
    """"قالت قوات الدعم السريع إن مقاتليها أسقطوا طائرة"، "إن وحداتها ردت": forces
    with a possessive suffix right before (or after) the verb are their
    owner's: whoever is speaking, else the running agent."""
    for i in (first - 1, first - 2, first + 1):
        if not 0 <= i < len(ctx.tokens) or ctx.clause[i] != ctx.clause[first] or any(s.first <= i <= s.last for s in ctx.spans):
            continue
        n = ctx.tokens[i].norm.lstrip("و")
        suffix = next((x for x in ("هما", "هم", "ها", "ه") if n.endswith(x)), None)
        if suffix is not None and n[:-len(suffix)] in OWN_FORCES:
            owner = speaker or (state.last_agent.mention if state.last_agent is not None else None)
        elif n.startswith("ال") and n[2:] in OWN_FORCES and speaker is not None and speaker.actor is not None \
                and speaker.actor.sector in ("GOV", "MIL", "COP"):
            owner = speaker  # "قال الجيش إن الطائرات المسيرة قصفت …": the speaking state's aircraft
        else:
            continue
        if owner is None or owner.actor is None or not owner.actor.country:
            return None
        a = owner.actor
        sector = "MIL" if a.sector in ("GOV", "MIL", None) else a.sector
        t = ctx.tokens[i]
        return MentionSpan(Mention(t.text, t.start, t.end, "ORG", Actor(a.name, a.country, sector, "GROUP"), source="events"), i, i)
    return None


def _owner_of_next(ctx: SentenceContext, last: int, state: Discourse) -> MentionSpan | None:
    """"انسحاب قواتها": a masdar followed by a noun with a possessive suffix
    takes the suffix's antecedent as its agent."""
    if last + 1 >= len(ctx.tokens):
        return None
    n = ctx.tokens[last + 1].norm
    if ctx.tokens[last + 1].text.endswith("ة") or n.startswith("ايا"):
        return None  # (إياه، إياهم: an object pronoun, not a possessor)
    if len(n) > 4 and n.endswith(("ها", "ه", "هم")) and not any(s.first == last + 1 for s in ctx.spans):
        return _antecedent(ctx, last + 1, "f" if n.endswith("ها") else "m", state)
    return None


def _pronoun_target(ctx: SentenceContext, last: int, src: MentionSpan | None) -> MentionSpan | None:
    """"معربة عن تضامنها معها": a pronoun object refers to the last actor of its gender."""
    cl = ctx.clause[last]
    for i in range(last + 1, min(len(ctx.tokens), last + 5)):
        if ctx.clause[i] != cl:
            break
        g = _PRONOUN_OBJECTS.get(ctx.tokens[i].norm.lstrip("و"))
        if g is None:
            continue
        for s in reversed(ctx.spans):
            if s.last < last and is_actor(s) and (src is None or not same_party(s, src)) \
                    and (g == "f") == is_feminine(s, ctx.tokens) and s.mention.source != "events":
                return s
        return None
    return None


def _own_state(args: Arguments) -> bool:
    """The target is the source's own country (أردوغان … تركيا)."""
    t, src = args.target.actor, args.source.actor  # type: ignore[union-attr]
    return bool(t and src and t.kind == "LOC" and t.country and t.country == src.country and src.sector != "PRO")


def _genitive(ctx: SentenceContext, last: int) -> MentionSpan | None:
    """The noun phrase right after a masdar (one nisba adjective may come
    between: الاجتماع الاستثنائي لمنظمة …), or a demonym adjective naming
    the agent's country (الوساطة التركية، القصف الإسرائيلي)."""
    tokens = ctx.tokens
    for s in ctx.spans:
        if s.first == last + 1 and is_demonym(s):
            return demonym_party(s, prep=s.prep)
    for s in ctx.spans:
        if s.first == last + 1 or (s.first == last + 2 and tokens[last + 1].norm.endswith(("ي", "يه"))):
            if s.prep in (None, "ل") and is_actor(s) and ctx.clause[s.first] == ctx.clause[last]:
                return s
    return None


def _possessive_gender(token: Token) -> str:
    n = token.norm
    return "f" if n.endswith("ها") else "m"


def _continues_agent(ctx: SentenceContext, first: int, state: Discourse, perfect: str) -> bool:
    """A verb joined by و right after a comma, with an agent named earlier in the
    sentence that agrees with it, shares that agent."""
    if first < 1 or ctx.tokens[first - 1].norm not in ("،", ",") or not ctx.tokens[first].norm.startswith("و"):
        return False
    return _agent_agrees(ctx, first, state, perfect, ctx.index)


def _agent_agrees(ctx: SentenceContext, first: int, state: Discourse, perfect: str, sentence: int) -> bool:
    """The running agent was named in ``sentence`` and agrees in gender with the verb at ``first``."""
    agent = state.last_agent
    if agent is None or state.last_agent_sentence != sentence:
        return False
    g = verb_gender(ctx.tokens[first], perfect)
    tokens = ctx.tokens if sentence == ctx.index else ctx.doc.sentences[sentence].tokens
    return g is None or (g == "f") == is_feminine(agent, tokens)


def _named_subject_follows(ctx: SentenceContext, first: int, last: int, perfect: str) -> bool:
    """"…، ودعا الأمين العام للجامعة أحمد أبو الغيط …": a person named after
    the verb is its subject, the running agent does not go on."""
    subj = subject_of(ctx.tokens, first, last, ctx.spans, ctx.clause, verb=True, perfect=perfect)
    return subj is not None and subj.first > last and subj.mention.type == "PERS"


def _object_then_content(ctx: SentenceContext, first: int, perfect: str) -> MentionSpan | None:
    """The sentence's main subject for "…، وVERB X (وY) إلى/بـ …" when the
    verb is joined after a comma and one party only stands before its
    complement (a named subject would be followed by the object first)."""
    tokens = ctx.tokens
    if first < 1 or tokens[first - 1].norm not in ("،", ",") or not tokens[first].norm.startswith("و"):
        return None
    obj = next((s for s in ctx.spans if s.first == first + 1 and s.prep is None and is_actor(s)), None)
    if obj is None:
        return None
    end = obj.last
    for s in ctx.spans:
        if s.first == end + 1 and joined(ctx, s):
            end = s.last
    nxt = tokens[end + 1].norm if end + 1 < len(tokens) else ""
    if nxt not in ("الي", "إلى", "الى") and not nxt.startswith("ب"):
        return None
    main = _main_subject(ctx, first)
    if main is None or main.first >= first or main.mention is obj.mention:
        return None
    g = verb_gender(tokens[first], perfect)
    return main if g is None or (g == "f") == is_feminine(main, tokens) or (main.actor and main.actor.kind == "GROUP") else None


def _passive_form(token: Token) -> bool:
    """عُقد، يُعقد: a damma on the first letter marks the passive (when vocalised)."""
    text = token.text.lstrip("وف")
    return len(text) > 1 and text[1] == "\u064f"


def _first_plural(token: Token) -> bool:
    n = token.norm
    return n.startswith("ن") or n.endswith(("نا", "ون"))


def _antecedent(ctx: SentenceContext, first: int, gender: str, state: Discourse) -> MentionSpan | None:
    """Possessor of a masdar (طلبه، استقالتها): the nearest named actor
    before it, outside a prepositional phrase, that agrees with the suffix."""
    for s in reversed(ctx.spans):
        if s.last < first and s.prep is None and is_actor(s) and s.mention.source != "events":
            if (gender == "f") == is_feminine(s, ctx.tokens):
                return s
    if state.last_agent is not None:
        return span_of(state.last_agent.mention)
    return None


def _own_country(ctx: SentenceContext, first: int, speaker: Mention | None, state: Discourse) -> MentionSpan | None:
    """بلاده تقف …: the speaker's (or running agent's) country."""
    for i in range(max(0, first - 3), first):
        t = ctx.tokens[i]
        if own_country_token(t):
            ref = speaker or (state.last_agent.mention if state.last_agent else None)
            country = ref.actor.country if ref is not None and ref.actor else None
            if country:
                return MentionSpan(Mention(t.text, t.start, t.end, "LOC", Actor(None, country, "GOV", "LOC"), source="events"), i, i)
    return None


def _grievance_target(ctx: SentenceContext, last: int, src: MentionSpan | None) -> MentionSpan | None:
    """محتجين على رفع الأسعار: a protest against a policy targets the
    government of the protest's country."""
    tokens = ctx.tokens
    for i in range(last + 1, min(len(tokens), last + 3)):
        if tokens[i].norm.lstrip("و") in ("علي", "ضد") and i + 1 < len(tokens):
            country = (src.actor.country if src and src.actor else None) or ctx.country
            if not country:
                return None
            j = min(len(tokens) - 1, i + 3)
            while j > i + 1 and exact(tokens[j], "clause_break"):
                j -= 1
            start, end = tokens[i + 1].start, tokens[j].end
            return MentionSpan(Mention(ctx_text(tokens, i + 1, j), start, end, "ORG",
                                       Actor(None, country, "GOV", "GROUP"), source="events"), i + 1, j)
    return None
