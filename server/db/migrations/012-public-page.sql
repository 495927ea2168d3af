-- The public page's settings (issue 15, decision 036). Owned by server/public/public-settings.ts.
-- The disclosure rules themselves are configuration (DISCLOSURE_RULES, a JSON file); each rule
-- set the server starts with that differs from the last one recorded is written here, with the
-- change in words, so that every change of what the public may see is on record.
CREATE TABLE disclosure_rules_log (
  id INTEGER PRIMARY KEY,
  recorded_at TEXT NOT NULL,          -- ISO 8601 UTC: when a server first started with these rules
  rules_json TEXT NOT NULL,           -- the rules in force from then on
  source TEXT NOT NULL,               -- 'defaults' or the configuration file's path
  description TEXT NOT NULL           -- the change in words, one sentence a line (geo/disclosure/rules.ts describeRulesChange)
);

-- The partnership's priorities as shown on the public page: Markdown the chair or an analyst
-- edits. No row: the text shipped in content/public-priorities.md is shown. Every saved version
-- is kept (the newest is shown), so an edit can be traced and undone.
CREATE TABLE public_priorities (
  version INTEGER PRIMARY KEY,        -- 1, 2, ...: the version a change must name (409 when stale)
  markdown TEXT NOT NULL CHECK (length(markdown) <= 20000),
  saved_at TEXT NOT NULL,             -- ISO 8601 UTC
  saved_by TEXT NOT NULL              -- principal id, e.g. 'user:3'
);
