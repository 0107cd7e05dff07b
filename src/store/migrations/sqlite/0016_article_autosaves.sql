-- The editor's autosaves: the headline, standfirst and body as the writer left them, every few
-- seconds while they type. Kept apart from article_revisions on purpose: an autosave never changes
-- the article (a published story's live page stays as it was) and never takes a revision number,
-- so the stale-revision check on a real save works exactly as before. `based_on` is the revision
-- the writer's page was showing when it autosaved.
CREATE TABLE article_autosaves (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  based_on    INTEGER NOT NULL,
  headline    TEXT NOT NULL,
  standfirst  TEXT NOT NULL,
  body_html   TEXT NOT NULL,
  body_json   TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_autosaves_article ON article_autosaves (article_id, id);
