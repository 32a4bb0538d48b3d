"""Near-duplicate detection and story clustering at scale.

    python bench/stories.py                      # 10k, 30k, 100k documents
    python bench/stories.py --sizes 100000 --check

Each size runs in a fresh process.  Documents are generated here, lazily and
deterministically, from templates and vocabulary with story structure: a
story has a type (meeting, attack, protest, agreement, sanctions, election,
economy, aid), two countries, people, a city, a date span of one to six days
and its own key terms (drawn from the shipped word-frequency table, so the
vocabulary is real Arabic); each article is written by a different outlet
from different sentence templates; about 15% of articles are copies or light
edits of an earlier article of their story.  Story sizes are heavy-tailed
(many one-article stories, a few with dozens).

Reported per size: the time spent inside ``StoryClusterer.add`` (features,
MinHash LSH, clustering; generation excluded) as wall and CPU seconds (CPU
time is what to compare when other jobs load the machine; the load average
before and after is printed with it), documents per second (wall), the
process' peak resident memory while clustering (generation is lazy, so this
is the clusterer's footprint plus the interpreter), and pairwise F1 of
stories and duplicate groups against the generated truth.

Then the articles' coded events (generated from the story plan: one event
per article for meetings, attacks, protests, agreements, sanctions and aid,
dated exactly, or by the publication day in half the reports of the first
two days; a third of the meetings are held by
one of fifteen organisations and reported either as the organisation
holding the meeting or as one country's minister taking part) are merged
with ``merge_events`` as ``marsad run`` does, with the clusterer's
duplicates: wall and CPU seconds, events in and canonical events out, and
pairwise precision / recall of the merged groups against the planned
real-world events (with --check).  Time depends on machine load: the
machine this was developed on has 2 cores shared with other jobs, so run it
on a quiet machine, or compare sizes within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COUNTRIES = [
    ("تركيا", "التركي", "أنقرة"), ("مصر", "المصري", "القاهرة"), ("السعودية", "السعودي", "الرياض"),
    ("الإمارات", "الإماراتي", "أبوظبي"), ("قطر", "القطري", "الدوحة"), ("الأردن", "الأردني", "عمّان"),
    ("العراق", "العراقي", "بغداد"), ("سوريا", "السوري", "دمشق"), ("لبنان", "اللبناني", "بيروت"),
    ("تونس", "التونسي", "صفاقس"), ("الجزائر", "الجزائري", "وهران"), ("المغرب", "المغربي", "الرباط"),
    ("ليبيا", "الليبي", "طرابلس"), ("السودان", "السوداني", "الخرطوم"), ("اليمن", "اليمني", "صنعاء"),
    ("إيران", "الإيراني", "طهران"), ("روسيا", "الروسي", "موسكو"), ("الصين", "الصيني", "بكين"),
    ("فرنسا", "الفرنسي", "باريس"), ("ألمانيا", "الألماني", "برلين"), ("بريطانيا", "البريطاني", "لندن"),
    ("الولايات المتحدة", "الأمريكي", "واشنطن"), ("كازاخستان", "الكازاخي", "ألماتي"),
    ("أذربيجان", "الأذربيجاني", "باكو"), ("أرمينيا", "الأرميني", "يريفان"), ("باكستان", "الباكستاني", "كراتشي"),
    ("إثيوبيا", "الإثيوبي", "أديس أبابا"), ("الكويت", "الكويتي", "الجهراء"), ("سلطنة عمان", "العماني", "مسقط"),
    ("البحرين", "البحريني", "المنامة"), ("فلسطين", "الفلسطيني", "رام الله"), ("أوكرانيا", "الأوكراني", "كييف"),
    ("إيطاليا", "الإيطالي", "روما"), ("إسبانيا", "الإسباني", "مدريد"), ("اليابان", "الياباني", "طوكيو"),
    ("الهند", "الهندي", "مومباي"), ("نيجيريا", "النيجيري", "لاغوس"), ("مالي", "المالي", "باماكو"),
    ("تشاد", "التشادي", "نجامينا"), ("الصومال", "الصومالي", "مقديشو"), ("قرغيزستان", "القرغيزي", "بيشكيك"),
    ("أوزبكستان", "الأوزبكي", "طشقند"), ("اليونان", "اليوناني", "أثينا"), ("موريتانيا", "الموريتاني", "نواكشوط"),
]
OFFICES = ["وزير الخارجية", "وزير الدفاع", "رئيس الوزراء", "الرئيس", "وزير الداخلية", "وزير الاقتصاد",
           "وزير الطاقة", "رئيس البرلمان", "المتحدث باسم الحكومة", "قائد الجيش", "وزير المالية", "مستشار الأمن القومي"]
FIRST = ["محمد", "أحمد", "علي", "حسن", "خالد", "عمر", "يوسف", "إبراهيم", "سامي", "كريم", "مراد", "نبيل", "فيصل",
         "طارق", "هشام", "جمال", "عادل", "ماجد", "سليم", "رامي", "مختار", "سيرغي", "جان", "مولود", "قاسم", "نيكول",
         "أنطوني", "ماريا", "فاطمة", "ليلى", "بهاء", "زياد", "منير", "رشيد", "كمال", "وليد"]
LAST = ["العلي", "الحسيني", "بن سالم", "الخطيب", "منصور", "حداد", "الشامي", "القاسمي", "الزعبي", "النقيب",
        "الجبوري", "العمري", "الفاسي", "بوزيد", "لافروف", "أوغلو", "توكاييف", "باشينيان", "الكبير", "السويدي",
        "عبد الله", "الدوسري", "الراشد", "الشريف", "التميمي", "بن علي", "درويش", "يلدز", "كوليبالي", "الحمدان"]
OUTLETS = ["الأناضول", "الجزيرة نت", "العربية نت", "سكاي نيوز عربية", "روسيا اليوم", "فرانس 24", "الشرق الأوسط",
           "القدس العربي", "عربي21", "ترك برس", "سبوتنيك", "هسبريس", "اليوم السابع", "الأهرام", "رؤيا", "الخليج",
           "النهار", "العربي الجديد", "الشروق", "وكالة الأنباء الرسمية"]
# Organisations whose meetings the generated events may report: (code, name, Arabic name).
FORUMS = [("OTS", "Organization of Turkic States", "منظمة الدول التركية"), ("ARL", "Arab League", "جامعة الدول العربية"),
          ("GCC", "Gulf Cooperation Council", "مجلس التعاون الخليجي"), ("AU", "African Union", "الاتحاد الأفريقي"),
          ("UN", "United Nations Security Council", "مجلس الأمن الدولي"), ("EU", "European Union", "الاتحاد الأوروبي"),
          ("OIC", "Organisation of Islamic Cooperation", "منظمة التعاون الإسلامي"),
          ("SCO", "Shanghai Cooperation Organisation", "منظمة شنغهاي للتعاون"),
          ("OSCE", "Organization for Security and Co-operation in Europe", "منظمة الأمن والتعاون في أوروبا"),
          ("CIS", "Commonwealth of Independent States", "رابطة الدول المستقلة"),
          ("EAEU", "Eurasian Economic Union", "الاتحاد الاقتصادي الأوراسي"),
          ("NATO", "North Atlantic Treaty Organization", "حلف شمال الأطلسي"),
          ("CSTO", "Collective Security Treaty Organization", "منظمة معاهدة الأمن الجماعي"),
          ("OPEC", "OPEC", "منظمة أوبك"), ("ASEAN", "ASEAN", "رابطة دول جنوب شرق آسيا")]
EVENT_TYPE = {"meeting": "CONSULT", "attack": "ASSAULT", "protest": "PROTEST", "agreement": "AGREE",
              "sanctions": "SANCTION", "aid": "AID"}
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]

# Lead sentences per story type: {a}/{b} country adjectives, {A}/{B} country
# names, {p}/{q} people with office and nationality (later sentences name
# them only: {ps}/{qs}), {c} city, {d} weekday, {k0}..{k11} the story's
# twelve key terms (shuffled per article), {n} a number.
LEADS = {
    "meeting": [
        "التقى {p} نظيره {q} في {c} يوم {d}، وبحث الجانبان ملفات {k0} و{k1} والعلاقات الثنائية.",
        "بحث {p} مع {q} خلال اجتماع في {c} سبل تعزيز التعاون في مجال {k0}، إضافة إلى ملف {k2}.",
        "عقد {p} و{q} جولة محادثات في {c}، تناولت {k1} وتطورات {k0} في المنطقة.",
    ],
    "attack": [
        "قتل {n} أشخاص وأصيب آخرون في هجوم استهدف {k0} في مدينة {c} {a}ة يوم {d}.",
        "أعلنت السلطات {a}ة مقتل {n} أشخاص في انفجار قرب {k0} بمدينة {c}، فيما فتحت تحقيقا في ملابسات {k1}.",
        "تبنت جماعة مسلحة هجوما على {k0} في {c} أسفر عن سقوط {n} قتلى، وفق ما أعلنته وزارة الداخلية {a}ة.",
    ],
    "protest": [
        "خرج آلاف المحتجين في {c} يوم {d} للتنديد بـ{k0}، مطالبين الحكومة {a}ة بالتراجع عن قرار {k1}.",
        "شهدت مدينة {c} مظاهرات حاشدة احتجاجا على {k0}، واستخدمت قوات الأمن الغاز المسيل للدموع لتفريقها.",
        "تواصلت الاحتجاجات في {A} لليوم الثالث، إذ تجمع المتظاهرون في ساحات {c} رفضا لـ{k0} و{k1}.",
    ],
    "agreement": [
        "وقعت {A} و{B} في {c} اتفاقا للتعاون في مجال {k0}، بحضور {p} و{q}.",
        "أعلن {p} التوصل إلى اتفاق مع {B} بشأن {k0}، بعد مفاوضات استضافتها {c} حول {k1}.",
        "أبرمت الحكومتان {a}ة و{b}ة مذكرة تفاهم تشمل {k0} و{k2}، خلال زيارة {q} إلى {c}.",
    ],
    "sanctions": [
        "فرضت {A} عقوبات جديدة على {B} تشمل {k0}، ردا على ما وصفته بتجاوزات في ملف {k1}.",
        "أعلن {p} حزمة عقوبات ضد شركات {b}ة متهمة بالتورط في {k0}.",
        "قررت {A} تجميد أصول مسؤولين {b}ين على خلفية {k0}، فيما توعدت {B} بالرد.",
    ],
    "election": [
        "أعلنت الهيئة العليا للانتخابات في {A} النتائج الأولية للاقتراع، وسط جدل حول {k0} و{k1}.",
        "توجه الناخبون في {A} إلى صناديق الاقتراع يوم {d} لاختيار أعضاء البرلمان، في انتخابات يهيمن عليها ملف {k0}.",
        "فاز حزب {k0} بأكبر عدد من المقاعد في الانتخابات التشريعية في {A}، بحسب نتائج أعلنت في {c}.",
    ],
    "economy": [
        "أعلن البنك المركزي {a} رفع سعر الفائدة بمقدار {n} نقاط، في محاولة لكبح {k0}.",
        "سجل معدل التضخم في {A} ارتفاعا جديدا بلغ {n} بالمئة، مدفوعا بزيادة أسعار {k0} و{k1}.",
        "كشف {p} عن خطة حكومية لمعالجة أزمة {k0}، تتضمن دعم {k1} وخفض الإنفاق.",
    ],
    "aid": [
        "أرسلت {A} طائرات محملة بمساعدات إنسانية إلى {B}، تشمل {k0} ومستلزمات طبية.",
        "أعلن {p} تقديم مساعدات عاجلة لمتضرري {k0} في {B}، بقيمة {n} ملايين دولار.",
        "وصلت إلى مطار {c} شحنة مساعدات {a}ة لدعم المتضررين من {k0}.",
    ],
}
# Detail, background and filler sentences carry {x0}..{x56}: words particular
# to one article (real vocabulary drawn at random), as real reports carry
# details no other report has; without them every article would share most
# of its words with every other one, which news does not.
DETAILS = [
    "وقال {ps} إن {k0} {x0} {x1}، مشيرا إلى {x2} {x3} و{k6}.",
    "وأكد {qs} أن {k2} {x4} {x5}، لافتا إلى {x6} في {c}.",
    "وأوضح بيان {x7} أن {k1} و{k7} {x8} {x9} {x10}.",
    "ونقلت مصادر أن {k3} {x11} بسبب {x12} و{x13} {x14}.",
    "من جهته، دعا {qs} إلى {x15} {k4} و{k8}، محذرا من {x16} {x17}.",
    "وأشار {x18} في {c} إلى أن {k5} {x19} {x20} {k9}.",
    "ورحبت {B} بـ{x21} {k4}، معتبرة أنها {x22} {x23} {k10}.",
    "وانتقد {x0} {x24} {k1} و{k11}، وطالب بـ{x25} {x26}.",
    "وذكر {x27} أن {x1} {x28} {k0} منذ {x29}.",
    "وبلغ عدد {x2} {x30} نحو {n} ألفا، بحسب {x31} {k6}.",
    "وفي {c}، قال {ps} إن {k7} و{k3} {x32} {x33} {x34}.",
    "ويطالب {x35} {x36} بـ{k5} و{k9} {x37}.",
]
BACKGROUNDS = [
    "ويأتي ذلك بعد {x38} بين {A} و{B} بشأن {k2} و{x39}.",
    "وكانت {A} قد شهدت {x40} {x41} بسبب {k4} و{k10}.",
    "ويعد {k3} من {x42} {x43} بين البلدين، إلى جانب {k11}.",
    "وتسعى {A} إلى {x44} {x45} في {k5} و{k8}.",
]
FILLERS = [
    "ومن المنتظر أن تتضح {x46} {x47} خلال الأيام المقبلة.",
    "ولم يصدر تعليق من {x48} {x49} على {x50}.",
    "وتتابع أوساط {x51} {x52} باهتمام.",
    "ويرى {x53} أن {x54} {x55} {x56}.",
]
TITLES = [
    "{A}: {k0} على طاولة {ps}",
    "{ps} يبحث {k0} مع {qs}",
    "تطورات جديدة في ملف {k0} بـ{A}",
    "{A} و{B}.. {k0} و{k1} في الواجهة",
    "بيان رسمي حول {k0} في {c}",
]


def key_term_pool() -> list[str]:
    """Real Arabic words of middling frequency from the shipped table."""
    text = resources.files("marsad.resources").joinpath("stories/df_words_ar.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        word, _, df = line.partition("\t")
        if word.startswith("#") or not df:
            continue
        if 5 <= int(df) <= 300 and len(word) >= 4 and word[0] not in "وبلفك" and all("\u0621" <= ch <= "\u064a" for ch in word):
            # The table is folded (ة written ه); write the usual ending back.
            out.append(word[:-1] + "ة" if word.endswith("ه") else word)
    return out


class Generator:
    """Plans stories for ``n`` articles and renders them on demand."""

    def __init__(self, n: int, seed: int = 7) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.terms = key_term_pool()
        days = max(30, n // 275)  # about 275 articles a day
        plan: list[tuple[int, int, int, int | None]] = []  # (day, story, article, copied article)
        self.stories: list[dict] = []
        while len(plan) < n:
            sid = len(self.stories)
            size = min(80, max(1, int(rng.paretovariate(1.1))))
            kind = rng.choice(list(LEADS))
            a, b = rng.sample(range(len(COUNTRIES)), 2)
            self.stories.append({
                "kind": kind, "a": a, "b": b, "city": rng.choice((a, b)),
                "people": [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(OFFICES), rng.choice((a, b))) for _ in range(3)],
                "terms": rng.sample(self.terms, 12),
            })
            start = rng.randrange(days)
            self.stories[-1]["start"] = start
            span = rng.randint(1, 6)
            members: list[int] = []
            for _ in range(size):
                if len(plan) >= n:
                    break
                copied = rng.choice(members) if members and rng.random() < 0.15 else None
                day = start + rng.randrange(span) if copied is None else plan[copied][0] + rng.choice((0, 0, 1))
                plan.append((day, sid, len(plan), copied))
                members.append(len(plan) - 1)
        self.plan = plan
        self.order = sorted(range(len(plan)), key=lambda i: (plan[i][0], i))

    def truth(self) -> tuple[dict[str, int], dict[str, str | None]]:
        story = {f"d{i}": p[1] for i, p in enumerate(self.plan)}
        dup: dict[str, str | None] = {}
        for i, (_, _, _, copied) in enumerate(self.plan):
            root = copied
            while root is not None and self.plan[root][3] is not None:
                root = self.plan[root][3]
            dup[f"d{i}"] = f"d{root}" if root is not None else None
        return story, dup

    def render(self, i: int) -> tuple[str, str, str]:
        """(title, body, outlet) of article ``i``."""
        day, sid, _, copied = self.plan[i]
        rng = random.Random(self.seed * 1_000_003 + i)
        if copied is not None:
            title, body, _ = self.render(copied)
            return self._edit(rng, title, body) + (rng.choice(OUTLETS),)
        s = self.stories[sid]
        slots = self._slots(rng, s)
        sentences = [rng.choice(LEADS[s["kind"]]).format(**slots)]
        sentences += [t.format(**slots) for t in rng.sample(DETAILS, rng.randint(3, 5))]
        sentences += [t.format(**slots) for t in rng.sample(BACKGROUNDS, rng.randint(1, 2))]
        sentences += [t.format(**slots) for t in rng.sample(FILLERS, rng.randint(1, 2))]
        title = rng.choice(TITLES).format(**slots)
        return title, "\n".join(sentences), rng.choice(OUTLETS)

    def events(self, i: int, base: int) -> list:
        """The coded events of article ``i`` (a copy carries its original's);
        ``base`` is the ordinal of plan day 0."""
        from datetime import date

        from marsad.model import Actor, Event, Mention, Span

        day, sid, _, copied = self.plan[i]
        if copied is not None:
            return self.events(copied, base)
        s = self.stories[sid]
        kind = EVENT_TYPE.get(s["kind"])
        if kind is None:
            return []
        rng = random.Random(self.seed * 2_000_003 + i)

        def country(c: int, sector: str = "GOV") -> Mention:
            return Mention(COUNTRIES[c][0], 0, 1, "LOC", actor=Actor(None, f"C{c:02d}", sector, "LOC"))

        mode = None
        if kind == "CONSULT" and sid % 3 == 0:  # a meeting some organisation holds
            code, name, arabic = FORUMS[sid // 3 % len(FORUMS)]
            forum = Mention(arabic, 0, 1, "ORG", actor=Actor(name, code, "IGO", "ORG"))
            source, target = (forum, None) if rng.random() < 0.4 else (country(rng.choice((s["a"], s["b"]))), forum)
            mode = "multilateral"
        elif kind == "ASSAULT":
            source, target = None, country(s["a"])
        elif kind == "PROTEST":
            source, target = country(s["a"], "CVL"), country(s["a"])
        else:
            source, target = country(s["a"]), country(s["b"])
        # Half the first-day reports give no date (the publication day stands
        # in); later reports say which day it happened.
        exact = day - s["start"] > 1 or rng.random() < 0.5
        when = date.fromordinal(base + (s["start"] if exact else day)).isoformat()
        return [Event(kind, source, target, [Span(0, 1, "")], mode=mode, date=when, date_is_pub_date=not exact)]

    def event_truth(self, i: int) -> str | None:
        """The planned real-world event of article ``i``'s event."""
        _, sid, _, _ = self.plan[i]
        return f"{sid}|{EVENT_TYPE[self.stories[sid]['kind']]}" if self.stories[sid]["kind"] in EVENT_TYPE else None

    def _slots(self, rng: random.Random, s: dict) -> dict[str, str]:
        people = rng.sample(s["people"], 2)
        terms = s["terms"][:]
        rng.shuffle(terms)
        slots = {f"k{j}": t for j, t in enumerate(terms)}
        slots.update({f"x{j}": t for j, t in enumerate(rng.sample(self.terms, 57))})
        a, b = COUNTRIES[s["a"]], COUNTRIES[s["b"]]
        slots.update(A=a[0], B=b[0], a=a[1], b=b[1], c=COUNTRIES[s["city"]][2], d=rng.choice(DAYS),
                     n=str(rng.randint(2, 40)),
                     p=f"{people[0][1]} {COUNTRIES[people[0][2]][1]} {people[0][0]}",
                     q=f"{people[1][1]} {COUNTRIES[people[1][2]][1]} {people[1][0]}",
                     ps=people[0][0], qs=people[1][0])
        return slots

    def _edit(self, rng: random.Random, title: str, body: str) -> tuple[str, str]:
        """A copy: verbatim, or with a changed headline, a few words swapped
        and a sentence dropped or added."""
        if rng.random() < 0.4:
            return title, body
        lines = body.split("\n")
        if len(lines) > 5 and rng.random() < 0.5:
            del lines[rng.randrange(1, len(lines))]
        words = "\n".join(lines).split(" ")
        for _ in range(rng.randint(1, 3)):
            words[rng.randrange(len(words))] = rng.choice(self.terms)
        body = " ".join(words)
        if rng.random() < 0.5:
            body += "\n" + "ويتابع مراسلونا تطورات هذا الملف."
        return "عاجل: " + title, body


BASE_DAY = 737791  # 2021-01-01


def _feed(gen: Generator, clusterer, outlets: dict[int, str]) -> tuple[float, float, float]:
    """Render each article and add it; return (wall s, CPU s) inside
    ``clusterer.add`` and the wall seconds spent rendering.  Notes each
    article's outlet in ``outlets``."""
    from datetime import date

    from marsad.model import Document

    spent = cpu = rendering = 0.0
    for i in gen.order:
        r0 = time.perf_counter()
        title, body, outlet = gen.render(i)
        outlets[i] = outlet
        pub_date = date.fromordinal(BASE_DAY + gen.plan[i][0]).isoformat()
        doc = Document(id=f"d{i}", raw=body, text=body, title=title, outlet=outlet, pub_date=pub_date)
        r1, c1 = time.perf_counter(), time.process_time()
        clusterer.add(doc)
        spent += time.perf_counter() - r1
        cpu += time.process_time() - c1
        rendering += r1 - r0
    return spent, cpu, rendering


def _merge(gen: Generator, outlets: dict[int, str], duplicates: dict, check: bool) -> dict:
    """Merge the articles' events (no text: merging reads events, dates and outlets)."""
    from datetime import date

    from marsad.model import Document
    from marsad.stories.evaluate import pairwise_f1
    from marsad.stories.merge import merge_events

    coded = [Document(id=f"d{i}", raw="", pub_date=date.fromordinal(BASE_DAY + gen.plan[i][0]).isoformat(),
                      outlet=outlets[i], events=gen.events(i, BASE_DAY))
             for i in gen.order]
    w0, c0 = time.perf_counter(), time.process_time()
    merged = merge_events(coded, duplicates=duplicates)
    out = {"merge_s": round(time.perf_counter() - w0, 1), "merge_cpu_s": round(time.process_time() - c0, 1),
           "events": sum(len(d.events) for d in coded), "merged_events": len(merged),
           "peak_rss_after_merge_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if check:  # one event per article at most: (article, type) names it
        pred = {f"{d}|{m['type']}": n for n, m in enumerate(merged) for d in m["doc_ids"] + m["copy_doc_ids"]}
        truth = {f"{d.id}|{d.events[0].type}": gen.event_truth(int(d.id[1:])) for d in coded if d.events}
        s = pairwise_f1(truth, pred)
        out["merge_p"], out["merge_r"] = round(s["precision"], 3), round(s["recall"], 3)
    return out


def run_one(n: int, check: bool) -> dict:
    from marsad.stories.cluster import StoryClusterer, paused_gc
    from marsad.stories.evaluate import duplicate_groups, pairwise_f1

    t0 = time.perf_counter()
    gen = Generator(n)
    planned = time.perf_counter() - t0
    clusterer = StoryClusterer()
    load_before = os.getloadavg()[0]
    outlets: dict[int, str] = {}
    with paused_gc():
        spent, cpu, rendering = _feed(gen, clusterer, outlets)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"docs": n, "cluster_s": round(spent, 1), "cluster_cpu_s": round(cpu, 1), "docs_per_s": round(n / spent),
           "peak_rss_mb": round(peak_mb), "load_avg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
           "generate_s": round(planned + rendering, 1), "stories": len(clusterer._stories),
           "duplicates_found": sum(1 for v in clusterer.duplicate_of.values() if v)}
    if check:
        story, dup = gen.truth()
        s = pairwise_f1(story, clusterer.story_of)
        out["story_f1"], out["story_p"], out["story_r"] = (round(s[k], 3) for k in ("f1", "precision", "recall"))
        d = pairwise_f1(duplicate_groups(dup), duplicate_groups(clusterer.duplicate_of))
        out["dup_p"], out["dup_r"] = round(d["precision"], 3), round(d["recall"], 3)
        out["true_stories"] = len(set(story.values()))
        out["true_duplicates"] = sum(1 for v in dup.values() if v)
    with paused_gc():
        out.update(_merge(gen, outlets, clusterer.duplicate_of, check))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--check", action="store_true", help="also score against the generated truth")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    ap.add_argument("--sample", type=int, help="print N generated articles and exit")
    args = ap.parse_args()
    if args.sample:
        gen = Generator(max(args.sample, 50))
        for i in gen.order[: args.sample]:
            title, body, outlet = gen.render(i)
            print(f"# d{i} story={gen.plan[i][1]} copy_of={gen.plan[i][3]} {outlet}\n{title}\n{body}\n")
        return
    if args.one:
        print(json.dumps(run_one(args.one, args.check)))
        return
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--check"] if args.check else [])
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    if len(rows) > 1:
        first = rows[0]
        print("\n   docs  wall s   cpu s  docs/s  peak MB  cpu ratio vs size ratio   merge cpu s  ratio")
        for r in rows:
            print(f"{r['docs']:>7} {r['cluster_s']:>7} {r['cluster_cpu_s']:>7} {r['docs_per_s']:>7} {r['peak_rss_mb']:>8}   "
                  f"{r['cluster_cpu_s'] / first['cluster_cpu_s']:.2f} vs {r['docs'] / first['docs']:.2f}"
                  f"   {r['merge_cpu_s']:>11} {r['merge_cpu_s'] / max(first['merge_cpu_s'], 0.1):>6.2f}")


if __name__ == "__main__":
    main()
