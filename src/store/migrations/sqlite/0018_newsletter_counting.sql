-- Newsletters: counting per issue (opt-in), and "send when publishing" for scheduled stories
-- (src/newsletters/CONTEXT.md).
-- Counting is fixed when an issue starts (counting = 1 only if the outlet had it on then): the pixel
-- and the rewritten links of that issue count, nothing else does. Counts are per issue (and per link),
-- never per person: no table here names a subscriber.
ALTER TABLE newsletter_issues ADD COLUMN counting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE newsletter_issues ADD COLUMN opens INTEGER NOT NULL DEFAULT 0;

-- The links an issue carried: the click redirect goes only to one of these (no open redirect).
CREATE TABLE newsletter_links (
  issue_id INTEGER NOT NULL REFERENCES newsletter_issues(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  url      TEXT NOT NULL,
  clicks   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (issue_id, position),
  UNIQUE (issue_id, url)
);

-- A story scheduled for later whose editor chose "send when publishing": the send is created when
-- the scheduled publish happens (the articles.publish-due job), then the row is removed.
CREATE TABLE newsletter_publish_sends (
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (article_id)
);
