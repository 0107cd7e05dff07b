-- Syndication: written permission to reprint more than the quotable excerpt.
-- A request comes in from the public form; an editor grants it (making a partner key) or refuses it.

-- What someone asked for, as they typed it (hostile text: stored as given, shown escaped).
CREATE TABLE republish_requests (
  id              INTEGER PRIMARY KEY,
  organisation    TEXT NOT NULL,
  contact_name    TEXT NOT NULL,
  contact_email   TEXT NOT NULL,
  website         TEXT NOT NULL DEFAULT '',
  articles        TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  wants_full_text INTEGER NOT NULL DEFAULT 0 CHECK (wants_full_text IN (0, 1)),
  status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'granted', 'refused')),
  created_at      TEXT NOT NULL,
  decided_at      TEXT,
  decided_by      TEXT,
  decision_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX republish_requests_queue ON republish_requests (status, created_at DESC, id DESC);

-- A permission: who, which articles (all, one section, or listed slugs), full text or not, until when.
CREATE TABLE partner_grants (
  id            INTEGER PRIMARY KEY,
  partner_name  TEXT NOT NULL,
  scope_kind    TEXT NOT NULL CHECK (scope_kind IN ('all', 'section', 'articles')),
  scope_section TEXT,
  full_text     INTEGER NOT NULL DEFAULT 0 CHECK (full_text IN (0, 1)),
  expires_at    TEXT,
  notes         TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  revoked_at    TEXT,
  revoked_by    TEXT,
  request_id    INTEGER REFERENCES republish_requests(id) ON DELETE SET NULL,
  -- A section scope names its section, and no other scope does.
  CHECK ((scope_kind = 'section') = (scope_section IS NOT NULL))
);
CREATE INDEX partner_grants_request ON partner_grants (request_id);

-- The articles an 'articles' grant covers, by slug.
CREATE TABLE partner_grant_articles (
  grant_id     INTEGER NOT NULL REFERENCES partner_grants(id) ON DELETE CASCADE,
  article_slug TEXT NOT NULL,
  PRIMARY KEY (grant_id, article_slug)
);

-- Keys a partner calls the Content API with. Only the SHA-256 of a key is kept; the key is shown once.
CREATE TABLE partner_keys (
  id         INTEGER PRIMARY KEY,
  grant_id   INTEGER NOT NULL REFERENCES partner_grants(id) ON DELETE CASCADE,
  key_hash   TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX partner_keys_grant ON partner_keys (grant_id);

-- Every full text a partner fetched: the grant's usage, counted per grant and article.
CREATE TABLE full_text_fetches (
  id         INTEGER PRIMARY KEY,
  key_id     INTEGER NOT NULL REFERENCES partner_keys(id) ON DELETE CASCADE,
  grant_id   INTEGER NOT NULL REFERENCES partner_grants(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  fetched_at TEXT NOT NULL
);
CREATE INDEX full_text_fetches_grant ON full_text_fetches (grant_id, article_id);
CREATE INDEX full_text_fetches_article ON full_text_fetches (article_id);

-- Views of republished copies (the bundle's pixel), one row per article, referring host and UTC day.
CREATE TABLE republish_views (
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  referrer_host TEXT NOT NULL,
  day           TEXT NOT NULL,
  view_count    INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (article_id, referrer_host, day)
);
