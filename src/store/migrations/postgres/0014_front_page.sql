-- The front page's top slots that editors pinned: slot 0 is the lead, 1-4 the secondary stories.
-- A slot without a row shows the newest story not shown elsewhere. One story, one slot.
-- Deleting a story or a staff account never leaves a pin pointing nowhere.
CREATE TABLE front_page_pins (
  slot       INTEGER PRIMARY KEY CHECK (slot >= 0 AND slot < 5),
  article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  pinned_at  TEXT NOT NULL,
  pinned_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
);
