"""Crash safety: kill `marsad ingest` with SIGKILL at random points, re-run, check the store.

    python bench/crash.py                              # 2,000 articles, 25 kills, SQLite
    python bench/crash.py --articles 300 --kills 5     # what tests/test_crash.py runs
    python bench/crash.py --postgres                   # the same on a throwaway PostgreSQL server (tests/pg_server.py)
    python bench/crash.py --db postgresql://marsad@/crash?host=/tmp/pg   # an existing, empty PostgreSQL database

Writes generated Arabic articles (plain text, HTML pages and JSON Lines dumps)
into a folder, then repeatedly starts `marsad ingest FOLDER --db DB` and kills
it with SIGKILL: twice during start-up (while the store is being created and
migrated), then each time the store holds a random number of documents more
than before, plus a random few milliseconds, so that the kill lands anywhere:
between documents, inside a transaction, during a WAL checkpoint.  After the
last kill it runs the ingest to the end and checks that the store passes its
own check (SQLite: PRAGMA integrity_check and more), that no id and no text is
stored twice, that every document of the folder is present, and that the
stored texts are exactly those of an uninterrupted run.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.batch import process_paths  # noqa: E402
from marsad.ingest import iter_documents  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import reading_pipeline  # noqa: E402
from marsad.store import open_store  # noqa: E402

# Word lists for generated articles (written for marsad; no outlet's text).
SUBJECTS = ["وزير الخارجية", "رئيس الوزراء", "المتحدث باسم الحكومة", "وفد برلماني", "الأمين العام للمنظمة",
            "قائد الشرطة", "محافظ المدينة", "نقابة المعلمين", "مجلس الأمن", "وزارة الدفاع", "البنك المركزي",
            "لجنة الانتخابات"]
VERBS = ["بحث مع", "اتهم", "رحب بقرار", "دعا", "انتقد", "استقبل", "وقع اتفاقا مع", "طالب", "هدد", "أشاد بموقف"]
OBJECTS = ["نظيره الأذربيجاني", "الحكومة الجديدة", "المحتجين في الساحة", "السفارة الروسية", "الاتحاد الأوروبي",
           "منظمة الدول التركية", "المعارضة", "الشركات الأجنبية", "البرلمان", "الأمم المتحدة"]
TOPICS = ["أسعار الوقود", "الانتخابات المقبلة", "أمن الحدود", "المساعدات الإنسانية", "التعاون الاقتصادي",
          "حالة الطوارئ", "الإفراج عن المعتقلين", "إصلاح الدستور", "خطوط النقل", "مياه الأنهار"]
PLACES = ["ألماتي", "أستانا", "أنقرة", "باكو", "طشقند", "بيشكك", "موسكو", "بروكسل", "القاهرة", "عمان"]
WHEN = ["يوم الاثنين", "أمس", "صباح الخميس", "في 11 يناير 2022", "الأسبوع الماضي", "مساء السبت"]
DIGITS = "٠١٢٣٤٥٦٧٨٩"


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} في {rng.choice(PLACES)} "
            f"{rng.choice(WHEN)} بشأن {rng.choice(TOPICS)}.")


def article_text(n: int, rng: random.Random) -> tuple[str, str]:
    """(title, body) of article ``n``; the serial number in Arabic-Indic digits makes every text unique."""
    serial = "".join(DIGITS[int(c)] for c in str(n))
    title = f"{rng.choice(SUBJECTS)} و{rng.choice(TOPICS)} في {rng.choice(PLACES)}"
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(2, 5))]
    paragraphs.append(f"وهذا هو التقرير رقم {serial} في سلسلة تقارير المرصد.")
    return title, "\n".join(paragraphs)


def write_articles(folder: Path, n: int, seed: int = 1) -> Path:
    """``n`` articles under ``folder``: mostly .txt files, every tenth an HTML page, and
    a JSON Lines dump holding a fifth of them (so a kill can land inside one file)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    dump: list[str] = []
    for i in range(n):
        title, body = article_text(i, rng)
        sub = folder / f"batch{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        if i % 5 == 4:
            dump.append(json.dumps({"id": f"dump-{i}", "title": title, "text": body, "pub_date": "2022-01-11"},
                                   ensure_ascii=False))
        elif i % 10 == 3:
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
            page = (f"<!doctype html><html lang='ar'><head><meta charset='utf-8'><title>{title}</title></head>"
                    f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{paras}</article></body></html>")
            (sub / f"page{i:05d}.html").write_text(page, "utf-8")
        else:
            (sub / f"article{i:05d}.txt").write_text(f"وكالة المرصد\n{title}\n{body}\n", "utf-8")
    (folder / "dump.jsonl").write_text("\n".join(dump) + "\n", "utf-8")
    return folder


def expected_ids(folder: Path) -> set[str]:
    return {d.id for d in iter_documents([folder]) if isinstance(d, Document)}


def document_count(db: str) -> int:
    """Documents committed so far, read without disturbing the writer (0 before the schema exists)."""
    try:
        with open_store(db) as store:
            return store.stats()["documents"]
    except Exception:  # the store is being created, or the backend refuses for a moment
        return 0


@dataclass
class CrashReport:
    articles: int = 0
    kills: int = 0  # processes killed while they were still writing
    startup_kills: int = 0  # killed before their first document: while importing, opening or creating the store
    finished_early: int = 0  # runs that ended before their kill point came
    counts_at_kill: list[int] = field(default_factory=list)
    final_exit_code: int | None = None
    stored: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.articles} articles, {self.kills} SIGKILLs mid-batch survived (store held {self.counts_at_kill} "
                f"documents at each kill) and {self.startup_kills} during start-up, final run exit "
                f"{self.final_exit_code}, {self.stored} stored, "
                f"{len(self.problems)} problems, {self.seconds:.1f} s")


def ingest_command(folder: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "ingest", "-q", str(folder), "--db", db]


def kill_and_rerun(folder: Path, db: str, kills: int, seed: int = 2, max_seconds: float = 600,
                   startup_kills: int = 2) -> CrashReport:
    rng = random.Random(seed)
    want = expected_ids(folder)
    report = CrashReport(articles=len(want))
    started = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for _ in range(startup_kills):  # the first ones create the store: a kill may land inside its migration
        proc = subprocess.Popen(ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.0, 0.3))  # importing, opening or creating the store
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            report.startup_kills += 1
    while report.kills < kills and time.perf_counter() - started < max_seconds:
        before = document_count(db)
        if before >= len(want):
            break  # nothing left to interrupt
        # leave room for the kills still to come, so that each lands mid-batch
        room = (len(want) - before) // (kills - report.kills + 1)
        target = before + rng.randint(1, max(1, room))
        proc = subprocess.Popen(ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        while proc.poll() is None and document_count(db) < target:
            time.sleep(0.005)
        time.sleep(rng.random() * 0.02)  # anywhere inside the next document's work or transaction
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            report.kills += 1
            report.counts_at_kill.append(document_count(db))
        else:
            report.finished_early += 1
        proc.stderr.close()  # type: ignore[union-attr]
    final = subprocess.run(ingest_command(folder, db), capture_output=True, text=True, env=env)
    report.final_exit_code = final.returncode
    if final.returncode != 0:
        report.problems.append(f"final run exited {final.returncode}: {final.stderr.strip()[-500:]}")
    report.problems += verify(db, want, folder)
    with open_store(db) as store:
        report.stored = store.stats()["documents"]
    report.seconds = time.perf_counter() - started
    return report


def verify(db: str, want: set[str], folder: Path) -> list[str]:
    """What must hold after any number of crashes and one complete run."""
    problems: list[str] = []
    with open_store(db) as store:
        problems += [f"store check: {p}" for p in store.check()]
        stored = list(store.iter_layers())
    ids = [d["id"] for d in stored]
    if len(ids) != len(set(ids)):
        problems.append(f"{len(ids) - len(set(ids))} ids stored twice")
    texts = [d["text"] for d in stored]
    if len(texts) != len(set(texts)):
        problems.append(f"{len(texts) - len(set(texts))} texts stored twice")
    missing = want - set(ids)
    if missing:
        problems.append(f"{len(missing)} documents missing, e.g. {sorted(missing)[:3]}")
    extra = set(ids) - want
    if extra:
        problems.append(f"{len(extra)} documents that are not in the folder, e.g. {sorted(extra)[:3]}")
    # the same documents, with the same text, as one uninterrupted run gives
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "reference.db") as reference:
        process_paths([folder], reading_pipeline(), reference)
        expected = {d["id"]: d["text"] for d in reference.iter_layers()}
    differing = [i for i, t in zip(ids, texts) if expected.get(i) not in (None, t)]
    if differing:
        problems.append(f"{len(differing)} documents differ from an uninterrupted run, e.g. {differing[:3]}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="store to use (default: a new SQLite file in a temporary folder); must be empty")
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL server and use it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        folder = write_articles(Path(tmp) / "articles", args.articles, args.seed)
        db = args.db or str(Path(tmp) / "crash.db")
        if args.postgres:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from pg_server import PgServer

            db = stack.enter_context(PgServer.start()).create_database("crash")
        report = kill_and_rerun(folder, db, args.kills, seed=args.seed + 1)
    print(report.line())
    for p in report.problems:
        print("PROBLEM:", p)
    sys.exit(1 if report.problems or report.kills < args.kills else 0)


if __name__ == "__main__":
    main()
