"""What the SQL backends (SQLite, PostgreSQL) share: the rows a document
becomes, and every query that reads the same in both.

Queries are written with ``?`` placeholders; :class:`Dialect` turns them into
the driver's style and names the few places where the two databases differ.
Every value goes in as a parameter.  A backend supplies the transaction, the
full-text index and the search query (:class:`SQLStore`'s abstract methods).
"""
from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol, TypeVar

from ..contract import document_obj, metadata_obj
from ..model import Document, Mention, Story
from . import search as fts
from .base import EventFilter, SearchHit, Store

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Dialect:
    placeholder: str = "?"
    like: str = "LIKE"  # a case-insensitive LIKE (SQLite's LIKE is; PostgreSQL needs ILIKE)
    unindexed: str = "+"  # SQLite reads "+column" as "do not use column's index"
    nulls_last: str = ""  # PostgreSQL sorts NULL first in descending order, SQLite last
    insertion_order: str = "rowid"  # a column that grows with each insert

    def sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)


SQLITE = Dialect()
POSTGRES = Dialect(placeholder="%s", like="ILIKE", unindexed="", nulls_last=" NULLS LAST", insertion_order="seq")


class Executor(Protocol):
    """A connection or cursor taking ``?`` SQL (sqlite3's, or an adapter)."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...


def migration_statements(name: str) -> list[str]:
    """The statements of one migration file, comments dropped."""
    sql = resources.files("marsad.store.migrations").joinpath(name).read_text("utf-8")
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


LAYER_TABLES = ("sentences", "mentions", "dates", "events", "quotes")
ACTOR_REFERENCES = (("mentions", "actor_id"), ("events", "source_actor_id"), ("events", "target_actor_id"),
                    ("quotes", "speaker_actor_id"))


class SQLStore(Store):
    """Store methods over any SQL database with the marsad schema."""

    dialect: Dialect = SQLITE

    # -- what a backend provides -------------------------------------------
    @abstractmethod
    def _write(self, fn: Callable[[Executor], T]) -> T:
        """Run ``fn`` in one write transaction (retried when the database is busy)."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query written with ``?`` placeholders."""

    @abstractmethod
    def _lock_document(self, db: Executor, doc_id: str, content_hash: str) -> None:
        """Inside the write transaction: keep other writers of this id or content out until commit."""

    @abstractmethod
    def _index_search(self, db: Executor, doc: Document, inserted: Any) -> None:
        """Add ``doc`` to the full-text index (``inserted``: the cursor of its INSERT)."""

    @abstractmethod
    def _unindex_search(self, db: Executor, old: Any) -> None:
        """Remove the stored version ``old`` (its row) from the full-text index."""

    @abstractmethod
    def _vocabulary(self) -> list[str]:
        """Every indexed term, for expanding query words to spelling variants."""

    @abstractmethod
    def _search_rows(self, groups: list[list[str]], limit: int) -> list[dict[str, Any]]:
        """Documents (id, title, url, source_path, text) containing a term of every group, best first."""

    def _value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return next(iter(rows[0].values())) if rows else None

    # -- writing ------------------------------------------------------------
    def add(self, doc: Document, stages: list[str]) -> str:
        content_hash = doc.content_hash
        stage_list = ",".join(stages)
        layers = document_obj(doc) | {"meta": metadata_obj(doc)}
        order = self.dialect.insertion_order

        def tx(db: Executor) -> str:
            self._lock_document(db, doc.id, content_hash)
            old = db.execute(f"SELECT {order} AS row_order, content_hash, stages FROM documents WHERE id=?",
                             (doc.id,)).fetchone()
            if old and old["content_hash"] == content_hash and old["stages"] == stage_list:
                return "unchanged"
            # Also when the id is known: a re-read source whose text is now another stored
            # document's would otherwise store that text twice (Store.check reports it).
            # Its old version is kept, so when two sources swap texts neither text is lost.
            twin = db.execute("SELECT id FROM documents WHERE content_hash=? AND id<>? LIMIT 1",
                              (content_hash, doc.id)).fetchone()
            if twin:
                return "duplicate"
            if old:
                for table in LAYER_TABLES:
                    db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc.id,))
                self._unindex_search(db, old)
                db.execute("DELETE FROM documents WHERE id=?", (doc.id,))
            inserted = db.execute(
                "INSERT INTO documents (id, content_hash, title, pub_date, url, outlet, author, credited_source,"
                " source_path, format, text, stages, layers, focus_country) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, content_hash, doc.title, doc.pub_date, doc.url, doc.outlet, doc.author, doc.credited_source,
                 doc.source_path, doc.format, doc.text, stage_list, json.dumps(layers, ensure_ascii=False),
                 doc.meta.get("focus_country")),
            )
            self._index_search(db, doc, inserted)
            for sql, rows in layer_rows(doc):
                if rows:
                    db.executemany(sql, rows)
            return "updated" if old else "added"

        return self._write(tx)

    def save_stories(self, stories: list[Story], duplicates: dict[str, str | None]) -> None:
        def tx(db: Executor) -> None:
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
        rows = self._rows("SELECT layers, story_id, duplicate_of FROM documents WHERE id=?", (doc_id,))
        return _layers(rows[0]) if rows else None

    def documents(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT d.id, d.title, d.pub_date, d.outlet, d.url, d.source_path, d.story_id, d.duplicate_of,"
            " (SELECT count(*) FROM events e WHERE e.doc_id=d.id) AS n_events"
            f" FROM documents d ORDER BY d.pub_date DESC{self.dialect.nulls_last}, d.id LIMIT ? OFFSET ?",
            (limit, offset))

    def iter_layers(self, page: int = 500) -> Iterator[dict[str, Any]]:
        # Pages by insertion order, so no cursor stays open between rows.
        order = self.dialect.insertion_order
        last = -1
        while True:
            rows = self._rows(f"SELECT {order} AS row_order, layers, story_id, duplicate_of FROM documents"
                              f" WHERE {order} > ? ORDER BY {order} LIMIT ?", (last, page))
            for row in rows:
                yield _layers(row)
            if len(rows) < page:
                return
            last = rows[-1]["row_order"]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        terms = fts.query_terms(query)
        if not terms:
            return []
        vocab = self._vocabulary()
        groups = [fts.expand(t, vocab) for t in terms]
        wanted = {t for g in groups for t in g}
        hits = []
        for r in self._search_rows(groups, limit):
            snip, marks = fts.snippet(r["text"], wanted)
            hits.append(SearchHit(r["id"], r["title"], r["url"] or r["source_path"], snip, marks))
        return hits

    def events(self, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        return self._rows(*event_query(flt, self.dialect))

    def actors(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT a.id, a.name, a.country, a.sector,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id=a.id) AS mentions,"
            " (SELECT count(*) FROM events e WHERE e.source_actor_id=a.id OR e.target_actor_id=a.id) AS events"
            " FROM actors a ORDER BY events DESC, mentions DESC LIMIT ?", (limit,))

    def stories(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._rows(f"SELECT * FROM stories ORDER BY n_docs DESC, last_date DESC{self.dialect.nulls_last}"
                          " LIMIT ?", (limit,))

    def stats(self) -> dict[str, Any]:
        q = self._value
        by_type = {r["type"]: r["n"] for r in
                   self._rows("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY 2 DESC, 1")}
        out = {table: q(f"SELECT count(*) FROM {table}")
               for table in ("documents", "sentences", "mentions", "actors", "dates", "events", "quotes", "stories")}
        return out | {
            "events_by_type": by_type,
            "first_date": q("SELECT min(pub_date) FROM documents"),
            "last_date": q("SELECT max(pub_date) FROM documents"),
        }

    def _layer_problems(self) -> list[str]:
        """Problems any SQL backend can have: orphan layer rows, one content stored twice,
        rows naming an actor or story that is not stored (written by another tool, or a
        half-applied change), a split document without its sentence rows."""
        checks = [(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)", (),
                   f"{{}} orphan rows in {table}") for table in LAYER_TABLES]
        checks += [("SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash"
                    " HAVING count(*) > 1) AS twice", (), "{} contents stored more than once")]
        checks += [(f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT id FROM actors)",
                    (), f"{{}} rows of {table} name an actor that is not stored ({column})")
                   for table, column in ACTOR_REFERENCES]
        checks += [("SELECT count(*) FROM documents WHERE story_id IS NOT NULL AND story_id NOT IN (SELECT id FROM stories)",
                    (), "{} documents belong to a story that is not stored"),
                   ("SELECT count(*) FROM documents d WHERE ',' || d.stages || ',' LIKE ? AND d.text <> ''"
                    " AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)", ("%,sentences,%",),
                    "{} documents have lost their sentence rows")]
        return [message.format(n) for sql, params, message in checks if (n := self._value(sql, params))]


def _layers(row: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(row["layers"])
    out["meta"].update(story=row["story_id"], duplicate_of=row["duplicate_of"])
    return out


# -- the rows of one document --------------------------------------------------
def actor_id(m: Mention | None) -> str | None:
    a = m.actor if m else None
    if a is None or not (a.name or a.country or a.sector):
        return None
    return f"{a.country or ''}|{a.sector or ''}|{a.name or ''}"


def _loc(loc: Any) -> tuple[Any, ...]:
    return (loc.name, loc.country, loc.lat, loc.lon) if loc else (None, None, None, None)


def layer_rows(doc: Document) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(INSERT statement, rows) for the actors and layers of ``doc``.

    Actors come first, once each and in id order: concurrent writers that
    insert the same new actors then wait on them in one order and cannot
    deadlock."""
    people = [*doc.mentions, *(x for e in doc.events for x in (e.source, e.target)), *(q.speaker for q in doc.quotes)]
    actors = {actor_id(m): m.actor for m in people if m is not None and actor_id(m)}
    return [
        ("INSERT INTO actors (id, name, country, sector) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
         [(aid, a.name, a.country, a.sector) for aid, a in sorted(actors.items())]),
        ('INSERT INTO sentences (doc_id, idx, start, "end") VALUES (?,?,?,?)',
         [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences)]),
        ('INSERT INTO mentions (doc_id, idx, start, "end", text, type, actor_id, location_name,'
         ' location_country, lat, lon, geonameid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
         [(doc.id, i, m.start, m.end, m.text, m.type, actor_id(m), *_loc(m.location),
           m.location.geonameid if m.location else None) for i, m in enumerate(doc.mentions)]),
        ('INSERT INTO dates (doc_id, idx, start, "end", text, value) VALUES (?,?,?,?,?,?)',
         [(doc.id, i, d.start, d.end, d.text, d.value) for i, d in enumerate(doc.dates)]),
        ('INSERT INTO events (doc_id, idx, type, mode, cameo, source_actor_id, source_text, target_actor_id,'
         ' target_text, date, date_text, date_is_pub_date, location_name, location_country, lat, lon, modality,'
         ' speaker_text, evidence_start, evidence_end, evidence_text, confidence)'
         ' VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
         [(doc.id, i, e.type, e.mode, e.cameo, actor_id(e.source), e.source.text if e.source else None,
           actor_id(e.target), e.target.text if e.target else None, e.date, e.date_text, int(e.date_is_pub_date),
           *_loc(e.location), e.modality, e.speaker.text if e.speaker else None,
           *_evidence(e), e.confidence) for i, e in enumerate(doc.events)]),
        ('INSERT INTO quotes (doc_id, idx, speaker_text, speaker_actor_id, text, start, "end", kind)'
         ' VALUES (?,?,?,?,?,?,?,?)',
         [(doc.id, i, q.speaker.text if q.speaker else None, actor_id(q.speaker), q.text, q.start, q.end, q.kind)
          for i, q in enumerate(doc.quotes)]),
    ]


def _evidence(e: Any) -> tuple[Any, Any, Any]:
    ev = e.evidence[0] if e.evidence else None
    return (ev.start, ev.end, ev.text) if ev else (None, None, None)


# -- events ----------------------------------------------------------------------
EVENT_COLUMNS = (
    "e.doc_id, e.idx, e.type, e.mode, e.cameo, e.date, e.date_text, e.date_is_pub_date, e.modality,"
    " e.source_text, sa.name AS source_name, sa.country AS source_country, sa.sector AS source_sector,"
    " e.target_text, ta.name AS target_name, ta.country AS target_country, ta.sector AS target_sector,"
    " e.location_name, e.location_country, e.lat, e.lon, e.speaker_text,"
    " e.evidence_start, e.evidence_end, e.evidence_text, e.confidence,"
    " d.title, d.pub_date, d.outlet, d.url, d.story_id"
)
# The keys of an event row, in order.
EVENT_FIELDS = tuple(c.split(" AS ")[-1].split(".")[-1].strip() for c in EVENT_COLUMNS.split(","))


def event_query(f: EventFilter, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
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
        # EXISTS makes an unknown code free; on SQLite "+" keeps the planner on
        # the date-ordered scan instead of the actor index.
        plus = dialect.unindexed
        where.append("EXISTS (SELECT 1 FROM actors WHERE country = ?) AND"
                     f" ({plus}e.source_actor_id IN (SELECT id FROM actors WHERE country = ?)"
                     f" OR {plus}e.target_actor_id IN (SELECT id FROM actors WHERE country = ?))")
        params += [f.country.upper()] * 3
    if f.actor:
        like = "%" + f.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        op = dialect.like
        where.append(f"(e.source_actor_id IN (SELECT id FROM actors WHERE name {op} ? ESCAPE '\\')"
                     f" OR e.target_actor_id IN (SELECT id FROM actors WHERE name {op} ? ESCAPE '\\')"
                     f" OR e.source_text {op} ? ESCAPE '\\' OR e.target_text {op} ? ESCAPE '\\')")
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
    sql += f" ORDER BY e.date DESC{dialect.nulls_last}, e.doc_id, e.idx LIMIT ? OFFSET ?"
    params += [max(0, min(int(f.limit), 10_000)), max(0, int(f.offset))]
    return sql, params
