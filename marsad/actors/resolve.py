"""From gazetteer matches to linked mentions: composition, offices, coreference.

1. Candidates: every gazetteer match (names, demonyms, head words), NER
   mentions that no gazetteer name overlaps, and surname-only forms of people
   named elsewhere in the article.
2. Composition: a head word takes the country that follows it: an adjective
   (وزير الخارجية التركي، السلطات الكازخية), a country after an indefinite head
   (وزير خارجية تركيا، رئيس كازاخستان), or an organisation, directly or after
   التابعة ل (الأمين العام للأمم المتحدة، قوات حفظ السلام التابعة لمنظمة …).
   A role followed by a person's name (الوزير مولود تشاووش أوغلو، رئيس الدولة،
   قاسم جومارت توكايف) is that person.
3. Resolution in reading order: roles give the office holder at the
   document's date (offices.tsv); title-only words (الوزير، الرئيس، المنظمة)
   refer back to the last compatible actor, else, for heads marked ``focus``,
   to the article's main country; نظيره الروسي is the holder of the same
   office in Russia as the last office holder named.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Actor, Document, Mention
from .gazetteer import Entry, Gazetteer, Hit
from .matcher import DocTokens, Match, doc_tokens, scan

#: Words allowed between a head and its country (modifiers of the head), folded.
MODIFIERS = frozenset({
    "الجديد", "الجديده", "السابق", "السابقه", "الاسبق", "الحالي", "الحاليه", "المؤقت", "المؤقته",
    "بالوكاله", "بالانابه", "المكلف", "المكلفه", "الراحل", "الاول", "الاولي", "العام", "العامه", "المنتخب",
    "رفيع", "رفيعه", "رفيع المستوي"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
_GROUP_KEY = "group:"  # prefix of the keys under which the last group of a head is kept
CAPITAL_NOUNS = frozenset({"العاصمه"})  # folded: a capital named after "العاصمة + adjective"
FORMER = frozenset({"السابق", "السابقه", "الاسبق"})
CONNECTORS = frozenset({"التابعه", "التابع", "التابعين", "التابعون", "التابعتين"})
APPOSITION_PUNCT = frozenset({"،", ",", ":"})
MINISTER_OFFICES = frozenset({"FM", "DM", "IM", "MIN"})
# When one alias names several kinds of thing, the first kind listed wins.
_KIND_ORDER = {k: n for n, k in enumerate(("PERS", "IGO", "ORG", "MEDIA", "COUNTRY", "CAPITAL", "PLACE"))}
_NAMED = frozenset(_KIND_ORDER)
_PLACE_KINDS = frozenset({"COUNTRY", "CAPITAL", "PLACE"})
# Words a surname-only link must not be (folded): prepositions and the like.
_SURNAME_STOP = frozenset({"علي", "الي", "في", "من", "عن", "مع", "بين", "حتي", "منذ", "بعد", "قبل", "عند"})


@dataclass(slots=True)
class Cand:
    i: int  # token span
    j: int
    start: int  # character span
    end: int
    kind: str  # named, demonym, head, short, ner, local
    entry: Entry | None = None
    alt: Entry | None = None  # a demonym reading of the same word (السعودية)
    definite: bool = False
    country: str | None = None  # what a head composed with
    org: Entry | None = None
    former: bool = False
    unconfirmed: bool = False  # a surname whose bearer is not named by name in the article
    appos: Cand | None = None
    mention: Mention | None = None  # the NER mention a "ner" candidate stands for
    dropped: bool = False
    actor: Actor | None = None
    absorbed: list[Cand] = field(default_factory=list)


def _iso(date: str | None) -> str:
    return (date or "9999-12-31")[:10]


class Linker:
    """Links the mentions of one document (see the module docstring)."""

    def __init__(self, gz: Gazetteer, doc: Document):
        self.gz, self.doc = gz, doc
        self.text = doc.text or ""
        self.date = _iso(doc.pub_date)
        self.dt: DocTokens = doc_tokens(doc)
        self.tok_at_start = {t.start: k for k, t in enumerate(self.dt.tokens)}
        self.tok_at_end = {t.end: k for k, t in enumerate(self.dt.tokens)}

    # ---- candidates ------------------------------------------------------
    def candidates(self, ner: list[Mention]) -> list[Cand]:
        cands = [c for m in scan(self.dt, self.gz.trie) if (c := self._from_match(m)) is not None]
        named = [c for c in cands if c.kind == "named"]
        kept_ner = []
        skip: set[tuple[int, int]] = set()
        for m in ner:
            if (m.start, m.end) in skip:
                continue
            overlapping = [c for c in named if c.start < m.end and m.start < c.end]
            if overlapping:
                continue  # the gazetteer wins the span and the link
            i, j = self._token_span(m.start, m.end)
            if i is None:
                continue
            adj = next((c for c in cands if c.kind == "demonym" and c.i == i and c.j < j), None)
            if adj is not None and m.type == "PERS":
                # "وزير الدفاع الباكستاني خواجة محمد آصف" read as "[الباكستاني خواجة] [محمد آصف]":
                # the country adjective closes the office before it, the name starts after it
                i = adj.j
                start = self.dt.tokens[i].start
                end = m.end
                rest = next((x for x in ner if x.type == "PERS" and x.start > m.end
                             and not self.doc.text[m.end:x.start].strip()), None)
                if rest is not None and (span := self._token_span(rest.start, rest.end))[0] is not None:
                    # (and the rest of the name, split off by the same error)
                    j, end = span[1], rest.end
                    skip.add((rest.start, rest.end))
                m = Mention(self.doc.text[start:end], start, end, m.type, m.actor, m.location, source=m.source)
            kept_ner.append(Cand(i, j, m.start, m.end, "ner", mention=m))
        cands += kept_ner
        cands += self._surnames(cands)
        cands.sort(key=lambda c: (c.start, -c.end))
        return cands

    def _token_span(self, start: int, end: int) -> tuple[int | None, int]:
        i = self.tok_at_start.get(start)
        j = self.tok_at_end.get(end)
        if i is None or j is None:
            return None, 0
        return i, j + 1

    def _from_match(self, m: Match) -> Cand | None:
        hits = m.hits
        if any(h.entry.kind == "BLOCK" for h in hits):
            return None
        c = Cand(m.i, m.j, m.start, m.end, "named")
        heads = [h for h in hits if h.entry.kind == "HEAD"]
        if heads:
            c.kind, c.entry, c.definite = "head", heads[0].entry, heads[0].definite
            return c
        named = sorted((h for h in hits if h.entry.kind in _NAMED), key=lambda h: _KIND_ORDER[h.entry.kind])
        demonyms = [h.entry for h in hits if h.entry.kind == "DEMONYM"]
        if named:
            c.entry = named[0].entry
            c.alt = demonyms[0] if demonyms else None
        elif demonyms:
            c.kind, c.entry = "demonym", demonyms[0]
        else:
            return None
        return c

    def _surnames(self, cands: list[Cand]) -> list[Cand]:
        """Surname-only forms (أوغلو) of people named in the article, and
        shortened forms of unknown people the NER found (الحاج جاسم)."""
        named_at: dict[str, list[int]] = {}
        for c in cands:
            if c.kind == "named" and c.entry.kind == "PERS":
                named_at.setdefault(c.entry.id, []).append(c.start)
        covered = [(c.i, c.j) for c in cands]
        free = lambda m: not any(a < m.j and m.i < b for a, b in covered)  # noqa: E731

        def accept(hit: Hit, i: int) -> bool:
            # named in the article, or in office (a role phrase before it may name them)
            return hit.entry.id in named_at or bool(self.gz.offices_at(hit.entry.id, self.date))

        out = []
        for m in scan(self.dt, self.gz.short_trie, accept):
            if not free(m):
                continue
            def distance(h: Hit) -> int:  # several people share a surname: the nearest named before
                at = named_at.get(h.entry.id)
                if not at:
                    return 2 * 10**9
                before = [p for p in at if p < m.start]
                return (m.start - max(before)) if before else 10**9 + min(at)
            hit = min(m.hits, key=distance)
            # not named by name: kept only if a role phrase before it resolves to this person
            out.append(Cand(m.i, m.j, m.start, m.end, "short", entry=hit.entry,
                            unconfirmed=hit.entry.id not in named_at))
        out += self._local_surnames(cands + out)
        return out

    def _local_surnames(self, cands: list[Cand]) -> list[Cand]:
        """Shortened forms of unknown people the NER found earlier (باسل الحاج جاسم -> جاسم)."""
        people = [c for c in cands if c.kind == "ner" and c.mention.type == "PERS" and c.j - c.i >= 2]
        if not people:
            return []
        trie: dict = {}
        for p in people:
            keys = [self.dt.tokens[k].norm for k in range(p.i, p.j)]
            for s in range(1, len(keys)):
                suffix = keys[s:]
                if len(suffix) == 1 and (len(suffix[0]) < 4 or suffix[0] in _SURNAME_STOP):
                    continue
                node = trie
                for k in suffix:
                    node = node.setdefault(k, {})
                node.setdefault("", []).append(Hit(Entry(f"local:{p.start}", "LOCAL"), False))
        covered = [(c.i, c.j) for c in cands]
        out = []
        for m in scan(self.dt, trie, lambda h, i: True):
            if any(a < m.j and m.i < b for a, b in covered):
                continue
            source = next(p for p in people if f"local:{p.start}" == m.hits[0].entry.id)
            if m.start > source.start:
                out.append(Cand(m.i, m.j, m.start, m.end, "local", appos=source))
        return out

    # ---- composition ------------------------------------------------------
    def compose(self, cands: list[Cand]) -> list[Cand]:
        live = [c for c in cands]
        for n, c in enumerate(live):
            if c.kind != "head" or c.dropped:
                continue
            nxt = self._next(live, n)
            if nxt is not None:
                self._attach(c, nxt)
            if c.entry.head.kind in ("ROLE", "COUNTERPART"):
                c.appos = self._appositive(live, c)
        for n, c in enumerate(live):
            if c.kind == "named" and c.entry.kind == "COUNTRY" and n > 0:
                self._capital_named(live[n - 1], c)
        # an NER span inside a composed phrase (الدفاع الروسية) or an adjective is already linked
        heads = [c for c in live if c.kind in ("head", "demonym") and not c.dropped]
        for d in live:
            if d.kind == "ner" and any(h.start <= d.start and d.end <= h.end for h in heads):
                d.dropped = True
        return [c for c in live if not c.dropped]

    def _capital_named(self, d: Cand, c: Cand) -> None:
        """"العاصمة الأردنية عمان": after the capital of another country, a name
        shared with a country (عمان) is that capital."""
        if d.kind != "demonym" or d.j != c.i or d.i == 0 or d.entry.country == c.entry.country \
                or not self.dt.same_sentence(d.i, c.i):
            return
        if self.dt.tokens[d.i - 1].norm.removeprefix("و").removeprefix("ب").removeprefix("ل") not in CAPITAL_NOUNS:
            return
        code = d.entry.country
        capital = self.gz.entries.get(code + ".capital")
        c.entry = capital or Entry(code + ".capital", "CAPITAL", None, code, "GOV")

    def _next(self, live: list[Cand], n: int) -> Cand | None:
        c = live[n]
        for d in live[n + 1:]:
            if d.dropped or d.start < c.end:
                continue
            return d if self.dt.same_sentence(c.i, d.i) else None
        return None

    def _gap(self, a: int, b: int) -> list[str]:
        return [self.dt.tokens[k].norm for k in range(a, b)]

    def _attach(self, c: Cand, d: Cand) -> None:
        head = c.entry.head
        gap = self._gap(c.j, d.i)
        connector = bool(gap) and gap[-1] in CONNECTORS
        fits = all(w in MODIFIERS for w in gap) or (connector and all(w in MODIFIERS for w in gap[:-1]))
        if not fits and head.id == "MIN_I" and len(gap) <= 3 and d.kind == "demonym":
            fits = all(w[:1].isalpha() for w in gap)  # وزير الطاقة الكازاخستاني
        if not fits and gap == ["في"] and head.kind == "GROUP" and d.kind == "named" and d.entry.kind == "COUNTRY":
            fits = True  # السلطات في كازاخستان
        if not fits:
            return
        target: Entry | None = None
        consume = False
        if d.kind == "demonym" or (d.kind == "named" and d.alt is not None and c.definite):
            target, consume = (d.entry if d.kind == "demonym" else d.alt), True
        elif d.kind == "named" and d.entry.kind in ("COUNTRY", "CAPITAL") and (
                not c.definite or connector or (gap == ["في"] and head.sector in _STATE_SECTORS)):
            # "السلطات في كازاخستان"، "المجلس العسكري في النيجر": the state's own bodies
            if d.entry.kind == "CAPITAL" and head.kind != "GROUP":
                return
            target = d.entry
        elif d.kind == "named" and d.entry.kind in ("IGO", "ORG") and self.gz.is_igo(d.entry.country) \
                and head.kind in ("ROLE", "GROUP", "INST"):
            target = d.entry
            c.org = d.entry
        elif d.kind == "named" and d.entry.kind == "MEDIA" and head.sector == "MED":
            c.dropped = True  # صحيفة "زافترا": the outlet's own mention says it
            return
        if target is None or not target.country:
            return
        c.country = target.country
        c.former = any(w in FORMER for w in gap) or self._former_after(d.j)
        if consume:
            d.dropped = True
        c.absorbed.append(d)
        c.j, c.end = d.j, d.end

    def _former_after(self, k: int) -> bool:
        return k < len(self.dt.tokens) and self.dt.same_sentence(k - 1, k) and self.dt.tokens[k].norm in FORMER

    def _appositive(self, live: list[Cand], c: Cand) -> Cand | None:
        k = c.j
        toks = self.dt.tokens
        while k < len(toks) and self.dt.same_sentence(c.i, k) and (toks[k].norm in MODIFIERS or toks[k].norm in APPOSITION_PUNCT):
            k += 1
        for d in live:
            if d.i == k and not d.dropped:
                if d.kind in ("named", "short") and d.entry.kind == "PERS":
                    return d
                if d.kind == "ner" and d.mention.type == "PERS":
                    return d
        return None

    # ---- resolution --------------------------------------------------------
    def focus(self, cands: list[Cand]) -> tuple[str | None, str | None]:
        """The article's main country and main international organisation."""
        countries: Counter[str] = Counter()
        igos: Counter[str] = Counter()
        for c in cands:
            e = c.entry
            if c.kind == "named" and e.kind in _PLACE_KINDS and e.country:
                countries[e.country] += 1.0 if e.kind != "PLACE" else 0.5
            elif c.kind == "named" and e.kind == "IGO":
                igos[e.country] += 1
            elif c.kind == "demonym" or (c.kind == "head" and c.country and not self.gz.is_igo(c.country)):
                code = e.country if c.kind == "demonym" else c.country
                if code:
                    countries[code] += 0.5
        first = {}
        for c in cands:
            code = c.entry.country if c.entry is not None else c.country
            if code:
                first.setdefault(code, c.start)
        pick = lambda cnt: max(cnt, key=lambda k: (cnt[k], -first.get(k, 0))) if cnt else None  # noqa: E731
        return pick(countries), pick(igos)

    def person_actor(self, e: Entry) -> Actor:
        terms = self.gz.offices_at(e.id, self.date)
        if terms:
            t = terms[0]
            code = self.gz.code_of(t.of)
            sector = "IGO" if self.gz.is_igo(code) else {"INTEL": "COP", "CGS": "MIL"}.get(t.office, "GOV")
            return Actor(e.name, code, sector, "PERS", e.id)
        return Actor(e.name, e.country, e.sector, "PERS", e.id)

    def named_actor(self, e: Entry) -> Actor:
        if e.kind == "PERS":
            return self.person_actor(e)
        if e.kind == "COUNTRY":
            state = self.gz.countries.get(e.country, e)
            return Actor(state.name, e.country, "GOV", "LOC", e.country)
        if e.kind == "CAPITAL":
            return Actor(e.name, e.country, "GOV", "LOC", e.id)
        if e.kind == "PLACE":
            return Actor(e.name, e.country, None, "LOC", e.id)
        return Actor(e.name, e.country, e.sector, "ORG", e.id)

    def resolve(self, cands: list[Cand]) -> list[Mention]:
        focus_country, focus_igo = self.focus(cands)
        self.doc.meta["actor_focus"] = focus_country
        last: dict[str, Actor] = {}  # office / "IGO" / "INST" / head id -> last actor
        last_office: list[tuple[str, str]] = []  # (office, of) of the last office holder named
        out: list[Mention] = []

        def note_person(actor: Actor) -> None:
            if actor.id is None:
                return
            for t in self.gz.offices_at(actor.id, self.date):
                last[t.office] = actor
                if t.office in MINISTER_OFFICES:
                    last["MIN"] = actor
                if t.office in ("PRES", "KING", "LEADER"):
                    last["HOS"] = actor
                last_office[:] = [(t.office, t.of)]

        seen: set[str] = set()
        for c in cands:
            if c.kind == "short" and c.unconfirmed and c.entry.id not in seen:
                continue  # a surname with no antecedent: not linked
            actor, mtype, source = self._actor_of(c, last, last_office, focus_country, focus_igo)
            if actor is not None and actor.id:
                seen.add(actor.id)
            if actor is None and c.kind not in ("ner",):
                continue
            c.actor = actor
            if actor is not None and actor.kind == "PERS":
                note_person(actor)
            if c.kind == "named" and c.entry.kind == "IGO":
                last["IGO"] = actor
            if c.kind == "head" and c.entry.head.kind == "GROUP" and c.country and actor is not None:
                last[_GROUP_KEY + c.entry.head.id] = actor  # the last government, army … named with its country
            if c.kind == "head" and c.entry.head.kind == "INST" and actor is not None:
                last["INST"] = actor
                last[c.entry.head.id.removesuffix("_I")] = actor
            if c.kind == "ner":
                m = c.mention
                if actor is not None:
                    m.actor = actor
                out.append(m)
            else:
                end = self._balance_quotes(c.start, c.end)
                out.append(Mention(self.text[c.start:end], c.start, end, mtype, actor=actor, source=source))
        return out

    def _balance_quotes(self, start: int, end: int) -> int:
        """Take in the closing quote of a name quoted inside a match (وكالة "شينخوا")."""
        inner = self.text[start:end]
        for open_q, close_q in (('"', '"'), ("«", "»"), ("“", "”")):
            opened = inner.count(open_q) - (inner.count(close_q) if open_q != close_q else 0)
            unbalanced = opened % 2 == 1 if open_q == close_q else opened > 0
            if unbalanced and self.text[end:end + 1] == close_q:
                return end + 1
        return end

    def _actor_of(self, c: Cand, last, last_office, focus_country, focus_igo):
        e = c.entry
        if c.kind == "named":
            actor = self.named_actor(e)
            return actor, {"PERS": "PERS", "ORG": "ORG"}.get(actor.kind, "LOC"), "gazetteer"
        if c.kind == "short":
            return self.person_actor(e), "PERS", "coref"
        if c.kind == "demonym":
            return Actor(None, e.country, None, "GROUP", None), "MISC", "demonym"
        if c.kind == "ner":
            return c.actor, None, "ner"  # set by an apposition, else unlinked
        if c.kind == "local":
            src = c.appos
            if src.actor is None:
                src.actor = Actor(None, None, None, "PERS", None)
                src.mention.actor = src.actor
            return src.actor, "PERS", "coref"
        return self._head_actor(c, last, last_office, focus_country, focus_igo)

    def _head_actor(self, c: Cand, last, last_office, focus_country, focus_igo):
        head = c.entry.head
        code = c.country
        if head.kind in ("ROLE", "COUNTERPART"):
            source = "role" if code else "title"
            office = head.value
            if head.kind == "COUNTERPART":
                if not code:
                    return None, None, None
                if not last_office:  # the first party is not a known office holder: the adjective still names the country
                    return Actor(None, code, "IGO" if self.gz.is_igo(code) else head.sector, "PERS", None), "PERS", source
                office = last_office[0][0]
            if c.appos is not None:
                return self._from_appositive(c, code, head), "PERS", source
            if code:
                of = c.org.id if c.org is not None and (head.value, c.org.id) in self.gz.terms else code
                holder = self.gz.holder(office, of, self.date, c.former) if office not in ("MIN", "DPM") else None
                if holder is not None:
                    return self.person_actor(holder), "PERS", source
                sector = "IGO" if self.gz.is_igo(code) else head.sector
                return Actor(None, code, sector, "PERS", None), "PERS", source
            if head.bare == "drop":
                return None, None, None
            if office in last:
                return last[office], "PERS", "title"
            if head.bare == "focus":
                target = focus_igo if office == "SG" else focus_country
                holder = self.gz.holder(office, target, self.date) if target else None
                if holder is not None:
                    return self.person_actor(holder), "PERS", "title"
            return None, None, None
        if head.kind == "TITLE":
            actor = last.get(head.value)
            return (actor, "ORG", "title") if actor is not None else (None, None, None)
        if head.kind == "INST":
            base = head.id.removesuffix("_I")
            if not code:
                if head.bare == "drop":
                    return None, None, None
                if base in last:
                    return last[base], "ORG", "title"
                code = focus_country if head.bare == "focus" else None
                if not code:
                    return None, None, None
            name = head.value.format(country=self.gz.country_name(code))
            return Actor(name, code, head.sector, "ORG", f"{code}.{base}"), "ORG", "group"
        # GROUP
        if not code:
            if head.bare == "drop":
                return None, None, None
            if head.bare == "focus" and (earlier := last.get(_GROUP_KEY + head.id)) is not None:
                return earlier, "ORG", "title"  # "الحكومة" after "الحكومة الإكوادورية": the same body
            code = focus_country if head.bare == "focus" else None
        return Actor(None, code, head.sector, "GROUP", None), "ORG", "group"

    def _from_appositive(self, c: Cand, code: str | None, head) -> Actor:
        d = c.appos
        if d.kind in ("named", "short"):
            return self.person_actor(d.entry)
        # an unknown person the NER found: the role gives country and sector
        sector = "IGO" if self.gz.is_igo(code) else head.sector
        actor = Actor(None, code, sector, "PERS", None)
        d.actor = actor
        return actor


def link(doc: Document, gz: Gazetteer) -> list[Mention]:
    """Linked mentions of ``doc`` (its NER mentions reconciled), in text order."""
    linker = Linker(gz, doc)
    ner = [m for m in doc.mentions if m.source == "ner"]
    cands = linker.compose(linker.candidates(ner))
    return linker.resolve(cands)
