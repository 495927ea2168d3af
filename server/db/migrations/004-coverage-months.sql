-- Which categories each import batch holds, month by month, so the app knows which layers
-- have data when (police.uk files cover some crime types for some years only). Written with
-- the batch by commitImport; filled from the stored chunks for databases older than this.
-- Owned by server/store/coverage-store.ts.
CREATE TABLE coverage_months (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  category TEXT NOT NULL,          -- slug, geo/categories.ts
  month TEXT NOT NULL,             -- 'YYYY-MM' of the incidents' start day (London)
  incidents INTEGER NOT NULL CHECK (incidents > 0),
  PRIMARY KEY (batch_id, category, month)
);
