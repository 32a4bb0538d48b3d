"""API latency on a large store: p50/p95 of event queries over HTTP.

    python bench/api.py                      # 100,000 events, 300 requests
    python bench/api.py --events 20000 --requests 100 --db /tmp/small.db

Builds (or reuses) a store of synthetic articles with coded events through the
store interface, starts ``marsad.api.serve`` with uvicorn on 127.0.0.1 in a
subprocess, sends a bounded, fixed mix of event queries (plain pages, deep
pages, every filter) and prints latency percentiles per query kind and overall.
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.model import Actor, Document, Event, Location, Mention, Span  # noqa: E402
from marsad.store import open_store  # noqa: E402

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
MODALITIES = ["asserted"] * 6 + ["reported"] * 3 + ["future", "intended", "negated", "hypothetical"]
# (Arabic surface, canonical name, country, sector)
ACTORS = [
    ("وزير الخارجية التركي", "Mevlut Cavusoglu", "TUR", "GOV"), ("الرئيس الكازاخي", "Kassym-Jomart Tokayev", "KAZ", "GOV"),
    ("الحكومة الروسية", None, "RUS", "GOV"), ("منظمة معاهدة الأمن الجماعي", None, "CSTO", "IGO"),
    ("الأمم المتحدة", "United Nations", "UN", "IGO"), ("المتظاهرون", None, "KAZ", "PRO"),
    ("قوات الأمن", None, "KAZ", "COP"), ("الاتحاد الأوروبي", "European Union", "EU", "IGO"),
    ("وزارة الخارجية الأذربيجانية", None, "AZE", "GOV"), ("البرلمان الأوزبكي", None, "UZB", "LEG"),
    ("الجيش القرغيزي", None, "KGZ", "MIL"), ("جامعة الدول العربية", "Arab League", "ARL", "IGO"),
    ("الرئيس التركي", "Recep Tayyip Erdogan", "TUR", "GOV"), ("المعارضة", None, "KAZ", "OPP"),
    ("وزير الدفاع الروسي", "Sergei Shoigu", "RUS", "MIL"), ("منظمة الدول التركية", "Organization of Turkic States", "OTS", "IGO"),
]
PLACES = [("ألماتي", "Almaty", "KAZ", 43.25, 76.92), ("أستانا", "Astana", "KAZ", 51.17, 71.45),
          ("أنقرة", "Ankara", "TUR", 39.93, 32.86), ("موسكو", "Moscow", "RUS", 55.75, 37.62),
          ("باكو", "Baku", "AZE", 40.41, 49.87), ("طشقند", "Tashkent", "UZB", 41.30, 69.24)]
VERBS = {"AGREE": "اتفق", "CONSULT": "بحث", "SUPPORT": "أيد", "CONCEDE": "تنازل", "COOPERATE": "تعاون",
         "AID": "أرسل مساعدات إلى", "RETREAT": "انسحب من", "REQUEST": "طالب", "ACCUSE": "اتهم", "REJECT": "رفض",
         "THREATEN": "هدد", "PROTEST": "احتج على", "SANCTION": "فرض عقوبات على", "MOBILIZE": "حشد قواته قرب",
         "COERCE": "اعتقل", "ASSAULT": "هاجم"}


def synthetic_document(n: int, events_per_doc: int, rng: random.Random) -> Document:
    day = 1 + n % 700
    date = f"{2021 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
    parts: list[str] = []
    mentions: list[Mention] = []
    events: list[Event] = []
    pos = 0
    for _ in range(events_per_doc):
        src, tgt = rng.sample(ACTORS, 2)
        etype = rng.choice(TYPES)
        place = rng.choice(PLACES) if rng.random() < 0.6 else None
        sentence = f"{src[0]} {VERBS[etype]} {tgt[0]}" + (f" في {place[0]}" if place else "") + f" في اليوم {n}."
        s_m = Mention(src[0], pos, pos + len(src[0]), "ORG", Actor(src[1], src[2], src[3]))
        t_start = pos + sentence.index(tgt[0])
        t_m = Mention(tgt[0], t_start, t_start + len(tgt[0]), "ORG", Actor(tgt[1], tgt[2], tgt[3]))
        mentions += [s_m, t_m]
        loc = Location(place[1], place[2], place[3], place[4], text=place[0]) if place else None
        events.append(Event(etype, s_m, t_m, [Span(pos, pos + len(sentence), sentence)], mode="bilateral",
                            date=date, location=loc, modality=rng.choice(MODALITIES),
                            confidence=round(rng.uniform(0.4, 0.95), 2)))
        parts.append(sentence)
        pos += len(sentence) + 1
    text = " ".join(parts)
    return Document(id=f"bench-{n:06d}", raw=text, text=text, title=f"خبر رقم {n}", pub_date=date,
                    outlet="bench", mentions=mentions, events=events)


def build_store(path: Path, n_events: int, events_per_doc: int = 5, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open_store(path) as store:
        have = store.stats()["events"]
        if have >= n_events:
            print(f"reusing {path}: {have} events")
            return
        started = time.perf_counter()
        for n in range(have // events_per_doc, n_events // events_per_doc):
            store.add(synthetic_document(n, events_per_doc, rng), ["bench"])
        print(f"built {path}: {store.stats()['events']} events in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


QUERIES = {
    "first page": "/api/events?limit=50",
    "deep page": "/api/events?limit=50&offset=5000",
    "type": "/api/events?type=ASSAULT&limit=50",
    "actor": "/api/events?actor=Tokayev&limit=50",
    "arabic actor": "/api/events?actor=المتظاهرون&limit=50",
    "country": "/api/events?country=RUS&limit=50",
    "date range": "/api/events?from=2021-03-01&to=2021-04-30&limit=50",
    "modality": "/api/events?modality=negated&limit=50",
    "combined": "/api/events?type=CONSULT&country=TUR&from=2021-06-01&limit=50",
    "one document": "/api/events?doc=bench-000123",
    # filters that match nothing make the store scan every event: the worst case
    "absent actor": "/api/events?actor=zzzz&limit=50",
    "absent country": "/api/events?country=FRA&limit=50",
}


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/marsad-bench-api.db"))
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="total timed requests (spread over the query mix)")
    ap.add_argument("--extra", action="store_true", help="also time the dashboard's aggregate endpoints")
    args = ap.parse_args()

    build_store(args.db, args.events)
    queries = dict(QUERIES)
    if args.extra:
        queries |= {"summary (all)": "/api/events/summary", "summary type": "/api/events/summary?type=AID",
                    "stats": "/api/stats", "actors": "/api/actors", "search": "/api/search?q=المتظاهرون",
                    "document": "/api/documents/bench-000123", "documents": "/api/documents?limit=50"}
    port = free_port()
    code = f"from marsad.api import serve; serve({str(args.db)!r}, '127.0.0.1', {port}, None, log_level='warning')"
    server = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1])
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit("server did not start")
            for url in queries.values():  # warm-up: first touch of each query plan and page cache
                client.get(url).raise_for_status()
            per_kind: dict[str, list[float]] = {k: [] for k in queries}
            kinds = list(queries)
            for i in range(args.requests):
                kind = kinds[i % len(kinds)]
                t0 = time.perf_counter()
                r = client.get(queries[kind])
                per_kind[kind].append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
    finally:
        server.terminate()
        server.wait(10)
    print(f"store: {args.db} ({args.events} events), {args.requests} requests, sequential, 127.0.0.1")
    print(f"{'query':14} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, xs in per_kind.items():
        print(f"{kind:14} {len(xs):4d} {statistics.median(xs):8.1f} {percentile(xs, 95):8.1f}")
    event_times = [x for k, xs in per_kind.items() if k in QUERIES for x in xs]
    print(f"{'ALL events':14} {len(event_times):4d} {statistics.median(event_times):8.1f} "
          f"{percentile(event_times, 95):8.1f}")


if __name__ == "__main__":
    main()
