-- Advertising the outlet sells itself: campaigns (one creative each) and their counts per day.
-- Nothing here names a reader: counts are totals per campaign and day, never per person.

-- A campaign: what runs (an image from the media library with alt text, or sanitized HTML), where
-- (space-separated slot names), when (starts_at inclusive, ends_at exclusive, ISO-8601 UTC), how
-- often relative to the others (weight), at most how many times a day one browser sees it
-- (daily_cap, enforced in that browser only), and for which stories (section / tag slugs).
CREATE TABLE ad_campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  advertiser   TEXT NOT NULL DEFAULT '',
  media_id     INTEGER REFERENCES media(id),
  alt          TEXT NOT NULL DEFAULT '',
  html         TEXT NOT NULL DEFAULT '',
  link         TEXT NOT NULL,
  slots        TEXT NOT NULL,
  starts_at    TEXT NOT NULL,
  ends_at      TEXT,
  weight       INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
  daily_cap    INTEGER CHECK (daily_cap IS NULL OR daily_cap BETWEEN 1 AND 100),
  section_slug TEXT,
  tag_slug     TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK (media_id IS NOT NULL OR html <> ''),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX ad_campaigns_ends ON ad_campaigns (ends_at);

-- Impressions (at least half the ad in view for a second) and clicks, per campaign and UTC day.
CREATE TABLE ad_daily_counts (
  campaign_id INTEGER NOT NULL REFERENCES ad_campaigns(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  impressions INTEGER NOT NULL DEFAULT 0,
  clicks      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, day)
);
