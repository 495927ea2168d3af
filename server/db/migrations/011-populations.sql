-- Residents per area and year (issue 15: rates per 1,000 residents; decision 035). Owned by
-- server/populations/population-queries.ts. One row per (area kind, code, year): the ONS
-- mid-year estimate (30 June of `year`), summed from LSOAs to wards by a best-fit lookup or
-- taken from a ward-level file. A re-import replaces every row of the years the file gives.
CREATE TABLE populations (
  area_kind TEXT NOT NULL CHECK (area_kind = 'ward'),
  area_code TEXT NOT NULL CHECK (area_code <> ''),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  population INTEGER NOT NULL CHECK (population >= 0),
  lsoas INTEGER CHECK (lsoas > 0),                     -- LSOAs summed into it; NULL from a ward-level file
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (area_kind, area_code, year)
) WITHOUT ROWID;
