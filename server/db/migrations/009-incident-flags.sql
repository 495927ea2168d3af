-- Partner flags on incidents (issue 11, serious violence; docs/decisions/027-serious-violence-flags.md):
-- knife, firearm, corrosive, domestic, hate, victimUnder25 and the location type, one Uint16 per
-- incident (geo/incident-flags.ts). Chunks in format 2 carry the column; format-1 chunks (every
-- chunk written before this, and chunks whose rows record no flag, such as police.uk months)
-- leave it NULL and read as "not recorded". Written and read by server/store/chunk-codec.ts.
ALTER TABLE incident_chunks ADD COLUMN flags BLOB;
