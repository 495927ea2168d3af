-- The officer role (issue 13, decision 038): THEO officers sign in with their own accounts, read
-- the patrol plans that name them and log visits. SQLite cannot change the CHECK on a column, so
-- users and api_tokens are rebuilt the standard way (new table, copy, drop, rename), keeping every
-- row and id. Owned by server/auth/auth-queries.ts.
--
-- Migrations run inside a transaction, where PRAGMA foreign_keys cannot be switched off; with it
-- on, dropping users deletes its rows first and the ON DELETE CASCADE of sessions.user_id would
-- sign everyone out. The sessions are kept aside in a temporary table and put back once users
-- exists again under its own name, with the same ids.
CREATE TEMP TABLE sessions_kept AS SELECT * FROM sessions;

CREATE TABLE users_014 (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'planner', 'analyst', 'public', 'officer')),
  password_hash TEXT NOT NULL,     -- scrypt$N$r$p$salt$hash
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  last_sign_in_at TEXT
);
INSERT INTO users_014 (id, username, display_name, role, password_hash, created_at, disabled_at, demo, last_sign_in_at)
  SELECT id, username, display_name, role, password_hash, created_at, disabled_at, demo, last_sign_in_at FROM users;
DROP TABLE users;
ALTER TABLE users_014 RENAME TO users;

CREATE TABLE api_tokens_014 (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE, -- sha256 of the bearer token
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chair', 'planner', 'analyst', 'public', 'officer')),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  expires_at TEXT,
  last_used_at TEXT
);
INSERT INTO api_tokens_014 (id, token_hash, label, role, created_at, revoked_at, expires_at, last_used_at)
  SELECT id, token_hash, label, role, created_at, revoked_at, expires_at, last_used_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_014 RENAME TO api_tokens;

-- With foreign keys off (a connection that never turned them on) the sessions are still there.
DELETE FROM sessions;
INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
  SELECT token_hash, user_id, created_at, expires_at, last_seen_at FROM sessions_kept;
DROP TABLE sessions_kept;
