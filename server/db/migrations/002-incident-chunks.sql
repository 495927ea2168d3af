-- Incidents move from a row per incident to column chunks (docs/decisions/010-columnar-incident-store.md).
-- Rows stored under 001 are kept in legacy_incidents here and moved into chunks by
-- convertLegacyIncidents (server/store/legacy-incidents.ts) as the database opens.
CREATE TABLE incident_chunks (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  source TEXT NOT NULL,
  -- Incidents in the chunk are numbered first_incident_id .. first_incident_id + row_count - 1.
  first_incident_id INTEGER NOT NULL UNIQUE,
  row_count INTEGER NOT NULL CHECK (row_count > 0),
  first_day INTEGER NOT NULL,      -- earliest start_day (London local day number)
  last_day INTEGER NOT NULL,       -- latest exclusive end_day
  categories TEXT NOT NULL,        -- JSON array of category slugs; `category` holds indexes into it
  source_record_ids TEXT,          -- JSON array (null where absent); NULL when no row has one
  -- Each column is a little-endian typed array with row_count values.
  category BLOB NOT NULL,          -- Uint8
  precision BLOB NOT NULL,         -- Uint8: 0 month, 1 day, 2 minute
  start_day BLOB NOT NULL,         -- Int32; end_day follows from precision
  minute_of_day BLOB NOT NULL,     -- Int16, -1 when the time of day is unknown
  lng BLOB NOT NULL,               -- Float64, WGS84
  lat BLOB NOT NULL,               -- Float64, WGS84
  cell_hi BLOB NOT NULL,           -- Uint32: high half of the H3 resolution-11 cell
  cell_lo BLOB NOT NULL            -- Uint32: low half
);
-- Re-imports look for a source's chunks overlapping the file's days.
CREATE INDEX incident_chunks_by_source_days ON incident_chunks (source, first_day);

DROP INDEX incidents_by_dedupe_key;
ALTER TABLE incidents RENAME TO legacy_incidents;
