-- Cookieless analytics: daily counters only. No row names a reader. The salt and the salted visitor
-- hashes exist for the current day only: both are deleted when the day rolls over, after which
-- nothing can tie a count to an address or a browser (see src/analytics/CONTEXT.md).

-- Today's random salt (one row; yesterday's is deleted at the rollover).
CREATE TABLE analytics_salts (
  day  TEXT PRIMARY KEY,
  salt TEXT NOT NULL
);

-- Salted hashes seen today, per scope ('site', 'a:<article id>', 's:<section id>'), so a second
-- view from the same visitor is not a second unique, across processes. Deleted with the salt.
CREATE TABLE analytics_visitors (
  day     TEXT NOT NULL,
  scope   TEXT NOT NULL,
  visitor TEXT NOT NULL,
  PRIMARY KEY (day, scope, visitor)
);

CREATE TABLE analytics_site_days (
  day      TEXT PRIMARY KEY,
  views    INTEGER NOT NULL DEFAULT 0,
  visitors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE analytics_article_days (
  day        TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  views      INTEGER NOT NULL DEFAULT 0,
  visitors   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, article_id)
);
CREATE INDEX analytics_article_days_article ON analytics_article_days (article_id, day);

CREATE TABLE analytics_section_days (
  day        TEXT NOT NULL,
  section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  views      INTEGER NOT NULL DEFAULT 0,
  visitors   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, section_id)
);

-- The referring site's host name only (never a path or query).
CREATE TABLE analytics_referrer_days (
  day   TEXT NOT NULL,
  host  TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, host)
);

-- Filled only when the operator configures a local GeoIP database.
CREATE TABLE analytics_country_days (
  day     TEXT NOT NULL,
  country TEXT NOT NULL,
  views   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, country)
);
