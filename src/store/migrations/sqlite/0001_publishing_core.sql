-- The publishing core: articles and everything a story page shows.
-- Times are ISO-8601 UTC strings ("2026-11-27T18:00:00.000Z") in both dialects,
-- so they sort as text and read the same from SQLite and PostgreSQL.

CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

-- A byline profile. Guest contributors have no staff account (user_id stays NULL).
CREATE TABLE authors (
  id      INTEGER PRIMARY KEY,
  slug    TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  bio     TEXT NOT NULL DEFAULT '',
  is_guest INTEGER NOT NULL DEFAULT 0,
  user_id INTEGER
);

-- An uploaded image, re-encoded into responsive variants on disk under DATA_DIR/media/<hash>/.
CREATE TABLE media (
  id         INTEGER PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  widths     TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  headline       TEXT NOT NULL,
  standfirst     TEXT NOT NULL DEFAULT '',
  hero_media_id  INTEGER REFERENCES media(id),
  hero_alt       TEXT NOT NULL DEFAULT '',
  hero_caption   TEXT NOT NULL DEFAULT '',
  hero_credit    TEXT NOT NULL DEFAULT '',
  section_id     INTEGER REFERENCES sections(id),
  language       TEXT NOT NULL DEFAULT 'en',
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'published')),
  published_at   TEXT,
  scheduled_for  TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 1,
  -- The large columns come last: SQLite stores a row's columns in order, so reading the status or
  -- dates of a story must not walk through the overflow pages of its body.
  body_format    TEXT NOT NULL DEFAULT 'markdown',
  body_source    TEXT NOT NULL DEFAULT '',
  body_html      TEXT NOT NULL DEFAULT '',
  body_text      TEXT NOT NULL DEFAULT ''
);
-- Listing pages read "published, newest first", overall and per section.
CREATE INDEX articles_published ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_section_published ON articles (section_id, status, published_at DESC, id DESC);

CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES authors(id),
  position   INTEGER NOT NULL,
  -- Copy of articles.published_at while the article is published, else NULL, so "an author's
  -- newest public stories" is one index range (see article-store.ts; kept in step on every write).
  published_at TEXT,
  PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id, published_at DESC, article_id DESC);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id),
  position   INTEGER NOT NULL,
  -- As in article_authors: the tag page and related stories read one index range.
  published_at TEXT,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, published_at DESC, article_id DESC);

CREATE TABLE article_sources (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  url        TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);

-- Related links pinned by an editor, in the editor's order.
CREATE TABLE article_related (
  article_id         INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  related_article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  PRIMARY KEY (article_id, related_article_id)
);

-- Every saved version of the headline, standfirst and body. Corrections compare against these.
CREATE TABLE article_revisions (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL,
  headline    TEXT NOT NULL,
  standfirst  TEXT NOT NULL,
  body_source TEXT NOT NULL,
  body_format TEXT NOT NULL,
  body_html   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  UNIQUE (article_id, revision)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
