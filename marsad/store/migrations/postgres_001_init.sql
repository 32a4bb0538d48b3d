-- marsad store, schema version 1 (PostgreSQL): the tables of sqlite_001_init.sql.
-- Differences: seq gives the insertion order SQLite's rowid gives; text that is sorted on
-- compares byte-wise (COLLATE "C") as in SQLite whatever the database's locale; the
-- full-text index is a tsvector table over the same terms, and search_terms holds its
-- vocabulary for expanding query words to spelling variants.
CREATE TABLE documents (
    seq BIGSERIAL UNIQUE,
    id TEXT COLLATE "C" PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT,
    pub_date TEXT COLLATE "C",
    url TEXT,
    outlet TEXT,
    author TEXT,
    credited_source TEXT,
    source_path TEXT,
    format TEXT,
    text TEXT NOT NULL,
    stages TEXT NOT NULL,
    layers TEXT NOT NULL,
    story_id TEXT COLLATE "C",
    duplicate_of TEXT,
    focus_country TEXT,
    ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_pub_date ON documents(pub_date);
CREATE INDEX documents_story ON documents(story_id);

CREATE TABLE sentences (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE actors (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE mentions (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT COLLATE "C" REFERENCES actors(id),
    location_name TEXT,
    location_country TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geonameid BIGINT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE dates (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    mode TEXT,
    cameo TEXT,
    source_actor_id TEXT COLLATE "C" REFERENCES actors(id),
    source_text TEXT,
    target_actor_id TEXT COLLATE "C" REFERENCES actors(id),
    target_text TEXT,
    date TEXT COLLATE "C",
    date_text TEXT,
    date_is_pub_date INTEGER NOT NULL DEFAULT 0,
    location_name TEXT,
    location_country TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    modality TEXT NOT NULL,
    speaker_text TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT,
    confidence DOUBLE PRECISION,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_actor_id);
CREATE INDEX events_target ON events(target_actor_id);

CREATE TABLE quotes (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker_text TEXT,
    speaker_actor_id TEXT COLLATE "C" REFERENCES actors(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    label_ar TEXT,
    label_en TEXT,
    first_date TEXT,
    last_date TEXT COLLATE "C",
    n_docs INTEGER NOT NULL DEFAULT 0
);

-- Full-text index over the folded, clitic-aware terms of title (weight A) and body
-- (see marsad.store.search.index_terms), parsed with the 'simple' configuration.
CREATE TABLE documents_search (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL
);
CREATE INDEX documents_search_terms ON documents_search USING GIN (terms);

-- Every lexeme ever indexed (never deleted: a stale one only widens a query).
CREATE TABLE search_terms (
    seq BIGSERIAL,
    term TEXT COLLATE "C" PRIMARY KEY
);
CREATE INDEX search_terms_seq ON search_terms(seq);
