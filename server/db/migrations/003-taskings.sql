-- Taskings: what the tasking meeting decides to do about a place, with its frozen evidence,
-- its visits (delivered dosage) and an audit trail of every change. Owned by server/taskings/.
CREATE TABLE taskings (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  theme TEXT,                        -- layer group id (geo/categories.ts), NULL when categories were named
  categories_json TEXT NOT NULL,     -- the category slugs the tasking is about
  problem TEXT NOT NULL,
  evidence_json TEXT NOT NULL,       -- snapshot at creation: window, counts and Gi* bins of the cells; never changed
  h3_resolution INTEGER NOT NULL CHECK (h3_resolution BETWEEN 7 AND 10),
  cells_json TEXT NOT NULL,          -- sorted H3 cell ids at h3_resolution
  polygon_json TEXT,                 -- the polygon drawn on the map, when the area came from one
  time_bands_json TEXT NOT NULL,     -- [{ weekdays, hours }], London time
  start_date TEXT NOT NULL,          -- 'YYYY-MM-DD', London dates
  review_date TEXT NOT NULL CHECK (review_date >= start_date),
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  objective TEXT NOT NULL,
  tactics_json TEXT NOT NULL,        -- option ids (tasking_options, list 'tactic')
  team TEXT NOT NULL,                -- option id (list 'team')
  owner TEXT NOT NULL,               -- users.username
  planned_visits_per_day INTEGER,
  planned_minutes_per_visit INTEGER,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'closed')), -- 'review-due' is derived, never stored
  version INTEGER NOT NULL CHECK (version >= 1),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK ((planned_visits_per_day IS NULL) = (planned_minutes_per_visit IS NULL))
);

-- The audit trail: every create, change, decision and visit, with who, when and the
-- field-by-field before/after. Rows are only ever added.
CREATE TABLE tasking_events (
  id INTEGER PRIMARY KEY,
  tasking_id INTEGER NOT NULL REFERENCES taskings(id),
  at TEXT NOT NULL,                  -- ISO 8601 UTC
  principal_id TEXT NOT NULL,        -- 'user:<name>' or 'token:<label>'
  principal_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'decision', 'visit')),
  changes_json TEXT NOT NULL,        -- { field: { before, after } }
  version INTEGER NOT NULL           -- the tasking's version after the event
);
CREATE INDEX tasking_events_by_tasking ON tasking_events (tasking_id, id);

CREATE TABLE tasking_visits (
  id INTEGER PRIMARY KEY,
  tasking_id INTEGER NOT NULL REFERENCES taskings(id),
  started_at TEXT NOT NULL,          -- ISO 8601 UTC
  ended_at TEXT NOT NULL CHECK (ended_at > started_at),
  officer TEXT NOT NULL,
  note TEXT,
  client_ref TEXT,                   -- set by a client that may send the same visit twice (an offline phone)
  logged_at TEXT NOT NULL,
  logged_by TEXT NOT NULL,
  UNIQUE (tasking_id, client_ref)
);
CREATE INDEX tasking_visits_by_tasking ON tasking_visits (tasking_id, started_at);

-- The configurable lists a tasking's tactics and team come from.
CREATE TABLE tasking_options (
  list TEXT NOT NULL CHECK (list IN ('tactic', 'team')),
  id TEXT NOT NULL,
  label TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (list, id)
);
