-- THEO patrol plans (issue 13, decision 037). Owned by server/patrols/patrol-store.ts.
-- Bases: named start points (the council depot, a ward office), configurable by planners.
CREATE TABLE patrol_bases (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  created_at TEXT NOT NULL,            -- ISO 8601 UTC
  created_by TEXT NOT NULL             -- principal id
);

-- A shift plan: what was asked (team, date, shift, officers, start, the taskings, the visit order
-- when a planner set one by hand) and the schedule geo/patrols computed from it, kept as JSON so
-- a plan reads back exactly as it was planned even if a tasking changes afterwards.
CREATE TABLE patrol_plans (
  id INTEGER PRIMARY KEY,
  team TEXT NOT NULL,
  date TEXT NOT NULL,                  -- London date the shift starts, YYYY-MM-DD
  shift_start TEXT NOT NULL,           -- HH:MM London
  shift_end TEXT NOT NULL,             -- HH:MM London; at or before the start = the next day
  break_minutes INTEGER NOT NULL CHECK (break_minutes BETWEEN 0 AND 180),
  officers_json TEXT NOT NULL,         -- ["user name", ...]
  start_json TEXT NOT NULL,            -- [lng, lat]
  base_id INTEGER REFERENCES patrol_bases(id),
  tasking_ids_json TEXT NOT NULL,      -- the taskings planned, [id, ...]
  visit_order_json TEXT,               -- a planner's order of visits ([tasking id, ...]); NULL = planned automatically
  plan_json TEXT NOT NULL,             -- geo/patrols PatrolPlan
  version INTEGER NOT NULL CHECK (version >= 1),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX patrol_plans_by_date ON patrol_plans (date, team);
