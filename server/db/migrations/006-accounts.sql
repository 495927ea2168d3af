-- Accounts a council can run (issue 10): accounts can be disabled, the published demo accounts
-- are marked (they sign in only on a database that holds the demo data), sessions idle out,
-- and API tokens expire. Owned by server/auth/auth-queries.ts.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
-- The demo accounts seeded before this migration, with their published passwords.
UPDATE users SET demo = 1 WHERE (username, display_name, role) IN (
  VALUES ('chair', 'Demo tasking chair', 'chair'), ('planner', 'Demo THEO planner', 'planner'),
    ('analyst', 'Demo analyst', 'analyst'), ('public', 'Demo Safer Neighbourhood Board member', 'public'));

-- expires_at is now the absolute end of a session; last_seen_at moves with use (idle timeout).
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Tokens made before this had no end: they get 90 days from the upgrade, so no script breaks at once.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE revoked_at IS NULL;
