-- Static pages, redirects from old addresses, and what each import brought in (src/pages/,
-- src/redirects/, src/imports/ CONTEXT.md).

-- A page outside the news flow (About, Contact, an imported WordPress page), served at its path.
-- The body is stored as its source and as sanitized HTML made by articles/article-body.ts.
CREATE TABLE static_pages (
  id              INTEGER PRIMARY KEY,
  path            TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  body_format     TEXT NOT NULL DEFAULT 'markdown' CHECK (body_format IN ('markdown', 'html')),
  body_source     TEXT NOT NULL DEFAULT '',
  body_html       TEXT NOT NULL DEFAULT '',
  in_footer       INTEGER NOT NULL DEFAULT 0,
  footer_position INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX static_pages_footer ON static_pages (in_footer, footer_position, id);

-- An old address that answers 301. `from_path` is normalised (no trailing slash; only the query of
-- WordPress's /?p=ID and /?page_id=ID kept), so a miss costs one unique-index lookup.
CREATE TABLE redirects (
  id         INTEGER PRIMARY KEY,
  from_path  TEXT NOT NULL UNIQUE,
  to_path    TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT 'manual',
  created_at TEXT NOT NULL
);

-- One row per thing an import created, by the source's own id (WordPress GUID, Ghost id), so a
-- second run skips what is already in and an interrupted run carries on after its last batch.
CREATE TABLE import_items (
  source      TEXT NOT NULL,
  guid        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  target_id   INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source, guid)
);

-- Members brought in from another platform, with the newsletter choice they had made there
-- (the newsletters feature reads `newsletter_opt_in`: 1 subscribed, 0 not).
CREATE TABLE imported_members (
  member_id         INTEGER NOT NULL PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  source            TEXT NOT NULL,
  newsletter_opt_in INTEGER NOT NULL,
  newsletters       TEXT NOT NULL DEFAULT '',
  imported_at       TEXT NOT NULL
);
