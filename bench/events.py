"""Event coding speed: articles per second for the full pipeline (cleaning,
sentences, NER, actors, dates, geo, events) and for the event stage alone.

    python bench/events.py [--articles 200] [--words 400] [--rounds 3]

Articles are generated here from templates of realistic Arabic news
sentences, about ``--words`` words each: four sentences in ten report an
event (meetings, calls, protests, attacks, sanctions, statements with
quotes), the rest give context and figures, as in real articles.  One
process, one core; CPU time is reported next to wall time because the
machine is shared.  The first round includes loading lexicons and models;
the figures are the best of the later rounds.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.events import event_stage  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import Pipeline, default_pipeline  # noqa: E402

ACTORS = ["وزير الخارجية التركي", "الرئيس الروسي", "رئيس الوزراء العراقي", "الأمين العام للأمم المتحدة",
          "وزارة الدفاع الأمريكية", "الاتحاد الأوروبي", "الحكومة المصرية", "المتحدث باسم الخارجية الصينية"]
COUNTRIES = ["كازاخستان", "تركيا", "روسيا", "مصر", "العراق", "الأردن", "السودان", "ليبيا", "أوكرانيا", "قطر"]
CITIES = ["ألماتي", "أنقرة", "موسكو", "القاهرة", "بغداد", "عمّان", "الخرطوم", "طرابلس"]
WHEN = ["يوم الخميس", "أمس الأربعاء", "في 5 يناير/ كانون الثاني الجاري", "صباح اليوم", "الأسبوع الماضي", "مساء الاثنين"]
TEMPLATES = [
    "التقى {a} نظيره في {city} {when}، وبحث الجانبان العلاقات الثنائية والأوضاع في {c}.",
    "وأجرى {a} اتصالا هاتفيا مع {b} تناول فيه تطورات الأزمة في {c}.",
    "وتظاهر آلاف المواطنين في {city} {when} احتجاجا على ارتفاع أسعار الوقود، مطالبين الحكومة بالتراجع عن قرارها.",
    "وقال {a} في بيان إن بلاده تدعم جهود التهدئة و«مستعدة لتقديم كل المساعدات اللازمة» إلى {c}.",
    "وفرض {b} عقوبات جديدة على شركات في {c} بعد اتهامها بانتهاك الحظر.",
    "وقتل ثلاثة أشخاص في هجوم بسيارة مفخخة استهدف نقطة تفتيش قرب {city} {when}، وفق مصادر أمنية.",
    "واعتقلت الشرطة عشرات المحتجين في {city} بعد مواجهات استخدمت فيها الغاز المسيل للدموع.",
    "ودعا {a} جميع الأطراف إلى ضبط النفس والعودة إلى طاولة الحوار في أقرب وقت.",
    "ومن المقرر أن يزور {a} {c} الأسبوع المقبل لبحث التعاون الاقتصادي والأمني.",
    "وأكد {b} أن الوضع في {c} يتطلب تنسيقا أكبر بين الدول المعنية، مشيرا إلى أهمية الحوار.",
    "وأعلنت الحكومة في {c} استقالتها {when} على خلفية الاحتجاجات، فيما فرضت السلطات حالة الطوارئ في {city}.",
    "ورحب {a} بالاتفاق الذي توصلت إليه الأطراف، معربا عن أمله في أن يسهم في استقرار المنطقة.",
]


# background: context, figures and description, as most sentences of a news article are
BACKGROUND = [
    "ويبلغ عدد سكان {c} نحو عشرين مليون نسمة يعيش معظمهم في المدن الكبرى مثل {city}.",
    "وتعد {c} من أكبر منتجي النفط والغاز في المنطقة، وتعتمد ميزانيتها على عائدات الطاقة بنسبة كبيرة.",
    "وشهدت الأسواق المحلية في {city} ارتفاعا ملحوظا في أسعار المواد الغذائية خلال الأشهر الماضية.",
    "ويرى مراقبون أن الأزمة الحالية تعكس تراكمات اقتصادية واجتماعية تعود إلى سنوات طويلة.",
    "وكانت البلاد قد شهدت أحداثا مشابهة قبل عشر سنوات، انتهت بإصلاحات محدودة في قطاع الطاقة.",
    "وتقع {city} في جنوب شرق البلاد، وهي المركز التجاري والمالي الأهم فيها.",
    "وبحسب أرقام رسمية، بلغت نسبة التضخم {n} في المئة العام الماضي، فيما تراجعت قيمة العملة المحلية.",
    "ويأتي ذلك في وقت تواجه فيه المنطقة تحديات أمنية واقتصادية متزايدة بسبب تراجع الاستثمارات.",
]
EVENT_SHARE = 0.4  # share of sentences that report an event


def article(rng: random.Random, words: int) -> str:
    parts: list[str] = []
    n = 0
    while n < words:
        pool = TEMPLATES if rng.random() < EVENT_SHARE else BACKGROUND
        t = rng.choice(pool).format(a=rng.choice(ACTORS), b=rng.choice(ACTORS), c=rng.choice(COUNTRIES),
                                    city=rng.choice(CITIES), when=rng.choice(WHEN), n=rng.randint(3, 40))
        parts.append(t)
        n += len(t.split())
    paras = [" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3)]
    return "\n".join(paras)


def run(pipe: Pipeline, texts: list[str]) -> tuple[float, float, int]:
    w0, c0 = time.perf_counter(), time.process_time()
    n_events = 0
    for i, t in enumerate(texts):
        doc = pipe(Document(id=str(i), raw=t, pub_date="2022-01-11"))
        n_events += len(doc.events)
    return time.perf_counter() - w0, time.process_time() - c0, n_events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(7)
    texts = [article(rng, args.words) for _ in range(args.articles)]
    full = default_pipeline()
    if "events" not in full.names:
        full = Pipeline(full.components + [event_stage])
    print(f"pipeline: {' -> '.join(full.names)}")
    print(f"{len(texts)} articles, {sum(len(t.split()) for t in texts) / len(texts):.0f} words each on average")
    best = None
    for r in range(args.rounds):
        wall, cpu, n_events = run(full, texts)
        print(f"  round {r + 1}: {len(texts) / wall:.1f} articles/s wall, {len(texts) / cpu:.1f} articles/s CPU, "
              f"{n_events / len(texts):.1f} events per article")
        if r > 0 or args.rounds == 1:
            best = max(best or 0.0, len(texts) / cpu)
    # the event stage alone, on documents that already have every other layer
    upstream = Pipeline([c for c in full.components if getattr(c, "name", "") != "events"])
    docs = [upstream(Document(id=str(i), raw=t, pub_date="2022-01-11")) for i, t in enumerate(texts)]
    c0 = time.process_time()
    for d in docs:
        event_stage(d)
    cpu = time.process_time() - c0
    print(f"full pipeline: {best:.1f} articles/s (CPU, best of rounds 2..{args.rounds})")
    print(f"event stage alone: {len(docs) / cpu:.1f} articles/s, {1000 * cpu / len(docs):.2f} ms per article (CPU)")


if __name__ == "__main__":
    main()
