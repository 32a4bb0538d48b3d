-- marsad store, schema version 1 (SQLite).
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT,
    pub_date TEXT,
    url TEXT,
    outlet TEXT,
    author TEXT,
    credited_source TEXT,
    source_path TEXT,
    format TEXT,
    text TEXT NOT NULL,
    stages TEXT NOT NULL,            -- pipeline stages that produced the layers
    layers TEXT NOT NULL,            -- contract JSON (entities, dates, events, quotes) + metadata
    story_id TEXT,
    duplicate_of TEXT,
    focus_country TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_pub_date ON documents(pub_date);
CREATE INDEX documents_story ON documents(story_id);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,             -- country|sector|name: one row per canonical actor
    name TEXT,
    country TEXT,
    sector TEXT
);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT REFERENCES actors(id),
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE dates (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    source_actor_id TEXT REFERENCES actors(id),
    source_text TEXT,
    target_actor_id TEXT REFERENCES actors(id),
    target_text TEXT,
    date TEXT,
    date_text TEXT,
    date_is_pub_date INTEGER NOT NULL DEFAULT 0,
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    modality TEXT NOT NULL,
    speaker_text TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT,
    confidence REAL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_actor_id);
CREATE INDEX events_target ON events(target_actor_id);

CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker_text TEXT,
    speaker_actor_id TEXT REFERENCES actors(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label_ar TEXT,
    label_en TEXT,
    first_date TEXT,
    last_date TEXT,
    n_docs INTEGER NOT NULL DEFAULT 0
);

-- Full-text index over the folded, clitic-aware terms of title and body
-- (see marsad.store.search.index_terms); rowid follows documents' rowid.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab(documents_fts, 'row');
