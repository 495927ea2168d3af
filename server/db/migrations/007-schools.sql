-- Schools and the school calendar (issue 11, decision 023). Schools are owned by
-- server/schools/school-store.ts, the calendar by server/schools/school-calendar-store.ts.

-- One row per school (DfE unique reference number). A re-import replaces the row of each URN
-- the file gives; a school a later file leaves out keeps its row.
CREATE TABLE schools (
  urn INTEGER PRIMARY KEY CHECK (urn > 0),
  name TEXT NOT NULL CHECK (name <> ''),
  phase TEXT NOT NULL CHECK (phase IN ('primary', 'secondary', 'all-through', 'special', 'nursery', '16-plus', 'independent', 'other')),
  phase_in_file TEXT NOT NULL,     -- the file's own words, e.g. 'Not applicable'
  type_in_file TEXT,               -- TYPE / TypeOfEstablishment, when the file has the column
  status_in_file TEXT,             -- STATUS / EstablishmentStatus, when the file has the column
  open INTEGER NOT NULL CHECK (open IN (0, 1)),
  lng REAL CHECK (lng BETWEEN -180 AND 180),   -- WGS84; both NULL when the file gives no location
  lat REAL CHECK (lat BETWEEN -90 AND 90),
  location_from TEXT CHECK (location_from IN ('lng-lat', 'easting-northing')),
  source_file TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,       -- ISO 8601 UTC
  imported_by TEXT NOT NULL,
  CHECK ((lng IS NULL) = (lat IS NULL) AND (lng IS NULL) = (location_from IS NULL))
);

-- Term dates, holidays and inset days of the imported school years. A school year in here
-- replaces the assumed default calendar (server/schools/default-calendar.ts) for that year.
CREATE TABLE school_calendar_entries (
  id INTEGER PRIMARY KEY,
  school_year INTEGER NOT NULL,    -- the calendar year it starts in: 2025 for 2025-26
  date_from TEXT NOT NULL,         -- YYYY-MM-DD, included
  date_to TEXT NOT NULL,           -- YYYY-MM-DD, included
  kind TEXT NOT NULL CHECK (kind IN ('term', 'holiday', 'inset')),
  line INTEGER NOT NULL,           -- the line of the file it came from
  source_file TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  CHECK (date_from <= date_to)
);
CREATE INDEX school_calendar_by_year ON school_calendar_entries (school_year);
