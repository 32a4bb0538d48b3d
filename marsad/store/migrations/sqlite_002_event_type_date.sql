-- marsad store, schema version 2: events of one type listed newest first without sorting them all.
-- (type, date) serves `WHERE type = ? ORDER BY date DESC LIMIT n` in index order and every
-- query the single-column type index served, so that one goes.
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
DROP INDEX IF EXISTS events_type;
