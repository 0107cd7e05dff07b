-- Newsroom accounts: staff users, sessions, one-time login links, brute-force records, audit log.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'writer', 'contributor')),
  password_hash TEXT,
  author_id     INTEGER REFERENCES authors(id),
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);

-- A login. The cookie holds a random token; only its SHA-256 is stored, so a leaked table logs nobody in.
-- `kind` keeps staff and reader (member) sessions apart in one mechanism.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('staff', 'member')),
  subject_id   INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  user_agent   TEXT NOT NULL DEFAULT '',
  ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_subject ON sessions (kind, subject_id);

-- One-time login links (printed by the CLI, or mailed). Single use, expiring, stored hashed.
CREATE TABLE login_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);

-- Failed password attempts, per account and per IP, for lockout. Old rows are pruned.
CREATE TABLE login_failures (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, failed_at);

-- Who did what, when. Never updated or deleted by the application.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_id   INTEGER,
  actor_name TEXT NOT NULL,
  action     TEXT NOT NULL,
  subject    TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

-- Who owns a story (contributors and writers may only touch their own), and the editor's document.
ALTER TABLE articles ADD COLUMN owner_user_id INTEGER REFERENCES users(id);
ALTER TABLE articles ADD COLUMN body_json TEXT NOT NULL DEFAULT '';
