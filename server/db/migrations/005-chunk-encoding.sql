-- Every chunk names its layout and spellings (docs/store-format.md) instead of readers
-- guessing them from blob lengths and SQL types. Chunks written before this carry the
-- format-1 layout; labelUnlabelledChunks (server/store/chunk-store.ts) reads off their
-- spellings as the database opens, where the old rule is still exact. It runs on every open,
-- not once here, so chunks written by an older build after this migration are labelled too.
-- Written and read by server/store/chunk-codec.ts.
ALTER TABLE incident_chunks ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE incident_chunks ADD COLUMN encoding TEXT NOT NULL DEFAULT '';
-- Start-up checks and labels chunks from this index alone.
CREATE INDEX incident_chunks_by_encoding ON incident_chunks (format, encoding);
