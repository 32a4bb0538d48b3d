"""SQLite backend: one file, WAL mode, FTS5 search, safe for several writers.

Writers take the write lock up front (BEGIN IMMEDIATE) and check for the
document inside that transaction, so two processes ingesting the same
article can neither lose nor duplicate it; a busy database is retried with
backoff instead of surfacing "database is locked" to the user.
"""
from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..contract import document_obj, metadata_obj
from ..model import Document, Mention, Story
from . import search as fts
from .base import SCHEMA_VERSION, EventFilter, SearchHit, Store

T = TypeVar("T")
_MIGRATIONS = ["sqlite_001_init.sql", "sqlite_002_event_type_date.sql"]


class SQLiteStore(Store):
    def __init__(self, path: str | Path, retries: int = 60):
        self.path = str(path)
        self.retries = retries
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self._retry(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._migrate()
        self._vocab: list[str] | None = None

    # -- plumbing -----------------------------------------------------------
    def _retry(self, fn: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(self.retries):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == self.retries - 1:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def tx() -> T:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                out = fn(self.db)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return out
        return self._retry(tx)

    def _migrate(self) -> None:
        def step(db: sqlite3.Connection) -> None:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"store {self.path} has schema version {version}, newer than this marsad ({SCHEMA_VERSION})")
            for n, name in enumerate(_MIGRATIONS[version:], start=version + 1):
                sql = resources.files("marsad.store.migrations").joinpath(name).read_text("utf-8")
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={n}")
        if self.db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            self._write(step)

    def close(self) -> None:
        self.db.close()

    # -- writing ------------------------------------------------------------
    def add(self, doc: Document, stages: list[str]) -> str:
        content_hash = doc.content_hash
        stage_list = ",".join(stages)
        layers = document_obj(doc) | {"meta": metadata_obj(doc)}

        def tx(db: sqlite3.Connection) -> str:
            old = db.execute("SELECT rowid, content_hash, stages FROM documents WHERE id=?", (doc.id,)).fetchone()
            if old and old["content_hash"] == content_hash and old["stages"] == stage_list:
                return "unchanged"
            if not old:
                twin = db.execute("SELECT id FROM documents WHERE content_hash=? LIMIT 1", (content_hash,)).fetchone()
                if twin:
                    return "duplicate"
            if old:
                _delete(db, doc.id, old["rowid"])
            cur = db.execute(
                "INSERT INTO documents (id, content_hash, title, pub_date, url, outlet, author, credited_source,"
                " source_path, format, text, stages, layers, focus_country) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, content_hash, doc.title, doc.pub_date, doc.url, doc.outlet, doc.author, doc.credited_source,
                 doc.source_path, doc.format, doc.text, stage_list, json.dumps(layers, ensure_ascii=False),
                 doc.meta.get("focus_country")),
            )
            db.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?,?,?)",
                       (cur.lastrowid, fts.index_terms(doc.title or ""),
                        fts.index_terms(doc.text, [t for s in doc.sentences for t in s.tokens] or None)))
            _insert_layers(db, doc)
            return "updated" if old else "added"

        result = self._write(tx)
        if result in ("added", "updated"):
            self._vocab = None
        return result

    def save_stories(self, stories: list[Story], duplicates: dict[str, str | None]) -> None:
        def tx(db: sqlite3.Connection) -> None:
            db.execute("UPDATE documents SET story_id=NULL")
            db.execute("DELETE FROM stories")
            for s in stories:
                db.execute("INSERT INTO stories (id, label_ar, label_en, first_date, last_date, n_docs) VALUES (?,?,?,?,?,?)",
                           (s.id, s.label_ar, s.label_en, s.first_date, s.last_date, len(s.doc_ids)))
                db.executemany("UPDATE documents SET story_id=? WHERE id=?", [(s.id, d) for d in s.doc_ids])
            db.executemany("UPDATE documents SET duplicate_of=? WHERE id=?", [(v, k) for k, v in duplicates.items()])
        self._write(tx)

    # -- reading ------------------------------------------------------------
    def get(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT layers, story_id, duplicate_of FROM documents WHERE id=?", (doc_id,)).fetchone()
        if not row:
            return None
        out = json.loads(row["layers"])
        out["meta"].update(story=row["story_id"], duplicate_of=row["duplicate_of"])
        return out

    def documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT d.id, d.title, d.pub_date, d.outlet, d.url, d.source_path, d.story_id, d.duplicate_of,"
            " (SELECT count(*) FROM events e WHERE e.doc_id=d.id) AS n_events"
            " FROM documents d ORDER BY d.pub_date DESC, d.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [dict(r) for r in rows]

    def iter_layers(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT layers, story_id, duplicate_of FROM documents ORDER BY rowid"):
            out = json.loads(row["layers"])
            out["meta"].update(story=row["story_id"], duplicate_of=row["duplicate_of"])
            yield out

    def _vocabulary(self) -> list[str]:
        if self._vocab is None:
            self._vocab = [r[0] for r in self.db.execute("SELECT term FROM documents_fts_vocab")]
        return self._vocab

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        terms = fts.query_terms(query)
        if not terms:
            return []
        vocab = self._vocabulary()
        groups = [fts.expand(t, vocab) for t in terms]
        rows = self.db.execute(
            "SELECT d.id, d.title, d.url, d.source_path, d.text FROM documents_fts f"
            " JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts.fts_query(groups), limit)).fetchall()
        wanted = {t for g in groups for t in g}
        hits = []
        for r in rows:
            snip, marks = fts.snippet(r["text"], wanted)
            hits.append(SearchHit(r["id"], r["title"], r["url"] or r["source_path"], snip, marks))
        return hits

    def events(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        sql, params = _event_query(flt)
        return [dict(r) for r in self.db.execute(sql, params).fetchall()]

    def actors(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT a.id, a.name, a.country, a.sector,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id=a.id) AS mentions,"
            " (SELECT count(*) FROM events e WHERE e.source_actor_id=a.id OR e.target_actor_id=a.id) AS events"
            " FROM actors a ORDER BY events DESC, mentions DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def stories(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM stories ORDER BY n_docs DESC, last_date DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        q = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        by_type = {r[0]: r[1] for r in self.db.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC")}
        return {
            "documents": q("SELECT count(*) FROM documents"),
            "sentences": q("SELECT count(*) FROM sentences"),
            "mentions": q("SELECT count(*) FROM mentions"),
            "actors": q("SELECT count(*) FROM actors"),
            "dates": q("SELECT count(*) FROM dates"),
            "events": q("SELECT count(*) FROM events"),
            "quotes": q("SELECT count(*) FROM quotes"),
            "stories": q("SELECT count(*) FROM stories"),
            "events_by_type": by_type,
            "first_date": q("SELECT min(pub_date) FROM documents"),
            "last_date": q("SELECT max(pub_date) FROM documents"),
        }

    def check(self) -> list[str]:
        problems = []
        result = self.db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity check: {result}")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        for table in ("sentences", "mentions", "dates", "events", "quotes"):
            n = self.db.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
            if n:
                problems.append(f"{n} orphan rows in {table}")
        n_fts = self.db.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        n_docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        if n_fts != n_docs:
            problems.append(f"search index has {n_fts} rows for {n_docs} documents")
        dup = self.db.execute("SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1)").fetchone()[0]
        if dup:
            problems.append(f"{dup} contents stored more than once")
        return problems


# -- helpers ------------------------------------------------------------------
def _statements(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _delete(db: sqlite3.Connection, doc_id: str, rowid: int) -> None:
    for table in ("sentences", "mentions", "dates", "events", "quotes"):
        db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
    db.execute("DELETE FROM documents_fts WHERE rowid=?", (rowid,))
    db.execute("DELETE FROM documents WHERE id=?", (doc_id,))


def actor_id(m: Mention | None) -> str | None:
    a = m.actor if m else None
    if a is None or not (a.name or a.country or a.sector):
        return None
    return f"{a.country or ''}|{a.sector or ''}|{a.name or ''}"


def _upsert_actor(db: sqlite3.Connection, m: Mention | None) -> str | None:
    aid = actor_id(m)
    if aid and m and m.actor:
        db.execute("INSERT OR IGNORE INTO actors (id, name, country, sector) VALUES (?,?,?,?)",
                   (aid, m.actor.name, m.actor.country, m.actor.sector))
    return aid


def _insert_layers(db: sqlite3.Connection, doc: Document) -> None:
    db.executemany('INSERT INTO sentences (doc_id, idx, start, "end") VALUES (?,?,?,?)',
                   [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences)])
    for i, m in enumerate(doc.mentions):
        loc = m.location
        db.execute('INSERT INTO mentions (doc_id, idx, start, "end", text, type, actor_id, location_name,'
                   ' location_country, lat, lon, geonameid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
                   (doc.id, i, m.start, m.end, m.text, m.type, _upsert_actor(db, m),
                    loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
                    loc.lon if loc else None, loc.geonameid if loc else None))
    db.executemany('INSERT INTO dates (doc_id, idx, start, "end", text, value) VALUES (?,?,?,?,?,?)',
                   [(doc.id, i, d.start, d.end, d.text, d.value) for i, d in enumerate(doc.dates)])
    for i, e in enumerate(doc.events):
        ev = e.evidence[0] if e.evidence else None
        loc = e.location
        db.execute(
            'INSERT INTO events (doc_id, idx, type, mode, cameo, source_actor_id, source_text, target_actor_id,'
            ' target_text, date, date_text, date_is_pub_date, location_name, location_country, lat, lon, modality,'
            ' speaker_text, evidence_start, evidence_end, evidence_text, confidence)'
            ' VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            (doc.id, i, e.type, e.mode, e.cameo, _upsert_actor(db, e.source), e.source.text if e.source else None,
             _upsert_actor(db, e.target), e.target.text if e.target else None, e.date, e.date_text,
             int(e.date_is_pub_date), loc.name if loc else None, loc.country if loc else None,
             loc.lat if loc else None, loc.lon if loc else None, e.modality,
             e.speaker.text if e.speaker else None, ev.start if ev else None, ev.end if ev else None,
             ev.text if ev else None, e.confidence))
    for i, q in enumerate(doc.quotes):
        db.execute('INSERT INTO quotes (doc_id, idx, speaker_text, speaker_actor_id, text, start, "end", kind)'
                   ' VALUES (?,?,?,?,?,?,?,?)',
                   (doc.id, i, q.speaker.text if q.speaker else None, _upsert_actor(db, q.speaker),
                    q.text, q.start, q.end, q.kind))


EVENT_COLUMNS = (
    "e.doc_id, e.idx, e.type, e.mode, e.cameo, e.date, e.date_text, e.date_is_pub_date, e.modality,"
    " e.source_text, sa.name AS source_name, sa.country AS source_country, sa.sector AS source_sector,"
    " e.target_text, ta.name AS target_name, ta.country AS target_country, ta.sector AS target_sector,"
    " e.location_name, e.location_country, e.lat, e.lon, e.speaker_text,"
    " e.evidence_start, e.evidence_end, e.evidence_text, e.confidence,"
    " d.title, d.pub_date, d.outlet, d.url, d.story_id"
)


def _event_query(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL for an event filter; every value goes in as a parameter."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.modality:
        where.append("e.modality = ?")
        params.append(f.modality)
    if f.country:
        # EXISTS makes an unknown code free; "+" keeps the planner on the
        # date-ordered scan instead of the actor index.
        where.append("EXISTS (SELECT 1 FROM actors WHERE country = ?) AND"
                     " (+e.source_actor_id IN (SELECT id FROM actors WHERE country = ?)"
                     " OR +e.target_actor_id IN (SELECT id FROM actors WHERE country = ?))")
        params += [f.country.upper()] * 3
    if f.actor:
        like = "%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(e.source_actor_id IN (SELECT id FROM actors WHERE name LIKE ? ESCAPE '\\')"
                     " OR e.target_actor_id IN (SELECT id FROM actors WHERE name LIKE ? ESCAPE '\\')"
                     " OR e.source_text LIKE ? ESCAPE '\\' OR e.target_text LIKE ? ESCAPE '\\')")
        params += [like] * 4
    if f.date_from:
        # a month-only date ("2022-02") overlaps a range that starts inside that month
        where.append("(e.date >= ? OR e.date = substr(?, 1, 7))")
        params += [f.date_from, f.date_from]
    if f.date_to:
        # dates are ISO strings of 7 or 10 characters: everything that starts
        # with date_to or sorts before it is earlier, and the index bounds it
        where.append("e.date < ?")
        params.append(f.date_to + "0")
    if f.story:
        where.append("d.story_id = ?")
        params.append(f.story)
    if f.doc_id:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    sql = ("SELECT " + EVENT_COLUMNS + " FROM events e JOIN documents d ON d.id = e.doc_id"
           " LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date DESC, e.doc_id, e.idx LIMIT ? OFFSET ?"
    params += [max(0, min(int(f.limit), 10_000)), max(0, int(f.offset))]
    return sql, params
