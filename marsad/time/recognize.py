"""Find temporal expressions in Arabic text and resolve them to calendar values.

Steps, per sentence of the folded text:

1. every pattern of :mod:`marsad.time.grammar` proposes candidates;
2. candidates that are not dates in context are dropped (name parts such as
   مدينة 6 أكتوبر, اليوم in اليوم الوطني, الاثنين "the two", quantities that
   look like years …);
3. the longest non-overlapping candidates are kept;
4. neighbours are joined: من/بين A إلى/و B into a range, and a modifier or
   year after the last of coordinated names is shared with the others;
5. each expression is resolved against the publication date, in sentence
   order, so a year given earlier in the sentence can decide a later
   year-less date.

Offsets map back from the folded text to the original, so ``text[start:end]``
is always the expression as written.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..model import DateExpr
from ..text.normalize import normalize
from . import calendar as cal
from .calendar import FUTURE, PAST
from .context import Sentence, bare
from .folding import Folded
from .grammar import MONTH, PATTERNS, RANGE_GAP, open_gates
from .lexicon import LEX, key

# Equal-length candidates: the more specific kind wins.
PRIORITY = {k: i for i, k in enumerate(
    ["date", "hijri_date", "numeric", "month", "hijri_month", "rel_unit", "rel_day",
     "weekday", "ago", "decade_ord", "decade", "century", "year"])}

_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟](?!\d)\s*|\n+")
_YEAR_CUES = frozenset(normalize(w) for w in (
    "في منذ حتى قبل بعد خلال بين من إلى بحلول عام العام سنة لعام للعام مطلع أوائل أواسط منتصف أواخر "
    "بداية نهاية مستهل صيف خريف شتاء ربيع حوالي").split())
_BARE_MONTH_CUES = frozenset(normalize(w) for w in (
    "في منذ حتى خلال قبل بعد بحلول من إلى بين وفي ومنذ وحتى وخلال وبعد وقبل ومن وبين").split())
_WEEKDAY_SET_WORDS = frozenset(normalize(w) for w in "كل أيام صلاة خطبة منبر سوق".split())
_TWO_FOLLOWERS = frozenset(normalize(w) for w in "معا منهما كلاهما كليهما".split())
_PART_OF_DAY = frozenset(normalize(w) for w in "صباح مساء ظهر فجر ليلة عصر ظهيرة".split())
_VERB_GHADA_FOLLOWERS = frozenset(normalize(w) for w in "أكثر أقرب أشد أبعد أكبر واضحا جزءا".split())
# An ordinal after these counts parts of the month, not its days: الأسبوع الأول
# من فبراير، النصف الثاني من مارس.
_PART_NOUNS = frozenset(normalize(w) for w in "الأسبوع الأسابيع النصف الربع الثلث الشطر العشر العشرة الأيام".split())
_APPROXIMATE = frozenset(normalize(w) for w in "أكثر أقل يزيد يقل".split())
_AFTER_YEAR_WORDS = frozenset(normalize(w) for w in (
    "في على عن إلى حتى بعد قبل خلال منذ مع حين عندما حيث أي ثم لكن لم لن قد كما بين ضد عبر وفق حسب بحسب "
    "أيضا تقريبا فقط هو هي كان كانت").split())
_SET_AFTER = re.compile(normalize(r"\s+(?:من\s+)?كل\s+(?:عام|سنة)"))
_MONTH_AT_END = re.compile(rf"(?:{MONTH})$")
_MONTH_WORD = re.compile(rf"(?:{MONTH})(?!\w)")


@dataclass
class Cand:
    kind: str
    start: int  # folded offsets, within the sentence
    end: int
    g: dict
    prefix: str = ""
    m: re.Match | None = None
    # parsed fields
    day: int | None = None
    day2: int | None = None
    day_is_word: bool = False
    month: int | None = None
    hijri: bool = False
    year: int | None = None
    mod: int | None = None
    wd: int | None = None
    rel: int | None = None
    this_month: bool = False
    parts: list["Cand"] = field(default_factory=list)  # range ends

    @property
    def length(self) -> int:
        return self.end - self.start


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _day_value(word: str) -> tuple[int | None, bool]:
    digits = word[2:].strip() if word.startswith("ال") and word[-1:].isdigit() else word
    if digits.isdigit():
        return int(digits), False
    k = key(word)
    if k in LEX.ordinals:
        return LEX.ordinals[k], True
    if k in LEX.first_day:
        return LEX.first_day[k], True
    return None, False


def _mod(word: str | None) -> int | None:
    return LEX.modifiers.get(key(word)) if word else None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    k = key(word)
    if k in LEX.numbers:
        return LEX.numbers[k][0]
    parts = re.split(r"\s+و\s*", k)
    if len(parts) == 2 and parts[0] in LEX.numbers and parts[1] in LEX.numbers:
        return LEX.numbers[parts[0]][0] + LEX.numbers[parts[1]][0]
    return None


_REL_OFFSETS = {normalize(k): v for k, v in {
    "اليوم": 0, "الأمس": -1, "أمس": -1, "أمس الأول": -2, "أول أمس": -2, "أول من أمس": -2,
    "غدا": 1, "غد": 1, "الغد": 1, "بعد غد": 2}.items()}


class _Scanner:
    """Candidates of one sentence."""

    def __init__(self, sent: Sentence, surface, pub: dt.date | None):
        self.s = sent
        self.text = sent.folded
        self.surface = surface  # (start, end) in folded sentence -> the original text
        self.pub = pub
        self.name_ends: list[int] = []
        self.vetoed: list[tuple[int, int]] = []  # name parts and sets: nothing inside them is a date

    # -- proposal ---------------------------------------------------------
    def candidates(self) -> list[Cand]:
        out: list[Cand] = []
        for kind in open_gates(self.text):
            pattern, check, pos = PATTERNS[kind], getattr(self, "_" + kind), 0
            while (m := pattern.search(self.text, pos)) is not None:
                c = check(Cand(kind, m.start("x"), m.end("x"), m.groupdict(), self.text[m.start():m.start("x")], m))
                if c is not None:
                    out.append(c)
                # after a rejected or shortened match, what it covered may still hold a date
                pos = max(c.end if c is not None else m.start("x") + 1, m.start("x") + 1)
        return [c for c in out if not any(c.start < e and s < c.end for s, e in self.vetoed)]

    def prev(self, c: Cand, k: int = 1) -> str:
        return self.s.word_before(c.start, k)

    def next(self, c: Cand, k: int = 1) -> str:
        return self.s.word_after(c.end, k)

    def _trim_range_opener(self, c: Cand) -> Cand:
        """A من/بين the regex took without a second day belongs to a longer range."""
        if c.g.get("rng") and not c.g.get("d2"):
            rest = self.text[c.start:c.end]
            skip = len(c.g["rng"])
            while skip < len(rest) and rest[skip].isspace():
                skip += 1
            c.start += skip
        return c

    def _name_part(self, c: Cand, has_year: bool) -> bool:
        head = LEX.name_heads.get(bare(self.prev(c))) or LEX.name_heads.get(self.prev(c))
        named = head == "name" or (head == "event" and not has_year)
        # a date coordinated with a name part is one too: قوى 8 آذار و14 آذار
        lead = c.start - len(c.prefix)
        named = named or any(re.fullmatch(r"\s*،?\s*", self.text[e:lead]) and "و" in c.prefix for e in self.name_ends)
        if named:
            self.name_ends.append(c.end)
            self.vetoed.append((c.start, c.end))
        return named

    # -- one checker per pattern ------------------------------------------
    def _days(self, c: Cand, last_day: int) -> bool:
        """Read the day (or first and last day) of a date; False when it is no day."""
        g = c.g
        c.day, c.day_is_word = _day_value(g["d1"])
        if g.get("d2"):
            c.day2, _ = _day_value(g["d2"])
        if c.day is None or not 1 <= c.day <= last_day or (c.day2 is not None and not c.day < c.day2 <= last_day):
            return False
        if c.day_is_word and bare(self.s.word_before(c.m.start("d1"))) in _PART_NOUNS:
            return False
        # "الخامس يناير" is not written, and الأول after كانون is the month's own name
        return not (key(g["d1"]) in LEX.ordinals and not g.get("of"))

    def _lead(self, c: Cand) -> None:
        """Weekday and relative day written before a date (اليوم الأحد 1 شوال)."""
        if c.g.get("wd"):
            c.wd = LEX.weekdays[key(c.g["wd"])]
        if c.g.get("rel"):
            c.rel = _REL_OFFSETS[key(c.g["rel"])]

    def _gregorian_month(self, c: Cand) -> bool:
        """Read the month name(s); a second name that is another month ends the
        expression after the first (يناير-فبراير is no dual form)."""
        g = c.g
        form = key(g["mon"])
        if form == "اب" and "أب" in self.surface(c.start, c.m.end("mon")):
            return False  # أب "father", not آب
        c.month = LEX.months[form]
        if g.get("mon2") and LEX.months[key(g["mon2"])] != c.month:
            c.end = c.m.end("mon")
            g["mon2"] = g["year"] = g["mod"] = g["ryear"] = None
        return True

    def _date(self, c: Cand) -> Cand | None:
        g = c.g
        c = self._trim_range_opener(c)
        if not self._days(c, 31):
            return None
        if g.get("thism"):
            if not g.get("of"):
                return None
            c.this_month = True
        elif not self._gregorian_month(c):
            return None
        c.year = _int(g.get("year"))
        c.mod = (_mod(g.get("tmod")) or 0) if c.this_month else _mod(g.get("mod"))
        if g.get("ryear"):
            g["ryear_shift"] = _mod(g.get("rymod")) or 0
        self._lead(c)
        if self._name_part(c, c.year is not None):
            return None
        if _SET_AFTER.match(self.text, c.end):
            self.vetoed.append((c.start, c.end))
            return None
        return c

    def _hijri_date(self, c: Cand) -> Cand | None:
        g = c.g
        c = self._trim_range_opener(c)
        c.hijri = True
        if not self._days(c, 30):
            return None
        c.month = LEX.hijri_months[key(g["hmon"])]
        c.year = _int(g.get("year"))
        c.mod = _mod(g.get("mod"))
        self._lead(c)
        return c

    def _month(self, c: Cand) -> Cand | None:
        g = c.g
        if not self._gregorian_month(c):
            return None
        form = key(g["mon"])
        c.year = _int(g.get("year"))
        c.mod = _mod(g.get("mod"))
        if g.get("ryear"):
            g["ryear_shift"] = _mod(g.get("rymod")) or 0
        if not g.get("pos") and self._name_part(c, c.year is not None):
            return None
        if c.year is None and c.mod is None and not g.get("ryear"):
            if not self._bare_month_ok(c, form):
                return None
        return c

    def _bare_month_ok(self, c: Cand, form: str) -> bool:
        g = c.g
        if g.get("shahr") or g.get("pos"):
            return True
        prev = self.prev(c)
        # "شهري مارس وأفريل": a month joined to the month name before it
        before = self.text[:c.start - len(c.prefix)].rstrip().rstrip("،,").rstrip()
        if ("و" in c.prefix or self.text[:c.start].rstrip().endswith(("،", ","))) and _MONTH_AT_END.search(before):
            return True
        if form in LEX.weak_months:
            # باب is ب + اب, "من مارس" may be "whoever practised": prepositions only, no clitic
            return bool(g.get("mon2")) or (not c.prefix and prev in _BARE_MONTH_CUES and bare(prev) != "من")
        cue = prev in _BARE_MONTH_CUES or any(ch in c.prefix for ch in "بل")
        if cue or g.get("mon2"):
            return True
        # coordinated with another month name: "يناير وفبراير المقبلين"
        after = self.text[c.end:c.end + 24]
        m = re.match(r"\s*(?:،\s*)?و?\s*", after)
        return bool(m and _MONTH_WORD.match(after[m.end():]))

    def _hijri_month(self, c: Cand) -> Cand | None:
        g = c.g
        c.hijri = True
        c.month = LEX.hijri_months[key(g["hmon"])]
        c.year = _int(g.get("year"))
        c.mod = _mod(g.get("mod"))
        return c

    def _numeric(self, c: Cand) -> Cand | None:
        g = c.g
        if g.get("d"):
            day, month, year = int(g["d"]), int(g["m"]), int(g["y"])
        else:
            day, month, year = int(g["d2"]), int(g["m2"]), int(g["y2"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if bare(self.prev(c)) in LEX.number_cues:
            return None
        c.day, c.month, c.year = day, month, year
        c.hijri = bool(g.get("era")) and key(g["era"]) not in {"م", "ميلادي", "ميلاديه"}
        self._lead(c)
        return c

    def _weekday(self, c: Cand) -> Cand | None:
        g = c.g
        c.wd = LEX.weekdays[key(g["wd"])]
        c.mod = _mod(g.get("mod"))
        prev, nxt = self.prev(c), self.next(c)
        if bare(prev) in _WEEKDAY_SET_WORDS or prev in _WEEKDAY_SET_WORDS:
            return None
        if key(g["wd"]) == "الاثنين" and not g.get("yawm") and c.mod is None:
            # "المرشحين الاثنين" is "the two candidates"
            if (prev.startswith("ال") and prev.endswith("ين")) or nxt in _TWO_FOLLOWERS:
                return None
        if key(g["wd"]) == "الاحد" and nxt == "عشر":
            return None  # الأحد عشر = the eleven
        return c

    def _rel_day(self, c: Cand) -> Cand | None:
        g = c.g
        rel = key(g["rel"])
        c.rel = _REL_OFFSETS[rel]
        if g.get("wd"):
            c.wd = LEX.weekdays[key(g["wd"])]
            return c
        nxt, prev = self.next(c), self.prev(c)
        if rel == "اليوم":
            if nxt in LEX.today_next or bare(prev) in LEX.today_prev or prev in LEX.today_prev:
                return None
            if prev == "هذا" and self.prev(c, 2) == "مثل":
                return None  # في مثل هذا اليوم: an anniversary, not today
            if nxt.startswith("ال") and (self._nisba(c) or nxt[2:3].isdigit()) and nxt not in LEX.weekdays:
                return None  # اليوم الوطني، اليوم الثاني، اليوم الـ15
            if self.text[c.end:c.end + 3].lstrip().startswith("ال ") or re.match(r"\s*الـ?\s*\d", self.text[c.end:]):
                return None
        elif rel == "غدا":
            if c.prefix[:1] in ("و", "ف") and (nxt.startswith("ال") or nxt in _VERB_GHADA_FOLLOWERS):
                return None  # وغدا المشهد أكثر تشتتا: "became"
        elif rel in ("غد", "الغد"):
            if not g.get("yawm") and bare(prev) not in _PART_OF_DAY:
                return None  # غد أفضل: "a better tomorrow"
        return c

    def _nisba(self, c: Cand) -> bool:
        """The word after ``c`` ends in ي as written (الوطني، الثاني), not ى (الذكرى)."""
        m = re.match(r"\s+(\S+)", self.surface(c.end, len(self.text)))
        return bool(m) and m.group(1).rstrip("،,.:؛")[-1:] == "ي"

    def _rel_unit(self, c: Cand) -> Cand | None:
        g = c.g
        unit = key(g.get("unit") or g.get("unit2"))
        if unit.startswith("لل"):
            unit = "ال" + unit[2:]
        c.g["unit_norm"] = unit
        c.mod = _mod(g.get("mod")) if g.get("mod") else 0
        if g.get("before"):
            if c.mod != -1:
                return None
            c.mod = -2  # العام قبل الماضي: the year before last
        if unit in ("العام", "السنه") and not g.get("this") and not g.get("pos"):
            prev = self.prev(c)
            if prev in LEX.adjective_heads or bare(prev) in LEX.adjective_heads:
                return None  # الأمين العام الحالي
        c.year = _int(g.get("year"))
        return c

    def _ago(self, c: Cand) -> Cand | None:
        g = c.g
        unit_word = key(g.get("unit") or g.get("unit1"))
        unit, count = LEX.units[unit_word]
        nxt = self.next(c)
        follow = re.match(r"\s+(\w+)", self.text[c.end:])  # the next word, not across punctuation
        prep = follow.group(1) if follow else ""
        prep = prep if prep in ("من", "علي") else bare(prep)
        if prep in ("من", "علي") and not self._verb_object_follows(c, prep):
            return None  # قبل يومين من القمة: anchored to an event
        if g.get("num"):
            n = _number(g["num"])
        else:
            n = count
            if nxt.startswith("ال") or nxt in LEX.months or nxt in LEX.hijri_months:
                return None  # قبل يوم الاقتراع، قبل شهر رمضان
        if not n:
            return None
        c.g["ago"] = (unit, n)
        return c

    def _verb_object_follows(self, c: Cand, prep: str) -> bool:
        """The من/على after an offset opens the object of a verb just before
        it (حذرت قبل شهرين من …، صادق البرلمان قبل أسبوع على …)."""
        return any(prep in LEX.complement_verbs.get(bare(w), ()) or prep in LEX.complement_verbs.get(w, ())
                   for w in self.s.clause_words_before(c.start, 4))

    def _year(self, c: Cand) -> Cand | None:
        g = c.g
        year = int(g["year"])
        era = key(g["era"]) if g.get("era") else None
        hijri_era = era is not None and era not in ("م", "ميلادي", "ميلاديه")
        c.year = year
        if hijri_era:
            c.hijri = 1343 <= year <= 1500
            return c if c.hijri else None
        if 1300 <= year < 1600 and not g.get("ykw"):
            return None
        if g.get("ykw") or g.get("pos") or era:
            return c if 1000 <= year <= 2200 else None
        return c if self._bare_year_ok(c, year) else None

    def _bare_year_ok(self, c: Cand, year: int) -> bool:
        hi = (self.pub.year + 10) if self.pub else 2100
        if not 1900 <= year <= hi:
            return False
        hyphen_range = (re.match(r"\s*[-–]\s*[12]\d{3}", self.text[c.end:])
                        or re.search(r"[12]\d{3}\s*[-–]\s*$", self.text[:c.start]))
        before = self.text[max(0, c.start - 2):c.start]
        if not hyphen_range and re.search(r"\d[.,/:-]$", before) or self.text[c.end:c.end + 1] in "%٪":
            return False
        prev, prev2 = self.prev(c), self.prev(c, 2)
        follow = re.match(r"\s+(\w+)", self.text[c.end:])
        nxt = follow.group(1) if follow else ""  # only a word directly after, not across punctuation
        if bare(prev) in LEX.number_cues or prev in LEX.number_cues:
            return False
        if prev in ("من", "عن", "علي") and bare(prev2) in _APPROXIMATE:
            return False  # أكثر من 1900
        if nxt in LEX.counted_nouns or bare(nxt) in LEX.counted_nouns:
            return False
        if len(nxt) > 2 and nxt.endswith("ا") and not nxt[0].isdigit() and nxt not in LEX.counted_exceptions:
            return False  # tamyiz in the accusative: 2750 طنا
        if hyphen_range:
            return True  # 2010-2015
        if "و" in c.prefix and re.search(r"[12]\d{3}(?:\s*[مه])?\s*(?:،\s*)?$", self.text[:c.start - len(c.prefix)].rstrip()):
            return True  # عامي 2014 و2018
        if bare(prev) in _YEAR_CUES or prev in _YEAR_CUES or bool(c.prefix) and c.prefix[-1] in "بل":
            return True
        # No preposition (أولمبياد 2008، ميزانية 2022): a year unless a noun
        # follows it the way a counted noun follows a quantity (رصدت 2000 مخالفة).
        return not nxt or nxt.startswith(("ال", "و")) or nxt in _AFTER_YEAR_WORDS

    def _decade(self, c: Cand) -> Cand | None:
        return c

    def _century(self, c: Cand) -> Cand | None:
        return c

    def _decade_ord(self, c: Cand) -> Cand | None:
        return c if 1 <= LEX.ordinals[key(c.g["dord"])] <= 10 else None


def _select(cands: list[Cand]) -> list[Cand]:
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.length, PRIORITY[c.kind], c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_OPENER = re.compile(normalize(r"(?:^|(?<=[\s(،,]))[وف]?(?P<o>من|بين|ما\s+بين)\s+$"))
_DATED_KINDS = {"date", "month", "hijri_date", "hijri_month"}


def _join(text: str, items: list[Cand]) -> list[Cand]:
    """Ranges (من A إلى B، بين A و B، 2010-2015) and shared modifiers."""
    # a modifier or year after the last of coordinated names is everyone's:
    # walk right to left so it travels along "يناير، فبراير ومارس المقبلين"
    for i in range(len(items) - 2, -1, -1):
        if re.fullmatch(r"\s*(?:،\s*)?و\s*|\s*،\s*", text[items[i].end:items[i + 1].start]):
            items[i], _ = _share(items[i], items[i + 1])
    out: list[Cand] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if b is not None:
            gap = text[a.end:b.start]
            opener = _OPENER.search(text, max(0, a.start - 12), a.start)
            word = opener.group("o") if opener else None
            to_word = bool(re.search(r"الي|حتي|لغايه|-|–", gap))
            is_range = RANGE_GAP.fullmatch(gap) and (
                (word == "من" and to_word)
                or (word and "بين" in word and not to_word)
                or (a.kind == b.kind == "year" and gap.strip() in ("-", "–")))
            if is_range:
                a, b = _share(a, b)
                start = opener.start("o") if opener else a.start
                out.append(Cand("range", start, b.end, {}, parts=[a, b]))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _share(a: Cand, b: Cand) -> tuple[Cand, Cand]:
    """Give A the year or modifier written only after B (يناير وفبراير المقبلين)."""
    if a.kind in _DATED_KINDS and b.kind in _DATED_KINDS and a.hijri == b.hijri:
        if a.year is None and a.mod is None and not a.g.get("ryear"):
            a = replace(a, year=b.year, mod=b.mod, g={**a.g, "ryear": b.g.get("ryear"),
                                                      "ryear_shift": b.g.get("ryear_shift"),
                                                      "shared_year": b.year is not None})
            if a.month is None and not a.this_month:
                a.month = b.month
    elif a.kind == b.kind == "weekday" and a.mod is None and b.mod is not None:
        a = replace(a, mod=b.mod)
    return a, b


class _Resolver:
    """Values of a sentence's expressions, in order (a year given earlier in
    the sentence anchors a later year-less day or month)."""

    def __init__(self, sent: Sentence, pub: dt.date | None):
        self.s = sent
        self.pub = pub
        self.anchor: int | None = None

    def value(self, c: Cand) -> tuple[str | None, str]:
        if c.kind == "range":
            a, b = c.parts
            va, _ = self.value(a)
            vb, _ = self.value(b)
            if va and vb:
                va, vb = self._in_order(a, b, va, vb)
            value = f"{va}/{vb}" if va and vb else None
            return value, "range"
        value, cat = getattr(self, "_" + c.kind)(c)
        if value and c.kind in ("date", "month", "numeric", "year", "hijri_date") and (c.year or c.g.get("ryear")):
            self.anchor = int(value[:4])
        elif value and c.kind == "rel_unit" and c.g.get("unit_norm") in ("العام", "السنه", "الشهر"):
            self.anchor = int(value[:4])
        return value, cat

    def _in_order(self, a: Cand, b: Cand, va: str, vb: str) -> tuple[str, str]:
        """A range across New Year (من 30 ديسمبر إلى 2 يناير، من 24 ديسمبر
        حتى 7 يناير 2024) ends after it starts: the side whose year was not
        written moves by a year (the start back in the past, else the end on)."""
        n = min(len(va), len(vb))
        if va[:n] <= vb[:n] or any(c.kind not in ("date", "month") or c.hijri or c.month is None for c in (a, b)):
            return va, vb
        if a.g.get("shared_year") or (not b.year and not a.year and self._tense(b) == PAST):
            return self.value(replace(a, year=int(va[:4]) - 1, mod=None))[0] or va, vb
        if not b.year:
            return va, self.value(replace(b, year=int(vb[:4]) + 1, mod=None))[0] or vb
        return va, vb

    def _tense(self, c: Cand) -> str:
        return self.s.tense(c.start, c.end)

    def _year_for(self, c: Cand, make, base: int, weekday: int | None):
        """Choose the year of a year-less day (Gregorian or Hijri)."""
        tense = self._tense(c)
        if self.anchor is not None and not c.hijri and (tense != FUTURE or self.anchor >= self.pub.year):
            d = make(self.anchor)
            if d is not None and (weekday is None or d.weekday() == weekday):
                return d
        return cal.choose_occurrence(make, base, self.pub, tense, weekday)

    def _date(self, c: Cand) -> tuple[str | None, str]:
        g = c.g
        cat = "range" if c.day2 else "ordinal" if c.day_is_word else "full_date" if c.year else "day_month"
        pub = self.pub
        if c.year:
            month, year = c.month, c.year
        elif pub is None:
            return None, cat
        elif c.this_month:
            year, month = cal.add_months(pub.year, pub.month, c.mod or 0)
        elif c.mod is not None:
            month, year = c.month, cal.year_of_month(c.month, c.mod, pub)
        elif g.get("ryear"):
            month, year = c.month, pub.year + (g.get("ryear_shift") or 0)
        else:
            month = c.month
            rel_day = pub + dt.timedelta(days=c.rel) if c.rel is not None else None
            if rel_day is not None and rel_day.month == month and rel_day.day == c.day:
                year = rel_day.year
            else:
                d = self._year_for(c, lambda y: cal.safe_date(y, month, c.day), pub.year, c.wd)
                if d is None:
                    return None, cat
                year = d.year
        first = cal.safe_date(year, month, c.day)
        if first is None:
            return None, cat
        if c.day2:
            last = cal.safe_date(year, month, c.day2)
            return (f"{first.isoformat()}/{last.isoformat()}" if last else None), cat
        return first.isoformat(), cat

    def _hijri_date(self, c: Cand) -> tuple[str | None, str]:
        pub = self.pub
        if c.year:
            hy = c.year
        elif pub is None:
            return None, "hijri"
        else:
            ph = cal.to_hijri(pub)
            if ph is None:
                return None, "hijri"
            if c.mod is not None:
                hy = _shifted_year(c.month, c.mod, ph[0], ph[1])
            else:
                d = self._year_for(c, lambda y: cal.hijri_day(y, c.month, c.day), ph[0], c.wd)
                return (d.isoformat() if d else None), "hijri"
        first = cal.hijri_day(hy, c.month, c.day)
        if first is None:
            return None, "hijri"
        if c.day2:
            last = cal.hijri_day(hy, c.month, c.day2)
            return (f"{first.isoformat()}/{last.isoformat()}" if last else None), "hijri"
        return first.isoformat(), "hijri"

    def _month(self, c: Cand) -> tuple[str | None, str]:
        g = c.g
        if c.year:
            return cal.iso_month(c.year, c.month), "month_year"
        pub = self.pub
        if pub is None:
            return None, "month_rel"
        if c.mod is not None:
            return cal.iso_month(cal.year_of_month(c.month, c.mod, pub), c.month), "month_rel"
        if g.get("ryear"):
            return cal.iso_month(pub.year + (g.get("ryear_shift") or 0), c.month), "month_rel"
        tense = self._tense(c)
        if self.anchor is not None and (tense != FUTURE or self.anchor >= pub.year):
            return cal.iso_month(self.anchor, c.month), "month_rel"
        return cal.iso_month(cal.year_of_bare_month(c.month, pub, tense), c.month), "month_rel"

    def _hijri_month(self, c: Cand) -> tuple[str | None, str]:
        if c.year:
            return cal.hijri_month_interval(c.year, c.month), "hijri"
        if self.pub is None:
            return None, "hijri"
        ph = cal.to_hijri(self.pub)
        if ph is None:
            return None, "hijri"
        return cal.hijri_month_interval(_shifted_year(c.month, c.mod or 0, ph[0], ph[1]), c.month), "hijri"

    def _numeric(self, c: Cand) -> tuple[str | None, str]:
        if c.hijri:
            d = cal.hijri_day(c.year, c.month, c.day)
        else:
            d = cal.safe_date(c.year, c.month, c.day)
        return (d.isoformat() if d else None), "numeric"

    def _weekday(self, c: Cand) -> tuple[str | None, str]:
        if self.pub is None:
            return None, "weekday"
        if c.g.get("wkthis") or c.g.get("wkmod"):
            week = 0 if c.g.get("wkthis") else _mod(c.g["wkmod"])
            monday = self.pub - dt.timedelta(days=self.pub.weekday() - 7 * week)
            return (monday + dt.timedelta(days=c.wd)).isoformat(), "weekday"
        return cal.weekday_date(c.wd, self.pub, c.mod, self._tense(c)).isoformat(), "weekday"

    def _rel_day(self, c: Cand) -> tuple[str | None, str]:
        if self.pub is None:
            return None, "rel_day"
        return (self.pub + dt.timedelta(days=c.rel)).isoformat(), "rel_day"

    def _nisba(self, c: Cand) -> bool:
        """The word after ``c`` ends in ي as written (الوطني، الثاني), not ى (الذكرى)."""
        m = re.match(r"\s+(\S+)", self.surface(c.end, len(self.text)))
        return bool(m) and m.group(1).rstrip("،,.:؛")[-1:] == "ي"

    def _rel_unit(self, c: Cand) -> tuple[str | None, str]:
        if c.year:
            return f"{c.year:04d}", "rel_unit"
        if self.pub is None:
            return None, "rel_unit"
        unit = c.g["unit_norm"]
        if unit == "الاسبوع":
            return cal.iso_week(self.pub, c.mod), "rel_unit"
        if unit == "الشهر":
            return cal.iso_month(*cal.add_months(self.pub.year, self.pub.month, c.mod)), "rel_unit"
        return f"{self.pub.year + c.mod:04d}", "rel_unit"

    def _ago(self, c: Cand) -> tuple[str | None, str]:
        if self.pub is None:
            return None, "ago"
        unit, n = c.g["ago"]
        return cal.ago(self.pub, unit, n), "ago"

    def _year(self, c: Cand) -> tuple[str | None, str]:
        if c.hijri:
            return cal.hijri_year_interval(c.year), "hijri"
        return f"{c.year:04d}", "year"

    def _decade(self, c: Cand) -> tuple[str | None, str]:
        digit = {"عشرين": 2, "ثلاثين": 3, "اربعين": 4, "خمسين": 5, "ستين": 6,
                 "سبعين": 7, "ثمانين": 8, "تسعين": 9}[key(c.g["dec"])]
        century = _century_start(c.g.get("cent"), self.pub)
        if century is None:
            if c.g.get("cent") or self.pub is None:
                return None, "decade"
            # a decade without its century is the latest one over before P
            century = self.pub.year // 100 * 100
            if century + digit * 10 + 9 >= self.pub.year:
                century -= 100
        start = century + digit * 10
        return f"{start}/{start + 9}", "decade"

    def _decade_ord(self, c: Cand) -> tuple[str | None, str]:
        if c.g.get("this"):
            century = self.pub.year // 100 * 100 if self.pub else None
        else:
            century = _century_start(c.g["cent"], self.pub)
        if century is None:
            return None, "decade"
        start = century + (LEX.ordinals[key(c.g["dord"])] - 1) * 10
        return f"{start}/{start + 9}", "decade"

    def _century(self, c: Cand) -> tuple[str | None, str]:
        start = _century_start(c.g["cent"], self.pub)
        return (f"{start}/{start + 99}" if start is not None else None), "decade"


def _century_start(word: str | None, pub: dt.date | None) -> int | None:
    if not word:
        return None
    k = key(word)
    digits = re.sub(r"\D", "", k)
    if digits:
        n = int(digits)
    elif k in LEX.ordinals:
        n = LEX.ordinals[k]
    elif k in LEX.modifiers and pub is not None:
        return (pub.year // 100 + LEX.modifiers[k]) * 100
    else:
        return None
    return (n - 1) * 100 if 1 <= n <= 22 else None


def _shifted_year(month: int, shift: int, year: int, cur_month: int) -> int:
    """Year of a month named with الماضي/الجاري/المقبل in a calendar whose
    current (year, month) is given."""
    if shift < 0:
        return year if month < cur_month else year - 1
    if shift > 0:
        return year if month > cur_month else year + 1
    return year


_EQUIVALENT_GAP = re.compile(normalize(
    r"\s*[،,]?\s*(?:(?:الذي|التي)\s+)?(?:ال|وال)?(?:موافق|يوافق|توافق)(?:\s+ل|\s*ل(?=\d))?\s*"))


def _align_equivalents(text: str, items: list[Cand], values: list[tuple[str | None, str]]):
    """A Hijri and a Gregorian day joined by الموافق/توافق name one day: a
    side written without its year takes the occurrence nearest the other
    (غرة رجب توافق 13 يناير المقبل، 15 شعبان الموافق 25 فبراير)."""
    values = list(values)
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        (va, ca), (vb, cb) = values[i], values[i + 1]
        if not (va and vb and len(va) == len(vb) == 10 and {a.kind, b.kind} == {"date", "hijri_date"}
                and not a.day2 and not b.day2 and _EQUIVALENT_GAP.fullmatch(text, a.end, b.start)):
            continue
        if va == vb:
            continue
        if _year_less(b):
            values[i + 1] = (_nearest_occurrence(b, dt.date.fromisoformat(va)) or vb, cb)
        elif _year_less(a):
            values[i] = (_nearest_occurrence(a, dt.date.fromisoformat(vb)) or va, ca)
    return values


def _year_less(c: Cand) -> bool:
    return c.year is None and c.mod is None and not c.g.get("ryear") and not c.this_month


def _nearest_occurrence(c: Cand, target: dt.date) -> str | None:
    if c.hijri:
        ty = (cal.to_hijri(target) or (None,))[0]
        if ty is None:
            return None
        options = [cal.hijri_day(y, c.month, c.day) for y in (ty - 1, ty, ty + 1)]
    else:
        options = [cal.safe_date(y, c.month, c.day) for y in (target.year - 1, target.year, target.year + 1)]
    options = [d for d in options if d is not None]
    return min(options, key=lambda d: abs((d - target).days)).isoformat() if options else None


# -- public --------------------------------------------------------------------

def _as_date(pub_date) -> dt.date | None:
    if pub_date is None or pub_date == "":
        return None
    if isinstance(pub_date, dt.datetime):
        return pub_date.date()
    if isinstance(pub_date, dt.date):
        return pub_date
    try:
        return dt.date.fromisoformat(str(pub_date).strip()[:10])
    except ValueError:
        return None


def sentence_spans(folded: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(folded):
        if m.end() > pos:
            spans.append((pos, m.end()))
            pos = m.end()
    if pos < len(folded):
        spans.append((pos, len(folded)))
    return spans


def find_dates(text: str, pub_date=None) -> list[DateExpr]:
    """Every temporal expression of ``text``, resolved against ``pub_date``
    (ISO string or date).  Expressions relative to the publication date get
    ``value=None`` when it is unknown."""
    pub = _as_date(pub_date)
    folded = Folded(text)
    found: list[DateExpr] = []
    for s0, s1 in sentence_spans(folded.text):
        sent = Sentence(folded.text[s0:s1])

        def surface(a: int, b: int, s0: int = s0) -> str:
            return text[slice(*folded.span(s0 + a, s0 + b))]

        items = _join(sent.folded, _select(_Scanner(sent, surface, pub).candidates()))
        resolver = _Resolver(sent, pub)
        values = _align_equivalents(sent.folded, items, [resolver.value(c) for c in items])
        for c, (value, cat) in zip(items, values):
            start, end = folded.span(s0 + c.start, s0 + c.end)
            found.append(DateExpr(text[start:end], value, start, end, cat))
    return found


def contract_dates(line: str, pub_date=None) -> list[dict]:
    """Date objects of the evaluation contract for one input line."""
    return [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in find_dates(line, pub_date)]
