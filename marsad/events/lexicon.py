"""The event trigger lexicon: Arabic verbs, nominalisations and phrases that
announce a PLOVER event, with the context each needs.

Entries live in ``resources/events/triggers.txt`` (hand-written) and
``resources/events/triggers_up.txt`` (derived from UniversalPetrarch's Arabic
verb patterns by ``training/events/build_up_lexicon.py``).  One entry a line::

    TYPE MODE CAMEO HEAD [CONSTRAINT ...]

``MODE`` is ``-`` when the entry sets none.  ``HEAD`` is one or more words
joined by ``_``; the first word carries its part of speech:

* ``v:PERFECT/IMPERFECT`` a verb given in the 3rd person masculine singular
  (``v:اجتمع/يجتمع``); its conjugations, object suffixes and the future
  prefix are generated;
* ``n:FORM[,FORM]`` a noun, masdar or participle with its inflections
  (article, suffixed pronouns, sound plurals, dual, tanwin alif);
* ``w:FORM`` a literal word (only proclitics are stripped).

Further words of a multi-word noun head are matched as nouns right after it
(``n:اتصال_هاتفي``); after a verb they only need to follow within five tokens,
since a subject may come between (``v:أطلق/يطلق_سراح`` matches أطلقت السلطات
سراح).  A verb's ``>`` windows are at least four tokens for the same reason.
Constraints (words are comma-separated, ``x*`` is a prefix match, ``/N`` a
window in tokens):

* ``>w,w/N`` one of the words must follow within N tokens, ``<`` precede,
  ``~`` either side;
* ``!w,w/N`` none of the words may appear within N tokens either side
  (``!>`` and ``!<`` for one side);
* ``w=0.7`` the entry's prior weight (default 1.0);
* ``inv`` the grammatical subject is the target (استقبل: the host);
* ``src=PRO,CVL`` the event needs a source of one of these sectors;
* ``frame`` the trigger governs a content clause (طالب بـ، اتهم بـ، رفض):
  content triggers after it in the clause are not separate events;
* ``agentgen`` the masdar's genitive is its agent (سيطرة المحتجين) even for
  a transitive type;
* ``neg`` the entry means the negated verb (لن تسمح بـ، لم تستبعد): the
  negator its ``<`` constraint asks for does not make the event negated.

Matching works on the folded forms of :mod:`marsad.text.normalize`.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..model import Token
from ..text.normalize import normalize

# No 1st-singular "ي": it would turn اجتماع into اجتماعي (social).
_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا", "كم")
_MIN_BARE = 2
_VERB_REACH = 6  # a verb's following-word constraints reach past its subject (شنت طائرات إسرائيلية فجر اليوم غارات)
_MACRO_DEF = re.compile(r"^@([A-Z_]+)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"@([A-Z_]+)")


def noun_forms(base: str) -> set[str]:
    """Inflected forms of a folded noun/masdar/participle (no proclitics)."""
    forms = {base}
    if base.endswith("ه") and len(base) > 2:  # ta marbuta, folded to ه
        stem = base[:-1]
        t = stem + "ت"
        forms |= {stem + "ات", t + "ين", t + "ان", stem + "تا"}
        forms |= {t + s for s in _PRONOUN_SUFFIXES}
        forms |= {stem + "ات" + s for s in _PRONOUN_SUFFIXES}
        return forms
    forms |= {base + s for s in ("ا", "ات", "ين", "ان", "ون", "يها", "يهم")}
    forms |= {base + s for s in _PRONOUN_SUFFIXES}
    forms |= {base + "ات" + s for s in _PRONOUN_SUFFIXES}
    if base.endswith("ي"):  # nisba adjective: هاتفي، هاتفية، هاتفيا
        forms |= {base + "ه", base + "ا", base + "ين", base + "ون"}
    return forms


def verb_forms(perfect: str, imperfect: str | None) -> set[str]:
    """Conjugated forms of a folded verb (3rd persons, 1st plural, object
    suffixes, jussive of weak verbs); the future prefix is a proclitic."""
    p = perfect
    forms = {p}
    if p[-1] in "اي":  # defective: دعا، الغي، التقي
        r = p[:-1]
        forms |= {r + s for s in ("ت", "وا", "تا", "ينا", "يت", "يا", "اه", "اها", "اهم", "ته", "تها", "تهم")}
        forms |= {p + s for s in ("ه", "ها", "هم", "نا")}
    else:
        for s in ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "و"):
            forms.add(p + s)
        forms |= {p + s for s in ("ه", "ها", "هم", "هما")}
        forms |= {p + "ت" + s for s in ("ه", "ها", "هم")}
        forms |= {p + "و" + s for s in ("ه", "ها", "هم")}
    if imperfect:
        core = imperfect[1:] if imperfect[0] in "يتنا" else imperfect
        for lead in "يتنا":
            b = lead + core
            forms |= {b + s for s in ("", "ون", "ان", "ن", "وا", "ا", "ين", "ه", "ها", "هم", "ونه", "ونها", "ونهم")}
            if b[-1] in "وي" and lead != "ا":  # weak final: يدعو → لم يدع، يدعون
                forms |= {b[:-1], b[:-1] + "ون", b[:-1] + "ين", b[:-1] + "ه", b[:-1] + "ها"}
    return {f for f in forms if len(f) >= _MIN_BARE}


VERB = 1
NOUN = 2


@lru_cache(maxsize=65536)
def bare_readings(norm: str) -> tuple[tuple[str, int], ...]:
    """A folded token without its possible proclitics, each reading with the
    parts of speech it allows: و/ف go with anything, ب/ك/the article only
    with nouns, س only with verbs, ل with both (لـ + imperfect, لـ + noun)."""
    out: dict[str, int] = {norm: VERB | NOUN}
    first = [(norm, VERB | NOUN)]
    if len(norm) > 3 and norm[0] in "وف":
        first.append((norm[1:], VERB | NOUN))
    second: list[tuple[str, int]] = []
    for x, pos in first:
        second.append((x, pos))
        if len(x) > 4 and x.startswith("لل"):
            second.append((x[2:], NOUN))
        if len(x) > 3 and x[0] in "بلكس":
            second.append((x[1:], {"ب": NOUN, "ك": NOUN, "س": VERB, "ل": VERB | NOUN}[x[0]]))
    for x, pos in second:
        out[x] = out.get(x, 0) | pos
        if len(x) > 4 and x.startswith("ال") and pos & NOUN:
            out[x[2:]] = out.get(x[2:], 0) | NOUN
    return tuple(out.items())


@lru_cache(maxsize=65536)
def bare_forms(norm: str) -> tuple[str, ...]:
    return tuple(f for f, _ in bare_readings(norm))


@dataclass(frozen=True, slots=True)
class WordSet:
    """A set of folded forms plus prefixes (``x*`` in the lexicon)."""

    forms: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def matches(self, token: Token) -> bool:
        return self.matches_norm(token.norm)

    def matches_norm(self, norm: str) -> bool:
        key = (id(self), norm)
        hit = _MATCH_CACHE.get(key)
        if hit is None:
            hit = any(b in self.forms or any(b.startswith(p) and not (p == "ب" and b in _NOT_BI_PHRASE) for p in self.prefixes)
                      for b in bare_forms(norm))
            if len(_MATCH_CACHE) > 500_000:
                _MATCH_CACHE.clear()
            _MATCH_CACHE[key] = hit
        return hit


# "ب*" in a constraint stands for a ب-phrase (طالب بالإفراج، أمر بإطلاق); these
# words start with ب without being one
_NOT_BI_PHRASE = frozenset(normalize(w) for w in (
    "بلاده", "بلادها", "بلادهم", "بلادنا", "بين", "بعد", "بعض", "بشكل", "بسبب", "به", "بها", "بهم", "بذلك", "بهذا",
    "بهذه", "بالنسبة", "بحسب", "بدوره", "بدورها", "بينما", "بالتزامن", "بالفعل", "بالتالي", "بلد", "بلدان", "بيان", "بيانا"))

# (id(word set), folded word) -> matches; word sets live as long as the lexicons
# that own them (module-level caches), so their ids are stable
_MATCH_CACHE: dict[tuple[int, str], bool] = {}


def parse_words(spec: str) -> WordSet:
    forms: set[str] = set()
    prefixes: list[str] = []
    for w in spec.split(","):
        w = normalize(w.strip())
        if not w:
            continue
        if w.endswith("*"):
            prefixes.append(w[:-1])
        elif w.startswith("="):  # exact form only
            forms.add(w[1:])
        else:
            forms |= noun_forms(w)
    return WordSet(frozenset(forms), tuple(prefixes))


_COMMAS = frozenset(("،", ","))


@dataclass(frozen=True, slots=True)
class Constraint:
    kind: str  # ">" after, "<" before, "~" either, "!" / "!>" / "!<" blocked
    words: WordSet
    window: int

    def holds(self, tokens: list[Token], first: int, last: int) -> bool:
        # commas do not count against the window ("فرضت كندا، وأستراليا، ونيوزيلندا عقوبات")
        n = len(tokens)
        end = min(n, last + 1 + self.window)
        k = last + 1
        while k < end:
            if tokens[k].text in _COMMAS:
                end = min(n, end + 1)
            k += 1
        after = range(last + 1, end)
        before = range(max(0, first - self.window), first)
        side = self.kind.lstrip("!")
        idx: list[int] = []
        if side in (">", "~", ""):
            idx += list(after)
        if side in ("<", "~", ""):
            idx += list(before)
        found = any(self.words.matches(tokens[i]) for i in idx)
        return not found if self.kind.startswith("!") else found


@dataclass(slots=True)
class Entry:
    id: int
    type: str
    mode: str | None
    cameo: str | None
    head: list[WordSet]
    pos: str  # v, n, w
    constraints: list[Constraint] = field(default_factory=list)
    weight: float = 1.0
    inverse: bool = False
    source_sectors: frozenset[str] = frozenset()
    frame: bool = False
    origin: str = "manual"
    text: str = ""
    perfect: str = ""  # folded perfect stem of a verb head (for agreement)
    agent_genitive: bool = False  # سيطرة المحتجين: the masdar's genitive is its agent
    negative: bool = False  # لن تسمح بـ: a threat is said by negating the verb

    @property
    def specificity(self) -> float:
        positive = sum(1 for c in self.constraints if not c.kind.startswith("!"))
        return len(self.head) + 0.5 * positive


@dataclass(slots=True)
class TriggerMatch:
    entry: Entry
    first: int  # token indexes in the sentence, inclusive
    last: int


def _parse_line(line: str, idx: int, origin: str) -> Entry:
    parts = line.split()
    if len(parts) < 4:
        raise ValueError(f"trigger line {idx}: expected TYPE MODE CAMEO HEAD, got {line!r}")
    etype, mode, cameo, head = parts[:4]
    pos, _, body = head.partition(":")
    if pos not in ("v", "n", "w") or not body:
        raise ValueError(f"trigger line {idx}: bad head {head!r}")
    words = body.split("_")
    head_sets: list[WordSet] = []
    first = normalize(words[0])
    perfect = ""
    if pos == "v":
        perf, _, impf = first.partition("/")
        perfect = perf
        head_sets.append(WordSet(frozenset(verb_forms(perf, impf or None))))
    elif pos == "n":
        forms: set[str] = set()
        for f in first.split(","):
            forms |= noun_forms(f)
        head_sets.append(WordSet(frozenset(forms)))
    else:
        head_sets.append(WordSet(frozenset(normalize(f) for f in first.split(","))))
    extra: list[Constraint] = []
    for w in words[1:]:
        if pos == "v":
            # VSO puts the subject between a verb and its object (أطلقت السلطات سراح …)
            extra.append(Constraint(">", parse_words(w), _VERB_REACH + 1))
        else:
            head_sets.append(parse_words(w))
    entry = Entry(idx, etype, None if mode == "-" else mode, None if cameo == "-" else cameo,
                  head_sets, pos, origin=origin, text=line, perfect=perfect)
    entry.constraints += extra
    for c in parts[4:]:
        if c.startswith("w="):
            entry.weight = float(c[2:])
        elif c == "inv":
            entry.inverse = True
        elif c == "frame":
            entry.frame = True
        elif c == "agentgen":
            entry.agent_genitive = True
        elif c == "neg":
            entry.negative = True
        elif c.startswith("src="):
            entry.source_sectors = frozenset(c[4:].split(","))
        else:
            kind = c[:2] if c[:2] in ("!>", "!<") else c[0]
            spec = c[len(kind):]
            words_spec, _, win = spec.rpartition("/")
            if not words_spec or not win.isdigit():
                raise ValueError(f"trigger line {idx}: bad constraint {c!r}")
            window = int(win)
            if pos == "v" and kind == ">":
                window = max(window, _VERB_REACH)  # room for a subject after the verb
            entry.constraints.append(Constraint(kind, parse_words(words_spec), window))
    return entry


class Lexicon:
    """All trigger entries, indexed by the forms of their first head word."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.index: dict[str, list[Entry]] = {}
        for e in entries:
            for f in e.head[0].forms:
                self.index.setdefault(f, []).append(e)

    @classmethod
    def from_text(cls, text: str, origin: str = "manual", start: int = 0) -> Lexicon:
        """Parse a lexicon file.  ``@NAME = w,w,...`` lines define word lists
        that later lines use as ``@NAME`` inside constraints."""
        entries: list[Entry] = []
        macros: dict[str, str] = {}
        for n, raw in enumerate(text.splitlines()):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = _MACRO_DEF.match(line)
            if m:
                macros[m.group(1)] = _MACRO_USE.sub(lambda u: macros[u.group(1)], m.group(2).replace(" ", ""))
                continue
            line = _MACRO_USE.sub(lambda u: macros[u.group(1)], line)
            entries.append(_parse_line(line, start + n, origin))
        return cls(entries)

    def match(self, tokens: list[Token]) -> list[TriggerMatch]:
        """Every entry whose head and constraints hold in ``tokens``."""
        out: list[TriggerMatch] = []
        for i, tok in enumerate(tokens):
            seen: set[int] = set()
            # a word written with ة is a noun, whatever its folded form says
            noun_only = tok.text.endswith("ة")
            for b, pos in bare_readings(tok.norm):
                for e in self.index.get(b, ()):
                    if e.id in seen or (e.pos == "v" and (noun_only or not pos & VERB)):
                        continue
                    seen.add(e.id)
                    last = i
                    ok = True
                    for ws in e.head[1:]:
                        last += 1
                        if last >= len(tokens) or not ws.matches(tokens[last]):
                            ok = False
                            break
                    if ok and all(c.holds(tokens, i, last) for c in e.constraints):
                        out.append(TriggerMatch(e, i, last))
        return out


def resource_lines(name: str) -> list[str]:
    """The lines of the word list ``resources/events/<name>``, without
    comments (``#`` to the end of the line) and blank lines."""
    text = resources.files("marsad.resources").joinpath("events", name).read_text("utf-8")
    return [line for raw in text.splitlines() if (line := raw.split("#", 1)[0].strip())]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    base = resources.files("marsad.resources").joinpath("events")
    manual = base.joinpath("triggers.txt").read_text("utf-8")
    lex = Lexicon.from_text(manual, "manual")
    up_path = base.joinpath("triggers_up.txt")
    if up_path.is_file():
        up = Lexicon.from_text(up_path.read_text("utf-8"), "up", start=100000)
        lex = Lexicon(lex.entries + up.entries)
    return lex
