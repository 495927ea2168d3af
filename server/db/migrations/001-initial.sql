-- Import batches: one row per imported file, kept forever as the audit trail.
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,              -- importer: 'police-uk' | 'partner'
  source TEXT NOT NULL,            -- 'police.uk', 'demo', or the partner source name
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,       -- ISO 8601 UTC
  imported_by TEXT NOT NULL,       -- user name, token label or 'cli'
  rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_duplicate INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_outside_area INTEGER NOT NULL,
  -- Coverage of the rows this batch imported, so metadata never scans incidents.
  first_day INTEGER,               -- day number of the earliest start_day imported
  last_day INTEGER,                -- exclusive end_day of the latest incident imported
  precisions TEXT NOT NULL DEFAULT '', -- comma-separated precisions imported
  summary_json TEXT NOT NULL       -- full ImportSummary, including notes and first rejections
);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_record_id TEXT,           -- police.uk Crime ID / partner reference; NULL when absent
  -- Identity used to import each source idempotently: rows with the same key are a
  -- multiset (police.uk ASB repeats are real), see docs/decisions/003-idempotent-import.md.
  dedupe_key TEXT NOT NULL,
  category TEXT NOT NULL,          -- slug, geo/categories.ts
  occurred_at TEXT NOT NULL,       -- London local time truncated to precision
  precision TEXT NOT NULL CHECK (precision IN ('month', 'day', 'minute')),
  start_day INTEGER NOT NULL,      -- days since 1970-01-01, London local date
  end_day INTEGER NOT NULL,        -- exclusive; month precision spans the whole month
  minute_of_day INTEGER CHECK (minute_of_day BETWEEN 0 AND 1439),
  lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  h3_r11 TEXT NOT NULL,            -- H3 cell at resolution 11 (coarser cells come from lng/lat: H3 nests inexactly)
  batch_id INTEGER NOT NULL REFERENCES import_batches(id)
);
-- The only index: idempotent re-imports look rows up by identity. Window queries never
-- reach SQLite (docs/decisions/002-in-memory-window-index.md), and every extra index costs
-- import throughput.
CREATE INDEX incidents_by_dedupe_key ON incidents (source, dedupe_key);

-- Named areas: the study area (kind 'study-area', at most one) and wards etc.
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,              -- 'study-area' | 'ward' | 'neighbourhood' | 'basemap' | ...
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  geometry_json TEXT NOT NULL,     -- GeoJSON Polygon or MultiPolygon, WGS84 [lng, lat]
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (kind, code)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'planner', 'analyst', 'public')),
  password_hash TEXT NOT NULL,     -- scrypt$N$r$p$salt$hash
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,     -- sha256 of the cookie value; the value itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE, -- sha256 of the bearer token
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'planner', 'analyst', 'public')),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
