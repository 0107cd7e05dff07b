-- Reader corrections: reports anchored to the passage a reader highlighted, and published notes.

-- A report is anchored (W3C Web Annotation: TextQuoteSelector + TextPositionSelector) to the text
-- of the article revision the reader saw. Identical open reports fold into one row with a count.
CREATE TABLE correction_reports (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  revision       INTEGER NOT NULL,
  quote_exact    TEXT NOT NULL,
  quote_prefix   TEXT NOT NULL DEFAULT '',
  quote_suffix   TEXT NOT NULL DEFAULT '',
  position_start INTEGER NOT NULL,
  position_end   INTEGER NOT NULL,
  suggestion     TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'rejected', 'duplicate')),
  fingerprint    TEXT NOT NULL,
  report_count   INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  resolved_at    TEXT,
  resolved_by    TEXT
);
CREATE INDEX correction_reports_queue ON correction_reports (status, updated_at DESC, id DESC);
CREATE INDEX correction_reports_article ON correction_reports (article_id);
CREATE UNIQUE INDEX correction_reports_open_fingerprint ON correction_reports (fingerprint) WHERE status = 'new';

-- Readers who asked for a reply; a folded report can have several. Erased when they are told.
CREATE TABLE correction_report_contacts (
  report_id  INTEGER NOT NULL REFERENCES correction_reports(id) ON DELETE CASCADE,
  email      TEXT NOT NULL,
  notified_at TEXT,
  PRIMARY KEY (report_id, email)
);

-- A published note: a correction (something was wrong) or a clarification (something was unclear).
CREATE TABLE correction_notes (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('correction', 'clarification')),
  body         TEXT NOT NULL,
  published_at TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  report_id    INTEGER REFERENCES correction_reports(id) ON DELETE SET NULL
);
CREATE INDEX correction_notes_article ON correction_notes (article_id, published_at);
CREATE INDEX correction_notes_log ON correction_notes (published_at DESC, id DESC);
