"""Who did it to whom: source and target actors for a trigger.

Arabic news syntax is regular enough for a few ordered rules:

* a verb trigger takes its subject after it (VSO: أعلنت الوزارة …) unless a
  mention stands right before it (SVO after أن: أن الوزير بحث …); a
  candidate subject must agree in gender with the verb (a masculine verb
  never has الحكومة as subject: وأقال الحكومة → الحكومة is the object);
* the target is the first mention after the trigger governed by one of the
  type's prepositions (بحث مع X، فرض عقوبات على X، دعا X إلى …) or, for
  transitive types, the direct object;
* ``بين X و Y`` gives both sides;
* a masdar takes its possessor (طلبه → the preceding actor) or genitive
  (سيطرة المحتجين) as agent, or its genitive as patient for transitive types
  (اعتقال الصحفيين);
* with no subject in reach, a verbal event inside reported speech belongs to
  the speaker, and a dropped subject continues the previous agent.

Mentions come from the NER and actor layers; when none covers a generic
participant (المحتجين، مسلحون، الشرطة) a fallback from
``resources/events/agents.txt`` supplies it with the sentence's country.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Actor, Mention, Token
from ..text.normalize import normalize
from .cues import exact, exact_form
from .lexicon import NOUN, WordSet, bare_forms, bare_readings, resource_lines

PREPOSITIONS = frozenset(normalize(w) for w in (
    "مع", "إلى", "الى", "على", "في", "من", "عن", "ضد", "بين", "لدى", "حول", "عبر", "بحق", "تجاه", "نحو",
    "إزاء", "أمام", "بشأن", "خلال", "منذ", "بعد", "قبل", "عند", "جانب", "بجانب", "مقابل", "لصالح", "ضمن",
    "داخل", "وسط", "قرب", "بواسطة", "برفقة"))
# Prepositions through which each type reaches its target (after the trigger).
TARGET_PREPS: dict[str, frozenset[str]] = {k: frozenset(normalize(w) for w in v) for k, v in {
    "CONSULT": ("مع", "ب", "بين", "إلى", "الى"),
    "AGREE": ("مع", "ل", "على", "إلى", "الى"),
    "SUPPORT": ("ب", "ل", "مع", "جانب", "إلى", "الى", "في"),
    "CONCEDE": ("ل",),
    "COOPERATE": ("مع", "ل", "إلى", "الى"),
    "AID": ("ل", "إلى", "الى", "في"),
    "RETREAT": ("من", "عن"),
    "REQUEST": ("من", "على", "ل"),
    "ACCUSE": ("ب", "ضد", "على", "ل", "مع"),
    "REJECT": ("ل", "من"),
    "THREATEN": ("ب", "ضد", "على"),
    "PROTEST": ("ضد", "على", "أمام", "امام"),
    "SANCTION": ("على", "ضد", "مع", "من", "ل"),
    "MOBILIZE": ("ضد", "على", "مع", "قرب"),
    "COERCE": ("على", "ضد", "ب", "في"),
    "ASSAULT": ("على", "ضد", "ب", "مع"),
}.items()}
# Types whose masdar genitive is the patient (اعتقال X، مساعدة X) rather than the agent.
TRANSITIVE = frozenset({"COERCE", "ASSAULT", "AID", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "SANCTION"})
# Types whose source may be the speaker when the trigger sits in reported speech without subject.
VERBAL = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT"})
_SUBJECT_WINDOW = 6
_OBJECT_REACH = 4  # a direct object (no preposition) comes right after the verb or its subject
_FRONTED_PREPS = frozenset({"إلى", "الى", "الي", "في"})
_WHEN_WORDS = frozenset(normalize(w) for w in ("الأسبوع", "الشهر", "العام", "الماضي", "الماضية", "الجاري", "المقبل"))
_SKIP_AFTER_VERB = frozenset(normalize(w) for w in (
    "أمس", "اليوم", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "أيضا", "أيضاً",
    "مساء", "صباح", "ظهر", "ليل", "فجر", "قد", "كذلك", "بدوره", "بدورها", "من", "جهته", "جهتها", "ناحيته"))
_POSSESSIVE = ("ه", "ها", "هم", "هما")
NON_STATE = frozenset({"REB", "PRO", "OPP", "CVL"})  # groups that belong to the country the story is about
_BELONGING = frozenset(normalize(w) for w in ("التابعة", "التابع", "التابعين", "التابعتين", "المنضوية", "المنضوين"))
_OWN_COUNTRY = frozenset(normalize(w) for w in ("بلاده", "بلادها", "بلادنا", "بلادهم", "دولته", "دولتها", "دولتنا", "حكومته", "حكومتها", "حكومتنا"))
_FIRST_PLURAL_HINT = ("نا",)


@dataclass(slots=True)
class MentionSpan:
    """A mention with the token range it covers in its sentence."""

    mention: Mention
    first: int
    last: int
    prep: str | None = None  # the preposition governing it, if any

    @property
    def actor(self) -> Actor | None:
        return self.mention.actor


def is_feminine(ms: MentionSpan, tokens: list[Token]) -> bool:
    """Grammatical gender of a mention's head word, as far as spelling tells."""
    head = tokens[ms.first].text
    if ms.mention.type == "PERS":
        return ms.mention.source == "role" and head.endswith("ة")  # رئيسة الوزراء، المتحدثة باسم …
    if head.endswith(("ة", "ات")):
        return True
    a = ms.actor
    # country names take feminine agreement (تركيا تقف، أعلنت روسيا), but for a few (وقع العراق، اتهم السودان)
    return ms.mention.type == "LOC" and (a is None or a.kind in (None, "LOC")) and not _masculine_place(ms)


def _masculine_place(ms: MentionSpan) -> bool:
    return ms.mention.type == "LOC" and exact_form(normalize(ms.mention.text), "masculine_place")


def verb_gender(token: Token, perfect: str = "") -> str | None:
    """'f' or 'm' from the verb's person marker, None when unknown: a perfect
    with ت (أعلنت) or an imperfect with ت (تقف) is feminine, one with ي or a
    bare perfect masculine."""
    for b, pos in bare_readings(token.norm):
        if not pos & 1:
            continue
        if perfect and b.startswith(perfect):
            return "f" if b[len(perfect):].startswith("ت") else "m"
        if perfect and perfect[-1] in "اي" and b.startswith(perfect[:-1]) and len(b) > len(perfect) - 1:
            return "f" if b[len(perfect) - 1:].startswith("ت") else "m"
    for b, pos in bare_readings(token.norm):
        if pos & 1 and len(b) >= 3:
            if b[0] == "ي":
                return "m"
            if b[0] == "ت":
                return "f"
    return None


def sentence_mentions(mentions: list[Mention], tokens: list[Token], text: str) -> list[MentionSpan]:
    """Mentions inside the token range, overlapping ones merged to the
    longest (keeping the most informative actor), with their governing
    preposition."""
    if not tokens:
        return []
    lo, hi = tokens[0].start, tokens[-1].end
    inside = [m for m in mentions if m.start >= lo and m.end <= hi and m.end > m.start]
    inside.sort(key=lambda m: (m.start, -(m.end - m.start)))
    groups: list[list[Mention]] = []
    for m in inside:
        if groups and m.start < max(x.end for x in groups[-1]):
            groups[-1].append(m)
        else:
            groups.append([m])
    spans: list[MentionSpan] = []
    for g in groups:
        best = max(g, key=_informativeness)
        holder = next((x for x in g if x.type in ("PERS", "ORG") and x.actor is not None and best.actor is not None
                       and x.actor.country == best.actor.country and x.start <= best.start and best.end <= x.end
                       and x.end - x.start > best.end - best.start), None) if best.type == "LOC" else None
        if holder is not None:
            best = holder  # "سفير جورجيا"، "رئيسة وزراء بنغلاديش": the country names whose office it is
        start, end = min(x.start for x in g), max(x.end for x in g)
        first = next((i for i, t in enumerate(tokens) if t.end > start), None)
        last = max((i for i, t in enumerate(tokens) if t.start < end), default=None)
        if first is None or last is None:
            continue
        ms = MentionSpan(best, first, last)
        ms.prep = _governing_prep(tokens, first, start, text)
        spans.append(ms)
    return spans


def _informativeness(m: Mention) -> tuple[int, int, int]:
    a = m.actor
    score = 0
    if a is not None:
        score += 4 * bool(a.name) + 2 * bool(a.country) + bool(a.sector)
    return score, int(m.type in ("PERS", "ORG")), m.end - m.start


def _governing_prep(tokens: list[Token], first: int, start: int, text: str) -> str | None:
    tok = tokens[first]
    inner = normalize(text[tok.start:start]) if start > tok.start else ""
    if inner:
        inner = inner.lstrip("وف")
        if inner[:1] in ("ب", "ل", "ك"):
            return inner[:1]
    elif tok.prefix and tok.prefix.lstrip("وف")[:1] in ("ب", "ل", "ك"):
        return tok.prefix.lstrip("وف")[:1]
    if first > 0:
        prev = tokens[first - 1].norm
        if prev in PREPOSITIONS:
            return prev
        if len(prev) > 2 and prev[0] in "وف" and prev[1:] in PREPOSITIONS:
            return prev[1:]  # وفي، ومع
        # an adjective/ordinal in between: "مع نظيره الروسي" is one mention; "إلى جانب X"
        if first > 1 and tokens[first - 1].norm in ("جانب", "بجانب", "جوار"):
            return "جانب"
    return None


def is_actor(ms: MentionSpan) -> bool:
    """Can fill a source or target slot: a linked person, organisation,
    group or country; not a bare demonym adjective (التركي) or a place
    the actor layer could not link."""
    if ms.mention.type == "MISC":
        return False
    a = ms.actor
    if a is not None:
        return bool(a.country or a.sector or a.name)
    return ms.mention.type in ("PERS", "ORG")


def is_demonym(ms: MentionSpan) -> bool:
    """"الوساطة التركية"، "الغارات الإسرائيلية": a nisba adjective naming a country."""
    return ms.mention.type == "MISC" and ms.actor is not None and bool(ms.actor.country)


@lru_cache(maxsize=1)
def _agent_lexicon() -> dict[str, list[tuple[str, list[WordSet]]]]:
    """First-word form -> [(sector, word sets of the phrase)], longest phrases first."""
    index: dict[str, list[tuple[str, list[WordSet]]]] = {}
    for line in resource_lines("agents.txt"):
        sector, *words = line.split()
        for w in words:
            parts = [WordSet(frozenset(_agent_forms(normalize(p)))) for p in w.split("_")]
            for f in parts[0].forms:
                index.setdefault(f, []).append((sector, parts))
    for entries in index.values():
        entries.sort(key=lambda x: -len(x[1]))
    return index


def _agent_forms(base: str) -> set[str]:
    """Number inflections only: a possessive suffix would turn الرئيس into
    الرئيسة (main) and a participant into something else."""
    if base.endswith("ه"):
        return {base, base[:-1] + "ات", base[:-1] + "تان", base[:-1] + "تين"}
    return {base, base + "ون", base + "ين", base + "ان", base + "ات"}


def agent_mentions(tokens: list[Token], text: str, taken: list[MentionSpan], country: str | None,
                   focal: str | None = None) -> list[MentionSpan]:
    """Generic participants not covered by any mention, as synthetic mentions
    (``source="events"``) with the given country; armed groups, protesters
    and civilians with the article's own country (``focal``) when known
    ("قالت الخارجية القطرية إن الوزير التقى ممثلي الحركات المسلحة")."""
    covered = set()
    for ms in taken:
        covered.update(range(ms.first, ms.last + 1))
    out: list[MentionSpan] = []
    i = 0
    while i < len(tokens):
        hit = None
        candidates = [c for b in bare_forms(tokens[i].norm) for c in _agent_lexicon().get(b, ())] if i not in covered else []
        if candidates:
            candidates.sort(key=lambda x: -len(x[1]))
            for sector, parts in candidates:
                j = i + len(parts) - 1
                if j < len(tokens) and not any(k in covered for k in range(i, j + 1)) and all(
                        ws.matches(tokens[i + k]) for k, ws in enumerate(parts)) \
                        and not (tokens[j].text.endswith("ة") and not parts[-1].forms & {f for f in parts[-1].forms if f.endswith("ه")}):
                    hit = (sector, j)
                    break
        if hit:
            sector, j = hit
            # "قوات الأمن الكازاخية": keep a following nisba adjective in the span
            named = None
            while j + 1 < len(tokens) and tokens[j + 1].norm.endswith(("يه", "ي", "يين", "يون")) \
                    and tokens[j + 1].norm.startswith("ال") and tokens[j + 1].norm not in _RELATIVE:
                j += 1
                named = next((ms.actor.country for ms in taken if ms.first == j and is_demonym(ms)), named)
            start, end = tokens[i].start, tokens[j].end
            # "حكومة طالبان"، "قوات الدعم السريع": an indefinite head takes its genitive's country
            owner = next((ms.actor.country for ms in taken if ms.first == j + 1 and ms.prep is None and ms.actor
                          and ms.actor.country and not tokens[i].norm.startswith("ال") and ms.mention.type != "PERS"), None)
            # "الحركات المسلحة السودانية": the adjective says whose; else the article's or the sentence's country
            where = named or owner or (focal if focal and sector in NON_STATE else country)
            m = Mention(text[start:end], start, end, "ORG", Actor(None, where, sector, "GROUP"), source="events")
            ms = MentionSpan(m, i, j)
            ms.prep = _governing_prep(tokens, i, start, text)
            out.append(ms)
            i = j + 1
        else:
            i += 1
    return out


def subject_of(tokens: list[Token], first: int, last: int, spans: list[MentionSpan], clause: list[int],
               verb: bool, perfect: str = "") -> MentionSpan | None:
    """The grammatical subject of the trigger at ``first..last``."""
    cl = clause[first]
    gender = verb_gender(tokens[first], perfect) if verb else None
    before = [s for s in spans if s.last < first and s.prep is None and is_actor(s) and not in_relative(tokens, s)
              and (clause[s.last] == cl or _only_particles(tokens[s.last + 1:first]))]
    after = [s for s in spans if s.first > last and clause[s.first] == cl and is_actor(s)]
    # SVO right before the verb (after أن, or a topic): "أن الوزير … بحث";
    # not across a relative pronoun ("المدينة التي يسيطر عليها …": the head noun is the object)
    relative_verb = first > 0 and tokens[first - 1].norm in _RELATIVE
    if before and first - before[-1].last <= 3 and _agrees(before[-1], gender, tokens) and not relative_verb:
        return before[-1]
    topic = _apposed_topic(tokens, first, spans, gender) if verb and not relative_verb else None
    if topic is not None:
        return topic
    if first > 1 and not relative_verb:
        # "أن بنك التصدير والاستيراد التركي سيمنح …": a noun phrase closed by a demonym
        adj = next((s for s in spans if s.last == first - 1 and is_demonym(s) and clause[s.first] == cl), None)
        if adj is not None and tokens[adj.first - 1].norm not in PREPOSITIONS and not any(
                x.first <= adj.first - 1 <= x.last for x in spans) and tokens[adj.first - 1].norm.isalpha():
            return demonym_party(adj)
    demonym = demonym_subject(tokens, last, spans, clause)
    fronted: set[int] = set()  # tokens of a place phrase put before the subject (وصل إلى واغادوغو وفد …)
    for s in after:
        if s.prep in _FRONTED_PREPS and s.mention.type == "LOC" and s.first - last <= 3 and not fronted:
            fronted.update(range(s.first - 1, s.last + 1))
            continue
        gap = [t for i, t in enumerate(tokens[last + 1:s.first], last + 1)
               if t.norm not in _SKIP_AFTER_VERB and i not in fronted and t.norm not in _WHEN_WORDS]
        if demonym is not None and demonym.first < s.first:
            break
        if s.prep == "من" and gap and all(t.norm.lstrip("و") in _QUANTITIES or t.norm in _MEMBERS for t in gap):
            # "خرج مئات من أنصار الدبيبة"، "تظاهر آلاف من المحتجين": the people counted;
            # "انتشرت وحدات من الجيش"، "وصل وفد من الخارجية": a part acts for its whole
            return s
        if s.prep == "ل" and len(gap) <= 2:
            # "دعا الأمين العام للجامعة أحمد أبو الغيط": the office's body, then its holder
            holder = next((x for x in after if x.first == s.last + 1 and x.mention.type == "PERS"), None)
            if holder is not None and holder.first - last <= _SUBJECT_WINDOW + 2:
                return holder
        if len(gap) > 2 or s.first - last > _SUBJECT_WINDOW or s.prep is not None:
            break
        if any(exact(t, "complementizer") for t in gap):
            break  # أشار إلى أن X …: X is the content's subject
        if any(t.norm in PREPOSITIONS or t.norm.startswith("ب") and len(t.norm) >= 5 for t in gap):
            break  # "لا تعترف باختصاص المحكمة": the mention is a genitive inside a ب-phrase
        if _agrees(s, gender, tokens):
            return _with_holder(s, spans)
        if len(gap) == 1 and gap[0] is tokens[s.first - 1] and not gap[0].norm.startswith("ال") and gender is not None \
                and gap[0].norm.isalpha() and gap[0].norm[:1] not in "بلك":
            return _with_holder(s, spans)  # "طالب زعيم المعارضة"، "اتفق قادة الولايات المتحدة": the construct's head is the subject
        break
    if demonym is None and relative_verb:
        return _relative_antecedent(tokens, first, spans, gender)
    return demonym


def _relative_antecedent(tokens: list[Token], first: int, spans: list[MentionSpan], gender: str | None) -> MentionSpan | None:
    """"للحكومة التي طالبت المبعوث …"، "ماكرون، الذي يزور المنطقة": with no subject
    of its own after the verb, a relative clause's subject is the noun it follows."""
    k = first - 2
    if k >= 0 and tokens[k].text in ("،", ","):
        k -= 1
    while k >= 0 and tokens[k].text in _CLOSING_QUOTES:
        k -= 1
    s = next((x for x in spans if x.last == k and is_actor(x)), None)
    if s is None or s.actor is None or not s.actor.country:
        return None  # an unknown name says nothing of a side; other readings may
    return s if _agrees(s, gender, tokens) else None


_TOPIC_OPENERS = frozenset(normalize(w) for w in ("لكن", "ولكن", "بينما", "فيما", "أن", "إن", "وأن", "وإن", "أما", "وأما",
                                                  "كما"))
_CLOSING_QUOTES = frozenset("»”\"")
_APPOSITION_MAX = 8


def _apposed_topic(tokens: list[Token], first: int, spans: list[MentionSpan], gender: str | None) -> MentionSpan | None:
    """"لكن حزب «القوات اللبنانية»، أكبر الكتل المسيحية، رفض الدعوة": a subject
    put first, then a short apposition between commas, then its verb."""
    if first < 3 or tokens[first - 1].text not in ("،", ","):
        return None
    j = next((k for k in range(first - 2, max(-1, first - 3 - _APPOSITION_MAX), -1) if tokens[k].text in ("،", ",")), None)
    if j is None or j == first - 2:
        return None
    if any(exact(t, "complementizer") or not (t.norm.isalpha() or t.text in "«»") or t.norm in _RELATIVE and i > j + 1
           for i, t in enumerate(tokens[j + 1:first - 1], j + 1)):
        return None  # a reported content, figures or a clause inside the aside: not an apposition
    k = j - 1
    while k >= 0 and tokens[k].text in _CLOSING_QUOTES:
        k -= 1
    s = next((x for x in spans if x.last == k and x.prep is None and is_actor(x) and not in_relative(tokens, x)), None)
    if s is None:
        return None
    lead = s
    while (office := next((x for x in spans if x.last == lead.first - 1 and x.prep is None and is_actor(x)), None)) is not None:
        lead = office  # "الرئيس التركي رجب طيب أردوغان، …، هدد": the office before the name
    # the subject opens its clause: the sentence's start or a particle, with at most a head noun and a quote before it
    b = lead.first - 1
    while b >= 0 and tokens[b].text in _OPENING_QUOTES:
        b -= 1
    head = b >= 0 and tokens[b].norm not in _TOPIC_OPENERS and tokens[b].norm.isalpha() and tokens[b].norm not in PREPOSITIONS
    if head:
        b -= 1  # "حزب «القوات اللبنانية»": the verb agrees with the head noun
    if (b < 0 or tokens[b].norm in _TOPIC_OPENERS) and (head or _agrees(s, gender, tokens)):
        return s
    return None


def _with_holder(s: MentionSpan, spans: list[MentionSpan]) -> MentionSpan:
    """"رفض مرشح المعارضة سامورا كامارا": an office or group without a country
    followed by the name of its holder is that person, whose country is known."""
    if s.actor is not None and s.actor.country:
        return s
    holder = next((x for x in spans if x.first == s.last + 1 and x.prep is None and x.mention.type == "PERS"), None)
    return holder if holder is not None and holder.actor is not None and holder.actor.country else s


_FORCES = frozenset(normalize(w) for w in ("طائرات", "طائرة", "مقاتلات", "قوات", "جنود", "دبابات", "مدفعية", "زوارق",
                                           "بوارج", "وحدات", "دوريات", "مروحيات", "صواريخ", "سفن", "قطع"))


def demonym_subject(tokens: list[Token], last: int, spans: list[MentionSpan], clause: list[int]) -> MentionSpan | None:
    """"شنت طائرات إسرائيلية غارات": a plain noun with a demonym right after the
    verb is a subject from that country (armed forces when the noun says so)."""
    for s in spans:
        if s.first in (last + 2, last + 3) and is_demonym(s) and clause[s.first] == clause[last]:
            noun = tokens[s.first - 1]
            if s.first == last + 3 and tokens[last + 1].norm in PREPOSITIONS:
                return None  # "أفرجت عن جنديين أرمينيين": the released, not the releasers
            if noun.norm in PREPOSITIONS or any(x.first <= s.first - 1 <= x.last for x in spans) \
                    or noun.prefix or noun.norm[:1] in ("ب", "ل") and len(noun.norm) > 4 and noun.norm[1:] in _FORCES:
                return None
            sector = "MIL" if noun.norm in _FORCES else None
            start, end = noun.start, s.mention.end
            m = Mention(noun.text + " " + s.mention.text, start, end, "ORG",
                        Actor(None, s.actor.country, sector, "GROUP"), source="events")  # type: ignore[union-attr]
            return MentionSpan(m, s.first - 1, s.last, None)
    return None


_QUANTITIES = frozenset(normalize(w) for w in ("مئات", "آلاف", "عشرات", "الآلاف", "المئات", "العشرات", "ألف", "مئة",
                                              "مائة", "ملايين", "الملايين", "بضع", "عدد", "العديد", "مجموعة", "حشود"))
_MEMBERS = frozenset(normalize(w) for w in ("وحدات", "وحدة", "عناصر", "أفراد", "أعضاء", "نواب", "ممثلو", "ممثلون",
                                            "ممثلين", "قادة", "مسؤولون", "مسؤولين", "مسؤول", "ضباط", "جنود", "مقاتلون",
                                            "مقاتلين", "وفد", "دوريات", "دورية", "قوة", "كتيبة", "فرق", "فريق", "خبراء"))
_OPENING_QUOTES = frozenset("«“\"")
_PARTICLES = frozenset(("،", ",", "قد", "وقد", "فقد", "كان", "وكان", "كانت", "وكانت", "بدوره", "بدورها", "لقد", "ولقد",
                        "لن", "لم", "لا"))


_RELATIVE = frozenset(("التي", "الذي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))


def in_relative(tokens: list[Token], ms: MentionSpan) -> bool:
    """"… التي تقودها روسيا": the mention is the subject of a relative clause."""
    return any(tokens[k].norm in _RELATIVE for k in range(max(0, ms.first - 2), ms.first))


def _only_particles(gap: list[Token]) -> bool:
    """"توكايف، قد دعا": an apposition comma followed by قد/كان does not separate a
    subject from its verb (a bare comma does: "…مع نظيره توكايف، أعرب خلاله")."""
    return len(gap) <= 3 and all(t.norm in _PARTICLES or t.text in _OPENING_QUOTES for t in gap) \
        and any(t.norm not in ("،", ",") for t in gap)  # (also "إن واشنطن «تدعم …»": the quote opens on the verb)


def _agrees(ms: MentionSpan, gender: str | None, tokens: list[Token]) -> bool:
    if gender is None or _masculine_place(ms):
        return True  # (العراق، المغرب take either agreement in practice)
    fem = is_feminine(ms, tokens)
    if gender == "m":
        return not fem
    return fem or (ms.actor is not None and ms.actor.kind == "GROUP")


def target_of(etype: str, tokens: list[Token], first: int, last: int, spans: list[MentionSpan],
              clause: list[int], source: MentionSpan | None, verb: bool, window: int = 15,
              dated: frozenset[int] = frozenset()) -> MentionSpan | None:
    """The target after the trigger: a mention governed by one of the type's
    prepositions (also one a few words after it: طلب المساعدة من الشركاء في
    منظمة …), or the first bare noun phrase (direct object, genitive) for
    verbs, transitive types and meetings."""
    preps = TARGET_PREPS.get(etype, frozenset())
    cl = clause[last]
    start = last + 1
    if source is not None and source.first > last:
        start = source.last + 1
    by_first = {s.first: s for s in spans if s is not source}
    pending: int | None = None
    anchor = start  # a direct object is counted from here (past appositions and place phrases)
    bare_ok = verb or etype in TRANSITIVE or etype == "CONSULT"
    window += sum(1 for i in dated if i > last)  # a date aside does not count against the reach
    for j in range(start, min(len(tokens), last + 1 + window)):
        if clause[j] != cl:
            break
        if tokens[j].norm == "عن" and j - last <= 3:
            bare_ok = False  # "أعرب عن تضامن تركيا مع …": what follows عن is the sentiment's genitive
        s = by_first.get(j)
        if s is not None and j > 0 and tokens[j - 1].norm.lstrip("و") in _BELONGING:
            continue  # "قوات حفظ السلام التابعة لمنظمة …": the owner, not a target
        if s is not None and source is not None and (_same_referent(s, source) or (
                s.first == source.last + 1 and s.mention.type == "PERS" and source.mention.type in ("PERS", "ORG")
                and (s.actor is None or not s.actor.country or not source.actor or s.actor.country == source.actor.country))):
            anchor = s.last + 1
            continue  # "الرئيس الفلسطيني محمود عباس"، "المندوب الإماراتي محمد أبو شهاب": apposition to the subject
        if s is not None and s.mention.type == "LOC" and j > 0 and names_after_place(tokens[j - 1].norm):
            continue  # "اتفاقية فيينا"، "إعلان جدة": a treaty or a process named after a city, not a party
        if s is not None and s.prep == "في" and s.mention.type == "LOC" and "في" not in preps:
            anchor = s.last + 1
            continue  # "اتفقا خلال لقائهما في عمّان": the place of the act
        if s is not None and source is not None and s.first == source.last + 1 and not source.mention.text.startswith("ال") \
                and source.mention.source == "events":
            anchor = s.last + 1
            continue  # "انتقدت حكومة طالبان": the genitive of an indefinite subject is part of it
        if s is not None and is_demonym(s) and pending is not None and j - pending <= 4 and j - last > 1:
            return demonym_party(s)  # "ردت على الخطوة الأوروبية"، "غارات على المواقع الإسرائيلية"
        if s is not None and is_demonym(s) and bare_ok and (etype in TRANSITIVE or etype == "REQUEST") \
                and _closes_object(tokens, start, j, dated, spans, clause):
            return demonym_party(s)  # "أدانت مصر الغارات الإسرائيلية على جنوب لبنان": the raids' doer, before the place
        if s is not None and is_actor(s):
            if s.prep in preps or (pending is not None and j - pending <= 4):
                return s
            if s.prep is None and bare_ok and j - anchor - sum(1 for i in dated if anchor <= i < j) <= _OBJECT_REACH:
                return s  # (a date aside between the subject and the object does not count)
            if s.prep == "في":
                anchor = s.last + 1  # "استقبل X في رام الله Y"
            continue
        t = tokens[j]
        core = t.norm.lstrip("وف")
        if core == "في" and j + 1 < len(tokens) and exact(tokens[j + 1], "report_noun"):
            anchor = j + 3  # "في بيان (مشترك)": where it was said, not to whom
            continue
        if core in preps or (t.norm in preps):
            pending = j
        elif len(core) > 2 and core[0] in ("ب", "ل") and core[0] in preps and s is None:
            pending = j  # "بنظرائه", "للشركاء": the proclitic is the preposition
    return None


_NAMED_AFTER_PLACE = frozenset(normalize(w) for w in (
    "اتفاقية", "الاتفاقية", "اتفاق", "معاهدة", "إعلان", "مؤتمر", "قمة", "مسار", "منتدى", "محادثات", "مفاوضات", "صيغة",
    "مجموعة", "عملية", "مبادرة", "بروتوكول", "ميثاق", "تفاهمات", "مخرجات"))


def names_after_place(word: str) -> bool:
    """The folded word before a place makes it part of a name (اتفاقية فيينا)."""
    return word.lstrip("وبل") in _NAMED_AFTER_PLACE


def _closes_object(tokens: list[Token], start: int, j: int, dated: frozenset[int], spans: list[MentionSpan],
                   clause: list[int]) -> bool:
    """The demonym at j closes the direct object right after the verb or its
    subject ("أدانت الوزارة القصف الإسرائيلي"، "دعا الأطراف التشادية")."""
    first_word = start
    while first_word < len(tokens) and clause[first_word] == clause[j] and first_word in dated:
        first_word += 1  # "رفضت إثيوبيا، الخميس 9 آذار، مقترحا مصريا"
    return first_word < j <= first_word + 2 and tokens[j - 1].norm not in PREPOSITIONS \
        and not any(x.first <= j - 1 <= x.last for x in spans)


def demonym_party(s: MentionSpan, sector: str | None = None, prep: str | None = None) -> MentionSpan:
    """A party named by its demonym alone: the country, and the sector when
    the caller knows it (the arrested are civilians, a countryless target
    keeps its own)."""
    m = Mention(s.mention.text, s.mention.start, s.mention.end, "ORG",
                Actor(None, s.actor.country, sector, "GROUP"), source="events")  # type: ignore[union-attr]
    return MentionSpan(m, s.first, s.last, prep)


def demonym_list(tgt: MentionSpan, spans: list[MentionSpan]) -> list[MentionSpan]:
    """"مقترحا مصريا سودانيا": demonyms right after a demonym target name more parties."""
    out: list[MentionSpan] = []
    cur = tgt
    for s in spans:
        if s.first == cur.last + 1 and is_demonym(s):
            out.append(demonym_party(s))
            cur = s
    return out



_BETWEEN = frozenset(("بين", "جمع", "جمعت", "يجمع", "تجمع"))


def _same_referent(a: MentionSpan, b: MentionSpan) -> bool:
    x, y = a.actor, b.actor
    return a.mention is b.mention or bool(x and y and x.name and x.name == y.name)


def between(tokens: list[Token], first: int, spans: list[MentionSpan], clause: list[int]) -> tuple[MentionSpan, MentionSpan] | None:
    """``بين X و Y`` (or ``بين X وبين Y``, ``الذي جمع X و Y``) in the trigger's clause."""
    cl = clause[first]
    for i, t in enumerate(tokens):
        if clause[i] != cl or t.norm.lstrip("و") not in _BETWEEN:
            continue
        # "بين الحكومة في تشاد والحركات المسلحة": a place after في locates a side, it is none
        after = [s for s in spans if s.first > i and clause[s.first] == cl and s.prep != "في"]
        if len(after) >= 2 and after[0].first <= i + 2:
            return after[0], after[1]
    return None


def possessive(token: Token, entry_forms) -> bool:
    """The trigger word carries a possessive suffix (طلبه، استقالتها)."""
    if token.text.endswith("ة"):
        return False
    for b, pos in bare_readings(token.norm):
        if not pos & NOUN:
            continue
        for suf in _POSSESSIVE:
            if b.endswith(suf) and len(b) > len(suf) + 2:
                base = b[: -len(suf)]
                if base in entry_forms or (base.endswith("ت") and base[:-1] + "ه" in entry_forms):
                    return True
    return False


def own_country_token(token: Token) -> bool:
    """بلاده، بلادنا، حكومته: the speaker's (or subject's) own country."""
    return any(b in _OWN_COUNTRY for b, _ in bare_readings(token.norm))


_EXCHANGE_VERBS = frozenset(normalize(w) for w in ("تبادل", "يتبادل", "تتبادل", "تبادلت", "تبادلا", "تبادلتا", "يتبادلان",
                                                   "تتبادلان", "تبادلوا", "يتبادلون"))


def exchange_verb(tokens: list[Token], first: int, reach: int = 13) -> int | None:
    """"تبادلت القوات الباكستانية والأفغانية، فجر السبت، إطلاق النار"، "في تبادل
    لإطلاق النار مع …": the index of the word that makes the act mutual."""
    for i in range(first - 1, max(-1, first - reach), -1):
        n = tokens[i].norm
        if n in _EXCHANGE_VERBS or any(n.startswith(p) and n[1:] in _EXCHANGE_VERBS for p in "وفبل"):
            return i
    return None


def exchange_partner(tokens: list[Token], last: int, spans: list[MentionSpan], clause: list[int],
                     src: MentionSpan) -> MentionSpan | None:
    """The other side of a mutual act: the party joined to the subject by و
    (a country's adjective too: القوات الباكستانية والأفغانية), else the one
    after مع."""
    for s in spans:
        if s.first <= src.last or s.first > src.last + 2:
            continue
        tok = tokens[s.first]
        if s.prep is None and tok.norm.startswith("و") and s.mention.start > tok.start and s.actor and s.actor.country:
            sector = src.actor.sector if src.actor else None
            return demonym_party(s, sector) if is_demonym(s) else s
    return next((s for s in spans if s.first > last and s.prep == "مع" and clause[s.first] == clause[last]
                 and (is_actor(s) or is_demonym(s)) and s.actor and s.actor.country), None)
