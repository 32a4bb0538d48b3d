"""Ingest speed: marsad's full ingest of HTML pages vs trafilatura.extract alone.

    python bench/ingest.py [--pages 300] [--rounds 3]

marsad's ingest = walk + read + decode + trafilatura extraction with metadata
+ Arabic boilerplate filter + sentences/tokens + SQLite store with FTS.  The
peer figure is ``trafilatura.extract`` on the same pages, in the same run, so
the ratio holds on a noisy machine.  Pages are generated here from templates
(realistic Arabic news page structure: navigation, share widgets, "read also"
links, comments, footer).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["وزير الخارجية", "رئيس الوزراء", "الأمين العام للمنظمة", "المتحدث باسم الحكومة", "قائد الجيش"]
VERBS = ["أعلن", "أكد", "نفى", "بحث", "دعا", "حذر من"]
OBJECTS = ["استئناف المفاوضات بين الجانبين", "رفع حالة الطوارئ في العاصمة", "إرسال قوات لحفظ السلام",
           "تقديم مساعدات إنسانية عاجلة", "فرض عقوبات اقتصادية جديدة", "انسحاب الوحدات العسكرية من المدينة"]
PLACES = ["ألماتي", "أنقرة", "موسكو", "القاهرة", "بغداد", "تونس", "نور سلطان", "باكو"]
TIMES = ["يوم الخميس", "أمس الأربعاء", "في 5 يناير/ كانون الثاني الجاري", "صباح اليوم", "الأسبوع الماضي"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(TIMES)} في {rng.choice(PLACES)} "
            f"{rng.choice(OBJECTS)}، مشيرا إلى أن الأوضاع تتطلب {rng.choice(OBJECTS)}.")


def page(i: int, rng: random.Random) -> str:
    paras = "\n".join(f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(2, 4)))}</p>" for _ in range(rng.randint(5, 9)))
    related = "".join(f'<li><a href="/news/{i}-{k}">اقرأ أيضا: {sentence(rng)[:50]}</a></li>' for k in range(4))
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>خبر رقم {i} | شبكة الأخبار</title><meta name="author" content="محرر الشؤون الدولية">
<meta property="article:published_time" content="2022-01-{1 + i % 28:02d}T08:00:00Z"></head>
<body><header><nav><a href="/">الرئيسية</a><a href="/politics">سياسة</a><a href="/economy">اقتصاد</a></nav></header>
<main><article><h1>{sentence(rng)[:60]}</h1>
<div class="share"><a>فيسبوك</a><a>تويتر</a><a>واتساب</a></div>
{paras}
<p>اقرأ أيضا/ {sentence(rng)[:70]}</p>
<ul class="related">{related}</ul>
</article><section id="comments"><h3>اترك رد</h3><p>لن يتم نشر عنوان بريدك الإلكتروني.</p></section></main>
<footer>جميع الحقوق محفوظة © 2022 شبكة الأخبار</footer></body></html>"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import trafilatura

    from marsad.batch import process_paths
    from marsad.pipeline import reading_pipeline
    from marsad.store import open_store

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = [page(i, rng) for i in range(args.pages)]
        for i, html in enumerate(pages):
            (folder / f"page{i:05d}.html").write_text(html, encoding="utf-8")
        best_peer = best_marsad = float("inf")
        for r in range(args.rounds):
            t0 = time.perf_counter()
            for html in pages:
                trafilatura.extract(html)
            best_peer = min(best_peer, time.perf_counter() - t0)

            store = open_store(Path(tmp) / f"bench{r}.db")
            t0 = time.perf_counter()
            summary = process_paths([folder], reading_pipeline(), store)
            best_marsad = min(best_marsad, time.perf_counter() - t0)
            store.close()
            assert summary.kept == args.pages, summary.line()
    n = args.pages
    print(f"pages: {n} (best of {args.rounds} rounds)")
    print(f"trafilatura.extract alone: {n / best_peer:8.1f} docs/s")
    print(f"marsad ingest (read+clean+sentences+store): {n / best_marsad:8.1f} docs/s")
    print(f"ratio marsad/trafilatura time: {best_marsad / best_peer:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
