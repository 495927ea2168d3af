-- Stop and search records (issue 11): police.uk stop-and-search CSV rows, one row per search.
-- Searches are not crimes: they live here, apart from the incident chunks, so no crime count,
-- hot spot or forecast can include them. Owned by server/stop-search/stop-search-store.ts;
-- docs/decisions/024-stop-and-search.md.
CREATE TABLE stop_searches (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  -- Content identity (hash of every column the file gives): identical rows are a multiset,
  -- as for police.uk crimes (decision 003): two people searched together are two rows.
  identity TEXT NOT NULL,
  occurred_at TEXT NOT NULL,       -- London local wall-clock 'YYYY-MM-DDTHH:MM' of the search
  day INTEGER NOT NULL,            -- London local day number (days since 1970-01-01)
  minute_of_day INTEGER NOT NULL CHECK (minute_of_day BETWEEN 0 AND 1439),
  month TEXT NOT NULL,             -- 'YYYY-MM' of the London day
  search_type TEXT NOT NULL,       -- Type, verbatim: 'Person search', 'Vehicle search', ...
  part_of_operation INTEGER CHECK (part_of_operation IN (0, 1)), -- NULL when empty or not True/False
  operation_name TEXT,
  -- Only located searches inside the study area are stored (a search without a point cannot be
  -- placed in or out of the borough). H3 cells are computed from the point at each served
  -- resolution, as the incident index does: H3 children do not nest exactly in their parents.
  lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  h3_r7 TEXT NOT NULL,
  h3_r8 TEXT NOT NULL,
  h3_r9 TEXT NOT NULL,
  h3_r10 TEXT NOT NULL,
  gender TEXT,                     -- verbatim; NULL when empty
  age_range TEXT NOT NULL,         -- class, geo/search-outcomes.ts (AGE_RANGES)
  self_defined_ethnicity TEXT,     -- verbatim; NULL when empty
  self_defined_group TEXT NOT NULL, -- class (SELF_DEFINED_GROUPS)
  officer_defined_ethnicity TEXT NOT NULL, -- class (OFFICER_DEFINED_ETHNICITIES)
  legislation TEXT,                -- verbatim; NULL when empty
  object_of_search TEXT,           -- verbatim; NULL when empty
  object_class TEXT NOT NULL,      -- class (OBJECT_CLASSES)
  outcome TEXT NOT NULL,           -- verbatim ('' when empty)
  outcome_class TEXT NOT NULL,     -- class (OUTCOME_CLASSES)
  outcome_linked INTEGER CHECK (outcome_linked IN (0, 1)), -- NULL when the file leaves it empty
  removal_of_outer_clothing INTEGER CHECK (removal_of_outer_clothing IN (0, 1))
);
-- Window queries (summary, counts by cell) read a range of days; re-imports look identities up by day.
CREATE INDEX stop_searches_by_day ON stop_searches (day, object_class);
CREATE INDEX stop_searches_by_identity ON stop_searches (identity);
