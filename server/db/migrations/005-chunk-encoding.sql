-- Every chunk names its layout and spellings (docs/store-format.md) instead of readers
-- guessing them from blob lengths and SQL types. Chunks written before this carry the
-- format-1 layout; their spellings are read off once here, where the guess is still exact:
-- lng/lat are Int32 millionths when the blob holds 4 bytes a row (Float64 holds 8), ids are
-- NUL-separated UTF-8 when stored as a BLOB, JSON when TEXT, absent when NULL.
-- Written and read by server/store/chunk-codec.ts.
ALTER TABLE incident_chunks ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE incident_chunks ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
UPDATE incident_chunks SET encoding = json_object(
  'lng', CASE WHEN length(lng) = row_count * 4 THEN 'int32-micro' ELSE 'float64' END,
  'lat', CASE WHEN length(lat) = row_count * 4 THEN 'int32-micro' ELSE 'float64' END,
  'ids', CASE typeof(source_record_ids) WHEN 'null' THEN 'none' WHEN 'blob' THEN 'utf8-nul' ELSE 'json' END
);
-- Start-up checks every chunk's format and encoding from this index alone.
CREATE INDEX incident_chunks_by_encoding ON incident_chunks (format, encoding);
