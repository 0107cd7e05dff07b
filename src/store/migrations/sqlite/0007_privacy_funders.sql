-- Funder credits and per-article funding disclosure.

-- Site-wide supporters, credited in the footer of every page and on /support.
-- `line` is the credit sentence with {outlet} and {funder} placeholders; empty means the default.
CREATE TABLE funders (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  url            TEXT NOT NULL DEFAULT '',
  line           TEXT NOT NULL DEFAULT '',
  logo_media_id  INTEGER REFERENCES media (id),
  position       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX funders_order ON funders (position, id);

-- Who paid for one story: underwriting (the newsroom kept editorial control) or sponsored content.
-- No kind means the story has no funding disclosure; the other columns are then empty.
ALTER TABLE articles ADD COLUMN funding_kind TEXT CHECK (funding_kind IS NULL OR funding_kind IN ('underwritten', 'sponsored'));
ALTER TABLE articles ADD COLUMN funding_name TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN funding_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN funding_disclosure TEXT NOT NULL DEFAULT '';
