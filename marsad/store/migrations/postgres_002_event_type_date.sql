-- marsad store, schema version 2 (PostgreSQL), as sqlite_002_event_type_date.sql: events of
-- one type listed newest first without sorting them all; (type, date) serves every query
-- the single-column type index served, so that one goes.
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
DROP INDEX IF EXISTS events_type;
