-- Newsletters (src/newsletters/CONTEXT.md).
-- A subscriber is one address on one newsletter; it receives nothing until confirmed (double opt-in).
-- An issue is one send; its recipients are fixed when it starts (one newsletter_deliveries row per
-- recipient), and each row is claimed ('sending') before its message goes out, so no address gets
-- the same issue twice.
CREATE TABLE newsletters (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  sender_name  TEXT NOT NULL,
  sender_email TEXT NOT NULL,
  audience     TEXT NOT NULL CHECK (audience IN ('anyone', 'members', 'patrons')),
  created_at   TEXT NOT NULL
);

CREATE TABLE newsletter_subscribers (
  id            INTEGER PRIMARY KEY,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  email         TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bouncing')),
  -- Random, secret: the confirmation and unsubscribe links carry it; no sign-in needed.
  token         TEXT NOT NULL UNIQUE,
  bounces       INTEGER NOT NULL DEFAULT 0,
  subscribed_at TEXT NOT NULL,
  confirmed_at  TEXT,
  updated_at    TEXT NOT NULL,
  UNIQUE (newsletter_id, email)
);
CREATE INDEX newsletter_subscribers_status ON newsletter_subscribers (newsletter_id, status);
CREATE INDEX newsletter_subscribers_pending ON newsletter_subscribers (status, subscribed_at);

CREATE TABLE newsletter_issues (
  id            INTEGER PRIMARY KEY,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  -- Position in the newsletter's archive: /newsletters/:slug/:number.
  number        INTEGER NOT NULL,
  subject       TEXT NOT NULL,
  intro         TEXT NOT NULL DEFAULT '',
  -- JSON array of article ids, in order (one for a story send, several for a digest).
  article_ids   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled')),
  send_at       TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  started_at    TEXT,
  finished_at   TEXT,
  -- The one process delivering it holds this lease; a dead one's lease runs out and another resumes.
  lease_owner   TEXT,
  lease_until   TEXT,
  UNIQUE (newsletter_id, number)
);
CREATE INDEX newsletter_issues_due ON newsletter_issues (status, send_at);

CREATE TABLE newsletter_deliveries (
  issue_id      INTEGER NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
  subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscribers(id) ON DELETE CASCADE,
  email         TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error    TEXT NOT NULL DEFAULT '',
  sent_at       TEXT,
  PRIMARY KEY (issue_id, subscriber_id)
);
CREATE INDEX newsletter_deliveries_todo ON newsletter_deliveries (issue_id, status, next_attempt_at);

