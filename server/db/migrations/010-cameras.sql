-- Street cameras (issue 12, decision 028). Owned by server/cameras/camera-queries.ts.
-- One row per camera id as the file gives it; a re-import replaces the row of each id the file
-- gives and leaves every other camera as it was. The optional view values are stored as the file
-- gave them (NULL when left out): the assumed defaults (geo/cameras.ts) are applied when read, so
-- a change of defaults needs no re-import.
CREATE TABLE cameras (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  type TEXT NOT NULL CHECK (type IN ('fixed', 'ptz', 'redeployable', 'anpr')),
  type_assumed INTEGER NOT NULL CHECK (type_assumed IN (0, 1)),     -- 1: the file has no type (TfL JamCams: ptz)
  name TEXT,                                                        -- place or label, e.g. 'Commercial Rd/Watney St'
  lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),               -- WGS84
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  location_from TEXT NOT NULL CHECK (location_from IN ('lng-lat', 'easting-northing')),
  bearing REAL CHECK (bearing BETWEEN 0 AND 360),                   -- degrees clockwise from north
  field_of_view REAL CHECK (field_of_view > 0 AND field_of_view <= 360),
  range_meters REAL CHECK (range_meters > 0 AND range_meters <= 1000),
  status TEXT NOT NULL CHECK (status IN ('working', 'faulty', 'removed')),
  status_assumed INTEGER NOT NULL CHECK (status_assumed IN (0, 1)), -- 1: the file gave no status (taken as working)
  installed_on TEXT,                                                -- YYYY-MM-DD
  source_file TEXT NOT NULL,
  line INTEGER NOT NULL,                                            -- the file line it came from (header = 1)
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  imported_at TEXT NOT NULL                                         -- ISO 8601 UTC
);
